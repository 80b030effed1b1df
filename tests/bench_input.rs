//! The benchmarks' proof that they leave their input as they found it
//! (`benches/common/shared.rs`): a changed time, size or content fails.

use std::time::{Duration, SystemTime};

use crate::bench_shared::InputTree;

fn unchanged(tree: &InputTree) -> bool {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| tree.assert_unchanged())).is_ok()
}

#[test]
fn the_input_check_fails_on_a_new_time_new_content_or_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("minutes.txt");
    std::fs::write(&file, "RESOLVED that the report be noted.").unwrap();
    let tree = InputTree::snapshot(dir.path());
    assert!(unchanged(&tree), "nothing changed yet");

    // A new time only (what touching a hard link to the input does).
    let f = std::fs::File::options().write(true).open(&file).unwrap();
    f.set_modified(SystemTime::now() + Duration::from_secs(60))
        .unwrap();
    drop(f);
    assert!(!unchanged(&tree), "a new modification time");

    // The same size and time, other content.
    let tree = InputTree::snapshot(dir.path());
    let time = std::fs::metadata(&file).unwrap().modified().unwrap();
    std::fs::write(&file, "RESOLVED that the report be moved.").unwrap();
    let f = std::fs::File::options().write(true).open(&file).unwrap();
    f.set_modified(time).unwrap();
    drop(f);
    assert!(!unchanged(&tree), "other content of the same size and time");

    let tree = InputTree::snapshot(dir.path());
    std::fs::write(dir.path().join("extra.txt"), "x").unwrap();
    assert!(!unchanged(&tree), "a file added");
}
