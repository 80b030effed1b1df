//! End-to-end tests through the built binary. One integration binary, as
//! ripgrep does; helpers in `util`.

mod util;

mod analysis;
mod bench_input;
#[path = "../benches/common/shared.rs"]
#[allow(dead_code)]
mod bench_shared;
mod browser;
mod cli;
mod decisions;
mod export;
mod fetch;
mod fetch_resume;
mod fetch_server;
mod folding;
mod golden;
mod hostile;
mod index;
mod names;
mod novelty;
mod output;
mod pdf;
mod pdf_maker;
mod properties;
mod readme;
mod search;
mod segments;
mod serve;
mod serve_util;
mod source_rules;
mod watch;
