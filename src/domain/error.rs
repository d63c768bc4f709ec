//! Domain errors: each is a fact about the request or the state. The `http::error` module maps
//! every one of them to a status and a Partner Center error code.

use super::ids::CustomerId;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A required property is missing or a value breaks a documented limit.
    #[error("{0}")]
    InvalidInput(String),
    #[error("Customer {0} not found.")]
    CustomerNotFound(CustomerId),
    /// The partner's reseller relationship with the customer was removed.
    #[error(
        "The partner id {partner} has no commerce relationship with the customer id {customer}."
    )]
    NoCommerceRelationship {
        partner: String,
        customer: CustomerId,
    },
    #[error("The relationship between the partner and customer does not exist")]
    RelationshipDoesNotExist,
    #[error("The domain {0} is already in use.")]
    DomainInUse(String),
    #[error("Etag is no longer valid")]
    StaleEtag,
}
