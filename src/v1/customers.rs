//! `/v1/customers`: list and search with seek paging, get by id, create.

use super::auth::Caller;
use super::customer_filter;
use super::idempotency;
use super::seek::{self, CONTINUATION_HEADER, Start, page_size};
use crate::domain::Customer;
use crate::domain::CustomerId;
use crate::domain::customer::{NewCustomer, NewCustomerIds};
use crate::domain::customer_search::CustomerFilter;
use crate::domain::relationship::CustomerPatch;
use crate::http::error::ApiError;
use crate::http::extract::{Ids, JsonBody, Query};
use crate::http::response::{created, ok_rendered, ok_rendered_items};
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::{Operation, ParameterKind};
use crate::views::customer::{CustomerView, Detail};
use crate::views::rendered;
use crate::wire::Collection;
use crate::wire::paging::Cursor;
use crate::wire::query::QueryParams;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

/// The page size when none (or `0`) is asked for, and the largest page.
pub(super) const MAX_PAGE_SIZE: usize = seek::MAX_PAGE_SIZE;

/// What one list request asks for, after its token (if any) is checked.
struct ListQuery {
    size: usize,
    filter: Option<CustomerFilter>,
    after: Option<CustomerId>,
}

/// `GET /v1/customers`.
pub(super) async fn list<S: Shared>(
    State(state): State<S>,
    caller: Caller,
    Query(params): Query,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let query = list_query(&state, &params, &headers)?;
    let filter = query.filter.clone();
    let page = caller.store.page(query.after, query.size, |customer| {
        customer.is_related() && filter.as_ref().is_none_or(|f| f.matches(customer))
    });
    let items = page
        .items
        .iter()
        .map(|customer| rendered::customer(customer, Detail::ListItem))
        .collect();
    let base = list_uri(query.size, query.filter.as_ref());
    let next = page.items.last().filter(|_| page.more).map(|last| {
        let cursor = Cursor {
            after: last.id.to_string(),
            size: query.size,
            query: query.filter.clone(),
        };
        (format!("{base}&seekOperation=Next"), cursor)
    });
    Ok(ok_rendered_items(items, |items| {
        seek::collection(state.tokens(), items, base, next)
    }))
}

fn list_query(
    state: &impl Shared,
    params: &QueryParams,
    headers: &HeaderMap,
) -> Result<ListQuery, ApiError> {
    let size = page_size(params.get("size"))?;
    let filter = params
        .non_empty("filter")
        .map(customer_filter::parse)
        .transpose()?;
    match seek::start::<Option<CustomerFilter>>(state.tokens(), params, headers, "customers")? {
        Start::First => Ok(ListQuery {
            size: size.unwrap_or(MAX_PAGE_SIZE),
            filter,
            after: None,
        }),
        Start::Next(cursor) => {
            let same_filter = filter.is_none_or(|f| Some(f) == cursor.query);
            let same_size = size.is_none_or(|size| size == cursor.size);
            let after = CustomerId::parse(&cursor.after);
            match (same_filter && same_size, after) {
                (true, Some(after)) => Ok(ListQuery {
                    size: cursor.size,
                    filter: cursor.query,
                    after: Some(after),
                }),
                _ => Err(seek::token_of_another_query()),
            }
        }
    }
}

fn list_uri(size: usize, filter: Option<&CustomerFilter>) -> String {
    match filter {
        None => format!("/v1/customers?size={size}"),
        Some(filter) => {
            let encoded: String =
                form_urlencoded::byte_serialize(customer_filter::to_query_value(filter).as_bytes())
                    .collect();
            format!("/v1/customers?size={size}&filter={encoded}")
        }
    }
}

/// `GET /v1/customers/{id}`.
pub(super) async fn get(caller: Caller, Ids(id): Ids<CustomerId>) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    Ok(ok_rendered(rendered::customer(&customer, Detail::Full)))
}

/// `POST /v1/customers`: 201 with the new customer and its administrator's credentials.
/// `MS-RequestId` makes it idempotent.
pub(super) async fn create<S: Shared>(
    State(state): State<S>,
    caller: Caller,
    headers: HeaderMap,
    JsonBody(request): JsonBody<NewCustomer>,
) -> Response {
    idempotency::create_once(&caller, &headers, || create_once(&state, &caller, request)).await
}

fn create_once(
    state: &impl Shared,
    caller: &Caller,
    request: NewCustomer,
) -> Result<Response, ApiError> {
    if request.associated_partner_id.is_some() {
        caller.require_user()?;
    }
    let ids = state.ids();
    let customer = Customer::create(
        request,
        NewCustomerIds {
            id: CustomerId(ids.guid()),
            commerce_id: ids.guid(),
            billing_profile_id: ids.guid(),
        },
    )?;
    let customer = caller.store.create_customer(customer)?;
    Ok(created(&CustomerView::created(&customer, ids.password())))
}

/// `PATCH /v1/customers/{id}` (App+User only): removes the reseller relationship
/// (`relationshipToPartner: "none"`) or delegated admin access (`allowDelegatedAccess: false`).
/// The removal's checks and the change are one atomic step. A caller whose token's `tid` is
/// one of the partner's indirect resellers cannot remove the relationship (403 900406).
pub(super) async fn update(
    caller: Caller,
    Ids(id): Ids<CustomerId>,
    JsonBody(patch): JsonBody<CustomerPatch>,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let ((), customer) = caller.store.update_customer(id, |customer, context| {
        customer.apply_patch(patch, context.partner, caller.tenant.as_deref())
    })?;
    Ok(ok_rendered(rendered::customer(&customer, Detail::Full)))
}

/// `DELETE /v1/customers/{id}`, as in the integration sandbox: refused while Azure reserved
/// instances are active (900401) or an Azure plan holds an active Azure subscription (900405);
/// otherwise 204 and the customer is gone.
pub(super) async fn delete(
    caller: Caller,
    Ids(id): Ids<CustomerId>,
) -> Result<StatusCode, ApiError> {
    caller
        .store
        .remove_related_customer(id, Customer::check_sandbox_deletion)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The routes of this module, with their documentation.
pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::get("/v1/customers", "listCustomers")
                .summary("Lists the partner's customers, a page at a time, optionally filtered by company name or domain prefix.")
                .query_of("size", ParameterKind::Integer, "Page size, 1 to 500 (0 or absent: 500).")
                .query("filter", r#"JSON `{"Field":"CompanyName"|"Domain","Value":"...","Operator":"starts_with"}`."#)
                .query("seekOperation", "`next` with the `MS-ContinuationToken` header for the following page.")
                .header(CONTINUATION_HEADER, "The continuation token of the previous page.")
                .ok::<Collection<CustomerView<'static>>>("A page of customers."),
            list::<S>,
        )
        .add(
            Operation::post("/v1/customers", "createCustomer")
                .summary("Creates a customer. `MS-RequestId` makes the request idempotent.")
                .header("MS-RequestId", "Repeating it replays the first answer.")
                .body::<NewCustomer>()
                .created::<CustomerView<'static>>("The new customer, with its administrator's credentials."),
            create::<S>,
        )
        .add(
            Operation::get("/v1/customers/{customer_id}", "getCustomer")
                .summary("Gets a customer by its tenant id.")
                .ok::<CustomerView<'static>>("The customer."),
            get,
        )
        .add(
            Operation::patch("/v1/customers/{customer_id}", "updateCustomer")
                .summary("Removes the reseller relationship (`relationshipToPartner: none`) or delegated admin access (`allowDelegatedAccess: false`). App+User only.")
                .body::<CustomerPatch>()
                .ok::<CustomerView<'static>>("The customer after the change."),
            update,
        )
        .add(
            Operation::delete("/v1/customers/{customer_id}", "deleteCustomer")
                .summary("Deletes a customer, as in the integration sandbox.")
                .empty(204, "The customer is gone."),
            delete,
        )
}
