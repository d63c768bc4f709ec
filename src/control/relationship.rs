//! `GET /_mock/customers/{id}/removal-check` and `POST /_mock/customers/{id}/relationship/accept`.

use super::Target;
use crate::domain::CustomerId;
use crate::domain::relationship::Blocker;
use crate::http::error::ApiError;
use crate::http::extract::Ids;
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::views::customer::{CustomerView, Detail};
use axum::response::Response;
use serde::Serialize;

#[derive(Serialize, schemars::JsonSchema)]
struct RemovalCheckView {
    removable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    blockers: Option<Vec<Blocker>>,
}

/// Whether the reseller relationship could be removed now, and every blocker if not; from the
/// same code as the removal itself.
pub(super) async fn removal_check(
    Target(namespace): Target,
    Ids(id): Ids<CustomerId>,
) -> Result<Response, ApiError> {
    let store = namespace.store();
    let customer = store.customer(id)?;
    if !customer.is_related() {
        return Ok(ok(&RemovalCheckView {
            removable: false,
            rule: crate::domain::DomainError::RelationshipDoesNotExist.rule(),
            blockers: Some(Vec::new()),
        }));
    }
    let check = customer.removal_check();
    let refusal = check.refusal();
    Ok(ok(&RemovalCheckView {
        removable: refusal.is_none(),
        rule: refusal.as_ref().and_then(|r| r.rule()),
        blockers: refusal.map(|_| check.blockers),
    }))
}

/// The customer accepts a reseller relationship request again: the relationship is `reseller`.
pub(super) async fn accept(
    Target(namespace): Target,
    Ids(id): Ids<CustomerId>,
) -> Result<Response, ApiError> {
    let store = namespace.store();
    let ((), customer) = store.update_customer(id, |customer, _| {
        customer.restore_reseller_relationship();
        Ok(())
    })?;
    Ok(ok(&CustomerView::new(&customer, Detail::Full)))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::get(
                "/_mock/customers/{customer_id}/removal-check",
                "checkRelationshipRemoval",
            )
            .summary("Whether the reseller relationship could be removed now, and what blocks it.")
            .ok::<RemovalCheckView>("The answer the removal would give."),
            removal_check,
        )
        .add(
            Operation::post(
                "/_mock/customers/{customer_id}/relationship/accept",
                "acceptRelationship",
            )
            .summary("The customer accepts a reseller relationship request again.")
            .ok::<CustomerView<'static>>("The customer, related again."),
            accept,
        )
}
