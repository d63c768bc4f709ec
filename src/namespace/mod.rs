//! Partner namespaces: each partner's isolated world, so that parallel tests never see each
//! other's data. A namespace holds its store (customers and clock), its named snapshots, its
//! request journal and the unmatched requests it logged, its overrides (fault rules and pinned
//! answers, one list), its throttling buckets and the answers its creating calls replay by
//! `MS-RequestId`.
//!
//! A namespace starts from the seed on first use. Its data is the seed's `Arc` until it first
//! writes, and a snapshot or a fork is another `Arc` of the same data, so none of them copies
//! anything up front.
//!
//! Their memory is bounded ([`bounds`]): every journal together within the journal
//! [`budget`], and at most a set number of namespaces. A request that would make one more drops
//! the least recently used namespace that has been idle long enough (never `default`, never one
//! with a saved snapshot), or is refused.

pub mod bounds;
pub mod budget;
pub(crate) mod checkouts;
mod header_block;
pub mod journal;
pub mod overrides;
pub(crate) mod replays;
pub(crate) mod throttle;
pub(crate) mod unmatched;

/// Fault rules, the overrides that answer with Partner Center errors.
pub use overrides::fault as faults;

use crate::settings::Settings;
use crate::store::{Data, Store};
use bounds::{Bounds, Refusal, now_ms};
use budget::Budget;
use checkouts::Checkouts;
use chrono::{DateTime, Utc};
use dashmap::DashMap;
use journal::Journal;
use overrides::Overrides;
use replays::Replays;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use throttle::Throttle;
use unmatched::UnmatchedLog;

/// The namespace a request uses when it names none.
pub const DEFAULT_NAMESPACE: &str = "default";
/// The longest namespace name.
pub(crate) const MAX_NAMESPACE_LENGTH: usize = 128;
/// The rule [`is_valid_name`] checks, as error messages state it.
pub(crate) const NAME_RULE: &str = "1 to 128 letters, digits, '-', '_' or '.'";

/// Whether `name` can name a namespace: 1 to 128 letters, digits, `-`, `_` or `.`. This is the
/// one check of a namespace name: the `X-Mock-Partner` header, forks and saved states all come
/// through it.
pub(crate) fn is_valid_name(name: &str) -> bool {
    (1..=MAX_NAMESPACE_LENGTH).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A saved state of a namespace.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    pub data: Arc<Data>,
    pub created: DateTime<Utc>,
}

/// One partner namespace.
#[derive(Debug)]
pub struct Namespace {
    name: String,
    store: Arc<Store>,
    snapshots: Mutex<BTreeMap<String, Snapshot>>,
    journal: Journal,
    overrides: Overrides,
    throttle: Throttle,
    replays: Replays,
    checkouts: Checkouts,
    unmatched: UnmatchedLog,
    /// When a request last used the namespace, in real milliseconds since 1970.
    last_used: AtomicU64,
}

impl Namespace {
    fn new(name: &str, data: Arc<Data>, journal: Journal) -> Self {
        Self {
            name: name.to_owned(),
            store: Arc::new(Store::new(data)),
            snapshots: Mutex::new(BTreeMap::new()),
            journal,
            last_used: AtomicU64::new(now_ms()),
            overrides: Overrides::default(),
            throttle: Throttle::default(),
            replays: Replays::default(),
            checkouts: Checkouts::default(),
            unmatched: UnmatchedLog::default(),
        }
    }

    /// When a request last used the namespace (real time).
    pub fn last_used(&self) -> DateTime<Utc> {
        let ms = self.last_used.load(Ordering::Relaxed);
        DateTime::from_timestamp_millis(i64::try_from(ms).unwrap_or(i64::MAX)).unwrap_or_default()
    }

    fn touch(&self) {
        self.last_used.store(now_ms(), Ordering::Relaxed);
    }

    /// How long the namespace has been unused at `now` (real milliseconds since 1970).
    fn idle_for(&self, now: u64) -> Duration {
        Duration::from_millis(now.saturating_sub(self.last_used.load(Ordering::Relaxed)))
    }

    /// Whether the namespace may be dropped at `now` after being unused for `idle`: never
    /// `default`, never one with a saved snapshot.
    fn may_drop(&self, now: u64, idle: Duration) -> bool {
        self.name != DEFAULT_NAMESPACE && self.idle_for(now) >= idle && self.snapshots().is_empty()
    }

    /// The rules that answer `/v1` requests in place of the model: faults and pinned answers.
    pub fn overrides(&self) -> &Overrides {
        &self.overrides
    }

    /// The counts behind Partner Center's documented throttling, when the settings turn it on.
    pub(crate) fn throttle(&self) -> &Throttle {
        &self.throttle
    }

    /// The first answers of creating calls, by `MS-RequestId`.
    pub(crate) fn replays(&self) -> &Replays {
        &self.replays
    }

    /// The carts being checked out right now.
    pub(crate) fn checkouts(&self) -> &Checkouts {
        &self.checkouts
    }

    /// Puts the namespace back to `seed`, with its clock at real time and its idempotency keys
    /// and throttling counts forgotten. Its settings, snapshots, journal and overrides (fault
    /// rules among them) stay.
    pub fn reset(&self, seed: Arc<Data>) {
        // The clock first: the seed's clock-relative customers are dated by it.
        self.store.clock().reset();
        let settings = self.store.settings();
        if seed.settings() == &*settings {
            self.store.replace(seed);
        } else {
            let kept = seed.with_settings(Settings::clone(&settings));
            self.store.replace(Arc::new(kept));
        }
        self.replays.clear();
        self.throttle.clear();
    }

    /// The unmatched requests this namespace has logged on the console.
    pub(crate) fn unmatched_log(&self) -> &UnmatchedLog {
        &self.unmatched
    }

    /// The namespace's request journal.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// The namespace's name, as the `X-Mock-Partner` header gives it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The namespace's customers, partner, catalog, settings and clock.
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// Saves the current state under `name`, replacing a snapshot of the same name.
    pub(crate) fn save_snapshot(&self, name: &str) -> Snapshot {
        let snapshot = Snapshot {
            data: self.store.snapshot(),
            created: self.store.clock().now(),
        };
        self.snapshots().insert(name.to_owned(), snapshot.clone());
        snapshot
    }

    /// Every snapshot, by name.
    pub(crate) fn list_snapshots(&self) -> Vec<(String, Snapshot)> {
        self.snapshots()
            .iter()
            .map(|(name, snapshot)| (name.clone(), snapshot.clone()))
            .collect()
    }

    /// Puts the state saved as `name` back; `false` when there is no such snapshot.
    pub(crate) fn restore_snapshot(&self, name: &str) -> bool {
        let data = self.snapshots().get(name).map(|s| Arc::clone(&s.data));
        data.map(|data| self.store.replace(data)).is_some()
    }

    /// Forgets the snapshot `name`; `false` when there is no such snapshot.
    pub(crate) fn delete_snapshot(&self, name: &str) -> bool {
        self.snapshots().remove(name).is_some()
    }

    fn snapshots(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Snapshot>> {
        self.snapshots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// Every partner namespace, each made from the seed on first use, within their [`Bounds`].
#[derive(Debug)]
pub(crate) struct Namespaces {
    seed: Arc<Data>,
    namespaces: DashMap<String, Arc<Namespace>>,
    bounds: Bounds,
    budget: Arc<Budget>,
    /// Held while a namespace is made, so that the limit is kept exactly; never held while a
    /// request is served.
    creating: Mutex<()>,
    /// When idle namespaces were last swept out (real milliseconds since 1970).
    swept: AtomicU64,
}

/// How often making a namespace also sweeps out namespaces past the idle time-to-live.
const SWEEP_AT_CREATION_EVERY: Duration = Duration::from_secs(1);

impl Namespaces {
    /// Namespaces made from `seed`, within `bounds`.
    pub(crate) fn new(seed: Arc<Data>, bounds: Bounds) -> Self {
        let namespaces = Self {
            seed,
            namespaces: DashMap::new(),
            budget: Arc::new(Budget::new(bounds.journal_budget)),
            bounds,
            creating: Mutex::new(()),
            swept: AtomicU64::new(now_ms()),
        };
        let _ = namespaces.get_or_create(DEFAULT_NAMESPACE);
        namespaces
    }

    /// The seed every new namespace starts from.
    pub(crate) fn seed(&self) -> Arc<Data> {
        Arc::clone(&self.seed)
    }

    /// The bounds kept.
    pub(crate) fn bounds(&self) -> &Bounds {
        &self.bounds
    }

    /// The journal budget every namespace's journal counts against.
    pub(crate) fn budget(&self) -> &Budget {
        &self.budget
    }

    /// How many namespaces exist.
    pub(crate) fn len(&self) -> usize {
        self.namespaces.len()
    }

    /// The namespace `name`, made from the seed if it is new, and marked as used now. Refused
    /// for an invalid name, and when the limit is reached and no namespace may make room.
    pub(crate) fn get_or_create(&self, name: &str) -> Result<Arc<Namespace>, Refusal> {
        if let Some(namespace) = self.namespaces.get(name) {
            namespace.touch();
            return Ok(Arc::clone(&namespace));
        }
        if !is_valid_name(name) {
            return Err(Refusal::InvalidName);
        }
        self.create(name, true, || self.seed())
    }

    /// The namespace `name`, if it exists.
    pub(crate) fn get(&self, name: &str) -> Option<Arc<Namespace>> {
        self.namespaces.get(name).map(|n| Arc::clone(&n))
    }

    /// Makes a new namespace `name` holding `data`; refused when the name is taken or invalid,
    /// or when the limit is reached and no namespace may make room.
    pub(crate) fn create_with(
        &self,
        name: &str,
        data: Arc<Data>,
    ) -> Result<Arc<Namespace>, Refusal> {
        if !is_valid_name(name) {
            return Err(Refusal::InvalidName);
        }
        self.create(name, false, || data)
    }

    fn create(
        &self,
        name: &str,
        reuse: bool,
        data: impl FnOnce() -> Arc<Data>,
    ) -> Result<Arc<Namespace>, Refusal> {
        let _creating = self.creating.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(existing) = self.get(name) {
            existing.touch();
            return if reuse {
                Ok(existing)
            } else {
                Err(Refusal::Taken)
            };
        }
        let now = now_ms();
        if now.saturating_sub(self.swept.load(Ordering::Relaxed))
            >= SWEEP_AT_CREATION_EVERY.as_millis() as u64
        {
            self.sweep_at(now);
        }
        if self.namespaces.len() >= self.bounds.max_namespaces {
            self.make_room(now)?;
        }
        let journal = Journal::new(self.bounds.journal_capacity, Arc::clone(&self.budget));
        let namespace = Arc::new(Namespace::new(name, data(), journal));
        self.namespaces
            .insert(name.to_owned(), Arc::clone(&namespace));
        Ok(namespace)
    }

    /// Drops the least recently used namespace that may be dropped, or refuses.
    fn make_room(&self, now: u64) -> Result<(), Refusal> {
        let idle = self.bounds.idle_threshold;
        let full = || Refusal::Full {
            limit: self.bounds.max_namespaces,
            idle_threshold: idle,
        };
        let oldest = self
            .namespaces
            .iter()
            .filter(|n| n.may_drop(now, idle))
            .min_by_key(|n| n.last_used.load(Ordering::Relaxed))
            .map(|n| n.key().clone())
            .ok_or_else(full)?;
        let (name, dropped) = self
            .namespaces
            .remove_if(&oldest, |_, n| n.may_drop(now, idle))
            .ok_or_else(full)?;
        tracing::warn!(
            namespace = %name,
            idle_seconds = dropped.idle_for(now).as_secs(),
            limit = self.bounds.max_namespaces,
            "dropped the least recently used idle namespace to make room for a new one (--max-namespaces)"
        );
        Ok(())
    }

    /// Drops every namespace unused for longer than the idle time-to-live, when one is set
    /// (never `default`, never one with a saved snapshot); returns how many.
    pub(crate) fn sweep_idle(&self) -> usize {
        let _creating = self.creating.lock().unwrap_or_else(PoisonError::into_inner);
        self.sweep_at(now_ms())
    }

    fn sweep_at(&self, now: u64) -> usize {
        self.swept.store(now, Ordering::Relaxed);
        let Some(ttl) = self.bounds.idle_ttl else {
            return 0;
        };
        let expired: Vec<String> = self
            .namespaces
            .iter()
            .filter(|n| n.may_drop(now, ttl))
            .map(|n| n.key().clone())
            .collect();
        let mut count = 0;
        for name in expired {
            if let Some((name, dropped)) = self
                .namespaces
                .remove_if(&name, |_, n| n.may_drop(now, ttl))
            {
                tracing::info!(
                    namespace = %name,
                    idle_seconds = dropped.idle_for(now).as_secs(),
                    "dropped a namespace unused for longer than its time-to-live (--namespace-idle-ttl)"
                );
                count += 1;
            }
        }
        count
    }

    /// Every namespace, by name.
    pub(crate) fn all(&self) -> Vec<Arc<Namespace>> {
        let mut all: Vec<_> = self.namespaces.iter().map(|n| Arc::clone(&n)).collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_namespace_name_is_1_to_128_letters_digits_dashes_underscores_or_dots() {
        for name in [
            "a",
            "team-b",
            "tenant_1.example",
            &"x".repeat(MAX_NAMESPACE_LENGTH),
        ] {
            assert!(is_valid_name(name), "{name}");
        }
        let too_long = "x".repeat(MAX_NAMESPACE_LENGTH + 1);
        for name in ["", "no spaces", "a/b", "../etc", "é", too_long.as_str()] {
            assert!(!is_valid_name(name), "{name}");
        }
    }

    #[test]
    fn the_stated_rule_names_the_longest_length() {
        assert!(NAME_RULE.contains(&MAX_NAMESPACE_LENGTH.to_string()));
    }
}
