//! One gathered customer made into the model's customer: each recorded resource read as its
//! partial record and completed, an order made for each subscription whose order was never
//! recorded, and what cannot be read left out with a note. The profiles recorded on their own
//! replace the ones the customer answer carried.

use super::gather::Gathered;
use super::records::{RecordedCustomer, RecordedOrder, RecordedSubscription};
use crate::domain::entitlement::Entitlement;
use crate::domain::{Customer, CustomerId};
use crate::wire::body::read_value;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The customer `id` of `gathered`, or why it cannot be read.
pub(super) fn assemble(
    id: CustomerId,
    gathered: Gathered,
    notes: &mut Vec<String>,
) -> Result<Customer, String> {
    let time = gathered.time;
    let mut recorded: RecordedCustomer = read(gathered.customer)?;
    if let Some(profile) = gathered.company_profile {
        recorded.company_profile = Some(read_one(profile)?);
    }
    if let Some(profile) = gathered.billing_profile {
        recorded.billing_profile = Some(read_one(profile)?);
    }
    let mut customer = recorded.complete(id);

    let mut orders: BTreeMap<String, Result<RecordedOrder, String>> = gathered
        .orders
        .into_iter()
        .map(|(order_id, order)| (order_id, read_one(order)))
        .collect();
    for (subscription_id, subscription) in gathered.subscriptions {
        match read_one::<RecordedSubscription>(subscription) {
            Ok(subscription) => {
                orders
                    .entry(subscription.order_id())
                    .or_insert_with(|| Ok(subscription.made_order()));
                customer
                    .subscriptions
                    .push(Arc::new(subscription.complete(time)));
            }
            Err(error) => notes.push(format!(
                "customer {id}: subscription {subscription_id} left out: {error}"
            )),
        }
    }
    for entitlement in gathered.entitlements {
        match read_one::<Entitlement>(entitlement) {
            Ok(entitlement) if orders.contains_key(entitlement.reference_order.id.as_str()) => {
                customer.entitlements.push(entitlement);
            }
            Ok(entitlement) => notes.push(format!(
                "customer {id}: an entitlement of order {} left out (the order was not recorded)",
                entitlement.reference_order.id
            )),
            Err(error) => notes.push(format!("customer {id}: an entitlement left out: {error}")),
        }
    }
    for (order_id, order) in orders {
        match order {
            Ok(order) => customer.orders.push(Arc::new(order.complete(time))),
            Err(error) => notes.push(format!("customer {id}: order {order_id} left out: {error}")),
        }
    }
    Ok(customer)
}

/// Reads a recorded resource as `T`; a missing one reads as `T`'s default.
fn read<T: DeserializeOwned + Default>(resource: Option<Value>) -> Result<T, String> {
    resource.map_or_else(|| Ok(T::default()), read_one)
}

fn read_one<T: DeserializeOwned>(resource: Value) -> Result<T, String> {
    read_value(resource).map_err(|error| error.to_string())
}
