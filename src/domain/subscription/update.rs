//! Changing a subscription (`PATCH .../subscriptions/{id}`): its status, quantity, name and
//! auto-renew. What the clock does at term end is in [`super::term`].
//!
//! The state machine (SPEC §5; reference: subscription status state machine):
//! `active -> suspended -> active`; `active -> deleted` only for new-commerce and marketplace
//! subscriptions inside their cancellation window; `deleted` is final; `expired` comes from the
//! clock at term end. Suspending a base subscription suspends its active add-ons; reactivating it
//! does not reactivate them. An Azure plan is not suspended while one of its Azure
//! subscriptions is active ([`check_azure_plan_suspension`]).

use super::term::CANCELLATION_WINDOW_DAYS;
use super::{BillingCycle, Subscription, SubscriptionStatus};
use crate::domain::azure::check_azure_plan_suspension;
use crate::domain::customer::{Customer, SentAttributes};
use crate::domain::error::DomainError;
use crate::domain::ids::SubscriptionId;
use crate::domain::offer::Catalog;
use crate::domain::precondition::Precondition;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::sync::Arc;

/// A subscription as a client sends it in a PATCH: sparse, or the whole resource as the .NET SDK
/// writes it. Default values (quantity 0, null or empty names, `unknown` billing cycle) are "not
/// given"; read-only properties are ignored.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionUpdate {
    pub status: Option<SubscriptionStatus>,
    pub quantity: Option<u32>,
    pub friendly_name: Option<String>,
    pub auto_renew_enabled: Option<bool>,
    pub billing_cycle: Option<BillingCycle>,
    pub attributes: Option<SentAttributes>,
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

    /// `PATCH .../subscriptions/{id}`. A status that differs from the stored one is a status
    /// transition and nothing else; otherwise each property that differs is applied.
    pub fn update_subscription(
        &mut self,
        id: SubscriptionId,
        update: SubscriptionUpdate,
        precondition: Precondition,
        catalog: &Catalog,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        let index = self.subscription_index(id)?;
        let current = &self.subscriptions[index];
        precondition.check(current.version)?;
        if current.status == SubscriptionStatus::Deleted {
            return Err(DomainError::DeletedSubscriptionCannotBeUpdated(id));
        }
        match update.status.filter(|status| *status != current.status) {
            Some(target) => self.change_status(index, target, now),
            None => self.change_properties(index, update, catalog, now),
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
                        s.status = Suspended;
                        s.version += 1;
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
                self.set_status(index, Active);
                Ok(())
            }
            (Active, Deleted)
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
                self.set_status(index, Deleted);
                Ok(())
            }
            (Suspended, Deleted) => Err(DomainError::SuspendedSubscriptionCannotBeUpdated),
            _ => Err(DomainError::StatusCannotBeSet),
        }
    }

    fn set_status(&mut self, index: usize, status: SubscriptionStatus) {
        let subscription = Arc::make_mut(&mut self.subscriptions[index]);
        subscription.status = status;
        subscription.version += 1;
    }

    fn change_properties(
        &mut self,
        index: usize,
        update: SubscriptionUpdate,
        catalog: &Catalog,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        let subscription = &self.subscriptions[index];
        let quantity = update
            .quantity
            .filter(|q| *q != 0 && *q != subscription.quantity);
        let friendly_name = update
            .friendly_name
            .filter(|name| !name.trim().is_empty() && *name != subscription.friendly_name);
        let auto_renew = update
            .auto_renew_enabled
            .filter(|renew| *renew != subscription.auto_renew_enabled);
        let billing_cycle = update.billing_cycle.filter(|cycle| {
            *cycle != BillingCycle::Unknown && *cycle != subscription.billing_cycle
        });
        if quantity.is_none()
            && friendly_name.is_none()
            && auto_renew.is_none()
            && billing_cycle.is_none()
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
            if catalog
                .purchasable(&subscription.offer_id)
                .is_some_and(|item| !item.offer().allows_quantity(quantity))
            {
                return Err(DomainError::QuantityOutOfRange);
            }
            let window_closed = subscription
                .cancellation_allowed_until_date
                .is_none_or(|until| now > until);
            if subscription.is_new_commerce() && quantity < subscription.quantity && window_closed {
                return Err(DomainError::QuantityCannotBeDecreased);
            }
        }
        let subscription = Arc::make_mut(&mut self.subscriptions[index]);
        if let Some(quantity) = quantity {
            subscription.quantity = quantity;
        }
        if let Some(name) = friendly_name {
            subscription.friendly_name = name;
        }
        if let Some(renew) = auto_renew {
            subscription.auto_renew_enabled = renew;
        }
        subscription.version += 1;
        Ok(())
    }
}
