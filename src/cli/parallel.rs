//! Checking many files on every core while reporting them in input order.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// Applies `work` to every item on up to `workers` threads and hands the results to `sink`
/// in the items' order, each as soon as it and all before it are done. When `sink` fails,
/// no new item is started and the failure is returned.
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
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let workers = workers.clamp(1, items.len().max(1));
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::channel::<(usize, R)>();
        for _ in 0..workers {
            let send = send.clone();
            let (next, stop, work) = (&next, &stop, &work);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    if send.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut pending = BTreeMap::new();
        let mut due = 0;
        for (i, result) in receive {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&due) {
                due += 1;
                if let Err(e) = sink(result) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::ordered_map;

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
