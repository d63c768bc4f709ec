//! What must hold after every step, on the mock's state as the clock leaves it.

use super::reference::{Units, WINDOW_DAYS};
use super::{E3_SKU, World};
use chrono::{Datelike, Duration};
use partner_center_mock::domain::customer::Customer;
use partner_center_mock::domain::subscription::Subscription;
use partner_center_mock::domain::subscription::SubscriptionStatus::{
    Active, Deleted, Disabled, Expired,
};
use std::collections::HashSet;

/// A subscription still billed or that can be: not deleted, expired or disabled.
fn is_live(subscription: &Subscription) -> bool {
    !matches!(subscription.status, Deleted | Expired | Disabled)
}

/// Asserts that a customer without a reseller relationship holds none of the things that block
/// its removal, each kind named on its own.
fn assert_nothing_blocks(customer: &Customer) {
    let id = customer.id;
    for s in &customer.subscriptions {
        let what = if s.is_savings_plan() {
            "a live savings plan"
        } else if s.is_marketplace() {
            "a live SaaS subscription"
        } else if s.is_new_commerce() {
            "a live new-commerce subscription"
        } else {
            "an active subscription"
        };
        let blocks = if s.is_savings_plan() || s.is_marketplace() || s.is_new_commerce() {
            is_live(s)
        } else {
            s.status == Active
        };
        assert!(
            !blocks,
            "released {id} holds {what}: {} is {}",
            s.id, s.status
        );
        assert!(
            !s.has_active_azure_entitlements(),
            "released {id} holds an Azure plan with an active Azure subscription: {}",
            s.id
        );
    }
    for entitlement in &customer.entitlements {
        let order = &entitlement.reference_order.id;
        assert!(
            !entitlement.is_reserved_instance() || customer.order_is_cancelled(order),
            "released {id} holds a reserved instance of order {order}"
        );
        assert!(
            !entitlement.is_software() || customer.order_is_cancelled(order),
            "released {id} holds a software purchase of order {order}"
        );
    }
}

impl World {
    pub(super) fn check_invariants(&mut self) {
        // Reading a customer applies what the clock did to it, as every request does.
        for model in &self.model {
            self.store.customer(model.id).unwrap();
        }
        let now = self.store.clock().now();
        let today = self.today();
        let data = self.store.snapshot();
        let mut subscription_ids = HashSet::new();
        let mut order_ids = HashSet::new();
        for customer in data.customers() {
            if !customer.is_related() {
                assert_nothing_blocks(customer);
            }
            for subscription in &customer.subscriptions {
                assert!(
                    subscription_ids.insert(subscription.id),
                    "subscription id {} twice",
                    subscription.id
                );
                let previous = self
                    .versions
                    .insert(subscription.id, subscription.version)
                    .unwrap_or(0);
                assert!(
                    subscription.version >= previous,
                    "the etag version of {} went back",
                    subscription.id
                );
            }
            for order in &customer.orders {
                assert!(
                    order_ids.insert(order.id.clone()),
                    "order id {} twice",
                    order.id
                );
            }
            let model = self.model.iter().find(|m| m.id == customer.id).unwrap();
            assert_eq!(model.related, customer.is_related());
            let units = customer.subscribed_sku(E3_SKU).map_or(
                (
                    Units {
                        active: 0,
                        warning: 0,
                        suspended: 0,
                    },
                    0,
                ),
                |u| {
                    let units = Units {
                        active: u.active_units,
                        warning: u.warning_units,
                        suspended: u.suspended_units,
                    };
                    (units, u.consumed_units)
                },
            );
            assert_eq!(
                units,
                (model.e3_units(), model.consumed_e3()),
                "E3 units of {} on day {}",
                customer.id,
                self.day
            );
            for expected in &model.subscriptions {
                let actual = customer
                    .subscriptions
                    .iter()
                    .find(|s| s.id == expected.id)
                    .unwrap();
                let at = (expected.id, self.day);
                assert_eq!(actual.status, expected.status, "status of {at:?}");
                assert_eq!(
                    actual.auto_renew_enabled, expected.auto_renew,
                    "auto-renew of {at:?}"
                );
                assert_eq!(actual.quantity, expected.quantity, "quantity of {at:?}");
                match expected.last_day() {
                    Some(day) => assert_eq!(
                        actual.commitment_end_date,
                        day.and_hms_opt(0, 0, 0).unwrap().and_utc(),
                        "commitmentEndDate of {at:?}"
                    ),
                    None => assert_eq!(actual.commitment_end_date.year(), 9999),
                }
                let window = actual
                    .cancellation_allowed_until_date
                    .map(|d| d.date_naive());
                let cancellable = actual.is_new_commerce() || actual.is_marketplace();
                assert_eq!(
                    window,
                    cancellable.then(|| expected.term_start + Duration::days(WINDOW_DAYS)),
                    "cancellationAllowedUntilDate of {at:?}"
                );
                assert_eq!(
                    actual.refundable_quantity(now),
                    expected.refundable(today),
                    "reducible seats of {at:?}"
                );
            }
        }
    }
}
