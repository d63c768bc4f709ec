//! The test-harness control plane under `/_mock`: health, the business rules, the virtual
//! clock, and the relationship tools that the `/v1` surface has no call for.
//!
//! A control request acts on the namespace named by the `X-Mock-Partner` header, else `default`.

mod clock;
pub mod coverage;
mod data;
mod faults;
mod relationship;
mod requests;

use crate::domain::rules::{RULES, Rule};
use crate::http::AppState;
use crate::http::auth::{DEFAULT_NAMESPACE, PARTNER_HEADER};
use crate::http::error::ApiError;
use crate::http::response::ok;
use crate::namespace::Namespace;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::IntoResponse;
use axum::response::Response;
use axum::routing::{delete, get, post};
use serde::Serialize;
use std::sync::Arc;

/// The control plane. With an admin token set, every route but `/health` requires
/// `Authorization: Bearer <admin token>`.
pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/rules", get(rules))
        .route("/coverage", get(coverage::coverage))
        .route("/partners", get(data::partners))
        .route("/partners/{name}/fork", post(data::fork))
        .route("/reset", post(data::reset))
        .route(
            "/state",
            get(data::export_state)
                .put(data::import_state)
                .layer(DefaultBodyLimit::max(data::STATE_BODY_LIMIT)),
        )
        .route(
            "/snapshots",
            get(data::list_snapshots).post(data::save_snapshot),
        )
        .route("/snapshots/{name}/restore", post(data::restore_snapshot))
        .route("/snapshots/{name}", delete(data::delete_snapshot))
        .route("/requests", get(requests::list).delete(requests::clear))
        .route("/requests.jsonl", get(requests::export))
        .route(
            "/faults",
            get(faults::list).post(faults::add).delete(faults::clear),
        )
        .route("/faults/{id}", delete(faults::remove))
        .route_layer(from_fn_with_state(state, require_admin_token))
        .route("/health", get(health))
        .route("/clock", get(clock::now))
        .route("/clock/advance", post(clock::advance))
        .route(
            "/customers/{customer_id}/removal-check",
            get(relationship::removal_check),
        )
        .route(
            "/customers/{customer_id}/relationship/accept",
            post(relationship::accept),
        )
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

#[derive(Serialize)]
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
#[derive(Serialize)]
pub(crate) struct Items<T: Serialize> {
    pub(crate) items: T,
}

/// `GET /_mock/rules`: every business rule with its id, condition, error and source.
async fn rules() -> Response {
    ok(&Items::<&[Rule]> { items: RULES })
}
