//! The analyzers: how text and names are split into terms, for indexing,
//! queries and snippets alike. Registered on every index that is opened or
//! created, under the names `schema.rs` gives the fields.

use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Tokenizer,
};

use super::backlog::Backlog;
use super::schema::{EXACT_ANALYZER, NAME_ANALYZER, TEXT_ANALYZER};
use super::tokenizer::CachedWords;
use super::words::WordTokenizer;
use crate::model::Record;

/// Words of this many bytes or more are not indexed (nor highlighted).
pub const LONGEST_WORD: usize = 48;

/// The analyzer for English text, for indexing, queries and snippets:
/// words, then lower case, ASCII folding and English stemming, done once
/// per distinct word (see [`CachedWords`]).
pub fn text_analyzer() -> TextAnalyzer {
    text_analyzer_over(WordTokenizer)
}

/// The English analysis over `words`, a [`WordTokenizer`] or a wrapper of it.
fn text_analyzer_over<T: Tokenizer>(words: T) -> TextAnalyzer {
    TextAnalyzer::builder(words)
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
    index.tokenizers().register(TEXT_ANALYZER, text_analyzer());
    index.tokenizers().register(NAME_ANALYZER, name_analyzer());
    index
        .tokenizers()
        .register(EXACT_ANALYZER, exact_analyzer());
}

/// Register our analyzers for a writer whose English analysis `backlog`
/// counts.
pub fn register_writing_tokenizers(index: &Index, backlog: &Backlog) {
    index.tokenizers().register(
        TEXT_ANALYZER,
        text_analyzer_over(backlog.counting(WordTokenizer)),
    );
    index.tokenizers().register(NAME_ANALYZER, name_analyzer());
    index
        .tokenizers()
        .register(EXACT_ANALYZER, exact_analyzer());
}

/// Bytes of text the English analyzer will see for `record`: what a
/// [`Backlog`] counts as queued when the record goes to the writer.
pub fn analyzed_bytes(record: &Record) -> u64 {
    let title = record.meta.title.value.as_ref().map_or(0, String::len);
    (record.body.len() + title) as u64
}
