//! Legacy upgrades (`GET/POST .../subscriptions/{id}/upgrades`, reference api-subscriptions §3
//! rows S10 and S11): a legacy license subscription moves to an offer its offer names in
//! `upgradeTargetOffers`.
//!
//! `{id}` is the source subscription, as the .NET SDK sends it. The upgrade buys the target offer
//! through the order fulfilment (a new legacy order and subscription); the seats leave the
//! source, which is suspended when none are left, as a legacy subscription cannot be deleted.

use super::customer::Customer;
use super::error::DomainError;
use super::fulfilment::{Fulfilment, Purchase, open_order};
use super::ids::SubscriptionId;
use super::offer::{Catalog, Offer, OfferKind};
use super::subscription::{Subscription, SubscriptionStatus};
use super::transition::apply::ensure_active;
use serde::Deserialize;
use std::borrow::Cow;
use std::sync::Arc;

crate::wire_enum! {
    /// `upgradeType` (.NET SDK `UpgradeType`); written as a string in lists, as its number in an
    /// upgrade's result.
    pub enum UpgradeType {
        None = 0 => "none",
        UpgradeOnly = 1 => "upgrade_only",
        UpgradeWithLicenseTransfer = 2 => "upgrade_with_license_transfer",
    }
}

/// One offer a subscription can be upgraded to.
#[derive(Debug, Clone)]
pub struct Upgrade<'a> {
    pub target: &'a Offer,
    pub upgrade_type: UpgradeType,
    pub quantity: u32,
    /// `UpgradeErrorCode`s: empty when the upgrade is possible.
    pub errors: Vec<UpgradeError>,
}

/// `{code, description}` of an upgrade that is not possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpgradeError {
    pub code: u32,
    pub description: &'static str,
}

const SOURCE_NOT_ACTIVE: UpgradeError = UpgradeError {
    code: 2,
    description: "Subscription cannot be upgraded because the source subscription state is not active.",
};

/// The body of `POST .../upgrades`: one `Upgrade` of the list, in any casing.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UpgradeRequest {
    pub target_offer: Option<TargetOffer>,
    pub upgrade_type: Option<UpgradeType>,
    pub quantity: Option<u32>,
}

/// The `targetOffer` of an upgrade request; only its `id` is read.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
pub struct TargetOffer {
    pub id: Option<String>,
}

/// What an upgrade did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpgradeOutcome {
    pub source: SubscriptionId,
    pub target: SubscriptionId,
    pub upgrade_type: UpgradeType,
}

impl Customer {
    /// `GET .../subscriptions/{id}/upgrades`: the offers the subscription's offer can be upgraded
    /// to, each with the source's seats; none for a subscription that is not a legacy offer.
    ///
    /// Errors: [`DomainError::SubscriptionNotFound`].
    pub fn upgrades<'a>(
        &self,
        id: SubscriptionId,
        catalog: &'a Catalog,
    ) -> Result<Vec<Upgrade<'a>>, DomainError> {
        let source = self.subscription(id)?;
        let errors: Vec<UpgradeError> = (source.status != SubscriptionStatus::Active)
            .then_some(SOURCE_NOT_ACTIVE)
            .into_iter()
            .collect();
        Ok(upgrade_targets(source, catalog)
            .map(|target| Upgrade {
                target,
                upgrade_type: UpgradeType::UpgradeOnly,
                quantity: source.quantity,
                errors: errors.clone(),
            })
            .collect())
    }

    /// `POST .../subscriptions/{id}/upgrades`: buys `quantity` (by default every seat) of the
    /// target offer as a new subscription and takes the seats from the source.
    ///
    /// Errors: [`DomainError::SubscriptionNotFound`], [`DomainError::InvalidInput`] (no target
    /// offer id), the source-status errors of a PATCH, [`DomainError::InvalidOfferId`],
    /// [`DomainError::NotAnUpgradePath`], [`DomainError::QuantityOutOfRange`].
    pub fn upgrade_subscription(
        &mut self,
        id: SubscriptionId,
        request: UpgradeRequest,
        fulfilment: &Fulfilment<'_>,
    ) -> Result<UpgradeOutcome, DomainError> {
        let source = Arc::clone(
            self.subscriptions
                .iter()
                .find(|s| s.id == id)
                .ok_or(DomainError::SubscriptionNotFound(id))?,
        );
        let target_id = request
            .target_offer
            .and_then(|offer| offer.id)
            .map(|id| id.trim().to_owned())
            .filter(|id| !id.is_empty())
            .ok_or_else(|| DomainError::InvalidInput("targetOffer.id is required.".to_owned()))?;
        ensure_active(&source)?;
        let catalog = fulfilment.catalog;
        let target = catalog.listed_target(id, target_id, upgrade_targets(&source, catalog))?;
        let quantity = request
            .quantity
            .filter(|q| *q > 0)
            .unwrap_or(source.quantity);
        if quantity > source.quantity || !target.allows_quantity(quantity) {
            return Err(DomainError::QuantityOutOfRange);
        }
        let upgrade_type = request
            .upgrade_type
            .filter(|t| *t != UpgradeType::None)
            .unwrap_or(UpgradeType::UpgradeOnly);

        let currency = super::catalog::currency_of(self.market_country());
        let mut order = open_order(
            OfferKind::License,
            source.billing_cycle,
            &currency,
            fulfilment,
            chrono::Duration::zero(),
        );
        let purchase = Purchase {
            partner_id: source.partner_id.clone(),
            ..Purchase::of(Cow::Borrowed(target), quantity)
        };
        let line = self.fulfil(&purchase, &order, 0, fulfilment);
        let bought = line
            .subscription_id
            .expect("a license purchase creates a subscription");
        order.line_items.push(line);
        self.orders.push(Arc::new(order));
        if let Some(source) = self.subscriptions.iter_mut().find(|s| s.id == id) {
            let source = Arc::make_mut(source);
            if quantity == source.quantity {
                source.move_to(SubscriptionStatus::Suspended, fulfilment.now);
            } else {
                source.quantity -= quantity;
                source.version += 1;
            }
        }
        Ok(UpgradeOutcome {
            source: id,
            target: bought,
            upgrade_type,
        })
    }
}

/// The legacy offers `source`'s offer names as upgrade targets, in the order named.
fn upgrade_targets<'a>(
    source: &Subscription,
    catalog: &'a Catalog,
) -> impl Iterator<Item = &'a Offer> {
    catalog.named_offers(&source.offer_id, |offer| {
        Some(offer.upgrade_target_offers.as_slice())
    })
}
