//! `Sku`: a purchasable form of a product, with its quantity limits, billing cycles, add-on
//! prerequisites and attestation requirement (reference api-new-commerce §2.3).

use super::availability::Availability;
use crate::domain::subscription::BillingCycle;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The `dynamicAttributes` key that marks an add-on SKU.
pub const IS_ADD_ON: &str = "isAddon";
/// The `dynamicAttributes` key that lists an add-on's base SKUs as `product:sku`.
pub const PREREQUISITE_SKUS: &str = "prerequisiteSkus";
/// The `dynamicAttributes` key that lists the SKUs a subscription can transition to, as
/// `product:sku`.
pub const UPGRADE_TARGET_OFFERS: &str = "upgradeTargetOffers";

/// A SKU of a product, with its availabilities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Sku {
    /// Four characters, such as `0001`.
    pub id: String,
    /// The SKU's name.
    pub title: crate::domain::text::Text,
    /// The SKU, in words.
    #[serde(default)]
    pub description: String,
    /// The fewest seats a purchase may hold.
    #[serde(default = "one")]
    pub minimum_quantity: u32,
    /// The most seats a subscription may hold.
    #[serde(default = "many")]
    pub maximum_quantity: u32,
    /// Whether it is a trial.
    #[serde(default)]
    pub is_trial: bool,
    /// The billing cycles it can be bought with.
    pub supported_billing_cycles: Vec<BillingCycle>,
    /// Such as `MicrosoftCustomerAgreement`, `InventoryCheck`, `AzureSubscriptionRegistration`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purchase_prerequisites: Vec<String>,
    /// The inventory checks a purchase goes through.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inventory_variables: Vec<String>,
    /// The `provisioningContext` keys a purchase gives, such as `Scope` and `SubscriptionId`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provisioning_variables: Vec<String>,
    /// What can be done with it after purchase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
    /// Free-form, as on the wire: `isAddon`, `prerequisiteSkus`, `upgradeTargetOffers`, and for
    /// reservations `armSkuName`, `armRegionName`, `duration`, ...
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub dynamic_attributes: Map<String, Value>,
    /// The attestation a purchase needs, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation_properties: Option<AttestationProperties>,
    /// Savings plans: the smallest hourly commitment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_purchase_commitment: Option<MinimumPurchaseCommitment>,
    /// Where and how it can be bought.
    pub availabilities: Vec<Availability>,
}

const fn one() -> u32 {
    1
}

const fn many() -> u32 {
    10_000
}

/// `attestationProperties`: whether a purchase must carry `attestationAccepted: true`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttestationProperties {
    /// The kind of attestation.
    pub attestation_type: String,
    /// Whether a purchase without the attestation is refused.
    pub enforce_attestation: bool,
}

/// `minimumPurchaseCommitment`: `{grain: "Hourly", currencyCode: {code, symbol}, amount: "0.001"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MinimumPurchaseCommitment {
    /// The commitment's grain (`Hourly`).
    pub grain: String,
    /// The commitment's currency.
    pub currency_code: super::market::Currency,
    /// A decimal number written as a string, as on the wire.
    pub amount: String,
}

impl Sku {
    /// A dynamic attribute, its key compared case-insensitively.
    pub fn dynamic_attribute(&self, key: &str) -> Option<&Value> {
        self.dynamic_attributes
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(key))
            .map(|(_, value)| value)
    }

    /// Whether this SKU is an add-on (`dynamicAttributes.isAddon`).
    pub fn is_add_on(&self) -> bool {
        self.dynamic_attribute(IS_ADD_ON)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// The base SKUs an add-on is bought on, as `product:sku` (`dynamicAttributes.prerequisiteSkus`).
    pub fn prerequisite_skus(&self) -> Vec<&str> {
        self.sku_list(PREREQUISITE_SKUS)
    }

    /// The SKUs a subscription to this one can transition to, as `product:sku`
    /// (`dynamicAttributes.upgradeTargetOffers`).
    pub fn upgrade_targets(&self) -> Vec<&str> {
        self.sku_list(UPGRADE_TARGET_OFFERS)
    }

    /// Whether `product:sku` is one of this SKU's upgrade targets.
    pub fn upgrades_to(&self, product_id: &str, sku_id: &str) -> bool {
        names_sku(&self.upgrade_targets(), product_id, sku_id)
    }

    fn sku_list(&self, key: &str) -> Vec<&str> {
        self.dynamic_attribute(key)
            .and_then(Value::as_array)
            .map(|skus| skus.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// Whether `product:sku` is one of this add-on's base SKUs.
    pub fn has_prerequisite(&self, product_id: &str, sku_id: &str) -> bool {
        names_sku(&self.prerequisite_skus(), product_id, sku_id)
    }

    /// Whether a purchase must carry `attestationAccepted: true`.
    pub fn requires_attestation(&self) -> bool {
        self.attestation_properties
            .as_ref()
            .is_some_and(|attestation| attestation.enforce_attestation)
    }

    /// Whether a subscription may hold `quantity` seats.
    pub fn allows_quantity(&self, quantity: u32) -> bool {
        (self.minimum_quantity..=self.maximum_quantity).contains(&quantity)
    }

    /// The availability `id` of this SKU; ids compare case-insensitively.
    pub fn availability(&self, id: &str) -> Option<&Availability> {
        self.availabilities
            .iter()
            .find(|availability| availability.id.eq_ignore_ascii_case(id))
    }
}

/// Whether one of `skus` (`product:sku`) is `product_id:sku_id`, compared case-insensitively.
fn names_sku(skus: &[&str], product_id: &str, sku_id: &str) -> bool {
    skus.iter().any(|named| {
        named.split_once(':').is_some_and(|(product, sku)| {
            product.eq_ignore_ascii_case(product_id) && sku.eq_ignore_ascii_case(sku_id)
        })
    })
}
