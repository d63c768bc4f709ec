//! Checking a cart out (`POST .../carts/{id}/checkout`, reference api-new-commerce §3.5, §3.8,
//! §11.3–§11.6): one order per order group, each line fulfilled as an order line of `POST
//! .../orders` is ([`super::fulfilment`]).
//!
//! Checkout is all or nothing. Its lines are checked again against the present (a base
//! subscription may have been suspended since the cart was made), and a cart with any line in
//! error, without the partner-of-record attestation its participants need, already ordered,
//! unknown or expired is refused before anything is created. Otherwise every order is created
//! and the cart becomes `Ordered`; `orderErrors` is always empty.

use super::azure::{BenefitScope, SavingsPlanBenefit};
use super::cart::line::{ENTITLEMENT_ID, SCOPE, SUBSCRIPTION_ID};
use super::cart::line_rules::AddOnBase;
use super::cart::{CartContext, CartLineItem, CartStatus};
use super::catalog::currency_of;
use super::customer::Customer;
use super::error::DomainError;
use super::fulfilment::{Fulfilment, Purchase, open_order};
use super::ids::{CartId, SubscriptionId};
use super::offer::{OfferKind, Purchasable};
use super::order::Order;
use super::term::Term;
use chrono::Duration;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// `CartCheckoutResult`: the orders a checkout created, and the order groups that failed.
#[derive(Debug, Clone, PartialEq)]
pub struct CartCheckoutResult {
    pub orders: Vec<Arc<Order>>,
    /// Never absent; empty, since a checkout creates every order or none.
    pub order_errors: Vec<OrderError>,
}

/// `orderErrors[]`: `{orderGroupId, code, description}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderError {
    pub order_group_id: String,
    pub code: u32,
    pub description: String,
}

/// A line to fulfil: the line, the line it is an add-on item of, and its place in its order.
struct Entry<'a> {
    line: &'a CartLineItem,
    enclosing: Option<&'a CartLineItem>,
    order: usize,
    number: u32,
}

impl Customer {
    /// `POST .../carts/{cartId}/checkout`: creates one order per order group of the cart and
    /// marks it `Ordered`. Catalog orders stay `pending` for `provisioning_delay` of the mock's
    /// clock (zero completes them at once; see the `provisioning` module); legacy orders complete
    /// at once.
    ///
    /// Errors, all before anything is created: [`DomainError::CartNotFound`] and
    /// [`DomainError::CartExpired`] (404 800008), [`DomainError::CartAlreadySubmitted`]
    /// (400 800065), [`DomainError::CartHasErrors`] (400 800009, naming the lines in error),
    /// [`DomainError::PartnerAttestationMissing`] (400 900206) when a line names participants
    /// and the cart does not accept the partner-of-record attestation.
    pub fn checkout_cart(
        &mut self,
        id: CartId,
        context: &CartContext<'_>,
        provisioning_delay: Duration,
    ) -> Result<CartCheckoutResult, DomainError> {
        let index = self.cart_index(id, context.now)?;
        let cart = Arc::clone(&self.carts[index]);
        if cart.status == CartStatus::Ordered {
            return Err(DomainError::CartAlreadySubmitted(id));
        }
        let lines = self.check_lines(cart.line_items.clone(), context);
        let all_lines = || lines.iter().flat_map(CartLineItem::with_add_ons);
        let in_error: Vec<String> = all_lines()
            .filter(|line| line.error.is_some())
            .map(|line| line.id.to_string())
            .collect();
        if !in_error.is_empty() {
            return Err(DomainError::CartHasErrors {
                cart: id,
                lines: in_error,
            });
        }
        let attested = cart.partner_on_record_attestation_accepted == Some(true);
        if !attested && all_lines().any(|line| !line.participants.is_empty()) {
            return Err(DomainError::PartnerAttestationMissing(id));
        }
        let orders = self.place_cart_orders(&lines, context, provisioning_delay);
        let cart = Arc::make_mut(&mut self.carts[index]);
        cart.status = CartStatus::Ordered;
        cart.last_modified_timestamp = context.now;
        cart.last_modified_user = context.user;
        Ok(CartCheckoutResult {
            orders,
            order_errors: Vec::new(),
        })
    }

    /// Creates the orders of checked, error-free lines: bases before their add-ons, so that an
    /// add-on knows its base's new subscription.
    fn place_cart_orders(
        &mut self,
        lines: &[CartLineItem],
        context: &CartContext<'_>,
        provisioning_delay: Duration,
    ) -> Vec<Arc<Order>> {
        let fulfilment = Fulfilment {
            catalog: context.catalog,
            now: context.now,
            ids: context.ids,
        };
        let currency = currency_of(self.market_country());
        let mut groups: Vec<&str> = Vec::new();
        let mut orders: Vec<Order> = Vec::new();
        let mut entries: Vec<Entry<'_>> = Vec::new();
        let flattened = lines.iter().flat_map(|line| {
            std::iter::once((line, None))
                .chain(line.addon_items.iter().map(move |a| (a, Some(line))))
        });
        for (line, enclosing) in flattened {
            let group = line.order_group.as_deref().unwrap_or_default();
            let order = groups.iter().position(|g| *g == group).unwrap_or_else(|| {
                let kind = context
                    .catalog
                    .purchasable(&line.catalog_item_id)
                    .map_or(OfferKind::License, |item| item.kind());
                groups.push(group);
                orders.push(open_order(
                    kind,
                    line.billing_cycle,
                    &currency,
                    &fulfilment,
                    provisioning_delay,
                ));
                orders.len() - 1
            });
            let number = u32::try_from(entries.iter().filter(|e| e.order == order).count())
                .unwrap_or(u32::MAX);
            entries.push(Entry {
                line,
                enclosing,
                order,
                number,
            });
        }
        let rules = self.line_rules(lines, context);
        let bases: Vec<Option<AddOnBase>> = entries
            .iter()
            .map(|entry| rules.add_on_base(entry.line, entry.enclosing))
            .collect();
        let mut created: HashMap<u32, SubscriptionId> = HashMap::new();
        let (add_ons, bases_first): (Vec<_>, Vec<_>) = entries
            .iter()
            .zip(&bases)
            .partition(|(_, base)| base.is_some());
        for (entry, base) in bases_first.into_iter().chain(add_ons) {
            let parent = base.and_then(|base| match base {
                AddOnBase::Line(line) => created.get(&line).copied(),
                AddOnBase::Subscription(subscription) => Some(subscription),
            });
            let purchase = cart_purchase(entry.line, context, parent);
            let order_line =
                self.fulfil(&purchase, &orders[entry.order], entry.number, &fulfilment);
            if let Some(subscription) = order_line.subscription_id {
                created.insert(entry.line.id, subscription);
            }
            orders[entry.order].line_items.push(order_line);
        }
        orders
            .into_iter()
            .map(|mut order| {
                order.line_items.sort_by_key(|line| line.line_item_number);
                let order = Arc::new(order);
                self.orders.push(Arc::clone(&order));
                order
            })
            .collect()
    }
}

/// What a checked cart line buys: its catalog item or offer, term, partners of record (from
/// its participants), base subscription, trial flag and savings-plan benefit.
fn cart_purchase<'a>(
    line: &CartLineItem,
    context: &CartContext<'a>,
    parent: Option<SubscriptionId>,
) -> Purchase<'a> {
    let purchasable = context
        .catalog
        .purchasable(&line.catalog_item_id)
        .expect("a checked line names something the catalog sells");
    let is_trial = matches!(purchasable, Purchasable::Item(item) if item.sku.is_trial);
    let participants = |key: &'static str| {
        line.participants
            .iter()
            .filter(move |p| p.key == key)
            .map(|p| p.value.clone())
    };
    let savings_plan = (purchasable.kind() == OfferKind::SavingsPlan)
        .then(|| line.purchase_commitment.clone())
        .flatten()
        .map(|purchase_commitment| SavingsPlanBenefit {
            scope: BenefitScope {
                kind: line.context(SCOPE).unwrap_or("shared").to_ascii_lowercase(),
                subscription_id: line.context(SUBSCRIPTION_ID).map(str::to_ascii_lowercase),
                entitlement_id: line.context(ENTITLEMENT_ID).map(str::to_ascii_lowercase),
            },
            purchase_commitment,
        });
    Purchase {
        friendly_name: line.friendly_name.clone(),
        // The line rules let through only terms the catalog item offers, so every one reads.
        term: line.term_duration.as_deref().and_then(Term::parse),
        partner_id: participants("transaction_reseller").next().map(Into::into),
        additional_partner_ids: participants("additional_transaction_reseller").collect(),
        parent,
        is_trial,
        savings_plan,
        ..Purchase::of(purchasable.offer(), line.quantity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::fixture::{
        AZURE_PLAN, BASIC, E3, PHONE_ADD_ON, RESERVED_VM, SAAS, SAVINGS_PLAN, SOFTWARE, TRIAL,
    };
    use crate::domain::ids::IdSource;
    use crate::domain::order::OrderStatus;
    use crate::domain::provisioning::{LineProvisioningStatus, SubscriptionProvisioningStatus};
    use crate::domain::subscription::{BillingCycle, BillingType, SubscriptionStatus};
    use crate::domain::test_support::{
        LEGACY_ADD_ON, LEGACY_E3, Shop, add_azure_plan, add_subscription, customer, line, now,
    };
    use serde_json::json;

    fn is_hex12(id: &str) -> bool {
        id.len() == 12 && id.bytes().all(|b| b.is_ascii_hexdigit())
    }

    #[test]
    fn a_new_commerce_licence_becomes_an_active_subscription_with_its_term_and_window() {
        let mut shop = Shop::new();
        let result = shop.buy(json!([line(BASIC, 5, "monthly", Some("P1M"))]));
        assert_eq!(result.orders.len(), 1);
        assert!(result.order_errors.is_empty());
        let order = &result.orders[0];
        assert!(is_hex12(&order.id), "{}", order.id);
        assert_eq!(order.alternate_id.as_deref(), Some(order.id.as_str()));
        assert_eq!(order.status, OrderStatus::Completed);
        assert_eq!(order.billing_cycle, BillingCycle::Monthly);
        assert_eq!(order.transaction_type.as_deref(), Some("UserPurchase"));
        let order_line = &order.line_items[0];
        assert_eq!(order_line.offer_id, BASIC);
        assert_eq!(order_line.term_duration.as_deref(), Some("P1M"));
        let subscription = shop.subscription(order_line.subscription_id);
        assert!(subscription.is_new_commerce());
        assert_eq!(subscription.status, SubscriptionStatus::Active);
        assert_eq!(subscription.quantity, 5);
        assert_eq!(subscription.term_duration.as_deref(), Some("P1M"));
        assert_eq!(subscription.billing_cycle, BillingCycle::Monthly);
        assert!(subscription.auto_renew_enabled);
        assert_eq!(subscription.order_id, order.id);
        assert_eq!(
            subscription.cancellation_allowed_until_date,
            Some(now() + Duration::days(7))
        );
        assert_eq!(
            subscription.commitment_end_date,
            Term::parse("P1M").unwrap().last_day(now())
        );
        assert_eq!(shop.customer.carts[0].status, CartStatus::Ordered);
    }

    #[test]
    fn an_add_on_bought_with_its_base_hangs_under_the_new_base_subscription() {
        let mut shop = Shop::new();
        let result = shop.buy(json!([
            line(PHONE_ADD_ON, 3, "monthly", Some("P1M")),
            line(E3, 5, "monthly", Some("P1M")),
        ]));
        let order = &result.orders[0];
        let numbers: Vec<u32> = order
            .line_items
            .iter()
            .map(|l| l.line_item_number)
            .collect();
        assert_eq!(numbers, [0, 1]);
        let add_on = &order.line_items[0];
        let base = &order.line_items[1];
        assert_eq!(add_on.offer_id, PHONE_ADD_ON);
        assert_eq!(add_on.parent_subscription_id, base.subscription_id);
        let subscription = shop.subscription(add_on.subscription_id);
        assert_eq!(subscription.parent_subscription_id, base.subscription_id);
        assert!(subscription.is_add_on());
    }

    #[test]
    fn an_add_on_bought_alone_hangs_under_the_customers_base_subscription() {
        let ids = IdSource::sequential();
        let mut customer = customer();
        let e3 = add_subscription(&mut customer, &ids, E3, 10);
        let mut shop = Shop::with(customer);
        let result = shop.buy(json!([line(PHONE_ADD_ON, 3, "monthly", Some("P1M"))]));
        let add_on = &result.orders[0].line_items[0];
        assert_eq!(add_on.parent_subscription_id, Some(e3));
        assert_eq!(
            shop.subscription(add_on.subscription_id)
                .parent_subscription_id,
            Some(e3)
        );
    }

    #[test]
    fn the_azure_plan_becomes_a_subscription_with_an_active_azure_subscription() {
        let mut shop = Shop::new();
        let result = shop.buy(json!([line(AZURE_PLAN, 1, "one_time", None)]));
        let order = &result.orders[0];
        assert!(is_hex12(&order.id));
        let plan = shop.subscription(order.line_items[0].subscription_id);
        assert_eq!(plan.billing_type, BillingType::Usage);
        assert!(plan.has_active_azure_entitlements());
        assert_eq!(
            plan.azure_entitlements[0].id,
            plan.entitlement_id.clone().unwrap()
        );
        assert!(!plan.auto_renew_enabled);
    }

    #[test]
    fn reservations_and_software_share_one_order_of_entitlements() {
        let mut shop = Shop::new();
        let mut reservation = line(RESERVED_VM, 2, "one_time", Some("P1Y"));
        reservation["provisioningContext"] =
            json!({"subscriptionId": "1C461A25-F729-4FA5-AADB-280947DD05E8", "scope": "shared"});
        let result = shop.buy(json!([reservation, line(SOFTWARE, 1, "one_time", None)]));
        assert_eq!(result.orders.len(), 1);
        let order = &result.orders[0];
        assert_eq!(order.id.len(), 33);
        assert!(is_hex12(order.alternate_id.as_deref().unwrap()));
        assert_eq!(order.billing_cycle, BillingCycle::OneTime);
        assert!(order.line_items.iter().all(|l| l.subscription_id.is_none()));
        assert!(shop.customer.subscriptions.is_empty());
        let kinds: Vec<&str> = shop
            .customer
            .entitlements
            .iter()
            .map(|e| e.entitlement_type.as_str())
            .collect();
        assert_eq!(kinds, ["reservedinstance", "software"]);
        assert!(
            shop.customer
                .entitlements
                .iter()
                .all(|e| e.reference_order.id == order.id)
        );
        assert_eq!(shop.customer.entitlements[0].quantity, 2);
    }

    #[test]
    fn a_savings_plan_becomes_a_benefit_subscription_with_its_scope_and_commitment() {
        let ids = IdSource::sequential();
        let mut customer = customer();
        let (plan, _) = add_azure_plan(&mut customer, &ids);
        let mut shop = Shop::with(customer);
        let mut savings = line(SAVINGS_PLAN, 1, "monthly", Some("P1Y"));
        savings["provisioningContext"] =
            json!({"scope": "Shared", "subscriptionId": plan.to_string()});
        savings["purchaseCommitment"] =
            json!({"amount": "0.5", "grain": "Hourly", "currency": "USD"});
        let result = shop.buy(json!([savings]));
        let order = &result.orders[0];
        assert!(is_hex12(&order.id));
        let subscription = shop.subscription(order.line_items[0].subscription_id);
        assert!(subscription.is_savings_plan());
        assert_eq!(subscription.unit_type, "Benefit");
        assert_eq!(subscription.billing_cycle, BillingCycle::Monthly);
        assert_eq!(subscription.term_duration.as_deref(), Some("P1Y"));
        let benefit = subscription.savings_plan.as_ref().unwrap();
        assert_eq!(benefit.scope.kind, "shared");
        assert_eq!(benefit.scope.subscription_id, Some(plan.to_string()));
        assert_eq!(benefit.purchase_commitment.amount, "0.5");
        assert_eq!(benefit.purchase_commitment.grain, "hourly");
    }

    #[test]
    fn a_marketplace_product_and_its_trial_become_marketplace_subscriptions_in_their_own_orders() {
        let mut shop = Shop::new();
        let result = shop.buy(json!([
            line(SAAS, 1, "monthly", Some("P1M")),
            line(TRIAL, 25, "none", Some("P1M")),
        ]));
        assert_eq!(result.orders.len(), 2);
        let saas = &result.orders[0];
        assert_eq!(saas.id.len(), 33);
        let subscription = shop.subscription(saas.line_items[0].subscription_id);
        assert!(subscription.is_marketplace());
        assert!(subscription.cancellation_allowed_until_date.is_some());
        let trial = shop.subscription(result.orders[1].line_items[0].subscription_id);
        assert!(trial.is_trial);
        assert_eq!(trial.billing_cycle, BillingCycle::None);
    }

    #[test]
    fn a_marketplace_subscription_is_cancelled_within_its_window_and_gets_a_new_one_at_renewal() {
        let mut shop = Shop::new();
        let result = shop.buy(json!([
            line(SAAS, 1, "monthly", Some("P1M")),
            line(SAAS, 1, "monthly", Some("P1M")),
        ]));
        let cancelled = result.orders[0].line_items[0].subscription_id.unwrap();
        shop.set_status(cancelled, SubscriptionStatus::Deleted);
        assert_eq!(
            shop.subscription(Some(cancelled)).status,
            SubscriptionStatus::Deleted
        );
        let renewing = result.orders[0].line_items[1].subscription_id.unwrap();
        let renewal = shop.subscription(Some(renewing)).term_over_at().unwrap();
        shop.customer.settle(renewal + Duration::hours(1));
        assert_eq!(
            shop.subscription(Some(renewing))
                .cancellation_allowed_until_date,
            Some(renewal + Duration::days(7))
        );
    }

    #[test]
    fn a_legacy_offer_with_add_on_items_is_a_completed_legacy_order_even_with_a_delay() {
        let mut shop = Shop::new();
        let mut e3 = line(LEGACY_E3, 3, "monthly", None);
        e3["addonItems"] = json!([line(LEGACY_ADD_ON, 2, "monthly", None)]);
        let id = shop.cart(json!({"lineItems": [e3]}));
        let result = shop.checkout_at(id, now(), Duration::hours(1)).unwrap();
        let order = &result.orders[0];
        assert!(crate::domain::ids::parse_guid(&order.id).is_some());
        assert_eq!(order.status, OrderStatus::Completed);
        assert_eq!(order.transaction_type, None);
        let base = &order.line_items[0];
        let add_on = &order.line_items[1];
        assert_eq!(add_on.parent_subscription_id, base.subscription_id);
        assert!(
            shop.subscription(base.subscription_id)
                .product_type
                .is_none()
        );
    }

    #[test]
    fn a_mixed_cart_makes_one_order_per_order_group() {
        let mut shop = Shop::new();
        let id = shop.cart(json!({"lineItems": [
            line(LEGACY_E3, 1, "monthly", None),
            line(BASIC, 1, "monthly", Some("P1M")),
            line(E3, 1, "annual", Some("P1Y")),
            line(SOFTWARE, 1, "one_time", None),
            line(BASIC, 2, "monthly", Some("P1Y")),
        ]}));
        let groups: Vec<_> = shop.customer.carts[0]
            .line_items
            .iter()
            .map(|l| l.order_group.clone().unwrap())
            .collect();
        assert_eq!(groups, ["OMS-0", "0", "1", "2", "0"]);
        let result = shop.checkout(id).unwrap();
        let sizes: Vec<usize> = result.orders.iter().map(|o| o.line_items.len()).collect();
        assert_eq!(sizes, [1, 2, 1, 1]);
        assert_eq!(result.orders[2].billing_cycle, BillingCycle::Annual);
        assert_eq!(shop.customer.orders.len(), 4);
    }

    #[test]
    fn a_cart_with_a_line_in_error_is_refused_and_nothing_is_created() {
        let mut shop = Shop::new();
        let id = shop.cart(json!({"lineItems": [
            line(BASIC, 1, "monthly", Some("P1M")),
            line("CFQ7TTC0LH18:0001:NOPE", 1, "monthly", Some("P1M")),
        ]}));
        let before = shop.customer.clone();
        let refused = shop.checkout(id);
        assert_eq!(
            refused,
            Err(DomainError::CartHasErrors {
                cart: id,
                lines: vec!["1".to_owned()]
            })
        );
        assert_eq!(shop.customer, before);
    }

    #[test]
    fn a_line_that_broke_since_the_cart_was_made_refuses_the_checkout() {
        let ids = IdSource::sequential();
        let mut customer = customer();
        add_subscription(&mut customer, &ids, E3, 10);
        let mut shop = Shop::with(customer);
        let id = shop.cart(json!({"lineItems": [line(PHONE_ADD_ON, 3, "monthly", Some("P1M"))]}));
        assert!(!shop.customer.carts[0].has_line_errors());
        Arc::make_mut(&mut shop.customer.subscriptions[0]).status = SubscriptionStatus::Suspended;
        let before = shop.customer.clone();
        assert!(matches!(
            shop.checkout(id),
            Err(DomainError::CartHasErrors { .. })
        ));
        assert_eq!(shop.customer, before);
    }

    #[test]
    fn a_cart_is_checked_out_once() {
        let mut shop = Shop::new();
        let id = shop.cart(json!({"lineItems": [line(BASIC, 1, "monthly", Some("P1M"))]}));
        shop.checkout(id).unwrap();
        let before = shop.customer.clone();
        assert_eq!(
            shop.checkout(id),
            Err(DomainError::CartAlreadySubmitted(id))
        );
        assert_eq!(shop.customer, before);
    }

    #[test]
    fn an_unknown_or_expired_cart_cannot_be_checked_out() {
        let mut shop = Shop::new();
        let unknown = CartId(uuid::Uuid::nil());
        assert_eq!(
            shop.checkout(unknown),
            Err(DomainError::CartNotFound(unknown))
        );
        let id = shop.cart(json!({"lineItems": [line(BASIC, 1, "monthly", Some("P1M"))]}));
        let expired = shop.checkout_at(id, now() + Duration::days(7), Duration::zero());
        assert_eq!(expired, Err(DomainError::CartExpired(id)));
        assert!(shop.customer.orders.is_empty());
        assert!(
            shop.checkout_at(id, now() + Duration::days(6), Duration::zero())
                .is_ok()
        );
    }

    #[test]
    fn participants_need_the_partner_of_record_attestation() {
        let mut basic = line(BASIC, 1, "monthly", Some("P1M"));
        basic["participants"] = json!([
            {"key": "transaction_reseller", "value": "5357564"},
            {"key": "additional_transaction_reseller", "value": "517285"},
        ]);
        let mut shop = Shop::new();
        let id = shop.cart(json!({"lineItems": [basic.clone()]}));
        assert_eq!(
            shop.checkout(id),
            Err(DomainError::PartnerAttestationMissing(id))
        );
        assert!(shop.customer.orders.is_empty());
        let id =
            shop.cart(json!({"PartnerOnRecordAttestationAccepted": true, "lineItems": [basic]}));
        let result = shop.checkout(id).unwrap();
        let order_line = &result.orders[0].line_items[0];
        assert_eq!(order_line.partner_id_on_record.as_deref(), Some("5357564"));
        assert_eq!(order_line.additional_partner_ids_on_record, ["517285"]);
        assert_eq!(
            shop.subscription(order_line.subscription_id)
                .partner_id
                .as_deref(),
            Some("5357564")
        );
    }

    #[test]
    fn with_a_provisioning_delay_orders_stay_pending_until_the_clock_passes_it() {
        let mut shop = Shop::new();
        let id = shop.cart(json!({"lineItems": [line(BASIC, 1, "monthly", Some("P1M"))]}));
        let result = shop.checkout_at(id, now(), Duration::hours(1)).unwrap();
        let order = &result.orders[0];
        assert_eq!(order.status, OrderStatus::Pending);
        assert_eq!(order.pending_until, Some(now() + Duration::hours(1)));
        assert_eq!(
            order.line_provisioning_status(),
            LineProvisioningStatus::PrefulfillmentPending
        );
        let subscription = order.line_items[0]
            .subscription_id
            .expect("named while pending");
        assert_eq!(
            shop.customer.subscription_provisioning_status(subscription),
            Ok(SubscriptionProvisioningStatus::Pending)
        );
        let almost = now() + Duration::minutes(59);
        assert!(!shop.customer.needs_settling(almost));
        let due = now() + Duration::hours(1);
        assert!(shop.customer.needs_settling(due));
        shop.customer.settle(due);
        let order = shop.customer.order(&order.id).unwrap();
        assert_eq!(order.status, OrderStatus::Completed);
        assert_eq!(order.pending_until, None);
        assert_eq!(order.version, 2);
        assert_eq!(
            order.line_provisioning_status(),
            LineProvisioningStatus::Fulfilled
        );
        assert_eq!(
            shop.customer.subscription_provisioning_status(subscription),
            Ok(SubscriptionProvisioningStatus::Success)
        );
        assert!(!shop.customer.needs_settling(due));
    }

    #[test]
    fn post_orders_with_a_delay_is_pending_too_and_without_one_completed() {
        use crate::domain::order::{LineItemRequest, OrderRequest};
        let shop = Shop::new();
        let mut customer = customer();
        let fulfilment = shop.fulfilment();
        let request = || OrderRequest {
            line_items: Some(vec![LineItemRequest {
                offer_id: Some(BASIC.to_owned()),
                quantity: Some(2),
                ..LineItemRequest::default()
            }]),
            ..OrderRequest::default()
        };
        let pending = customer
            .place_order_with_delay(request(), &fulfilment, Duration::minutes(5))
            .unwrap();
        assert_eq!(
            customer.order(&pending).unwrap().status,
            OrderStatus::Pending
        );
        let completed = customer.place_order(request(), &fulfilment).unwrap();
        let order = customer.order(&completed).unwrap();
        assert_eq!(order.status, OrderStatus::Completed);
        assert_eq!(order.line_items[0].term_duration.as_deref(), Some("P1Y"));
    }

    #[test]
    fn post_orders_buys_a_catalog_item_only_the_product_catalog_holds() {
        use crate::domain::order::{LineItemRequest, OrderRequest};
        let shop = Shop::new();
        let mut customer = customer();
        let fulfilment = shop.fulfilment();
        let request = OrderRequest {
            line_items: Some(vec![
                LineItemRequest {
                    offer_id: Some(RESERVED_VM.to_owned()),
                    quantity: Some(1),
                    ..LineItemRequest::default()
                },
                LineItemRequest {
                    offer_id: Some(SOFTWARE.to_lowercase()),
                    quantity: Some(1),
                    ..LineItemRequest::default()
                },
            ]),
            ..OrderRequest::default()
        };
        let id = customer.place_order(request, &fulfilment).unwrap();
        assert_eq!(
            customer.order(&id).unwrap().line_items[1].offer_id,
            SOFTWARE
        );
        assert_eq!(customer.entitlements.len(), 2);
    }

    /// The carts of the Partner Center documentation, sent as they are to a customer of the
    /// default seed, carry no line errors and check out (the one that names a base subscription
    /// the seed does not hold excepted).
    #[test]
    fn the_documented_carts_check_out_against_the_default_seed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/contract/subscriptions");
        if !dir.is_dir() {
            eprintln!("skipped: ../shared/contract is absent, so there are no recorded carts");
            return;
        }
        let data = crate::seed::Seed::default_set().data();
        let adatum =
            crate::domain::CustomerId::parse("11111111-1111-4111-8111-111111111111").unwrap();
        let customer = data.customers().find(|c| c.id == adatum).unwrap();
        let mut shop = Shop {
            catalog: data.catalog().clone(),
            partner: data.partner().clone(),
            ids: IdSource::sequential(),
            customer: Customer::clone(customer),
        };
        let read = |name: &str| -> serde_json::Value {
            serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
        };
        for (name, orders) in [
            ("post-cart.request.json", 4),
            ("post-cart-nce.request.json", 1),
            ("post-cart-attestation-participants.request.json", 1),
            ("post-cart-addons-new-base.request.json", 1),
        ] {
            let id = shop.cart(read(name));
            let cart = shop.customer.cart(id, now()).unwrap();
            let errors: Vec<_> = cart
                .line_items
                .iter()
                .flat_map(CartLineItem::with_add_ons)
                .filter_map(|line| line.error.as_ref())
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
            let result = shop.checkout(id).unwrap();
            assert_eq!(result.orders.len(), orders, "{name}");
        }
        let id = shop.cart(read("post-cart-addon-existing-base.request.json"));
        let cart = shop.customer.cart(id, now()).unwrap();
        let error = cart.line_items[0].error.as_ref().unwrap();
        assert_eq!(
            error.error_code.code(),
            10007,
            "the docs' base subscription is not Adatum's"
        );
    }
}
