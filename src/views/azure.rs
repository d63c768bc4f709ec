//! `AzureEntitlement` (an Azure subscription under an Azure plan) and
//! `SubscriptionRegistrationStatus`.

use super::customer_uri;
use crate::domain::azure::{AzureEntitlement, AzureEntitlementStatus, RegistrationStatus};
use crate::domain::{CustomerId, SubscriptionId};
use crate::wire::{Attributes, NamedLinks};
use serde::Serialize;

/// `{id, friendlyName, status, subscriptionId, links: {self}, attributes}`; `subscriptionId` is
/// the Azure plan's.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AzureEntitlementView<'a> {
    pub id: &'a str,
    pub friendly_name: &'a str,
    pub status: AzureEntitlementStatus,
    pub subscription_id: String,
    pub links: NamedLinks,
    pub attributes: Attributes,
}

impl<'a> AzureEntitlementView<'a> {
    pub(crate) fn new(
        customer: CustomerId,
        plan: SubscriptionId,
        entitlement: &'a AzureEntitlement,
    ) -> Self {
        Self {
            id: &entitlement.id,
            friendly_name: &entitlement.friendly_name,
            status: entitlement.status,
            subscription_id: plan.to_string(),
            links: NamedLinks::default().with_get(
                "self",
                format!(
                    "{}/subscriptions/{plan}/azureEntitlements/{}",
                    customer_uri(customer),
                    entitlement.id
                ),
            ),
            attributes: Attributes::of("AzureEntitlement"),
        }
    }
}

/// `{subscriptionId, status, attributes}`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RegistrationStatusView {
    pub subscription_id: String,
    pub status: RegistrationStatus,
    pub attributes: Attributes,
}

impl RegistrationStatusView {
    pub(crate) fn new(subscription: SubscriptionId, status: RegistrationStatus) -> Self {
        Self {
            subscription_id: subscription.to_string(),
            status,
            attributes: Attributes::of("SubscriptionRegistrationStatus"),
        }
    }
}
