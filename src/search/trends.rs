//! Records and documents matching a query, per value of one dimension and
//! per period: `minutes trends`.

use super::duplicates::Counted;
use super::tally::{Dim, Tally};
use super::{SearchError, TrendRow};
use crate::index::OpenIndex;
use crate::query::{self, Filters, QueryOptions};

/// The buckets of a trend, and what they count.
#[derive(Debug, Clone, Default)]
pub struct Trend {
    pub rows: Vec<TrendRow>,
    /// Hits matching in all, copies folded as a search lists them (a
    /// record counts once, whatever its kinds).
    pub total: usize,
    pub warnings: Vec<String>,
}

/// Records and documents matching `query` and `filters`, counted per value
/// of the first dimension (council, committee, kind) and per period of the
/// second (a year or a month).
pub fn trends(
    open: &OpenIndex,
    query: &str,
    filters: &Filters,
    [by, per]: [Dim; 2],
) -> Result<Trend, SearchError> {
    let searcher = open.reader.searcher();
    let parsed = query::build(
        &open.index,
        &open.fields,
        query,
        filters,
        QueryOptions::default(),
    )?;
    let (counts, total) = searcher.search(
        &*parsed.full,
        &(
            Tally::new(&open.fields, &[by, per]).folded(),
            Counted {
                fields: open.fields,
                folded: true,
            },
        ),
    )?;
    let rows = counts
        .into_iter()
        .map(|(key, c)| {
            let mut key = key.into_iter();
            TrendRow {
                value: key.next().unwrap_or_default(),
                period: key.next().unwrap_or_default(),
                records: c.records,
                documents: c.documents,
            }
        })
        .collect();
    Ok(Trend {
        rows,
        total,
        warnings: parsed.warnings,
    })
}
