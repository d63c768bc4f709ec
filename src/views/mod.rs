//! Response shapes: each resource as Partner Center writes it, built from the domain model.
//! camelCase, absent values omitted (never `null`), `links` relative to `/v1`, and
//! `attributes.objectType` on every resource.

pub(crate) mod azure;
pub(crate) mod cart;
pub(crate) mod catalog;
pub(crate) mod customer;
pub(crate) mod directory_role;
pub(crate) mod entitlement;
pub(crate) mod license;
pub(crate) mod migration;
pub(crate) mod offer;
pub(crate) mod order;
pub(crate) mod relationship;
pub(crate) mod rendered;
pub(crate) mod subscription;
pub(crate) mod transition;
pub(crate) mod upgrade;
pub(crate) mod user;

use crate::wire::NamedLinks;

/// The `product`, `sku` and `availability` links of a catalog item `product:sku:availability`.
pub(crate) fn catalog_item_links(links: NamedLinks, item_id: &str) -> NamedLinks {
    let mut parts = item_id.split(':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(product), Some(sku), Some(availability)) => links
            .with_get("product", format!("/v1/products/{product}?country=US"))
            .with_get(
                "sku",
                format!("/v1/products/{product}/skus/{sku}?country=US"),
            )
            .with_get(
                "availability",
                format!(
                    "/v1/products/{product}/skus/{sku}/availabilities/{availability}?country=US"
                ),
            ),
        _ => links,
    }
}

/// The uri of a customer.
pub(crate) fn customer_uri(id: impl std::fmt::Display) -> String {
    format!("/v1/customers/{id}")
}
