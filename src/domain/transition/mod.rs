//! New-commerce transitions (`.../subscriptions/{id}/transitions`): upgrading a subscription to
//! another SKU, or converting a new-commerce trial to a paid subscription (reference
//! api-new-commerce §5.1–§5.3, §11.13).
//!
//! A transition is kept on the customer, like carts and orders, so that reset, snapshots and
//! exports carry its history. Its `Conversion` event is `Started` when it is made and becomes
//! `Completed` once the mock's clock passes the namespace's provisioning delay (at once without
//! one); [`Customer::settle`] applies that.
//!
//! - [`eligibility`]: what a subscription can transition to (`GET .../transitionEligibilities`);
//! - [`apply`]: making a transition (`POST .../transitions`) and its rules.

pub mod apply;
pub mod eligibility;
mod terms;

pub use apply::{TransitionContext, TransitionRequest};
pub use eligibility::{EligibilityType, TransitionEligibility};

use super::customer::Customer;
use super::ids::SubscriptionId;
use super::subscription::BillingCycle;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use uuid::Uuid;

crate::wire_enum! {
    /// `transitionType` (reference api-new-commerce §5.1).
    pub enum TransitionType {
        /// The seats move; the users' licences stay.
        TransitionOnly = 0 => "transition_only",
        /// The seats move with the users' licences.
        TransitionWithLicenseTransfer = 1 => "transition_with_license_transfer",
    }
}

crate::wire_enum! {
    /// A transition event's `name`.
    pub enum TransitionEventName {
        /// The subscription's conversion.
        Conversion = 0 => "Conversion",
        /// The users' licences moving.
        LicenseReassignment = 1 => "LicenseReassignment",
    }
}

crate::wire_enum! {
    /// A transition event's `status`.
    pub enum TransitionEventStatus {
        /// Under way.
        Started = 0 => "Started",
        /// Done.
        Completed = 1 => "Completed",
        /// Could not be done.
        Failed = 2 => "Failed",
    }
}

/// One transition of a subscription, as `GET .../transitions` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Transition {
    /// The transition's id.
    pub operation_id: Uuid,
    /// The source subscription's catalog item id.
    pub from_catalog_item_id: String,
    /// The source subscription.
    pub from_subscription_id: SubscriptionId,
    /// The catalog item transitioned to.
    pub to_catalog_item_id: String,
    /// The source itself after a full upgrade, the new subscription of a partial one, or the
    /// existing subscription the seats went to.
    pub to_subscription_id: SubscriptionId,
    /// The seats moved.
    pub quantity: u32,
    /// The target's term, as an ISO 8601 duration (`P1Y`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<crate::domain::term::Term>,
    /// The target's billing cycle.
    pub billing_cycle: BillingCycle,
    /// `immediate` or `scheduled`.
    pub transition_type: TransitionType,
    /// What happened to the transition, oldest first.
    pub events: Vec<TransitionEvent>,
    /// Mock-specific: the `Conversion` event completes once the clock passes this date.
    #[serde(
        default,
        with = "crate::wire::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::wire::date::WireDate>")]
    pub completes_at: Option<DateTime<Utc>>,
}

/// `events[]`: what happened to the transition, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TransitionEvent {
    /// The event (`Conversion`).
    pub name: TransitionEventName,
    /// `Started`, then `Completed`.
    pub status: TransitionEventStatus,
    /// When it happened, on the namespace's clock.
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub timestamp: DateTime<Utc>,
}

impl Transition {
    /// Whether the clock has passed the end of this transition's conversion without it being
    /// marked so.
    pub fn is_completed_by(&self, now: DateTime<Utc>) -> bool {
        self.completes_at.is_some_and(|at| at <= now)
    }

    /// Whether the transition concerns `subscription`, as its source or its target.
    pub fn concerns(&self, subscription: SubscriptionId) -> bool {
        self.from_subscription_id == subscription || self.to_subscription_id == subscription
    }
}

impl Customer {
    /// `GET .../subscriptions/{id}/transitions[?operationId=]`: the transitions of a
    /// subscription, as source or target, oldest first.
    ///
    /// Errors: [`super::DomainError::SubscriptionNotFound`].
    pub fn transitions_of(
        &self,
        id: SubscriptionId,
        operation: Option<Uuid>,
    ) -> Result<Vec<&Transition>, super::DomainError> {
        self.subscription(id)?;
        let mut found: Vec<&Transition> = self
            .transitions
            .iter()
            .map(|t| &**t)
            .filter(|t| t.concerns(id) && operation.is_none_or(|op| t.operation_id == op))
            .collect();
        found.sort_by_key(|t| t.events.first().map(|e| e.timestamp));
        Ok(found)
    }

    /// Whether a transition's conversion has completed at `now` without being marked so.
    pub fn has_completed_transitions(&self, now: DateTime<Utc>) -> bool {
        self.transitions.iter().any(|t| t.is_completed_by(now))
    }

    /// Adds the `Completed` event to every transition whose conversion has ended at `now`.
    pub fn complete_transitions(&mut self, now: DateTime<Utc>) {
        for transition in self
            .transitions
            .iter_mut()
            .filter(|t| t.is_completed_by(now))
        {
            let transition = Arc::make_mut(transition);
            let at = transition.completes_at.take().unwrap_or(now);
            transition.events.push(TransitionEvent {
                name: TransitionEventName::Conversion,
                status: TransitionEventStatus::Completed,
                timestamp: at,
            });
        }
    }
}
