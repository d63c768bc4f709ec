//! The offer catalog: what a partner can sell, with the limits orders and quantity changes obey
//! (reference: offer resources; product resources for catalog items).

use super::subscription::{BillingCycle, BillingType};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// How an offer is sold, which decides what an order line for it creates (SPEC §5).
    pub enum OfferKind {
        /// A legacy license offer (GUID id): an active license subscription at once.
        License = 0 => "license",
        /// A new-commerce license catalog item (`product:sku:availability`): a subscription
        /// with a term and a cancellation window.
        NewCommerce = 1 => "new_commerce",
        /// The Azure plan: a usage-based subscription.
        AzurePlan = 2 => "azure_plan",
        /// An Azure reserved VM instance: a `reservedinstance` entitlement, no subscription.
        ReservedInstance = 3 => "reserved_instance",
        /// Perpetual software: a `software` entitlement, no subscription.
        Software = 4 => "software",
    }
}

/// An offer in the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Offer {
    /// A legacy offer GUID, or a catalog item id `product:sku:availability`.
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub kind: OfferKind,
    #[serde(default = "one")]
    pub minimum_quantity: u32,
    #[serde(default = "many")]
    pub maximum_quantity: u32,
    pub billing: BillingType,
    #[serde(default = "licenses")]
    pub unit_type: String,
    #[serde(default)]
    pub is_add_on: bool,
    /// The add-on offers that can be bought on top of a subscription to this offer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_ons: Vec<String>,
    /// Offers a customer must already have for this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prerequisite_offers: Vec<String>,
    #[serde(default = "monthly_only")]
    pub supported_billing_cycles: Vec<BillingCycle>,
    #[serde(default = "yes")]
    pub is_auto_renewable: bool,
    /// The term a purchase gets when the order line names none (`P1M`, `P1Y`, `P3Y`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

const fn one() -> u32 {
    1
}

const fn many() -> u32 {
    10_000
}

const fn yes() -> bool {
    true
}

fn licenses() -> String {
    "Licenses".to_owned()
}

fn monthly_only() -> Vec<BillingCycle> {
    vec![BillingCycle::Monthly]
}

impl Offer {
    /// The catalog item's product id (the first part of `product:sku:availability`).
    pub fn product_id(&self) -> &str {
        self.id.split(':').next().unwrap_or(&self.id)
    }

    /// The catalog item's sku id, or an empty string for a legacy offer.
    pub fn sku_id(&self) -> &str {
        self.id.split(':').nth(1).unwrap_or_default()
    }

    pub fn offers_add_on(&self, add_on: &str) -> bool {
        self.add_ons
            .iter()
            .any(|id| id.eq_ignore_ascii_case(add_on))
    }

    pub fn allows_quantity(&self, quantity: u32) -> bool {
        (self.minimum_quantity..=self.maximum_quantity).contains(&quantity)
    }
}

/// Every offer the partner can sell.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Catalog(pub Vec<Offer>);

impl Catalog {
    /// The offer `id`; ids compare case-insensitively.
    pub fn offer(&self, id: &str) -> Option<&Offer> {
        self.0
            .iter()
            .find(|offer| offer.id.eq_ignore_ascii_case(id.trim()))
    }

    pub fn offers(&self) -> &[Offer] {
        &self.0
    }

    /// An offer's display rank: its place in the catalog, from 1.
    pub fn rank(&self, offer: &Offer) -> usize {
        self.0
            .iter()
            .position(|o| o.id == offer.id)
            .map_or(0, |i| i + 1)
    }

    /// A category's display rank: its place among the catalog's categories, from 1.
    pub fn category_rank(&self, category: &str) -> usize {
        let mut seen: Vec<&str> = Vec::new();
        for name in self.0.iter().filter_map(|o| o.category.as_deref()) {
            if !seen.contains(&name) {
                seen.push(name);
            }
        }
        seen.iter()
            .position(|c| *c == category)
            .map_or(0, |i| i + 1)
    }
}
