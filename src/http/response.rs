//! JSON answers with Partner Center's content type.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

pub(crate) const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// Serializes `body` as the answer, with `Content-Type: application/json; charset=utf-8`.
pub(crate) fn json<T: Serialize + ?Sized>(status: StatusCode, body: &T) -> Response {
    let mut bytes = Vec::with_capacity(2048);
    match serde_json::to_writer(&mut bytes, body) {
        Ok(()) => (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(JSON_CONTENT_TYPE),
            )],
            bytes,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "a response failed to serialize");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// 200 with `body`.
pub(crate) fn ok<T: Serialize + ?Sized>(body: &T) -> Response {
    json(StatusCode::OK, body)
}

/// 202 with `body`, and `location` in `Location`: accepted, still provisioning.
pub(crate) fn accepted<T: Serialize + ?Sized>(location: &str, body: &T) -> Response {
    let mut response = json(StatusCode::ACCEPTED, body);
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// 201 with `body`.
pub(crate) fn created<T: Serialize + ?Sized>(body: &T) -> Response {
    json(StatusCode::CREATED, body)
}
