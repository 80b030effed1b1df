//! The top matches of a query in a fixed order, and how many there are.

use tantivy::collector::TopDocs;
use tantivy::collector::sort_key::SortByStaticFastValue;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::{DateTime, DocAddress, Order, Searcher};

use super::duplicates::Counted;
use super::{SearchError, Sort};
use crate::index::OpenIndex;

/// How many matches to rank, in which order, whether to count them (a
/// second round, for more candidates, has the count of the first), and
/// whether the count is of hits after folding copies.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ranking {
    pub sort: Sort,
    pub fetch: usize,
    pub count: bool,
    pub folded: bool,
}

/// The top matches of `query` as `ranking` says, and, when it asks, how
/// many there are: records, or the hits they fold into.
pub(super) fn top_addresses(
    searcher: &Searcher,
    open: &OpenIndex,
    query: &dyn Query,
    ranking: Ranking,
) -> Result<(Option<usize>, Ranked), SearchError> {
    let counted = Counted {
        fields: open.fields,
        folded: ranking.folded,
    };
    let top = TopDocs::with_limit(ranking.fetch.max(1));
    let sort = ranking.sort;
    Ok(match sort {
        // A query tantivy cannot prune (an intersection of unions, required
        // clauses with optional ones) scores every match whatever the
        // collector: counting in the same pass saves a pass.
        Sort::Relevance if ranking.count && scores_every_match(query) => {
            let (count, top) = searcher.search(query, &(counted, top.order_by_score()))?;
            (Some(count), in_fixed_order(searcher, open, top)?)
        }
        Sort::Relevance => {
            let count = match ranking.count {
                true => Some(searcher.search(query, &counted)?),
                false => None,
            };
            let top = searcher.search(query, &top.order_by_score())?;
            (count, in_fixed_order(searcher, open, top)?)
        }
        Sort::Date | Sort::DateDesc | Sort::Indexed => {
            let (field, order) = match sort {
                Sort::Date => (open.fields.date, Order::Asc),
                Sort::DateDesc => (open.fields.date, Order::Desc),
                _ => (open.fields.indexed_at, Order::Desc),
            };
            // Records of the same day (or undated, or indexed at the same
            // second) by the hash of their text, which the indexing order
            // does not change: the same query lists them the same way after
            // every build. (Source order would read better, but ordering by
            // a string column looks each candidate's string up in the
            // dictionary: twice the time.)
            let schema = searcher.schema();
            let when = SortByStaticFastValue::<DateTime>::for_field(schema.get_field_name(field));
            let text_hash = SortByStaticFastValue::<u64>::for_field(
                schema.get_field_name(open.fields.text_hash),
            );
            let ordered = top.order_by(((when, order), (text_hash, Order::Asc)));
            let (count, top) = match ranking.count {
                true => {
                    let (count, top) = searcher.search(query, &(counted, ordered))?;
                    (Some(count), top)
                }
                false => (None, searcher.search(query, &ordered)?),
            };
            (count, top.into_iter().map(|(_, a)| (None, a)).collect())
        }
    })
}

/// Whether tantivy scores every match of `query` when it ranks them: an
/// intersection (two or more required clauses) of anything but terms, or
/// required clauses with optional ones (scored where they match), which
/// block-max pruning cannot skip through.
fn scores_every_match(query: &dyn Query) -> bool {
    let Some(query) = query.downcast_ref::<BooleanQuery>() else {
        return false;
    };
    let required = || query.clauses().iter().filter(|(o, _)| *o == Occur::Must);
    let optional = query.clauses().iter().any(|(o, _)| *o == Occur::Should);
    let intersection =
        required().count() >= 2 && required().any(|(_, q)| q.downcast_ref::<TermQuery>().is_none());
    intersection || (optional && required().count() >= 1)
}

/// `top`, best first, with records of the same score by their identity
/// key, which the indexing order does not change: the same query lists
/// them (and shows the same one of two copies) the same way after every
/// build, where tantivy leaves them in the order they were written.
fn in_fixed_order(
    searcher: &Searcher,
    open: &OpenIndex,
    top: Vec<(f32, DocAddress)>,
) -> Result<Ranked, SearchError> {
    let mut keys = crate::index::fast::u64_columns(searcher, open.fields.identity_key);
    let mut keyed = Vec::with_capacity(top.len());
    for (score, address) in top {
        keyed.push((score, keys.of(address)?.first(address.doc_id), address));
    }
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(keyed.into_iter().map(|(s, _, a)| (Some(s), a)).collect())
}

/// Matches in order, with their scores when ranked by relevance.
pub(super) type Ranked = Vec<(Option<f32>, DocAddress)>;

#[cfg(test)]
mod tests {
    use tantivy::Term;
    use tantivy::query::AllQuery;
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};

    use super::*;

    #[test]
    fn only_queries_that_score_every_match_count_in_the_ranking_pass() {
        let mut schema = Schema::builder();
        let field = schema.add_text_field("words", TEXT);
        let term = |w: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, w),
                IndexRecordOption::WithFreqs,
            ))
        };
        let either = |a: &str, b: &str| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, term(a)),
                (Occur::Should, term(b)),
            ]))
        };
        let all = |clauses: Vec<Box<dyn Query>>| {
            BooleanQuery::new(clauses.into_iter().map(|q| (Occur::Must, q)).collect())
        };
        // A word of two fields and a filter, two such words: every match is
        // scored.
        assert!(scores_every_match(&all(vec![either("a", "b"), term("k")])));
        assert!(scores_every_match(&all(vec![
            either("a", "b"),
            either("c", "d")
        ])));
        // Terms alone are pruned (block-max), and so is one word's union.
        assert!(!scores_every_match(&all(vec![term("a"), term("b")])));
        assert!(!scores_every_match(&*either("a", "b")));
        assert!(!scores_every_match(&all(vec![either("a", "b")])));
        assert!(!scores_every_match(&AllQuery));
        // A word that must not be there is no second required clause.
        let without = BooleanQuery::new(vec![
            (Occur::Must, either("a", "b")),
            (Occur::MustNot, term("c")),
        ]);
        assert!(!scores_every_match(&without));
        // Records with any of the words, ranked up by how many they have.
        let ranked_up = BooleanQuery::new(vec![
            (Occur::Must, either("a", "b")),
            (Occur::Should, term("c")),
        ]);
        assert!(scores_every_match(&ranked_up));
    }
}
