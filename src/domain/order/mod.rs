//! Orders: the purchases that create subscriptions and entitlements.

pub mod change;
pub mod place;
pub mod request;

pub use crate::domain::fulfilment::Fulfilment;
pub use request::{LineItemRequest, OrderRequest};

use super::ids::SubscriptionId;
use super::subscription::BillingCycle;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// An order's `status`.
    pub enum OrderStatus {
        Unknown = 0 => "unknown",
        Completed = 1 => "completed",
        Pending = 2 => "pending",
        Cancelled = 3 => "cancelled",
    }
}

/// An order of a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// A GUID for legacy license orders, a 33-character string for catalog orders.
    pub id: crate::domain::ids::OrderId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternate_id: Option<String>,
    pub billing_cycle: BillingCycle,
    #[serde(default = "usd")]
    pub currency_code: String,
    #[serde(default = "dollar")]
    pub currency_symbol: String,
    pub line_items: Vec<OrderLineItem>,
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub creation_date: DateTime<Utc>,
    pub status: OrderStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<String>,
    /// A pending order's end of provisioning: once the mock's clock passes it, the order is
    /// completed (mock-specific; see [`crate::domain::provisioning`]).
    #[serde(
        default,
        with = "crate::wire::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::wire::date::WireDate>")]
    pub pending_until: Option<DateTime<Utc>>,
    /// The etag version; grows by one with each change.
    #[serde(default = "first_version")]
    pub version: u64,
}

pub(crate) fn usd() -> String {
    "USD".to_owned()
}

pub(crate) fn dollar() -> String {
    "$".to_owned()
}

pub(crate) const fn first_version() -> u64 {
    1
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderLineItem {
    pub line_item_number: u32,
    pub offer_id: crate::domain::ids::OfferId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<SubscriptionId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_subscription_id: Option<SubscriptionId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<crate::domain::term::Term>,
    pub friendly_name: String,
    pub quantity: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_id_on_record: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additional_partner_ids_on_record: Vec<String>,
}

impl Order {
    pub fn is_cancelled(&self) -> bool {
        self.status == OrderStatus::Cancelled
    }
}
