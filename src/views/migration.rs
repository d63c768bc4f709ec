//! `NewCommerceMigration`, `NewCommerceEligibility` and migration events (reference
//! api-new-commerce §5.5). Migrations write billing cycles as the docs print them for this
//! resource, `Monthly` and `Annual` (§1.2), and eligibility error codes as integers.

use crate::domain::CustomerId;
use crate::domain::migration::{
    EligibilityError, MigratedSubscription, Migration, MigrationEvent, MigrationEventName,
    MigrationStatus, NewCommerceEligibility,
};
use crate::domain::subscription::BillingCycle;
use crate::wire::Attributes;
use crate::wire::date;
use serde::Serialize;

/// A billing cycle as migrations write it.
const fn migration_billing_cycle(cycle: BillingCycle) -> &'static str {
    match cycle {
        BillingCycle::Unknown => "Unknown",
        BillingCycle::Monthly => "Monthly",
        BillingCycle::Annual => "Annual",
        BillingCycle::None => "None",
        BillingCycle::OneTime => "OneTime",
        BillingCycle::Triennial => "Triennial",
        BillingCycle::Biennial => "Biennial",
    }
}

/// A migration, or one add-on of its flat `addOnMigrations` list.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MigrationView {
    pub id: String,
    pub started_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_time: Option<String>,
    pub current_subscription_id: String,
    pub status: MigrationStatus,
    pub customer_tenant_id: String,
    pub catalog_item_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_commerce_subscription_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_commerce_order_id: Option<String>,
    pub subscription_end_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_term_end_date: Option<String>,
    pub quantity: u32,
    pub term_duration: String,
    pub billing_cycle: &'static str,
    pub purchase_full_term: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_reference_id: Option<String>,
    pub add_on_migrations: Vec<MigrationView>,
    pub attributes: Attributes,
}

impl MigrationView {
    pub(crate) fn new(customer: CustomerId, migration: &Migration) -> Self {
        let add_ons = migration
            .add_on_migrations
            .iter()
            .map(|add_on| Self::of(customer, migration, add_on, Vec::new()))
            .collect();
        Self::of(customer, migration, &migration.base, add_ons)
    }

    fn of(
        customer: CustomerId,
        migration: &Migration,
        line: &MigratedSubscription,
        add_ons: Vec<Self>,
    ) -> Self {
        Self {
            id: migration.id.to_string(),
            started_time: date::format(&migration.started_time),
            completed_time: migration.completed_time.as_ref().map(date::format),
            current_subscription_id: line.current_subscription_id.to_string(),
            status: migration.status,
            customer_tenant_id: customer.to_string(),
            catalog_item_id: line.catalog_item_id.clone(),
            new_commerce_subscription_id: line
                .new_commerce_subscription_id
                .map(|id| id.to_string()),
            new_commerce_order_id: migration
                .new_commerce_order_id
                .as_deref()
                .map(str::to_owned),
            subscription_end_date: date::format(&line.subscription_end_date),
            custom_term_end_date: line.custom_term_end_date.as_ref().map(date::format),
            quantity: line.quantity,
            term_duration: line.term_duration.clone(),
            billing_cycle: migration_billing_cycle(line.billing_cycle),
            purchase_full_term: migration.purchase_full_term,
            external_reference_id: migration.external_reference_id.clone(),
            add_on_migrations: add_ons,
            attributes: Attributes::of("NewCommerceMigration"),
        }
    }
}

/// One reason a subscription cannot migrate: its integer code and text.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct EligibilityErrorView {
    pub code: u8,
    pub description: String,
}

impl EligibilityErrorView {
    fn new(error: &EligibilityError) -> Self {
        Self {
            code: error.code.number(),
            description: error.description.clone(),
        }
    }
}

/// A validation's answer, with one for each add-on of the bundle.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EligibilityView {
    pub current_subscription_id: String,
    pub is_eligible: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catalog_item_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<String>,
    pub billing_cycle: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_term_end_date: Option<String>,
    pub errors: Vec<EligibilityErrorView>,
    pub add_on_migrations: Vec<EligibilityView>,
    pub attributes: Attributes,
}

impl EligibilityView {
    pub(crate) fn new(eligibility: &NewCommerceEligibility) -> Self {
        Self {
            current_subscription_id: eligibility.current_subscription_id.to_string(),
            is_eligible: eligibility.is_eligible(),
            catalog_item_id: eligibility.catalog_item_id.clone(),
            term_duration: eligibility.term_duration.clone(),
            billing_cycle: migration_billing_cycle(eligibility.billing_cycle),
            custom_term_end_date: eligibility.custom_term_end_date.as_ref().map(date::format),
            errors: eligibility
                .errors
                .iter()
                .map(EligibilityErrorView::new)
                .collect(),
            add_on_migrations: eligibility
                .add_on_migrations
                .iter()
                .map(Self::new)
                .collect(),
            attributes: Attributes::of("NewCommerceEligibility"),
        }
    }
}

/// One migration event.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MigrationEventView {
    pub id: String,
    pub new_commerce_migration_id: String,
    pub current_subscription_id: String,
    pub customer_tenant_id: String,
    pub created_time: String,
    pub event_name: MigrationEventName,
    pub attributes: Attributes,
}

impl MigrationEventView {
    pub(crate) fn new(customer: CustomerId, migration: &Migration, event: &MigrationEvent) -> Self {
        Self {
            id: event.id.to_string(),
            new_commerce_migration_id: migration.id.to_string(),
            current_subscription_id: migration.base.current_subscription_id.to_string(),
            customer_tenant_id: customer.to_string(),
            created_time: date::format(&event.created_time),
            event_name: event.event_name,
            attributes: Attributes::of("NewCommerceMigrationEvent"),
        }
    }
}
