//! The statuses a subscription took ([`StatusHistory`]): a list that only grows, shared between
//! the versions of a subscription.
//!
//! Every suspension, reactivation, cancellation and lapse step adds one entry, and a write
//! copies the subscription it changes (see `crate::domain::draft`). A plain list would make that
//! copy cost as much as the whole history, so a subscription suspended and reactivated many
//! times would grow dearer to change with each cycle. Here the entries sit in chunks of at most
//! 32, each chunk pointing at the one before it: a copy shares every chunk, and adding an
//! entry copies at most the newest chunk. On the wire and in the seed document it is the same
//! JSON array as before, oldest first.

use super::StatusChange;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// Entries per chunk: adding one copies at most this many.
const CHUNK: usize = 32;

/// Each status a subscription took after its first, oldest first.
#[derive(Clone, Default)]
pub struct StatusHistory(Option<Arc<Chunk>>);

/// The newest entries, and the chunk of the entries before them.
#[derive(Clone)]
struct Chunk {
    earlier: Option<Arc<Chunk>>,
    /// Between 1 and [`CHUNK`] entries, oldest first.
    changes: Vec<StatusChange>,
    /// The entries in this chunk and every earlier one.
    len: usize,
}

impl StatusHistory {
    /// Whether the subscription never changed status.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// How many statuses the subscription took after its first.
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |chunk| chunk.len)
    }

    /// Adds the newest entry; the chunks other versions share stay as they are.
    pub fn push(&mut self, change: StatusChange) {
        match &mut self.0 {
            Some(newest) if newest.changes.len() < CHUNK => {
                let newest = Arc::make_mut(newest);
                newest.changes.push(change);
                newest.len += 1;
            }
            slot => {
                let earlier = slot.take();
                let len = earlier.as_ref().map_or(0, |chunk| chunk.len) + 1;
                let mut changes = Vec::with_capacity(CHUNK);
                changes.push(change);
                *slot = Some(Arc::new(Chunk {
                    earlier,
                    changes,
                    len,
                }));
            }
        }
    }

    /// The newest entry.
    pub fn last(&self) -> Option<&StatusChange> {
        self.0.as_ref().and_then(|chunk| chunk.changes.last())
    }

    /// Every entry, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &StatusChange> {
        self.chunks_oldest_first()
            .into_iter()
            .flat_map(|chunk| chunk.changes.iter())
    }

    /// Changes every entry with `change` (moving the dates of a clock-relative customer).
    pub(crate) fn update_each(&mut self, change: impl FnMut(&mut StatusChange)) {
        let mut changes: Vec<StatusChange> = self.iter().cloned().collect();
        changes.iter_mut().for_each(change);
        *self = changes.into_iter().collect();
    }

    fn chunks_oldest_first(&self) -> Vec<&Chunk> {
        let mut chunks = Vec::new();
        let mut next = self.0.as_deref();
        while let Some(chunk) = next {
            chunks.push(chunk);
            next = chunk.earlier.as_deref();
        }
        chunks.reverse();
        chunks
    }
}

impl FromIterator<StatusChange> for StatusHistory {
    fn from_iter<I: IntoIterator<Item = StatusChange>>(changes: I) -> Self {
        let mut history = Self::default();
        for change in changes {
            history.push(change);
        }
        history
    }
}

/// A long history is a long chain of chunks: each is let go in turn, not by recursion.
impl Drop for Chunk {
    fn drop(&mut self) {
        let mut earlier = self.earlier.take();
        while let Some(chunk) = earlier {
            earlier = match Arc::try_unwrap(chunk) {
                Ok(mut alone) => alone.earlier.take(),
                Err(_) => None,
            };
        }
    }
}

impl PartialEq for StatusHistory {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) if Arc::ptr_eq(a, b) => true,
            _ => self.len() == other.len() && self.iter().eq(other.iter()),
        }
    }
}

impl fmt::Debug for StatusHistory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for StatusHistory {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for StatusHistory {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<StatusChange>::deserialize(deserializer).map(|changes| changes.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::subscription::SubscriptionStatus;
    use chrono::{Duration, TimeZone, Utc};

    fn change(n: i64) -> StatusChange {
        StatusChange {
            status: if n % 2 == 0 {
                SubscriptionStatus::Suspended
            } else {
                SubscriptionStatus::Active
            },
            at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::minutes(n),
        }
    }

    #[test]
    fn it_reads_and_writes_as_the_list_it_holds() {
        for count in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5] {
            let list: Vec<StatusChange> = (0..count as i64).map(change).collect();
            let history: StatusHistory = list.iter().cloned().collect();
            assert_eq!(history.len(), count);
            assert_eq!(history.is_empty(), count == 0);
            assert_eq!(history.iter().cloned().collect::<Vec<_>>(), list);
            assert_eq!(history.last(), list.last());
            assert_eq!(format!("{history:?}"), format!("{list:?}"));
            let json = serde_json::to_string(&history).unwrap();
            assert_eq!(json, serde_json::to_string(&list).unwrap());
            let back: StatusHistory = serde_json::from_str(&json).unwrap();
            assert_eq!(back, history);
        }
    }

    #[test]
    fn a_copy_shares_what_it_had_and_grows_apart() {
        let mut first: StatusHistory = (0..40).map(change).collect();
        let mut second = first.clone();
        second.push(change(40));
        first.push(change(99));
        assert_eq!(first.len(), 41);
        assert_eq!(second.len(), 41);
        assert_ne!(first, second);
        assert_eq!(
            first.iter().take(40).collect::<Vec<_>>(),
            second.iter().take(40).collect::<Vec<_>>()
        );
        assert_eq!(second.last(), Some(&change(40)));
        assert_eq!(first.last(), Some(&change(99)));
    }

    #[test]
    fn every_entry_can_be_moved_and_a_long_history_drops() {
        let mut history: StatusHistory = (0..100).map(change).collect();
        history.update_each(|change| change.at += Duration::days(1));
        assert!(
            history
                .iter()
                .zip(0..)
                .all(|(moved, n)| moved.at == change(n).at + Duration::days(1))
        );
        let long: StatusHistory = (0..1_000_000).map(change).collect();
        assert_eq!(long.len(), 1_000_000);
        drop(long);
    }
}
