//! `Offer`.

use crate::domain::offer::{Catalog, Offer};
use crate::domain::subscription::{BillingCycle, BillingType};
use crate::wire::{Attributes, NamedLinks};
use serde::Serialize;

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OfferView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub minimum_quantity: u32,
    pub maximum_quantity: u32,
    pub rank: usize,
    pub uri: String,
    pub locale: &'static str,
    pub country: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<CategoryView<'a>>,
    pub prerequisite_offers: &'a [String],
    pub is_add_on: bool,
    pub has_add_ons: bool,
    pub is_available_for_purchase: bool,
    pub billing: BillingType,
    pub supported_billing_cycles: &'a [BillingCycle],
    pub is_auto_renewable: bool,
    pub is_trial: bool,
    pub upgrade_target_offers: &'a [String],
    pub conversion_target_offers: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sales_group_id: Option<&'a str>,
    pub product: ProductView<'a>,
    pub unit_type: &'a str,
    pub links: NamedLinks,
    pub attributes: Attributes,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CategoryView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub rank: usize,
    pub locale: &'static str,
    pub country: String,
    pub attributes: Attributes,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct ProductView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub unit: &'a str,
}

impl<'a> OfferView<'a> {
    pub(crate) fn new(catalog: &Catalog, offer: &'a Offer, country: &str) -> Self {
        let country = country.to_ascii_uppercase();
        let self_uri = format!("/v1/offers/{}?country={country}", offer.id);
        Self {
            id: &offer.id,
            name: &offer.name,
            description: &offer.description,
            minimum_quantity: offer.minimum_quantity,
            maximum_quantity: offer.maximum_quantity,
            rank: catalog.rank(offer),
            uri: self_uri.clone(),
            locale: "en-us",
            category: offer.category.as_deref().map(|category| CategoryView {
                id: category,
                name: category,
                rank: catalog.category_rank(category),
                locale: "en-us",
                country: country.clone(),
                attributes: Attributes::of("OfferCategory"),
            }),
            prerequisite_offers: &offer.prerequisite_offers,
            is_add_on: offer.is_add_on,
            has_add_ons: !offer.add_ons.is_empty(),
            is_available_for_purchase: true,
            billing: offer.billing,
            supported_billing_cycles: &offer.supported_billing_cycles,
            is_auto_renewable: offer.is_auto_renewable,
            is_trial: offer.is_trial,
            upgrade_target_offers: &offer.upgrade_target_offers,
            conversion_target_offers: &offer.conversion_target_offers,
            sales_group_id: offer.category.as_deref(),
            product: ProductView {
                id: offer.product_id(),
                name: &offer.name,
                unit: &offer.unit_type,
            },
            unit_type: &offer.unit_type,
            links: NamedLinks::default().with_get("self", self_uri),
            attributes: Attributes::of("Offer"),
            country,
        }
    }
}
