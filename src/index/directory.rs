//! The index folder as tantivy sees it, opened for searching or for
//! writing.
//!
//! Searching never needs write access. tantivy takes its meta lock while
//! it reads `meta.json`, by opening the lock file for writing: on a
//! read-only mount, another user's index or a backup that open fails and
//! the search with it. For a search, a lock that cannot be taken for
//! writing is taken shared on the file opened for reading, or, where even
//! that file cannot be opened, not at all: a reader only reads, and the
//! writer's commit replaces `meta.json` atomically. Searches map the files:
//! they read a little of each, many times.
//!
//! The writer reads segment files a range at a time with `pread` instead
//! of mapping them. A merge reads every segment it merges from start to
//! end; mapped, each page it touched stayed in the build's resident set
//! until the merge ended, so the peak grew with the segments merged (a
//! third of it at 4× the development corpora). Read, a merge holds only
//! the pieces it is working on, and the pages stay in the system's file
//! cache, which the system can take back.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// What the folder is opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Search,
    Write,
}

/// An index folder opened for one [`Use`].
#[derive(Debug, Clone)]
pub struct IndexDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    used_for: Use,
}

impl IndexDirectory {
    pub fn open(root: &Path, used_for: Use) -> tantivy::Result<IndexDirectory> {
        Ok(IndexDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
            used_for,
        })
    }
}

#[cfg(unix)]
mod read_at;

/// A shared lock on the lock file opened for reading, or no lock.
fn shared_lock(path: &Path) -> DirectoryLock {
    match File::open(path) {
        Ok(file) => {
            // A file system without locks still lets us read.
            let _ = file.lock_shared();
            DirectoryLock::from(Box::new(file))
        }
        Err(_) => DirectoryLock::from(Box::new(())),
    }
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        match self.used_for {
            #[cfg(unix)]
            Use::Write => read_at::open(&self.root.join(path), path),
            _ => self.inner.get_file_handle(path),
        }
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match (self.used_for, self.inner.acquire_lock(lock)) {
            (Use::Search, Err(LockError::IoError(_))) => {
                Ok(shared_lock(&self.root.join(&lock.filepath)))
            }
            (_, other) => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory_with(
        name: &str,
        bytes: &[u8],
        used_for: Use,
    ) -> (tempfile::TempDir, IndexDirectory) {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(name), bytes).expect("write");
        let directory = IndexDirectory::open(dir.path(), used_for).expect("open");
        (dir, directory)
    }

    #[test]
    fn both_uses_read_the_same_bytes() {
        for used_for in [Use::Search, Use::Write] {
            let (_dir, directory) = directory_with("a.store", b"0123456789", used_for);
            let handle = directory
                .get_file_handle(Path::new("a.store"))
                .expect("handle");
            assert_eq!(handle.len(), 10);
            assert_eq!(handle.read_bytes(2..5).expect("read").as_slice(), b"234");
            assert_eq!(
                handle.read_bytes(0..10).expect("read").as_slice(),
                b"0123456789"
            );
            assert!(handle.read_bytes(4..4).expect("empty").is_empty());
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_writer_refuses_a_range_past_the_end_and_reports_a_missing_file() {
        let (_dir, directory) = directory_with("a.store", b"0123", Use::Write);
        let handle = directory
            .get_file_handle(Path::new("a.store"))
            .expect("handle");
        assert!(handle.read_bytes(2..5).is_err());
        let missing = directory.get_file_handle(Path::new("b.store"));
        assert!(matches!(missing, Err(OpenReadError::FileDoesNotExist(_))));
    }
}
