//! Applies the namespace's overrides to `/v1` requests, before authentication, as a gateway or
//! an overloaded service would: the first rule that takes a request waits its delay, then
//! answers with a Partner Center error (a fault) or a pinned answer, or passes the request on.

use super::faults;
use crate::http::response::JSON_CONTENT_TYPE;
use crate::namespace::Namespace;
use crate::namespace::faults::FaultAnswer;
use crate::namespace::overrides::Answer;
use crate::namespace::overrides::pinned::PinnedAnswer;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

pub(super) use crate::namespace::journal::OVERRIDE_HEADER;

/// Answers `request` as the first rule that takes it says, else passes it on to `next`.
pub(super) async fn apply<Passed>(
    namespace: &Namespace,
    request: Request,
    next: impl FnOnce(Request) -> Passed,
) -> Response
where
    Passed: Future<Output = Response>,
{
    let taken = namespace
        .overrides()
        .take(request.method().as_str(), request.uri().path());
    let Some(taken) = taken else {
        return next(request).await;
    };
    if let Some(delay) = taken.delay_ms {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    match taken.answer {
        Answer::Fault(fault) => fault_answer(taken.id, fault, request, next).await,
        Answer::Pinned(pinned) => pinned_answer(&taken.id, &pinned),
    }
}

async fn fault_answer<Passed>(
    id: String,
    fault: FaultAnswer,
    request: Request,
    next: impl FnOnce(Request) -> Passed,
) -> Response
where
    Passed: Future<Output = Response>,
{
    if fault.panic {
        panic!("fault rule {id} asked the handler to fail");
    }
    match faults::error(id, fault) {
        Some(error) => error.into_response(),
        None => next(request).await,
    }
}

/// Exactly the pinned status, headers and body, named by `X-Mock-Override`.
fn pinned_answer(id: &str, pinned: &PinnedAnswer) -> Response {
    let mut response = Response::new(Body::from(pinned.payload.to_bytes()));
    *response.status_mut() = pinned.status;
    let headers = response.headers_mut();
    let default_type = if pinned.payload.body.is_some() {
        Some(JSON_CONTENT_TYPE)
    } else if pinned.payload.body_text.is_some() {
        Some("text/plain; charset=utf-8")
    } else {
        None
    };
    if let Some(content_type) = default_type {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    for (name, value) in &pinned.headers {
        headers.insert(name, value.clone());
    }
    if let Ok(id) = HeaderValue::from_str(id) {
        headers.insert(OVERRIDE_HEADER, id);
    }
    response
}
