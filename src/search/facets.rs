//! Counts of every matching record per council, committee, year, kind and
//! top-level topic, in one pass over the matches.

use tantivy::Searcher;
use tantivy::collector::{Count, FacetCollector};
use tantivy::query::Query;
use tantivy::schema::Facet;

use super::tally::{Counts, Dim, NONE, Tally, UNDATED};
use super::{FacetCounts, Facets, SearchError};
use crate::index::Fields;

/// Count the records `query` matches by each facet, in one pass.
/// Count the records `query` matches by each facet, in one pass.
pub fn facets(
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
) -> Result<Facets, SearchError> {
    let mut topics = FacetCollector::for_field(searcher.schema().get_field_name(fields.topic));
    topics.add_facet(Facet::root());
    let ((council, committee, year, kind), (topic_counts, total)) = searcher.search(
        query,
        &(
            (
                Tally::new(fields, &[Dim::Council]).records_only(),
                Tally::new(fields, &[Dim::Committee]).records_only(),
                Tally::new(fields, &[Dim::Year]).records_only(),
                Tally::new(fields, &[Dim::Kind]).records_only(),
            ),
            (topics, Count),
        ),
    )?;
    let list = |counts: Counts| -> FacetCounts {
        let mut v: FacetCounts = counts
            .into_iter()
            .map(|(k, c)| (k.into_iter().next().unwrap_or_default(), c.records))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    };
    let mut year = list(year);
    // Years read best in order, newest first, undated last.
    year.sort_by(|a, b| {
        (a.0 == UNDATED)
            .cmp(&(b.0 == UNDATED))
            .then_with(|| b.0.cmp(&a.0))
    });
    let mut topic: FacetCounts = topic_counts
        .get("/")
        .map(|(f, n)| (f.to_path_string(), n))
        .collect();
    let tagged: u64 = topic.iter().map(|(_, n)| n).sum();
    if (total as u64) > tagged {
        topic.push((NONE.to_owned(), total as u64 - tagged));
    }
    topic.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(Facets {
        council: list(council),
        committee: list(committee),
        year,
        kind: list(kind),
        topic,
    })
}
