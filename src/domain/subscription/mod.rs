//! Subscriptions: what a customer has bought and is billed for.

pub mod lapse;
pub mod scheduled;
pub mod seats;
pub mod term;
pub mod update;

use super::azure::{AzureEntitlement, SavingsPlanBenefit};
use super::ids::SubscriptionId;
use chrono::{DateTime, Utc};
use scheduled::ScheduledNextTermInstructions;
use seats::SeatBatch;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// `status` (.NET SDK `SubscriptionStatus`).
    pub enum SubscriptionStatus {
        None = 0 => "none",
        Active = 1 => "active",
        Suspended = 2 => "suspended",
        Deleted = 3 => "deleted",
        Expired = 4 => "expired",
        Pending = 5 => "pending",
        Disabled = 6 => "disabled",
    }
}

crate::wire_enum! {
    /// `billingType` (.NET SDK `BillingType`).
    pub enum BillingType {
        None = 0 => "none",
        Usage = 1 => "usage",
        License = 2 => "license",
        Benefit = 3 => "benefit",
    }
}

crate::wire_enum! {
    /// `billingCycle` (.NET SDK `BillingCycleType`).
    pub enum BillingCycle {
        Unknown = 0 => "unknown",
        Monthly = 1 => "monthly",
        Annual = 2 => "annual",
        None = 3 => "none",
        OneTime = 4 => "one_time",
        Triennial = 5 => "triennial",
        Biennial = 6 => "biennial",
    }
}

crate::wire_enum! {
    /// `contractType` (.NET SDK `ContractType`).
    pub enum ContractType {
        Subscription = 0 => "subscription",
        ProductKey = 1 => "product_key",
        RedemptionCode = 2 => "redemption_code",
    }
}

/// A subscription of a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    pub id: SubscriptionId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entitlement_id: Option<String>,
    pub offer_id: crate::domain::ids::OfferId,
    pub offer_name: String,
    pub friendly_name: String,
    pub quantity: u32,
    pub unit_type: String,
    /// Set on add-ons: the base subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_subscription_id: Option<SubscriptionId>,
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub creation_date: DateTime<Utc>,
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub effective_start_date: DateTime<Utc>,
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub commitment_end_date: DateTime<Utc>,
    /// New-commerce subscriptions: the end of the cancellation window.
    #[serde(
        default,
        with = "crate::wire::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::wire::date::WireDate>")]
    pub cancellation_allowed_until_date: Option<DateTime<Utc>>,
    pub status: SubscriptionStatus,
    pub auto_renew_enabled: bool,
    pub billing_type: BillingType,
    pub billing_cycle: BillingCycle,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<crate::domain::term::Term>,
    #[serde(default)]
    pub is_trial: bool,
    #[serde(default = "subscription_contract")]
    pub contract_type: ContractType,
    pub order_id: crate::domain::ids::OrderId,
    /// The MPN id of the reseller of record, for a customer of an indirect reseller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_id: Option<String>,
    /// Set for new-commerce subscriptions (`OnlineServicesNCE`) and catalog purchases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_type: Option<ProductType>,
    /// An Azure plan's Azure subscriptions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub azure_entitlements: Vec<AzureEntitlement>,
    /// An Azure savings plan's scope and commitment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub savings_plan: Option<SavingsPlanBenefit>,
    /// What happened to it over time, and what is scheduled next.
    #[serde(flatten)]
    pub lifecycle: Lifecycle,
    /// The etag version; grows by one with each change.
    #[serde(default = "first_version")]
    pub version: u64,
}

/// A subscription's life over time: its reducible seat batches, its scheduled next-term
/// changes, where it came from, and the statuses it took.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Lifecycle {
    /// New-commerce subscriptions: the seat batches that can still be reduced, each with the end
    /// of its own 7-day window.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refundable_batches: Vec<SeatBatch>,
    /// New-commerce subscriptions: the changes to apply at the next renewal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_next_term_instructions: Option<ScheduledNextTermInstructions>,
    /// The legacy subscription a migration to new commerce created this one from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migrated_from_subscription_id: Option<SubscriptionId>,
    /// Each status the subscription has taken after its first, with the moment it took it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_history: Vec<StatusChange>,
}

/// A status a subscription took, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    pub status: SubscriptionStatus,
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub at: DateTime<Utc>,
}

/// The `productType.id` of new-commerce subscriptions.
pub const NEW_COMMERCE_PRODUCT_TYPE: &str = "OnlineServicesNCE";

pub(crate) const fn subscription_contract() -> ContractType {
    ContractType::Subscription
}

pub(crate) const fn first_version() -> u64 {
    1
}

/// `productType`: `{"id": "OnlineServicesNCE", "displayName": "OnlineServicesNCE"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProductType {
    pub id: String,
    pub display_name: String,
}

impl Subscription {
    /// A new-commerce subscription (`productType.id` is `OnlineServicesNCE`).
    pub fn is_new_commerce(&self) -> bool {
        self.product_type
            .as_ref()
            .is_some_and(|p| p.id.eq_ignore_ascii_case(NEW_COMMERCE_PRODUCT_TYPE))
    }

    pub fn is_add_on(&self) -> bool {
        self.parent_subscription_id.is_some()
    }

    /// An Azure savings plan (billed as a benefit).
    pub fn is_savings_plan(&self) -> bool {
        self.billing_type == BillingType::Benefit
    }

    /// A marketplace (SaaS) subscription.
    pub fn is_marketplace(&self) -> bool {
        self.product_type.as_ref().is_some_and(|p| {
            p.id.eq_ignore_ascii_case(super::catalog::product::MARKETPLACE_PRODUCT_TYPE)
        })
    }

    /// Moves to `status` at `at`, keeping the history, and counts the change.
    pub fn move_to(&mut self, status: SubscriptionStatus, at: DateTime<Utc>) {
        self.status = status;
        self.lifecycle
            .status_history
            .push(StatusChange { status, at });
        self.version += 1;
    }

    /// An Azure plan with at least one active Azure subscription.
    pub fn has_active_azure_entitlements(&self) -> bool {
        self.azure_entitlements
            .iter()
            .any(AzureEntitlement::is_active)
    }
}
