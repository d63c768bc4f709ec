//! Response shapes: each resource as Partner Center writes it, built from the domain model.
//! camelCase, absent values omitted (never `null`), `links` relative to `/v1`, and
//! `attributes.objectType` on every resource.

pub mod customer;
pub mod relationship;

/// The uri of a customer.
pub fn customer_uri(id: impl std::fmt::Display) -> String {
    format!("/v1/customers/{id}")
}
