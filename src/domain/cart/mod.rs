//! Carts (`/v1/customers/{id}/carts`): what a customer is about to buy, line by line (reference
//! api-new-commerce §3). A cart lives 7 days of the mock's clock from its creation; its lines are
//! checked as they are sent, and a line that breaks a rule carries an `error` instead of failing
//! the request. Checking a cart out (the `checkout` module) turns it into orders.
//!
//! Carts are kept inside the customer aggregate, like subscriptions and orders, so that reset,
//! snapshots and exports carry them.

pub mod line;
pub mod line_error;
pub(crate) mod line_rules;
pub(crate) mod order_group;
pub mod request;

pub use line::CartLineItem;
pub use line_error::{CartErrorCode, CartLineError};
pub use request::CartRequest;

use super::catalog::currency_of;
use super::customer::Customer;
use super::error::DomainError;
use super::ids::{CartId, IdSource};
use super::offer::Catalog;
use super::partner::Partner;
use chrono::{DateTime, Duration, Utc};
use line_rules::LineRules;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use uuid::Uuid;

/// How long a cart lives after its creation, in days of the mock's clock.
pub const CART_LIFETIME_DAYS: i64 = 7;

crate::wire_enum! {
    /// A cart's `status`: `Active` until it is checked out, then `Ordered`.
    pub enum CartStatus {
        /// Not checked out yet.
        Active = 0 => "Active",
        /// Checked out.
        Ordered = 1 => "Ordered",
    }
}

/// A cart of a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Cart {
    /// The cart's id.
    pub id: CartId,
    /// When the cart was created.
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub creation_timestamp: DateTime<Utc>,
    /// When the cart last changed.
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub last_modified_timestamp: DateTime<Utc>,
    /// When the cart expires: 7 days after its creation.
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub expiration_timestamp: DateTime<Utc>,
    /// The user or application object id that last changed the cart.
    #[serde(default = "nobody")]
    pub last_modified_user: Uuid,
    /// `Active` until it is checked out, then `Ordered`.
    pub status: CartStatus,
    /// The partner attests that the partners of record on the lines are right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_on_record_attestation_accepted: Option<bool>,
    /// The lines, in line number order.
    pub line_items: Vec<CartLineItem>,
}

/// What cart rules read besides the customer: what the partner sells, the partner itself, the
/// clock, and where new ids come from.
pub struct CartContext<'a> {
    /// What the partner sells.
    pub catalog: &'a Catalog,
    /// The partner the mock acts as.
    pub partner: &'a Partner,
    /// The present, on the namespace's clock.
    pub now: DateTime<Utc>,
    /// Where new ids come from.
    pub ids: &'a IdSource,
    /// The user or application object id making the change.
    pub user: Uuid,
}

/// The `lastModifiedUser` of a cart that names none.
const fn nobody() -> Uuid {
    Uuid::nil()
}

impl Cart {
    /// Whether the cart's 7 days are over at `now`.
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now >= self.expiration_timestamp
    }

    /// Whether any line or add-on item carries an error.
    pub fn has_line_errors(&self) -> bool {
        self.line_items
            .iter()
            .flat_map(CartLineItem::with_add_ons)
            .any(|line| line.error.is_some())
    }
}

impl Customer {
    /// `POST /v1/customers/{id}/carts`: a new `Active` cart that expires 7 days from now. Every
    /// line is checked (see the `line_rules` module) and given its order group; a line that breaks a rule
    /// carries an `error`, and the cart is created all the same.
    ///
    /// Errors: [`DomainError::InvalidInput`] for a request without lines or with a line that lacks
    /// `catalogItemId`, `quantity` or `billingCycle`.
    pub fn create_cart(
        &mut self,
        request: CartRequest,
        context: &CartContext<'_>,
    ) -> Result<CartId, DomainError> {
        let line_items = self.checked_lines(&request, context)?;
        let id = CartId(context.ids.guid());
        self.carts.push(Arc::new(Cart {
            id,
            creation_timestamp: context.now,
            last_modified_timestamp: context.now,
            expiration_timestamp: context.now + Duration::days(CART_LIFETIME_DAYS),
            last_modified_user: context.user,
            status: CartStatus::Active,
            partner_on_record_attestation_accepted: request.partner_on_record_attestation_accepted,
            line_items,
        }));
        Ok(id)
    }

    /// `GET .../carts/{cartId}`: a cart that has not expired.
    ///
    /// Errors: [`DomainError::CartNotFound`] (404 800008) for an unknown id,
    /// [`DomainError::CartExpired`] (404 800008) once its 7 days are over.
    pub fn cart(&self, id: CartId, now: DateTime<Utc>) -> Result<&Cart, DomainError> {
        self.cart_index(id, now).map(|index| &*self.carts[index])
    }

    /// `PUT .../carts/{cartId}`: replaces the lines and the attestation of an `Active` cart,
    /// checked as on creation; the creation and expiration times stay.
    ///
    /// Errors: as [`Customer::cart`]; [`DomainError::InvalidInput`] for a cart already checked
    /// out, and as [`Customer::create_cart`].
    pub fn update_cart(
        &mut self,
        id: CartId,
        request: CartRequest,
        context: &CartContext<'_>,
    ) -> Result<(), DomainError> {
        let index = self.cart_index(id, context.now)?;
        if self.carts[index].status == CartStatus::Ordered {
            return Err(DomainError::InvalidInput(format!(
                "Cart {id} was checked out and can no longer be changed."
            )));
        }
        let line_items = self.checked_lines(&request, context)?;
        let cart = Arc::make_mut(&mut self.carts[index]);
        cart.line_items = line_items;
        cart.partner_on_record_attestation_accepted =
            request.partner_on_record_attestation_accepted;
        cart.last_modified_timestamp = context.now;
        cart.last_modified_user = context.user;
        Ok(())
    }

    /// Whether time has expired a cart that [`Customer::drop_expired_carts`] has not removed.
    pub fn has_expired_carts(&self, now: DateTime<Utc>) -> bool {
        self.carts.iter().any(|cart| cart.is_expired(now))
    }

    /// Forgets the carts whose 7 days are over.
    pub fn drop_expired_carts(&mut self, now: DateTime<Utc>) {
        self.carts.retain(|cart| !cart.is_expired(now));
    }

    pub(crate) fn cart_index(&self, id: CartId, now: DateTime<Utc>) -> Result<usize, DomainError> {
        let index = self
            .carts
            .iter()
            .position(|cart| cart.id == id)
            .ok_or(DomainError::CartNotFound(id))?;
        if self.carts[index].is_expired(now) {
            return Err(DomainError::CartExpired(id));
        }
        Ok(index)
    }

    /// The country the customer buys in: its billing address's, `US` when it has none.
    pub fn market_country(&self) -> &str {
        self.billing_profile
            .default_address
            .country
            .as_deref()
            .unwrap_or("US")
    }

    /// The request's lines, checked against the rules and grouped.
    fn checked_lines(
        &self,
        request: &CartRequest,
        context: &CartContext<'_>,
    ) -> Result<Vec<CartLineItem>, DomainError> {
        let lines = request.lines(&currency_of(self.market_country()).code)?;
        Ok(self.check_lines(lines, context))
    }

    /// `lines` with their errors and order groups set as the rules see them now.
    pub(crate) fn check_lines(
        &self,
        mut lines: Vec<CartLineItem>,
        context: &CartContext<'_>,
    ) -> Vec<CartLineItem> {
        let all = lines.clone();
        self.line_rules(&all, context).check_all(&mut lines);
        order_group::assign_order_groups(&mut lines, context.catalog);
        lines
    }

    /// The line rules for a cart of `lines`.
    pub(crate) fn line_rules<'a>(
        &'a self,
        lines: &'a [CartLineItem],
        context: &'a CartContext<'_>,
    ) -> LineRules<'a> {
        LineRules {
            customer: self,
            catalog: context.catalog,
            partner: context.partner,
            now: context.now,
            lines,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::fixture::{BASIC, E3};
    use crate::domain::test_support::{self, Shop, customer, now};
    use serde_json::json;

    fn request(lines: serde_json::Value) -> CartRequest {
        test_support::cart_request(json!({ "lineItems": lines }))
    }

    fn basic(quantity: u32) -> serde_json::Value {
        json!({"catalogItemId": BASIC, "quantity": quantity, "billingCycle": "monthly", "termDuration": "P1M"})
    }

    #[test]
    fn a_new_cart_is_active_and_expires_seven_days_after_its_creation() {
        let shop = Shop::new();
        let mut customer = customer();
        let id = customer
            .create_cart(request(json!([basic(2)])), &shop.context(now()))
            .unwrap();
        let cart = customer.cart(id, now()).unwrap();
        assert_eq!(cart.status, CartStatus::Active);
        assert_eq!(cart.creation_timestamp, now());
        assert_eq!(cart.last_modified_timestamp, now());
        assert_eq!(cart.expiration_timestamp, now() + Duration::days(7));
        assert_eq!(cart.line_items[0].order_group.as_deref(), Some("0"));
        assert_eq!(cart.line_items[0].currency_code, "USD");
        assert!(!cart.has_line_errors());
    }

    #[test]
    fn an_invalid_line_is_kept_with_its_error_and_the_cart_is_created() {
        let shop = Shop::new();
        let mut customer = customer();
        let unknown =
            json!({"catalogItemId": "NOPE:0001:NOPE", "quantity": 1, "billingCycle": "monthly"});
        let id = customer
            .create_cart(request(json!([basic(1), unknown])), &shop.context(now()))
            .unwrap();
        let cart = customer.cart(id, now()).unwrap();
        assert!(cart.line_items[0].error.is_none());
        let error = cart.line_items[1].error.as_ref().unwrap();
        assert_eq!(error.error_code.code(), 10001);
        assert!(cart.has_line_errors());
    }

    #[test]
    fn a_request_missing_a_required_property_creates_nothing() {
        let shop = Shop::new();
        let mut customer = customer();
        let error = customer
            .create_cart(
                request(json!([{"catalogItemId": BASIC, "billingCycle": "monthly"}])),
                &shop.context(now()),
            )
            .unwrap_err();
        assert!(matches!(error, DomainError::InvalidInput(_)));
        assert!(customer.carts.is_empty());
    }

    #[test]
    fn a_cart_is_gone_seven_days_after_its_creation() {
        let shop = Shop::new();
        let mut customer = customer();
        let id = customer
            .create_cart(request(json!([basic(1)])), &shop.context(now()))
            .unwrap();
        let almost = now() + Duration::days(7) - Duration::seconds(1);
        assert!(customer.cart(id, almost).is_ok());
        assert!(!customer.needs_settling(almost));
        let later = now() + Duration::days(7);
        assert_eq!(customer.cart(id, later), Err(DomainError::CartExpired(id)));
        assert_eq!(
            customer.update_cart(id, request(json!([basic(3)])), &shop.context(later)),
            Err(DomainError::CartExpired(id))
        );
        assert!(customer.needs_settling(later));
        customer.settle(later);
        assert!(customer.carts.is_empty());
        assert_eq!(customer.cart(id, later), Err(DomainError::CartNotFound(id)));
    }

    #[test]
    fn an_unknown_cart_is_not_found() {
        let unknown = CartId(uuid::Uuid::nil());
        assert_eq!(
            customer().cart(unknown, now()),
            Err(DomainError::CartNotFound(unknown))
        );
    }

    #[test]
    fn replacing_a_cart_checks_its_new_lines_and_keeps_its_creation_and_expiry() {
        let shop = Shop::new();
        let mut customer = customer();
        let id = customer
            .create_cart(request(json!([basic(1)])), &shop.context(now()))
            .unwrap();
        let later = now() + Duration::hours(5);
        let e3 = json!({"catalogItemId": E3, "quantity": 4, "billingCycle": "annual", "termDuration": "P3Y"});
        let replacement = test_support::cart_request(
            json!({"PartnerOnRecordAttestationAccepted": true, "LineItems": [basic(400), e3]}),
        );
        customer
            .update_cart(id, replacement, &shop.context(later))
            .unwrap();
        let cart = customer.cart(id, later).unwrap();
        assert_eq!(cart.creation_timestamp, now());
        assert_eq!(cart.expiration_timestamp, now() + Duration::days(7));
        assert_eq!(cart.last_modified_timestamp, later);
        assert_eq!(cart.partner_on_record_attestation_accepted, Some(true));
        assert_eq!(cart.line_items.len(), 2);
        assert_eq!(
            cart.line_items[0]
                .error
                .as_ref()
                .map(|e| e.error_code.code()),
            Some(10015)
        );
        assert_eq!(
            cart.line_items[1]
                .error
                .as_ref()
                .map(|e| e.error_code.code()),
            Some(10013)
        );
        assert_eq!(cart.line_items[1].order_group.as_deref(), Some("1"));
    }

    #[test]
    fn an_ordered_cart_cannot_be_replaced() {
        let shop = Shop::new();
        let mut customer = customer();
        let id = customer
            .create_cart(request(json!([basic(1)])), &shop.context(now()))
            .unwrap();
        Arc::make_mut(&mut customer.carts[0]).status = CartStatus::Ordered;
        let before = customer.clone();
        let refused = customer.update_cart(id, request(json!([basic(2)])), &shop.context(now()));
        assert!(matches!(refused, Err(DomainError::InvalidInput(_))));
        assert_eq!(customer, before);
    }

    #[test]
    fn a_cart_travels_through_the_seed_shape_unchanged() {
        let shop = Shop::new();
        let mut customer = customer();
        let mut line = basic(1);
        line["provisioningContext"] = json!({"Scope": "shared"});
        line["participants"] = json!([{"key": "Transaction_Reseller", "value": "5357564"}]);
        customer
            .create_cart(request(json!([line])), &shop.context(now()))
            .unwrap();
        let text = serde_json::to_string(&customer).unwrap();
        let back: Customer = crate::wire::body::read_body(text.as_bytes()).unwrap();
        assert_eq!(back, customer);
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let stored = &json["carts"][0];
        assert_eq!(stored["status"], "Active");
        assert_eq!(
            stored["lineItems"][0]["provisioningContext"]["scope"],
            "shared"
        );
        assert_eq!(
            stored["lineItems"][0]["participants"][0]["key"],
            "transaction_reseller"
        );
    }
}
