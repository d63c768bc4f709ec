//! What runs around the router for every request: `/v1` paths are put in their canonical form
//! before routing, every answer gets Partner Center's response headers, every `/v1` request is
//! journaled whether a route serves it or not, an unmatched one is told its nearest route,
//! axum's bare 405 answers become Partner Center errors, and a handler that panics answers 500
//! while the server keeps serving. The steps around the router are one layer, so that a request
//! pays for one.

use super::unmatched::describe_unmatched;
use super::{AppState, router};
use crate::http::error::{ApiError, panic_answer};
use crate::http::headers::AnswerIds;
use crate::http::unmatched::Unmatched;
use crate::namespace::Namespace;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use tower::Layer;
use tower_http::catch_panic::CatchPanicLayer;

/// The whole application as one service, ready for `axum::serve`.
pub(crate) fn service(
    state: AppState,
) -> impl tower::Service<
    Request,
    Response = Response,
    Error = std::convert::Infallible,
    Future = impl Send,
> + Clone
+ Send
+ 'static {
    // Around the router as a whole: `Router::layer` would wrap each route instead.
    let router = CatchPanicLayer::custom(panic_answer).layer(router(state.clone()));
    let described =
        tower::ServiceExt::<Request>::map_response(router, |response: axum::http::Response<_>| {
            describe_method_not_allowed(response.map(Body::new))
        });
    let around = from_fn_with_state(state, around).layer(described);
    tower::ServiceExt::map_request(around, normalize_path)
}

/// Around every request: Partner Center's response headers. Around a `/v1` request also its
/// namespace and journal entry, and, when no route served it, the description of what did not
/// match; the journal keeps the answer as the client gets it.
async fn around(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let ids = AnswerIds::of(&request);
    if !crate::wire::path::is_v1(request.uri().path()) {
        return ids.write(next.run(request).await);
    }
    let (method, uri) = (request.method().clone(), request.uri().clone());
    crate::v1::entrance(&state, request, |request| async move {
        let namespace = request.extensions().get::<Arc<Namespace>>().cloned();
        let response = ids.write(next.run(request).await);
        describe_unmatched(&method, uri.path(), namespace.as_deref(), response)
    })
    .await
}

/// Rewrites a `/v1` path to its canonical form before routing (see [`crate::wire::path`]).
fn normalize_path(mut request: Request) -> Request {
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

/// axum answers a wrong method with an empty 405 and adds the `Allow` header last, outside
/// every middleware; Partner Center clients expect an ApiFault that lists the allowed methods.
/// Runs around the whole router, and keeps the headers already set.
fn describe_method_not_allowed(response: Response) -> Response {
    if response.status() != StatusCode::METHOD_NOT_ALLOWED
        || response.headers().contains_key(header::CONTENT_TYPE)
    {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let allow = parts
        .headers
        .get(header::ALLOW)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .replace(',', ", ");
    let fault = ApiError::MethodNotAllowed(allow).into_response();
    let (fault_parts, body) = fault.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.extend(fault_parts.headers);
    parts.extensions.insert(Unmatched::default());
    Response::from_parts(parts, body)
}
