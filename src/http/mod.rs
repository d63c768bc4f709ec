//! The HTTP surface: the `/v1` Partner Center routes, one module per resource, on top of the
//! shared wire conventions (`headers`, `auth`, `extract`, `error`).

pub mod auth;
mod customers;
mod domains;
mod entitlements;
pub mod error;
pub mod extract;
mod faults;
mod gateway;
pub mod headers;
pub mod idempotency;
mod journal;
mod offers;
mod orders;
pub mod overrides;
mod profiles;
mod relationships;
pub mod response;
pub mod routes;
mod subscriptions;

use crate::domain::ids::IdSource;
use crate::namespace::{Namespace, Namespaces};
use crate::wire::paging::TokenSigner;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use error::ApiError;
use extract::V1_BODY_LIMIT;
use idempotency::Replays;
use routes::Routes;
use std::sync::Arc;
use std::time::Instant;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

struct Shared {
    namespaces: Namespaces,
    admin_token: Option<String>,
    tokens: TokenSigner,
    ids: IdSource,
    replays: Replays,
    started: Instant,
}

impl AppState {
    pub fn new(namespaces: Namespaces, ids: IdSource, admin_token: Option<String>) -> Self {
        Self(Arc::new(Shared {
            namespaces,
            admin_token,
            tokens: TokenSigner::new(),
            ids,
            replays: Replays::default(),
            started: Instant::now(),
        }))
    }

    pub fn namespaces(&self) -> &Namespaces {
        &self.0.namespaces
    }

    /// The token `/_mock` data routes require, when one is set.
    pub fn admin_token(&self) -> Option<&str> {
        self.0.admin_token.as_deref()
    }

    pub fn tokens(&self) -> &TokenSigner {
        &self.0.tokens
    }

    pub fn ids(&self) -> &IdSource {
        &self.0.ids
    }

    pub fn replays(&self) -> &Replays {
        &self.0.replays
    }

    pub fn started(&self) -> Instant {
        self.0.started
    }

    /// Puts a namespace back to the seed, with its clock at real time and its idempotency keys
    /// forgotten. Its snapshots, journal and overrides (fault rules among them) stay.
    pub fn reset(&self, namespace: &Namespace) {
        namespace.store().replace(self.namespaces().seed());
        namespace.store().clock().reset();
        self.replays().forget_namespace(namespace.name());
    }
}

/// The `/v1` routes, documented, before the layers that give them their conventions.
pub fn v1_routes() -> Routes {
    customers::routes()
        .merge(relationships::routes())
        .merge(profiles::routes())
        .merge(domains::routes())
        .merge(offers::routes())
        .merge(orders::routes())
        .merge(subscriptions::routes())
        .merge(entitlements::routes())
}

/// The `/v1` routes with their conventions, and the control plane under `/_mock`.
pub fn router(state: AppState) -> Router {
    let (v1, _) = v1_routes().into_parts();
    let v1 = v1
        .layer(DefaultBodyLimit::max(V1_BODY_LIMIT))
        .layer(from_fn_with_state(state.clone(), gateway::gateway));
    Router::new()
        .merge(v1)
        .merge(crate::control::router(state.clone()))
        .merge(crate::dashboard::router())
        .fallback(route_not_found)
        .layer(from_fn(headers::partner_center_headers))
        .with_state(state)
}

async fn route_not_found() -> Response {
    ApiError::RouteNotFound.into_response()
}

/// Rewrites a `/v1` path to its canonical form before routing (see [`crate::wire::path`]).
pub fn normalize_path(mut request: Request) -> Request {
    if let Some(path) = crate::wire::path::normalize(request.uri().path()) {
        let rebuilt = match request.uri().query() {
            Some(query) => format!("{path}?{query}"),
            None => path,
        };
        if let Ok(uri) = rebuilt.parse() {
            *request.uri_mut() = uri;
        }
    }
    request
}
