//! The analyzers: how text and names are split into terms, for indexing,
//! queries and snippets alike. Registered on every index that is opened or
//! created, under the names `schema.rs` gives the fields.

use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

use super::analysis::AnalysedTerms;
use super::backlog::Backlog;
use super::schema::{
    BODY_ANALYZER, BODY_EXACT_ANALYZER, EXACT_ANALYZER, NAME_ANALYZER, TEXT_ANALYZER,
};
use super::tokenizer::CachedWords;
use super::words::WordTokenizer;

/// Words of this many bytes or more are not indexed (nor highlighted).
pub const LONGEST_WORD: usize = 48;

/// The analyzer for English text, for indexing, queries and snippets:
/// words, then lower case, ASCII folding and English stemming, done once
/// per distinct word (see [`CachedWords`]).
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(CachedWords::default())
        .build()
}

/// The English analysis for the snippets of a query whose terms are
/// `terms`, as an analyzer: words that cannot give one of them are not
/// analysed (see [`CachedWords::of_terms`]); the others give the terms
/// [`text_analyzer`] gives. Search's highlighter does the same without an
/// analyzer; this one gives tantivy's snippet generator the same words, to
/// prove the two choose alike.
#[cfg(test)]
pub fn snippet_analyzer<'a>(terms: impl IntoIterator<Item = &'a str>) -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(CachedWords::of_terms(terms))
        .build()
}

/// The analyzer for quoted words: words as [`text_analyzer`] splits
/// them, lower-cased and folded, not stemmed.
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The analyzer for council and committee names.
pub fn name_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Register our analyzers; needed every time an index is opened or created.
pub fn register_tokenizers(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(TEXT_ANALYZER, text_analyzer());
    tokenizers.register(BODY_ANALYZER, text_analyzer());
    tokenizers.register(NAME_ANALYZER, name_analyzer());
    tokenizers.register(EXACT_ANALYZER, exact_analyzer());
    tokenizers.register(BODY_EXACT_ANALYZER, exact_analyzer());
}

/// Register our analyzers for a writer, which is given the body fields'
/// terms already analysed (see [`super::analysis`]) and reads them back,
/// counting the stems' bytes in `backlog`.
pub fn register_writing_tokenizers(index: &Index, backlog: &Backlog) {
    let tokenizers = index.tokenizers();
    tokenizers.register(TEXT_ANALYZER, text_analyzer());
    tokenizers.register(
        BODY_ANALYZER,
        TextAnalyzer::from(backlog.counting(AnalysedTerms)),
    );
    tokenizers.register(NAME_ANALYZER, name_analyzer());
    tokenizers.register(EXACT_ANALYZER, exact_analyzer());
    tokenizers.register(BODY_EXACT_ANALYZER, TextAnalyzer::from(AnalysedTerms));
}
