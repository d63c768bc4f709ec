//! `/v1/customers/{id}/profiles/company` and `/v1/customers/{id}/profiles/billing`.

use super::auth::Caller;
use super::error::ApiError;
use super::extract::{JsonBody, customer_id};
use super::response::ok;
use super::routes::Routes;
use crate::domain::customer::NewBillingProfile;
use crate::openapi::Operation;
use crate::views::customer::{BillingProfileView, CompanyProfileView, Detail};
use axum::extract::Path;
use axum::http::{HeaderMap, header};
use axum::response::Response;

/// `GET .../profiles/company` (App+User only).
pub async fn company(caller: Caller, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id = customer_id(&id)?;
    caller.require_user()?;
    let customer = caller.store.related_customer(id)?;
    Ok(ok(&CompanyProfileView::new(&customer, Detail::Full)))
}

/// `GET .../profiles/billing`.
pub async fn billing(caller: Caller, Path(id): Path<String>) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(customer_id(&id)?)?;
    Ok(ok(&BillingProfileView::new(&customer)))
}

/// `PUT .../profiles/billing`: the etag (body `attributes.etag` or `If-Match`) must be current
/// when given; 200 with the updated profile and its new etag.
pub async fn update_billing(
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    JsonBody(update): JsonBody<NewBillingProfile>,
) -> Result<Response, ApiError> {
    let id = customer_id(&id)?;
    let if_match = headers
        .get(header::IF_MATCH)
        .and_then(|value| value.to_str().ok());
    let ((), customer) = caller.store.update_related_customer(id, |customer, _| {
        customer.update_billing_profile(update, if_match)
    })?;
    Ok(ok(&BillingProfileView::new(&customer)))
}

pub(super) fn routes() -> Routes {
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
