//! Each file's text analysed once for the index writer.
//!
//! A document's text is indexed four times over: in its record's `body` and
//! `body_exact`, and again in those of the agenda items and resolutions cut
//! from it, which cover most of it. Splitting and analysing the words each
//! time was a fifth of a build's work. An [`Analysis`] splits a text into
//! words once, looks each word's two terms up once (the exact term and its
//! stem, see [`with_terms`]), and writes them down in order; a segment's
//! terms are a slice of its document's. tantivy is handed those terms as the
//! field's value, and the writer registers [`AnalysedTerms`] for the two
//! body fields, which only reads them back: the same terms at the same
//! positions as analysing the text there (the tests below prove it), so a
//! search, which registers the real analyzers under those names, finds
//! what it always did.

use std::ops::Range;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::analyzers::LONGEST_WORD;
use super::tokenizer::with_terms;
use super::words::words;
use crate::model::Record;

/// Ends every term of an analysis; a word too long to index leaves an
/// empty term, which keeps its place. No term can hold it: terms come from
/// letters and digits, which lower-casing and folding never make into a
/// control character (a test checks every one).
const END: char = '\0';
/// [`END`] as a byte of the text (it is ASCII).
const END_BYTE: u8 = 0;

/// The words of a text and their terms, in order.
pub struct Analysis {
    words: Vec<Word>,
    stems: String,
    exact: String,
}

/// One word: where it lies in the text, and where its terms end in the
/// analysis's two term lists.
#[derive(Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    stems_to: usize,
    exact_to: usize,
}

/// The terms of a text (or of a slice of it), as the values the writer gives
/// the `body` (stems) and `body_exact` (exact terms) fields.
#[derive(Clone, Copy)]
pub struct Terms<'a> {
    pub stems: &'a str,
    pub exact: &'a str,
}

impl Analysis {
    /// Split `text` into words as [`super::words`] does and give each its
    /// two terms.
    pub fn of(text: &str) -> Analysis {
        let mut analysis = Analysis {
            words: Vec::with_capacity(text.len() / 6),
            stems: String::with_capacity(text.len()),
            exact: String::with_capacity(text.len()),
        };
        for word in words(text) {
            if word.text.len() < LONGEST_WORD {
                with_terms(&word.text, |exact, stem| {
                    analysis.exact.push_str(exact);
                    analysis.stems.push_str(stem);
                });
            }
            analysis.exact.push(END);
            analysis.stems.push(END);
            analysis.words.push(Word {
                start: word.span.start,
                end: word.span.end,
                stems_to: analysis.stems.len(),
                exact_to: analysis.exact.len(),
            });
        }
        analysis
    }

    /// The terms of the whole text.
    pub fn all(&self) -> Terms<'_> {
        Terms {
            stems: &self.stems,
            exact: &self.exact,
        }
    }

    /// The terms of `span` of the text: what analysing that slice alone
    /// gives, when no word crosses either end of it (`None` when one does,
    /// and the slice must be analysed on its own).
    pub fn within(&self, span: Range<usize>) -> Option<Terms<'_>> {
        let first = self.words.partition_point(|w| w.start < span.start);
        let last = self.words.partition_point(|w| w.start < span.end);
        let before = |i: usize| i.checked_sub(1).and_then(|i| self.words.get(i));
        if before(first).is_some_and(|w| w.end > span.start)
            || before(last).is_some_and(|w| w.end > span.end)
        {
            return None;
        }
        let ends = |i: usize| before(i).map_or((0, 0), |w| (w.stems_to, w.exact_to));
        let (stems_from, exact_from) = ends(first);
        let (stems_to, exact_to) = ends(last);
        Some(Terms {
            stems: self.stems.get(stems_from..stems_to)?,
            exact: self.exact.get(exact_from..exact_to)?,
        })
    }
}

/// The analyses of one file's records: its document's text analysed once,
/// for it and for every segment whose text is a slice of it.
pub struct FileAnalysis<'r> {
    document: Option<(&'r Record, Analysis)>,
}

impl<'r> FileAnalysis<'r> {
    /// Analyse the text of the document among `records` (a file's).
    pub fn of(records: &'r [Record]) -> FileAnalysis<'r> {
        FileAnalysis {
            document: records
                .iter()
                .find(|r| r.span.is_none())
                .map(|d| (d, Analysis::of(&d.body))),
        }
    }

    /// `f` of the terms of `record`, one of the file's: from the
    /// document's analysis where it has them, else from its own text's.
    pub fn with_terms<R>(&self, record: &Record, f: impl FnOnce(Terms) -> R) -> R {
        match self.shared(record) {
            Some(terms) => f(terms),
            None => f(Analysis::of(&record.body).all()),
        }
    }

    /// The terms of `record` from the document's analysis: all of it for
    /// the document, a slice for a segment whose text is the document's
    /// there and cuts no word; `None` otherwise.
    fn shared(&self, record: &Record) -> Option<Terms<'_>> {
        let (document, analysis) = self.document.as_ref()?;
        match &record.span {
            None if std::ptr::eq(*document, record) => Some(analysis.all()),
            Some(span) if document.body.get(span.clone()) == Some(record.body.as_str()) => {
                analysis.within(span.clone())
            }
            _ => None,
        }
    }
}

/// The writer's tokenizer for the body fields: reads back the terms of an
/// [`Analysis`], one position each, and no token for a word too long to
/// index.
#[derive(Clone, Copy, Default)]
pub struct AnalysedTerms;

pub struct AnalysedTermStream<'a> {
    rest: &'a str,
    /// Where `rest` starts in the value.
    at: usize,
    token: Token,
}

impl Tokenizer for AnalysedTerms {
    type TokenStream<'a> = AnalysedTermStream<'a>;

    fn token_stream<'a>(&'a mut self, terms: &'a str) -> AnalysedTermStream<'a> {
        AnalysedTermStream {
            rest: terms,
            at: 0,
            token: Token {
                position: usize::MAX,
                ..Token::default()
            },
        }
    }
}

impl TokenStream for AnalysedTermStream<'_> {
    fn advance(&mut self) -> bool {
        // Terms are a few bytes long: a plain loop finds their ends in a
        // fraction of the instructions a memchr call takes to start.
        while let Some(end) = self.rest.bytes().position(|b| b == END_BYTE) {
            let term = self.rest.get(..end).unwrap_or_default();
            let from = self.at;
            self.rest = self.rest.get(end + 1..).unwrap_or_default();
            self.at += end + 1;
            self.token.position = self.token.position.wrapping_add(1);
            if !term.is_empty() {
                self.token.text.clear();
                self.token.text.push_str(term);
                self.token.offset_from = from;
                self.token.offset_to = from + end;
                return true;
            }
        }
        false
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
    use tantivy::tokenizer::TextAnalyzer;

    use super::*;
    use crate::index::analyzers::{exact_analyzer, text_analyzer};

    /// Each token's text and position.
    fn tokens(mut stream: impl TokenStream) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    fn analysed(terms: &str) -> Vec<(String, usize)> {
        tokens(AnalysedTerms.token_stream(terms))
    }

    fn by(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize)> {
        tokens(analyzer.token_stream(text))
    }

    const LONG: &str = "Pneumonoultramicroscopicsilicovolcanoconiosisxxxxyy";

    fn text() -> String {
        format!(
            "The Councillors considered CASELOADS, and the D.f.E. said {LONG} no. \
             Café naïve ÉLAN Straße ½ 12/18 R2018-077 £5,000 — U.K. x2 end"
        )
    }

    #[test]
    fn terms_read_back_equal_the_analyzers_terms_at_the_same_positions() {
        let text = text();
        let analysis = Analysis::of(&text);
        let stems = analysed(analysis.all().stems);
        assert_eq!(stems, by(text_analyzer(), &text));
        assert_eq!(analysed(analysis.all().exact), by(exact_analyzer(), &text));
        // The cases the test is for are in the text.
        assert!(stems.iter().any(|t| t.0 == "caseload"));
        assert!(stems.iter().any(|t| t.0 == "dfe"));
        assert!(
            stems.windows(2).any(|w| w[1].1 == w[0].1 + 2),
            "a long word's gap"
        );
        assert!(analysed("").is_empty());
    }

    #[test]
    fn a_slice_has_the_terms_of_its_text_analysed_alone_or_none() {
        let text = text();
        let analysis = Analysis::of(&text);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut sliced = 0;
        let mut refused = 0;
        for (n, &start) in bounds.iter().enumerate() {
            for &end in bounds.iter().skip(n) {
                let alone = &text[start..end];
                match analysis.within(start..end) {
                    Some(terms) => {
                        sliced += 1;
                        assert_eq!(
                            analysed(terms.stems),
                            by(text_analyzer(), alone),
                            "{alone:?}"
                        );
                        assert_eq!(analysed(terms.exact), by(exact_analyzer(), alone));
                    }
                    None => refused += 1,
                }
            }
        }
        // Most slices cut a word somewhere; those that do not are served.
        assert!(sliced > 1000 && refused > sliced, "{sliced} / {refused}");
        // A slice from word to word never needs its own analysis.
        let from = text.find("Café").unwrap_or_default();
        let to = text.find(" 12/18").unwrap_or_default();
        assert!(analysis.within(from..to).is_some());
        assert!(analysis.within(from + 1..to).is_none());
    }

    fn record(body: &str, span: Option<Range<usize>>) -> Record {
        Record {
            span,
            ..Record::of_text(body)
        }
    }

    #[test]
    fn a_files_segments_get_their_own_texts_terms_shared_or_not() {
        let text = text();
        let at = |s: &str| text.find(s).unwrap_or_default();
        let cut = |span: Range<usize>| record(&text[span.clone()], Some(span));
        let records = vec![
            cut(at("Café")..at(" 12/18")),
            record(&text, None),
            // Starts inside "D.f.E.", which is one word of the document.
            cut(at("f.E.")..text.len()),
            // Its text is not the document's there.
            record("other words", Some(0..11)),
        ];
        let file = FileAnalysis::of(&records);
        for r in &records {
            let stems = file.with_terms(r, |t| analysed(t.stems));
            assert_eq!(stems, by(text_analyzer(), &r.body), "{:?}", r.body);
            let exact = file.with_terms(r, |t| analysed(t.exact));
            assert_eq!(exact, by(exact_analyzer(), &r.body));
        }
        let shared: Vec<bool> = records.iter().map(|r| file.shared(r).is_some()).collect();
        assert_eq!(shared, [true, true, false, false]);
    }

    #[test]
    fn no_letter_or_digit_folds_into_the_end_of_a_term() {
        let mut exact = exact_analyzer();
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            if c.is_alphanumeric() {
                let word = c.to_string();
                for (term, _) in tokens(exact.token_stream(&word)) {
                    assert!(!term.contains(END), "{c:?}");
                }
            }
        }
    }
}
