//! `Order`, its line items, and their provisioning status.

use super::{catalog_item_links, customer_uri};
use crate::domain::order::{OrderLineItem, OrderStatus};
use crate::domain::subscription::BillingCycle;
use crate::domain::{CustomerId, Order};
use crate::wire::date;
use crate::wire::etag::etag;
use crate::wire::{Attributes, Link, NamedLinks};
use serde::Serialize;

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OrderView<'a> {
    pub id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternate_id: Option<&'a str>,
    pub reference_customer_id: String,
    pub billing_cycle: BillingCycle,
    pub currency_code: &'a str,
    pub currency_symbol: &'a str,
    pub line_items: Vec<LineItemView<'a>>,
    pub creation_date: String,
    pub status: OrderStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<&'a str>,
    pub links: NamedLinks,
    pub attributes: Attributes,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LineItemView<'a> {
    pub line_item_number: u32,
    pub offer_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_subscription_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<&'a str>,
    pub friendly_name: &'a str,
    pub quantity: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner_id_on_record: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub additional_partner_ids_on_record: &'a [String],
    /// `New` on the lines of catalog orders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<&'static str>,
    #[serde(skip_serializing_if = "NamedLinks::is_empty")]
    pub links: NamedLinks,
}

impl<'a> OrderView<'a> {
    pub(crate) fn new(customer: CustomerId, order: &'a Order) -> Self {
        let self_uri = format!("{}/orders/{}", customer_uri(customer), order.id);
        Self {
            id: &order.id,
            alternate_id: order.alternate_id.as_deref(),
            reference_customer_id: customer.to_string(),
            billing_cycle: order.billing_cycle,
            currency_code: &order.currency_code,
            currency_symbol: &order.currency_symbol,
            line_items: order
                .line_items
                .iter()
                .map(|line| LineItemView::new(customer, order, line))
                .collect(),
            creation_date: date::format(&order.creation_date),
            status: order.status,
            transaction_type: order.transaction_type.as_deref(),
            links: order_links(order, self_uri),
            attributes: Attributes::with_etag("Order", etag(&order.id, order.version)),
        }
    }
}

/// Every order links its provisioning status and itself; catalog orders also link the PATCH
/// that cancels them.
fn order_links(order: &Order, self_uri: String) -> NamedLinks {
    let links = NamedLinks::default().with_get(
        "provisioningStatus",
        format!("{self_uri}/provisioningstatus"),
    );
    let links = match order.transaction_type {
        Some(_) => links.with("patchOperation", Link::new("PATCH", self_uri.clone())),
        None => links,
    };
    links.with_get("self", self_uri)
}

impl<'a> LineItemView<'a> {
    fn new(customer: CustomerId, order: &Order, line: &'a OrderLineItem) -> Self {
        let mut links = NamedLinks::default();
        if let Some(subscription) = line.subscription_id {
            let uri = format!("{}/subscriptions/{subscription}", customer_uri(customer));
            links = links
                .with_get("subscription", uri.clone())
                .with_get("provisioningStatus", format!("{uri}/provisioningstatus"));
        }
        Self {
            line_item_number: line.line_item_number,
            offer_id: &line.offer_id,
            subscription_id: line.subscription_id.map(|id| id.to_string()),
            parent_subscription_id: line.parent_subscription_id.map(|id| id.to_string()),
            term_duration: line.term_duration.as_deref(),
            friendly_name: &line.friendly_name,
            quantity: line.quantity,
            partner_id_on_record: line.partner_id_on_record.as_deref(),
            additional_partner_ids_on_record: &line.additional_partner_ids_on_record,
            transaction_type: order.transaction_type.is_some().then_some("New"),
            links: catalog_item_links(links, &line.offer_id),
        }
    }
}

/// One line's provisioning status.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LineProvisioningView {
    pub line_item_number: u32,
    pub status: &'static str,
    pub quantity_provisioning_information: Vec<QuantityProvisioning>,
    pub attributes: Attributes,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct QuantityProvisioning {
    pub quantity: u32,
    pub status: &'static str,
}

impl LineProvisioningView {
    pub(crate) fn new(order: &Order, line: &OrderLineItem) -> Self {
        let status = order.line_provisioning_status().as_wire();
        Self {
            line_item_number: line.line_item_number,
            status,
            quantity_provisioning_information: vec![QuantityProvisioning {
                quantity: line.quantity,
                status,
            }],
            attributes: Attributes::of("OrderLineItemProvisioningStatus"),
        }
    }
}
