//! Subscriptions: what a customer has bought and is billed for.

pub mod history;
pub(crate) mod lapse;
pub mod scheduled;
pub mod seats;
pub mod term;
pub mod update;

use super::azure::{AzureEntitlement, SavingsPlanBenefit};
use super::ids::SubscriptionId;
use super::text::Text;
use chrono::{DateTime, Utc};
use history::StatusHistory;
use scheduled::ScheduledNextTermInstructions;
use seats::SeatBatch;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// `status` (.NET SDK `SubscriptionStatus`).
    pub enum SubscriptionStatus {
        /// No status.
        None = 0 => "none",
        /// In use.
        Active = 1 => "active",
        /// Suspended by the partner.
        Suspended = 2 => "suspended",
        /// Cancelled, or at the end of its lapse.
        Deleted = 3 => "deleted",
        /// Its term ended with auto-renew off.
        Expired = 4 => "expired",
        /// Still provisioning.
        Pending = 5 => "pending",
        /// Expired for 30 days, or suspended at term end.
        Disabled = 6 => "disabled",
    }
}

crate::wire_enum! {
    /// `billingType` (.NET SDK `BillingType`).
    pub enum BillingType {
        /// Not billed.
        None = 0 => "none",
        /// Billed by usage.
        Usage = 1 => "usage",
        /// Billed per licence.
        License = 2 => "license",
        /// Billed as a benefit (a savings plan).
        Benefit = 3 => "benefit",
    }
}

crate::wire_enum! {
    /// `billingCycle` (.NET SDK `BillingCycleType`).
    pub enum BillingCycle {
        /// Not known.
        Unknown = 0 => "unknown",
        /// Every month.
        Monthly = 1 => "monthly",
        /// Every year.
        Annual = 2 => "annual",
        /// Not billed periodically.
        None = 3 => "none",
        /// Once, up front.
        OneTime = 4 => "one_time",
        /// Every three years.
        Triennial = 5 => "triennial",
        /// Every two years.
        Biennial = 6 => "biennial",
    }
}

crate::wire_enum! {
    /// `contractType` (.NET SDK `ContractType`).
    pub enum ContractType {
        /// A subscription.
        Subscription = 0 => "subscription",
        /// A product key.
        ProductKey = 1 => "product_key",
        /// A redemption code.
        RedemptionCode = 2 => "redemption_code",
    }
}

/// A subscription of a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    /// The subscription's id.
    pub id: SubscriptionId,
    /// The id of the entitlement the subscription delivers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entitlement_id: Option<Text>,
    /// The offer bought: a legacy offer id, or `productId:skuId` in new commerce.
    pub offer_id: crate::domain::ids::OfferId,
    /// The offer's name.
    pub offer_name: Text,
    /// The name the partner gave the subscription.
    pub friendly_name: Text,
    /// The seats (or units) held.
    pub quantity: u32,
    /// What a unit is (`Licenses`, `Usage-based`).
    pub unit_type: Text,
    /// Set on add-ons: the base subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_subscription_id: Option<SubscriptionId>,
    /// When the subscription was created.
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub creation_date: DateTime<Utc>,
    /// When the current term started.
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub effective_start_date: DateTime<Utc>,
    /// The last day of the current term, at 00:00 UTC.
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
    /// The subscription's status.
    pub status: SubscriptionStatus,
    /// Whether the subscription renews at the end of its term.
    pub auto_renew_enabled: bool,
    /// How it is billed: per licence or by usage.
    pub billing_type: BillingType,
    /// How often it is billed.
    pub billing_cycle: BillingCycle,
    /// The term, as an ISO 8601 duration (`P1M`, `P1Y`, `P3Y`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<crate::domain::term::Term>,
    /// Whether it is a trial.
    #[serde(default)]
    pub is_trial: bool,
    /// What the purchase delivered: a subscription, a product key or a redemption code.
    #[serde(default = "subscription_contract")]
    pub contract_type: ContractType,
    /// The id of the order that created it.
    pub order_id: crate::domain::ids::OrderId,
    /// The MPN id of the reseller of record, for a customer of an indirect reseller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_id: Option<Text>,
    /// Set for new-commerce subscriptions (`OnlineServicesNCE`) and catalog purchases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_type: Option<ProductType>,
    /// An Azure plan's Azure subscriptions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub azure_entitlements: Vec<AzureEntitlement>,
    /// An Azure savings plan's scope and commitment (boxed: few subscriptions have one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub savings_plan: Option<Box<SavingsPlanBenefit>>,
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
    /// New-commerce subscriptions: the changes to apply at the next renewal (boxed: few
    /// subscriptions have them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_next_term_instructions: Option<Box<ScheduledNextTermInstructions>>,
    /// The legacy subscription a migration to new commerce created this one from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migrated_from_subscription_id: Option<SubscriptionId>,
    /// Each status the subscription has taken after its first, with the moment it took it.
    #[serde(default, skip_serializing_if = "StatusHistory::is_empty")]
    #[schemars(with = "Vec<StatusChange>")]
    pub status_history: StatusHistory,
}

/// A status a subscription took, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    /// The status taken.
    pub status: SubscriptionStatus,
    /// When it was taken, on the namespace's clock.
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
    /// The product type's id (`OnlineServicesNCE`).
    pub id: Text,
    /// The product type's display name.
    pub display_name: Text,
}

impl Subscription {
    /// A new-commerce subscription (`productType.id` is `OnlineServicesNCE`).
    pub fn is_new_commerce(&self) -> bool {
        self.product_type
            .as_ref()
            .is_some_and(|p| p.id.eq_ignore_ascii_case(NEW_COMMERCE_PRODUCT_TYPE))
    }

    /// An add-on (it has a parent subscription).
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
