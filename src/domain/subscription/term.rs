//! Terms: how long a subscription runs, the window after a purchase or renewal in which it can
//! be cancelled or reduced, and what the clock does at term end (renewal or expiry).

use super::{Subscription, SubscriptionStatus};
use crate::domain::customer::Customer;
use crate::domain::term::Term;
use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};
use std::sync::Arc;

/// The days after purchase or renewal in which a new-commerce subscription can be cancelled or
/// reduced.
pub const CANCELLATION_WINDOW_DAYS: i64 = 7;

/// Midnight (UTC) of the day `at` falls on.
pub fn midnight(at: DateTime<Utc>) -> DateTime<Utc> {
    at.date_naive().and_time(NaiveTime::MIN).and_utc()
}

impl Subscription {
    /// The moment its term is over: 00:00 UTC the day after the (inclusive) commitment end date.
    /// Subscriptions without a real end (`9999-...`, such as Azure) never get there.
    pub fn term_over_at(&self) -> Option<DateTime<Utc>> {
        (self.commitment_end_date.year() < 9999)
            .then(|| midnight(self.commitment_end_date) + Duration::days(1))
    }

    /// Whether the end of its term renews it: it is active with auto-renew on.
    pub fn renews_at_term_end(&self) -> bool {
        self.status == SubscriptionStatus::Active && self.auto_renew_enabled
    }

    /// When the term of an active or suspended subscription is over; `None` for one whose term
    /// has already ended (or that has no real end).
    pub fn running_term_over_at(&self) -> Option<DateTime<Utc>> {
        matches!(
            self.status,
            SubscriptionStatus::Active | SubscriptionStatus::Suspended
        )
        .then(|| self.term_over_at())
        .flatten()
    }

    /// Whether a renewal is still completing at `now`: it began at the new term's start and
    /// takes `renewal_duration` of the clock.
    pub fn is_renewing(&self, now: DateTime<Utc>, renewal_duration: Duration) -> bool {
        self.effective_start_date > self.creation_date
            && now >= self.effective_start_date
            && now < self.effective_start_date + renewal_duration
    }

    /// Begins the next term at `at`: applies the scheduled next-term changes (a trial converts to
    /// its paid product this way), sets the new dates, and opens a fresh cancellation window and
    /// a fresh batch of reducible seats.
    fn renew(&mut self, at: DateTime<Utc>) {
        let custom_end = self
            .lifecycle
            .scheduled_next_term_instructions
            .take()
            .and_then(|instructions| self.apply(*instructions));
        self.effective_start_date = at;
        self.commitment_end_date = custom_end
            .map(midnight)
            .unwrap_or_else(|| Term::last_day_or_year(self.term_duration.as_ref(), at));
        if self.is_new_commerce() || self.is_marketplace() {
            self.cancellation_allowed_until_date =
                Some(at + Duration::days(CANCELLATION_WINDOW_DAYS));
        }
        self.open_seat_window(at);
        self.version += 1;
    }

    /// Takes what the clock did to this subscription up to `now`: renewals term after term,
    /// or the end of its term and the lapse after it.
    pub fn settle_term(&mut self, now: DateTime<Utc>) {
        while let Some(over) = self.running_term_over_at().filter(|over| *over <= now) {
            if self.renews_at_term_end() {
                self.renew(over);
            } else {
                self.lapse(over);
            }
        }
        self.settle_lapse(now);
        self.drop_closed_batches(now);
    }

    /// Whether time has passed a term end, a lapse step or a seat window that
    /// [`Subscription::settle_term`] has not applied yet.
    pub fn term_needs_settling(&self, now: DateTime<Utc>) -> bool {
        self.running_term_over_at().is_some_and(|over| over <= now)
            || self.lapse_step_due(now)
            || self.has_closed_batches(now)
    }
}

impl Customer {
    /// Whether time has passed a term end that [`Customer::settle_terms`] has not applied yet.
    pub fn terms_need_settling(&self, now: DateTime<Utc>) -> bool {
        self.subscriptions
            .iter()
            .any(|s| s.term_needs_settling(now))
    }

    /// Applies what the clock did to every subscription's term: at term end an active
    /// subscription with auto-renew on renews for another term, keeping its id; any other active
    /// or suspended one ends its term and lapses (see the `lapse` module).
    pub fn settle_terms(&mut self, now: DateTime<Utc>) {
        for subscription in self
            .subscriptions
            .iter_mut()
            .filter(|s| s.term_needs_settling(now))
        {
            Arc::make_mut(subscription).settle_term(now);
        }
    }
}
