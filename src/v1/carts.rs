//! `/v1/customers/{id}/carts`: build a cart, read it, replace it, and check it out (reference
//! api-new-commerce §3). A line that breaks a rule carries its error in the cart instead of
//! failing the request; a checkout creates every order or none.

use super::auth::Caller;
use super::idempotency;
use crate::domain::CustomerId;
use crate::domain::cart::{CartContext, CartRequest};
use crate::domain::ids::CartId;
use crate::http::error::ApiError;
use crate::http::extract::{Ids, JsonBody, PathId};
use crate::http::response::{created, ok_rendered};
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::store::Context;
use crate::views::cart::{CartView, CheckoutView};
use crate::views::rendered;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

impl PathId for CartId {
    fn from_path(raw: String) -> Result<Self, ApiError> {
        Self::parse(&raw).ok_or(ApiError::NotAGuid("Cart"))
    }
}

/// What cart rules read: the namespace's catalog, partner and clock, the server's ids, and who
/// the caller is.
fn cart_context<'a>(
    state: &'a impl Shared,
    caller: &Caller,
    context: &Context<'a>,
) -> CartContext<'a> {
    CartContext {
        catalog: context.catalog,
        partner: context.partner,
        now: context.now,
        ids: state.ids(),
        user: caller.user,
    }
}

/// `POST /v1/customers/{id}/carts`: 201 with the cart; `MS-RequestId` makes it idempotent.
async fn create<S: Shared>(
    State(state): State<S>,
    caller: Caller,
    Ids(id): Ids<CustomerId>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<CartRequest>,
) -> Response {
    idempotency::create_once(&caller, &headers, || {
        let (cart, customer) = caller
            .store
            .update_related_customer(id, |customer, context| {
                customer.create_cart(request, &cart_context(&state, &caller, context))
            })?;
        let now = caller.store.clock().now();
        Ok(created(&CartView::new(id, customer.cart(cart, now)?)))
    })
    .await
}

/// `GET /v1/customers/{id}/carts/{cartId}`.
async fn get(
    caller: Caller,
    Ids((id, cart)): Ids<(CustomerId, CartId)>,
) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    let now = caller.store.clock().now();
    Ok(ok_rendered(rendered::cart(
        &customer,
        customer.cart(cart, now)?,
    )))
}

/// `PUT /v1/customers/{id}/carts/{cartId}`: replaces the lines; 201, as the docs print it.
async fn replace<S: Shared>(
    State(state): State<S>,
    caller: Caller,
    Ids((id, cart)): Ids<(CustomerId, CartId)>,
    JsonBody(request): JsonBody<CartRequest>,
) -> Result<Response, ApiError> {
    let ((), customer) = caller
        .store
        .update_related_customer(id, |customer, context| {
            customer.update_cart(cart, request, &cart_context(&state, &caller, context))
        })?;
    let now = caller.store.clock().now();
    Ok(created(&CartView::new(id, customer.cart(cart, now)?)))
}

/// `POST .../carts/{cartId}/checkout`: 201 with the orders. The body is ignored: the docs send
/// none and the .NET SDK sends the JSON string `"success"`.
///
/// The cart is marked as being checked out while its orders are made, off the async workers; a
/// checkout that meets the mark is refused at once with 409, code 800064.
async fn checkout<S: Shared>(
    State(state): State<S>,
    caller: Caller,
    Ids((id, cart)): Ids<(CustomerId, CartId)>,
    headers: HeaderMap,
) -> Response {
    idempotency::create_once_awaiting(&caller, &headers, || async {
        let _in_progress = caller.namespace.checkouts().begin(cart)?;
        let placing = {
            let caller = caller.clone();
            move || {
                caller
                    .store
                    .update_related_customer(id, |customer, context| {
                        let delay = context.settings.provisioning_delay;
                        customer.checkout_cart(cart, &cart_context(&state, &caller, context), delay)
                    })
            }
        };
        let (result, _) = tokio::task::spawn_blocking(placing)
            .await
            .unwrap_or_else(|failed| std::panic::resume_unwind(failed.into_panic()))?;
        Ok(created(&CheckoutView::new(id, &result)))
    })
    .await
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::post("/v1/customers/{customer_id}/carts", "createCart")
                .summary("Creates a cart; a line that breaks a rule carries an error with its integer code instead of failing the request.")
                .header("MS-RequestId", "Repeating it replays the first answer.")
                .body::<CartRequest>()
                .created::<CartView<'static>>("The cart, valid for 7 days."),
            create::<S>,
        )
        .add(
            Operation::get("/v1/customers/{customer_id}/carts/{cart_id}", "getCart")
                .summary("Gets a cart that has not expired.")
                .ok::<CartView<'static>>("The cart."),
            get,
        )
        .add(
            Operation::put("/v1/customers/{customer_id}/carts/{cart_id}", "updateCart")
                .summary("Replaces a cart's line items, checked again; answers 201, as documented.")
                .body::<CartRequest>()
                .created::<CartView<'static>>("The cart after the change."),
            replace::<S>,
        )
        .add(
            Operation::post(
                "/v1/customers/{customer_id}/carts/{cart_id}/checkout",
                "checkoutCart",
            )
            .summary("Checks a cart out: one order per order group, all or nothing. Any body is ignored.")
            .header("MS-RequestId", "Repeating it replays the first answer.")
            .created::<CheckoutView<'static>>("The orders created."),
            checkout::<S>,
        )
}
