//! `/v1/customers/{id}/relationships` and `/v1/customers/relationshiprequests`.

use super::auth::Caller;
use crate::domain::CustomerId;
use crate::http::error::ApiError;
use crate::http::extract::Ids;
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::views::relationship::{PartnerRelationshipView, RelationshipRequestView};
use crate::wire::Collection;
use axum::response::Response;

/// `GET /v1/customers/{id}/relationships`: the customer's indirect resellers (App+User only).
pub(super) async fn of_customer(
    caller: Caller,
    Ids(id): Ids<CustomerId>,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let customer = caller.store.related_customer(id)?;
    let partner = caller.store.partner();
    let items = PartnerRelationshipView::of_customer(&customer, &partner)
        .into_iter()
        .collect();
    Ok(ok(&Collection::new(items)))
}

/// `GET /v1/customers/relationshiprequests`: the link a customer follows to accept the partner
/// as its reseller (App+User only).
pub(super) async fn request_link(caller: Caller) -> Result<Response, ApiError> {
    caller.require_user()?;
    Ok(ok(&RelationshipRequestView::for_partner(
        &caller.store.partner(),
    )))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::get(
                "/v1/customers/relationshiprequests",
                "getRelationshipRequest",
            )
            .summary("Gets the link a customer follows to accept a reseller relationship.")
            .ok::<RelationshipRequestView>("The relationship request link."),
            request_link,
        )
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/relationships",
                "listCustomerRelationships",
            )
            .summary(
                "Lists the indirect resellers a customer has a relationship with. App+User only.",
            )
            .ok::<Collection<PartnerRelationshipView<'static>>>(
                "The customer's partner relationships.",
            ),
            of_customer,
        )
}
