//! What the clock does next to subscriptions by itself, and when: a renewal, the end of a term
//! without one (`expired`, or `disabled` for a suspended new-commerce subscription), or the next
//! step of a lapse (`disabled`, then `deleted`) (reference api-new-commerce §4.8, §4.10).
//!
//! A harness moves the clock to the next of these to watch a renewal or a lapse happen without
//! working out the dates itself.

use super::customer::Customer;
use super::ids::{CustomerId, SubscriptionId};
use super::subscription::{Subscription, SubscriptionStatus};
use chrono::{DateTime, Utc};

/// What a subscription's next clock event does to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockChange {
    /// A new term begins (the scheduled next-term changes are applied).
    Renewal,
    /// The subscription takes this status: `expired`, `disabled` or `deleted`.
    Status(SubscriptionStatus),
}

impl ClockChange {
    /// `renewal`, or the status taken as Partner Center spells it.
    pub const fn as_wire(self) -> &'static str {
        match self {
            Self::Renewal => "renewal",
            Self::Status(status) => status.as_wire(),
        }
    }
}

/// The next thing the clock does to one of a customer's subscriptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockEvent {
    pub customer_id: CustomerId,
    pub subscription_id: SubscriptionId,
    pub change: ClockChange,
    pub at: DateTime<Utc>,
}

impl Subscription {
    /// What [`Subscription::next_clock_event`] does to it, and when.
    pub fn next_clock_change(&self) -> Option<(ClockChange, DateTime<Utc>)> {
        if let Some(at) = self.running_term_over_at() {
            let change = if self.renews_at_term_end() {
                ClockChange::Renewal
            } else {
                ClockChange::Status(self.lapse_status())
            };
            return Some((change, at));
        }
        let (status, at) = self.next_lapse_step()?;
        Some((ClockChange::Status(status), at))
    }
}

impl Customer {
    /// The earliest clock event of the customer's subscriptions after `after`; of two at the same
    /// moment, the first subscription's.
    pub fn next_clock_event(&self, after: DateTime<Utc>) -> Option<ClockEvent> {
        self.subscriptions
            .iter()
            .filter_map(|subscription| {
                let (change, at) = subscription.next_clock_change()?;
                (at > after).then_some(ClockEvent {
                    customer_id: self.id,
                    subscription_id: subscription.id,
                    change,
                    at,
                })
            })
            .min_by_key(|event| event.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::{new_commerce_subscription, now};
    use chrono::{Duration, TimeZone};

    /// Bought 2026-03-10 for P1Y: the term is over at 00:00 on 2027-03-10.
    fn over() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 10, 0, 0, 0).unwrap()
    }

    #[test]
    fn an_active_subscription_renews_or_expires_at_the_end_of_its_term() {
        let mut subscription = new_commerce_subscription(1, now());
        assert_eq!(
            subscription.next_clock_change(),
            Some((ClockChange::Renewal, over()))
        );
        subscription.auto_renew_enabled = false;
        assert_eq!(
            subscription.next_clock_change(),
            Some((ClockChange::Status(SubscriptionStatus::Expired), over()))
        );
        subscription.status = SubscriptionStatus::Suspended;
        assert_eq!(
            subscription.next_clock_change(),
            Some((ClockChange::Status(SubscriptionStatus::Disabled), over()))
        );
    }

    #[test]
    fn a_lapsed_subscription_is_disabled_then_deleted() {
        let mut subscription = new_commerce_subscription(1, now());
        subscription.auto_renew_enabled = false;
        subscription.settle_term(over());
        assert_eq!(
            subscription.next_clock_change(),
            Some((
                ClockChange::Status(SubscriptionStatus::Disabled),
                over() + Duration::days(30)
            ))
        );
        subscription.settle_term(over() + Duration::days(30));
        assert_eq!(
            subscription.next_clock_change().map(|(change, _)| change),
            Some(ClockChange::Status(SubscriptionStatus::Deleted))
        );
        subscription.settle_term(over() + Duration::days(120));
        assert_eq!(subscription.next_clock_change(), None);
    }
}
