//! The mock's clock: real time plus an offset that tests can advance. Every date the mock writes
//! and every time-based rule reads this clock, never the system's directly.

use chrono::{DateTime, Duration, Utc};
use std::sync::atomic::{AtomicI64, Ordering};

/// Why the clock cannot move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    /// The clock would pass [`latest`].
    #[error("The clock cannot move past 9000-12-31T23:59:59Z.")]
    TooFar,
}

/// The latest moment the clock may show: far enough that dates a year or more past it (terms,
/// expiry dates) still fit in the 9999 years Partner Center dates can hold.
pub fn latest() -> DateTime<Utc> {
    use chrono::TimeZone;
    Utc.with_ymd_and_hms(9000, 12, 31, 23, 59, 59)
        .single()
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// A namespace's clock: real time plus an offset that only moves forward when told to.
#[derive(Debug, Default)]
pub struct Clock {
    offset_millis: AtomicI64,
}

impl Clock {
    /// The present, to the 100 ns that Partner Center dates carry, so that a date written out and
    /// read back is the same date.
    pub fn now(&self) -> DateTime<Utc> {
        let now = Utc::now()
            .checked_add_signed(self.offset())
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        now - Duration::nanoseconds(i64::from(now.timestamp_subsec_nanos() % 100))
    }

    /// Back to real time.
    pub fn reset(&self) {
        self.offset_millis.store(0, Ordering::Relaxed);
    }

    /// Runs the clock `offset` ahead of real time, as another clock was (a fork, a saved state).
    pub fn set_offset(&self, offset: Duration) {
        self.offset_millis
            .store(offset.num_milliseconds(), Ordering::Relaxed);
    }

    /// How far the clock is ahead of real time.
    pub fn offset(&self) -> Duration {
        Duration::milliseconds(self.offset_millis.load(Ordering::Relaxed))
    }

    /// Moves the clock forward by `by`. Refused (and nothing moves) when the clock would pass
    /// [`latest()`], the last moment Partner Center dates can hold.
    pub fn advance(&self, by: Duration) -> Result<(), ClockError> {
        let step = by.num_milliseconds();
        let moved =
            self.offset_millis
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |offset| {
                    let offset = offset.checked_add(step)?;
                    let until = Utc::now().checked_add_signed(Duration::milliseconds(offset))?;
                    (until <= latest()).then_some(offset)
                });
        moved.map(|_| ()).map_err(|_| ClockError::TooFar)
    }

    /// Moves the clock forward to `at`: [`Clock::now`] then reads `at`, or later by the time that
    /// has passed since. A moment already passed leaves the clock where it is; one past
    /// [`latest()`] is refused.
    pub fn advance_to(&self, at: DateTime<Utc>) -> Result<(), ClockError> {
        let moved =
            self.offset_millis
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |offset| {
                    let real = Utc::now();
                    let ahead = at.signed_duration_since(real);
                    // Whole milliseconds, rounded up, so that the clock never stops short of `at`.
                    let mut needed = ahead.num_milliseconds();
                    if Duration::milliseconds(needed) < ahead {
                        needed = needed.checked_add(1)?;
                    }
                    let offset = offset.max(needed);
                    let until = real.checked_add_signed(Duration::milliseconds(offset))?;
                    (until <= latest()).then_some(offset)
                });
        moved.map(|_| ()).map_err(|_| ClockError::TooFar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn advancing_to_a_moment_reads_that_moment_and_never_goes_back() {
        let clock = Clock::default();
        let at = clock.now() + Duration::days(40) + Duration::nanoseconds(300);
        clock.advance_to(at).unwrap();
        let now = clock.now();
        assert!(now >= at && now < at + Duration::seconds(5), "{now} {at}");
        clock.advance_to(at - Duration::days(1)).unwrap();
        assert!(clock.now() >= now);
        let beyond = Utc.with_ymd_and_hms(9500, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(clock.advance_to(beyond), Err(ClockError::TooFar));
        assert!(clock.now() < at + Duration::seconds(5));
    }
}
