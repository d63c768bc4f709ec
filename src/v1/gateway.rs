//! The one middleware in front of every `/v1` route, doing what Partner Center's gateway does
//! before a request reaches its service: pick the partner namespace, journal the exchange, apply
//! the namespace's overrides (fault rules and pinned answers), then its documented throttling;
//! the dashboard's own reads skip all three. One layer instead of four keeps the read path short;
//! authentication happens in the [`Caller`](super::auth::Caller) extractor, once the route
//! matched.

use super::auth::requested_namespace;
use super::{journal, overrides, throttling};
use crate::http::headers::is_dashboard_request;
use crate::http::state::Shared;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

pub(super) async fn gateway<S: Shared>(
    State(state): State<S>,
    mut request: Request,
    next: Next,
) -> Response {
    let namespace = match requested_namespace(&state, request.headers()) {
        Ok(namespace) => namespace,
        Err(error) => return error.into_response(),
    };
    request.extensions_mut().insert(Arc::clone(&namespace));
    if is_dashboard_request(request.headers()) {
        // The dashboard observes; it neither fills the journal nor uses up overrides.
        return next.run(request).await;
    }
    journal::record(&namespace, request, |request| {
        overrides::apply(&namespace, request, |request| {
            throttling::admit(&namespace, request, |request| next.run(request))
        })
    })
    .await
}
