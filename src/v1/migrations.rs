//! Legacy → new-commerce migrations (reference api-new-commerce §5.5): validate a subscription,
//! start a migration, read one, list the partner's by customer, subscription or external
//! reference (a bare array, paged through the `MS-ContinuationToken` header), and read a
//! migration's events.

use super::auth::Caller;
use super::idempotency;
use super::seek::{self, CONTINUATION_HEADER};
use crate::domain::ids::MigrationId;
use crate::domain::migration::start::MigrationContext;
use crate::domain::migration::{Migration, MigrationFilter, MigrationRequest};
use crate::domain::{CustomerId, SubscriptionId};
use crate::http::error::ApiError;
use crate::http::extract::{Ids, JsonBody, PathId, Query};
use crate::http::response::{created, ok, ok_rendered};
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::{Operation, ParameterKind};
use crate::views::migration::{EligibilityView, MigrationEventView, MigrationView};
use crate::views::rendered;
use crate::wire::date;
use crate::wire::paging::Cursor;
use crate::wire::query::QueryParams;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;

/// The largest page of the partner's migration list, and its size when none is asked for.
const MAX_MIGRATION_PAGE: usize = 300;

impl PathId for MigrationId {
    fn from_path(raw: String) -> Result<Self, ApiError> {
        Self::parse(&raw).ok_or(ApiError::NotAGuid("Migration"))
    }
}

/// `POST /v1/customers/{id}/migrations/newcommerce/validate`: 200 with the eligibility.
async fn validate(
    caller: Caller,
    Ids(id): Ids<CustomerId>,
    JsonBody(request): JsonBody<MigrationRequest>,
) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    let catalog = caller.store.catalog();
    let now = caller.store.clock().now();
    let eligibility = customer.validate_migration(&request, &catalog, now)?;
    Ok(ok(&EligibilityView::new(&eligibility)))
}

/// `POST /v1/customers/{id}/migrations/newcommerce`: 201 with the `Processing` migration;
/// `MS-RequestId` makes it idempotent.
async fn create<S: Shared>(
    State(state): State<S>,
    caller: Caller,
    Ids(id): Ids<CustomerId>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<MigrationRequest>,
) -> Response {
    idempotency::create_once(&caller, &headers, || {
        let (migration, customer) =
            caller
                .store
                .update_related_customer(id, |customer, context| {
                    customer.start_migration(
                        &request,
                        &MigrationContext {
                            catalog: context.catalog,
                            now: context.now,
                            ids: state.ids(),
                            provisioning_delay: context.settings.provisioning_delay,
                        },
                    )
                })?;
        Ok(created(&MigrationView::new(
            id,
            customer.migration(migration)?,
        )))
    })
    .await
}

/// `GET /v1/customers/{id}/migrations/newcommerce/{migrationId}`.
async fn get(
    caller: Caller,
    Ids((id, migration)): Ids<(CustomerId, MigrationId)>,
) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    Ok(ok_rendered(rendered::migration(
        &customer,
        customer.migration(migration)?,
    )))
}

/// `GET /v1/customers/{id}/migrations/newcommerce/events?migration_id=&current_subscription_id=`:
/// a bare array. The docs' table spells the names `MigrationId` and `CurrentSubscriptionId`, so
/// both spellings are read; at least one of the two is required.
async fn events(
    caller: Caller,
    Ids(id): Ids<CustomerId>,
    Query(params): Query,
) -> Result<Response, ApiError> {
    let migration = guid_parameter(&params, &["migration_id", "MigrationId"])?.map(MigrationId);
    let subscription = guid_parameter(
        &params,
        &["current_subscription_id", "CurrentSubscriptionId"],
    )?
    .map(SubscriptionId);
    if migration.is_none() && subscription.is_none() {
        return Err(ApiError::BadRequest(
            "migration_id or current_subscription_id is required.".to_owned(),
        ));
    }
    let customer = caller.store.related_customer(id)?;
    let events: Vec<MigrationEventView> = customer
        .migration_events(migration, subscription)
        .into_iter()
        .map(|(migration, event)| MigrationEventView::new(id, migration, event))
        .collect();
    Ok(ok(&events))
}

/// `GET /v1/migrations/newcommerce?CustomerTenantId=&CurrentSubscriptionId=&ExternalReferenceId=`:
/// the partner's migrations that match every filter given (at least one is required), oldest
/// first, as a bare array of at most `PageSize` (300 at most and by default). When more follow,
/// the `MS-ContinuationToken` response header carries the token that, sent back as a request
/// header with the same query, reads the next page.
async fn list<S: Shared>(
    State(state): State<S>,
    caller: Caller,
    Query(params): Query,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let filter = MigrationFilter {
        customer: guid_parameter(&params, &["CustomerTenantId"])?.map(CustomerId),
        current_subscription: guid_parameter(&params, &["CurrentSubscriptionId"])?
            .map(SubscriptionId),
        external_reference_id: params.non_empty("ExternalReferenceId").map(str::to_owned),
    };
    if filter == MigrationFilter::default() {
        return Err(ApiError::BadRequest(
            "At least one of CustomerTenantId, CurrentSubscriptionId and ExternalReferenceId is required."
                .to_owned(),
        ));
    }
    let size = page_size(&params)?;
    let (size, after) = match continuation(&headers) {
        None => (size.unwrap_or(MAX_MIGRATION_PAGE), None),
        Some(token) => {
            let cursor: Cursor<MigrationFilter> = state.tokens().check(token).ok_or_else(|| {
                ApiError::BadRequest("The continuation token is invalid.".to_owned())
            })?;
            if cursor.query != filter || size.is_some_and(|size| size != cursor.size) {
                return Err(seek::token_of_another_query());
            }
            (cursor.size, Some(cursor.after))
        }
    };
    let mut found: Vec<(String, MigrationView)> = Vec::new();
    let matching = |customer: &crate::domain::Customer| {
        customer
            .migrations
            .iter()
            .any(|m| filter.matches(customer.id, m))
    };
    for listed in caller.store.page(None, usize::MAX, matching).items {
        let customer = caller.store.customer(listed.id)?;
        found.extend(
            customer
                .migrations
                .iter()
                .filter(|m| filter.matches(customer.id, m))
                .map(|m| (list_key(m), MigrationView::new(customer.id, m))),
        );
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let (page, more) = seek::page_after(found, |(key, _)| key.clone(), after.as_ref(), false, size);
    let next = page.last().filter(|_| more).map(|(key, _)| {
        state.tokens().issue(&Cursor {
            after: key.clone(),
            size,
            query: filter.clone(),
        })
    });
    let views: Vec<MigrationView> = page.into_iter().map(|(_, view)| view).collect();
    let mut answer = ok(&views);
    if let Some(token) = next.and_then(|token| HeaderValue::from_str(&token).ok()) {
        answer.headers_mut().insert(CONTINUATION_HEADER, token);
    }
    Ok(answer)
}

/// Where a migration stands in the partner's list: by start time, then id.
fn list_key(migration: &Migration) -> String {
    format!("{}|{}", date::format(&migration.started_time), migration.id)
}

/// The continuation token a request carries, if any.
fn continuation(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(CONTINUATION_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .filter(|token| !token.is_empty())
}

/// `PageSize`: absent or `0` leaves the size to the server; larger than 300 is 300; negative or
/// not a number is refused.
fn page_size(params: &QueryParams) -> Result<Option<usize>, ApiError> {
    let Some(raw) = params.non_empty("PageSize").map(str::trim) else {
        return Ok(None);
    };
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::BadRequest(format!(
            "PageSize '{raw}' is not valid: it must be a non-negative integer."
        )));
    }
    let size = raw.parse::<usize>().unwrap_or(usize::MAX);
    Ok((size > 0).then(|| size.min(MAX_MIGRATION_PAGE)))
}

/// The GUID of the first of `names` the query gives.
fn guid_parameter(params: &QueryParams, names: &[&str]) -> Result<Option<uuid::Uuid>, ApiError> {
    let Some((name, raw)) = names
        .iter()
        .find_map(|name| params.non_empty(name).map(|raw| (*name, raw)))
    else {
        return Ok(None);
    };
    crate::domain::ids::parse_guid(raw.trim())
        .map(Some)
        .ok_or_else(|| ApiError::BadRequest(format!("{name} '{raw}' must be a GUID.")))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::post(
                "/v1/customers/{customer_id}/migrations/newcommerce/validate",
                "validateNewCommerceMigration",
            )
            .summary("Checks whether a legacy subscription (with its active add-ons) can move to new commerce; reasons are integer eligibility codes.")
            .body::<MigrationRequest>()
            .ok::<EligibilityView>("The eligibility."),
            validate,
        )
        .add(
            Operation::post(
                "/v1/customers/{customer_id}/migrations/newcommerce",
                "createNewCommerceMigration",
            )
            .summary("Starts a migration to new commerce: the legacy subscriptions are suspended at once, and the migration completes after the namespace's provisioningDelay.")
            .header("MS-RequestId", "Repeating it replays the first answer.")
            .body::<MigrationRequest>()
            .created::<MigrationView>("The migration, Processing."),
            create::<S>,
        )
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/migrations/newcommerce/events",
                "getNewCommerceMigrationEvents",
            )
            .summary("Gets the events of a customer's migrations, a bare array, each migration's in the order they happened.")
            .query("migration_id", "The migration (GUID); this or current_subscription_id is required.")
            .query("current_subscription_id", "The legacy subscription (GUID).")
            .ok::<Vec<MigrationEventView>>("The events."),
            events,
        )
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/migrations/newcommerce/{migration_id}",
                "getNewCommerceMigration",
            )
            .summary("Gets a migration.")
            .ok::<MigrationView>("The migration."),
            get,
        )
        .add(
            Operation::get("/v1/migrations/newcommerce", "listNewCommerceMigrations")
                .summary("Lists the partner's migrations matching every filter given (at least one), a bare array; the next page's token comes in the MS-ContinuationToken response header, to be sent back as a request header.")
                .query("CustomerTenantId", "The customer (GUID).")
                .query("CurrentSubscriptionId", "A legacy subscription (GUID), base or add-on.")
                .query("ExternalReferenceId", "The client's reference given at creation.")
                .query_of("PageSize", ParameterKind::Integer, "At most 300, the default.")
                .header("MS-ContinuationToken", "The token of the page before, from its response header.")
                .ok::<Vec<MigrationView>>("One page of migrations."),
            list::<S>,
        )
}
