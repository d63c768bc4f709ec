//! Applies the namespace's fault rules to `/v1` requests, before authentication, as a gateway or
//! an overloaded service would.

use super::error::ApiError;
use crate::namespace::Namespace;
use crate::namespace::faults::Fault;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// Seconds a throttled client is told to wait when its rule names none; 429 always carries
/// `Retry-After`, since the .NET SDK fails without it.
pub const DEFAULT_RETRY_AFTER: u64 = 1;

/// Answers `request` as the first matching fault rule says, else passes it on to `next`.
pub async fn inject(namespace: &Namespace, request: Request, next: Next) -> Response {
    let fault = namespace
        .faults()
        .take(request.method().as_str(), request.uri().path());
    let Some(fault) = fault else {
        return next.run(request).await;
    };
    if let Some(delay) = fault.delay_ms {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    if fault.panic {
        panic!("fault rule {} asked the handler to fail", fault.rule);
    }
    match fault.status.and_then(|s| StatusCode::from_u16(s).ok()) {
        None => next.run(request).await,
        Some(status) => answer(fault, status).into_response(),
    }
}

fn answer(fault: Fault, status: StatusCode) -> ApiError {
    let throttled = status == StatusCode::TOO_MANY_REQUESTS;
    let retry_after = fault
        .retry_after
        .or(throttled.then_some(DEFAULT_RETRY_AFTER));
    let description = fault.description.unwrap_or_else(|| match retry_after {
        Some(seconds) if throttled => {
            format!("Rate limit is exceeded. Try again in {seconds} seconds.")
        }
        _ => default_description(status).to_owned(),
    });
    ApiError::Injected {
        rule: fault.rule,
        status,
        code: fault.code.unwrap_or_else(|| default_code(status)),
        description,
        retry_after,
    }
}

/// The Partner Center code an injected status carries when its rule names none.
fn default_code(status: StatusCode) -> u32 {
    match status.as_u16() {
        400 => 2000,
        401 => 800001,
        403 => 2032,
        404 => 1000,
        409 => 800060,
        500..=599 => 800003,
        _ => 0,
    }
}

fn default_description(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "Invalid request input",
        401 => "Partner Token missing in request context",
        403 => "Access denied",
        404 => "Not found",
        409 => {
            "Your order is in progress. Please check your order history for recent orders in few minutes"
        }
        500..=599 => "Unexpected service error",
        _ => "Exception not defined",
    }
}
