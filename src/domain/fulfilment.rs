//! Fulfilment: what one bought line creates, shared by `POST .../orders`
//! ([`super::order`]) and cart checkout ([`super::checkout`]) (SPEC §5; reference
//! api-new-commerce §3.8, §8.3):
//!
//! - a legacy license offer: an active license subscription;
//! - a new-commerce licence: an active subscription with a term, a billing cycle, auto-renew and
//!   a 7-day cancellation window (a trial is marked as one; an add-on hangs under its base);
//! - the Azure plan: a usage-based subscription with one active Azure subscription;
//! - an Azure reservation: a `reservedinstance` entitlement, no subscription;
//! - a savings plan: a benefit subscription that keeps its scope and hourly commitment;
//! - perpetual software: a `software` entitlement;
//! - a marketplace (SaaS) product: a marketplace subscription with a 7-day cancellation window.
//!
//! An order is `completed` when it is placed, unless it is a catalog order placed with a
//! provisioning delay: then it is `pending` until the mock's clock passes the delay (see
//! [`super::provisioning`]). What it creates exists at once either way, so its lines name their
//! subscriptions from the start.

use super::azure::{AzureEntitlement, AzureEntitlementStatus, SavingsPlanBenefit};
use super::catalog::Currency;
use super::catalog::product::{AZURE_PRODUCT_TYPE, MARKETPLACE_PRODUCT_TYPE};
use super::customer::Customer;
use super::entitlement::{self, Artifact, Entitlement, ReferenceOrder};
use super::ids::{IdSource, SubscriptionId};
use super::offer::{Catalog, Offer, OfferKind};
use super::order::{Order, OrderLineItem, OrderStatus};
use super::subscription::scheduled::trial_conversion;
use super::subscription::term::CANCELLATION_WINDOW_DAYS;
use super::subscription::{
    BillingCycle, ContractType, Lifecycle, NEW_COMMERCE_PRODUCT_TYPE, ProductType, Subscription,
    SubscriptionStatus,
};
use super::term::Term;
use super::text::Text;
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::borrow::Cow;
use std::sync::Arc;

/// What the server needs to fulfil an order.
pub struct Fulfilment<'a> {
    /// What the partner sells.
    pub catalog: &'a Catalog,
    /// The present, on the namespace's clock.
    pub now: DateTime<Utc>,
    /// Where new ids come from.
    pub ids: &'a IdSource,
}

/// One line to fulfil.
pub(super) struct Purchase<'a> {
    pub offer: Cow<'a, Offer>,
    pub quantity: u32,
    pub friendly_name: Option<String>,
    pub term: Option<Term>,
    pub partner_id: Option<Text>,
    pub additional_partner_ids: Vec<String>,
    /// The base subscription of an add-on.
    pub parent: Option<SubscriptionId>,
    pub is_trial: bool,
    pub savings_plan: Option<SavingsPlanBenefit>,
}

impl Purchase<'_> {
    /// A purchase of `quantity` of `offer` with nothing else given.
    pub(super) fn of(offer: Cow<'_, Offer>, quantity: u32) -> Purchase<'_> {
        Purchase {
            offer,
            quantity,
            friendly_name: None,
            term: None,
            partner_id: None,
            additional_partner_ids: Vec::new(),
            parent: None,
            is_trial: false,
            savings_plan: None,
        }
    }
}

/// A new, empty order of `kind`: ids in the documented shapes, `pending` until `now +
/// provisioning_delay` for a catalog order placed with a delay, `completed` otherwise.
pub(super) fn open_order(
    kind: OfferKind,
    billing_cycle: BillingCycle,
    currency: &Currency,
    fulfilment: &Fulfilment<'_>,
    provisioning_delay: Duration,
) -> Order {
    let (id, alternate_id) = order_ids(kind, fulfilment.ids);
    let pending = kind != OfferKind::License && provisioning_delay > Duration::zero();
    Order {
        id: id.into(),
        alternate_id: alternate_id.map(Into::into),
        billing_cycle,
        currency_code: currency.code.as_str().into(),
        currency_symbol: currency.symbol.as_str().into(),
        line_items: Vec::new(),
        creation_date: fulfilment.now,
        status: if pending {
            OrderStatus::Pending
        } else {
            OrderStatus::Completed
        },
        transaction_type: (kind != OfferKind::License).then(|| "UserPurchase".into()),
        pending_until: pending.then(|| fulfilment.now + provisioning_delay),
        version: 1,
    }
}

impl Customer {
    /// Creates what one line buys and returns the order line.
    pub(super) fn fulfil(
        &mut self,
        purchase: &Purchase<'_>,
        order: &Order,
        number: u32,
        fulfilment: &Fulfilment<'_>,
    ) -> OrderLineItem {
        let offer = &*purchase.offer;
        let friendly_name = purchase
            .friendly_name
            .as_deref()
            .map_or_else(|| offer.name.clone(), Text::from);
        let mut subscription_id = None;
        match offer.kind {
            OfferKind::License
            | OfferKind::NewCommerce
            | OfferKind::AzurePlan
            | OfferKind::SavingsPlan
            | OfferKind::Marketplace => {
                let id = SubscriptionId(fulfilment.ids.guid());
                subscription_id = Some(id);
                let mut subscription =
                    new_subscription(id, purchase, order, &friendly_name, fulfilment.now);
                let products = fulfilment.catalog.products();
                let trial = products.item(&offer.id).filter(|item| item.sku.is_trial);
                if let Some(trial) = trial {
                    subscription.is_trial = true;
                    subscription.lifecycle.scheduled_next_term_instructions =
                        trial_conversion(&trial, purchase.quantity, products).map(Box::new);
                }
                subscription.open_seat_window(fulfilment.now);
                self.subscriptions.push(Arc::new(subscription));
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
}

/// Order ids take the documented shapes: a GUID for license orders, 12 hex digits for
/// new-commerce, Azure plan and savings-plan orders, and a 33-character id ending in `1` (with a
/// 12-hex alternate id) for reservation, software and marketplace orders.
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

fn product_type(id: &str) -> Option<ProductType> {
    Some(ProductType {
        id: id.into(),
        display_name: id.into(),
    })
}

fn new_subscription(
    id: SubscriptionId,
    purchase: &Purchase<'_>,
    order: &Order,
    friendly_name: &Text,
    now: DateTime<Utc>,
) -> Subscription {
    let offer = &*purchase.offer;
    let azure = offer.kind == OfferKind::AzurePlan;
    let cancellable = matches!(offer.kind, OfferKind::NewCommerce | OfferKind::Marketplace);
    let far_future = Utc
        .with_ymd_and_hms(9999, 12, 31, 0, 0, 0)
        .single()
        .unwrap_or(now);
    // An Azure plan's entitlement id is the Azure subscription created with it.
    let azure_subscription =
        azure.then(|| uuid::Uuid::from_u128(id.0.as_u128().rotate_left(64)).to_string());
    Subscription {
        id,
        entitlement_id: azure_subscription.clone().map(Into::into),
        offer_id: offer.id.clone(),
        offer_name: offer.name.clone(),
        friendly_name: friendly_name.clone(),
        quantity: purchase.quantity,
        unit_type: offer.unit_type.clone(),
        parent_subscription_id: purchase.parent,
        creation_date: now,
        effective_start_date: now,
        commitment_end_date: if azure {
            far_future
        } else {
            Term::last_day_or_year(purchase.term.as_ref(), now)
        },
        cancellation_allowed_until_date: cancellable
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
        is_trial: purchase.is_trial,
        contract_type: ContractType::Subscription,
        order_id: order.id.clone(),
        partner_id: purchase.partner_id.clone(),
        product_type: match offer.kind {
            OfferKind::NewCommerce => product_type(NEW_COMMERCE_PRODUCT_TYPE),
            OfferKind::AzurePlan | OfferKind::SavingsPlan => product_type(AZURE_PRODUCT_TYPE),
            OfferKind::Marketplace => product_type(MARKETPLACE_PRODUCT_TYPE),
            OfferKind::License | OfferKind::ReservedInstance | OfferKind::Software => None,
        },
        azure_entitlements: azure_subscription
            .map(|id| AzureEntitlement {
                id,
                friendly_name: "Azure subscription 1".to_owned(),
                status: AzureEntitlementStatus::Active,
                inactive_from: None,
            })
            .into_iter()
            .collect(),
        savings_plan: purchase.savings_plan.clone().map(Box::new),
        lifecycle: Lifecycle::default(),
        version: 1,
    }
}

fn new_entitlement(
    purchase: &Purchase<'_>,
    order: &Order,
    number: u32,
    fulfilment: &Fulfilment<'_>,
) -> Entitlement {
    let offer = &*purchase.offer;
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
        expiry_date: reserved.then(|| Term::end_or_year(purchase.term.as_ref(), fulfilment.now)),
        dynamic_attributes: reserved.then(reservation),
    }
}
