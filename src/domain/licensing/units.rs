//! Subscribed SKUs: a customer's licence units per product SKU, derived from its subscriptions
//! and its users every time they are read, never stored (reference api-users-licenses §5.3,
//! §5.6; §11.11 of its open points).
//!
//! Each subscription of a SKU adds its quantity to one bucket, by status: `active` to
//! `activeUnits`; `expired` (the grace period to renew) to `warningUnits`; `suspended` and
//! `disabled` to `suspendedUnits`; `deleted`, `pending` and `none` to none. `totalUnits` is
//! `activeUnits + warningUnits`, `consumedUnits` counts the active users holding the SKU, and
//! `availableUnits` is `totalUnits - consumedUnits`, negative when a cut leaves more licences
//! assigned than units paid for.

use super::product_skus::{PRODUCT_SKUS, ProductSku, sku_of_offer};
use crate::domain::customer::Customer;
use crate::domain::subscription::SubscriptionStatus;
use uuid::Uuid;

/// One product SKU's units in a customer's tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubscribedSku {
    /// The product SKU.
    pub sku: &'static ProductSku,
    /// Units of active subscriptions.
    pub active_units: i64,
    /// Units of subscriptions in their grace period.
    pub warning_units: i64,
    /// Units of suspended subscriptions.
    pub suspended_units: i64,
    /// Units assigned to users.
    pub consumed_units: i64,
}

impl SubscribedSku {
    /// Units that can be assigned: active and warning ones.
    pub const fn total_units(&self) -> i64 {
        self.active_units + self.warning_units
    }

    /// Units still unassigned.
    pub const fn available_units(&self) -> i64 {
        self.total_units() - self.consumed_units
    }

    /// `Enabled` while any unit is active, else `Warning` while any is in its grace period, else
    /// `Suspended`.
    pub const fn capability_status(&self) -> &'static str {
        if self.active_units > 0 {
            "Enabled"
        } else if self.warning_units > 0 {
            "Warning"
        } else {
            "Suspended"
        }
    }

    fn is_empty(&self) -> bool {
        self.active_units == 0
            && self.warning_units == 0
            && self.suspended_units == 0
            && self.consumed_units == 0
    }
}

/// Where a subscription's quantity counts, by its status.
enum Bucket {
    Active,
    Warning,
    Suspended,
}

const fn bucket(status: SubscriptionStatus) -> Option<Bucket> {
    match status {
        SubscriptionStatus::Active => Some(Bucket::Active),
        SubscriptionStatus::Expired => Some(Bucket::Warning),
        SubscriptionStatus::Suspended | SubscriptionStatus::Disabled => Some(Bucket::Suspended),
        SubscriptionStatus::Deleted | SubscriptionStatus::Pending | SubscriptionStatus::None => {
            None
        }
    }
}

impl Customer {
    /// The customer's subscribed SKUs, in the order of the SKU list; a SKU whose every number
    /// is 0 is left out.
    pub fn subscribed_skus(&self) -> Vec<SubscribedSku> {
        PRODUCT_SKUS
            .iter()
            .map(|sku| self.units_of(sku))
            .filter(|units| !units.is_empty())
            .collect()
    }

    /// The subscribed SKU `id`, when the customer has any unit of it.
    pub fn subscribed_sku(&self, id: Uuid) -> Option<SubscribedSku> {
        self.subscribed_skus()
            .into_iter()
            .find(|units| units.sku.id == id)
    }

    /// The units of `id` left to assign (0 for a SKU the customer has none of).
    pub fn available_units(&self, id: Uuid) -> i64 {
        self.subscribed_sku(id)
            .map_or(0, |units| units.available_units())
    }

    fn units_of(&self, sku: &'static ProductSku) -> SubscribedSku {
        let mut units = SubscribedSku {
            sku,
            active_units: 0,
            warning_units: 0,
            suspended_units: 0,
            consumed_units: 0,
        };
        for subscription in &self.subscriptions {
            if sku_of_offer(&subscription.offer_id).is_none_or(|of| of.id != sku.id) {
                continue;
            }
            let quantity = i64::from(subscription.quantity);
            match bucket(subscription.status) {
                Some(Bucket::Active) => units.active_units += quantity,
                Some(Bucket::Warning) => units.warning_units += quantity,
                Some(Bucket::Suspended) => units.suspended_units += quantity,
                None => {}
            }
        }
        units.consumed_units = self
            .users
            .iter()
            .filter(|user| user.consumes(sku.id))
            .count()
            .try_into()
            .unwrap_or(i64::MAX);
        units
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::IdSource;
    use crate::domain::test_support::{add_subscription, customer};
    use std::sync::Arc;

    const E3_OFFER: &str = "91fd106f-4b2c-4938-95ac-f54f74e9a239";

    #[test]
    fn each_status_puts_the_quantity_in_its_bucket() {
        use SubscriptionStatus::{Active, Deleted, Disabled, Expired, None, Pending, Suspended};
        let mut customer = customer();
        let ids = IdSource::sequential();
        for (quantity, status) in [
            (1, Active),
            (2, Expired),
            (4, Suspended),
            (8, Disabled),
            (16, Deleted),
            (32, Pending),
            (64, None),
        ] {
            add_subscription(&mut customer, &ids, E3_OFFER, quantity);
            Arc::make_mut(customer.subscriptions.last_mut().unwrap()).status = status;
        }
        let [units] = customer.subscribed_skus()[..] else {
            panic!("one SKU");
        };
        assert_eq!(units.sku.sku_part_number, "ENTERPRISEPACK");
        assert_eq!(
            (
                units.active_units,
                units.warning_units,
                units.suspended_units,
                units.total_units(),
                units.available_units()
            ),
            (1, 2, 12, 3, 3)
        );
        assert_eq!(units.capability_status(), "Enabled");
    }

    #[test]
    fn capability_follows_the_best_bucket_and_empty_skus_are_not_listed() {
        let mut customer = customer();
        let ids = IdSource::sequential();
        add_subscription(&mut customer, &ids, E3_OFFER, 3);
        add_subscription(&mut customer, &ids, "MS-AZR-0145P", 1);
        let status = |customer: &Customer| customer.subscribed_skus()[0].capability_status();
        Arc::make_mut(&mut customer.subscriptions[0]).status = SubscriptionStatus::Expired;
        assert_eq!(status(&customer), "Warning");
        Arc::make_mut(&mut customer.subscriptions[0]).status = SubscriptionStatus::Disabled;
        assert_eq!(status(&customer), "Suspended");
        Arc::make_mut(&mut customer.subscriptions[0]).status = SubscriptionStatus::Deleted;
        assert!(customer.subscribed_skus().is_empty());
    }
}
