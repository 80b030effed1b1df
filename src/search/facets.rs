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
/// With `folded`, councils, committees, years and kinds count hits as the
/// list shows them (copies once); topics always count records.
pub fn facets(
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
    folded: bool,
) -> Result<Facets, SearchError> {
    let tally = |dim: Dim| {
        let t = Tally::new(fields, &[dim]).records_only();
        if folded { t.folded() } else { t }
    };
    let mut topics = FacetCollector::for_field(searcher.schema().get_field_name(fields.topic));
    topics.add_facet(Facet::root());
    let ((council, committee, year, kind), (topic_counts, total)) = searcher.search(
        query,
        &(
            (
                tally(Dim::Council),
                tally(Dim::Committee),
                tally(Dim::Year),
                tally(Dim::Kind),
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
