//! `/v1/customers/{id}/orders`: buying, reading and changing orders.

use super::auth::Caller;
use super::idempotency;
use crate::domain::CustomerId;
use crate::domain::ids::OrderId;
use crate::domain::order::{Fulfilment, OrderRequest};
use crate::domain::subscription::BillingCycle;
use crate::http::error::ApiError;
use crate::http::extract::{Ids, JsonBody, Query};
use crate::http::preconditions::IfMatch;
use crate::http::response::{created_rendered, ok, ok_rendered, ok_rendered_items};
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::store::Context;
use crate::views::customer_uri;
use crate::views::order::{LineProvisioningView, OrderView};
use crate::views::rendered;
use crate::wire::{Collection, Links};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

/// `POST /v1/customers/{id}/orders`: 201 with the order; `MS-RequestId` makes it idempotent.
pub(super) async fn create<S: Shared>(
    State(state): State<S>,
    caller: Caller,
    Ids(id): Ids<CustomerId>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<OrderRequest>,
) -> Response {
    idempotency::create_once(&caller, &headers, || {
        create_once(&state, &caller, id, request)
    })
    .await
}

fn create_once(
    state: &impl Shared,
    caller: &Caller,
    id: CustomerId,
    request: OrderRequest,
) -> Result<Response, ApiError> {
    let (order_id, customer) = caller
        .store
        .update_related_customer(id, |customer, context| {
            let delay = context.settings.provisioning_delay;
            customer.place_order_with_delay(request, &fulfilment(state, context), delay)
        })?;
    // The answer is the new version's kept form, so a later read of it serializes nothing.
    Ok(created_rendered(rendered::order(
        &customer,
        customer.order(&order_id)?,
    )))
}

/// What fulfilling an order needs: the catalog and clock of the namespace, the server's ids.
fn fulfilment<'a>(state: &'a impl Shared, context: &Context<'a>) -> Fulfilment<'a> {
    Fulfilment {
        catalog: context.catalog,
        now: context.now,
        ids: state.ids(),
    }
}

/// `GET /v1/customers/{id}/orders`, optionally `?billingType=onetime` (the billing cycle).
pub(super) async fn list(
    caller: Caller,
    Ids(id): Ids<CustomerId>,
    Query(params): Query,
) -> Result<Response, ApiError> {
    let billing = params
        .non_empty("billingType")
        .map(|raw| {
            BillingCycle::from_wire(raw)
                .ok_or_else(|| ApiError::BadRequest(format!("billingType '{raw}' is not valid.")))
        })
        .transpose()?;
    let customer = caller.store.related_customer(id)?;
    let items = customer
        .orders
        .iter()
        .filter(|order| billing.is_none_or(|cycle| order.billing_cycle == cycle))
        .map(|order| rendered::order(&customer, order))
        .collect();
    let links = Links::to_self(format!("{}/orders", customer_uri(id)));
    Ok(ok_rendered_items(items, |items| {
        Collection::new(items).with_links(links)
    }))
}

/// `GET /v1/customers/{id}/orders/{orderId}`.
pub(super) async fn get(
    caller: Caller,
    Ids((id, order_id)): Ids<(CustomerId, OrderId)>,
) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    let order = customer.order(&order_id)?;
    Ok(ok_rendered(rendered::order(&customer, order)))
}

/// `PATCH /v1/customers/{id}/orders/{orderId}`: add add-ons, change the billing cycle, or cancel.
pub(super) async fn update<S: Shared>(
    State(state): State<S>,
    caller: Caller,
    Ids((id, order_id)): Ids<(CustomerId, OrderId)>,
    if_match: IfMatch,
    JsonBody(request): JsonBody<OrderRequest>,
) -> Result<Response, ApiError> {
    let precondition = if_match.and_body(request.attributes.as_ref(), &order_id);
    let ((), customer) = caller
        .store
        .update_related_customer(id, |customer, context| {
            customer.update_order(
                &order_id,
                request,
                precondition,
                &fulfilment(&state, context),
            )
        })?;
    Ok(ok(&OrderView::new(id, customer.order(&order_id)?)))
}

/// `GET /v1/customers/{id}/orders/{orderId}/provisioningstatus`.
pub(super) async fn provisioning_status(
    caller: Caller,
    Ids((id, order_id)): Ids<(CustomerId, OrderId)>,
) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    let order = customer.order(&order_id)?;
    let items = order
        .line_items
        .iter()
        .map(|line| LineProvisioningView::new(order, line))
        .collect();
    Ok(ok(&Collection::new(items)))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::post("/v1/customers/{customer_id}/orders", "createOrder")
                .summary("Places an order; its line items become subscriptions. `MS-RequestId` makes the request idempotent.")
                .header("MS-RequestId", "Repeating it replays the first answer.")
                .body::<OrderRequest>()
                .created::<OrderView<'static>>("The order."),
            create::<S>,
        )
        .add(
            Operation::get("/v1/customers/{customer_id}/orders", "listOrders")
                .summary("Lists a customer's orders.")
                .query("billingType", "Only orders of this billing cycle, such as `one_time`.")
                .ok::<Collection<OrderView<'static>>>("The orders."),
            list,
        )
        .add(
            Operation::get("/v1/customers/{customer_id}/orders/{order_id}", "getOrder")
                .summary("Gets an order.")
                .ok::<OrderView<'static>>("The order."),
            get,
        )
        .add(
            Operation::patch("/v1/customers/{customer_id}/orders/{order_id}", "updateOrder")
                .summary("Adds add-ons to an order, changes its billing cycle, or cancels it; the etag (`attributes.etag` or `If-Match`) must be current.")
                .header("If-Match", "The order's etag.")
                .body::<OrderRequest>()
                .ok::<OrderView<'static>>("The order after the change."),
            update::<S>,
        )
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/orders/{order_id}/provisioningstatus",
                "getOrderProvisioningStatus",
            )
            .summary("Gets the provisioning status of each line item of an order.")
            .ok::<Collection<LineProvisioningView>>("The line items' provisioning status."),
            provisioning_status,
        )
}
