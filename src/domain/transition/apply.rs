//! `POST .../subscriptions/{id}/transitions` (reference api-new-commerce §5.2, §11.13): upgrades
//! only, from an active subscription, to a catalog item its SKU names as an upgrade target.
//!
//! - A **full** transition (every seat, no `toSubscriptionId`) keeps the subscription's id and
//!   moves it to the target catalog item; a new-commerce trial converts this way.
//! - A **partial** one buys the seats as a new subscription of the target, through the order
//!   fulfilment, co-terminous with the source (same commitment end date), and lowers the
//!   source's quantity.
//! - With **`toSubscriptionId`** the seats go to that existing subscription, which keeps its term
//!   and billing cycle; a source left without seats is deleted.
//!
//! An upgrade has no cancellation window: what it creates or changes has its window closed at
//! once. The answer is the transition with one `Conversion` event, `Started`.

use super::eligibility::TargetProblem;
use super::terms::{self, source_item};
use super::{
    Transition, TransitionEvent, TransitionEventName, TransitionEventStatus, TransitionType,
};
use crate::domain::catalog::{CatalogItem, currency_of};
use crate::domain::customer::Customer;
use crate::domain::error::DomainError;
use crate::domain::fulfilment::{Fulfilment, Purchase, open_order};
use crate::domain::ids::{SubscriptionId, parse_guid};
use crate::domain::subscription::{Subscription, SubscriptionStatus};
use crate::domain::term::Term;
use chrono::Duration;
use serde::Deserialize;
use std::borrow::Cow;
use std::sync::Arc;

/// The body of `POST .../transitions`, in any casing. `events` and other read-only properties
/// are ignored; empty strings are "not given".
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TransitionRequest {
    /// The source subscription's catalog item id.
    pub from_catalog_item_id: Option<String>,
    /// The source subscription's id.
    pub from_subscription_id: Option<String>,
    /// The catalog item to transition to.
    pub to_catalog_item_id: Option<String>,
    /// The existing subscription the seats go to, if any.
    pub to_subscription_id: Option<String>,
    /// The seats to move.
    pub quantity: Option<u32>,
    /// The target's term, as an ISO 8601 duration (`P1Y`).
    pub term_duration: Option<String>,
    /// Read as text so that an unknown cycle is refused with 900269.
    pub billing_cycle: Option<String>,
    /// `immediate` or `scheduled`.
    pub transition_type: Option<TransitionType>,
}

/// What a transition needs besides the customer: the catalog, the clock and the server's ids,
/// how long the conversion takes, and how long a renewal takes to complete.
pub struct TransitionContext<'a> {
    /// The catalog, the clock and the server's ids.
    pub fulfilment: Fulfilment<'a>,
    /// How long the conversion takes (the `provisioningDelay` setting).
    pub provisioning_delay: Duration,
    /// How long a renewal takes to complete (the `renewalDuration` setting).
    pub renewal_duration: Duration,
}

/// Where the seats go.
enum Destination {
    /// The source itself, moved to the target item.
    Source,
    /// A new co-terminous subscription of the target item.
    New,
    /// An existing subscription of the target item.
    Existing(usize),
}

fn given(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

impl Customer {
    /// Transitions `quantity` seats of the subscription `id` to `toCatalogItemId` and records the
    /// transition. Nothing changes when a rule refuses.
    ///
    /// Errors: [`DomainError::SubscriptionNotFound`] (source or target), [`DomainError::InvalidInput`]
    /// (a missing or malformed property, a `from...` that does not name the source),
    /// [`DomainError::DeletedSubscriptionCannotBeUpdated`],
    /// [`DomainError::SuspendedSubscriptionCannotBeUpdated`] and [`DomainError::StatusCannotBeSet`]
    /// (the source is not active, as for a PATCH), [`DomainError::InvalidOfferId`] (an unknown
    /// catalog item), [`DomainError::NotAnUpgradePath`], [`DomainError::QuantityOutOfRange`], the
    /// target-subscription checks 900259, 900258, 900260, 900261, 900267, 900236, and the term and
    /// billing checks 800107, 900267, 900268, 900269, 900270.
    pub fn transition_subscription(
        &mut self,
        id: SubscriptionId,
        request: TransitionRequest,
        context: &TransitionContext<'_>,
    ) -> Result<Transition, DomainError> {
        let index = self.subscription_index_of(id)?;
        let source = Arc::clone(&self.subscriptions[index]);
        let to_item = given(request.to_catalog_item_id)
            .ok_or_else(|| invalid("toCatalogItemId is required."))?;
        let quantity = request
            .quantity
            .filter(|q| *q > 0)
            .ok_or_else(|| invalid("quantity is required and must be at least 1."))?;
        let transition_type = request
            .transition_type
            .ok_or_else(|| invalid("transitionType is required."))?;
        check_from(
            &source,
            request.from_subscription_id,
            request.from_catalog_item_id,
        )?;
        let to_subscription = given(request.to_subscription_id)
            .map(|text| {
                parse_guid(&text)
                    .map(SubscriptionId)
                    .ok_or_else(|| invalid("toSubscriptionId must be a GUID."))
            })
            .transpose()?;
        ensure_active(&source)?;
        if source.is_renewing(context.fulfilment.now, context.renewal_duration) {
            return Err(DomainError::SubscriptionRenewing);
        }

        let fulfilment = &context.fulfilment;
        let products = fulfilment.catalog.products();
        let target = products
            .item(&to_item)
            .ok_or_else(|| DomainError::InvalidOfferId(to_item.clone()))?;
        let path = source_item(products, &source)
            .is_some_and(|from| terms::is_target(&from, &target, self.market_country()));
        if !path {
            return Err(DomainError::NotAnUpgradePath {
                from: id,
                to: to_item,
            });
        }
        let enough = if source.is_trial {
            quantity >= source.quantity
        } else {
            quantity <= source.quantity
        };
        if !enough {
            return Err(DomainError::QuantityOutOfRange);
        }

        let destination = match to_subscription {
            Some(to) => Destination::Existing(self.check_existing_target(
                &source,
                to,
                &target,
                quantity,
                fulfilment.now,
            )?),
            None if source.is_trial || quantity == source.quantity => Destination::Source,
            None => Destination::New,
        };
        let (term, cycle) = match &destination {
            Destination::Existing(at) => {
                let existing = &self.subscriptions[*at];
                (existing.term_duration.clone(), existing.billing_cycle)
            }
            Destination::Source | Destination::New => {
                let term = terms::term(request.term_duration.as_deref(), &source, &target)?;
                let cycle = terms::billing_cycle(
                    given(request.billing_cycle).as_deref(),
                    &term,
                    &source,
                    &target,
                )?;
                if !target.sku.allows_quantity(quantity) {
                    return Err(DomainError::QuantityOutOfRange);
                }
                (Some(term), cycle)
            }
        };

        let now = fulfilment.now;
        let to_subscription_id = match destination {
            Destination::Source => {
                self.move_to_item(index, &target, quantity, term.as_ref(), cycle, context);
                id
            }
            Destination::New => {
                let new =
                    self.buy_co_terminous(&source, &target, quantity, term.clone(), cycle, context);
                take_seats(Arc::make_mut(&mut self.subscriptions[index]), quantity);
                new
            }
            Destination::Existing(at) => {
                let existing = Arc::make_mut(&mut self.subscriptions[at]);
                existing.quantity += quantity;
                existing.lifecycle.scheduled_next_term_instructions = None;
                existing.version += 1;
                let to = existing.id;
                let source = Arc::make_mut(&mut self.subscriptions[index]);
                if source.is_trial || quantity >= source.quantity {
                    source.lifecycle.scheduled_next_term_instructions = None;
                    source.lifecycle.refundable_batches.clear();
                    source.move_to(SubscriptionStatus::Deleted, now);
                } else {
                    take_seats(source, quantity);
                }
                to
            }
        };
        let transition = Transition {
            operation_id: fulfilment.ids.guid(),
            from_catalog_item_id: source.offer_id.to_string(),
            from_subscription_id: id,
            to_catalog_item_id: target.id(),
            to_subscription_id,
            quantity,
            term_duration: term,
            billing_cycle: cycle,
            transition_type,
            events: vec![TransitionEvent {
                name: TransitionEventName::Conversion,
                status: TransitionEventStatus::Started,
                timestamp: now,
            }],
            completes_at: Some(now + context.provisioning_delay),
        };
        self.transitions.push(Arc::new(transition.clone()));
        Ok(transition)
    }

    fn subscription_index_of(&self, id: SubscriptionId) -> Result<usize, DomainError> {
        self.subscriptions
            .iter()
            .position(|s| s.id == id)
            .ok_or(DomainError::SubscriptionNotFound(id))
    }

    /// The index of the existing subscription `to`, when it can take `quantity` seats of
    /// `target` transitioned from `source`.
    fn check_existing_target(
        &self,
        source: &Subscription,
        to: SubscriptionId,
        target: &CatalogItem<'_>,
        quantity: u32,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<usize, DomainError> {
        if to == source.id {
            return Err(DomainError::TransitionTargetIsSource(to));
        }
        let at = self.subscription_index_of(to)?;
        let existing = &self.subscriptions[at];
        let problems = self.target_problems(existing, source, now);
        if problems.contains(&TargetProblem::NotActive) {
            return Err(TargetProblem::NotActive.refusal(to));
        }
        if !existing.offer_id.eq_ignore_ascii_case(&target.id()) {
            return Err(DomainError::TransitionTargetOtherItem(to));
        }
        if let Some(problem) = problems.first() {
            return Err(problem.refusal(to));
        }
        let total = existing.quantity.checked_add(quantity);
        if total.is_none_or(|total| !target.sku.allows_quantity(total)) {
            return Err(DomainError::QuantityOutOfRange);
        }
        Ok(at)
    }

    /// A full transition: the subscription keeps its id and becomes one of `target`. A new term
    /// starts when the term changes or a trial converts; otherwise its dates stay.
    fn move_to_item(
        &mut self,
        index: usize,
        target: &CatalogItem<'_>,
        quantity: u32,
        term: Option<&Term>,
        cycle: crate::domain::subscription::BillingCycle,
        context: &TransitionContext<'_>,
    ) {
        let now = context.fulfilment.now;
        let subscription = Arc::make_mut(&mut self.subscriptions[index]);
        let new_term = subscription.is_trial
            || !subscription
                .term_duration
                .as_ref()
                .zip(term)
                .is_some_and(|(old, new)| old.eq_ignore_ascii_case(new));
        if subscription.friendly_name == subscription.offer_name {
            subscription.friendly_name.clone_from(&target.sku.title);
        }
        subscription.offer_id = target.id().into();
        subscription.offer_name.clone_from(&target.sku.title);
        subscription.quantity = quantity;
        subscription.term_duration = term.cloned();
        subscription.billing_cycle = cycle;
        if new_term {
            subscription.effective_start_date = now;
            subscription.commitment_end_date = Term::last_day_or_year(term, now);
        }
        if subscription.is_trial {
            subscription.is_trial = false;
            subscription.auto_renew_enabled = target.availability.is_renewable;
        }
        close_window(subscription, now);
        subscription.version += 1;
    }

    /// A partial transition: `quantity` seats of `target` bought through the order fulfilment,
    /// ending when `source` ends. Returns the new subscription's id.
    fn buy_co_terminous(
        &mut self,
        source: &Subscription,
        target: &CatalogItem<'_>,
        quantity: u32,
        term: Option<Term>,
        cycle: crate::domain::subscription::BillingCycle,
        context: &TransitionContext<'_>,
    ) -> SubscriptionId {
        let fulfilment = &context.fulfilment;
        let currency = currency_of(self.market_country());
        let mut order = open_order(
            target.kind,
            cycle,
            &currency,
            fulfilment,
            context.provisioning_delay,
        );
        let purchase = Purchase {
            term,
            partner_id: source.partner_id.clone(),
            ..Purchase::of(Cow::Owned(target.offer()), quantity)
        };
        let line = self.fulfil(&purchase, &order, 0, fulfilment);
        let id = line
            .subscription_id
            .expect("a new-commerce purchase creates a subscription");
        order.line_items.push(line);
        self.orders.push(Arc::new(order));
        if let Some(bought) = self.subscriptions.iter_mut().find(|s| s.id == id) {
            let bought = Arc::make_mut(bought);
            bought.commitment_end_date = source.commitment_end_date;
            close_window(bought, fulfilment.now);
        }
        id
    }
}

/// An upgrade has no cancellation window: the subscription can be neither cancelled nor reduced
/// afterwards, and its scheduled next-term changes are gone, as after any mid-term change.
fn close_window(subscription: &mut Subscription, now: chrono::DateTime<chrono::Utc>) {
    subscription.cancellation_allowed_until_date = Some(now);
    subscription.lifecycle.refundable_batches.clear();
    subscription.lifecycle.scheduled_next_term_instructions = None;
}

/// `quantity` seats leave `source` for another subscription: a move, not a refund, so no window
/// is needed; the reducible batches keep no more seats than remain, newest taken first.
fn take_seats(source: &mut Subscription, quantity: u32) {
    source.quantity -= quantity;
    let mut over = source
        .lifecycle
        .refundable_batches
        .iter()
        .map(|batch| batch.quantity)
        .sum::<u32>()
        .saturating_sub(source.quantity);
    while over > 0 {
        let Some(newest) = source.lifecycle.refundable_batches.last_mut() else {
            break;
        };
        let taken = newest.quantity.min(over);
        newest.quantity -= taken;
        over -= taken;
        if newest.quantity == 0 {
            source.lifecycle.refundable_batches.pop();
        }
    }
    source.lifecycle.scheduled_next_term_instructions = None;
    source.version += 1;
}

/// `fromSubscriptionId` and `fromCatalogItemId`, when given, name the source.
fn check_from(
    source: &Subscription,
    from_subscription: Option<String>,
    from_item: Option<String>,
) -> Result<(), DomainError> {
    if let Some(from) = given(from_subscription)
        && parse_guid(&from) != Some(source.id.0)
    {
        return Err(invalid(&format!(
            "fromSubscriptionId {from} is not the subscription {} in the path.",
            source.id
        )));
    }
    if let Some(from) = given(from_item)
        && !from.eq_ignore_ascii_case(&source.offer_id)
    {
        return Err(invalid(&format!(
            "fromCatalogItemId {from} is not the catalog item {} of the subscription.",
            source.offer_id
        )));
    }
    Ok(())
}

/// Only an active subscription transitions; the others are refused as a PATCH of them is.
pub(crate) fn ensure_active(source: &Subscription) -> Result<(), DomainError> {
    match source.status {
        SubscriptionStatus::Active => Ok(()),
        SubscriptionStatus::Deleted => {
            Err(DomainError::DeletedSubscriptionCannotBeUpdated(source.id))
        }
        SubscriptionStatus::Suspended => Err(DomainError::SuspendedSubscriptionCannotBeUpdated),
        _ => Err(DomainError::StatusCannotBeSet),
    }
}

fn invalid(message: &str) -> DomainError {
    DomainError::InvalidInput(message.to_owned())
}
