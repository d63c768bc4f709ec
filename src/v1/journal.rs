//! Writes each `/v1` request and its answer to the namespace's journal, whether a route served it
//! or not. Bodies are buffered only while the journal is on.

use crate::http::error::ApiError;
use crate::http::extract::V1_BODY_LIMIT;
use crate::http::headers::{CLIENT_HEADER, CORRELATION_ID, PARTNER_HEADER, REQUEST_ID};
use crate::http::unmatched::Unmatched;
use crate::namespace::Namespace;
use crate::namespace::journal::{
    AnswerHeaders, CapturedBody, Entry, HeaderBlock, capture_location,
};
use axum::body::{Body, Bytes, HttpBody, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, header};
use axum::response::{IntoResponse, Response};
use std::time::Instant;

/// The request headers an entry keeps. `Authorization` is never kept.
static KEPT_HEADERS: [HeaderName; 8] = [
    header::CONTENT_TYPE,
    header::IF_MATCH,
    HeaderName::from_static("ms-continuationtoken"),
    CORRELATION_ID,
    CLIENT_HEADER,
    REQUEST_ID,
    header::USER_AGENT,
    PARTNER_HEADER,
];

/// Runs `request` through `serve` and journals both, when the namespace's journal is on.
pub(super) async fn record<F: Future<Output = Response>>(
    namespace: &Namespace,
    request: Request,
    serve: impl FnOnce(Request) -> F,
) -> Response {
    if !namespace.journal().is_on() {
        return serve(request).await;
    }
    let started = Instant::now();
    let time = namespace.store().clock().now();
    let method = request.method().to_string();
    let (path, path_truncated) = capture_location(request.uri().path());
    let query = request.uri().query().map(capture_location);
    let headers = kept_headers(request.headers());
    let (request_bytes, response) = if request.body().is_end_stream() {
        (Bytes::new(), serve(request).await)
    } else {
        let (parts, body) = request.into_parts();
        match to_bytes(body, V1_BODY_LIMIT).await {
            Ok(bytes) => {
                let request = Request::from_parts(parts, Body::from(bytes.clone()));
                (bytes, serve(request).await)
            }
            Err(_) => (
                Bytes::new(),
                ApiError::PayloadTooLarge(V1_BODY_LIMIT).into_response(),
            ),
        }
    };
    let (parts, body) = response.into_parts();
    let response_bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let (request_body, request_body_truncated) = CapturedBody::capture(&request_bytes);
    let (response_body, response_body_truncated) = CapturedBody::capture(&response_bytes);
    let unmatched = parts.extensions.get::<Unmatched>();
    let nearest = unmatched.map(|unmatched| unmatched.nearest.clone());
    let documented = unmatched.and_then(|unmatched| unmatched.documented.clone());
    namespace.journal().record(Entry {
        sequence: 0,
        time,
        namespace: namespace.name().to_owned(),
        method,
        path,
        path_truncated,
        query_truncated: query.as_ref().is_some_and(|(_, cut)| *cut),
        query: query.map(|(query, _)| query),
        matched: nearest.is_none(),
        nearest,
        documented,
        headers,
        request_body,
        request_body_truncated,
        status: parts.status.as_u16(),
        answer_headers: AnswerHeaders(HeaderBlock::capture(|| parts.headers.iter())),
        response_body,
        response_body_truncated,
        duration_ms: started.elapsed().as_secs_f64() * 1000.0,
    });
    Response::from_parts(parts, Body::from(response_bytes))
}

fn kept_headers(headers: &HeaderMap) -> HeaderBlock {
    HeaderBlock::capture(|| {
        headers
            .iter()
            .filter(|(name, _)| KEPT_HEADERS.contains(name))
    })
}
