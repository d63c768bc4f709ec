//! Orders: buying offers (`POST .../orders`) and changing an order (`PATCH .../orders/{id}`).
//!
//! What a line creates depends on what it buys, a legacy offer or a catalog item (see
//! [`super::fulfilment`]). An order buys one kind of thing: legacy offers, new-commerce
//! licences, the Azure plan, reservations with software, savings plans, or marketplace products.

use super::cart::order_group::OrderFamily;
use super::catalog::Currency;
use super::customer::{Customer, SentAttributes};
use super::error::DomainError;
use super::fulfilment::{Purchase, open_order};
use super::ids::{SubscriptionId, parse_guid};
use super::offer::{Catalog, Offer, OfferKind};
use super::order::{Order, OrderStatus};
use super::precondition::Precondition;
use super::subscription::{BillingCycle, SubscriptionStatus};
use chrono::Duration;
use serde::Deserialize;
use std::borrow::Cow;
use std::sync::Arc;

pub use super::fulfilment::Fulfilment;

/// An order as a client sends it, to create one or to change one.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderRequest {
    pub reference_customer_id: Option<String>,
    pub billing_cycle: Option<BillingCycle>,
    pub line_items: Option<Vec<LineItemRequest>>,
    pub status: Option<OrderStatus>,
    pub attributes: Option<SentAttributes>,
}

/// An order line as a client sends it.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LineItemRequest {
    pub line_item_number: Option<u32>,
    pub offer_id: Option<String>,
    pub quantity: Option<u32>,
    pub friendly_name: Option<String>,
    pub partner_id_on_record: Option<String>,
    pub additional_partner_ids_on_record: Option<Vec<String>>,
    pub parent_subscription_id: Option<String>,
    pub term_duration: Option<String>,
}

impl Customer {
    /// An order of this customer.
    pub fn order(&self, id: &str) -> Result<&Order, DomainError> {
        self.orders
            .iter()
            .map(|order| &**order)
            .find(|order| order.id == id)
            .ok_or_else(|| DomainError::OrderNotFound(id.to_owned()))
    }

    /// `POST .../orders`: checks every line, then creates the order and what it buys,
    /// completed at once.
    ///
    /// Errors: [`DomainError::InvalidInput`] (a `referenceCustomerId` of another customer, no
    /// lines, lines of different kinds, a billing cycle an offer does not support),
    /// [`DomainError::LineItemNumbers`], [`DomainError::InvalidOfferId`],
    /// [`DomainError::QuantityOutOfRange`].
    pub fn place_order(
        &mut self,
        request: OrderRequest,
        fulfilment: &Fulfilment<'_>,
    ) -> Result<String, DomainError> {
        self.place_order_with_delay(request, fulfilment, Duration::zero())
    }

    /// `POST .../orders` with a provisioning delay: a catalog order stays `pending` until the
    /// mock's clock passes its creation plus `provisioning_delay` (see [`super::provisioning`]).
    ///
    /// Errors: as [`Customer::place_order`].
    pub fn place_order_with_delay(
        &mut self,
        request: OrderRequest,
        fulfilment: &Fulfilment<'_>,
        provisioning_delay: Duration,
    ) -> Result<String, DomainError> {
        if let Some(reference) = &request.reference_customer_id {
            if parse_guid(reference).is_none_or(|guid| guid != self.id.0) {
                return Err(DomainError::InvalidInput(format!(
                    "referenceCustomerId {reference} does not match the customer {} in the path.",
                    self.id
                )));
            }
        }
        let lines = request.line_items.unwrap_or_default();
        if lines.is_empty() {
            return Err(DomainError::InvalidInput(
                "lineItems must hold at least one line item.".to_owned(),
            ));
        }
        let numbers = line_numbers(&lines)?;
        let mut offers = Vec::with_capacity(lines.len());
        for (index, line) in lines.iter().enumerate() {
            offers.push(check_new_line(line, index, fulfilment.catalog)?);
        }
        let kind = offers[0].kind;
        let family = OrderFamily::from(kind);
        if offers
            .iter()
            .any(|offer| OrderFamily::from(offer.kind) != family)
        {
            return Err(DomainError::InvalidInput(
                "All line items of an order must be of one kind: license offers, new-commerce items, the Azure plan, reservations and software, savings plans or marketplace products.".to_owned(),
            ));
        }
        let billing_cycle = order_billing_cycle(request.billing_cycle, kind, &offers)?;
        let dollars = Currency {
            code: "USD".to_owned(),
            symbol: "$".to_owned(),
        };
        let mut order = open_order(
            kind,
            billing_cycle,
            &dollars,
            fulfilment,
            provisioning_delay,
        );
        for ((line, offer), number) in lines.into_iter().zip(offers).zip(numbers) {
            let term = line.term_duration.or_else(|| offer.term_duration.clone());
            let purchase = Purchase {
                friendly_name: line.friendly_name.filter(|n| !n.trim().is_empty()),
                term,
                partner_id: line.partner_id_on_record.filter(|p| !p.trim().is_empty()),
                additional_partner_ids: line.additional_partner_ids_on_record.unwrap_or_default(),
                ..Purchase::of(offer, line.quantity.unwrap_or_default())
            };
            let line_item = self.fulfil(&purchase, &order, number, fulfilment);
            order.line_items.push(line_item);
        }
        order.line_items.sort_by_key(|line| line.line_item_number);
        let order_id = order.id.clone();
        self.orders.push(Arc::new(order));
        Ok(order_id)
    }

    /// `PATCH .../orders/{id}`: cancels it (`status: "cancelled"`), changes its billing cycle, or
    /// adds add-on lines (`parentSubscriptionId`) to a legacy order.
    pub fn update_order(
        &mut self,
        id: &str,
        request: OrderRequest,
        precondition: Precondition,
        fulfilment: &Fulfilment<'_>,
    ) -> Result<(), DomainError> {
        let index = self
            .orders
            .iter()
            .position(|order| order.id == id)
            .ok_or_else(|| DomainError::OrderNotFound(id.to_owned()))?;
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
                order: order.id.clone(),
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

/// Checks one line of a new order and returns its offer.
fn check_new_line<'a>(
    line: &LineItemRequest,
    index: usize,
    catalog: &'a Catalog,
) -> Result<Cow<'a, Offer>, DomainError> {
    if line.parent_subscription_id.is_some() {
        return Err(DomainError::InvalidInput(
            "ParentSubscriptionId is not supported for this request.".to_owned(),
        ));
    }
    let offer_id = line
        .offer_id
        .as_deref()
        .filter(|id| !id.trim().is_empty())
        .ok_or_else(|| {
            DomainError::InvalidInput(format!("lineItems[{index}].offerId is required."))
        })?;
    let offer = catalog
        .purchasable(offer_id)
        .ok_or_else(|| DomainError::InvalidOfferId(offer_id.to_owned()))?
        .offer();
    if offer.is_add_on {
        return Err(DomainError::InvalidInput(format!(
            "Offer {} is an add-on: buy it with PATCH on the order of its parent subscription.",
            offer.id
        )));
    }
    let quantity = line.quantity.ok_or_else(|| {
        DomainError::InvalidInput(format!("lineItems[{index}].quantity is required."))
    })?;
    if !offer.allows_quantity(quantity) {
        return Err(DomainError::QuantityOutOfRange);
    }
    if let Some(term) = &line.term_duration {
        if super::subscription::term::term_months(term).is_none() {
            return Err(DomainError::InvalidInput(format!(
                "lineItems[{index}].termDuration '{term}' is not an ISO-8601 term such as P1M or P1Y."
            )));
        }
    }
    Ok(offer)
}

/// Line numbers must run from 0 to the number of lines; missing ones are given in order.
fn line_numbers(lines: &[LineItemRequest]) -> Result<Vec<u32>, DomainError> {
    let count = u32::try_from(lines.len()).map_err(|_| DomainError::LineItemNumbers)?;
    let numbers: Vec<u32> = (0..count)
        .zip(lines)
        .map(|(index, line)| line.line_item_number.unwrap_or(index))
        .collect();
    let mut sorted = numbers.clone();
    sorted.sort_unstable();
    if sorted.iter().copied().ne(0..count) {
        return Err(DomainError::LineItemNumbers);
    }
    Ok(numbers)
}

/// The order's billing cycle: the one asked for when every offer supports it; by default
/// `one_time` for reserved instances and software and `monthly` otherwise.
fn order_billing_cycle(
    requested: Option<BillingCycle>,
    kind: OfferKind,
    offers: &[Cow<'_, Offer>],
) -> Result<BillingCycle, DomainError> {
    let default = match kind {
        OfferKind::ReservedInstance | OfferKind::Software => BillingCycle::OneTime,
        _ => BillingCycle::Monthly,
    };
    match requested.filter(|cycle| *cycle != BillingCycle::Unknown) {
        None => Ok(default),
        Some(cycle) if cycle == default => Ok(cycle),
        Some(cycle) => {
            if offers
                .iter()
                .all(|offer| offer.supported_billing_cycles.contains(&cycle))
            {
                Ok(cycle)
            } else {
                Err(DomainError::InvalidInput(format!(
                    "billingCycle {cycle} is not supported by every offer of the order."
                )))
            }
        }
    }
}
