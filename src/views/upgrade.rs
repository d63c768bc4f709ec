//! `Upgrade`, `UpgradeResult`, `Conversion` and `ConversionResult` (reference
//! api-subscriptions §2: legacy upgrades and trial conversions).

use super::offer::OfferView;
use crate::domain::conversion::{Conversion, ConversionOutcome};
use crate::domain::offer::Catalog;
use crate::domain::subscription::BillingCycle;
use crate::domain::upgrade::{Upgrade, UpgradeOutcome, UpgradeType};
use crate::wire::Attributes;
use serde::Serialize;

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UpgradeView<'a> {
    pub target_offer: OfferView<'a>,
    pub upgrade_type: UpgradeType,
    pub is_eligible: bool,
    pub quantity: u32,
    pub upgrade_errors: Vec<UpgradeErrorView>,
    pub attributes: Attributes,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct UpgradeErrorView {
    pub code: u32,
    pub description: &'static str,
    pub attributes: Attributes,
}

impl<'a> UpgradeView<'a> {
    pub(crate) fn new(catalog: &Catalog, upgrade: &Upgrade<'a>, country: &str) -> Self {
        Self {
            target_offer: OfferView::new(catalog, upgrade.target, country),
            upgrade_type: upgrade.upgrade_type,
            is_eligible: upgrade.errors.is_empty(),
            quantity: upgrade.quantity,
            upgrade_errors: upgrade
                .errors
                .iter()
                .map(|error| UpgradeErrorView {
                    code: error.code,
                    description: error.description,
                    attributes: Attributes::of("UpgradeError"),
                })
                .collect(),
            attributes: Attributes::of("Upgrade"),
        }
    }
}

/// `UpgradeResult`: `upgradeType` as its number, as the docs' answer writes it.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UpgradeResultView {
    pub source_subscription_id: String,
    pub target_subscription_id: String,
    pub upgrade_type: u64,
    pub upgrade_errors: Vec<UpgradeErrorView>,
    /// Licences are not moved one by one, so none fails.
    pub license_errors: Vec<serde_json::Value>,
    pub attributes: Attributes,
}

impl UpgradeResultView {
    pub(crate) fn new(outcome: &UpgradeOutcome) -> Self {
        Self {
            source_subscription_id: outcome.source.to_string(),
            target_subscription_id: outcome.target.to_string(),
            upgrade_type: outcome.upgrade_type.number(),
            upgrade_errors: Vec::new(),
            license_errors: Vec::new(),
            attributes: Attributes::of("UpgradeResult"),
        }
    }
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ConversionView<'a> {
    pub offer_id: &'a str,
    pub target_offer_id: &'a str,
    pub order_id: &'a str,
    pub quantity: u32,
    pub billing_cycle: BillingCycle,
    pub attributes: Attributes,
}

impl<'a> ConversionView<'a> {
    pub(crate) fn new(conversion: &Conversion<'a>) -> Self {
        Self {
            offer_id: conversion.offer_id,
            target_offer_id: conversion.target_offer_id,
            order_id: conversion.order_id,
            quantity: conversion.quantity,
            billing_cycle: conversion.billing_cycle,
            attributes: Attributes::of("Conversion"),
        }
    }
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ConversionResultView<'a> {
    pub subscription_id: String,
    pub offer_id: &'a str,
    pub target_offer_id: &'a str,
    pub attributes: Attributes,
}

impl<'a> ConversionResultView<'a> {
    pub(crate) fn new(outcome: &'a ConversionOutcome) -> Self {
        Self {
            subscription_id: outcome.subscription.to_string(),
            offer_id: &outcome.offer_id,
            target_offer_id: &outcome.target_offer_id,
            attributes: Attributes::of("ConversionResult"),
        }
    }
}
