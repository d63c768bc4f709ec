//! Response shapes: each resource as Partner Center writes it, built from the domain model.
//! camelCase, absent values omitted (never `null`), `links` relative to `/v1`, and
//! `attributes.objectType` on every resource.

pub mod azure;
pub mod cart;
pub mod catalog;
pub mod customer;
pub mod directory_role;
pub mod entitlement;
pub mod license;
pub mod migration;
pub mod offer;
pub mod order;
pub mod relationship;
pub mod rendered;
pub mod subscription;
pub mod transition;
pub mod upgrade;
pub mod user;

use crate::wire::NamedLinks;

/// The `product`, `sku` and `availability` links of a catalog item `product:sku:availability`.
pub fn catalog_item_links(links: NamedLinks, item_id: &str) -> NamedLinks {
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
pub fn customer_uri(id: impl std::fmt::Display) -> String {
    format!("/v1/customers/{id}")
}
