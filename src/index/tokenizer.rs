//! Word splitting for council text: tantivy's simple tokenizer, plus dotted
//! acronyms kept whole, so "D.f.E." and "DfE" are the same word; and an
//! English stemmer that remembers its words.

use std::collections::HashMap;

use tantivy::tokenizer::{
    SimpleTokenStream, SimpleTokenizer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Splits on anything that is not a letter or digit, like
/// `SimpleTokenizer`, but joins single letters separated by dots.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    inner: SimpleTokenizer,
}

pub struct WordTokenStream<'a> {
    text: &'a str,
    inner: SimpleTokenStream<'a>,
    pending: Option<Token>,
    token: Token,
    position: usize,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        WordTokenStream {
            text,
            inner: self.inner.token_stream(text),
            pending: None,
            token: Token::default(),
            position: 0,
        }
    }
}

fn single_letter(token: &Token) -> bool {
    let mut chars = token.text.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
}

impl WordTokenStream<'_> {
    fn pull(&mut self) -> Option<Token> {
        self.pending.take().or_else(|| self.inner.next().cloned())
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(mut token) = self.pull() else {
            return false;
        };
        if single_letter(&token) {
            // "D.f.E": letters joined by single dots become one word.
            while let Some(next) = self.pull() {
                let between = self.text.get(token.offset_to..next.offset_from);
                if single_letter(&next) && between == Some(".") {
                    token.text.push_str(&next.text);
                    token.offset_to = next.offset_to;
                } else {
                    self.pending = Some(next);
                    break;
                }
            }
        }
        token.position = self.position;
        self.position += 1;
        self.token = token;
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
        let mut tokenizer = WordTokenizer::default();
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

    #[test]
    fn identifiers_split_as_before_with_positions_in_order() {
        let w = words("R2018-077 and By-law 2021-032");
        let texts: Vec<&str> = w.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["R2018", "077", "and", "By", "law", "2021", "032"]);
        assert!(w.iter().enumerate().all(|(i, (_, p))| *p == i));
    }
}

/// Words remembered by [`CachedStemmer`] before it starts afresh.
const STEM_CACHE_LIMIT: usize = 100_000;

/// English stemming that remembers the words it has stemmed: council text
/// repeats its words, and the stemmer was a seventh of the indexing time
/// and most of the snippet time.
#[derive(Clone, Copy, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner,
            cache: HashMap::new(),
        }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    cache: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.cache.len() > STEM_CACHE_LIMIT {
            self.cache.clear();
        }
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

pub struct CachedStemmerStream<'a, S> {
    tail: S,
    cache: &'a mut HashMap<String, String>,
    stemmer: frostem::Stemmer,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        match self.cache.get(&token.text) {
            Some(stem) => {
                token.text.clear();
                token.text.push_str(stem);
            }
            None => {
                let stem = self.stemmer.stem(&token.text).into_owned();
                let word = std::mem::replace(&mut token.text, stem);
                self.cache.insert(word, token.text.clone());
            }
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

#[cfg(test)]
mod stem_tests {
    use tantivy::tokenizer::{Language, LowerCaser, Stemmer, TextAnalyzer};

    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    }

    #[test]
    fn cached_stems_equal_tantivys_stems_twice_over() {
        let text = "The councillors considered caseloads, caseloads and the councils' considerations; running runners ran.";
        let mut plain = TextAnalyzer::builder(WordTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached = TextAnalyzer::builder(WordTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer)
            .build();
        let expected = tokens(&mut plain, text);
        assert_eq!(tokens(&mut cached, text), expected);
        // The second pass is served from the cache and must not differ.
        assert_eq!(tokens(&mut cached, text), expected);
    }
}
