//! An order as a client sends it, to create one (`POST .../orders`) or to change one
//! (`PATCH .../orders/{id}`).

use super::OrderStatus;
use crate::domain::customer::SentAttributes;
use crate::domain::subscription::BillingCycle;
use serde::Deserialize;

/// An order as a client sends it, to create one or to change one.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderRequest {
    /// The customer the order is for, as sent.
    pub reference_customer_id: Option<String>,
    /// How often the order is billed; on a change, the new billing cycle.
    pub billing_cycle: Option<BillingCycle>,
    /// The lines.
    pub line_items: Option<Vec<LineItemRequest>>,
    /// On a change, the status to set (`cancelled`).
    pub status: Option<OrderStatus>,
    /// The attributes sent back, with the etag the client last read.
    pub attributes: Option<SentAttributes>,
}

/// An order line as a client sends it.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LineItemRequest {
    /// The line's number in the order.
    pub line_item_number: Option<u32>,
    /// The offer to buy.
    pub offer_id: Option<String>,
    /// The seats (or units) to buy.
    pub quantity: Option<u32>,
    /// The name to give the subscription bought.
    pub friendly_name: Option<String>,
    /// The Partner Network (MPN) id of the reseller of record.
    pub partner_id_on_record: Option<String>,
    /// Further partners of record.
    pub additional_partner_ids_on_record: Option<Vec<String>>,
    /// For an add-on, the base subscription's id, as sent.
    pub parent_subscription_id: Option<String>,
    /// The term to buy, as an ISO 8601 duration (`P1Y`).
    pub term_duration: Option<String>,
}
