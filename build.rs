//! Build-time facts for the `minutes` binary.
//!
//! 1. Link as a position-dependent executable on Linux. A search is a short
//!    process, and a position-independent build of this binary carries
//!    about 49,000 relative relocations that the dynamic loader applies at
//!    every start, copying a megabyte of pages: 0.6 ms of a 2 ms search
//!    process (BENCHMARKS.md). The cost is that the program's own image
//!    loads at a fixed address (its heap, stack and libraries stay
//!    randomised).
//! 2. Record the stemmer's crate and version (from Cargo.lock) as
//!    `MINUTES_STEMMER`, so an index analysed by another stemmer is rebuilt.

use std::path::Path;

/// The stemmer crate (`index::tokenizer::EnglishStemmer`).
const STEMMER: &str = "frostem";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=Cargo.lock");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let lock = std::fs::read_to_string(Path::new(&dir).join("Cargo.lock")).unwrap_or_default();
    let version = locked_version(&lock, STEMMER).unwrap_or("unknown");
    println!("cargo:rustc-env=MINUTES_STEMMER={STEMMER} {version}");
}

/// The version Cargo.lock gives the package `name`.
fn locked_version<'a>(lock: &'a str, name: &str) -> Option<&'a str> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim().strip_prefix("version = \"")?;
            return version.strip_suffix('"');
        }
    }
    None
}
