//! `/v1/customers/{id}/directoryroles` and a user's roles: the directory's roles, their members
//! (seek-paged), adding and removing a member. Every route is App+User only.

use super::auth::Caller;
use super::seek::{self, CONTINUATION_HEADER, ListPosition};
use crate::domain::CustomerId;
use crate::domain::DomainError;
use crate::domain::ids::{DirectoryRoleId, UserId};
use crate::domain::users::listing::{UserSortField, sort_key};
use crate::domain::users::roles::DIRECTORY_ROLES;
use crate::http::error::ApiError;
use crate::http::extract::{Ids, JsonBody, Query};
use crate::http::response::{created, ok};
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::{Operation, ParameterKind};
use crate::views::customer_uri;
use crate::views::directory_role::{DirectoryRoleView, UserMemberView};
use crate::wire::Collection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use std::convert::Infallible;

/// The page size when none (or `0`) is asked for.
const DEFAULT_PAGE_SIZE: usize = 100;

/// What a member list's continuation token belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct MemberPages {
    customer: CustomerId,
    role: DirectoryRoleId,
}

/// The body of `POST .../usermembers`: the user to add, by its id. The `displayName` and
/// `userPrincipalName` clients also send are the user's own, and are not read.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct NewUserMember {
    pub id: Option<String>,
}

/// `GET /v1/customers/{id}/directoryroles`.
pub(super) async fn list(caller: Caller, Ids(id): Ids<CustomerId>) -> Result<Response, ApiError> {
    caller.require_user()?;
    caller.store.related_customer(id)?;
    let roles = DIRECTORY_ROLES.iter().copied().map(DirectoryRoleView::new);
    Ok(ok(&Collection::new(roles.collect())))
}

/// `GET /v1/customers/{id}/users/{userId}/directoryroles`.
pub(super) async fn of_user(
    caller: Caller,
    Ids((id, user)): Ids<(CustomerId, UserId)>,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let customer = caller.store.related_customer(id)?;
    let roles = customer.roles_of_user(user)?;
    Ok(ok(&Collection::new(
        roles.into_iter().map(DirectoryRoleView::new).collect(),
    )))
}

/// `GET /v1/customers/{id}/directoryroles/{roleId}/usermembers`, by display name.
pub(super) async fn members<S: Shared>(
    State(state): State<S>,
    caller: Caller,
    Ids((id, role)): Ids<(CustomerId, DirectoryRoleId)>,
    Query(params): Query,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let customer = caller.store.related_customer(id)?;
    let mut members = customer.role_members(role)?;
    let pages = MemberPages { customer: id, role };
    let position: ListPosition<MemberPages, (String, String)> = seek::list_position(
        state.tokens(),
        &params,
        &headers,
        "role members",
        pages,
        |token| *token == pages,
        DEFAULT_PAGE_SIZE,
    )?;
    members.sort_by_cached_key(|user| sort_key(user, UserSortField::DisplayName));
    let page = seek::list_page(
        state.tokens(),
        members,
        position,
        |user| sort_key(user, UserSortField::DisplayName),
        false,
        |user| Ok::<_, Infallible>(UserMemberView::new(role, user)),
        format!("{}/directoryroles/{role}/usermembers", customer_uri(id)),
    );
    let Ok(page) = page;
    Ok(ok(&page))
}

/// `POST /v1/customers/{id}/directoryroles/{roleId}/usermembers`: 201 with the member, also
/// when the user was one already.
pub(super) async fn add_member(
    caller: Caller,
    Ids((id, role)): Ids<(CustomerId, DirectoryRoleId)>,
    JsonBody(member): JsonBody<NewUserMember>,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let raw = member
        .id
        .ok_or_else(|| DomainError::InvalidInput("id is required: the user's id.".to_owned()))?;
    let user = UserId::parse(raw.trim())
        .ok_or_else(|| DomainError::InvalidInput(format!("id '{raw}' must be a GUID.")))?;
    let ((), customer) = caller
        .store
        .update_related_customer(id, |customer, _| customer.add_role_member(role, user))?;
    Ok(created(&UserMemberView::new(role, customer.user(user)?)))
}

/// `DELETE /v1/customers/{id}/directoryroles/{roleId}/usermembers/{userId}`.
pub(super) async fn remove_member(
    caller: Caller,
    Ids((id, role, user)): Ids<(CustomerId, DirectoryRoleId, UserId)>,
) -> Result<StatusCode, ApiError> {
    caller.require_user()?;
    caller
        .store
        .update_related_customer(id, |customer, _| customer.remove_role_member(role, user))?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    const MEMBERS: &str = "/v1/customers/{customer_id}/directoryroles/{role_id}/usermembers";
    Routes::new()
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/directoryroles",
                "listDirectoryRoles",
            )
            .summary("Lists the directory roles of the customer's tenant. App+User only.")
            .ok::<Collection<DirectoryRoleView>>("The roles."),
            list,
        )
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/users/{user_id}/directoryroles",
                "listCustomerUserDirectoryRoles",
            )
            .summary("Lists the directory roles a user is a member of. App+User only.")
            .ok::<Collection<DirectoryRoleView>>("The user's roles."),
            of_user,
        )
        .add(
            Operation::get(MEMBERS, "listDirectoryRoleUserMembers")
                .summary("Lists a directory role's members, a page at a time. App+User only.")
                .query_of(
                    "size",
                    ParameterKind::Integer,
                    "Page size, 1 to 500 (0 or absent: 100).",
                )
                .query(
                    "seekOperation",
                    "`next` with the `MS-ContinuationToken` header for the following page.",
                )
                .header(
                    CONTINUATION_HEADER,
                    "The continuation token of the previous page.",
                )
                .ok::<Collection<UserMemberView<'static>>>("A page of members."),
            members::<S>,
        )
        .add(
            Operation::post(MEMBERS, "addDirectoryRoleUserMember")
                .summary("Makes a user a member of a directory role. App+User only.")
                .body::<NewUserMember>()
                .created::<UserMemberView<'static>>("The member."),
            add_member,
        )
        .add(
            Operation::delete(
                "/v1/customers/{customer_id}/directoryroles/{role_id}/usermembers/{user_id}",
                "removeDirectoryRoleUserMember",
            )
            .summary("Removes a user from a directory role. App+User only.")
            .empty(204, "The user is no longer a member."),
            remove_member,
        )
}
