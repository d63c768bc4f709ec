//! Scheduled changes (`scheduledNextTermInstructions`, reference api-new-commerce §4.7): what a
//! new-commerce subscription becomes at its next renewal — another SKU of its product or one of
//! its upgrade targets, a quantity, a term, a billing cycle, a custom end date.
//!
//! They are set by PATCHing the subscription with the object filled, only while it is active
//! with auto-renew on. Renewal applies them (see [`super::term`]). Suspension, turning auto-renew
//! off, a quantity change and a PATCH that leaves them out wipe them.

use super::term::midnight;
use super::{BillingCycle, Subscription};
use crate::domain::catalog::CatalogItem;
use crate::domain::catalog::ProductCatalog;
use crate::domain::error::DomainError;
use crate::domain::term::Term;
use chrono::{DateTime, Datelike, Duration, Utc};
use serde::{Deserialize, Serialize};

/// `ProductTerm`: the catalog item, term and billing cycle of the next term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProductTerm {
    /// The product of the next term.
    pub product_id: String,
    /// The SKU of the next term.
    pub sku_id: String,
    /// The availability of the next term.
    pub availability_id: String,
    /// The billing cycle of the next term.
    pub billing_cycle: BillingCycle,
    /// The next term, as an ISO 8601 duration (`P1Y`).
    pub term_duration: Term,
    /// The promotion to apply to the next term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion_id: Option<String>,
}

/// `scheduledNextTermInstructions`, as stored: the wire fields plus the name of the SKU it
/// renews into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ScheduledNextTermInstructions {
    /// The catalog item, term and billing cycle of the next term.
    pub product: ProductTerm,
    /// The seats of the next term.
    pub quantity: u32,
    /// The end date asked for the next term, aligning it with other subscriptions.
    #[serde(
        default,
        with = "crate::wire::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::wire::date::WireDate>")]
    pub custom_term_end_date: Option<DateTime<Utc>>,
    /// The SKU's title, which becomes the subscription's `offerName` at renewal.
    pub offer_name: crate::domain::text::Text,
}

/// `ProductTerm` as a client sends it; every property may be missing.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProductTermRequest {
    /// The product of the next term.
    pub product_id: Option<String>,
    /// The SKU of the next term.
    pub sku_id: Option<String>,
    /// The availability of the next term.
    pub availability_id: Option<String>,
    /// The billing cycle of the next term.
    pub billing_cycle: Option<BillingCycle>,
    /// The next term, as an ISO 8601 duration (`P1Y`).
    pub term_duration: Option<String>,
    /// The promotion to apply to the next term.
    pub promotion_id: Option<String>,
}

/// `scheduledNextTermInstructions` as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InstructionsRequest {
    /// The catalog item, term and billing cycle of the next term.
    pub product: Option<ProductTermRequest>,
    /// The seats of the next term.
    pub quantity: Option<u32>,
    /// The end date asked for the next term, as sent.
    pub custom_term_end_date: Option<String>,
}

fn invalid(field: &str, why: &str) -> DomainError {
    DomainError::InvalidInput(format!("scheduledNextTermInstructions.{field} {why}"))
}

fn required<'a>(value: Option<&'a String>, field: &str) -> Result<&'a str, DomainError> {
    value
        .map(|text| text.trim())
        .filter(|text| !text.is_empty())
        .ok_or_else(|| invalid(field, "is required."))
}

impl InstructionsRequest {
    /// The instructions for `subscription`, checked against the catalog: the item exists, is
    /// the subscription's SKU or one of its upgrade targets, offers the term and billing cycle,
    /// and takes the quantity; a custom end date falls within the first renewed term.
    ///
    /// Errors: [`DomainError::InvalidInput`] naming the field,
    /// [`DomainError::QuantityOutOfRange`], [`DomainError::CustomTermEndDateOutsideTerm`].
    pub fn checked(
        &self,
        subscription: &Subscription,
        catalog: &ProductCatalog,
    ) -> Result<ScheduledNextTermInstructions, DomainError> {
        let product = self
            .product
            .as_ref()
            .ok_or_else(|| invalid("product", "is required."))?;
        let product_id = required(product.product_id.as_ref(), "product.productId")?;
        let sku_id = required(product.sku_id.as_ref(), "product.skuId")?;
        let availability_id = required(product.availability_id.as_ref(), "product.availabilityId")?;
        let term = required(product.term_duration.as_ref(), "product.termDuration")?;
        let item = catalog
            .item(&format!("{product_id}:{sku_id}:{availability_id}"))
            .ok_or_else(|| invalid("product", "names no catalog item."))?;
        if !is_renewal_target(subscription, &item, catalog) {
            return Err(invalid(
                "product",
                "is neither the subscription's SKU nor one of its upgrade targets.",
            ));
        }
        let term = Term::parse(&term.to_ascii_uppercase())
            .filter(|_| item.offers_term(term))
            .ok_or_else(|| {
                invalid(
                    "product.termDuration",
                    "is not a term the catalog item offers.",
                )
            })?;
        let cycle = product
            .billing_cycle
            .filter(|cycle| *cycle != BillingCycle::Unknown)
            .ok_or_else(|| invalid("product.billingCycle", "is required."))?;
        if !item.offers_billing(Some(&term), cycle) {
            return Err(invalid(
                "product.billingCycle",
                "is not a billing cycle the catalog item offers for this term.",
            ));
        }
        let quantity = self
            .quantity
            .filter(|quantity| *quantity > 0)
            .ok_or_else(|| invalid("quantity", "is required."))?;
        if !item.offer().allows_quantity(quantity) {
            return Err(DomainError::QuantityOutOfRange);
        }
        let custom_term_end_date = self
            .custom_term_end_date
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .map(|text| {
                crate::wire::date::parse(text)
                    .ok_or_else(|| invalid("customTermEndDate", "is not a date."))
            })
            .transpose()?;
        if let Some(end) = custom_term_end_date {
            let next_start = subscription
                .term_over_at()
                .ok_or(DomainError::CustomTermEndDateOutsideTerm)?;
            let inside = midnight(end) >= next_start && end <= term.last_day(next_start);
            if !inside {
                return Err(DomainError::CustomTermEndDateOutsideTerm);
            }
        }
        Ok(ScheduledNextTermInstructions {
            product: ProductTerm {
                product_id: item.product.id.clone(),
                sku_id: item.sku.id.clone(),
                availability_id: item.availability.id.clone(),
                billing_cycle: cycle,
                term_duration: term,
                promotion_id: product
                    .promotion_id
                    .clone()
                    .filter(|id| !id.trim().is_empty()),
            },
            quantity,
            custom_term_end_date,
            offer_name: item.sku.title.clone(),
        })
    }
}

/// The subscription's own SKU, or a SKU its SKU lists in `upgradeTargetOffers`.
fn is_renewal_target(
    subscription: &Subscription,
    target: &CatalogItem<'_>,
    catalog: &ProductCatalog,
) -> bool {
    let Some(current) = catalog.item(&subscription.offer_id) else {
        return false;
    };
    let same_sku = current.product.id == target.product.id && current.sku.id == target.sku.id;
    same_sku || current.sku.upgrades_to(&target.product.id, &target.sku.id)
}

/// Whether `end` is a calendar month's last day.
pub fn is_month_end(end: DateTime<Utc>) -> bool {
    (end + Duration::days(1)).day() == 1
}

impl Subscription {
    /// Becomes what `instructions` describe, for a renewal; returns the custom end date of the
    /// new term, if any. A trial becomes the paid subscription it converts to.
    pub(super) fn apply(
        &mut self,
        instructions: ScheduledNextTermInstructions,
    ) -> Option<DateTime<Utc>> {
        let product = instructions.product;
        self.offer_id = format!(
            "{}:{}:{}",
            product.product_id, product.sku_id, product.availability_id
        )
        .into();
        if self.friendly_name == self.offer_name {
            self.friendly_name.clone_from(&instructions.offer_name);
        }
        self.offer_name = instructions.offer_name;
        self.quantity = instructions.quantity;
        self.term_duration = Some(product.term_duration);
        self.billing_cycle = product.billing_cycle;
        self.is_trial = false;
        instructions.custom_term_end_date
    }
}

/// The default conversion of a trial bought at `at` for its first term: the first upgrade
/// target of the trial's SKU, for a year billed monthly (reference api-new-commerce §4.9), when
/// the catalog has it.
pub fn trial_conversion(
    trial: &CatalogItem<'_>,
    quantity: u32,
    catalog: &ProductCatalog,
) -> Option<ScheduledNextTermInstructions> {
    let target = *trial.sku.upgrade_targets().first()?;
    let item = catalog.items().find(|item| {
        format!("{}:{}", item.product.id, item.sku.id).eq_ignore_ascii_case(target)
            && item.offers_billing(Some("P1Y"), BillingCycle::Monthly)
    })?;
    Some(ScheduledNextTermInstructions {
        product: ProductTerm {
            product_id: item.product.id.clone(),
            sku_id: item.sku.id.clone(),
            availability_id: item.availability.id.clone(),
            billing_cycle: BillingCycle::Monthly,
            term_duration: Term::parse("P1Y").unwrap(),
            promotion_id: None,
        },
        quantity,
        custom_term_end_date: None,
        offer_name: item.sku.title.clone(),
    })
}
