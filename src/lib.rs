//! `minutes`: full-text search for council meeting archives.
//!
//! Data flows one way through the stages, each a module:
//! [`crawl`] → [`normalise`] → [`extract`] → [`index`] for building, and
//! [`query`] → [`search`] → [`render`] for searching. The command line in
//! [`cli`] only parses arguments and calls these.

pub mod cli;
pub mod crawl;
pub mod date;
pub mod extract;
pub mod index;
pub mod model;
pub mod normalise;
pub mod query;
pub mod render;
pub mod search;
pub mod tally;
