//! The mock's clock: real time plus an offset that tests can advance. Every date the mock writes
//! and every time-based rule reads this clock, never the system's directly.

use chrono::{DateTime, Duration, Utc};
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Debug, Default)]
pub struct Clock {
    offset_millis: AtomicI64,
}

impl Clock {
    /// The present, to the 100 ns that Partner Center dates carry, so that a date written out and
    /// read back is the same date.
    pub fn now(&self) -> DateTime<Utc> {
        let now = Utc::now() + Duration::milliseconds(self.offset_millis.load(Ordering::Relaxed));
        now - Duration::nanoseconds(i64::from(now.timestamp_subsec_nanos() % 100))
    }

    /// Back to real time.
    pub fn reset(&self) {
        self.offset_millis.store(0, Ordering::Relaxed);
    }

    /// How far the clock is ahead of real time.
    pub fn offset(&self) -> Duration {
        Duration::milliseconds(self.offset_millis.load(Ordering::Relaxed))
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        self.offset_millis
            .fetch_add(by.num_milliseconds(), Ordering::Relaxed);
    }
}
