//! Writing a file whole or not at all, so that a crash, a kill or a full
//! disk leaves the old file or the new one, never half of either.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// How much a write must survive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// A cache: whole or absent is enough; a power cut may lose it.
    Cache,
    /// State another run relies on: on disk before the call returns.
    Durable,
}

/// Write `bytes` to `file` through a temporary file of this write's own
/// (two workers may write the same file at once), renamed over it. A
/// temporary file left by a failed write is removed.
pub fn write_atomically(file: &Path, bytes: &[u8], durability: Durability) -> std::io::Result<()> {
    let tmp = file.with_extension(temporary_suffix());
    write_through(file, &tmp, bytes, durability)
}

/// The same, with the temporary file in `tmp_dir` (on the same file
/// system): a folder other readers never look in, which the next run may
/// clear of what a kill left behind.
pub fn write_atomically_in(
    file: &Path,
    tmp_dir: &Path,
    bytes: &[u8],
    durability: Durability,
) -> std::io::Result<()> {
    std::fs::create_dir_all(tmp_dir)?;
    let tmp = tmp_dir.join(temporary_suffix());
    write_through(file, &tmp, bytes, durability)
}

fn temporary_suffix() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("tmp{}-{n}", std::process::id())
}

fn write_through(
    file: &Path,
    tmp: &Path,
    bytes: &[u8],
    durability: Durability,
) -> std::io::Result<()> {
    let dir = file.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)?;
    }
    let written = (|| {
        let mut out = std::fs::File::create(tmp)?;
        out.write_all(bytes)?;
        if durability == Durability::Durable {
            out.sync_all()?;
        }
        std::fs::rename(tmp, file)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(tmp);
        return written;
    }
    if durability == Durability::Durable
        && let Some(dir) = dir
        && let Ok(d) = std::fs::File::open(dir)
    {
        // The rename itself, on disk.
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_and_no_temporary_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("state.json");
        write_atomically(&file, b"one", Durability::Durable).unwrap();
        write_atomically(&file, b"two", Durability::Cache).unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
        // A write that cannot rename (the target is a folder) leaves nothing.
        let folder = dir.path().join("taken");
        std::fs::create_dir_all(folder.join("inner")).unwrap();
        assert!(write_atomically(&folder, b"x", Durability::Durable).is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2);
    }
}
