//! The Partner Center model and its rules: customers and everything they own.
//!
//! Plain Rust and serde only. The serde shapes are the seed document's, which are the API's wire
//! shapes without the output-only `links` and `attributes`.

pub mod azure;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod clock_event;
pub mod conversion;
pub mod customer;
pub mod customer_search;
pub mod customer_validation;
pub mod draws;
pub mod entitlement;
pub mod error;
pub mod fulfilment;
pub mod ids;
pub mod licensing;
pub mod migration;
pub mod offer;
pub mod order;
pub mod partner;
pub mod precondition;
pub mod provisioning;
pub mod relationship;
pub mod rendered;
pub mod rules;
pub mod settling;
pub mod shift;
pub mod subscription;
pub mod term;
#[cfg(test)]
pub mod test_support;
pub mod transition;
pub mod upgrade;
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
