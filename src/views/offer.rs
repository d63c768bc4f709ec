//! `Offer`.

use crate::domain::offer::Offer;
use crate::domain::subscription::{BillingCycle, BillingType};
use crate::wire::{Attributes, NamedLinks};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub minimum_quantity: u32,
    pub maximum_quantity: u32,
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
    pub product: ProductView<'a>,
    pub unit_type: &'a str,
    pub links: NamedLinks,
    pub attributes: Attributes,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub locale: &'static str,
    pub country: String,
    pub attributes: Attributes,
}

#[derive(Debug, Serialize)]
pub struct ProductView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub unit: &'a str,
}

impl<'a> OfferView<'a> {
    pub fn new(offer: &'a Offer, country: &str) -> Self {
        let country = country.to_ascii_uppercase();
        Self {
            id: &offer.id,
            name: &offer.name,
            description: &offer.description,
            minimum_quantity: offer.minimum_quantity,
            maximum_quantity: offer.maximum_quantity,
            locale: "en-us",
            category: offer.category.as_deref().map(|category| CategoryView {
                id: category,
                name: category,
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
            product: ProductView {
                id: offer.product_id(),
                name: &offer.name,
                unit: &offer.unit_type,
            },
            unit_type: &offer.unit_type,
            links: NamedLinks::default()
                .with_get("self", format!("/v1/offers/{}?country={country}", offer.id)),
            attributes: Attributes::of("Offer"),
            country,
        }
    }
}
