//! Keeping the index writer's queue short.
//!
//! tantivy queues added documents for its indexing threads in a channel
//! bounded at 10,000 batches: for us that is the whole of a large corpus,
//! with every text held twice (the document's and its items'), so readers
//! running ahead of the indexing threads grew the build's memory with the
//! corpus. tantivy does not say how far its threads have got, but they run
//! our tokenizer on every body they index: a [`Backlog`] counts the bytes
//! of body terms queued and the bytes tokenized, and readers wait while too
//! much is queued.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tantivy::tokenizer::Tokenizer;

/// Bytes of text queued but not yet analyzed above which readers wait. A
/// queued record holds its text several times over (the stored text, the
/// exact-words field, the fields of its items), so 32 MiB here held over
/// a hundred megabytes at 4× the development corpora and more at 16×; at
/// 8 MiB the indexing threads are still never short of work (the build
/// takes as long) and the peak grows far less with the corpus (424 → 314
/// MB at 4×, 512 → 421 MB at 16×; BENCHMARKS.md).
const MAX_QUEUED_BYTES: u64 = 8 * 1024 * 1024;

/// The longest a reader waits: the count is a guide, not a lock, and a text
/// tantivy never analyzes (a document it rejects) must not stop the build.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// Bytes of text handed to the writer and bytes its threads have analyzed.
#[derive(Clone, Default)]
pub struct Backlog {
    queued: Arc<AtomicU64>,
    analyzed: Arc<AtomicU64>,
}

impl Backlog {
    /// Count `bytes` of text as handed to the writer.
    pub fn queued(&self, bytes: u64) {
        self.queued.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Wait, for at most [`MAX_WAIT`], while more than
    /// [`MAX_QUEUED_BYTES`] are queued.
    pub fn wait(&self) {
        let started = Instant::now();
        while self.pending() > MAX_QUEUED_BYTES && started.elapsed() < MAX_WAIT {
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Bytes queued and not yet analyzed.
    pub fn pending(&self) -> u64 {
        let queued = self.queued.load(Ordering::Relaxed);
        queued.saturating_sub(self.analyzed.load(Ordering::Relaxed))
    }

    /// `inner`, counting the bytes of every text it analyzes.
    pub fn counting<T>(&self, inner: T) -> Counting<T> {
        Counting {
            inner,
            analyzed: Arc::clone(&self.analyzed),
        }
    }
}

/// A tokenizer that counts the text it is given (see [`Backlog::counting`]).
#[derive(Clone)]
pub struct Counting<T> {
    inner: T,
    analyzed: Arc<AtomicU64>,
}

impl<T: Tokenizer> Tokenizer for Counting<T> {
    type TokenStream<'a> = T::TokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.analyzed
            .fetch_add(text.len() as u64, Ordering::Relaxed);
        self.inner.token_stream(text)
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{SimpleTokenizer, TokenStream};

    use super::*;

    #[test]
    fn analyzed_text_is_no_longer_pending() {
        let backlog = Backlog::default();
        backlog.queued(10);
        assert_eq!(backlog.pending(), 10);
        let mut tokenizer = backlog.counting(SimpleTokenizer::default());
        let mut stream = tokenizer.token_stream("0123456789");
        assert!(stream.advance());
        assert_eq!(backlog.pending(), 0);
    }

    #[test]
    fn waiting_is_bounded_even_when_nothing_is_analyzed() {
        let backlog = Backlog::default();
        backlog.queued(MAX_QUEUED_BYTES + 1);
        let started = Instant::now();
        backlog.wait();
        assert!(started.elapsed() >= MAX_WAIT);
        assert!(started.elapsed() < MAX_WAIT * 3);
    }
}
