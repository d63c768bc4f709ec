//! Buying (`POST .../orders`): what a line creates depends on what it buys, a legacy offer or a
//! catalog item (see [`crate::domain::fulfilment`]). An order buys one kind of thing: legacy
//! offers, new-commerce licences, the Azure plan, reservations with software, savings plans, or
//! marketplace products.

use super::Order;
use super::request::{LineItemRequest, OrderRequest};
use crate::domain::cart::order_group::OrderFamily;
use crate::domain::catalog::Currency;
use crate::domain::customer::Customer;
use crate::domain::error::DomainError;
use crate::domain::fulfilment::{Fulfilment, Purchase, open_order};
use crate::domain::ids::{OrderId, parse_guid};
use crate::domain::offer::{Catalog, Offer, OfferKind};
use crate::domain::subscription::BillingCycle;
use crate::domain::term::Term;
use chrono::Duration;
use std::borrow::Cow;
use std::sync::Arc;

impl Customer {
    /// An order of this customer.
    pub fn order(&self, id: &OrderId) -> Result<&Order, DomainError> {
        self.orders
            .iter()
            .map(|order| &**order)
            .find(|order| order.id == *id)
            .ok_or_else(|| DomainError::OrderNotFound(id.to_string()))
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
    ) -> Result<OrderId, DomainError> {
        self.place_order_with_delay(request, fulfilment, Duration::zero())
    }

    /// `POST .../orders` with a provisioning delay: a catalog order stays `pending` until the
    /// mock's clock passes its creation plus `provisioning_delay` (see the `provisioning` module).
    ///
    /// Errors: as [`Customer::place_order`].
    pub fn place_order_with_delay(
        &mut self,
        request: OrderRequest,
        fulfilment: &Fulfilment<'_>,
        provisioning_delay: Duration,
    ) -> Result<OrderId, DomainError> {
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
        let mut terms = Vec::with_capacity(lines.len());
        for (index, line) in lines.iter().enumerate() {
            let (offer, term) = check_new_line(line, index, fulfilment.catalog)?;
            offers.push(offer);
            terms.push(term);
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
        for (((line, offer), term), number) in lines.into_iter().zip(offers).zip(terms).zip(numbers)
        {
            let term = term.or_else(|| offer.term_duration.clone());
            let purchase = Purchase {
                friendly_name: line.friendly_name.filter(|n| !n.trim().is_empty()),
                term,
                partner_id: line
                    .partner_id_on_record
                    .filter(|p| !p.trim().is_empty())
                    .map(Into::into),
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
}

/// Checks one line of a new order and returns its offer and the term it asks for.
fn check_new_line<'a>(
    line: &LineItemRequest,
    index: usize,
    catalog: &'a Catalog,
) -> Result<(Cow<'a, Offer>, Option<Term>), DomainError> {
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
    let term = line
        .term_duration
        .as_deref()
        .map(|term| {
            Term::parse(term).ok_or_else(|| {
                DomainError::InvalidInput(format!(
                    "lineItems[{index}].termDuration '{term}' is not an ISO-8601 term such as P1M or P1Y."
                ))
            })
        })
        .transpose()?;
    Ok((offer, term))
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
