//! The middleware in front of the `/v1` surface, doing what Partner Center's gateway does before
//! a request reaches its service, in two layers:
//! - [`entrance`], called by the application for every `/v1` path, routed or not: pick the
//!   partner namespace and journal the exchange, so that a request no route serves is journaled
//!   too;
//! - [`gateway`], around the `/v1` routes: apply the namespace's overrides (fault rules and
//!   pinned answers), then its documented throttling.
//!
//! The dashboard's own reads skip the journal, the overrides and the throttling. Authentication
//! happens in the [`Caller`](super::auth::Caller) extractor, once the route matched.

use super::auth::requested_namespace;
use super::{journal, overrides, throttling};
use crate::http::error::ApiError;
use crate::http::headers::is_dashboard_request;
use crate::http::state::Shared;
use crate::namespace::Namespace;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Picks the namespace of a `/v1` request and journals the exchange, which `serve` answers. A
/// request that would make a namespace beyond the namespace limit gets its 503 at once,
/// whatever its route. A request whose namespace name is invalid goes on unjournaled: a route
/// answers it with the namespace's error, the router with its 404.
pub(crate) async fn entrance<S: Shared, F: Future<Output = Response>>(
    state: &S,
    mut request: Request,
    serve: impl FnOnce(Request) -> F,
) -> Response {
    let namespace = match requested_namespace(state, request.headers()) {
        Ok(namespace) => namespace,
        Err(limit @ ApiError::NamespaceLimit(_)) => return limit.into_response(),
        Err(_) => return serve(request).await,
    };
    request.extensions_mut().insert(Arc::clone(&namespace));
    if is_dashboard_request(request.headers()) {
        // The dashboard observes; it neither fills the journal nor uses up overrides.
        return serve(request).await;
    }
    journal::record(&namespace, request, serve).await
}

pub(super) async fn gateway<S: Shared>(
    State(state): State<S>,
    mut request: Request,
    next: Next,
) -> Response {
    if is_dashboard_request(request.headers()) {
        return next.run(request).await;
    }
    let namespace = match request.extensions().get::<Arc<Namespace>>() {
        Some(namespace) => Arc::clone(namespace),
        None => match requested_namespace(&state, request.headers()) {
            Ok(namespace) => {
                request.extensions_mut().insert(Arc::clone(&namespace));
                namespace
            }
            Err(error) => return error.into_response(),
        },
    };
    overrides::apply(&namespace, request, |request| {
        throttling::admit(&namespace, request, next)
    })
    .await
}
