//! Orders: the purchases that create subscriptions and entitlements.

pub(crate) mod change;
pub(crate) mod place;
pub mod request;

pub use crate::domain::fulfilment::Fulfilment;
pub use request::{LineItemRequest, OrderRequest};

use super::ids::SubscriptionId;
use super::subscription::BillingCycle;
use super::text::Text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// An order's `status`.
    pub enum OrderStatus {
        /// Not known.
        Unknown = 0 => "unknown",
        /// Provisioned.
        Completed = 1 => "completed",
        /// Still provisioning.
        Pending = 2 => "pending",
        /// Cancelled.
        Cancelled = 3 => "cancelled",
    }
}

/// An order of a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// A GUID for legacy license orders, a 33-character string for catalog orders.
    pub id: crate::domain::ids::OrderId,
    /// The order's alternate id, as the docs' samples carry it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternate_id: Option<Text>,
    /// How often the order is billed.
    pub billing_cycle: BillingCycle,
    /// The currency of the customer's market (`USD`).
    #[serde(default = "usd")]
    pub currency_code: Text,
    /// The currency's symbol (`$`).
    #[serde(default = "dollar")]
    pub currency_symbol: Text,
    /// The order's lines.
    pub line_items: Vec<OrderLineItem>,
    /// When the order was placed.
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub creation_date: DateTime<Utc>,
    /// `pending` while provisioning, then `completed`; or `cancelled`.
    pub status: OrderStatus,
    /// The kind of transaction (`UserPurchase` for a checkout).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<Text>,
    /// A pending order's end of provisioning: once the mock's clock passes it, the order is
    /// completed (mock-specific; see the `provisioning` module).
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

pub(crate) fn usd() -> Text {
    "USD".into()
}

pub(crate) fn dollar() -> Text {
    "$".into()
}

pub(crate) const fn first_version() -> u64 {
    1
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderLineItem {
    /// The line's number in the order.
    pub line_item_number: u32,
    /// The offer bought: a legacy offer id, or the catalog item id.
    pub offer_id: crate::domain::ids::OfferId,
    /// The subscription the line created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<SubscriptionId>,
    /// For an add-on line, the base subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_subscription_id: Option<SubscriptionId>,
    /// The term bought, as an ISO 8601 duration (`P1Y`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<crate::domain::term::Term>,
    /// The name given to the subscription bought.
    pub friendly_name: Text,
    /// The seats (or units) bought.
    pub quantity: u32,
    /// The Partner Network (MPN) id of the reseller of record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_id_on_record: Option<Text>,
    /// Further partners of record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additional_partner_ids_on_record: Vec<String>,
}

impl Order {
    /// Whether the order was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.status == OrderStatus::Cancelled
    }
}
