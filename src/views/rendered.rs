//! The views that depend on nothing but one customer version (and its namespace's catalog),
//! serialized once into that version's forms ([`crate::domain::rendered`]) and shared by every
//! reader: the customer (full and as a list item), each subscription, order, entitlement, user,
//! cart and migration, and each licence assigned to a user.
//!
//! A form's bytes are exactly what serializing the view afresh gives; answers that depend on
//! the request or the clock (a new customer's credentials, a page's links and continuation
//! token) are never kept here: a page is written around the kept items.
//!
//! The catalog a subscription's form reads is the namespace's, which a customer version never
//! leaves: a namespace built from other data is built from copies, and a copy starts without
//! forms.

use super::cart::CartView;
use super::customer::{CustomerView, Detail};
use super::entitlement::EntitlementView;
use super::license::LicenseView;
use super::migration::MigrationView;
use super::order::OrderView;
use super::subscription::SubscriptionView;
use super::user::CustomerUserView;
use crate::domain::cart::Cart;
use crate::domain::entitlement::Entitlement;
use crate::domain::licensing::ProductSku;
use crate::domain::migration::Migration;
use crate::domain::offer::Catalog;
use crate::domain::rendered::{Forms, Json, Slot};
use crate::domain::users::{AssignedLicense, CustomerUser};
use crate::domain::{Customer, Order, Subscription};
use serde::Serialize;
use std::sync::Arc;

/// The customer's view at `detail`.
///
/// # Errors
/// When the view fails to serialize.
pub(crate) fn customer(customer: &Customer, detail: Detail) -> Result<Json, serde_json::Error> {
    let forms = customer.forms();
    let slot = match detail {
        Detail::Full => &forms.full,
        Detail::ListItem => &forms.list_item,
    };
    kept(slot, || CustomerView::new(customer, detail))
}

/// The view of `subscription`, one of `customer`'s.
///
/// # Errors
/// When the view fails to serialize.
pub(crate) fn subscription(
    customer: &Customer,
    subscription: &Subscription,
    catalog: &Catalog,
) -> Result<Json, serde_json::Error> {
    held(
        customer,
        &customer.subscriptions,
        |f| &f.subscriptions,
        subscription,
        || SubscriptionView::new(customer.id, subscription, catalog),
    )
}

/// The view of `order`, one of `customer`'s.
///
/// # Errors
/// When the view fails to serialize.
pub(crate) fn order(customer: &Customer, order: &Order) -> Result<Json, serde_json::Error> {
    held(
        customer,
        &customer.orders,
        |f| &f.orders,
        order,
        || OrderView::new(customer.id, order),
    )
}

/// The view of `entitlement`, one of `customer`'s, with or without its expiry date.
///
/// # Errors
/// When the view fails to serialize.
pub(crate) fn entitlement(
    customer: &Customer,
    entitlement: &Entitlement,
    show_expiry: bool,
) -> Result<Json, serde_json::Error> {
    let slot = customer
        .entitlements
        .iter()
        .position(|e| std::ptr::eq(e, entitlement))
        .and_then(|at| customer.forms().entitlements.get(at))
        .map(|pair| &pair[usize::from(show_expiry)]);
    kept_at(slot, || {
        EntitlementView::new(customer, entitlement, show_expiry)
    })
}

/// The view of `user`, one of `customer`'s.
///
/// # Errors
/// When the view fails to serialize.
pub(crate) fn user(customer: &Customer, user: &CustomerUser) -> Result<Json, serde_json::Error> {
    held(
        customer,
        &customer.users,
        |f| &f.users,
        user,
        || CustomerUserView::new(customer.id, user),
    )
}

/// The view of `license`, assigned to `user`, one of `customer`'s; `sku` is its product SKU.
///
/// # Errors
/// When the view fails to serialize.
pub(crate) fn license(
    customer: &Customer,
    user: &CustomerUser,
    sku: &ProductSku,
    license: &AssignedLicense,
) -> Result<Json, serde_json::Error> {
    let slot = position(&customer.users, user).and_then(|at| {
        let licenses = customer.forms().licenses.get(at)?;
        let index = user
            .licenses
            .iter()
            .position(|l| std::ptr::eq(l, license))?;
        licenses.get(index)
    });
    kept_at(slot, || LicenseView::new(sku, license))
}

/// The view of `cart`, one of `customer`'s.
///
/// # Errors
/// When the view fails to serialize.
pub(crate) fn cart(customer: &Customer, cart: &Cart) -> Result<Json, serde_json::Error> {
    held(
        customer,
        &customer.carts,
        |f| &f.carts,
        cart,
        || CartView::new(customer.id, cart),
    )
}

/// The view of `migration`, one of `customer`'s.
///
/// # Errors
/// When the view fails to serialize.
pub(crate) fn migration(
    customer: &Customer,
    migration: &Migration,
) -> Result<Json, serde_json::Error> {
    held(
        customer,
        &customer.migrations,
        |f| &f.migrations,
        migration,
        || MigrationView::new(customer.id, migration),
    )
}

/// The form of `item`, one of the resources `customer` holds in `items`, kept in the slot at its
/// position among `slots` of the customer's forms.
fn held<T, V: Serialize>(
    customer: &Customer,
    items: &[Arc<T>],
    slots: impl FnOnce(&Forms) -> &[Slot],
    item: &T,
    view: impl FnOnce() -> V,
) -> Result<Json, serde_json::Error> {
    let slot = position(items, item).and_then(|at| slots(customer.forms()).get(at));
    kept_at(slot, view)
}

/// Where `item` is among `held`, by identity: a resource that is not the customer's has no slot.
fn position<T>(held: &[Arc<T>], item: &T) -> Option<usize> {
    held.iter().position(|held| std::ptr::eq(&**held, item))
}

/// The form kept in `slot`, or a fresh one when there is no slot.
fn kept_at<V: Serialize>(
    slot: Option<&Slot>,
    view: impl FnOnce() -> V,
) -> Result<Json, serde_json::Error> {
    match slot {
        Some(slot) => kept(slot, view),
        None => made(&view()),
    }
}

/// The slot's form, made from `view` when it is the first to be asked for.
fn kept<V: Serialize>(slot: &Slot, view: impl FnOnce() -> V) -> Result<Json, serde_json::Error> {
    if let Some(json) = slot.get() {
        return Ok(Arc::clone(json));
    }
    let json = made(&view())?;
    // Two first readers may both serialize; both forms are equal, and the first one stays.
    Ok(Arc::clone(slot.get_or_init(|| json)))
}

fn made<V: Serialize>(view: &V) -> Result<Json, serde_json::Error> {
    serde_json::value::to_raw_value(view).map(Json::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Data;

    /// The default seed as a namespace holds it, its clock-relative customers included.
    fn seeded() -> Arc<Data> {
        Data::anchored(crate::seed::Seed::default_set().data(), chrono::Utc::now())
    }

    fn fresh<V: Serialize>(view: &V) -> String {
        serde_json::to_string(view).unwrap()
    }

    #[test]
    fn every_kept_form_of_the_default_seed_equals_a_fresh_serialization() {
        let data = seeded();
        let catalog = data.catalog();
        let (mut subscriptions, mut orders, mut entitlements) = (0, 0, 0);
        let (mut users, mut licenses, mut carts, mut migrations) = (0, 0, 0, 0);
        for customer in data.customers() {
            for detail in [Detail::Full, Detail::ListItem] {
                let expected = fresh(&CustomerView::new(customer, detail));
                // Made on the first read, kept for the second.
                assert_eq!(super::customer(customer, detail).unwrap().get(), expected);
                assert_eq!(super::customer(customer, detail).unwrap().get(), expected);
            }
            for s in &customer.subscriptions {
                let expected = fresh(&SubscriptionView::new(customer.id, s, catalog));
                assert_eq!(subscription(customer, s, catalog).unwrap().get(), expected);
                assert_eq!(subscription(customer, s, catalog).unwrap().get(), expected);
                subscriptions += 1;
            }
            for o in &customer.orders {
                let expected = fresh(&OrderView::new(customer.id, o));
                assert_eq!(order(customer, o).unwrap().get(), expected);
                assert_eq!(order(customer, o).unwrap().get(), expected);
                orders += 1;
            }
            for e in &customer.entitlements {
                for show_expiry in [false, true] {
                    let expected = fresh(&EntitlementView::new(customer, e, show_expiry));
                    assert_eq!(
                        entitlement(customer, e, show_expiry).unwrap().get(),
                        expected
                    );
                    assert_eq!(
                        entitlement(customer, e, show_expiry).unwrap().get(),
                        expected
                    );
                }
                entitlements += 1;
            }
            for c in &customer.carts {
                let expected = fresh(&CartView::new(customer.id, c));
                assert_eq!(cart(customer, c).unwrap().get(), expected);
                assert_eq!(cart(customer, c).unwrap().get(), expected);
                carts += 1;
            }
            for m in &customer.migrations {
                let expected = fresh(&MigrationView::new(customer.id, m));
                assert_eq!(migration(customer, m).unwrap().get(), expected);
                assert_eq!(migration(customer, m).unwrap().get(), expected);
                migrations += 1;
            }
            for u in &customer.users {
                let expected = fresh(&CustomerUserView::new(customer.id, u));
                assert_eq!(user(customer, u).unwrap().get(), expected);
                assert_eq!(user(customer, u).unwrap().get(), expected);
                users += 1;
                for l in &u.licenses {
                    let sku = crate::domain::licensing::product_sku(l.sku_id).unwrap();
                    let expected = fresh(&LicenseView::new(sku, l));
                    assert_eq!(license(customer, u, sku, l).unwrap().get(), expected);
                    assert_eq!(license(customer, u, sku, l).unwrap().get(), expected);
                    licenses += 1;
                }
            }
        }
        assert!(data.customer_count() > 5 && subscriptions > 10 && orders > 5);
        assert!(entitlements > 1 && users > 10 && licenses > 10);
        assert!(carts > 0 && migrations > 0);
    }

    #[test]
    fn readers_share_one_form_and_a_changed_copy_makes_its_own() {
        let data = seeded();
        let customer = data.customers().next().unwrap();
        let first = super::customer(customer, Detail::Full).unwrap();
        let again = super::customer(customer, Detail::Full).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        let mut renamed = Customer::clone(customer);
        std::sync::Arc::make_mut(&mut renamed.company_profile).company_name = "Renamed Ltd".into();
        let changed = super::customer(&renamed, Detail::Full).unwrap();
        assert_eq!(
            changed.get(),
            fresh(&CustomerView::new(&renamed, Detail::Full))
        );
        assert!(changed.get().contains("Renamed Ltd"));
    }

    #[test]
    fn a_subscription_that_is_not_the_customers_is_serialized_afresh() {
        let data = seeded();
        let mut customers = data.customers().filter(|c| !c.subscriptions.is_empty());
        let (owner, other) = (customers.next().unwrap(), customers.next().unwrap());
        let stranger = &other.subscriptions[0];
        let expected = fresh(&SubscriptionView::new(owner.id, stranger, data.catalog()));
        assert_eq!(
            subscription(owner, stranger, data.catalog()).unwrap().get(),
            expected
        );
    }
}
