//! Seats in batches (reference api-new-commerce §4.4): every batch of seats a new-commerce
//! subscription gains (the purchase, each increase, each renewal) can be reduced for 7 days, on
//! its own clock. A decrease takes seats from the newest batches first; seats outside every open
//! window cannot be removed (400 800090).

use super::Subscription;
use super::term::CANCELLATION_WINDOW_DAYS;
use crate::domain::error::DomainError;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Seats added at one moment, reducible until `allowed_until`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SeatBatch {
    /// The seats added.
    pub quantity: u32,
    /// The end of the batch's 7-day window.
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub allowed_until: DateTime<Utc>,
}

impl SeatBatch {
    /// `quantity` seats added at `at`, with a fresh 7-day window.
    pub fn added(quantity: u32, at: DateTime<Utc>) -> Self {
        Self {
            quantity,
            allowed_until: at + Duration::days(CANCELLATION_WINDOW_DAYS),
        }
    }

    fn is_open(&self, now: DateTime<Utc>) -> bool {
        now <= self.allowed_until
    }
}

impl Subscription {
    /// Whether seat batches are counted: new-commerce licences outside their trial.
    pub fn counts_seat_batches(&self) -> bool {
        self.is_new_commerce() && !self.is_trial
    }

    /// The seats that can still be reduced at `now`.
    pub fn refundable_quantity(&self, now: DateTime<Utc>) -> u32 {
        self.lifecycle
            .refundable_batches
            .iter()
            .filter(|batch| batch.is_open(now))
            .map(|batch| batch.quantity)
            .sum()
    }

    /// Whether a batch's window has closed without [`Subscription::drop_closed_batches`].
    pub fn has_closed_batches(&self, now: DateTime<Utc>) -> bool {
        self.lifecycle
            .refundable_batches
            .iter()
            .any(|batch| !batch.is_open(now))
    }

    /// Forgets the batches whose window has closed.
    pub fn drop_closed_batches(&mut self, now: DateTime<Utc>) {
        self.lifecycle
            .refundable_batches
            .retain(|batch| batch.is_open(now));
    }

    /// Sets the quantity to `quantity` at `now`: an increase opens a batch, a decrease takes
    /// seats from the newest open batches.
    ///
    /// Errors: [`DomainError::QuantityCannotBeDecreased`] when fewer seats are reducible than the
    /// decrease asks for.
    pub fn change_seats(&mut self, quantity: u32, now: DateTime<Utc>) -> Result<(), DomainError> {
        if !self.counts_seat_batches() {
            self.quantity = quantity;
            return Ok(());
        }
        if quantity > self.quantity {
            self.lifecycle
                .refundable_batches
                .push(SeatBatch::added(quantity - self.quantity, now));
        } else {
            let mut removing = self.quantity - quantity;
            if removing > self.refundable_quantity(now) {
                return Err(DomainError::QuantityCannotBeDecreased);
            }
            self.drop_closed_batches(now);
            while removing > 0 {
                let Some(newest) = self.lifecycle.refundable_batches.last_mut() else {
                    break;
                };
                let taken = newest.quantity.min(removing);
                newest.quantity -= taken;
                removing -= taken;
                if newest.quantity == 0 {
                    self.lifecycle.refundable_batches.pop();
                }
            }
        }
        self.quantity = quantity;
        Ok(())
    }

    /// A new term from `at`: every seat is one fresh batch.
    pub fn open_seat_window(&mut self, at: DateTime<Utc>) {
        self.lifecycle.refundable_batches = if self.counts_seat_batches() {
            vec![SeatBatch::added(self.quantity, at)]
        } else {
            Vec::new()
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::new_commerce_subscription;

    fn day(n: i64) -> DateTime<Utc> {
        crate::domain::test_support::now() + Duration::days(n)
    }

    #[test]
    fn each_batch_is_reducible_for_seven_days_on_its_own_clock() {
        let mut subscription = new_commerce_subscription(5, day(0));
        subscription.change_seats(8, day(3)).unwrap();
        assert_eq!(subscription.refundable_quantity(day(3)), 8);
        // Day 8: the purchase's window closed, the increase's is open.
        assert_eq!(subscription.refundable_quantity(day(8)), 3);
        assert_eq!(
            subscription.change_seats(4, day(8)),
            Err(DomainError::QuantityCannotBeDecreased)
        );
        assert_eq!(
            subscription.quantity, 8,
            "a refused decrease changes nothing"
        );
        subscription.change_seats(6, day(8)).unwrap();
        assert_eq!(subscription.quantity, 6);
        assert_eq!(
            subscription.lifecycle.refundable_batches,
            vec![SeatBatch::added(1, day(3))]
        );
        assert_eq!(subscription.refundable_quantity(day(11)), 0);
    }

    #[test]
    fn a_decrease_takes_the_newest_seats_first() {
        let mut subscription = new_commerce_subscription(2, day(0));
        subscription.change_seats(5, day(1)).unwrap();
        subscription.change_seats(3, day(2)).unwrap();
        assert_eq!(
            subscription.lifecycle.refundable_batches,
            vec![SeatBatch::added(2, day(0)), SeatBatch::added(1, day(1))]
        );
    }

    #[test]
    fn a_renewal_makes_every_seat_one_fresh_batch() {
        let mut subscription = new_commerce_subscription(5, day(0));
        subscription.change_seats(7, day(2)).unwrap();
        subscription.open_seat_window(day(30));
        assert_eq!(
            subscription.lifecycle.refundable_batches,
            vec![SeatBatch::added(7, day(30))]
        );
    }
}
