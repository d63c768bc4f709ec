//! The test-harness control plane under `/_mock`: health, the business rules, the virtual
//! clock, and the relationship tools that the `/v1` surface has no call for.
//!
//! A control request acts on the namespace named by the `X-Mock-Partner` header, else `default`.

mod clock;
pub mod coverage;
mod data;
mod overrides;
mod relationship;
mod requests;

use crate::domain::rules::{RULES, Rule};
use crate::http::AppState;
use crate::http::auth::{DEFAULT_NAMESPACE, PARTNER_HEADER};
use crate::http::error::ApiError;
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::namespace::Namespace;
use crate::openapi::{Content, Operation};
use axum::Router;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::IntoResponse;
use axum::response::Response;
use serde::Serialize;
use std::sync::Arc;

/// The control plane. With an admin token set, every route but `/health` requires
/// `Authorization: Bearer <admin token>`.
pub fn router(state: AppState) -> Router<AppState> {
    let (guarded, _) = guarded_routes().into_parts();
    let (open, _) = open_routes().into_parts();
    guarded
        .route_layer(from_fn_with_state(state, require_admin_token))
        .merge(open)
}

/// Every control-plane route, documented.
pub fn routes() -> Routes {
    guarded_routes().merge(open_routes())
}

/// The routes the admin token guards.
fn guarded_routes() -> Routes {
    Routes::new()
        .add(
            Operation::get("/_mock/rules", "listRules")
                .summary("Every business rule the mock enforces, with its id, condition, error and source.")
                .ok::<Items<Rule>>("The rules."),
            rules,
        )
        .add(
            Operation::get("/_mock/coverage", "getCoverage")
                .summary("The fidelity matrix: every Partner Center operation in scope and how faithfully it is served.")
                .ok::<Items<coverage::Operation>>("The matrix."),
            coverage::coverage,
        )
        .add(
            Operation::get("/_mock/openapi.json", "getOpenApi")
                .summary("This document.")
                .answer(200, "The OpenAPI 3.1 document.", Content::Json(any_json)),
            openapi,
        )
        .merge(data::routes())
        .merge(requests::routes())
        .merge(overrides::routes())
        .merge(clock::routes())
        .merge(relationship::routes())
}

/// The routes anyone may call.
fn open_routes() -> Routes {
    Routes::new().add(
        Operation::get("/_mock/health", "getHealth")
            .summary("Answers as soon as the port is bound.")
            .open()
            .ok::<Health>("The mock is up."),
        health,
    )
}

fn any_json(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"type": "object"})
}

/// Middleware: with an admin token set, refuses requests that do not carry it.
async fn require_admin_token(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(expected) = state.admin_token() else {
        return next.run(request).await;
    };
    let sent = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
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
pub struct Target(pub Arc<Namespace>);

impl FromRequestParts<AppState> for Target {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let name = parts
            .headers
            .get(PARTNER_HEADER)
            .map(|value| value.to_str().unwrap_or_default())
            .unwrap_or(DEFAULT_NAMESPACE);
        state
            .namespaces()
            .get_or_create(name)
            .map(Target)
            .ok_or_else(|| ApiError::BadRequest(format!("'{name}' is not a valid namespace name.")))
    }
}

#[derive(Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct Health {
    status: &'static str,
    version: &'static str,
    uptime_seconds: u64,
}

/// `GET /_mock/health`: answers as soon as the port is bound.
async fn health(State(state): State<AppState>) -> Response {
    ok(&Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        uptime_seconds: state.started().elapsed().as_secs(),
    })
}

/// The `{"items": [...]}` envelope of control-plane lists.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "{T}List")]
pub(crate) struct Items<'a, T: Serialize> {
    pub(crate) items: &'a [T],
}

/// `GET /_mock/openapi.json`: the OpenAPI document of everything the mock serves.
async fn openapi() -> Response {
    ok(crate::openapi::served())
}

/// `GET /_mock/rules`: every business rule with its id, condition, error and source.
async fn rules() -> Response {
    ok(&Items { items: RULES })
}
