//! What runs around the router for every request: `/v1` paths are put in their canonical form
//! before routing, every `/v1` request is journaled whether a route serves it or not, an
//! unmatched one is told its nearest route, axum's bare 405 answers become Partner Center
//! errors, and a handler that panics answers 500 while the server keeps serving.

use super::unmatched::describe_unmatched;
use super::{AppState, router};
use crate::http::error::{ApiError, panic_answer};
use crate::http::unmatched::Unmatched;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
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
    let router = router(state.clone()).layer(CatchPanicLayer::custom(panic_answer));
    let described = tower::ServiceExt::<Request>::map_response(router, describe_method_not_allowed);
    let described = from_fn(describe_unmatched).layer(described);
    let journaled = from_fn_with_state(state, crate::v1::entrance::<AppState>).layer(described);
    tower::ServiceExt::map_request(journaled, normalize_path)
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
