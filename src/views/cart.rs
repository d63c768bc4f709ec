//! `Cart` and `CartCheckoutResult` (reference api-new-commerce §3.2, §3.5). A cart's self link
//! carries no `/v1`, as in the docs' samples.

use super::order::OrderView;
use crate::domain::CustomerId;
use crate::domain::cart::Cart;
use crate::domain::checkout::{CartCheckoutResult, OrderError};
use crate::wire::{Attributes, Links};
use serde::Serialize;

/// A cart with its link and object type.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CartView<'a> {
    #[serde(flatten)]
    pub cart: &'a Cart,
    pub links: Links,
    pub attributes: Attributes,
}

impl<'a> CartView<'a> {
    pub(crate) fn new(customer: CustomerId, cart: &'a Cart) -> Self {
        Self {
            cart,
            links: Links::to_self(format!("/customers/{customer}/carts/{}", cart.id)),
            attributes: Attributes::of("Cart"),
        }
    }
}

/// The orders a checkout created, and `orderErrors`, never `null`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CheckoutView<'a> {
    pub orders: Vec<OrderView<'a>>,
    pub order_errors: &'a [OrderError],
    pub attributes: Attributes,
}

impl<'a> CheckoutView<'a> {
    pub(crate) fn new(customer: CustomerId, result: &'a CartCheckoutResult) -> Self {
        Self {
            orders: result
                .orders
                .iter()
                .map(|order| OrderView::new(customer, order))
                .collect(),
            order_errors: &result.order_errors,
            attributes: Attributes::of("CartCheckoutResult"),
        }
    }
}
