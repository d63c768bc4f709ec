//! The journal budget: one limit, in bytes, on every namespace's journal together. Each journal
//! keeps its own last requests (up to its entry capacity); the budget orders every entry of every
//! journal in one sequence and, when the total is over the limit, evicts the oldest entries
//! first, whichever namespace holds them. The journal that loses an entry counts it as dropped.
//!
//! The order is a queue of `(order number, journal)` pairs. Recording an entry takes the queue's
//! lock for one push; evicting takes it for one pop, then the journal's own lock. The queue is
//! never held while a journal is locked by the budget, so the two never wait on each other in a
//! cycle. An entry that left its journal another way (the journal's capacity, a clear, a dropped
//! namespace) leaves a stale pair behind; stale pairs are skipped when popped and swept out when
//! they outnumber the live entries.

use super::journal::Shelf;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

/// The journal budget when none is given: 64 MiB.
pub const DEFAULT_BUDGET: usize = 64 * 1024 * 1024;

/// Stale pairs are swept out of the queue when it holds more than twice the live entries and
/// this many more.
const SWEEP_SLACK: usize = 1_024;

/// The byte budget shared by every namespace's journal.
#[derive(Debug)]
pub struct Budget {
    limit: usize,
    used: AtomicUsize,
    entries: AtomicUsize,
    order: Mutex<Order>,
}

#[derive(Debug, Default)]
struct Order {
    next: u64,
    queue: VecDeque<(u64, Weak<Shelf>)>,
}

/// What the budget holds right now, as `/_mock/health` and `/_mock/requests` report it.
#[derive(Debug, Clone, Copy, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BudgetUse {
    /// The limit on every namespace's journal together, in bytes (`--journal-budget`).
    pub budget_bytes: usize,
    /// The estimated bytes the journals hold now.
    pub bytes_in_use: usize,
    /// The entries the journals hold now.
    pub entries: usize,
}

impl Budget {
    /// A budget of `limit` bytes (at least 1).
    pub fn new(limit: usize) -> Self {
        Self {
            limit: limit.max(1),
            used: AtomicUsize::new(0),
            entries: AtomicUsize::new(0),
            order: Mutex::new(Order::default()),
        }
    }

    /// The limit, in bytes.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The limit and what is held now.
    pub fn usage(&self) -> BudgetUse {
        BudgetUse {
            budget_bytes: self.limit,
            bytes_in_use: self.used.load(Ordering::Relaxed),
            entries: self.entries.load(Ordering::Relaxed),
        }
    }

    /// Counts an entry of `size` bytes that `shelf` is about to keep, and returns its place in
    /// the order. Called with the shelf's ring locked, so that each journal's entries are in
    /// order.
    pub(super) fn enter(&self, shelf: &Arc<Shelf>, size: usize) -> u64 {
        self.used.fetch_add(size, Ordering::Relaxed);
        let live = self.entries.fetch_add(1, Ordering::Relaxed) + 1;
        let mut order = self.order.lock().unwrap_or_else(PoisonError::into_inner);
        if order.queue.len() > 2 * live + SWEEP_SLACK {
            order.queue.retain(|(number, shelf)| {
                shelf
                    .upgrade()
                    .is_some_and(|shelf| *number >= shelf.oldest())
            });
        }
        order.next += 1;
        let number = order.next;
        order.queue.push_back((number, Arc::downgrade(shelf)));
        // Before the queue is let go, so that a sweep never takes the new pair for a stale one.
        shelf.include(number);
        number
    }

    /// Uncounts an entry of `size` bytes that left its journal.
    pub(super) fn release(&self, size: usize) {
        self.used.fetch_sub(size, Ordering::Relaxed);
        self.entries.fetch_sub(1, Ordering::Relaxed);
    }

    /// While the journals hold more than the limit, evicts the oldest entries that came before
    /// `newest` (so the entry just recorded stays, even alone over the limit).
    pub(super) fn evict_before(&self, newest: u64) {
        while self.used.load(Ordering::Relaxed) > self.limit {
            let popped = {
                let mut order = self.order.lock().unwrap_or_else(PoisonError::into_inner);
                match order.queue.front() {
                    Some((number, _)) if *number < newest => order.queue.pop_front(),
                    _ => None,
                }
            };
            let Some((number, shelf)) = popped else {
                return;
            };
            if let Some(shelf) = shelf.upgrade() {
                shelf.evict_through(number, self);
            }
        }
    }
}

#[cfg(test)]
impl Budget {
    /// The places in the order, stale ones included.
    pub(super) fn queued(&self) -> usize {
        self.order
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .queue
            .len()
    }
}
