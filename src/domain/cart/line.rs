//! `CartLineItem`: one thing a cart buys, as the server keeps and echoes it (reference
//! api-new-commerce §3.3).

use super::line_error::CartLineError;
use crate::domain::azure::PurchaseCommitment;
use crate::domain::subscription::BillingCycle;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Map;

/// The `provisioningContext` key naming an existing base subscription for an add-on.
pub const PARENT_SUBSCRIPTION_ID: &str = "parentSubscriptionId";
/// The `provisioningContext` key naming an Azure subscription (reservations) or an Azure plan
/// (shared savings plans).
pub const SUBSCRIPTION_ID: &str = "subscriptionId";
/// The `provisioningContext` key naming one Azure subscription (single-scope savings plans).
pub const ENTITLEMENT_ID: &str = "entitlementId";
/// The `provisioningContext` key of a reservation's or savings plan's scope.
pub const SCOPE: &str = "scope";

/// A line of a cart. Line ids run from 0 through the cart, add-on items included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CartLineItem {
    /// The line's number in the cart.
    pub id: u32,
    /// The catalog item bought: `productId:skuId:availabilityId`, or a legacy offer id.
    pub catalog_item_id: String,
    /// The name the subscription bought will carry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    /// The seats (or units) bought.
    pub quantity: u32,
    /// The currency of the customer's market (`USD`).
    pub currency_code: String,
    /// How often the line is billed.
    pub billing_cycle: BillingCycle,
    /// The term bought, as an ISO 8601 duration (`P1Y`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<String>,
    /// The partners of record (`transaction_reseller`) the line names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
    /// Keys in camelCase, values strings; `{}` when the request gave none.
    #[serde(default)]
    pub provisioning_context: Map<String, serde_json::Value>,
    /// Which order checkout puts the line in; absent when the catalog item is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_group: Option<String>,
    /// Legacy add-ons bought with this line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addon_items: Vec<CartLineItem>,
    /// For a trial, the term it renews to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renews_to: Option<RenewsTo>,
    /// The promotion applied to the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion_id: Option<String>,
    /// The end date asked for the term, aligning it with other subscriptions.
    #[serde(
        default,
        with = "crate::wire::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::wire::date::WireDate>")]
    pub custom_term_end_date: Option<DateTime<Utc>>,
    /// Whether the customer accepted the attestation the product asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation_accepted: Option<bool>,
    /// For a savings plan, the hourly commitment bought.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase_commitment: Option<PurchaseCommitment>,
    /// Why the line cannot be checked out, if it cannot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<CartLineError>,
}

/// `participants[]`: `{key: "transaction_reseller", value: "<MPN id>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Participant {
    /// The participant's role (`transaction_reseller`).
    pub key: String,
    /// The participant's Partner Network (MPN) id.
    pub value: String,
}

/// `renewsTo`: the term a trial renews to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RenewsTo {
    /// The term, as an ISO 8601 duration (`P1Y`).
    pub term_duration: String,
}

impl CartLineItem {
    /// A `provisioningContext` value, its key compared case-insensitively.
    pub fn context(&self, key: &str) -> Option<&str> {
        self.provisioning_context
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(key))
            .and_then(|(_, value)| value.as_str())
            .map(str::trim)
            .filter(|value| !value.is_empty())
    }

    /// This line and its add-on items, the line first.
    pub fn with_add_ons(&self) -> impl Iterator<Item = &CartLineItem> {
        std::iter::once(self).chain(&self.addon_items)
    }
}
