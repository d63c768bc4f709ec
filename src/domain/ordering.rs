//! Orders: buying offers (`POST .../orders`) and changing an order (`PATCH .../orders/{id}`).
//!
//! What a line creates depends on its offer (SPEC §5): a legacy license offer creates an active
//! license subscription at once; a new-commerce item an active subscription with a term and a
//! cancellation window; the Azure plan a usage-based subscription; an Azure reserved instance a
//! `reservedinstance` entitlement; software a `software` entitlement. Orders are fulfilled at
//! once, so they are `completed` when the answer is written.

use super::customer::{Customer, SentAttributes};
use super::entitlement::{self, Artifact, Entitlement, ReferenceOrder};
use super::error::DomainError;
use super::ids::{IdSource, SubscriptionId, parse_guid};
use super::offer::{Catalog, Offer, OfferKind};
use super::order::{Order, OrderLineItem, OrderStatus};
use super::precondition::Precondition;
use super::subscription::{
    BillingCycle, ContractType, NEW_COMMERCE_PRODUCT_TYPE, ProductType, Subscription,
    SubscriptionStatus,
};
use super::subscription_rules::{CANCELLATION_WINDOW_DAYS, term_end};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::Deserialize;
use std::sync::Arc;

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

/// What the server needs to fulfil an order.
pub struct Fulfilment<'a> {
    pub catalog: &'a Catalog,
    pub now: DateTime<Utc>,
    pub ids: &'a IdSource,
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

    /// `POST .../orders`: checks every line, then creates the order and what it buys.
    pub fn place_order(
        &mut self,
        request: OrderRequest,
        fulfilment: &Fulfilment<'_>,
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
        if offers.iter().any(|offer| offer.kind != kind) {
            return Err(DomainError::InvalidInput(
                "All line items of an order must be of one kind: license offers, new-commerce items, the Azure plan, reserved instances or software.".to_owned(),
            ));
        }
        let billing_cycle = order_billing_cycle(request.billing_cycle, kind, &offers)?;
        let ids = fulfilment.ids;
        let (order_id, alternate_id) = order_ids(kind, ids);
        let mut order = Order {
            id: order_id.clone(),
            alternate_id,
            billing_cycle,
            currency_code: "USD".to_owned(),
            currency_symbol: "$".to_owned(),
            line_items: Vec::with_capacity(lines.len()),
            creation_date: fulfilment.now,
            status: OrderStatus::Completed,
            transaction_type: (kind != OfferKind::License).then(|| "UserPurchase".to_owned()),
            version: 1,
        };
        for ((line, offer), number) in lines.into_iter().zip(offers).zip(numbers) {
            let purchase = Purchase {
                offer,
                quantity: line.quantity.unwrap_or_default(),
                friendly_name: line.friendly_name.filter(|n| !n.trim().is_empty()),
                term: line.term_duration.or_else(|| offer.term_duration.clone()),
                partner_id: line.partner_id_on_record.filter(|p| !p.trim().is_empty()),
                additional_partner_ids: line.additional_partner_ids_on_record.unwrap_or_default(),
                parent: None,
            };
            let line_item = self.fulfil(&purchase, &order, number, fulfilment);
            order.line_items.push(line_item);
        }
        order.line_items.sort_by_key(|line| line.line_item_number);
        self.orders.push(Arc::new(order));
        Ok(order_id)
    }

    /// Creates what one line buys and returns the order line.
    fn fulfil(
        &mut self,
        purchase: &Purchase<'_>,
        order: &Order,
        number: u32,
        fulfilment: &Fulfilment<'_>,
    ) -> OrderLineItem {
        let offer = purchase.offer;
        let now = fulfilment.now;
        let friendly_name = purchase
            .friendly_name
            .clone()
            .unwrap_or_else(|| offer.name.clone());
        let mut subscription_id = None;
        match offer.kind {
            OfferKind::License
            | OfferKind::NewCommerce
            | OfferKind::AzurePlan
            | OfferKind::SavingsPlan
            | OfferKind::Marketplace => {
                let id = SubscriptionId(fulfilment.ids.guid());
                subscription_id = Some(id);
                self.subscriptions.push(Arc::new(new_subscription(
                    id,
                    purchase,
                    order,
                    &friendly_name,
                    now,
                )));
            }
            OfferKind::ReservedInstance | OfferKind::Software => {
                self.entitlements
                    .push(new_entitlement(purchase, order, number, fulfilment));
            }
        }
        OrderLineItem {
            line_item_number: number,
            offer_id: offer.id.clone(),
            subscription_id,
            parent_subscription_id: purchase.parent,
            term_duration: purchase
                .term
                .clone()
                .filter(|_| offer.kind != OfferKind::License),
            friendly_name,
            quantity: purchase.quantity,
            partner_id_on_record: purchase.partner_id.clone(),
            additional_partner_ids_on_record: purchase.additional_partner_ids.clone(),
        }
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
                .offer(offer_id)
                .is_none_or(|offer| offer.supported_billing_cycles.contains(&cycle))
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
                offer,
                quantity,
                friendly_name: line.friendly_name.filter(|n| !n.trim().is_empty()),
                term: None,
                partner_id: parent.partner_id.clone(),
                additional_partner_ids: Vec::new(),
                parent: Some(parent_id),
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

/// One line to fulfil.
struct Purchase<'a> {
    offer: &'a Offer,
    quantity: u32,
    friendly_name: Option<String>,
    term: Option<String>,
    partner_id: Option<String>,
    additional_partner_ids: Vec<String>,
    parent: Option<SubscriptionId>,
}

/// Checks one line of a new order and returns its offer.
fn check_new_line<'a>(
    line: &LineItemRequest,
    index: usize,
    catalog: &'a Catalog,
) -> Result<&'a Offer, DomainError> {
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
        .offer(offer_id)
        .ok_or_else(|| DomainError::InvalidOfferId(offer_id.to_owned()))?;
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
        if super::subscription_rules::term_months(term).is_none() {
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
    offers: &[&Offer],
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

/// Order ids take the documented shapes: a GUID for license orders, 12 hex digits for
/// new-commerce and Azure plan orders, and a 33-character id ending in `1` (with a 12-hex
/// alternate id) for reserved-instance and software orders.
fn order_ids(kind: OfferKind, ids: &IdSource) -> (String, Option<String>) {
    let guid = ids.guid();
    let hex = guid.simple().to_string();
    match kind {
        OfferKind::License => (guid.to_string(), None),
        OfferKind::NewCommerce | OfferKind::AzurePlan | OfferKind::SavingsPlan => {
            let short = hex[20..].to_owned();
            (short.clone(), Some(short))
        }
        OfferKind::ReservedInstance | OfferKind::Software | OfferKind::Marketplace => {
            use base64::Engine;
            let more = ids.guid().into_bytes();
            let bytes: Vec<u8> = guid
                .into_bytes()
                .iter()
                .chain(&more[..8])
                .copied()
                .collect();
            let body = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes[..24]);
            (format!("{}1", &body[..32]), Some(hex[20..].to_owned()))
        }
    }
}

fn new_subscription(
    id: SubscriptionId,
    purchase: &Purchase<'_>,
    order: &Order,
    friendly_name: &str,
    now: DateTime<Utc>,
) -> Subscription {
    let offer = purchase.offer;
    let new_commerce = offer.kind == OfferKind::NewCommerce;
    let azure = offer.kind == OfferKind::AzurePlan;
    let far_future = Utc
        .with_ymd_and_hms(9999, 12, 31, 0, 0, 0)
        .single()
        .unwrap_or(now);
    Subscription {
        id,
        // An Azure plan's entitlement id is the Azure subscription it stands for.
        entitlement_id: azure
            .then(|| uuid::Uuid::from_u128(id.0.as_u128().rotate_left(64)).to_string()),
        offer_id: offer.id.clone(),
        offer_name: offer.name.clone(),
        friendly_name: friendly_name.to_owned(),
        quantity: purchase.quantity,
        unit_type: offer.unit_type.clone(),
        parent_subscription_id: purchase.parent,
        creation_date: now,
        effective_start_date: now,
        commitment_end_date: if azure {
            far_future
        } else {
            term_end(now, purchase.term.as_deref())
        },
        cancellation_allowed_until_date: new_commerce
            .then(|| now + Duration::days(CANCELLATION_WINDOW_DAYS)),
        status: SubscriptionStatus::Active,
        auto_renew_enabled: offer.is_auto_renewable && !azure,
        billing_type: offer.billing,
        billing_cycle: if azure {
            BillingCycle::Monthly
        } else {
            order.billing_cycle
        },
        term_duration: purchase.term.clone().filter(|_| !azure),
        is_trial: false,
        contract_type: ContractType::Subscription,
        order_id: order.id.clone(),
        partner_id: purchase.partner_id.clone(),
        product_type: match offer.kind {
            OfferKind::NewCommerce => Some(ProductType {
                id: NEW_COMMERCE_PRODUCT_TYPE.to_owned(),
                display_name: NEW_COMMERCE_PRODUCT_TYPE.to_owned(),
            }),
            OfferKind::AzurePlan => Some(ProductType {
                id: "Azure".to_owned(),
                display_name: "Azure".to_owned(),
            }),
            _ => None,
        },
        azure_entitlements: Vec::new(),
        savings_plan: None,
        version: 1,
    }
}

fn new_entitlement(
    purchase: &Purchase<'_>,
    order: &Order,
    number: u32,
    fulfilment: &Fulfilment<'_>,
) -> Entitlement {
    let offer = purchase.offer;
    let reserved = offer.kind == OfferKind::ReservedInstance;
    let reservation = || {
        let mut attributes = serde_json::Map::new();
        attributes.insert("reservationType".to_owned(), "virtualmachines".into());
        attributes
    };
    Entitlement {
        reference_order: ReferenceOrder {
            id: order.id.clone(),
            line_item_id: number.to_string(),
        },
        product_id: offer.product_id().to_owned(),
        sku_id: offer.sku_id().to_owned(),
        quantity: purchase.quantity,
        entitlement_type: if reserved {
            entitlement::RESERVED_INSTANCE
        } else {
            entitlement::SOFTWARE
        }
        .to_owned(),
        entitled_artifacts: if reserved {
            vec![Artifact {
                artifact_type: entitlement::RESERVED_INSTANCE.to_owned(),
                resource_id: Some(fulfilment.ids.guid().to_string()),
                dynamic_attributes: Some(reservation()),
            }]
        } else {
            Vec::new()
        },
        included_entitlements: Vec::new(),
        expiry_date: reserved.then(|| term_end(fulfilment.now, purchase.term.as_deref())),
        dynamic_attributes: reserved.then(reservation),
    }
}
