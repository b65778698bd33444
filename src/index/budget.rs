//! Back-pressure between the threads that prepare documents and tantivy's
//! writer, so that a build's memory stays bounded however large the archive.
//!
//! `IndexWriter::add_document` returns at once: it queues the document for
//! the indexing threads, and tantivy's queue holds up to 10,000 documents.
//! Normalizing is faster than indexing, so on real articles (20 KB bodies,
//! stored and indexed twice) that queue alone grew past a gigabyte. Each
//! queued document here carries a [`Permit`] for its size; tantivy drops the
//! document once it has indexed it, which gives the bytes back, and a thread
//! that wants to queue more than the budget allows waits.
//!
//! A [`Budget`] also bounds the pages being read at once (`build`'s
//! `Run::reading`): each thread takes a page's estimated weight before
//! parsing it, so two pages of tens of megabytes are not read side by side.
//!
//! The same drop, on tantivy's indexing threads, lets a build count the CPU
//! time those threads spend ([`BudgetedWriter::engine_cpu`]): the engine's
//! share of a build (analysis, postings, segment files), measured apart from
//! reading and normalizing, to compare with other engines fed the same text.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tantivy::schema::document::Document;
use tantivy::{IndexWriter, Opstamp, TantivyDocument, Term};

#[derive(Debug, Default)]
struct State {
    in_flight: u64,
}

/// A byte budget for documents queued but not yet indexed.
#[derive(Debug, Clone)]
pub struct Budget {
    shared: Arc<(Mutex<State>, Condvar)>,
    limit: u64,
    /// CPU nanoseconds of the indexing threads that have ended.
    engine_nanos: Arc<AtomicU64>,
}

/// Bytes of the budget held by one queued document; returned on drop.
#[derive(Debug)]
pub struct Permit {
    shared: Arc<(Mutex<State>, Condvar)>,
    bytes: u64,
    engine_nanos: Arc<AtomicU64>,
}

/// The name tantivy gives its indexing threads (`thrd-tantivy-index0`, …).
const INDEXING_THREAD: &str = "thrd-tantivy-index";

thread_local! {
    /// On an indexing thread: where its CPU time goes when it ends.
    static THREAD_TOTAL: RefCell<Option<ThreadTotal>> = const { RefCell::new(None) };
}

/// Adds its thread's whole CPU time to a total when the thread ends.
struct ThreadTotal(Arc<AtomicU64>);

impl Drop for ThreadTotal {
    fn drop(&mut self) {
        if let Ok(time) = cpu_time::ThreadTime::try_now() {
            let nanos = u64::try_from(time.as_duration().as_nanos()).unwrap_or(u64::MAX);
            self.0.fetch_add(nanos, Ordering::Relaxed);
        }
    }
}

/// Counts the current thread's CPU time into `total` when it ends, if it
/// is one of tantivy's indexing threads (they do nothing else).
fn count_indexing_thread(total: &Arc<AtomicU64>) {
    let _ = THREAD_TOTAL.try_with(|slot| {
        let Ok(mut slot) = slot.try_borrow_mut() else {
            return;
        };
        if slot.is_none()
            && std::thread::current()
                .name()
                .is_some_and(|name| name.starts_with(INDEXING_THREAD))
        {
            *slot = Some(ThreadTotal(Arc::clone(total)));
        }
    });
}

impl Budget {
    /// A budget of `limit` bytes.
    pub fn new(limit: u64) -> Self {
        Budget {
            shared: Arc::new((Mutex::new(State::default()), Condvar::new())),
            limit: limit.max(1),
            engine_nanos: Arc::default(),
        }
    }

    /// Takes `bytes` from the budget, waiting while the queued documents
    /// hold too much. A document larger than the whole budget goes through
    /// alone, once nothing else is queued.
    pub fn acquire(&self, bytes: u64) -> Permit {
        let (lock, ready) = &*self.shared;
        let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
        while state.in_flight > 0 && state.in_flight + bytes > self.limit {
            state = ready.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.in_flight += bytes;
        Permit {
            shared: Arc::clone(&self.shared),
            bytes,
            engine_nanos: Arc::clone(&self.engine_nanos),
        }
    }

    /// Bytes currently held by queued documents.
    pub fn in_flight(&self) -> u64 {
        let (lock, _) = &*self.shared;
        lock.lock().unwrap_or_else(|e| e.into_inner()).in_flight
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let (lock, ready) = &*self.shared;
        let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
        state.in_flight = state.in_flight.saturating_sub(self.bytes);
        ready.notify_all();
        // tantivy drops a document on the thread that indexed it.
        count_indexing_thread(&self.engine_nanos);
    }
}

/// A document with the permit for its bytes: what the writer queues.
pub struct BudgetedDocument {
    document: TantivyDocument,
    _permit: Permit,
}

impl Document for BudgetedDocument {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.document.iter_fields_and_values()
    }
}

/// The CPU time of a writer's indexing threads (see [`BudgetedWriter::engine_cpu`]).
#[derive(Debug, Clone)]
pub struct EngineCpu(Arc<AtomicU64>);

impl EngineCpu {
    /// CPU time of the indexing threads that have ended so far.
    pub fn total(&self) -> Duration {
        Duration::from_nanos(self.0.load(Ordering::Relaxed))
    }
}

/// An index writer whose queue is bounded by a [`Budget`].
pub struct BudgetedWriter {
    writer: IndexWriter<BudgetedDocument>,
    budget: Budget,
}

impl BudgetedWriter {
    /// Wraps `writer`, letting at most `limit` bytes of documents wait in
    /// its queue.
    pub fn new(writer: IndexWriter<BudgetedDocument>, limit: u64) -> Self {
        BudgetedWriter {
            writer,
            budget: Budget::new(limit),
        }
    }

    /// Queues a document, waiting for room in the budget first.
    pub fn add_document(&self, document: TantivyDocument) -> tantivy::Result<Opstamp> {
        let permit = self.budget.acquire(estimated_bytes(&document));
        self.writer.add_document(BudgetedDocument {
            document,
            _permit: permit,
        })
    }

    /// Deletes the documents with `term` (ordered with the adds around it).
    pub fn delete_term(&self, term: Term) -> Opstamp {
        self.writer.delete_term(term)
    }

    /// Deletes every document (of the previous commits).
    pub fn delete_all_documents(&self) -> tantivy::Result<Opstamp> {
        self.writer.delete_all_documents()
    }

    /// The writer, to commit.
    pub fn into_inner(self) -> IndexWriter<BudgetedDocument> {
        self.writer
    }

    /// A reading of the CPU time of the writer's indexing threads, once
    /// they have ended (tantivy joins them when it commits).
    pub fn engine_cpu(&self) -> EngineCpu {
        EngineCpu(Arc::clone(&self.budget.engine_nanos))
    }
}

/// What a queued document costs in memory, roughly: its text, plus the
/// per-token work the indexer does on it.
fn estimated_bytes(document: &TantivyDocument) -> u64 {
    use tantivy::schema::Value;
    let text: usize = document
        .iter_fields_and_values()
        .map(|(_, value)| value.as_str().map_or(16, str::len))
        .sum();
    2 * text as u64 + 1024
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn acquire_waits_until_permits_are_returned() {
        let budget = Budget::new(100);
        let first = budget.acquire(80);
        let waiter = {
            let budget = budget.clone();
            std::thread::spawn(move || {
                let _second = budget.acquire(50);
                budget.in_flight()
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(budget.in_flight(), 80, "the second permit must wait");
        drop(first);
        assert_eq!(waiter.join().unwrap(), 50);
        assert_eq!(budget.in_flight(), 0);
    }

    #[test]
    fn a_document_larger_than_the_budget_goes_through_alone() {
        let budget = Budget::new(10);
        let big = budget.acquire(1_000);
        assert_eq!(budget.in_flight(), 1_000);
        drop(big);
        assert_eq!(budget.in_flight(), 0);
    }
}
