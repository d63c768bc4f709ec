//! Partner namespaces: each partner's isolated world, so that parallel tests never see each
//! other's data. A namespace holds its store (customers and clock), its named snapshots, its
//! request journal and the unmatched requests it logged, its overrides (fault rules and pinned
//! answers, one list), its throttling buckets and the answers its creating calls replay by
//! `MS-RequestId`.
//!
//! A namespace starts from the seed on first use. Its data is the seed's `Arc` until it first
//! writes, and a snapshot or a fork is another `Arc` of the same data, so none of them copies
//! anything up front.

pub(crate) mod checkouts;
pub mod journal;
pub mod overrides;
pub(crate) mod replays;
pub(crate) mod throttle;
pub(crate) mod unmatched;

/// Fault rules, the overrides that answer with Partner Center errors.
pub use overrides::fault as faults;

use crate::settings::Settings;
use crate::store::{Data, Store};
use checkouts::Checkouts;
use chrono::{DateTime, Utc};
use dashmap::DashMap;
use journal::Journal;
use overrides::Overrides;
use replays::Replays;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};
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
}

impl Namespace {
    fn new(name: &str, data: Arc<Data>, journal_capacity: usize) -> Self {
        Self {
            name: name.to_owned(),
            store: Arc::new(Store::new(data)),
            snapshots: Mutex::new(BTreeMap::new()),
            journal: Journal::new(journal_capacity),
            overrides: Overrides::default(),
            throttle: Throttle::default(),
            replays: Replays::default(),
            checkouts: Checkouts::default(),
            unmatched: UnmatchedLog::default(),
        }
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

/// Every partner namespace, each made from the seed on first use.
#[derive(Debug)]
pub(crate) struct Namespaces {
    seed: Arc<Data>,
    namespaces: DashMap<String, Arc<Namespace>>,
    journal_capacity: usize,
}

impl Namespaces {
    /// Namespaces made from `seed`, each journaling its last `journal_capacity` requests.
    pub(crate) fn new(seed: Arc<Data>, journal_capacity: usize) -> Self {
        let namespaces = Self {
            seed,
            namespaces: DashMap::new(),
            journal_capacity,
        };
        namespaces.get_or_create(DEFAULT_NAMESPACE);
        namespaces
    }

    /// The seed every new namespace starts from.
    pub(crate) fn seed(&self) -> Arc<Data> {
        Arc::clone(&self.seed)
    }

    /// The namespace `name`, made from the seed if it is new; `None` for an invalid name.
    pub(crate) fn get_or_create(&self, name: &str) -> Option<Arc<Namespace>> {
        if let Some(namespace) = self.namespaces.get(name) {
            return Some(Arc::clone(&namespace));
        }
        if !is_valid_name(name) {
            return None;
        }
        let namespace = self
            .namespaces
            .entry(name.to_owned())
            .or_insert_with(|| Arc::new(Namespace::new(name, self.seed(), self.journal_capacity)));
        Some(Arc::clone(&namespace))
    }

    /// The namespace `name`, if it exists.
    pub(crate) fn get(&self, name: &str) -> Option<Arc<Namespace>> {
        self.namespaces.get(name).map(|n| Arc::clone(&n))
    }

    /// Makes a new namespace `name` holding `data`; `None` when the name is taken or invalid.
    pub(crate) fn create_with(&self, name: &str, data: Arc<Data>) -> Option<Arc<Namespace>> {
        if !is_valid_name(name) {
            return None;
        }
        match self.namespaces.entry(name.to_owned()) {
            dashmap::Entry::Occupied(_) => None,
            dashmap::Entry::Vacant(slot) => {
                let namespace = Arc::new(Namespace::new(name, data, self.journal_capacity));
                slot.insert(Arc::clone(&namespace));
                Some(namespace)
            }
        }
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
