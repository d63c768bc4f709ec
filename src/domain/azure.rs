//! What Azure purchases hold besides their subscription: an Azure plan's Azure subscriptions
//! (`azureEntitlements`, reference api-new-commerce §8.2) and a savings plan's benefit (§8.3).

use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// An Azure entitlement's `status`.
    pub enum AzureEntitlementStatus {
        Active = 0 => "active",
        Inactive = 1 => "inactive",
    }
}

/// An Azure subscription under an Azure plan: `{id, friendlyName, status}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AzureEntitlement {
    /// The Azure subscription's GUID.
    pub id: String,
    pub friendly_name: String,
    pub status: AzureEntitlementStatus,
}

impl AzureEntitlement {
    pub fn is_active(&self) -> bool {
        self.status == AzureEntitlementStatus::Active
    }
}

/// A savings plan's scope and hourly commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SavingsPlanBenefit {
    pub scope: BenefitScope,
    pub purchase_commitment: PurchaseCommitment,
}

/// Where a savings plan applies: `shared` over an Azure plan (`subscriptionId`) or `single` to
/// one Azure subscription (`entitlementId`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BenefitScope {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entitlement_id: Option<String>,
}

/// `purchaseCommitment`: `{amount, currency, grain}`; the amount is a decimal written as a string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PurchaseCommitment {
    pub amount: String,
    pub currency: String,
    pub grain: String,
}
