//! `/v1/customers/{id}/subscriptions`: reading and changing subscriptions.

use super::auth::Caller;
use crate::domain::CustomerId;
use crate::domain::SubscriptionId;
use crate::domain::subscription::update::SubscriptionUpdate;
use crate::domain::{Customer, Subscription};
use crate::http::error::ApiError;
use crate::http::extract::{Ids, JsonBody, Query};
use crate::http::preconditions::IfMatch;
use crate::http::response::{accepted_rendered, ok, ok_rendered, ok_rendered_items};
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::views::customer_uri;
use crate::views::rendered;
use crate::views::subscription::{SubscriptionProvisioningView, SubscriptionView};
use crate::wire::{Collection, Links};
use axum::response::Response;
use chrono::Duration;

fn collection(
    caller: &Caller,
    customer: &Customer,
    keep: impl Fn(&Subscription) -> bool,
    self_uri: String,
) -> Response {
    let catalog = caller.store.catalog();
    let items = customer
        .subscriptions
        .iter()
        .filter(|s| keep(s))
        .map(|s| rendered::subscription(customer, s, &catalog))
        .collect();
    ok_rendered_items(items, |items| {
        Collection::new(items).with_links(Links::to_self(self_uri))
    })
}

/// `GET /v1/customers/{id}/subscriptions`, optionally by `order_id` or by the reseller's `mpn_id`.
pub(super) async fn list(
    caller: Caller,
    Ids(id): Ids<CustomerId>,
    Query(params): Query,
) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    let order_id = params.non_empty("order_id").map(str::trim);
    let mpn_id = params.non_empty("mpn_id").map(str::trim);
    let keep = |s: &Subscription| {
        order_id.is_none_or(|order| s.order_id.eq_ignore_ascii_case(order))
            && mpn_id.is_none_or(|mpn| s.partner_id.as_deref() == Some(mpn))
    };
    Ok(collection(
        &caller,
        &customer,
        keep,
        format!("{}/subscriptions", customer_uri(id)),
    ))
}

/// `GET /v1/customers/{id}/subscriptions/{subscriptionId}`.
pub(super) async fn get(
    caller: Caller,
    Ids((id, subscription)): Ids<(CustomerId, SubscriptionId)>,
) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    let found = customer.subscription(subscription)?;
    Ok(ok_rendered(rendered::subscription(
        &customer,
        found,
        &caller.store.catalog(),
    )))
}

/// `GET /v1/customers/{id}/subscriptions/{subscriptionId}/provisioningstatus` (App+User only):
/// `pending` while the order that bought it is pending, else `success`.
pub(super) async fn provisioning_status(
    caller: Caller,
    Ids((id, subscription)): Ids<(CustomerId, SubscriptionId)>,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let customer = caller.store.related_customer(id)?;
    let status = customer.subscription_provisioning_status(subscription)?;
    let found = customer.subscription(subscription)?;
    Ok(ok(&SubscriptionProvisioningView::new(found, status)))
}

/// `GET /v1/customers/{id}/subscriptions/{subscriptionId}/addons`.
pub(super) async fn add_ons(
    caller: Caller,
    Ids((id, subscription)): Ids<(CustomerId, SubscriptionId)>,
) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    customer.subscription(subscription)?;
    let uri = format!("{}/subscriptions/{subscription}/addons", customer_uri(id));
    Ok(collection(
        &caller,
        &customer,
        |s| s.parent_subscription_id == Some(subscription),
        uri,
    ))
}

/// `PATCH /v1/customers/{id}/subscriptions/{subscriptionId}`: status, quantity, friendly name,
/// auto-renew, scheduled next-term changes. The etag (body `attributes.etag` or `If-Match`) must
/// be current when given. With a provisioning delay set, a quantity change is slow: 202 with the
/// subscription's address in `Location` (reference api-new-commerce §4.11).
pub(super) async fn update(
    caller: Caller,
    Ids((id, subscription)): Ids<(CustomerId, SubscriptionId)>,
    if_match: IfMatch,
    JsonBody(update): JsonBody<SubscriptionUpdate>,
) -> Result<Response, ApiError> {
    let precondition = if_match.and_body(update.attributes.as_ref(), &subscription.to_string());
    let (slow, customer) = caller
        .store
        .update_related_customer(id, |customer, context| {
            let before = customer.subscription(subscription)?.quantity;
            customer.update_subscription(
                subscription,
                update,
                precondition,
                &context.for_update(),
            )?;
            let after = customer.subscription(subscription)?.quantity;
            Ok(before != after && context.settings.provisioning_delay > Duration::zero())
        })?;
    // The answer is the new version's kept form, so a later read of it serializes nothing.
    let updated = customer.subscription(subscription)?;
    let view = rendered::subscription(&customer, updated, &caller.store.catalog());
    Ok(if slow {
        accepted_rendered(
            &format!("{}/subscriptions/{subscription}", customer_uri(id)),
            view,
        )
    } else {
        ok_rendered(view)
    })
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/subscriptions/{subscription_id}/provisioningstatus",
                "getSubscriptionProvisioningStatus",
            )
            .summary("Gets whether a subscription's purchase is provisioned (App+User only).")
            .ok::<SubscriptionProvisioningView<'static>>("The provisioning status."),
            provisioning_status,
        )
        .add(
            Operation::get("/v1/customers/{customer_id}/subscriptions", "listSubscriptions")
                .summary("Lists a customer's subscriptions, optionally those of one order or one indirect reseller.")
                .query("order_id", "Only the subscriptions this order created.")
                .query("mpn_id", "Only the subscriptions sold through this indirect reseller.")
                .ok::<Collection<SubscriptionView<'static>>>("The subscriptions."),
            list,
        )
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/subscriptions/{subscription_id}",
                "getSubscription",
            )
            .summary("Gets a subscription.")
            .ok::<SubscriptionView<'static>>("The subscription."),
            get,
        )
        .add(
            Operation::patch(
                "/v1/customers/{customer_id}/subscriptions/{subscription_id}",
                "updateSubscription",
            )
            .summary("Changes a subscription's status, quantity, friendly name, auto-renewal or scheduled next-term changes.")
            .header("If-Match", "The subscription's etag.")
            .body::<SubscriptionUpdate>()
            .ok::<SubscriptionView<'static>>("The subscription after the change.")
            .answers::<SubscriptionView<'static>>(
                202,
                "A quantity change accepted while it provisions (a provisioning delay is set); Location names the subscription.",
            ),
            update,
        )
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/subscriptions/{subscription_id}/addons",
                "listSubscriptionAddOns",
            )
            .summary("Lists the add-on subscriptions of a subscription.")
            .ok::<Collection<SubscriptionView<'static>>>("The add-on subscriptions."),
            add_ons,
        )
}
