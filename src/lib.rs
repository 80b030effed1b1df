//! `minutes`: full-text search for council meeting archives.
//!
//! Data flows one way through the stages, each a module. Building, in the
//! order [`pipeline`] runs them: [`crawl`] → [`convert`] → [`normalise`] →
//! [`extract`] → [`reconcile`] → [`index`]. Searching: [`query`] →
//! [`search`] → [`render`]. The command line in [`cli`] only parses
//! arguments and calls these. `ARCHITECTURE.md` has the map.

// No `unwrap()` and no indexing that can panic outside tests: what input can
// reach returns an error, or reads with `get`. (`expect` is left for the
// regular expressions written in the source, which a test compiles.)
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::indexing_slicing))]

pub mod cli;
pub mod config;
pub mod convert;
pub mod crawl;
pub mod date;
pub mod extract;
pub mod fetch;
pub mod files;
pub mod index;
pub mod model;
pub mod normalise;
pub mod pipeline;
pub mod query;
pub mod reconcile;
pub mod render;
pub mod search;
pub mod serve;
#[cfg(test)]
mod test_random;
pub mod watch;
