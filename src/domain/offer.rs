//! The offer catalog: what a partner can sell, with the limits orders and quantity changes obey
//! (reference: offer resources; product resources for catalog items).
//!
//! [`Catalog`] joins the legacy offer list (`/v1/offers`) and the product catalog
//! (`/v1/products`, [`super::catalog`]); a purchase reads what it buys from either
//! ([`Catalog::purchasable`]).

use super::catalog::{CatalogItem, ProductCatalog};
use super::error::DomainError;
use super::ids::SubscriptionId;
use super::subscription::{BillingCycle, BillingType};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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
        /// An Azure savings plan: a benefit subscription (reference api-new-commerce §8.3).
        SavingsPlan = 5 => "savings_plan",
        /// A marketplace (SaaS) product: a marketplace subscription.
        Marketplace = 6 => "marketplace",
    }
}

impl OfferKind {
    /// How a purchase of this kind is billed.
    pub const fn billing_type(self) -> BillingType {
        match self {
            Self::AzurePlan => BillingType::Usage,
            Self::SavingsPlan => BillingType::Benefit,
            Self::License
            | Self::NewCommerce
            | Self::ReservedInstance
            | Self::Software
            | Self::Marketplace => BillingType::License,
        }
    }

    /// The `unitType` of what a purchase of this kind creates.
    pub const fn unit_type(self) -> &'static str {
        match self {
            Self::License | Self::NewCommerce | Self::Marketplace => "Licenses",
            Self::AzurePlan => "Usage-based",
            Self::SavingsPlan => "Benefit",
            Self::ReservedInstance | Self::Software => "none",
        }
    }
}

/// An offer in the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Offer {
    /// A legacy offer GUID, or a catalog item id `product:sku:availability`.
    pub id: crate::domain::ids::OfferId,
    /// The offer's name.
    pub name: crate::domain::text::Text,
    /// The offer, in words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// What kind of purchase it is (licence, Azure plan, reservation, software, SaaS...).
    pub kind: OfferKind,
    /// The fewest seats a purchase may hold.
    #[serde(default = "one")]
    pub minimum_quantity: u32,
    /// The most seats a subscription may hold.
    #[serde(default = "many")]
    pub maximum_quantity: u32,
    /// How it is billed: per licence or by usage.
    pub billing: BillingType,
    /// What a unit is (`Licenses`).
    #[serde(default = "licenses")]
    pub unit_type: crate::domain::text::Text,
    /// Whether it is an add-on, bought on top of a base subscription.
    #[serde(default)]
    pub is_add_on: bool,
    /// The add-on offers that can be bought on top of a subscription to this offer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_ons: Vec<String>,
    /// Offers a customer must already have for this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prerequisite_offers: Vec<String>,
    /// The billing cycles it can be bought with.
    #[serde(default = "monthly_only")]
    pub supported_billing_cycles: Vec<BillingCycle>,
    /// Whether its subscriptions renew.
    #[serde(default = "yes")]
    pub is_auto_renewable: bool,
    /// The term a purchase gets when the order line names none (`P1M`, `P1Y`, `P3Y`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<crate::domain::term::Term>,
    /// The offer's category (`OnlineServices`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// A legacy offer retired in favour of new commerce: the catalog item id to buy instead. Carts
    /// refuse the offer with line error 500600 (reference api-new-commerce §3.6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_commerce_successor: Option<String>,
    /// A legacy trial offer (`isTrial`), converted to paid through `.../conversions`.
    #[serde(default)]
    pub is_trial: bool,
    /// The legacy offers a subscription to this one can be upgraded to (`.../upgrades`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub upgrade_target_offers: Vec<String>,
    /// A trial offer's paid offers (`.../conversions`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conversion_target_offers: Vec<String>,
    /// A legacy offer still sold: the catalog item its subscriptions move to in a migration to
    /// new commerce (reference api-new-commerce §5.5). A retired offer's successor is its
    /// equivalent too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_commerce_equivalent: Option<String>,
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

fn licenses() -> crate::domain::text::Text {
    "Licenses".into()
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

    /// Whether `add_on` can be bought on top of this offer.
    pub fn offers_add_on(&self, add_on: &str) -> bool {
        self.add_ons
            .iter()
            .any(|id| id.eq_ignore_ascii_case(add_on))
    }

    /// The catalog item a subscription to this legacy offer migrates to, if any.
    pub fn migrates_to(&self) -> Option<&str> {
        self.new_commerce_equivalent
            .as_deref()
            .or(self.new_commerce_successor.as_deref())
    }

    /// Whether a subscription may hold `quantity` seats.
    pub fn allows_quantity(&self, quantity: u32) -> bool {
        (self.minimum_quantity..=self.maximum_quantity).contains(&quantity)
    }

    /// Whether a subscription to this offer can be upgraded to `target`.
    pub fn upgrades_to(&self, target: &str) -> bool {
        self.upgrade_target_offers
            .iter()
            .any(|id| id.eq_ignore_ascii_case(target.trim()))
    }

    /// Whether a trial of this offer converts to `target`.
    pub fn converts_to(&self, target: &str) -> bool {
        self.conversion_target_offers
            .iter()
            .any(|id| id.eq_ignore_ascii_case(target.trim()))
    }
}

/// Everything the partner can sell: the legacy offer list and the product catalog.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    offers: Vec<Offer>,
    products: ProductCatalog,
}

/// Something a cart line or an order line can buy.
#[derive(Debug, Clone, Copy)]
pub enum Purchasable<'a> {
    /// An availability of the product catalog.
    Item(CatalogItem<'a>),
    /// An offer of the legacy list: a legacy offer (`MS-AZR-0145P`, a GUID), or a catalog item id
    /// the product catalog does not hold.
    Offer(&'a Offer),
}

impl<'a> Purchasable<'a> {
    /// What the order fulfilment buys.
    pub fn offer(&self) -> Cow<'a, Offer> {
        match self {
            Self::Item(item) => Cow::Owned(item.offer()),
            Self::Offer(offer) => Cow::Borrowed(offer),
        }
    }

    /// What kind of purchase it is.
    pub fn kind(&self) -> OfferKind {
        match self {
            Self::Item(item) => item.kind,
            Self::Offer(offer) => offer.kind,
        }
    }
}

impl Catalog {
    /// A catalog of the legacy `offers` and the product catalog `products`.
    pub fn new(offers: Vec<Offer>, products: ProductCatalog) -> Self {
        Self { offers, products }
    }

    /// The offer `target_id`, which must be among `listed`: the upgrade or conversion targets
    /// the offer of the subscription `from` names.
    ///
    /// Errors: [`DomainError::InvalidOfferId`] for an unknown offer,
    /// [`DomainError::NotAnUpgradePath`] for one that is not listed.
    pub fn listed_target<'a>(
        &'a self,
        from: SubscriptionId,
        target_id: String,
        mut listed: impl Iterator<Item = &'a Offer>,
    ) -> Result<&'a Offer, DomainError> {
        let target = self
            .offer(&target_id)
            .ok_or_else(|| DomainError::InvalidOfferId(target_id.clone()))?;
        if listed.any(|t| t.id == target.id) {
            Ok(target)
        } else {
            Err(DomainError::NotAnUpgradePath {
                from,
                to: target_id,
            })
        }
    }

    /// The legacy offer `id`; ids compare case-insensitively.
    pub fn offer(&self, id: &str) -> Option<&Offer> {
        self.offers
            .iter()
            .find(|offer| offer.id.eq_ignore_ascii_case(id.trim()))
    }

    /// The legacy offers that the offer `id` names in the list `named` picks from it, in the order
    /// named; none when `id` is unknown or `named` picks no list.
    pub fn named_offers<'a>(
        &'a self,
        id: &str,
        named: impl FnOnce(&'a Offer) -> Option<&'a [String]>,
    ) -> impl Iterator<Item = &'a Offer> {
        let ids = self.offer(id).and_then(named).unwrap_or_default();
        ids.iter().filter_map(|id| self.offer(id))
    }

    /// The legacy offer list, as `/v1/offers` serves it.
    pub fn offers(&self) -> &[Offer] {
        &self.offers
    }

    /// The product catalog, as `/v1/products` serves it.
    pub fn products(&self) -> &ProductCatalog {
        &self.products
    }

    /// What the id `id` buys: a catalog item of the product catalog when it holds one, else an
    /// offer of the legacy list.
    pub fn purchasable(&self, id: &str) -> Option<Purchasable<'_>> {
        self.products
            .item(id)
            .map(Purchasable::Item)
            .or_else(|| self.offer(id).map(Purchasable::Offer))
    }

    /// An offer's display rank: its place in the catalog, from 1.
    pub fn rank(&self, offer: &Offer) -> usize {
        self.offers
            .iter()
            .position(|o| o.id == offer.id)
            .map_or(0, |i| i + 1)
    }

    /// A category's display rank: its place among the catalog's categories, from 1.
    pub fn category_rank(&self, category: &str) -> usize {
        let mut seen: Vec<&str> = Vec::new();
        for name in self.offers.iter().filter_map(|o| o.category.as_deref()) {
            if !seen.contains(&name) {
                seen.push(name);
            }
        }
        seen.iter()
            .position(|c| *c == category)
            .map_or(0, |i| i + 1)
    }
}
