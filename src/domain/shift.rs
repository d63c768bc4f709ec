//! Moving a customer through time: every date of its subscriptions and orders by the same span,
//! so that a seed written for one day reads the same on any other (see
//! [`crate::store::ClockRelative`]).

use super::customer::Customer;
use super::order::Order;
use super::subscription::Subscription;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;

fn shift(at: &mut DateTime<Utc>, by: Duration) {
    *at = at.checked_add_signed(by).unwrap_or(*at);
}

impl Subscription {
    /// Moves every date of the subscription by `by`.
    pub fn shift_dates(&mut self, by: Duration) {
        shift(&mut self.creation_date, by);
        shift(&mut self.effective_start_date, by);
        shift(&mut self.commitment_end_date, by);
        if let Some(until) = &mut self.cancellation_allowed_until_date {
            shift(until, by);
        }
        let lifecycle = &mut self.lifecycle;
        for batch in &mut lifecycle.refundable_batches {
            shift(&mut batch.allowed_until, by);
        }
        lifecycle
            .status_history
            .update_each(|change| shift(&mut change.at, by));
        if let Some(end) = lifecycle
            .scheduled_next_term_instructions
            .as_mut()
            .and_then(|instructions| instructions.custom_term_end_date.as_mut())
        {
            shift(end, by);
        }
    }
}

impl Order {
    /// Moves the order's dates by `by`.
    pub fn shift_dates(&mut self, by: Duration) {
        shift(&mut self.creation_date, by);
        if let Some(until) = &mut self.pending_until {
            shift(until, by);
        }
    }
}

impl Customer {
    /// Moves every date of the customer's subscriptions and orders by `by`.
    pub fn shift_dates(&mut self, by: Duration) {
        for subscription in &mut self.subscriptions {
            Arc::make_mut(subscription).shift_dates(by);
        }
        for order in &mut self.orders {
            Arc::make_mut(order).shift_dates(by);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::test_support::{new_commerce_subscription, now};
    use chrono::Duration;

    #[test]
    fn every_date_moves_by_the_same_span() {
        let mut subscription = new_commerce_subscription(2, now());
        let before = subscription.clone();
        subscription.shift_dates(Duration::days(40));
        assert_eq!(
            subscription.creation_date,
            before.creation_date + Duration::days(40)
        );
        assert_eq!(
            subscription.commitment_end_date,
            before.commitment_end_date + Duration::days(40)
        );
        assert_eq!(
            subscription.lifecycle.refundable_batches[0].allowed_until,
            before.lifecycle.refundable_batches[0].allowed_until + Duration::days(40)
        );
    }
}
