//! The Partner Center model and its rules: customers and everything they own.
//!
//! Plain Rust and serde only. The serde shapes are the seed document's, which are the API's wire
//! shapes without the output-only `links` and `attributes`.

pub mod azure;
pub mod cart;
pub mod catalog;
pub(crate) mod checkout;
pub(crate) mod clock_event;
pub(crate) mod conversion;
pub mod customer;
pub(crate) mod customer_search;
pub(crate) mod customer_validation;
pub(crate) mod draft;
pub(crate) mod draws;
pub mod entitlement;
pub mod error;
pub(crate) mod fulfilment;
pub mod ids;
pub mod licensing;
pub mod migration;
pub mod offer;
pub mod order;
pub mod partner;
pub mod precondition;
pub(crate) mod provisioning;
pub(crate) mod relationship;
pub(crate) mod rendered;
pub mod rules;
pub(crate) mod settling;
pub(crate) mod shift;
pub mod subscription;
pub mod term;
#[cfg(test)]
pub(crate) mod test_support;
pub mod text;
pub mod transition;
pub(crate) mod upgrade;
pub mod users;

pub use customer::{
    Address, BillingProfile, CompanyProfile, Customer, CustomerPartnerRelationship,
};
pub use entitlement::Entitlement;
pub use error::DomainError;
pub use ids::{CartId, CustomerId, SubscriptionId};
pub use order::Order;
pub use partner::{IndirectReseller, Partner};
pub use precondition::Precondition;
pub use subscription::Subscription;
