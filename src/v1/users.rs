//! `/v1/customers/{id}/users`: list (seek-paged, active or deleted users), get, create, update
//! and restore, reset the password, delete. Every route is App+User only.

use super::auth::Caller;
use super::idempotency;
use super::query_filter;
use super::seek::{self, CONTINUATION_HEADER, ListPosition};
use crate::domain::CustomerId;
use crate::domain::ids::UserId;
use crate::domain::users::listing::{
    SentUserFilter, SortDirection, UserListing, UserSortField, filtered_state, sort_key,
};
use crate::domain::users::requests::{NewUser, PasswordReset, UserUpdate};
use crate::http::error::ApiError;
use crate::http::extract::{Ids, JsonBody, Query};
use crate::http::response::{created, ok, ok_rendered, ok_rendered_collection};
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::{Operation, ParameterKind};
use crate::views::customer_uri;
use crate::views::rendered;
use crate::views::user::CustomerUserView;
use crate::wire::Collection;
use crate::wire::query::QueryParams;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};

/// The page size when none (or `0`) is asked for.
const DEFAULT_PAGE_SIZE: usize = 100;

/// What a user list's continuation token belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct UserPages {
    customer: CustomerId,
    listing: UserListing,
}

/// `GET /v1/customers/{id}/users`.
pub(super) async fn list<S: Shared>(
    State(state): State<S>,
    caller: Caller,
    Ids(id): Ids<CustomerId>,
    Query(params): Query,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let customer = caller.store.related_customer(id)?;
    let sent = sent_listing(&params)?;
    let position: ListPosition<UserPages, (String, String)> = seek::list_position(
        state.tokens(),
        &params,
        &headers,
        "users",
        UserPages {
            customer: id,
            listing: sent.unwrap_or_default(),
        },
        |pages| pages.customer == id && sent.is_none_or(|listing| listing == pages.listing),
        DEFAULT_PAGE_SIZE,
    )?;
    let listing = position.query.listing;
    let users = customer.listed_users(listing);
    Ok(ok_rendered_collection(seek::list_page(
        state.tokens(),
        users,
        position,
        |user| sort_key(user, listing.sort),
        listing.direction == SortDirection::Descending,
        |user| rendered::user(&customer, user),
        format!("{}/users", customer_uri(id)),
    )))
}

/// The listing the query asks for, when it names any of `filter`, `sortField` and
/// `sortDirection`; what it leaves out is the default.
fn sent_listing(params: &QueryParams) -> Result<Option<UserListing>, ApiError> {
    let state = params
        .non_empty("filter")
        .map(|raw| Ok::<_, ApiError>(filtered_state(query_filter::read::<SentUserFilter>(raw)?)?))
        .transpose()?;
    let sort = params
        .non_empty("sortField")
        .map(|raw| {
            UserSortField::from_wire(raw).ok_or_else(|| {
                ApiError::BadRequest(format!(
                    "sortField '{raw}' is not valid: DisplayName or UserPrincipalName."
                ))
            })
        })
        .transpose()?;
    let direction = params
        .non_empty("sortDirection")
        .map(|raw| {
            SortDirection::from_wire(raw).ok_or_else(|| {
                ApiError::BadRequest(format!(
                    "sortDirection '{raw}' is not valid: Ascending or Descending."
                ))
            })
        })
        .transpose()?;
    if state.is_none() && sort.is_none() && direction.is_none() {
        return Ok(None);
    }
    let default = UserListing::default();
    Ok(Some(UserListing {
        state: state.unwrap_or(default.state),
        sort: sort.unwrap_or(default.sort),
        direction: direction.unwrap_or(default.direction),
    }))
}

/// `GET /v1/customers/{id}/users/{userId}`.
pub(super) async fn get(
    caller: Caller,
    Ids((id, user)): Ids<(CustomerId, UserId)>,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let customer = caller.store.related_customer(id)?;
    Ok(ok_rendered(rendered::user(&customer, customer.user(user)?)))
}

/// `POST /v1/customers/{id}/users`: 201 with the new user and its password profile.
/// `MS-RequestId` makes it idempotent.
pub(super) async fn create<S: Shared>(
    State(state): State<S>,
    caller: Caller,
    Ids(id): Ids<CustomerId>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<NewUser>,
) -> Response {
    idempotency::create_once(&caller, &headers, || {
        caller.require_user()?;
        let user = UserId(state.ids().guid());
        let (password, customer) = caller
            .store
            .update_related_customer(id, |customer, _| customer.create_user(request, user))?;
        let view = CustomerUserView::new(id, customer.user(user)?).with_password(password);
        Ok(created(&view))
    })
    .await
}

/// `PATCH /v1/customers/{id}/users/{userId}`: changes the given properties, or with
/// `state: "active"` restores a deleted user.
pub(super) async fn update(
    caller: Caller,
    Ids((id, user)): Ids<(CustomerId, UserId)>,
    JsonBody(update): JsonBody<UserUpdate>,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let ((), customer) = caller
        .store
        .update_related_customer(id, |customer, _| customer.update_user(user, update))?;
    Ok(ok_rendered(rendered::user(&customer, customer.user(user)?)))
}

/// `PATCH /v1/customers/{id}/users/{userId}/resetpassword`.
pub(super) async fn reset_password(
    caller: Caller,
    Ids((id, user)): Ids<(CustomerId, UserId)>,
    JsonBody(reset): JsonBody<PasswordReset>,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let customer = caller.store.related_customer(id)?;
    let password = customer.reset_user_password(user, reset)?;
    Ok(ok(
        &CustomerUserView::new(id, customer.user(user)?).with_password(password)
    ))
}

/// `DELETE /v1/customers/{id}/users/{userId}`: the user turns inactive for 30 days.
pub(super) async fn delete(
    caller: Caller,
    Ids((id, user)): Ids<(CustomerId, UserId)>,
) -> Result<StatusCode, ApiError> {
    caller.require_user()?;
    caller
        .store
        .update_related_customer(id, |customer, context| {
            customer.delete_user(user, context.now)
        })?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    const USER: &str = "/v1/customers/{customer_id}/users/{user_id}";
    Routes::new()
        .add(
            Operation::get("/v1/customers/{customer_id}/users", "listCustomerUsers")
                .summary("Lists a customer's active users, or with the state filter its deleted ones, a page at a time. App+User only.")
                .query_of("size", ParameterKind::Integer, "Page size, 1 to 500 (0 or absent: 100).")
                .query("filter", r#"JSON `{"Field":"UserState","Value":"Inactive","Operator":"equals"}` (`UserStatus` is read too)."#)
                .query("sortField", "`DisplayName` (default) or `UserPrincipalName`.")
                .query("sortDirection", "`Ascending` (default) or `Descending`.")
                .query("seekOperation", "`next` with the `MS-ContinuationToken` header for the following page.")
                .header(CONTINUATION_HEADER, "The continuation token of the previous page.")
                .ok::<Collection<CustomerUserView<'static>>>("A page of users."),
            list::<S>,
        )
        .add(
            Operation::post("/v1/customers/{customer_id}/users", "createCustomerUser")
                .summary("Creates a user in the customer's directory. `MS-RequestId` makes the request idempotent. App+User only.")
                .header("MS-RequestId", "Repeating it replays the first answer.")
                .body::<NewUser>()
                .created::<CustomerUserView<'static>>("The new user, with its password profile."),
            create::<S>,
        )
        .add(
            Operation::get(USER, "getCustomerUser")
                .summary("Gets an active user. App+User only.")
                .ok::<CustomerUserView<'static>>("The user."),
            get,
        )
        .add(
            Operation::patch(USER, "updateCustomerUser")
                .summary("Changes a user's properties, or with `state: active` restores a deleted user. App+User only.")
                .body::<UserUpdate>()
                .ok::<CustomerUserView<'static>>("The user after the change."),
            update,
        )
        .add(
            Operation::delete(USER, "deleteCustomerUser")
                .summary("Deletes a user: it is inactive for 30 days, then purged. App+User only.")
                .empty(204, "The user is deleted."),
            delete,
        )
        .add(
            Operation::patch(
                "/v1/customers/{customer_id}/users/{user_id}/resetpassword",
                "resetCustomerUserPassword",
            )
            .summary("Gives a user a new password. App+User only.")
            .body::<PasswordReset>()
            .ok::<CustomerUserView<'static>>("The user, with its new password profile."),
            reset_password,
        )
}
