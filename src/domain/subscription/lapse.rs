//! What happens to a subscription whose term ends without a renewal (reference
//! api-new-commerce §4.8, §4.10, §11.11).
//!
//! A new-commerce subscription with auto-renew off becomes `expired` at the end of its term
//! (00:00 UTC after its last day), `disabled` 30 days later and `deleted` 90 days after that. One
//! still suspended at the end of its term goes straight to `disabled` and is `deleted` 120 days
//! after its term. Other subscriptions simply expire.

use super::{Subscription, SubscriptionStatus};
use chrono::{DateTime, Duration, Utc};

/// Days an expired new-commerce subscription stays `expired` before it is `disabled`.
pub(crate) const EXPIRED_DAYS: i64 = 30;
/// Days from the end of the term to `deleted`: 30 expired (or disabled) and 90 disabled.
pub(crate) const DELETED_AFTER_DAYS: i64 = 120;

impl Subscription {
    /// Ends the term at `over` without a renewal.
    pub(super) fn lapse(&mut self, over: DateTime<Utc>) {
        let status = self.lapse_status();
        self.auto_renew_enabled = false;
        self.lifecycle.scheduled_next_term_instructions = None;
        self.lifecycle.refundable_batches.clear();
        self.move_to(status, over);
    }

    /// The status the end of its term without a renewal gives it.
    pub fn lapse_status(&self) -> SubscriptionStatus {
        if self.is_new_commerce() && self.status == SubscriptionStatus::Suspended {
            SubscriptionStatus::Disabled
        } else {
            SubscriptionStatus::Expired
        }
    }

    /// The next status the clock gives a lapsed new-commerce subscription, and when.
    pub fn next_lapse_step(&self) -> Option<(SubscriptionStatus, DateTime<Utc>)> {
        if !self.is_new_commerce() {
            return None;
        }
        let over = self.term_over_at()?;
        match self.status {
            SubscriptionStatus::Expired => Some((
                SubscriptionStatus::Disabled,
                over + Duration::days(EXPIRED_DAYS),
            )),
            SubscriptionStatus::Disabled => Some((
                SubscriptionStatus::Deleted,
                over + Duration::days(DELETED_AFTER_DAYS),
            )),
            _ => None,
        }
    }

    /// The next moment the clock changes this subscription by itself: its renewal or the end of
    /// its term, or its next lapse step.
    pub fn next_clock_event(&self) -> Option<DateTime<Utc>> {
        self.running_term_over_at()
            .or_else(|| self.next_lapse_step().map(|(_, at)| at))
    }

    pub(super) fn lapse_step_due(&self, now: DateTime<Utc>) -> bool {
        self.next_lapse_step().is_some_and(|(_, at)| at <= now)
    }

    /// Takes every lapse step due by `now`.
    pub(super) fn settle_lapse(&mut self, now: DateTime<Utc>) {
        while let Some((status, at)) = self.next_lapse_step().filter(|(_, at)| *at <= now) {
            self.move_to(status, at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::{new_commerce_subscription, now};
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }

    #[test]
    fn auto_renew_off_expires_then_disables_then_deletes() {
        let mut subscription = new_commerce_subscription(1, now());
        subscription.auto_renew_enabled = false;
        // Bought 2026-03-10 for P1Y: the last day is 2027-03-09, the term is over on 03-10.
        let over = at(2027, 3, 10);
        subscription.settle_term(over - Duration::seconds(1));
        assert_eq!(subscription.status, SubscriptionStatus::Active);
        subscription.settle_term(over);
        assert_eq!(subscription.status, SubscriptionStatus::Expired);
        subscription.settle_term(over + Duration::days(30));
        assert_eq!(subscription.status, SubscriptionStatus::Disabled);
        subscription.settle_term(over + Duration::days(120));
        assert_eq!(subscription.status, SubscriptionStatus::Deleted);
        let history: Vec<_> = subscription
            .lifecycle
            .status_history
            .iter()
            .map(|change| (change.status, change.at))
            .collect();
        assert_eq!(
            history,
            vec![
                (SubscriptionStatus::Expired, over),
                (SubscriptionStatus::Disabled, over + Duration::days(30)),
                (SubscriptionStatus::Deleted, over + Duration::days(120)),
            ]
        );
    }

    #[test]
    fn suspended_at_term_end_is_disabled_at_once_and_deleted_after_120_days() {
        let mut subscription = new_commerce_subscription(1, now());
        subscription.status = SubscriptionStatus::Suspended;
        subscription.auto_renew_enabled = false;
        let over = at(2027, 3, 10);
        subscription.settle_term(over + Duration::days(1));
        assert_eq!(subscription.status, SubscriptionStatus::Disabled);
        // Catching up over the whole lapse at once takes every step.
        subscription.settle_term(over + Duration::days(200));
        assert_eq!(subscription.status, SubscriptionStatus::Deleted);
        assert_eq!(
            subscription.lifecycle.status_history.last().unwrap().at,
            over + Duration::days(120)
        );
    }

    #[test]
    fn auto_renew_on_renews_with_the_same_id_and_new_dates() {
        let mut subscription = new_commerce_subscription(3, now());
        let id = subscription.id;
        subscription.settle_term(at(2027, 3, 10) + Duration::hours(5));
        assert_eq!(subscription.id, id);
        assert_eq!(subscription.status, SubscriptionStatus::Active);
        assert_eq!(subscription.effective_start_date, at(2027, 3, 10));
        assert_eq!(subscription.commitment_end_date, at(2028, 3, 9));
        assert_eq!(
            subscription.cancellation_allowed_until_date,
            Some(at(2027, 3, 17))
        );
        assert_eq!(subscription.refundable_quantity(at(2027, 3, 11)), 3);
    }
}
