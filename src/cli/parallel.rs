//! Checking many files on every core while reporting them in input order.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// Results done per worker that may wait for an earlier, slower item before workers stop
/// taking new ones: a long file early in the list must not leave the reports of thousands
/// of later files held in memory until it is done.
const AHEAD_PER_WORKER: usize = 8;

/// Applies `work` to every item on up to `workers` threads (the calling thread among them)
/// and hands the results to `sink` in the items' order, on the calling thread, each once it
/// and all before it are done. No item is started more than a few per worker
/// ([`AHEAD_PER_WORKER`]) past the first whose result is not handed on yet, so the results
/// held at once stay few however slow one item is. When `sink` fails, no new item is
/// started and the failure is returned.
pub fn ordered_map<T, R, E>(
    items: &[T],
    workers: usize,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let workers = workers.clamp(1, items.len().max(1));
    if workers == 1 {
        // One worker: the items are checked on this thread, each handed on as it is done.
        // A thread of its own would only add a channel hand-off and two wake-ups per item,
        // which for many small files cost more than checking them.
        return items.iter().try_for_each(|item| sink(work(item)));
    }
    let ahead = workers * AHEAD_PER_WORKER;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // The first item whose result is not handed on yet; workers wait on it.
    let due = Mutex::new(0usize);
    let moved = Condvar::new();
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::channel::<(usize, R)>();
        // The calling thread is one of the workers: it takes items as the others do, and
        // passes the results on between its own items. Waiting for results instead would
        // leave a core idle, and wake this thread for every small file.
        for _ in 1..workers {
            let send = send.clone();
            let (next, stop, work, due, moved) = (&next, &stop, &work, &due, &moved);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    // The item before `due` + `ahead` is being worked on and not waiting,
                    // so `due` moves on: this wait ends.
                    let mut first = due
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    while i >= *first + ahead && !stop.load(Ordering::Relaxed) {
                        first = moved
                            .wait(first)
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                    }
                    drop(first);
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    if send.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut pending = BTreeMap::new();
        let mut handed = 0;
        let mut hand_on = |pending: &mut BTreeMap<usize, R>| {
            let before = handed;
            let mut outcome = Ok(());
            while let Some(result) = pending.remove(&handed) {
                handed += 1;
                if let Err(e) = sink(result) {
                    stop.store(true, Ordering::Relaxed);
                    outcome = Err(e);
                    break;
                }
            }
            if handed != before || outcome.is_err() {
                *due.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) = handed;
                moved.notify_all();
            }
            outcome
        };
        loop {
            pending.extend(receive.try_iter());
            hand_on(&mut pending)?;
            let first = *due
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if next.load(Ordering::Relaxed) >= first + ahead {
                // As far ahead as may be: the first result missing is on another worker,
                // which is not waiting; this thread waits for results instead.
                match receive.recv() {
                    Ok((i, result)) => {
                        pending.insert(i, result);
                        continue;
                    }
                    Err(_) => break,
                }
            }
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            pending.insert(i, work(item));
        }
        // No item is left to take: the rest is the other workers' results.
        for (i, result) in receive {
            pending.insert(i, result);
            hand_on(&mut pending)?;
        }
        hand_on(&mut pending)
    })
}

#[cfg(test)]
mod tests {
    use super::{AHEAD_PER_WORKER, ordered_map};
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_arrive_in_input_order_whatever_the_finishing_order() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        let outcome: Result<(), ()> = ordered_map(
            &items,
            4,
            |&n| {
                // Early items take longest, so they finish last.
                std::thread::sleep(std::time::Duration::from_micros((200 - n) * 20));
                n * 2
            },
            |r| {
                seen.push(r);
                Ok(())
            },
        );
        assert!(outcome.is_ok());
        assert_eq!(seen, items.iter().map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn one_worker_works_on_the_calling_thread_in_order() {
        let items: Vec<u32> = (0..100).collect();
        let caller = std::thread::current().id();
        let mut seen = Vec::new();
        let outcome: Result<(), ()> = ordered_map(
            &items,
            1,
            |&n| (n, std::thread::current().id()),
            |(n, on)| {
                assert_eq!(on, caller);
                seen.push(n);
                Ok(())
            },
        );
        assert!(outcome.is_ok());
        assert_eq!(seen, items);
    }

    #[test]
    fn a_slow_first_item_holds_back_the_others() {
        let items: Vec<u64> = (0..400).collect();
        let done = AtomicUsize::new(0);
        let mut most_held = 0;
        let mut handed = 0;
        let outcome: Result<(), ()> = ordered_map(
            &items,
            3,
            |&n| {
                if n == 0 {
                    // The others go on meanwhile, as far as they may.
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                done.fetch_add(1, Ordering::SeqCst)
            },
            |_| {
                handed += 1;
                most_held = most_held.max(done.load(Ordering::SeqCst) - handed + 1);
                Ok(())
            },
        );
        assert!(outcome.is_ok());
        assert_eq!(handed, 400);
        // Done and not handed on: never much more than the window.
        assert!(
            most_held <= 3 * AHEAD_PER_WORKER + 3,
            "{most_held} results held at once"
        );
    }

    #[test]
    fn a_failing_sink_stops_the_run() {
        let items: Vec<u32> = (0..10_000).collect();
        let mut taken = 0;
        let outcome = ordered_map(
            &items,
            2,
            |&n| n,
            |n| {
                taken += 1;
                if n == 3 { Err("full") } else { Ok(()) }
            },
        );
        assert_eq!(outcome, Err("full"));
        assert_eq!(taken, 4);
    }
}
