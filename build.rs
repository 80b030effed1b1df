//! Link the `minutes` binary as a position-dependent executable on Linux.
//!
//! A search is a short process, and a position-independent build of this
//! binary carries about 49,000 relative relocations that the dynamic loader
//! applies at every start, copying a megabyte of pages: 0.6 ms of a 2 ms
//! search process (BENCHMARKS.md). The cost is that the program's own image
//! loads at a fixed address (its heap, stack and libraries stay randomised).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
