//! What Azure purchases hold besides their subscription: an Azure plan's Azure subscriptions
//! (`azureEntitlements`, reference api-new-commerce §8.2) and their cancellation, the rule that
//! keeps an Azure plan from being suspended while one of them is active (§8.1), registering an
//! Azure subscription for Azure reservations (§6.4), and a savings plan's benefit (§8.3).
//!
//! Both asynchronous steps take the namespace's `provisioningDelay` of virtual time, the one
//! delay the mock has for work Partner Center finishes later: a cancelled Azure subscription
//! stays `active` until it has passed (the service takes about ten minutes), and a registration
//! is `Registering` until then. With the default delay of zero both finish at once.

use super::customer::Customer;
use super::error::DomainError;
use super::ids::{SubscriptionId, parse_guid};
use super::subscription::{BillingType, Subscription};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

crate::wire_enum! {
    /// An Azure entitlement's `status`.
    pub enum AzureEntitlementStatus {
        /// The Azure subscription is active.
        Active = 0 => "active",
        /// The Azure subscription is cancelled.
        Inactive = 1 => "inactive",
    }
}

/// An Azure subscription under an Azure plan: `{id, friendlyName, status}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AzureEntitlement {
    /// The Azure subscription's GUID.
    pub id: String,
    /// The Azure subscription's name.
    pub friendly_name: String,
    /// `active`, or `inactive` once cancelled.
    pub status: AzureEntitlementStatus,
    /// A cancelled Azure subscription that is still active: when it becomes `inactive`.
    #[serde(
        default,
        with = "crate::wire::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::wire::date::WireDate>")]
    pub inactive_from: Option<DateTime<Utc>>,
}

impl AzureEntitlement {
    /// Whether the Azure subscription is active.
    pub fn is_active(&self) -> bool {
        self.status == AzureEntitlementStatus::Active
    }

    /// Whether a cancellation is due at `now` and not applied yet.
    fn cancellation_is_due(&self, now: DateTime<Utc>) -> bool {
        self.inactive_from.is_some_and(|from| from <= now)
    }
}

/// The reasons `POST .../azureEntitlements/{id}/cancel` accepts, in any case: the ones Azure's
/// billing API names for a partner's cancellation of a customer's Azure subscription.
pub const CANCELLATION_REASONS: [&str; 3] = ["compromise", "dispute", "other"];

/// The body of `POST .../azureEntitlements/{id}/cancel`: `{"cancellationReason": "compromise"}`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AzureEntitlementCancellation {
    /// Why the Azure subscription is cancelled: `compromise`, `dispute` or `other`.
    pub cancellation_reason: Option<String>,
}

crate::wire_enum! {
    /// A subscription's registration `status` for Azure reservations, spelled as the recorded
    /// answer spells it.
    pub enum RegistrationStatus {
        /// Not registered.
        NotRegistered = 0 => "NotRegistered",
        /// The registration is in progress.
        Registering = 1 => "Registering",
        /// Registered: reservations can be bought for it.
        Registered = 2 => "Registered",
    }
}

/// An Azure subscription registered for Azure reservations (`POST .../registrations`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionRegistration {
    /// The Azure subscription registered.
    pub subscription_id: SubscriptionId,
    /// When the registration finishes: it is `Registering` before, `Registered` from then on.
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub registered_at: DateTime<Utc>,
}

/// A savings plan's scope and hourly commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SavingsPlanBenefit {
    /// Where the savings plan applies.
    pub scope: BenefitScope,
    /// The hourly commitment bought.
    pub purchase_commitment: PurchaseCommitment,
}

/// Where a savings plan applies: `shared` over an Azure plan (`subscriptionId`) or `single` to
/// one Azure subscription (`entitlementId`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BenefitScope {
    /// `shared` or `single`.
    #[serde(rename = "type")]
    pub kind: String,
    /// For a `shared` scope, the Azure plan subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
    /// For a `single` scope, the Azure subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entitlement_id: Option<String>,
}

/// `purchaseCommitment`: `{amount, currency, grain}`; the amount is a decimal written as a string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PurchaseCommitment {
    /// The amount, a decimal written as a string.
    pub amount: String,
    /// The amount's currency.
    pub currency: String,
    /// The commitment's grain (`hourly`).
    pub grain: String,
}

impl Subscription {
    /// An Azure subscription in Partner Center's sense: billed by usage (an Azure plan, or a
    /// legacy `MS-AZR-0145P` subscription).
    pub fn is_azure(&self) -> bool {
        self.billing_type == BillingType::Usage
    }

    /// One of this Azure plan's Azure subscriptions, by id (a GUID in any case).
    ///
    /// Errors: [`DomainError::AzureEntitlementNotFound`] (404 800111).
    pub fn azure_entitlement(&self, id: &str) -> Result<&AzureEntitlement, DomainError> {
        self.azure_entitlement_index(id)
            .map(|index| &self.azure_entitlements[index])
    }

    fn azure_entitlement_index(&self, id: &str) -> Result<usize, DomainError> {
        let wanted = parse_guid(id).ok_or_else(|| not_found(id))?;
        self.azure_entitlements
            .iter()
            .position(|e| parse_guid(&e.id) == Some(wanted))
            .ok_or_else(|| not_found(id))
    }
}

fn not_found(entitlement: &str) -> DomainError {
    DomainError::AzureEntitlementNotFound(entitlement.to_owned())
}

/// Suspending an Azure plan is refused while one of its Azure subscriptions is active, a
/// cancelled one included until it has become inactive (reference api-new-commerce §8.1:
/// "Azure plan can't be moved to suspended state since you have one or more Azure Subscriptions
/// in the active state").
///
/// Errors: [`DomainError::AzurePlanHasActiveAzureSubscriptions`] (403 900115).
pub fn check_azure_plan_suspension(plan: &Subscription) -> Result<(), DomainError> {
    if plan.has_active_azure_entitlements() {
        Err(DomainError::AzurePlanHasActiveAzureSubscriptions)
    } else {
        Ok(())
    }
}

impl Customer {
    /// `POST .../subscriptions/{id}/azureEntitlements/{entitlementId}/cancel`: the Azure
    /// subscription becomes `inactive` once `delay` has passed on the mock's clock (at once for
    /// a zero delay); until then it answers `active`, as the service does for about ten
    /// minutes. Cancelling one already cancelled changes nothing. An Azure plan without active
    /// Azure subscriptions no longer blocks the relationship removal, and can be suspended.
    ///
    /// Errors: [`DomainError::SubscriptionNotFound`] (404 20003),
    /// [`DomainError::AzureEntitlementNotFound`] (404 800111),
    /// [`DomainError::InvalidCancellationReason`] (400 900307) for a reason other than
    /// [`CANCELLATION_REASONS`].
    pub fn cancel_azure_entitlement(
        &mut self,
        subscription: SubscriptionId,
        entitlement: &str,
        reason: &str,
        now: DateTime<Utc>,
        delay: Duration,
    ) -> Result<&AzureEntitlement, DomainError> {
        let index = self
            .subscriptions
            .iter()
            .position(|s| s.id == subscription)
            .ok_or(DomainError::SubscriptionNotFound(subscription))?;
        let position = self.subscriptions[index].azure_entitlement_index(entitlement)?;
        if !CANCELLATION_REASONS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(reason.trim()))
        {
            return Err(DomainError::InvalidCancellationReason(reason.to_owned()));
        }
        let current = &self.subscriptions[index].azure_entitlements[position];
        if current.is_active() && current.inactive_from.is_none() {
            let plan = Arc::make_mut(&mut self.subscriptions[index]);
            let cancelled = &mut plan.azure_entitlements[position];
            if delay > Duration::zero() {
                cancelled.inactive_from = Some(now + delay);
            } else {
                cancelled.status = AzureEntitlementStatus::Inactive;
            }
            plan.version += 1;
        }
        Ok(&self.subscriptions[index].azure_entitlements[position])
    }

    /// Whether a cancelled Azure subscription has become inactive at `now` without being
    /// marked so.
    pub fn has_due_azure_cancellations(&self, now: DateTime<Utc>) -> bool {
        self.subscriptions.iter().any(|s| {
            s.azure_entitlements
                .iter()
                .any(|e| e.cancellation_is_due(now))
        })
    }

    /// Marks `inactive` every cancelled Azure subscription whose cancellation is due at `now`.
    pub fn complete_azure_cancellations(&mut self, now: DateTime<Utc>) {
        for subscription in &mut self.subscriptions {
            if !subscription
                .azure_entitlements
                .iter()
                .any(|e| e.cancellation_is_due(now))
            {
                continue;
            }
            let plan = Arc::make_mut(subscription);
            for entitlement in &mut plan.azure_entitlements {
                if entitlement.cancellation_is_due(now) {
                    entitlement.status = AzureEntitlementStatus::Inactive;
                    entitlement.inactive_from = None;
                }
            }
            plan.version += 1;
        }
    }

    /// `POST .../subscriptions/{id}/registrations`: registers an Azure subscription for Azure
    /// reservations. It is `Registering` until `delay` has passed on the mock's clock, then
    /// `Registered`. Registering again changes nothing.
    ///
    /// Errors: [`DomainError::SubscriptionNotFound`] (404 20003),
    /// [`DomainError::NotAnAzureSubscription`] (400 800011) for a subscription not billed by
    /// usage.
    pub fn register_subscription(
        &mut self,
        id: SubscriptionId,
        now: DateTime<Utc>,
        delay: Duration,
    ) -> Result<(), DomainError> {
        if !self.subscription(id)?.is_azure() {
            return Err(DomainError::NotAnAzureSubscription(id));
        }
        let registered = self
            .subscription_registrations
            .iter()
            .any(|r| r.subscription_id == id);
        if !registered {
            let position = self
                .subscription_registrations
                .partition_point(|r| r.subscription_id < id);
            self.subscription_registrations.insert(
                position,
                SubscriptionRegistration {
                    subscription_id: id,
                    registered_at: now + delay.max(Duration::zero()),
                },
            );
        }
        Ok(())
    }

    /// `GET .../subscriptions/{id}/registrationstatus` at `now`.
    ///
    /// Errors: [`DomainError::SubscriptionNotFound`] (404 20003).
    pub fn registration_status(
        &self,
        id: SubscriptionId,
        now: DateTime<Utc>,
    ) -> Result<RegistrationStatus, DomainError> {
        self.subscription(id)?;
        Ok(
            match self
                .subscription_registrations
                .iter()
                .find(|r| r.subscription_id == id)
            {
                None => RegistrationStatus::NotRegistered,
                Some(r) if now < r.registered_at => RegistrationStatus::Registering,
                Some(_) => RegistrationStatus::Registered,
            },
        )
    }
}
