//! `/v1/customers/{id}/profiles/company` and `/v1/customers/{id}/profiles/billing`.

use super::auth::Caller;
use crate::domain::CustomerId;
use crate::domain::customer::NewBillingProfile;
use crate::http::error::ApiError;
use crate::http::extract::{Ids, JsonBody};
use crate::http::preconditions::IfMatch;
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::views::customer::{BillingProfileView, CompanyProfileView, Detail};
use axum::response::Response;

/// `GET .../profiles/company` (App+User only).
pub(super) async fn company(
    caller: Caller,
    Ids(id): Ids<CustomerId>,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let customer = caller.store.related_customer(id)?;
    Ok(ok(&CompanyProfileView::new(&customer, Detail::Full)))
}

/// `GET .../profiles/billing`.
pub(super) async fn billing(
    caller: Caller,
    Ids(id): Ids<CustomerId>,
) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    Ok(ok(&BillingProfileView::new(&customer)))
}

/// `PUT .../profiles/billing`: the etag (body `attributes.etag` or `If-Match`) must be current
/// when given; 200 with the updated profile and its new etag.
pub(super) async fn update_billing(
    caller: Caller,
    Ids(id): Ids<CustomerId>,
    if_match: IfMatch,
    JsonBody(update): JsonBody<NewBillingProfile>,
) -> Result<Response, ApiError> {
    let ((), customer) = caller.store.update_related_customer(id, |customer, _| {
        let profile = customer.billing_profile.id.to_string();
        let precondition = if_match.and_body(update.attributes.as_ref(), &profile);
        customer.update_billing_profile(update, precondition)
    })?;
    Ok(ok(&BillingProfileView::new(&customer)))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::get("/v1/customers/{customer_id}/profiles/company", "getCompanyProfile")
                .summary("Gets a customer's company profile. App+User only.")
                .ok::<CompanyProfileView<'static>>("The company profile."),
            company,
        )
        .add(
            Operation::get("/v1/customers/{customer_id}/profiles/billing", "getBillingProfile")
                .summary("Gets a customer's billing profile, with its etag.")
                .ok::<BillingProfileView<'static>>("The billing profile."),
            billing,
        )
        .add(
            Operation::put("/v1/customers/{customer_id}/profiles/billing", "updateBillingProfile")
                .summary("Replaces a customer's billing profile; the etag (`attributes.etag` or `If-Match`) must be current.")
                .header("If-Match", "The billing profile's etag.")
                .body::<NewBillingProfile>()
                .ok::<BillingProfileView<'static>>("The billing profile after the change, with a new etag."),
            update_billing,
        )
}
