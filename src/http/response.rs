//! JSON answers with Partner Center's content type.

use crate::domain::rendered::Json;
use crate::wire::Collection;
use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

pub(crate) const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// Serializes `body` as the answer, with `Content-Type: application/json; charset=utf-8`.
pub(crate) fn json<T: Serialize + ?Sized>(status: StatusCode, body: &T) -> Response {
    let mut bytes = Vec::with_capacity(2048);
    match serde_json::to_writer(&mut bytes, body) {
        Ok(()) => with_json_type(status, Body::from(bytes)),
        Err(error) => unserializable(&error),
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

/// 200 with a view already serialized (see [`crate::views::rendered`]); one that failed to
/// serialize answers 500, as [`json`] does.
pub(crate) fn ok_rendered(body: Result<Json, serde_json::Error>) -> Response {
    match body {
        Ok(json) => rendered(StatusCode::OK, json),
        Err(error) => unserializable(&error),
    }
}

/// 200 with a collection around items already serialized, which `envelope` wraps.
pub(crate) fn ok_rendered_items(
    items: Result<Vec<Json>, serde_json::Error>,
    envelope: impl FnOnce(Vec<Json>) -> Collection<Json>,
) -> Response {
    ok_rendered_collection(items.map(envelope))
}

/// 200 with a collection of items already serialized.
pub(crate) fn ok_rendered_collection(
    collection: Result<Collection<Json>, serde_json::Error>,
) -> Response {
    let collection = match collection {
        Ok(collection) => collection,
        Err(error) => return unserializable(&error),
    };
    // The envelope adds a few hundred bytes to its items; sized once, the page is never copied
    // as it grows.
    let size = collection
        .items
        .iter()
        .map(|item| item.get().len() + 1)
        .sum::<usize>()
        + 1024;
    let mut bytes = Vec::with_capacity(size);
    match serde_json::to_writer(&mut bytes, &collection) {
        Ok(()) => with_json_type(StatusCode::OK, Body::from(bytes)),
        Err(error) => unserializable(&error),
    }
}

/// `json` as the answer's body, shared rather than copied.
fn rendered(status: StatusCode, json: Json) -> Response {
    with_json_type(status, Body::from(Bytes::from_owner(Shared(json))))
}

/// A serialized form as the owner of a body's bytes.
struct Shared(Json);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        self.0.get().as_bytes()
    }
}

fn with_json_type(status: StatusCode, body: Body) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(JSON_CONTENT_TYPE),
    );
    response
}

fn unserializable(error: &serde_json::Error) -> Response {
    tracing::error!(%error, "a response failed to serialize");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}
