//! Licences: `GET /v1/customers/{id}/subscribedskus` (the customer's units per product SKU,
//! derived from its subscriptions), a user's licences, and `POST .../licenseupdates`. Every
//! route is App+User only.

use super::auth::Caller;
use crate::domain::CustomerId;
use crate::domain::customer::Customer;
use crate::domain::ids::UserId;
use crate::domain::licensing::{LicenseGroup, LicenseUpdate, product_sku};
use crate::http::error::ApiError;
use crate::http::extract::{Ids, JsonBody, Query};
use crate::http::response::{created, ok, ok_rendered_items};
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::views::license::{LicenseUpdateView, LicenseView, SubscribedSkuView};
use crate::views::rendered;
use crate::wire::Collection;
use crate::wire::query::QueryParams;
use axum::response::Response;
use std::sync::Arc;

const GROUPS_PARAMETER: &str = "licenseGroupIds";
const GROUPS_DESCRIPTION: &str =
    "`Group1` (default) or `Group2`; repeat it (or join with `,`) for both.";

/// The licence groups asked for: `group1` when none is named. The parameter may repeat, and a
/// value may join several groups with `,` or `|`; values match in any case.
fn license_groups(params: &QueryParams) -> Result<Vec<LicenseGroup>, ApiError> {
    let mut groups = Vec::new();
    let values = params
        .all(GROUPS_PARAMETER)
        .flat_map(|value| value.split([',', '|']))
        .map(str::trim)
        .filter(|value| !value.is_empty());
    for value in values {
        let group = LicenseGroup::from_wire(value)
            .filter(|group| *group != LicenseGroup::None)
            .ok_or_else(|| {
                ApiError::BadRequest(format!(
                    "{GROUPS_PARAMETER} '{value}' is not valid: Group1 or Group2."
                ))
            })?;
        if !groups.contains(&group) {
            groups.push(group);
        }
    }
    if groups.is_empty() {
        groups.push(LicenseGroup::Group1);
    }
    Ok(groups)
}

/// What a licence listing reads, for a caller acting as a user: the licence groups asked for,
/// and the related customer `id`.
fn licences_asked(
    caller: &Caller,
    id: CustomerId,
    params: &QueryParams,
) -> Result<(Vec<LicenseGroup>, Arc<Customer>), ApiError> {
    caller.require_user()?;
    let groups = license_groups(params)?;
    Ok((groups, caller.store.related_customer(id)?))
}

/// `GET /v1/customers/{id}/subscribedskus`.
pub(super) async fn subscribed_skus(
    caller: Caller,
    Ids(id): Ids<CustomerId>,
    Query(params): Query,
) -> Result<Response, ApiError> {
    let (groups, customer) = licences_asked(&caller, id, &params)?;
    let items = customer
        .subscribed_skus()
        .iter()
        .filter(|units| groups.contains(&units.sku.license_group))
        .map(SubscribedSkuView::new)
        .collect();
    Ok(ok(&Collection::new(items)))
}

/// `GET /v1/customers/{id}/users/{userId}/licenses`.
pub(super) async fn of_user(
    caller: Caller,
    Ids((id, user)): Ids<(CustomerId, UserId)>,
    Query(params): Query,
) -> Result<Response, ApiError> {
    let (groups, customer) = licences_asked(&caller, id, &params)?;
    let user = customer.user(user)?;
    let items = user
        .licenses
        .iter()
        .filter_map(|license| product_sku(license.sku_id).map(|sku| (sku, license)))
        .filter(|(sku, _)| groups.contains(&sku.license_group))
        .map(|(sku, license)| rendered::license(&customer, user, sku, license))
        .collect();
    Ok(ok_rendered_items(items, Collection::new))
}

/// `POST /v1/customers/{id}/users/{userId}/licenseupdates`: assigns and removes licences in one
/// all-or-nothing step; the user may be named by id or by user principal name. 201 with the
/// update applied.
pub(super) async fn update(
    caller: Caller,
    Ids((id, user)): Ids<(CustomerId, String)>,
    JsonBody(update): JsonBody<LicenseUpdate>,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let (changes, _) = caller.store.update_related_customer(id, |customer, _| {
        let user = customer.user_by_id_or_name(&user)?.id;
        let changes = update.read()?;
        customer.update_licenses(user, &changes)?;
        Ok(changes)
    })?;
    Ok(created(&LicenseUpdateView::new(&changes)))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::get("/v1/customers/{customer_id}/subscribedskus", "listSubscribedSkus")
                .summary("Lists the customer's licence units per product SKU, derived from its subscriptions and its users' licences. App+User only.")
                .query(GROUPS_PARAMETER, GROUPS_DESCRIPTION)
                .ok::<Collection<SubscribedSkuView>>("The subscribed SKUs."),
            subscribed_skus,
        )
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/users/{user_id}/licenses",
                "listCustomerUserLicenses",
            )
            .summary("Lists the licences a user holds. App+User only.")
            .query(GROUPS_PARAMETER, GROUPS_DESCRIPTION)
            .ok::<Collection<LicenseView>>("The user's licences."),
            of_user,
        )
        .add(
            Operation::post(
                "/v1/customers/{customer_id}/users/{user_id}/licenseupdates",
                "updateCustomerUserLicenses",
            )
            .summary("Assigns and removes a user's licences in one step; the user may be named by id or user principal name. App+User only.")
            .body::<LicenseUpdate>()
            .created::<LicenseUpdateView>("The update applied."),
            update,
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(query: &str) -> Result<Vec<LicenseGroup>, ApiError> {
        license_groups(&QueryParams::parse(Some(query)))
    }

    #[test]
    fn licence_groups_default_to_group1_and_repeat_or_join() {
        assert_eq!(groups("").unwrap(), [LicenseGroup::Group1]);
        assert_eq!(
            groups("licenseGroupIds=Group2&licenseGroupIds=group1").unwrap(),
            [LicenseGroup::Group2, LicenseGroup::Group1]
        );
        assert_eq!(
            groups("LicenseGroupIds=Group1,Group2").unwrap(),
            [LicenseGroup::Group1, LicenseGroup::Group2]
        );
        assert_eq!(
            groups("licenseGroupIds=group1|GROUP1").unwrap(),
            [LicenseGroup::Group1]
        );
        assert!(groups("licenseGroupIds=Group3").is_err());
        assert!(groups("licenseGroupIds=None").is_err());
    }
}
