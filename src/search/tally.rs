//! Counting matching records by council, committee, kind, year or month,
//! straight from the index's fast fields: the engine behind `--facets` and
//! `minutes trends`. No stored text is read.
//!
//! A [`Tally`] is a tantivy collector. For every matching record it forms a
//! key, one value per [`Dim`], and counts records and distinct documents
//! (sources) per key. A record with no value for a dimension counts under
//! [`NONE`] (or [`UNDATED`] for dates), so the counts always add up to the
//! number of hits; a record of several kinds counts once for each.

use std::collections::{BTreeMap, HashMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};

use chrono::Datelike;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, DocId, Score, SegmentReader};

use super::distinct::distinct;
use crate::index::Fields;
use crate::index::fast::{self, Strings};
use crate::index::schema::from_datetime;

/// The bucket for records with no value.
pub const NONE: &str = "(none)";
/// The bucket for records with no date.
pub const UNDATED: &str = "undated";

/// What records are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dim {
    Council,
    Committee,
    Kind,
    Year,
    Month,
}

/// Records and documents in one bucket.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Count {
    pub records: u64,
    pub documents: u64,
}

/// Counts per key; a key has one value per dimension, in order.
pub type Counts = BTreeMap<Vec<String>, Count>;

/// A collector of [`Counts`] over the given dimensions.
pub struct Tally {
    dims: Vec<Dim>,
    fields: Fields,
    documents: bool,
    folded: bool,
}

impl Tally {
    /// A tally over one or two dimensions.
    pub fn new(fields: &Fields, dims: &[Dim]) -> Tally {
        debug_assert!((1..=2).contains(&dims.len()));
        Tally {
            dims: dims.iter().take(2).copied().collect(),
            fields: *fields,
            documents: true,
            folded: false,
        }
    }

    /// Count the hits records fold into (copies once), as a search lists
    /// them, instead of records.
    pub fn folded(mut self) -> Tally {
        self.folded = true;
        self
    }

    /// Count records only (`Count::documents` stays 0), which is cheaper.
    pub fn records_only(mut self) -> Tally {
        self.documents = false;
        self
    }
}

/// A record's values, one per dimension (at most two; the second is `None`
/// when there is one dimension).
type Key = [Option<u64>; 2];

/// One dimension's column in a segment.
enum Col {
    Str(Option<StrColumn>),
    Date(Column<DateTime>, bool),
}

pub struct TallySegment {
    cols: Vec<Col>,
    sources: Option<Strings>,
    /// Fold keys, when copies count once.
    fold_keys: Option<Column<u64>>,
    /// key of value ords (or year / year*100+month) → records, source ords
    counts: FxHashMap<Key, Slot>,
}

/// One bucket of a segment: records, source ords, fold keys (one for each
/// record, made distinct once, when the segments are merged: a set grown
/// record by record cost half of a search with facets).
type Slot = (u64, FxHashSet<u64>, Vec<u64>);

/// One bucket, merged: records, sources, fold keys.
type Merged = (u64, HashSet<String>, Vec<u64>);

/// The partial result of one segment: keys already turned into strings.
pub struct SegmentCounts(HashMap<Vec<String>, Merged>);

impl Collector for Tally {
    type Fruit = Counts;
    type Child = TallySegment;

    fn for_segment(&self, _: u32, segment: &SegmentReader) -> tantivy::Result<TallySegment> {
        let f = &self.fields;
        let mut cols = Vec::with_capacity(self.dims.len());
        for dim in &self.dims {
            cols.push(match dim {
                Dim::Council => Col::Str(fast::strs(segment, f.council_exact)?),
                Dim::Committee => Col::Str(fast::strs(segment, f.committee_exact)?),
                Dim::Kind => Col::Str(fast::strs(segment, f.kind)?),
                Dim::Year => Col::Date(fast::dates(segment, f.date)?, false),
                Dim::Month => Col::Date(fast::dates(segment, f.date)?, true),
            });
        }
        Ok(TallySegment {
            cols,
            sources: if self.documents {
                Strings::open(segment, f.source)?
            } else {
                None
            },
            fold_keys: if self.folded {
                Some(fast::u64s(segment, f.text_hash)?)
            } else {
                None
            },
            counts: FxHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentCounts>) -> tantivy::Result<Counts> {
        let mut merged: HashMap<Vec<String>, Merged> = HashMap::new();
        for SegmentCounts(part) in fruits {
            for (key, (records, sources, folds)) in part {
                let slot = merged.entry(key).or_default();
                slot.0 += records;
                slot.1.extend(sources);
                slot.2.extend(folds);
            }
        }
        let folded = self.folded;
        Ok(merged
            .into_iter()
            .map(|(key, (records, sources, folds))| {
                (
                    key,
                    Count {
                        records: if folded {
                            distinct(&[&folds]) as u64
                        } else {
                            records
                        },
                        documents: sources.len() as u64,
                    },
                )
            })
            .collect())
    }
}

impl SegmentCollector for TallySegment {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let source = self
            .sources
            .as_ref()
            .and_then(|s| s.ord(doc))
            .unwrap_or(u64::MAX);
        let fold = self.fold_keys.as_ref().and_then(|k| k.first(doc));
        // Each dimension's values for this record (only `kind` has several),
        // without allocating for the common single value.
        let mut values: [[Option<u64>; 4]; 2] = [[None; 4]; 2];
        let mut lens = [1usize; 2];
        for ((slots, len), col) in values.iter_mut().zip(lens.iter_mut()).zip(&self.cols) {
            match col {
                Col::Str(Some(c)) => {
                    let mut n = 0;
                    for (slot, ord) in slots.iter_mut().zip(c.ords().values_for_doc(doc)) {
                        *slot = Some(ord);
                        n += 1;
                    }
                    *len = n.max(1);
                }
                Col::Str(None) => {}
                Col::Date(c, month) => {
                    slots[0] = c.first(doc).and_then(from_datetime).map(|day| {
                        if *month {
                            day.year() as u64 * 100 + day.month() as u64
                        } else {
                            day.year() as u64
                        }
                    });
                }
            }
        }
        let dims = self.cols.len().min(2);
        let [first, second] = &values;
        let [first_len, second_len] = lens;
        let second_len = if dims > 1 { second_len } else { 1 };
        for a in first.get(..first_len).unwrap_or_default() {
            for b in second.get(..second_len).unwrap_or_default() {
                let key = [*a, if dims > 1 { *b } else { None }];
                let slot = self.counts.entry(key).or_default();
                slot.0 += 1;
                if self.sources.is_some() {
                    slot.1.insert(source);
                }
                if let Some(fold) = fold {
                    slot.2.push(fold);
                }
            }
        }
    }

    fn harvest(self) -> SegmentCounts {
        // Look up only the values that occur: few, next to whole dictionaries.
        let mut dicts: Vec<Option<HashMap<u64, String>>> = Vec::new();
        for (d, col) in self.cols.iter().enumerate() {
            dicts.push(match col {
                Col::Str(Some(c)) => {
                    let mut names = HashMap::new();
                    for key in self.counts.keys() {
                        if let Some(Some(ord)) = key.get(d)
                            && !names.contains_key(ord)
                        {
                            let mut name = String::new();
                            if matches!(c.ord_to_str(*ord, &mut name), Ok(true)) {
                                names.insert(*ord, name);
                            }
                        }
                    }
                    Some(names)
                }
                _ => None,
            });
        }
        let mut out: HashMap<Vec<String>, Merged> = HashMap::new();
        for (key, (records, source_ords, folds)) in self.counts {
            let names: Vec<String> = key
                .iter()
                .zip(&self.cols)
                .zip(&dicts)
                .map(|((value, col), dict)| match (value, col) {
                    (None, Col::Date(..)) => UNDATED.to_owned(),
                    (None, _) => NONE.to_owned(),
                    (Some(v), Col::Date(_, true)) => format!("{}-{:02}", v / 100, v % 100),
                    (Some(v), Col::Date(_, false)) => v.to_string(),
                    (Some(v), Col::Str(_)) => dict
                        .as_ref()
                        .and_then(|d| d.get(v).cloned())
                        .unwrap_or_else(|| NONE.to_owned()),
                })
                .collect();
            let slot = out.entry(names).or_default();
            slot.0 += records;
            slot.2.extend(folds);
            slot.1.extend(
                source_ords
                    .iter()
                    .filter_map(|o| self.sources.as_ref()?.name(*o).map(str::to_owned)),
            );
        }
        SegmentCounts(out)
    }
}
