//! Word splitting for council text: words as tantivy's simple tokenizer
//! finds them, plus dotted acronyms kept whole, so "D.f.E." and "DfE" are
//! the same word. One splitter for indexing, queries and snippets.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Splits on anything that is not a letter or digit, like tantivy's
/// `SimpleTokenizer`, but joins single letters separated by dots.
#[derive(Clone, Default)]
pub struct WordTokenizer;

pub struct WordTokenStream<'a> {
    words: Words<'a>,
    token: Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        WordTokenStream {
            words: words(text),
            token: Token {
                position: usize::MAX,
                ..Token::default()
            },
        }
    }
}

/// The next run of letters and digits at or after `from`.
#[inline(always)]
fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = from;
    loop {
        match class(*bytes.get(i)?) {
            WORD => break,
            SPACE => i += 1,
            _ => {
                let c = text.get(i..)?.chars().next()?;
                if c.is_alphanumeric() {
                    break;
                }
                i += c.len_utf8();
            }
        }
    }
    let start = i;
    while let Some(&b) = bytes.get(i) {
        match class(b) {
            WORD => i += 1,
            SPACE => return Some((start, i)),
            _ => match text.get(i..).and_then(|t| t.chars().next()) {
                Some(c) if c.is_alphanumeric() => i += c.len_utf8(),
                _ => return Some((start, i)),
            },
        }
    }
    Some((start, text.len()))
}

/// An ASCII letter or digit.
const WORD: u8 = 0;
/// Any other ASCII byte.
const SPACE: u8 = 1;
/// A byte of a character beyond ASCII, to be decoded.
const OTHER: u8 = 2;

/// The class of byte `b`: ASCII letters and digits and other ASCII bytes
/// are told apart without decoding, by one lookup.
fn class(b: u8) -> u8 {
    CLASSES.get(usize::from(b)).copied().unwrap_or(OTHER)
}

/// [`class`] of every byte.
// Indexing in a constant: an index out of range fails the build, not a run.
#[allow(clippy::indexing_slicing)]
static CLASSES: [u8; 256] = {
    let mut classes = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        classes[b] = if (b as u8).is_ascii_alphanumeric() {
            WORD
        } else {
            SPACE
        };
        b += 1;
    }
    classes
};

fn single_letter(word: &str) -> bool {
    match word.as_bytes() {
        [b] => return b.is_ascii_alphabetic(),
        // Longer than one character, or than any one character is.
        [b, ..] if b.is_ascii() || word.len() > 4 => return false,
        _ => {}
    }
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
}

/// One word of a text: where it lies, and its text, which differs from
/// the slice only for a dotted acronym ("D.f.E" is "DfE").
pub struct Word<'a> {
    pub span: std::ops::Range<usize>,
    pub text: std::borrow::Cow<'a, str>,
}

/// The words of `text` as [`WordTokenizer`] splits them, without copying
/// any but dotted acronyms.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The words of `text` from byte `at` on: the same words as [`words`]
/// gives from there where `at` is the start of one of its words, or just
/// after an ASCII byte that is neither a letter, a digit nor a dot (no word
/// holds one, and only a dot joins letters into one word).
pub fn words_from(text: &str, at: usize) -> Words<'_> {
    Words { text, at }
}

pub struct Words<'a> {
    text: &'a str,
    /// Where the next word is looked for.
    at: usize,
}

impl<'a> Words<'a> {
    /// The next word's start and end, and whether it is a dotted acronym
    /// (see [`word_text`]): what [`Iterator::next`] finds, without making the word,
    /// for callers that look at few words' text.
    #[inline]
    pub fn next_span(&mut self) -> Option<(usize, usize, bool)> {
        let text = self.text;
        let Some((start, mut end)) = next_word(text, self.at) else {
            self.at = text.len();
            return None;
        };
        let mut dotted = false;
        if text.get(start..end).is_some_and(single_letter) {
            // "D.f.E": letters joined by single dots become one word.
            while text.as_bytes().get(end) == Some(&b'.') {
                match next_word(text, end + 1) {
                    Some((s, e)) if s == end + 1 && text.get(s..e).is_some_and(single_letter) => {
                        end = e;
                        dotted = true;
                    }
                    _ => break,
                }
            }
        }
        self.at = end;
        Some((start, end, dotted))
    }
}

/// A word's text from its slice: the slice itself, or for a dotted acronym
/// its letters ("D.f.E" is "DfE").
pub fn word_text(slice: &str, dotted: bool) -> std::borrow::Cow<'_, str> {
    if dotted {
        std::borrow::Cow::Owned(slice.chars().filter(|&c| c != '.').collect())
    } else {
        std::borrow::Cow::Borrowed(slice)
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let (start, end, dotted) = self.next_span()?;
        Some(Word {
            span: start..end,
            text: word_text(self.text.get(start..end)?, dotted),
        })
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(word) = self.words.next() else {
            return false;
        };
        let token = &mut self.token;
        token.text.clear();
        token.text.push_str(&word.text);
        token.offset_from = word.span.start;
        token.offset_to = word.span.end;
        token.position = token.position.wrapping_add(1);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, usize)> {
        let mut tokenizer = WordTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position));
        }
        out
    }

    #[test]
    fn dotted_acronyms_are_one_word() {
        let w: Vec<String> = words("the D.f.E. said, and DfE agreed; U.K. a b")
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(
            w,
            ["the", "DfE", "said", "and", "DfE", "agreed", "UK", "a", "b"]
        );
    }

    /// Runs of letters and digits, found a character at a time.
    fn reference(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, text.len()));
        }
        out
    }

    #[test]
    fn words_are_the_runs_of_letters_and_digits_in_any_script() {
        let pieces = [
            "a", "Zz9", " ", ", ", "—", "é", "naïve", "’", "日本", "\u{a0}", "٣", "x\u{301}",
            "\n\n", "ß", "🙂", "-", "ǅ",
        ];
        let mut state = 0x9e37_79b9u32;
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..12 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                text.push_str(pieces[state as usize % pieces.len()]);
            }
            let mut found = Vec::new();
            let mut at = 0;
            while let Some((s, e)) = next_word(&text, at) {
                found.push((s, e));
                at = e;
            }
            assert_eq!(found, reference(&text), "{text:?}");
        }
    }

    #[test]
    fn identifiers_split_as_before_with_positions_in_order() {
        let w = words("R2018-077 and By-law 2021-032");
        let texts: Vec<&str> = w.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["R2018", "077", "and", "By", "law", "2021", "032"]);
        assert!(w.iter().enumerate().all(|(i, (_, p))| *p == i));
    }
}
