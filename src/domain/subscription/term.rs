//! Terms: how long a subscription runs, the window after a purchase or renewal in which it can
//! be cancelled or reduced, and what the clock does at term end (renewal or expiry).

use super::{Subscription, SubscriptionStatus};
use crate::domain::customer::Customer;
use chrono::{DateTime, Duration, Months, Utc};
use std::sync::Arc;

/// The days after purchase or renewal in which a new-commerce subscription can be cancelled or
/// reduced.
pub const CANCELLATION_WINDOW_DAYS: i64 = 7;

/// The months of an ISO-8601 term (`P1M`, `P1Y`, `P3Y`); `None` for anything else.
pub fn term_months(term: &str) -> Option<u32> {
    let body = term
        .trim()
        .strip_prefix('P')
        .or_else(|| term.trim().strip_prefix('p'))?;
    let (count, unit) = body.split_at(body.len().checked_sub(1)?);
    let count: u32 = count.parse().ok()?;
    match unit {
        "M" | "m" => Some(count),
        "Y" | "y" => count.checked_mul(12),
        _ => None,
    }
    .filter(|months| (1..=120).contains(months))
}

/// `start` plus the term, or one year for a subscription without one.
pub fn term_end(start: DateTime<Utc>, term: Option<&str>) -> DateTime<Utc> {
    let months = term.and_then(term_months).unwrap_or(12);
    start
        .checked_add_months(Months::new(months))
        .unwrap_or(start)
}

impl Customer {
    /// Whether time has passed a term end that [`Customer::settle_terms`] has not applied yet.
    pub fn terms_need_settling(&self, now: DateTime<Utc>) -> bool {
        self.subscriptions.iter().any(|s| term_is_over(s, now))
    }

    /// Applies what the clock did: at term end an active subscription with auto-renew on renews
    /// for another term (and gets a new cancellation window if it is new-commerce or
    /// marketplace); any other active or suspended subscription expires.
    pub fn settle_terms(&mut self, now: DateTime<Utc>) {
        for subscription in self
            .subscriptions
            .iter_mut()
            .filter(|s| term_is_over(s, now))
        {
            let subscription = Arc::make_mut(subscription);
            let renews = subscription.status == SubscriptionStatus::Active
                && subscription.auto_renew_enabled;
            if !renews {
                subscription.status = SubscriptionStatus::Expired;
                subscription.version += 1;
                continue;
            }
            while subscription.commitment_end_date < now {
                let renewed = subscription.commitment_end_date;
                let next = term_end(renewed, subscription.term_duration.as_deref());
                if next <= renewed {
                    // Dates cannot go further; the term simply ends.
                    subscription.status = SubscriptionStatus::Expired;
                    break;
                }
                subscription.commitment_end_date = next;
                if subscription.is_new_commerce() || subscription.is_marketplace() {
                    subscription.cancellation_allowed_until_date =
                        Some(renewed + Duration::days(CANCELLATION_WINDOW_DAYS));
                }
            }
            subscription.version += 1;
        }
    }
}

/// A term that has ended while the subscription is still active or suspended. Subscriptions
/// without a real end (`9999-...`, such as Azure) never end.
fn term_is_over(subscription: &Subscription, now: DateTime<Utc>) -> bool {
    use chrono::Datelike;
    matches!(
        subscription.status,
        SubscriptionStatus::Active | SubscriptionStatus::Suspended
    ) && subscription.commitment_end_date.year() < 9999
        && subscription.commitment_end_date < now
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_read_months_and_years() {
        assert_eq!(term_months("P1M"), Some(1));
        assert_eq!(term_months("P1Y"), Some(12));
        assert_eq!(term_months("P3Y"), Some(36));
        assert_eq!(term_months("1Year"), None);
        assert_eq!(term_months("P0Y"), None);
        assert_eq!(term_months("P"), None);
    }
}
