//! Changing an order (`PATCH .../orders/{id}`): cancelling it, changing its billing cycle, or
//! adding add-ons to a legacy order.

use super::request::{LineItemRequest, OrderRequest};
use super::{Order, OrderStatus};
use crate::domain::customer::Customer;
use crate::domain::error::DomainError;
use crate::domain::fulfilment::{Fulfilment, Purchase};
use crate::domain::ids::{OrderId, SubscriptionId, parse_guid};
use crate::domain::offer::Catalog;
use crate::domain::precondition::Precondition;
use crate::domain::subscription::{BillingCycle, SubscriptionStatus};
use std::borrow::Cow;
use std::sync::Arc;

impl Customer {
    /// `PATCH .../orders/{id}`: cancels it (`status: "cancelled"`), changes its billing cycle, or
    /// adds add-on lines (`parentSubscriptionId`) to a legacy order.
    pub fn update_order(
        &mut self,
        id: &OrderId,
        request: OrderRequest,
        precondition: Precondition,
        fulfilment: &Fulfilment<'_>,
    ) -> Result<(), DomainError> {
        let index = self
            .orders
            .iter()
            .position(|order| order.id == *id)
            .ok_or_else(|| DomainError::OrderNotFound(id.to_string()))?;
        let order = &self.orders[index];
        precondition.check(order.version)?;
        if request.status == Some(OrderStatus::Cancelled) {
            return self.cancel_order(index);
        }
        let add_ons: Vec<LineItemRequest> = request
            .line_items
            .clone()
            .unwrap_or_default()
            .into_iter()
            .filter(|line| line.parent_subscription_id.is_some())
            .collect();
        if !add_ons.is_empty() {
            return self.add_add_ons(index, add_ons, fulfilment);
        }
        match request
            .billing_cycle
            .filter(|cycle| *cycle != BillingCycle::Unknown && *cycle != order.billing_cycle)
        {
            Some(cycle) => self.change_billing_cycle(index, cycle, fulfilment.catalog),
            None => Err(DomainError::InvalidInput(
                "The order update names no change: send status \"cancelled\", a new billingCycle, or line items with a parentSubscriptionId.".to_owned(),
            )),
        }
    }

    /// Integration-sandbox cancellation: only orders that created no subscription (reserved
    /// instances, software) cancel; their entitlements then stop blocking the relationship removal.
    fn cancel_order(&mut self, index: usize) -> Result<(), DomainError> {
        let order = &self.orders[index];
        if order
            .line_items
            .iter()
            .any(|line| line.subscription_id.is_some())
        {
            return Err(DomainError::OrderCannotBeCancelled {
                order: order.id.to_string(),
                customer: self.id,
            });
        }
        if order.status != OrderStatus::Cancelled {
            let order = Arc::make_mut(&mut self.orders[index]);
            order.status = OrderStatus::Cancelled;
            order.version += 1;
        }
        Ok(())
    }

    fn change_billing_cycle(
        &mut self,
        index: usize,
        cycle: BillingCycle,
        catalog: &Catalog,
    ) -> Result<(), DomainError> {
        let order_id = self.orders[index].id.clone();
        let subscriptions = || self.subscriptions.iter().filter(|s| s.order_id == order_id);
        if subscriptions().next().is_none() {
            return Err(DomainError::BillingCycleNotSupported);
        }
        if subscriptions().any(|s| s.status != SubscriptionStatus::Active) {
            return Err(DomainError::BillingCycleNeedsActiveSubscriptions);
        }
        let supported = |offer_id: &str| {
            catalog
                .purchasable(offer_id)
                .is_none_or(|item| item.offer().supported_billing_cycles.contains(&cycle))
        };
        if !self.orders[index]
            .line_items
            .iter()
            .all(|line| supported(&line.offer_id))
        {
            return Err(DomainError::BillingCycleNotSupported);
        }
        for subscription in self
            .subscriptions
            .iter_mut()
            .filter(|s| s.order_id == order_id)
        {
            let subscription = Arc::make_mut(subscription);
            subscription.billing_cycle = cycle;
            subscription.version += 1;
        }
        let order = Arc::make_mut(&mut self.orders[index]);
        order.billing_cycle = cycle;
        order.version += 1;
        Ok(())
    }

    fn add_add_ons(
        &mut self,
        index: usize,
        lines: Vec<LineItemRequest>,
        fulfilment: &Fulfilment<'_>,
    ) -> Result<(), DomainError> {
        let mut purchases = Vec::with_capacity(lines.len());
        for line in lines {
            let raw_parent = line.parent_subscription_id.clone().unwrap_or_default();
            let parent_id = parse_guid(&raw_parent).map(SubscriptionId).ok_or_else(|| {
                DomainError::InvalidInput("parentSubscriptionId must be a GUID.".to_owned())
            })?;
            let parent = self.subscription(parent_id)?;
            if parent.order_id != self.orders[index].id {
                return Err(DomainError::InvalidInput(format!(
                    "The parent subscription {parent_id} does not belong to order {}.",
                    self.orders[index].id
                )));
            }
            if parent.status != SubscriptionStatus::Active {
                return Err(DomainError::ParentSubscriptionNotActive);
            }
            let offer_id = line.offer_id.as_deref().unwrap_or_default();
            let offer = fulfilment
                .catalog
                .offer(offer_id)
                .ok_or_else(|| DomainError::InvalidOfferId(offer_id.to_owned()))?;
            let parent_offers_it = fulfilment
                .catalog
                .offer(&parent.offer_id)
                .is_some_and(|parent_offer| parent_offer.offers_add_on(&offer.id));
            if !offer.is_add_on || !parent_offers_it {
                return Err(DomainError::AddOnNotRelated);
            }
            let quantity = line.quantity.unwrap_or_default();
            if !offer.allows_quantity(quantity) {
                return Err(DomainError::QuantityOutOfRange);
            }
            purchases.push(Purchase {
                friendly_name: line.friendly_name.filter(|n| !n.trim().is_empty()),
                partner_id: parent.partner_id.clone(),
                parent: Some(parent_id),
                ..Purchase::of(Cow::Borrowed(offer), quantity)
            });
        }
        let mut order = Order::clone(&self.orders[index]);
        for purchase in &purchases {
            let number = order
                .line_items
                .iter()
                .map(|line| line.line_item_number + 1)
                .max()
                .unwrap_or_default();
            let line = self.fulfil(purchase, &order, number, fulfilment);
            order.line_items.push(line);
        }
        order.version += 1;
        self.orders[index] = Arc::new(order);
        Ok(())
    }
}
