//! The last pass over a customer made from recordings: what depends on something left out goes
//! too, so that the customer is valid on its own.

use crate::domain::Customer;
use std::collections::HashSet;

/// Leaves out the subscriptions and entitlements whose order (or parent subscription) was left
/// out, so that the customer is valid on its own.
pub(super) fn keep_consistent(customer: &mut Customer, notes: &mut Vec<String>) {
    let id = customer.id;
    let orders: HashSet<&str> = customer.orders.iter().map(|o| o.id.as_str()).collect();
    loop {
        let subscriptions: HashSet<_> = customer.subscriptions.iter().map(|s| s.id).collect();
        let before = customer.subscriptions.len();
        customer.subscriptions.retain(|subscription| {
            let kept = orders.contains(subscription.order_id.as_str())
                && subscription
                    .parent_subscription_id
                    .is_none_or(|parent| subscriptions.contains(&parent));
            if !kept {
                notes.push(format!(
                    "customer {id}: subscription {} left out: its order or parent is missing",
                    subscription.id
                ));
            }
            kept
        });
        if customer.subscriptions.len() == before {
            break;
        }
    }
    customer.entitlements.retain(|entitlement| {
        let kept = orders.contains(entitlement.reference_order.id.as_str());
        if !kept {
            notes.push(format!(
                "customer {id}: an entitlement of order {} left out: the order is missing",
                entitlement.reference_order.id
            ));
        }
        kept
    });
}
