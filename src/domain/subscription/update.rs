//! Changing a subscription (`PATCH .../subscriptions/{id}`): its status, quantity, name,
//! auto-renew and scheduled next-term changes. What the clock does at term end is in
//! [`super::term`] and the `lapse` module.
//!
//! The state machine (SPEC §5; reference api-new-commerce §4.2–§4.6, §4.10, §11.9, §11.11):
//! `active -> suspended -> active`; `active` or `suspended -> deleted` only for new-commerce and
//! marketplace subscriptions inside their cancellation window; `deleted` is final; `expired`,
//! `disabled` and the renewal come from the clock. A new-commerce subscription that is `expired`
//! (400 900277) or `disabled` (400 800096), or whose renewal is still completing (409 800082),
//! takes no change. Suspending a base subscription suspends its active add-ons; reactivating it
//! does not reactivate them. An Azure plan is not suspended while one of its Azure
//! subscriptions is active ([`check_azure_plan_suspension`]).
//!
//! A PATCH applies its status first, then its other properties. Every new-commerce PATCH is the
//! whole subscription (§4.2): one that leaves out `autoRenewEnabled` turns auto-renew off, and
//! one that leaves out `scheduledNextTermInstructions` wipes them; suspension, turning auto-renew
//! off and a quantity change wipe them too.

use super::scheduled::{InstructionsRequest, ScheduledNextTermInstructions, is_month_end};
use super::term::{CANCELLATION_WINDOW_DAYS, midnight};
use super::{BillingCycle, Subscription, SubscriptionStatus};
use crate::domain::azure::check_azure_plan_suspension;
use crate::domain::customer::{Customer, SentAttributes};
use crate::domain::error::DomainError;
use crate::domain::ids::SubscriptionId;
use crate::domain::offer::Catalog;
use crate::domain::precondition::Precondition;
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use std::sync::Arc;

/// A subscription as a client sends it in a PATCH: sparse, or the whole resource as the .NET SDK
/// writes it. Default values (quantity 0, null or empty names, `unknown` billing cycle) are "not
/// given"; read-only properties are ignored.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionUpdate {
    /// The status to set: `active` (reactivate), `suspended` or `deleted` (cancel).
    pub status: Option<SubscriptionStatus>,
    /// The seats to hold.
    pub quantity: Option<u32>,
    /// The name to give the subscription.
    pub friendly_name: Option<String>,
    /// Whether the subscription renews; a new-commerce PATCH without it turns auto-renew off.
    pub auto_renew_enabled: Option<bool>,
    /// The billing cycle, which a subscription PATCH cannot change.
    pub billing_cycle: Option<BillingCycle>,
    /// The changes for the next term; a new-commerce PATCH without them wipes them.
    pub scheduled_next_term_instructions: Option<InstructionsRequest>,
    /// The attributes sent back, with the etag the client last read.
    pub attributes: Option<SentAttributes>,
}

/// What a PATCH may read besides the customer.
pub struct UpdateContext<'a> {
    /// What the partner sells.
    pub catalog: &'a Catalog,
    /// The present, on the namespace's clock.
    pub now: DateTime<Utc>,
    /// How long a renewal takes to complete (the `renewalDuration` setting).
    pub renewal_duration: Duration,
}

impl Customer {
    fn subscription_index(&self, id: SubscriptionId) -> Result<usize, DomainError> {
        self.subscriptions
            .iter()
            .position(|s| s.id == id)
            .ok_or(DomainError::SubscriptionNotFound(id))
    }

    /// A subscription of this customer.
    pub fn subscription(&self, id: SubscriptionId) -> Result<&Subscription, DomainError> {
        self.subscription_index(id).map(|i| &*self.subscriptions[i])
    }

    /// `PATCH .../subscriptions/{id}`: the status first, then every other property that
    /// differs.
    pub fn update_subscription(
        &mut self,
        id: SubscriptionId,
        update: SubscriptionUpdate,
        precondition: Precondition,
        context: &UpdateContext<'_>,
    ) -> Result<(), DomainError> {
        let index = self.subscription_index(id)?;
        let current = &self.subscriptions[index];
        precondition.check(current.version)?;
        match current.status {
            SubscriptionStatus::Deleted => {
                return Err(DomainError::DeletedSubscriptionCannotBeUpdated(id));
            }
            SubscriptionStatus::Expired if current.is_new_commerce() => {
                return Err(DomainError::SubscriptionExpiring);
            }
            SubscriptionStatus::Disabled if current.is_new_commerce() => {
                return Err(DomainError::StatusCannotBeSet);
            }
            _ => {}
        }
        if current.is_renewing(context.now, context.renewal_duration) {
            return Err(DomainError::SubscriptionRenewing);
        }
        match update.status.filter(|status| *status != current.status) {
            Some(target) => {
                self.change_status(index, target, context.now)?;
                self.change_after_status(index, &update, context)
            }
            None => self.change_properties(index, update, context),
        }
    }

    fn change_status(
        &mut self,
        index: usize,
        target: SubscriptionStatus,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        use SubscriptionStatus::{Active, Deleted, Suspended};
        let subscription = &self.subscriptions[index];
        match (subscription.status, target) {
            (Active, Suspended) => {
                check_azure_plan_suspension(subscription)?;
                let id = subscription.id;
                for s in &mut self.subscriptions {
                    let is_base = s.id == id;
                    let is_active_add_on =
                        s.parent_subscription_id == Some(id) && s.status == Active;
                    if is_base || is_active_add_on {
                        let s = Arc::make_mut(s);
                        if s.is_new_commerce() {
                            s.auto_renew_enabled = false;
                            s.lifecycle.scheduled_next_term_instructions = None;
                        }
                        s.move_to(Suspended, now);
                    }
                }
                Ok(())
            }
            (Suspended, Active) => {
                if let Some(parent) = subscription.parent_subscription_id {
                    let parent_active = self
                        .subscriptions
                        .iter()
                        .any(|s| s.id == parent && s.status == Active);
                    if !parent_active {
                        return Err(DomainError::ParentSubscriptionNotActive);
                    }
                }
                self.set_status(index, Active, now);
                Ok(())
            }
            (Active | Suspended, Deleted)
                if subscription.is_new_commerce() || subscription.is_marketplace() =>
            {
                if subscription
                    .cancellation_allowed_until_date
                    .is_none_or(|until| now > until)
                {
                    return Err(DomainError::CancellationWindowPassed(
                        CANCELLATION_WINDOW_DAYS,
                    ));
                }
                let subscription = Arc::make_mut(&mut self.subscriptions[index]);
                subscription.auto_renew_enabled = false;
                subscription.lifecycle.scheduled_next_term_instructions = None;
                subscription.lifecycle.refundable_batches.clear();
                subscription.move_to(Deleted, now);
                Ok(())
            }
            (Suspended, Deleted) => Err(DomainError::SuspendedSubscriptionCannotBeUpdated),
            _ => Err(DomainError::StatusCannotBeSet),
        }
    }

    fn set_status(&mut self, index: usize, status: SubscriptionStatus, now: DateTime<Utc>) {
        Arc::make_mut(&mut self.subscriptions[index]).move_to(status, now);
    }

    /// After a new-commerce status change, what else the PATCH changes: a reactivated
    /// subscription takes its quantity and name; a suspended one refuses a new quantity (400
    /// 800091); a cancelled one takes nothing more. Auto-renew and scheduled changes follow the
    /// status. A legacy PATCH that changes the status changes nothing else.
    fn change_after_status(
        &mut self,
        index: usize,
        update: &SubscriptionUpdate,
        context: &UpdateContext<'_>,
    ) -> Result<(), DomainError> {
        let subscription = &self.subscriptions[index];
        if !subscription.is_new_commerce() {
            return Ok(());
        }
        let quantity = update
            .quantity
            .filter(|q| *q != 0 && *q != subscription.quantity);
        match subscription.status {
            SubscriptionStatus::Suspended if quantity.is_some() => {
                Err(DomainError::SuspendedSubscriptionCannotBeUpdated)
            }
            SubscriptionStatus::Active => {
                let follow_status = SubscriptionUpdate {
                    quantity,
                    friendly_name: update.friendly_name.clone(),
                    auto_renew_enabled: Some(subscription.auto_renew_enabled),
                    ..SubscriptionUpdate::default()
                };
                let instructions = subscription
                    .lifecycle
                    .scheduled_next_term_instructions
                    .clone();
                self.change_properties(index, follow_status, context)?;
                Arc::make_mut(&mut self.subscriptions[index])
                    .lifecycle
                    .scheduled_next_term_instructions = instructions.filter(|_| quantity.is_none());
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn change_properties(
        &mut self,
        index: usize,
        update: SubscriptionUpdate,
        context: &UpdateContext<'_>,
    ) -> Result<(), DomainError> {
        let subscription = &self.subscriptions[index];
        let whole_resource = subscription.is_new_commerce();
        let quantity = update
            .quantity
            .filter(|q| *q != 0 && *q != subscription.quantity);
        let friendly_name = update
            .friendly_name
            .filter(|name| !name.trim().is_empty() && *name != subscription.friendly_name);
        // A new-commerce PATCH is the whole subscription: what it leaves out is off or gone.
        let auto_renew = update
            .auto_renew_enabled
            .or((!whole_resource).then_some(subscription.auto_renew_enabled))
            .unwrap_or(false);
        let billing_cycle = update.billing_cycle.filter(|cycle| {
            *cycle != BillingCycle::Unknown && *cycle != subscription.billing_cycle
        });
        // Turning auto-renew off wipes scheduled changes, whatever the PATCH sends.
        let instructions = match update.scheduled_next_term_instructions {
            Some(request) if whole_resource && auto_renew => Some(Box::new(
                self.checked_instructions(subscription, &request, context)?,
            )),
            _ if whole_resource => None,
            _ => subscription
                .lifecycle
                .scheduled_next_term_instructions
                .clone(),
        };
        let instructions_change =
            instructions != subscription.lifecycle.scheduled_next_term_instructions;
        let auto_renew_change = auto_renew != subscription.auto_renew_enabled;
        if quantity.is_none()
            && friendly_name.is_none()
            && !auto_renew_change
            && billing_cycle.is_none()
            && !instructions_change
        {
            return Ok(());
        }
        match subscription.status {
            SubscriptionStatus::Active => {}
            SubscriptionStatus::Suspended => {
                return Err(DomainError::SuspendedSubscriptionCannotBeUpdated);
            }
            _ => return Err(DomainError::StatusCannotBeSet),
        }
        if billing_cycle.is_some() {
            return Err(DomainError::BillingCycleThroughSubscription);
        }
        if let Some(quantity) = quantity {
            if context
                .catalog
                .purchasable(&subscription.offer_id)
                .is_some_and(|item| !item.offer().allows_quantity(quantity))
            {
                return Err(DomainError::QuantityOutOfRange);
            }
        }
        let subscription = Arc::make_mut(&mut self.subscriptions[index]);
        if let Some(quantity) = quantity {
            subscription.change_seats(quantity, context.now)?;
        }
        if let Some(name) = friendly_name {
            subscription.friendly_name = name.into();
        }
        subscription.auto_renew_enabled = auto_renew;
        // Turning auto-renew off and a quantity change wipe the scheduled changes.
        subscription.lifecycle.scheduled_next_term_instructions =
            instructions.filter(|_| auto_renew && quantity.is_none());
        subscription.version += 1;
        Ok(())
    }

    /// The scheduled changes a PATCH that keeps auto-renew on sends, checked: the subscription
    /// must be active, and a custom end date must line up with a month end or the end date of
    /// another active, non-trial new-commerce subscription.
    fn checked_instructions(
        &self,
        subscription: &Subscription,
        request: &InstructionsRequest,
        context: &UpdateContext<'_>,
    ) -> Result<ScheduledNextTermInstructions, DomainError> {
        if subscription.status != SubscriptionStatus::Active {
            return Err(DomainError::InvalidInput(
                "scheduledNextTermInstructions can be set only on an active subscription with autoRenewEnabled true.".to_owned(),
            ));
        }
        let instructions = request.checked(subscription, context.catalog.products())?;
        if let Some(end) = instructions.custom_term_end_date.map(midnight) {
            let matches_another = self.subscriptions.iter().any(|other| {
                other.id != subscription.id
                    && other.is_new_commerce()
                    && !other.is_trial
                    && other.status == SubscriptionStatus::Active
                    && midnight(other.commitment_end_date) == end
            });
            if !is_month_end(end) && !matches_another {
                return Err(DomainError::CustomTermEndDateNotAligned);
            }
        }
        Ok(instructions)
    }
}
