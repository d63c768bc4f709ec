//! What Azure purchases hold besides their subscription: an Azure plan's Azure subscriptions
//! (`azureEntitlements`, reference api-new-commerce §8.2), their cancellation, and a savings
//! plan's benefit (§8.3).

use super::customer::Customer;
use super::error::DomainError;
use super::ids::{SubscriptionId, parse_guid};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

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

impl Customer {
    /// `POST .../subscriptions/{id}/azureEntitlements/{entitlementId}/cancel`: the Azure
    /// subscription becomes `inactive` (at once; the service takes about ten minutes). An Azure
    /// plan without active Azure subscriptions no longer blocks the relationship removal.
    ///
    /// Errors: [`DomainError::SubscriptionNotFound`] (404 20003),
    /// [`DomainError::AzureEntitlementNotFound`] (404 800111).
    pub fn cancel_azure_entitlement(
        &mut self,
        subscription: SubscriptionId,
        entitlement: &str,
    ) -> Result<&AzureEntitlement, DomainError> {
        let index = self
            .subscriptions
            .iter()
            .position(|s| s.id == subscription)
            .ok_or(DomainError::SubscriptionNotFound(subscription))?;
        let wanted = parse_guid(entitlement);
        let position = self.subscriptions[index]
            .azure_entitlements
            .iter()
            .position(|e| wanted.is_some() && parse_guid(&e.id) == wanted)
            .ok_or_else(|| DomainError::AzureEntitlementNotFound(entitlement.to_owned()))?;
        let plan = Arc::make_mut(&mut self.subscriptions[index]);
        let cancelled = &mut plan.azure_entitlements[position];
        if cancelled.is_active() {
            cancelled.status = AzureEntitlementStatus::Inactive;
            plan.version += 1;
        }
        Ok(&plan.azure_entitlements[position])
    }
}
