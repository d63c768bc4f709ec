//! Legacy trial conversions (`GET/POST .../subscriptions/{id}/conversions`, reference
//! api-subscriptions §3 row S15): a trial of a legacy trial offer becomes a paid subscription of
//! one of its offer's `conversionTargetOffers`.
//!
//! The trial's subscription id is reused for the paid seats, so the trial in effect disappears
//! and is replaced by the purchase (reference: convert a trial subscription to paid). A new term
//! starts at the conversion. New-commerce trials convert through transitions instead
//! ([`super::transition`]).

use super::customer::Customer;
use super::error::DomainError;
use super::ids::{OfferId, SubscriptionId};
use super::offer::{Catalog, Offer};
use super::subscription::{BillingCycle, Subscription};
use super::term::Term;
use super::transition::apply::ensure_active;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::sync::Arc;

/// One paid offer a trial converts to.
#[derive(Debug, Clone)]
pub struct Conversion<'a> {
    /// The trial's offer.
    pub offer_id: &'a str,
    pub target_offer_id: &'a str,
    /// The order that bought the trial.
    pub order_id: &'a str,
    /// The trial's seats, which the conversion buys unless told otherwise.
    pub quantity: u32,
    pub billing_cycle: BillingCycle,
}

/// The body of `POST .../conversions`: one `Conversion` of the list, in any casing.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversionRequest {
    pub offer_id: Option<String>,
    pub target_offer_id: Option<String>,
    pub order_id: Option<String>,
    pub quantity: Option<u32>,
    pub billing_cycle: Option<BillingCycle>,
}

/// What a conversion did: the subscription (the trial's id) and the two offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversionOutcome {
    pub subscription: SubscriptionId,
    pub offer_id: OfferId,
    pub target_offer_id: OfferId,
}

impl Customer {
    /// `GET .../subscriptions/{id}/conversions`: the paid offers a legacy trial converts to;
    /// none for any other subscription.
    ///
    /// Errors: [`DomainError::SubscriptionNotFound`].
    pub fn conversions<'a>(
        &'a self,
        id: SubscriptionId,
        catalog: &'a Catalog,
    ) -> Result<Vec<Conversion<'a>>, DomainError> {
        let trial = self.subscription(id)?;
        Ok(conversion_targets(trial, catalog)
            .map(|target| Conversion {
                offer_id: &trial.offer_id,
                target_offer_id: &target.id,
                order_id: &trial.order_id,
                quantity: trial.quantity,
                billing_cycle: billing_cycle(trial, target, None).unwrap_or(trial.billing_cycle),
            })
            .collect())
    }

    /// `POST .../subscriptions/{id}/conversions`: the trial becomes a paid subscription of the
    /// target offer, with the seats asked for (by default the trial's).
    ///
    /// Errors: [`DomainError::SubscriptionNotFound`], [`DomainError::InvalidInput`] (no target
    /// offer, an `offerId` that is not the trial's, a billing cycle the target does not offer),
    /// the source-status errors of a PATCH, [`DomainError::InvalidOfferId`],
    /// [`DomainError::NotAnUpgradePath`] (not a trial, or not one of its conversions),
    /// [`DomainError::QuantityOutOfRange`].
    pub fn convert_trial(
        &mut self,
        id: SubscriptionId,
        request: ConversionRequest,
        catalog: &Catalog,
        now: DateTime<Utc>,
    ) -> Result<ConversionOutcome, DomainError> {
        let index = self
            .subscriptions
            .iter()
            .position(|s| s.id == id)
            .ok_or(DomainError::SubscriptionNotFound(id))?;
        let trial = &self.subscriptions[index];
        let target_id = request
            .target_offer_id
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| invalid("targetOfferId is required."))?;
        if let Some(offer) = request.offer_id.as_deref().map(str::trim)
            && !offer.is_empty()
            && !offer.eq_ignore_ascii_case(&trial.offer_id)
        {
            return Err(invalid(&format!(
                "offerId {offer} is not the offer {} of the trial.",
                trial.offer_id
            )));
        }
        ensure_active(trial)?;
        let target = catalog.listed_target(id, target_id, conversion_targets(trial, catalog))?;
        let quantity = request
            .quantity
            .filter(|q| *q > 0)
            .unwrap_or(trial.quantity);
        if !target.allows_quantity(quantity) {
            return Err(DomainError::QuantityOutOfRange);
        }
        let cycle = billing_cycle(trial, target, request.billing_cycle)?;
        let outcome = ConversionOutcome {
            subscription: id,
            offer_id: trial.offer_id.clone(),
            target_offer_id: target.id.clone(),
        };
        let paid = Arc::make_mut(&mut self.subscriptions[index]);
        if paid.friendly_name == paid.offer_name {
            paid.friendly_name.clone_from(&target.name);
        }
        paid.offer_id.clone_from(&target.id);
        paid.offer_name.clone_from(&target.name);
        paid.quantity = quantity;
        paid.billing_cycle = cycle;
        paid.is_trial = false;
        paid.auto_renew_enabled = target.is_auto_renewable;
        paid.term_duration.clone_from(&target.term_duration);
        paid.effective_start_date = now;
        paid.commitment_end_date = Term::last_day_or_year(target.term_duration.as_ref(), now);
        paid.version += 1;
        Ok(outcome)
    }
}

/// The paid offers a trial of a legacy trial offer converts to, in the order named.
fn conversion_targets<'a>(
    trial: &Subscription,
    catalog: &'a Catalog,
) -> impl Iterator<Item = &'a Offer> {
    let named = catalog
        .offer(&trial.offer_id)
        .filter(|offer| offer.is_trial && trial.is_trial)
        .map(|offer| offer.conversion_target_offers.as_slice())
        .unwrap_or_default();
    named.iter().filter_map(|id| catalog.offer(id))
}

/// The paid subscription's billing cycle: the one asked for, else the trial's, else the target's
/// first; it must be one the target offers.
fn billing_cycle(
    trial: &Subscription,
    target: &Offer,
    asked: Option<BillingCycle>,
) -> Result<BillingCycle, DomainError> {
    let offered = &target.supported_billing_cycles;
    match asked.filter(|cycle| *cycle != BillingCycle::Unknown) {
        Some(cycle) if offered.contains(&cycle) => Ok(cycle),
        Some(cycle) => Err(invalid(&format!(
            "billingCycle {cycle} is not offered by {}.",
            target.id
        ))),
        None => Ok(if offered.contains(&trial.billing_cycle) {
            trial.billing_cycle
        } else {
            offered.first().copied().unwrap_or(BillingCycle::Monthly)
        }),
    }
}

fn invalid(message: &str) -> DomainError {
    DomainError::InvalidInput(message.to_owned())
}
