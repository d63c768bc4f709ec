//! `/v1/customers/{id}/relationships` and `/v1/customers/relationshiprequests`.

use super::auth::Caller;
use super::error::ApiError;
use super::extract::customer_id;
use super::response::ok;
use crate::views::relationship::{PartnerRelationshipView, RelationshipRequestView};
use crate::wire::Collection;
use axum::Extension;
use axum::extract::Path;
use axum::response::Response;

/// `GET /v1/customers/{id}/relationships`: the customer's indirect resellers (App+User only).
pub async fn of_customer(
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = customer_id(&id)?;
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
pub async fn request_link(Extension(caller): Extension<Caller>) -> Result<Response, ApiError> {
    caller.require_user()?;
    Ok(ok(&RelationshipRequestView::for_partner(
        &caller.store.partner(),
    )))
}
