//! The library starts no thread unless asked, and checks a long `friends` stream in flat
//! memory either way; asked (as `oscx validate` asks), it runs the rules beside the
//! validator. The findings are the same both ways (`tests/same_findings.rs` holds that for
//! every fixture).
//!
//! Peak heap is measured with a counting global allocator, threads by the entries of
//! `/proc/self/task` while the document is being read. This file holds one test so that no
//! other test's allocations or threads are counted.

mod support;

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use osc_schema::check::Checker;

#[global_allocator]
static ALLOCATOR: support::heap::Counting = support::heap::Counting;

/// The threads of this process now; `None` where `/proc` does not say.
fn threads() -> Option<usize> {
    std::fs::read_dir("/proc/self/task")
        .ok()
        .map(Iterator::count)
}

/// A `friends` list of `count` persons, made as it is read, noting in `most_threads` the
/// most threads the process had while it was read.
struct Friends {
    count: usize,
    next: usize,
    pending: Vec<u8>,
    taken: usize,
    finished: bool,
    most_threads: Arc<AtomicUsize>,
}

impl Friends {
    fn new(count: usize, most_threads: Arc<AtomicUsize>) -> Self {
        let head = "<friends xmlns=\"http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\">\n";
        Friends {
            count,
            next: 0,
            pending: head.as_bytes().to_vec(),
            taken: 0,
            finished: false,
            most_threads,
        }
    }

    fn refill(&mut self) {
        self.pending.clear();
        self.taken = 0;
        if self.next < self.count {
            let i = self.next;
            self.next += 1;
            // Person 3 repeats a userID: a rule finding, found only if the rules ran on the
            // list.
            let id = if i == 3 { 2 } else { i };
            self.pending.extend_from_slice(
                format!(
                    "  <person>\n    <userID>u-{id}</userID>\n    <fullName>Zoë {i}</fullName>\n    \
                     <emailAddress>p{i}@example.com</emailAddress>\n    \
                     <friendStatus>friend</friendStatus>\n  </person>\n"
                )
                .as_bytes(),
            );
            if i.is_multiple_of(1000) {
                if let Some(n) = threads() {
                    self.most_threads.fetch_max(n, Ordering::Relaxed);
                }
            }
        } else if !self.finished {
            self.finished = true;
            self.pending.extend_from_slice(b"</friends>\n");
        }
    }
}

impl Read for Friends {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.taken == self.pending.len() {
            self.refill();
        }
        let n = (self.pending.len() - self.taken).min(out.len());
        out[..n].copy_from_slice(&self.pending[self.taken..self.taken + n]);
        self.taken += n;
        Ok(n)
    }
}

/// What checking a generated list of `persons` as a stream (from a reader of unknown
/// length, past the in-memory limit) found: the findings' codes, the peak heap in bytes and
/// the most threads the process had while the list was read.
fn check_list(checker: &Checker, persons: usize) -> (Vec<String>, usize, usize) {
    let most_threads = Arc::new(AtomicUsize::new(0));
    let list = Friends::new(persons, Arc::clone(&most_threads));
    let baseline = support::heap::start();
    let checked = checker.check_reader("friends.xml", list).expect("checks");
    let peak = support::heap::peak_since(baseline);
    let codes = checked
        .report
        .diagnostics()
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    (codes, peak, most_threads.load(Ordering::Relaxed))
}

#[test]
fn a_long_friends_stream_is_checked_in_flat_memory_on_threads_only_when_asked() {
    // About 9 MB: past the in-memory limit, so checked as a stream.
    const PERSONS: usize = 70_000;
    let Some(before) = threads() else {
        eprintln!("skipped: /proc/self/task is not there to count threads");
        return;
    };
    let checker = Checker::default();
    let (alone, peak, most) = check_list(&checker, PERSONS);
    assert_eq!(alone, ["OSC031"], "the rules ran on the whole list");
    assert_eq!(most, before, "no thread started without being asked");
    // Flat: a small part of the 9 MB the list spans (the cross-person rules keep 8 bytes
    // a person).
    assert!(
        peak < 8 * 1024 * 1024,
        "peak heap {peak} bytes without threads"
    );

    let (threaded, peak, most) = check_list(&checker.clone().with_threads(true), PERSONS);
    assert_eq!(threaded, alone, "the same findings with threads");
    assert!(most > before, "the rules ran on a thread of their own");
    assert!(
        peak < 8 * 1024 * 1024,
        "peak heap {peak} bytes with threads"
    );
}
