//! The index folder as searches see it: reading never needs write access.
//!
//! tantivy takes its meta lock while it reads `meta.json`, by opening the
//! lock file for writing. On a read-only mount, another user's index or a
//! backup that open fails and the search with it. Here a lock that cannot
//! be taken for writing is taken shared on the file opened for reading, or,
//! where even that file cannot be opened, not at all: a reader only reads,
//! and the writer's commit replaces `meta.json` atomically.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// An index folder opened for searching.
#[derive(Debug, Clone)]
pub struct ReadDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl ReadDirectory {
    pub fn open(
        root: &Path,
    ) -> Result<ReadDirectory, tantivy::directory::error::OpenDirectoryError> {
        Ok(ReadDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
        })
    }
}

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

impl Directory for ReadDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
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
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(_)) => Ok(shared_lock(&self.root.join(&lock.filepath))),
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}
