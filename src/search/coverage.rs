//! How much of a query a record covers, for ranking the records that have
//! only some of its words: each word a record has adds a constant score
//! that grows with the word's rarity (its idf), whatever how often the
//! record repeats it. Added to BM25, it puts a record with the rare word
//! above a long one that repeats the common words.

use std::collections::HashSet;

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use super::SearchError;
use crate::index::OpenIndex;

/// Score a word adds per unit of idf: enough to outweigh what BM25 gives
/// a long text for repeating words. On the development relevance set 10
/// gave 0.725 mean nDCG@10 and 0.685 on resolution needs (3 gave 0.729 and
/// 0.678; 0.710 and 0.648 without coverage).
const WEIGHT: f32 = 10.0;

/// The coverage query of `words` (plain words): one constant-score clause
/// per distinct term, in the text or the title.
pub fn query(
    searcher: &Searcher,
    open: &OpenIndex,
    words: &str,
) -> Result<Box<dyn Query>, SearchError> {
    let fields = &open.fields;
    let mut analyzer = open.index.tokenizer_for_field(fields.body)?;
    let mut terms: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    let mut stream = analyzer.token_stream(words);
    while let Some(token) = stream.next() {
        if seen.insert(token.text.clone()) {
            terms.push(token.text.clone());
        }
    }
    let docs = searcher.num_docs().max(1) as f32;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(terms.len());
    for text in terms {
        let body = Term::from_field_text(fields.body, &text);
        let title = Term::from_field_text(fields.title, &text);
        let df = searcher.doc_freq(&body)? as f32;
        let idf = (1.0 + (docs - df + 0.5) / (df + 0.5)).ln();
        let either: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
            (Occur::Should, term_query(body)),
            (Occur::Should, term_query(title)),
        ]));
        clauses.push((
            Occur::Should,
            Box::new(ConstScoreQuery::new(either, idf * WEIGHT)),
        ));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}
