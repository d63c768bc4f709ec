//! One bucket's sliding window: the moments of the requests it admitted within the last window
//! length. A request is admitted while fewer than the limit were admitted in the window that ends
//! with it, so no window of that length ever holds more than the limit; a refused request is told
//! exactly when the oldest admission leaves the window, and it changes nothing.

use std::collections::VecDeque;
use std::time::Duration;

/// The admissions of one bucket, oldest first, as moments on the bucket's clock.
#[derive(Debug, Default, Clone)]
pub(super) struct Window {
    admitted: VecDeque<Duration>,
}

impl Window {
    /// Admits a request at `now` when fewer than `limit` were admitted in the `length` before it;
    /// otherwise the time until the next admission is possible.
    pub(super) fn admit(
        &mut self,
        now: Duration,
        limit: u32,
        length: Duration,
    ) -> Result<(), Duration> {
        let now = self.settle(now, length);
        if self.admitted.len() < limit as usize {
            self.admitted.push_back(now);
            return Ok(());
        }
        let oldest = self.admitted.front().copied().unwrap_or(now);
        Err((oldest + length).saturating_sub(now))
    }

    /// How many requests were admitted in the `length` before `now`.
    pub(super) fn used(&mut self, now: Duration, length: Duration) -> usize {
        self.settle(now, length);
        self.admitted.len()
    }

    /// Drops the admissions that have left the window, and answers the moment to count from.
    ///
    /// Admissions stay in order, so the window never sees time run back: a clock a little
    /// behind the newest admission (a wall clock stepped back) counts from that admission. A
    /// clock put back by more than a window (a virtual clock back at real time) leaves every
    /// admission in its future, and the window starts afresh.
    fn settle(&mut self, now: Duration, length: Duration) -> Duration {
        let now = match self.admitted.back() {
            Some(newest) if *newest > now + length => {
                self.admitted.clear();
                now
            }
            Some(newest) => now.max(*newest),
            None => now,
        };
        while self
            .admitted
            .front()
            .is_some_and(|oldest| now - *oldest >= length)
        {
            self.admitted.pop_front();
        }
        now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    fn at(seconds: f64) -> Duration {
        Duration::from_secs_f64(seconds)
    }

    #[test]
    fn the_limit_is_admitted_and_the_next_is_told_when_the_oldest_leaves() {
        let mut window = Window::default();
        for n in 0..3 {
            window.admit(at(10.0 + f64::from(n)), 3, MINUTE).unwrap();
        }
        assert_eq!(window.admit(at(30.0), 3, MINUTE), Err(at(40.0)));
        assert_eq!(window.used(at(30.0), MINUTE), 3, "a refusal takes no place");
        assert_eq!(window.admit(at(69.999), 3, MINUTE), Err(at(0.001)));
        assert_eq!(window.admit(at(70.0), 3, MINUTE), Ok(()));
        assert_eq!(window.admit(at(70.5), 3, MINUTE), Err(at(0.5)));
    }

    #[test]
    fn no_window_of_the_length_ever_holds_more_than_the_limit() {
        let mut window = Window::default();
        let mut admitted = Vec::new();
        for tick in 0..10_000u32 {
            let now = Duration::from_millis(u64::from(tick) * 7);
            if window.admit(now, 50, Duration::from_secs(1)).is_ok() {
                admitted.push(now);
            }
        }
        for (index, start) in admitted.iter().enumerate() {
            let within = admitted[index..]
                .iter()
                .take_while(|t| **t - *start < Duration::from_secs(1))
                .count();
            assert!(
                within <= 50,
                "{within} admitted in the second from {start:?}"
            );
        }
        assert!(
            admitted.len() > 50 * 60,
            "the window keeps admitting as it slides"
        );
    }

    #[test]
    fn a_clock_put_back_by_more_than_a_window_starts_it_afresh() {
        let mut window = Window::default();
        window.admit(at(100.0), 1, MINUTE).unwrap();
        assert!(window.admit(at(101.0), 1, MINUTE).is_err());
        assert_eq!(window.admit(at(5.0), 1, MINUTE), Ok(()));
    }

    #[test]
    fn a_clock_a_little_behind_counts_from_the_newest_admission() {
        let mut window = Window::default();
        window.admit(at(100.0), 2, MINUTE).unwrap();
        window.admit(at(99.5), 2, MINUTE).unwrap();
        assert_eq!(window.admit(at(99.0), 2, MINUTE), Err(MINUTE));
        assert_eq!(window.admit(at(160.0), 2, MINUTE), Ok(()));
    }

    #[test]
    fn a_zero_length_window_admits_everything() {
        let mut window = Window::default();
        for _ in 0..10 {
            window.admit(at(1.0), 1, Duration::ZERO).unwrap();
        }
    }
}
