//! What the application adds to a `/v1` answer that no route served (the router's 404, a wrong
//! method's 405): the nearest routes of the fidelity matrix, for the journal and in the
//! `X-Mock-Unmatched` header, the documented route the request is when the mock does not emulate
//! it, for the journal, and a WARN line the first time the namespace sees the method and path.
//! The answer's body stays as it was.

use crate::control::matrix::documented_route;
use crate::control::nearest::nearest;
use crate::http::unmatched::{UNMATCHED_HEADER, Unmatched};
use crate::namespace::Namespace;
use crate::namespace::unmatched::{LOGGED, Sighting};
use axum::http::{HeaderName, HeaderValue, Method};
use axum::response::Response;

/// Describes `response` to `method` and `path` when no route served it, and leaves any other
/// answer as it is.
pub(super) fn describe_unmatched(
    method: &Method,
    path: &str,
    namespace: Option<&Namespace>,
    mut response: Response,
) -> Response {
    let Some(unmatched) = response.extensions_mut().get_mut::<Unmatched>() else {
        return response;
    };
    let method = method.as_str();
    unmatched.nearest = nearest(method, path);
    unmatched.documented = documented_route(method, path);
    let first = unmatched.nearest.first().cloned();
    let documented = unmatched.documented.clone();
    let header = first
        .as_deref()
        .and_then(|route| HeaderValue::from_str(route).ok())
        .unwrap_or(HeaderValue::from_static("none"));
    response
        .headers_mut()
        .insert(HeaderName::from_static(UNMATCHED_HEADER), header);
    if let Some(namespace) = namespace {
        log_first_sighting(
            namespace,
            method,
            path,
            documented.as_deref(),
            first.as_deref(),
        );
    }
    response
}

fn log_first_sighting(
    namespace: &Namespace,
    method: &str,
    path: &str,
    documented: Option<&str>,
    nearest: Option<&str>,
) {
    let Sighting::First { last } = namespace.unmatched_log().sight(method, path) else {
        return;
    };
    let shown = crate::namespace::journal::capture_location(path).0;
    let documented = documented
        .map(|route| format!("a documented route the mock does not emulate ({route}); "))
        .unwrap_or_default();
    tracing::warn!(
        namespace = namespace.name(),
        "no route serves {method} {shown}; {documented}nearest: {}",
        nearest.unwrap_or("none")
    );
    if last {
        tracing::warn!(
            namespace = namespace.name(),
            "{LOGGED} distinct unmatched requests logged; further ones are only in the journal (GET /_mock/requests?matched=false)"
        );
    }
}
