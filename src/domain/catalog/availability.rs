//! `Availability`: the configuration (markets, segment, terms) in which a SKU can be bought
//! (reference api-new-commerce §2.3). Its id is the third part of a catalog item id.

use super::market::Segment;
use crate::domain::subscription::BillingCycle;
use crate::domain::term::Term;
use serde::{Deserialize, Serialize};

/// An availability of a SKU.
///
/// On the wire an availability has one `country`; the seed lists every market it is sold in
/// (`countries`), and the catalog pages write the market they were asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Availability {
    /// Twelve upper-case letters and digits, such as `CFQ7TTC0K971`.
    pub id: String,
    /// Two-letter ISO country codes.
    pub countries: Vec<String>,
    /// Who may buy it: commercial, education, government or non-profit customers.
    #[serde(default)]
    pub segment: Segment,
    /// Whether it can be bought.
    #[serde(default = "yes")]
    pub is_purchasable: bool,
    /// Whether what it sells renews.
    #[serde(default = "yes")]
    pub is_renewable: bool,
    /// One term per duration and billing cycle; empty for perpetual software.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<CatalogTerm>,
}

const fn yes() -> bool {
    true
}

/// A term: `{id, duration: "P1Y", description, billingCycle: "Annual", cancellationPolicies}`.
/// Reservation and savings-plan terms carry no billing cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(rename = "Term")]
pub struct CatalogTerm {
    /// The term's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// ISO-8601: `P1M`, `P1Y` or `P3Y`.
    pub duration: Term,
    /// The term, in words (`One-Year commitment`).
    #[serde(default)]
    pub description: String,
    /// How often the term is billed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_cycle: Option<BillingCycle>,
    /// The refunds a cancellation earns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cancellation_policies: Vec<CancellationPolicy>,
}

/// `cancellationPolicies[]`: the refunds a cancellation earns, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CancellationPolicy {
    /// The refunds, in order.
    pub refund_options: Vec<RefundOption>,
}

/// `refundOptions[]`: `{sequenceId, type: "Full" | "Partial", expiresAfter: "P1D"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RefundOption {
    /// The refund's place in the order.
    pub sequence_id: u32,
    /// `Full` or `Partial`.
    #[serde(rename = "type")]
    pub kind: String,
    /// An ISO-8601 duration, not a date.
    pub expires_after: String,
}

impl Availability {
    /// Whether the availability is sold in `country` (case-insensitive).
    pub fn is_sold_in(&self, country: &str) -> bool {
        self.countries
            .iter()
            .any(|sold| sold.eq_ignore_ascii_case(country))
    }

    /// The terms of `duration` (compared case-insensitively).
    pub fn terms_of(&self, duration: &str) -> impl Iterator<Item = &CatalogTerm> {
        self.terms
            .iter()
            .filter(move |term| term.duration.as_str().eq_ignore_ascii_case(duration.trim()))
    }
}
