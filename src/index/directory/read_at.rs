//! Files the writer reads a range at a time with `pread`, where the system
//! reads at an offset (elsewhere the writer maps them too).
//!
//! A merge reads each segment's postings and positions term by term, from
//! the start of the file to its end, mostly a few bytes at a time: one
//! system call a read made half a million of them in a full build of the
//! development corpora. A read that starts at or just after where the last
//! one ended is served from a window read ahead of it, so reading forward
//! costs one call a window. Other reads (a lookup, a seek back) go to the
//! file as they are and allocate no window.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::{Arc, Mutex};

use tantivy::HasLen;
use tantivy::directory::error::OpenReadError;
use tantivy::directory::{FileHandle, OwnedBytes};

/// Bytes read ahead for reads going forward: one window per open file that
/// is read that way, for as long as it is open.
const WINDOW: usize = 128 * 1024;
/// Reads this long or longer go to the file whole.
const LONG_READ: usize = WINDOW / 4;

/// `path` (`full` from the folder's root) opened to be read a range at a
/// time.
pub fn open(full: &Path, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
    let opened = File::open(full).and_then(|file| {
        let len = usize::try_from(file.metadata()?.len()).map_err(io::Error::other)?;
        Ok(ReadAt::new(file, len))
    });
    match opened {
        Ok(handle) => Ok(Arc::new(handle)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            Err(OpenReadError::FileDoesNotExist(path.to_path_buf()))
        }
        Err(e) => Err(OpenReadError::wrap_io_error(e, path.to_path_buf())),
    }
}

/// One open file.
#[derive(Debug)]
struct ReadAt {
    file: File,
    len: usize,
    ahead: Mutex<Ahead>,
}

/// Where the last read ended, and the window read ahead of it.
#[derive(Debug, Default)]
struct Ahead {
    last_end: usize,
    start: usize,
    bytes: Vec<u8>,
    #[cfg(test)]
    system_reads: usize,
}

impl Ahead {
    fn holds(&self, range: &Range<usize>) -> bool {
        range.start >= self.start && range.end <= self.start + self.bytes.len()
    }

    /// Whether `range` goes on from the last read: at its end, or within a
    /// window after it.
    fn goes_forward(&self, range: &Range<usize>) -> bool {
        range.start >= self.last_end && range.start - self.last_end < WINDOW
    }
}

impl ReadAt {
    fn new(file: File, len: usize) -> ReadAt {
        ReadAt {
            file,
            len,
            ahead: Mutex::new(Ahead::default()),
        }
    }

    fn read_direct(&self, range: Range<usize>) -> io::Result<Vec<u8>> {
        let mut buffer = vec![0; range.len()];
        self.file.read_exact_at(&mut buffer, range.start as u64)?;
        Ok(buffer)
    }
}

impl HasLen for ReadAt {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadAt {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.end > self.len || range.start > range.end {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "range {range:?} is outside a file of {} bytes (was it changed while the index was open?)",
                    self.len
                ),
            ));
        }
        // A lock poisoned by a panic elsewhere is taken as it is: the window
        // always holds the bytes its start says (a failed read empties it).
        let mut ahead = self.ahead.lock().unwrap_or_else(|e| e.into_inner());
        let forward = ahead.goes_forward(&range);
        ahead.last_end = range.end;
        if range.len() >= LONG_READ {
            drop(ahead);
            return self.read_direct(range).map(OwnedBytes::new);
        }
        if !ahead.holds(&range) {
            if !forward {
                #[cfg(test)]
                {
                    ahead.system_reads += 1;
                }
                return self.read_direct(range).map(OwnedBytes::new);
            }
            let end = self.len.min(range.start + WINDOW);
            ahead.bytes.resize(end - range.start, 0);
            ahead.start = range.start;
            if let Err(e) = self
                .file
                .read_exact_at(&mut ahead.bytes, range.start as u64)
            {
                ahead.bytes.clear();
                return Err(e);
            }
            #[cfg(test)]
            {
                ahead.system_reads += 1;
            }
        }
        let from = range.start - ahead.start;
        match ahead.bytes.get(from..from + range.len()) {
            Some(bytes) => Ok(OwnedBytes::new(bytes.to_vec())),
            None => {
                drop(ahead);
                self.read_direct(range).map(OwnedBytes::new)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_of(bytes: &[u8]) -> (tempfile::TempDir, ReadAt) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.idx");
        std::fs::write(&path, bytes).expect("write");
        let file = File::open(&path).expect("open");
        (dir, ReadAt::new(file, bytes.len()))
    }

    fn reads(handle: &ReadAt) -> usize {
        handle.ahead.lock().expect("lock").system_reads
    }

    #[test]
    fn reading_forward_costs_one_system_read_a_window() {
        let bytes: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
        let (_dir, handle) = file_of(&bytes);
        let mut at = 0;
        let mut step = 1;
        while at < bytes.len() {
            // Short reads of varied length, with small gaps between some.
            let end = bytes.len().min(at + step);
            let got = handle.read_bytes(at..end).expect("read");
            assert_eq!(got.as_slice(), &bytes[at..end], "at {at}");
            at = end + step % 3;
            step = step % 97 + 1;
        }
        assert!(
            reads(&handle) <= bytes.len() / WINDOW + 2,
            "{} system reads",
            reads(&handle)
        );
    }

    #[test]
    fn reads_that_jump_back_are_right_and_read_alone() {
        let bytes: Vec<u8> = (0..300_000u32).map(|i| (i % 253) as u8).collect();
        let (_dir, handle) = file_of(&bytes);
        let ranges = [
            200_000..200_010,
            10..20,
            150_000..150_100,
            299_990..300_000,
            5..6,
        ];
        for range in ranges.clone() {
            let got = handle.read_bytes(range.clone()).expect("read");
            assert_eq!(got.as_slice(), &bytes[range]);
        }
        assert_eq!(reads(&handle), ranges.len(), "no window read for lookups");
        // Long reads and the end of the file read right too, and a short
        // read going on from a long one is read ahead.
        let long = handle.read_bytes(0..100_000).expect("long");
        assert_eq!(long.as_slice(), &bytes[..100_000]);
        let before = reads(&handle);
        for at in (100_000..100_500).step_by(50) {
            let got = handle.read_bytes(at..at + 50).expect("after long");
            assert_eq!(got.as_slice(), &bytes[at..at + 50]);
        }
        assert_eq!(reads(&handle), before + 1, "one window after the long read");
        let last = handle.read_bytes(299_999..300_000).expect("last");
        assert_eq!(last.as_slice(), &bytes[299_999..]);
        assert!(handle.read_bytes(299_999..300_001).is_err());
    }
}
