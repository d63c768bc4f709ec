//! The headers every `/v1` answer carries, and the shape of axum's own 405 answers.
//!
//! `MS-RequestId` and `MS-CorrelationId` are echoed (a new GUID where the request had none);
//! `MS-CV` and `MS-ServerId` are added, as in recorded Partner Center responses (the HTTP server
//! adds `Date`).

use super::error::ApiError;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

pub const REQUEST_ID: &str = "ms-requestid";
pub const CORRELATION_ID: &str = "ms-correlationid";
const CV: HeaderName = HeaderName::from_static("ms-cv");
const SERVER_ID: HeaderName = HeaderName::from_static("ms-serverid");

/// Middleware: adds Partner Center's response headers.
pub async fn partner_center_headers(request: Request, next: Next) -> Response {
    let request_id = echoed(request.headers(), REQUEST_ID);
    let correlation_id = echoed(request.headers(), CORRELATION_ID);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(HeaderName::from_static(REQUEST_ID), request_id);
    headers.insert(HeaderName::from_static(CORRELATION_ID), correlation_id);
    headers.insert(CV, correlation_vector());
    headers.insert(SERVER_ID, HeaderValue::from_static("0000MOCK"));
    // `Date` is added by the HTTP server itself, from a cached clock.
    response
}

/// The request's value of `name`, or a new GUID.
fn echoed(headers: &HeaderMap, name: &str) -> HeaderValue {
    headers
        .get(name)
        .filter(|value| !value.is_empty())
        .cloned()
        .unwrap_or_else(|| {
            HeaderValue::from_str(&Uuid::new_v4().to_string()).expect("a GUID is a valid header")
        })
}

fn correlation_vector() -> HeaderValue {
    let simple = Uuid::new_v4().simple().to_string();
    HeaderValue::from_str(&format!("{}.0", &simple[..16])).expect("hex is a valid header")
}

/// axum answers a wrong method with an empty 405 and adds the `Allow` header last, outside
/// every middleware; Partner Center clients expect an ApiFault that lists the allowed methods.
/// Runs around the whole router, and keeps the headers already set.
pub fn describe_method_not_allowed(response: Response) -> Response {
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
    Response::from_parts(parts, body)
}
