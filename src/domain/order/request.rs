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
    pub reference_customer_id: Option<String>,
    pub billing_cycle: Option<BillingCycle>,
    pub line_items: Option<Vec<LineItemRequest>>,
    pub status: Option<OrderStatus>,
    pub attributes: Option<SentAttributes>,
}

/// An order line as a client sends it.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LineItemRequest {
    pub line_item_number: Option<u32>,
    pub offer_id: Option<String>,
    pub quantity: Option<u32>,
    pub friendly_name: Option<String>,
    pub partner_id_on_record: Option<String>,
    pub additional_partner_ids_on_record: Option<Vec<String>>,
    pub parent_subscription_id: Option<String>,
    pub term_duration: Option<String>,
}
