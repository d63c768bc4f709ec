//! `GET /_mock/customers/{id}/carts`: every cart a customer has, which Partner Center cannot
//! list (its carts are read one by one, by id).

use super::Items;
use super::Target;
use crate::domain::CustomerId;
use crate::http::error::ApiError;
use crate::http::extract::Ids;
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::views::cart::CartView;
use axum::response::Response;

/// The customer's carts that have not expired, `Active` and `Ordered`, oldest first, each as
/// `GET /v1/customers/{id}/carts/{cartId}` writes it.
pub(super) async fn carts(
    Target(namespace): Target,
    Ids(id): Ids<CustomerId>,
) -> Result<Response, ApiError> {
    let customer = namespace.store().customer(id)?;
    let items: Vec<_> = customer
        .carts
        .iter()
        .map(|cart| CartView::new(id, cart))
        .collect();
    Ok(ok(&Items { items: &items }))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new().add(
        Operation::get("/_mock/customers/{customer_id}/carts", "listCarts")
            .summary("Every cart of a customer that has not expired, Active or Ordered, with its lines and their errors.")
            .ok::<Items<CartView<'static>>>("The carts, oldest first."),
        carts,
    )
}
