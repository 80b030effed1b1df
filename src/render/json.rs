//! JSON Lines: one compact [`wire`](super::wire) message per line.

use std::io::{self, Write};

use serde::Serialize;

use super::wire::{FacetsOut, HitOut, TrendOut};
use crate::search::{Facets, Hit, TrendRow};

/// Write one message and end its line.
pub fn message(out: &mut dyn Write, message: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, message)?;
    writeln!(out)
}

/// One `hit` line per hit, ranked from `first_rank`.
pub fn hits(
    out: &mut dyn Write,
    hits: &[Hit],
    first_rank: usize,
    full_text: bool,
) -> io::Result<()> {
    for (i, hit) in hits.iter().enumerate() {
        message(out, &HitOut::new(first_rank + i, hit, full_text))?;
    }
    Ok(())
}

/// One `facets` line.
pub fn facets(out: &mut dyn Write, facets: &Facets, total: usize) -> io::Result<()> {
    message(out, &FacetsOut::new(facets, total))
}

/// One `trend` line per bucket.
pub fn trends(out: &mut dyn Write, rows: &[TrendRow], by: &str, per: &str) -> io::Result<()> {
    for row in rows {
        message(out, &TrendOut { by, per, row })?;
    }
    Ok(())
}
