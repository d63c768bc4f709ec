//! `Product`, `Sku` and `Availability` as the catalog pages write them (reference
//! api-new-commerce §2.3): a product without its SKUs, a SKU with its `productId` and without its
//! availabilities, an availability with its `catalogItemId`, market, currency, and its product
//! and SKU embedded.
//!
//! Catalog links carry no `/v1` and end in the query the page was read with (§1.3, §11.7);
//! a customer's catalog links under `/customers/{id}`.

use crate::domain::catalog::availability::CatalogTerm;
use crate::domain::catalog::market::{Currency, Market, Segment, currency_of};
use crate::domain::catalog::product::ItemType;
use crate::domain::catalog::sku::{AttestationProperties, MinimumPurchaseCommitment};
use crate::domain::catalog::{CatalogItem, Product, Sku};
use crate::domain::subscription::BillingCycle;
use crate::wire::{Attributes, NamedLinks};
use serde::Serialize;
use serde_json::{Map, Value};

/// Where catalog links start, and the query they carry: `/products...?country=US` for the
/// partner's catalog, `/customers/{id}/products...` for a customer's.
#[derive(Debug, Clone)]
pub(crate) struct CatalogBase {
    prefix: String,
    query: String,
}

impl CatalogBase {
    /// The partner's catalog, read for `market`.
    pub(crate) fn partner(market: &Market) -> Self {
        Self {
            prefix: String::new(),
            query: format!("?country={}", market.country()),
        }
    }

    /// A customer's catalog: its links name no country, since the customer's is used.
    pub(crate) fn customer(customer_uri: &str) -> Self {
        Self {
            prefix: customer_uri.trim_start_matches("/v1").to_owned(),
            query: String::new(),
        }
    }

    /// The link to `path` (which starts with `/products`).
    pub(crate) fn link(&self, path: &str) -> String {
        format!("{}{path}{}", self.prefix, self.query)
    }

    /// The link to a listing at `path`, with the listing's own query parameters.
    pub(crate) fn listing(&self, path: &str, parameters: &[(&str, Option<&str>)]) -> String {
        let mut link = self.link(path);
        for (name, value) in parameters {
            if let Some(value) = value {
                let separator = if link.contains('?') { '&' } else { '?' };
                link.push_str(&format!("{separator}{name}={value}"));
            }
        }
        link
    }
}

/// A product, without its SKUs.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ProductView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub product_type: &'a ItemType,
    pub is_microsoft_product: bool,
    pub publisher_name: &'a str,
    pub links: NamedLinks,
    pub attributes: Attributes,
}

impl<'a> ProductView<'a> {
    pub(crate) fn new(product: &'a Product, base: &CatalogBase) -> Self {
        let path = format!("/products/{}", product.id);
        Self {
            id: &product.id,
            title: &product.title,
            description: &product.description,
            product_type: &product.product_type,
            is_microsoft_product: product.is_microsoft_product,
            publisher_name: &product.publisher_name,
            links: NamedLinks::default()
                .with_get("skus", base.link(&format!("{path}/skus")))
                .with_get("self", base.link(&path)),
            attributes: Attributes::of("Product"),
        }
    }
}

/// A SKU, without its availabilities.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SkuView<'a> {
    pub id: &'a str,
    pub product_id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub minimum_quantity: u32,
    pub maximum_quantity: u32,
    pub is_trial: bool,
    pub supported_billing_cycles: &'a [BillingCycle],
    pub purchase_prerequisites: &'a [String],
    pub inventory_variables: &'a [String],
    pub provisioning_variables: &'a [String],
    pub actions: &'a [String],
    pub dynamic_attributes: &'a Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attestation_properties: Option<&'a AttestationProperties>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_purchase_commitment: Option<&'a MinimumPurchaseCommitment>,
    pub links: NamedLinks,
    pub attributes: Attributes,
}

impl<'a> SkuView<'a> {
    pub(crate) fn new(product: &'a Product, sku: &'a Sku, base: &CatalogBase) -> Self {
        let path = format!("/products/{}/skus/{}", product.id, sku.id);
        Self {
            id: &sku.id,
            product_id: &product.id,
            title: &sku.title,
            description: &sku.description,
            minimum_quantity: sku.minimum_quantity,
            maximum_quantity: sku.maximum_quantity,
            is_trial: sku.is_trial,
            supported_billing_cycles: &sku.supported_billing_cycles,
            purchase_prerequisites: &sku.purchase_prerequisites,
            inventory_variables: &sku.inventory_variables,
            provisioning_variables: &sku.provisioning_variables,
            actions: &sku.actions,
            dynamic_attributes: &sku.dynamic_attributes,
            attestation_properties: sku.attestation_properties.as_ref(),
            minimum_purchase_commitment: sku.minimum_purchase_commitment.as_ref(),
            links: NamedLinks::default()
                .with_get(
                    "availabilities",
                    base.link(&format!("{path}/availabilities")),
                )
                .with_get("self", base.link(&path)),
            attributes: Attributes::of("Sku"),
        }
    }
}

/// An availability in one market, with its product and SKU.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AvailabilityView<'a> {
    pub id: &'a str,
    pub product_id: &'a str,
    pub sku_id: &'a str,
    pub catalog_item_id: String,
    pub default_currency: Currency,
    pub segment: Segment,
    pub country: &'a str,
    pub is_purchasable: bool,
    pub is_renewable: bool,
    pub terms: &'a [CatalogTerm],
    pub product: ProductView<'a>,
    pub sku: SkuView<'a>,
    pub links: NamedLinks,
    pub attributes: Attributes,
}

impl<'a> AvailabilityView<'a> {
    /// `item` as sold in `country`.
    pub(crate) fn new(item: CatalogItem<'a>, country: &'a str, base: &CatalogBase) -> Self {
        let CatalogItem {
            product,
            sku,
            availability,
            ..
        } = item;
        let path = format!(
            "/products/{}/skus/{}/availabilities/{}",
            product.id, sku.id, availability.id
        );
        Self {
            id: &availability.id,
            product_id: &product.id,
            sku_id: &sku.id,
            catalog_item_id: item.id(),
            default_currency: currency_of(country),
            segment: availability.segment,
            country,
            is_purchasable: availability.is_purchasable,
            is_renewable: availability.is_renewable,
            terms: &availability.terms,
            product: ProductView::new(product, base),
            sku: SkuView::new(product, sku, base),
            links: NamedLinks::default().with_get("self", base.link(&path)),
            attributes: Attributes::of("Availability"),
        }
    }
}
