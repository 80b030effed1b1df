//! Folding matches with the same text (the same minutes saved under two
//! paths, an item that is one resolution) into one hit, by the text hash
//! fast field, and choosing which copy to show.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnIndex, StrColumn};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader};

use super::SearchError;
use super::distinct::distinct;
use super::top::Ranked;
use crate::index::Fields;
use crate::index::fast;

/// A hit and the addresses of the later matches with the same text.
#[derive(Debug, Clone)]
pub struct Group {
    pub score: Option<f32>,
    pub address: DocAddress,
    pub copies: Vec<DocAddress>,
}

impl Group {
    fn one(score: Option<f32>, address: DocAddress) -> Group {
        Group {
            score,
            address,
            copies: Vec::new(),
        }
    }

    /// The first match, then its copies.
    pub fn addresses(&self) -> impl Iterator<Item = DocAddress> + '_ {
        std::iter::once(self.address).chain(self.copies.iter().copied())
    }
}

/// Every match a group of its own.
pub fn ungrouped(addresses: Ranked) -> Vec<Group> {
    addresses
        .into_iter()
        .map(|(score, address)| Group::one(score, address))
        .collect()
}

/// Fold matches whose text hash is the same into the first of them,
/// keeping the order.
pub fn group_duplicates(
    searcher: &Searcher,
    fields: &Fields,
    addresses: Ranked,
) -> Result<Vec<Group>, SearchError> {
    let mut hashes = fast::u64_columns(searcher, fields.text_hash);
    let mut groups: Vec<Group> = Vec::with_capacity(addresses.len());
    let mut by_hash: HashMap<u64, usize> = HashMap::new();
    for (score, address) in addresses {
        match hashes.of(address)?.first(address.doc_id) {
            Some(hash) => match by_hash.get(&hash) {
                Some(&i) => {
                    if let Some(group) = groups.get_mut(i) {
                        group.copies.push(address);
                    }
                }
                None => {
                    by_hash.insert(hash, groups.len());
                    groups.push(Group::one(score, address));
                }
            },
            None => groups.push(Group::one(score, address)),
        }
    }
    Ok(groups)
}

/// A collector of how many hits the matches make: every record, or with
/// `folded` the hits they fold into (the distinct fold keys; a record
/// without one is a hit of its own).
pub struct Counted {
    pub fields: Fields,
    pub folded: bool,
}

pub struct CountedSegment {
    keys: Option<Column<u64>>,
    /// Every match's key, copies included: pushing is cheaper than a set
    /// that grows, and the keys are made distinct once, at the end.
    keys_seen: Vec<u64>,
    unkeyed: usize,
}

impl Collector for Counted {
    type Fruit = usize;
    type Child = CountedSegment;

    fn for_segment(&self, _: u32, segment: &SegmentReader) -> tantivy::Result<CountedSegment> {
        let keys = match self.folded {
            true => Some(fast::u64s(segment, self.fields.text_hash)?),
            false => None,
        };
        Ok(CountedSegment {
            keys,
            keys_seen: Vec::new(),
            unkeyed: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(Vec<u64>, usize)>) -> tantivy::Result<usize> {
        let unkeyed: usize = fruits.iter().map(|(_, n)| n).sum();
        let runs: Vec<&[u64]> = fruits.iter().map(|(seen, _)| seen.as_slice()).collect();
        Ok(distinct(&runs) + unkeyed)
    }
}

impl SegmentCollector for CountedSegment {
    type Fruit = (Vec<u64>, usize);

    fn collect(&mut self, doc: DocId, _: Score) {
        match self.keys.as_ref().and_then(|k| k.first(doc)) {
            Some(key) => self.keys_seen.push(key),
            None => self.unkeyed += 1,
        }
    }

    /// Unscored matches come in blocks: their keys are read a block at a
    /// time, which costs a third of reading them one by one.
    fn collect_block(&mut self, docs: &[DocId]) {
        let Some(keys) = self.keys.as_ref() else {
            self.unkeyed += docs.len();
            return;
        };
        if matches!(keys.index, ColumnIndex::Full) {
            // Every record has a key: a record's row is its doc id, and
            // the keys are read without asking which exist.
            let mut found = [0u64; KEY_BLOCK];
            for block in docs.chunks(KEY_BLOCK) {
                if let Some(found) = found.get_mut(..block.len()) {
                    keys.values.get_vals(block, found);
                    self.keys_seen.extend_from_slice(found);
                }
            }
            return;
        }
        let mut found = [None; KEY_BLOCK];
        for block in docs.chunks(KEY_BLOCK) {
            let Some(found) = found.get_mut(..block.len()) else {
                continue;
            };
            found.fill(None);
            keys.first_vals(block, found);
            for key in found.iter() {
                match key {
                    Some(key) => self.keys_seen.push(*key),
                    None => self.unkeyed += 1,
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.keys_seen, self.unkeyed)
    }
}

/// Keys read from the column at a time.
const KEY_BLOCK: usize = 64;

/// What is known of one copy without reading it: its id, source and date,
/// from fast fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Copy {
    pub id: String,
    pub source: String,
    pub date: Option<chrono::NaiveDate>,
}

/// One segment's columns that name a copy.
struct CopyColumns {
    sources: Option<StrColumn>,
    parts: Column<u64>,
    dates: Column<tantivy::DateTime>,
}

/// How each segment's columns are opened.
type OpenColumns<'a> = Box<dyn Fn(&SegmentReader) -> tantivy::Result<CopyColumns> + 'a>;

/// Names the copies of a page of hits from fast fields (a dictionary
/// block each, not the stored document), each segment's columns opened
/// once for the whole page.
pub struct Namer<'a> {
    columns: fast::PerSegment<'a, CopyColumns, OpenColumns<'a>>,
}

impl<'a> Namer<'a> {
    pub fn new(searcher: &'a Searcher, fields: &Fields) -> Namer<'a> {
        let fields = *fields;
        let open: OpenColumns<'a> = Box::new(move |segment| {
            Ok(CopyColumns {
                sources: fast::strs(segment, fields.source)?,
                parts: fast::u64s(segment, fields.part)?,
                dates: fast::dates(segment, fields.date)?,
            })
        });
        Namer {
            columns: fast::PerSegment::new(searcher, open),
        }
    }

    /// The id, source and date of the record at each of `addresses`; the
    /// id is made of the source and the record's number in it, `source#n`.
    pub fn copies(
        &mut self,
        addresses: impl Iterator<Item = DocAddress>,
    ) -> Result<Vec<Copy>, SearchError> {
        let mut out = Vec::new();
        for address in addresses {
            let columns = self.columns.of(address)?;
            let mut source = String::new();
            if let Some(sources) = &columns.sources
                && let Some(ord) = sources.ords().first(address.doc_id)
            {
                sources
                    .ord_to_str(ord, &mut source)
                    .map_err(tantivy::TantivyError::from)?;
            }
            let id = match columns.parts.first(address.doc_id) {
                Some(n) => crate::model::record_id(&source, n),
                None => source.clone(),
            };
            out.push(Copy {
                source,
                date: columns
                    .dates
                    .first(address.doc_id)
                    .and_then(crate::index::schema::from_datetime),
                id,
            });
        }
        Ok(out)
    }
}

/// Which of several records with the same text to show: the copy filed
/// under its own meeting's date (minutes are often attached again to the
/// next meeting's papers), else the best ranked.
pub fn preferred_copy(copies: &[Copy]) -> usize {
    copies
        .iter()
        .position(|c| {
            c.date
                .is_some_and(|d| c.source.contains(&d.format("%Y-%m-%d").to_string()))
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_filed_with_its_own_meeting_is_shown() {
        let copy = |source: &str, date: Option<(i32, u32, u32)>| Copy {
            id: format!("{source}#0"),
            source: source.to_owned(),
            date: date.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
        };
        let later = copy(
            "council/2025-02-13/9 January 2025 minutes.txt",
            Some((2025, 1, 9)),
        );
        let own = copy("council/2025-01-09/Printed minutes.txt", Some((2025, 1, 9)));
        assert_eq!(preferred_copy(&[later.clone(), own.clone()]), 1);
        assert_eq!(preferred_copy(&[own, later.clone()]), 0);
        // No copy under its own date: the best ranked stays.
        let undated = copy("council/2025-03-01/minutes.txt", None);
        assert_eq!(preferred_copy(&[later, undated]), 0);
    }
}
