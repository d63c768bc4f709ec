//! `MS-RequestId` as an idempotency key for creating calls (SPEC §3): the same key in the same
//! namespace replays the first successful answer instead of creating twice (see
//! [`Replays`](crate::namespace::replays::Replays)).

use super::auth::Caller;
use crate::http::error::ApiError;
use crate::http::headers::REQUEST_ID;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

/// Runs a creating call once per `MS-RequestId` in the caller's namespace.
pub(crate) async fn create_once(
    caller: &Caller,
    headers: &HeaderMap,
    create: impl FnOnce() -> Result<Response, ApiError>,
) -> Response {
    create_once_awaiting(caller, headers, || async { create() }).await
}

/// [`create_once`] for a creating call that awaits.
pub(crate) async fn create_once_awaiting<Creating>(
    caller: &Caller,
    headers: &HeaderMap,
    create: impl FnOnce() -> Creating,
) -> Response
where
    Creating: Future<Output = Result<Response, ApiError>>,
{
    let request_id = headers.get(REQUEST_ID).and_then(|v| v.to_str().ok());
    caller
        .namespace
        .replays()
        .once(request_id, || async {
            create().await.unwrap_or_else(IntoResponse::into_response)
        })
        .await
}
