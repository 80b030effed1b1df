//! The English analysis of council words (lower case, ASCII folding,
//! stemming) done once per distinct word, for indexing, queries and
//! snippets alike; the words themselves come from [`super::words`].

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

/// Words remembered per thread by [`CachedWords`] before it starts afresh.
const CACHE_LIMIT: usize = 100_000;

thread_local! {
    /// Word -> its terms, shared by every [`CachedWords`] on the thread:
    /// tantivy clones an analyzer for each snippet, so a cache of its own
    /// would start empty every time.
    static TERMS: RefCell<FxHashMap<String, WordTerms>> = RefCell::new(FxHashMap::default());
    /// What makes a word the cache has not seen into its exact term.
    static FOLDING: RefCell<TextAnalyzer> = RefCell::new(word_folding());
    /// What makes an exact term into its stem.
    static STEMMER: frostem::Stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
}

/// A word's two terms: lower-cased and folded (what a quoted word
/// matches), and that stemmed (what a word matches).
struct WordTerms {
    exact: String,
    stem: String,
}

/// `f` of the term the English analysis (lower case, ASCII folding,
/// stemming) gives `word`, empty if none; each distinct word is analysed
/// once per thread.
pub fn with_term<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    with_terms(word, |_, stem| f(stem))
}

/// `f` of the two terms of `word`: lower-cased and folded (the exact
/// analysis), and that stemmed (the English analysis); empty if none. Each
/// distinct word is analysed once per thread.
pub fn with_terms<R>(word: &str, f: impl FnOnce(&str, &str) -> R) -> R {
    TERMS.with_borrow_mut(|terms| {
        if let Some(t) = terms.get(word) {
            return f(&t.exact, &t.stem);
        }
        if terms.len() >= CACHE_LIMIT {
            terms.clear();
        }
        let exact = FOLDING.with_borrow_mut(|folding| {
            let mut stream = folding.token_stream(word);
            stream.next().map(|t| t.text.clone()).unwrap_or_default()
        });
        let stem = STEMMER.with(|stemmer| stemmer.stem(&exact).into_owned());
        let out = f(&exact, &stem);
        terms.insert(word.to_owned(), WordTerms { exact, stem });
        out
    })
}

/// The rest of the English analysis (lower case, ASCII folding, stemming)
/// done once per distinct word: council text repeats its words, and these
/// three filters, run on every token, were a sixth of the indexing time and
/// most of the time spent making snippets. Gives exactly the terms the
/// filters give one by one.
#[derive(Clone, Default)]
pub struct CachedWords {
    /// Which words to analyse: all by default.
    could: CouldMatch,
}

impl CachedWords {
    /// The analysis of only the words that may give one of `terms`, the
    /// others let through with no text: what a query's highlighter does.
    #[cfg(test)]
    pub fn of_terms<'a>(terms: impl IntoIterator<Item = &'a str>) -> CachedWords {
        CachedWords {
            could: CouldMatch::new(terms),
        }
    }
}

impl TokenFilter for CachedWords {
    type Tokenizer<T: Tokenizer> = CachedWordsFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedWordsFilter<T> {
        CachedWordsFilter {
            inner,
            could: self.could,
        }
    }
}

/// What [`with_terms`] does to a word it has not seen, before stemming.
fn word_folding() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// For snippets: the words that cannot give one of a query's terms, which
/// [`CachedWords`] lets through with no text and does not analyse. A word's stem starts with the word's first two
/// letters, lower-cased, but for "dying", "lying" and "tying" ("die",
/// "lie", "tie"); a word that starts otherwise than in two ASCII letters
/// or digits is analysed as usual.
#[derive(Clone, Default)]
pub struct CouldMatch {
    /// The first two bytes of each term, lower-cased, as a set of bits;
    /// `None`: every word may match (a term shorter than two bytes or not
    /// ASCII there).
    starts: Option<std::sync::Arc<Starts>>,
}

/// A set of pairs of ASCII bytes: bit `a * 128 + b` for the pair `[a, b]`.
/// One lookup a word, with no search and no store of the pair to memory.
struct Starts([u64; 256]);

impl Starts {
    fn bit(a: u8, b: u8) -> (usize, u64) {
        let at = (usize::from(a & 0x7f) << 7) | usize::from(b & 0x7f);
        (at >> 6, 1 << (at & 63))
    }

    fn insert(&mut self, a: u8, b: u8) {
        let (word, bit) = Starts::bit(a, b);
        if let Some(w) = self.0.get_mut(word) {
            *w |= bit;
        }
    }

    fn contains(&self, a: u8, b: u8) -> bool {
        let (word, bit) = Starts::bit(a, b);
        self.0.get(word).is_some_and(|w| w & bit != 0)
    }
}

impl CouldMatch {
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> CouldMatch {
        let mut starts = Starts([0; 256]);
        for term in terms {
            match term.as_bytes() {
                [a, b, ..] if a.is_ascii() && b.is_ascii() => {
                    starts.insert(a.to_ascii_lowercase(), b.to_ascii_lowercase());
                }
                _ => return CouldMatch { starts: None },
            }
        }
        CouldMatch {
            starts: Some(std::sync::Arc::new(starts)),
        }
    }

    /// Whether `word`, as the text has it, may give one of the terms.
    pub fn may_match(&self, word: &str) -> bool {
        let Some(starts) = &self.starts else {
            return true;
        };
        match word.as_bytes() {
            [a, b, ..] if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() => {
                starts.contains(a.to_ascii_lowercase(), b.to_ascii_lowercase())
                    || (word.len() == 5
                        && ["dying", "lying", "tying"]
                            .iter()
                            .any(|w| w.eq_ignore_ascii_case(word)))
            }
            _ => true,
        }
    }
}

#[derive(Clone)]
pub struct CachedWordsFilter<T> {
    inner: T,
    could: CouldMatch,
}

impl<T: Tokenizer> Tokenizer for CachedWordsFilter<T> {
    type TokenStream<'a> = CachedWordsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedWordsStream {
            tail: self.inner.token_stream(text),
            could: &self.could,
            word: String::new(),
        }
    }
}

pub struct CachedWordsStream<'a, S> {
    tail: S,
    could: &'a CouldMatch,
    /// The word being analysed (its token's text becomes the term).
    word: String,
}

impl<S: TokenStream> TokenStream for CachedWordsStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if !self.could.may_match(&token.text) {
            token.text.clear();
            return true;
        }
        self.word.clear();
        self.word.push_str(&token.text);
        token.text.clear();
        with_term(&self.word, |term| token.text.push_str(term));
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod analysis_tests {
    use tantivy::tokenizer::SimpleTokenizer;

    use super::*;
    use crate::index::words::WordTokenizer;

    /// The Snowball English stemmer (frostem) as a token filter, each token's
    /// text becoming its stem: the plain filter chain [`CachedWords`] and
    /// [`with_terms`] must agree with.
    #[derive(Clone, Copy, Default)]
    pub struct EnglishStemmer;

    impl TokenFilter for EnglishStemmer {
        type Tokenizer<T: Tokenizer> = EnglishStemmerFilter<T>;

        fn transform<T: Tokenizer>(self, inner: T) -> EnglishStemmerFilter<T> {
            EnglishStemmerFilter { inner }
        }
    }

    #[derive(Clone)]
    pub struct EnglishStemmerFilter<T> {
        inner: T,
    }

    impl<T: Tokenizer> Tokenizer for EnglishStemmerFilter<T> {
        type TokenStream<'a> = StemmedStream<T::TokenStream<'a>>;

        fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
            StemmedStream {
                tail: self.inner.token_stream(text),
                stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            }
        }
    }

    pub struct StemmedStream<S> {
        tail: S,
        stemmer: frostem::Stemmer,
    }

    impl<S: TokenStream> TokenStream for StemmedStream<S> {
        fn advance(&mut self) -> bool {
            if !self.tail.advance() {
                return false;
            }
            let token = self.tail.token_mut();
            if let std::borrow::Cow::Owned(stem) = self.stemmer.stem(&token.text) {
                token.text = stem;
            }
            true
        }

        fn token(&self) -> &Token {
            self.tail.token()
        }

        fn token_mut(&mut self) -> &mut Token {
            self.tail.token_mut()
        }
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    const TEXT: &str = "The Councillors considered CASELOADS, caseloads and the councils\u{2019} \
        considerations; running runners ran. Café naïve ÉLAN Straße 12/18 R2018-077 \
        £5,000 x2 ü 42nd — the end";

    #[test]
    fn words_split_where_simple_tokenizer_splits() {
        let plain = |t| TextAnalyzer::builder(t).build();
        assert_eq!(
            tokens(&mut plain(WordTokenizer), TEXT),
            tokens(&mut TextAnalyzer::from(SimpleTokenizer::default()), TEXT)
        );
        assert!(tokens(&mut plain(WordTokenizer), "").is_empty());
        assert!(tokens(&mut plain(WordTokenizer), " ,.; ").is_empty());
    }

    #[test]
    fn snippet_analysis_gives_every_term_of_the_query_where_the_full_analysis_does() {
        let text = format!("{TEXT} dying lying tying die Yellow yearly ÉLAN élan 7 x");
        let mut full = TextAnalyzer::builder(WordTokenizer)
            .filter(CachedWords::default())
            .build();
        let all = tokens(&mut full, &text);
        // Each term alone, and all of them at once.
        let mut queries: Vec<Vec<String>> = all.iter().map(|t| vec![t.0.clone()]).collect();
        queries.push(all.iter().map(|t| t.0.clone()).collect());
        for terms in queries {
            let mut snippet = TextAnalyzer::builder(WordTokenizer)
                .filter(CachedWords::of_terms(terms.iter().map(String::as_str)))
                .build();
            let of_terms = |ts: Vec<(String, usize, usize, usize)>| -> Vec<_> {
                ts.into_iter().filter(|t| terms.contains(&t.0)).collect()
            };
            let got = tokens(&mut snippet, &text);
            assert_eq!(got.len(), all.len(), "every word keeps its place");
            assert_eq!(of_terms(got.clone()), of_terms(all.clone()), "{terms:?}");
            // And most words are skipped for a one-term query.
            if terms.len() == 1 && terms[0] == "caseload" {
                let skipped = got.iter().filter(|t| t.0.is_empty()).count();
                assert!(skipped * 2 > got.len(), "{got:?}");
            }
        }
    }

    #[test]
    fn cached_words_equal_the_filters_one_by_one_twice_over() {
        let mut plain = TextAnalyzer::builder(WordTokenizer)
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(EnglishStemmer)
            .build();
        let mut cached = TextAnalyzer::builder(WordTokenizer)
            .filter(CachedWords::default())
            .build();
        let expected = tokens(&mut plain, TEXT);
        assert!(expected.iter().any(|t| t.0 == "caseload"));
        assert!(expected.iter().any(|t| t.0 == "cafe"));
        assert_eq!(tokens(&mut cached, TEXT), expected);
        // The second pass is served from the cache and must not differ.
        assert_eq!(tokens(&mut cached, TEXT), expected);
    }
}
