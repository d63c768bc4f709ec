//! Starting a migration (`POST /v1/customers/{id}/migrations/newcommerce`; reference
//! api-new-commerce §5.5): the plan is checked as a validation checks it, any reason refuses the
//! whole migration, and otherwise the legacy subscriptions are suspended at once and the
//! migration is `Processing` until the clock completes it ([`super::completion`]).

use super::eligibility::{Planned, Planning};
use super::request::MigrationRequest;
use super::{MigratedSubscription, Migration, MigrationEvent, MigrationEventName, MigrationStatus};
use crate::domain::customer::Customer;
use crate::domain::error::DomainError;
use crate::domain::ids::{IdSource, MigrationId};
use crate::domain::offer::Catalog;
use crate::domain::subscription::SubscriptionStatus;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;

/// What starting a migration reads besides the customer.
pub struct MigrationContext<'a> {
    pub catalog: &'a Catalog,
    pub now: DateTime<Utc>,
    pub ids: &'a IdSource,
    /// The namespace's `provisioningDelay`: how long the migration processes.
    pub provisioning_delay: Duration,
}

impl Customer {
    /// Starts the migration `request` asks for and returns its id.
    ///
    /// Errors: as [`Customer::validate_migration`], and [`DomainError::MigrationIneligible`]
    /// with the first reason the validation would give (900215 not active, 900216 already
    /// processing, 900217 last 24 hours of the term, 900220 no new-commerce successor, 900222
    /// term and billing cycle not sold together).
    pub fn start_migration(
        &mut self,
        request: &MigrationRequest,
        context: &MigrationContext<'_>,
    ) -> Result<MigrationId, DomainError> {
        let planning = Planning {
            catalog: context.catalog,
            now: context.now,
            purchase_full_term: request.purchases_full_term(),
        };
        let plan = self.plan_migration(request, &planning)?;
        if let Some(refusal) = plan.refusal() {
            return Err(refusal);
        }
        let id = MigrationId(context.ids.guid());
        let migration = Migration {
            id,
            started_time: context.now,
            completed_time: None,
            status: MigrationStatus::Processing,
            base: migrated(&plan.base)?,
            add_on_migrations: plan
                .add_ons
                .iter()
                .map(migrated)
                .collect::<Result<_, _>>()?,
            purchase_full_term: request.purchases_full_term(),
            external_reference_id: request.external_reference(),
            new_commerce_order_id: None,
            completes_at: Some(context.now + context.provisioning_delay.max(Duration::zero())),
            events: vec![MigrationEvent {
                id: context.ids.guid(),
                event_name: MigrationEventName::MigrationStarted,
                created_time: context.now,
            }],
        };
        let legacy: Vec<_> = migration
            .subscriptions()
            .map(|s| s.current_subscription_id)
            .collect();
        for subscription in &mut self.subscriptions {
            if legacy.contains(&subscription.id) {
                let subscription = Arc::make_mut(subscription);
                subscription.status = SubscriptionStatus::Suspended;
                subscription.version += 1;
            }
        }
        self.migrations.push(Arc::new(migration));
        Ok(id)
    }
}

/// The record of one planned subscription; a plan without reasons always has its catalog item.
fn migrated(planned: &Planned<'_>) -> Result<MigratedSubscription, DomainError> {
    let item = planned.item.as_ref().ok_or_else(|| {
        DomainError::InvalidInput(format!(
            "Subscription {} has no new-commerce successor.",
            planned.subscription.id
        ))
    })?;
    Ok(MigratedSubscription {
        current_subscription_id: planned.subscription.id,
        catalog_item_id: item.id(),
        new_commerce_subscription_id: None,
        subscription_end_date: planned.end_date,
        custom_term_end_date: planned.custom_term_end_date,
        quantity: planned.quantity,
        term_duration: planned.term_duration.clone().unwrap_or_default(),
        billing_cycle: planned.billing_cycle,
        new_commerce_offer: Some(item.offer()),
        parent_new_commerce_subscription_id: planned.parent,
    })
}
