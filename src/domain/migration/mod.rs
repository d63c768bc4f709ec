//! Legacy → new-commerce migrations (`/v1/customers/{id}/migrations/newcommerce`; reference
//! api-new-commerce §5.5, §11.14).
//!
//! A migration moves a legacy licence subscription, with its active add-ons as one bundle, to
//! the new-commerce catalog item its offer names as successor. Starting one suspends the legacy
//! subscriptions at once and answers `Processing`; once the mock's clock passes the start plus
//! the namespace's `provisioningDelay` (zero: at the next read), [`Customer::settle`] completes
//! it through the order fulfilment: one new-commerce order, and one subscription per migrated
//! subscription, each keeping the legacy term's end unless the full term was bought.
//!
//! Migrations are kept inside the customer aggregate, like carts, so that reset, snapshots and
//! exports carry them.
//!
//! [`Customer::settle`]: super::customer::Customer::settle

pub(crate) mod completion;
pub mod eligibility;
pub mod request;
pub(crate) mod start;

pub use eligibility::{EligibilityError, EligibilityErrorCode, NewCommerceEligibility};
pub use request::MigrationRequest;

use super::customer::Customer;
use super::error::DomainError;
use super::ids::{CustomerId, MigrationId, SubscriptionId};
use super::offer::Offer;
use super::subscription::BillingCycle;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// A migration's `status`.
    pub enum MigrationStatus {
        /// Started, not completed yet.
        Processing = 0 => "Processing",
        /// The new-commerce subscriptions exist.
        Completed = 1 => "Completed",
        /// The migration could not complete.
        Failed = 2 => "Failed",
    }
}

crate::wire_enum! {
    /// A migration event's `eventName`, in the order a migration records them.
    pub enum MigrationEventName {
        /// The migration started.
        MigrationStarted = 0 => "MigrationStarted",
        /// The new-commerce subscription was created.
        NewCommerceSubscriptionCreated = 1 => "NewCommerceSubscriptionCreated",
        /// The new-commerce subscription was provisioned.
        NewCommerceSubscriptionProvisioned = 2 => "NewCommerceSubscriptionProvisioned",
        /// The migration completed.
        MigrationCompleted = 3 => "MigrationCompleted",
        /// The migration failed.
        MigrationFailed = 4 => "MigrationFailed",
    }
}

/// A migration of a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Migration {
    /// The migration's id.
    pub id: MigrationId,
    /// When the migration started.
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub started_time: DateTime<Utc>,
    /// When it completed or failed.
    #[serde(
        default,
        with = "crate::wire::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::wire::date::WireDate>")]
    pub completed_time: Option<DateTime<Utc>>,
    /// `Processing`, then `Completed` or `Failed`.
    pub status: MigrationStatus,
    /// The base subscription (or an add-on migrating alone) and what it becomes.
    #[serde(flatten)]
    pub base: MigratedSubscription,
    /// The add-ons migrating with the base, a flat list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_on_migrations: Vec<MigratedSubscription>,
    /// A new term starts in new commerce instead of the legacy term's remainder.
    #[serde(default)]
    pub purchase_full_term: bool,
    /// The client's own reference, to find its migrations by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_reference_id: Option<String>,
    /// The 12-hex order that bought the new-commerce subscriptions, once completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_commerce_order_id: Option<crate::domain::ids::OrderId>,
    /// When a `Processing` migration completes, on the mock's clock.
    #[serde(
        default,
        with = "crate::wire::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::wire::date::WireDate>")]
    pub completes_at: Option<DateTime<Utc>>,
    /// What happened to the migration, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<MigrationEvent>,
}

/// One legacy subscription of a migration and the new-commerce subscription it becomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MigratedSubscription {
    /// The legacy subscription.
    pub current_subscription_id: SubscriptionId,
    /// The new-commerce catalog item it becomes.
    pub catalog_item_id: String,
    /// Set once the migration completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_commerce_subscription_id: Option<SubscriptionId>,
    /// The new-commerce subscription's end: the legacy term's, unless the full term was bought.
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub subscription_end_date: DateTime<Utc>,
    /// The end date asked for the new-commerce term.
    #[serde(
        default,
        with = "crate::wire::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::wire::date::WireDate>")]
    pub custom_term_end_date: Option<DateTime<Utc>>,
    /// The seats of the new-commerce subscription.
    pub quantity: u32,
    /// The new-commerce term, as an ISO 8601 duration (`P1Y`).
    pub term_duration: String,
    /// The new-commerce billing cycle.
    pub billing_cycle: BillingCycle,
    /// The catalog item as the order fulfilment buys it, kept from the start so that the clock
    /// can complete the migration with what was checked. A processing migration without it
    /// (only a seed can make one) fails when its time comes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_commerce_offer: Option<Offer>,
    /// For an add-on migrating alone: the new-commerce subscription its base became, which the
    /// new add-on hangs under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_new_commerce_subscription_id: Option<SubscriptionId>,
}

/// One event of a migration (`GET .../migrations/newcommerce/events`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MigrationEvent {
    /// The event's id.
    pub id: uuid::Uuid,
    /// What happened.
    pub event_name: MigrationEventName,
    /// When it happened, on the namespace's clock.
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub created_time: DateTime<Utc>,
}

impl Migration {
    /// Every legacy subscription the migration moves: the base, then its add-ons.
    pub fn subscriptions(&self) -> impl Iterator<Item = &MigratedSubscription> {
        std::iter::once(&self.base).chain(&self.add_on_migrations)
    }

    /// Whether the migration is still processing `subscription`.
    pub fn is_processing(&self, subscription: SubscriptionId) -> bool {
        self.status == MigrationStatus::Processing
            && self
                .subscriptions()
                .any(|s| s.current_subscription_id == subscription)
    }

    /// Whether the clock has passed the end of this processing migration.
    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        self.status == MigrationStatus::Processing && self.completes_at.is_some_and(|at| at <= now)
    }
}

/// Which migrations a listing asks for; every given filter must match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MigrationFilter {
    /// Only this customer's migrations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<CustomerId>,
    /// Only migrations of this legacy subscription (as base or add-on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_subscription: Option<SubscriptionId>,
    /// Only migrations with this external reference id (any case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_reference_id: Option<String>,
}

impl MigrationFilter {
    /// Whether `migration` of `customer` matches. A current subscription matches a migration's
    /// base or any of its add-ons; external reference ids compare case-insensitively.
    pub fn matches(&self, customer: CustomerId, migration: &Migration) -> bool {
        self.customer.is_none_or(|c| c == customer)
            && self.current_subscription.is_none_or(|id| {
                migration
                    .subscriptions()
                    .any(|s| s.current_subscription_id == id)
            })
            && self.external_reference_id.as_deref().is_none_or(|wanted| {
                migration
                    .external_reference_id
                    .as_deref()
                    .is_some_and(|id| id.eq_ignore_ascii_case(wanted))
            })
    }
}

impl Customer {
    /// `GET .../migrations/newcommerce/{migrationId}`.
    ///
    /// Errors: [`DomainError::MigrationNotFound`].
    pub fn migration(&self, id: MigrationId) -> Result<&Migration, DomainError> {
        self.migrations
            .iter()
            .map(|m| &**m)
            .find(|m| m.id == id)
            .ok_or(DomainError::MigrationNotFound(id))
    }

    /// `GET .../migrations/newcommerce/events?migration_id=&current_subscription_id=`: the events
    /// of the migrations that match both filters given, each migration's in the order they
    /// happened, migrations by start time.
    pub fn migration_events(
        &self,
        migration: Option<MigrationId>,
        current_subscription: Option<SubscriptionId>,
    ) -> Vec<(&Migration, &MigrationEvent)> {
        let filter = MigrationFilter {
            current_subscription,
            ..MigrationFilter::default()
        };
        let mut migrations: Vec<&Migration> = self
            .migrations
            .iter()
            .map(|m| &**m)
            .filter(|m| migration.is_none_or(|id| m.id == id) && filter.matches(self.id, m))
            .collect();
        migrations.sort_by_key(|m| (m.started_time, m.id));
        migrations
            .into_iter()
            .flat_map(|m| m.events.iter().map(move |event| (m, event)))
            .collect()
    }
}
