//! `minutes names`: every council and committee the index holds, with how
//! many documents carry each and the names extraction found for them
//! (their aliases), so a user can see what reconciliation did and what to
//! put in a config file. Read from fast fields only.

use std::collections::BTreeMap;

use serde::Serialize;

use super::fast::Strings;
use super::{IndexError, OpenIndex};
use crate::model::Kind;

/// The bucket for documents with no council or committee.
pub const NONE: &str = "(none)";

/// One name with its documents and the names it was found under.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NameCount {
    pub documents: u64,
    /// Extracted name → documents, where it differs from the name itself
    /// (`(none)` for documents that named none).
    pub aliases: BTreeMap<String, u64>,
}

/// A council, and its committees.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CouncilNames {
    #[serde(flatten)]
    pub name: NameCount,
    pub committees: BTreeMap<String, NameCount>,
}

/// Every council of the index, by name.
pub type Names = BTreeMap<String, CouncilNames>;

fn count(slot: &mut NameCount, name: &str, extracted: Option<&str>) {
    slot.documents += 1;
    let extracted = extracted.unwrap_or(NONE);
    if extracted != name {
        *slot.aliases.entry(extracted.to_owned()).or_default() += 1;
    }
}

fn get(col: &Option<Strings>, doc: tantivy::DocId) -> Option<&str> {
    col.as_ref().and_then(|c| c.get(doc))
}

/// Gather the names of `open`'s documents.
pub fn names(open: &OpenIndex) -> Result<Names, IndexError> {
    let err = || IndexError::tantivy(&open.path);
    let f = &open.fields;
    let mut out = Names::new();
    for segment in open.reader.searcher().segment_readers() {
        if segment.num_docs() == 0 {
            continue;
        }
        let kinds = Strings::required(segment, f.kind).map_err(err())?;
        let open_col = |field| Strings::open(segment, field).map_err(err());
        let (council, council_x) = (open_col(f.council_exact)?, open_col(f.council_extracted)?);
        let (committee, committee_x) = (
            open_col(f.committee_exact)?,
            open_col(f.committee_extracted)?,
        );
        for doc in segment.doc_ids_alive() {
            if kinds.get(doc) != Some(Kind::Document.as_str()) {
                continue;
            }
            let c = get(&council, doc).unwrap_or(NONE);
            let entry = out.entry(c.to_owned()).or_default();
            count(&mut entry.name, c, get(&council_x, doc));
            let k = get(&committee, doc).unwrap_or(NONE);
            let slot = entry.committees.entry(k.to_owned()).or_default();
            count(slot, k, get(&committee_x, doc));
        }
    }
    Ok(out)
}
