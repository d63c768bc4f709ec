//! `/v1/customers/{id}/entitlements` and the reserved-instance artifact details they link to.

use super::auth::Caller;
use crate::domain::CustomerId;
use crate::domain::DomainError;
use crate::domain::entitlement::{Entitlement, RESERVED_INSTANCE};
use crate::domain::ids::OrderId;
use crate::http::error::ApiError;
use crate::http::extract::{Ids, Query};
use crate::http::response::{ok, ok_rendered_items};
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::{Operation, ParameterKind};
use crate::views::entitlement::{EntitlementView, ReservationDetailsView};
use crate::views::rendered;
use crate::wire::Collection;
use axum::response::Response;

/// `GET /v1/customers/{id}/entitlements[?entitlementType=...&showExpiry=true]` (App+User only).
/// Entitlements whose order was cancelled are no longer listed.
pub(super) async fn list(
    caller: Caller,
    Ids(id): Ids<CustomerId>,
    Query(params): Query,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let show_expiry = match params.non_empty("showExpiry").map(str::trim) {
        None => false,
        Some(raw) if raw.eq_ignore_ascii_case("true") => true,
        Some(raw) if raw.eq_ignore_ascii_case("false") => false,
        Some(raw) => {
            return Err(ApiError::BadRequest(format!(
                "showExpiry '{raw}' is not valid: use true or false."
            )));
        }
    };
    let wanted = params.non_empty("entitlementType").map(str::trim);
    let customer = caller.store.related_customer(id)?;
    let items = customer
        .entitlements
        .iter()
        .filter(|e| !customer.order_is_cancelled(&e.reference_order.id))
        .filter(|e| wanted.is_none_or(|kind| is_of_type(e, kind)))
        .map(|e| rendered::entitlement(&customer, e, show_expiry))
        .collect();
    Ok(ok_rendered_items(items, Collection::new))
}

/// Matches `entitlementType` case-insensitively; the old `virtualMachineReservedInstance`
/// names reserved instances too.
fn is_of_type(entitlement: &Entitlement, wanted: &str) -> bool {
    let reserved = wanted.eq_ignore_ascii_case(RESERVED_INSTANCE)
        || wanted.eq_ignore_ascii_case("virtualmachinereservedinstance");
    if reserved {
        entitlement.is_reserved_instance()
    } else {
        entitlement.entitlement_type.eq_ignore_ascii_case(wanted)
    }
}

/// `GET /v1/customers/{id}/artifacts/reservedinstance/groups/{order}/lineitems/{line}/resource/{resource}`.
pub(super) async fn reservation(
    caller: Caller,
    Ids((id, order, line, resource)): Ids<(CustomerId, OrderId, String, String)>,
) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    let entitlement = customer
        .entitlements
        .iter()
        .filter(|e| e.reference_order.id == order && e.reference_order.line_item_id == line)
        .find(|e| {
            e.entitled_artifacts.iter().any(|a| {
                a.resource_id
                    .as_deref()
                    .is_some_and(|r| r.eq_ignore_ascii_case(&resource))
            })
        })
        .ok_or_else(|| DomainError::ReservationNotFound(resource.clone()))?;
    Ok(ok(&ReservationDetailsView::new(
        &customer,
        entitlement,
        &resource,
    )))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    let reservation_details = |path: &'static str, id: &'static str| {
        Operation::get(path, id)
            .summary("Gets the reservation details behind a reserved-instance entitlement's artifact link.")
            .ok::<ReservationDetailsView>("The reservations.")
    };
    Routes::new()
        .add(
            Operation::get("/v1/customers/{customer_id}/entitlements", "listEntitlements")
                .summary("Lists a customer's entitlements. App+User only.")
                .query("entitlementType", "Only entitlements of this type, such as `virtual_machine_reserved_instance`.")
                .query_of("showExpiry", ParameterKind::Boolean, "Include expiry dates.")
                .ok::<Collection<EntitlementView<'static>>>("The entitlements."),
            list,
        )
        .add(
            reservation_details(
                "/v1/customers/{customer_id}/artifacts/reservedinstance/groups/{order_id}/lineitems/{line}/resource/{resource}",
                "getReservedInstanceArtifact",
            ),
            reservation,
        )
        .add(
            reservation_details(
                "/v1/customers/{customer_id}/artifacts/virtualmachinereservedinstance/groups/{order_id}/lineitems/{line}/resource/{resource}",
                "getVirtualMachineReservedInstanceArtifact",
            ),
            reservation,
        )
}
