//! Partner Center's documented throttling at the gateway: when the namespace's `throttling`
//! setting is `documented`, each request to a throttled operation counts in its resource's
//! bucket (for its customer, where the resource is counted per customer), and a request over the
//! limit is answered 429 with `Retry-After`, before it reaches the service, so it changes nothing.
//!
//! Which operations count, and in which bucket, is [`operations`]' job.

mod operations;

use crate::http::error::ApiError;
use crate::namespace::Namespace;
use crate::settings::Throttling;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Passes `request` on to `next` unless the namespace throttles it.
pub(super) async fn admit(namespace: &Namespace, request: Request, next: Next) -> Response {
    let settings = namespace.store().settings();
    if settings.throttling == Throttling::Off {
        return next.run(request).await;
    }
    let Some(key) = operations::bucket_of(request.method().as_str(), request.uri().path()) else {
        return next.run(request).await;
    };
    match namespace
        .throttle()
        .admit(key, &settings, namespace.store().clock())
    {
        Ok(()) => next.run(request).await,
        Err(refusal) => ApiError::Throttled {
            bucket: refusal.bucket.to_string(),
            retry_after: refusal.retry_after_seconds(),
        }
        .into_response(),
    }
}
