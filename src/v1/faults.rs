//! The Partner Center error a fault answers with: the ApiFault envelope with a default code and
//! description per status, or the gateway's throttling answer with `Retry-After`.

use crate::http::error::ApiError;
use crate::namespace::faults::FaultAnswer;
use axum::http::StatusCode;

/// Seconds a throttled client is told to wait when its rule names none; 429 always carries
/// `Retry-After`, since the .NET SDK fails without it.
pub(super) const DEFAULT_RETRY_AFTER: u64 = 1;

/// The error the fault `rule` answers with, when it names a status.
pub(super) fn error(rule: String, fault: FaultAnswer) -> Option<ApiError> {
    let status = StatusCode::from_u16(fault.status?).ok()?;
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
    Some(ApiError::Injected {
        rule,
        status,
        code: fault.code.unwrap_or_else(|| default_code(status)),
        description,
        retry_after,
    })
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
