//! The test-harness control plane under `/_mock`: health, the business rules, the virtual
//! clock, the relationship tools, and the list of a customer's carts and the lifecycle of its
//! subscriptions that the `/v1` surface has no call for.
//!
//! A control request acts on the namespace named by the `X-Mock-Partner` header, else `default`.
//!
//! Only the Markdown rendering of the fidelity matrix, in [`coverage`], is public; the routes are
//! private to the crate.

mod carts;
mod clock;
pub(crate) mod coverage;
mod data;
mod documented;
mod lifecycle;
pub(crate) mod matrix;
pub(crate) mod nearest;
mod overrides;
mod relationship;
mod requests;
mod route;
mod settings;

use crate::domain::rules::{RULES, Rule};
use crate::http::error::ApiError;
use crate::http::headers::{PARTNER_HEADER, bearer_token};
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::namespace::DEFAULT_NAMESPACE;
use crate::namespace::Namespace;
use crate::namespace::budget::BudgetUse;
use crate::openapi::{Content, Operation};
use axum::Router;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::IntoResponse;
use axum::response::Response;
use serde::Serialize;
use std::sync::Arc;

/// The control plane. With an admin token set, every route but `/health` requires
/// `Authorization: Bearer <admin token>`.
pub(crate) fn router<S: Shared>(state: S) -> Router<S> {
    let (guarded, _) = guarded_routes().into_parts();
    let (open, _) = open_routes().into_parts();
    guarded
        .route_layer(from_fn_with_state(state, require_admin_token::<S>))
        .merge(open)
}

/// Every control-plane route, documented.
pub(crate) fn routes<S: Shared>() -> Routes<S> {
    guarded_routes().merge(open_routes())
}

/// The routes the admin token guards.
fn guarded_routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::get("/_mock/rules", "listRules")
                .summary("Every business rule the mock enforces, with its id, condition, error and source.")
                .ok::<Items<Rule>>("The rules."),
            rules,
        )
        .add(
            Operation::get("/_mock/coverage", "getCoverage")
                .summary("The fidelity matrix: every Partner Center operation the mock serves and how faithfully, every other documented route as not emulated, and their counts.")
                .ok::<matrix::Matrix>("The matrix."),
            coverage::coverage,
        )
        .add(
            Operation::get("/_mock/openapi.json", "getOpenApi")
                .summary("This document.")
                .answer(200, "The OpenAPI 3.1 document.", Content::Json(any_json)),
            openapi::<S>,
        )
        .merge(data::routes())
        .merge(requests::routes())
        .merge(overrides::routes())
        .merge(clock::routes())
        .merge(relationship::routes())
        .merge(carts::routes())
        .merge(lifecycle::routes())
        .merge(settings::routes())
}

/// The routes anyone may call.
fn open_routes<S: Shared>() -> Routes<S> {
    Routes::new().add(
        Operation::get("/_mock/health", "getHealth")
            .summary("Answers as soon as the port is bound.")
            .open()
            .ok::<Health>("The mock is up."),
        health::<S>,
    )
}

fn any_json(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"type": "object"})
}

/// Middleware: with an admin token set, refuses requests that do not carry it.
async fn require_admin_token<S: Shared>(
    State(state): State<S>,
    request: Request,
    next: Next,
) -> Response {
    let Some(expected) = state.admin_token() else {
        return next.run(request).await;
    };
    let sent = bearer_token(request.headers());
    let matches = sent.is_some_and(|sent| {
        bool::from(subtle::ConstantTimeEq::ct_eq(
            sent.as_bytes(),
            expected.as_bytes(),
        ))
    });
    if matches {
        next.run(request).await
    } else {
        ApiError::Unauthorized(
            "The control plane requires the admin token: Authorization: Bearer <admin token>.",
        )
        .into_response()
    }
}

/// The namespace a control request acts on.
pub(crate) struct Target(pub(crate) Arc<Namespace>);

impl<S: Shared> FromRequestParts<S> for Target {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let name = parts
            .headers
            .get(PARTNER_HEADER)
            .map(|value| value.to_str().unwrap_or_default())
            .unwrap_or(DEFAULT_NAMESPACE);
        state
            .namespaces()
            .get_or_create(name)
            .map(Target)
            .map_err(|refusal| {
                ApiError::namespace_limit(&refusal).unwrap_or_else(|| {
                    ApiError::BadRequest(format!("'{name}' is not a valid namespace name."))
                })
            })
    }
}

#[derive(Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct Health {
    status: &'static str,
    version: &'static str,
    uptime_seconds: u64,
    /// Every namespace's journal together, against the journal budget.
    journal: BudgetUse,
    namespaces: NamespaceCount,
}

/// How many namespaces exist, against the namespace limit.
#[derive(Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct NamespaceCount {
    count: usize,
    /// `--max-namespaces`.
    limit: usize,
}

/// `GET /_mock/health`: answers as soon as the port is bound, with the memory bounds and what
/// they hold.
async fn health<S: Shared>(State(state): State<S>) -> Response {
    let namespaces = state.namespaces();
    ok(&Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        uptime_seconds: state.started().elapsed().as_secs(),
        journal: namespaces.budget().usage(),
        namespaces: NamespaceCount {
            count: namespaces.len(),
            limit: namespaces.bounds().max_namespaces,
        },
    })
}

/// The `{"items": [...]}` envelope of control-plane lists.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "{T}List")]
pub(crate) struct Items<'a, T: Serialize> {
    pub(crate) items: &'a [T],
}

/// `GET /_mock/openapi.json`: the OpenAPI document of everything the mock serves.
async fn openapi<S: Shared>(State(state): State<S>) -> Response {
    ok(state.openapi())
}

/// `GET /_mock/rules`: every business rule with its id, condition, error and source.
async fn rules() -> Response {
    ok(&Items { items: RULES })
}
