//! `GET /_mock/clock` and `POST /_mock/clock/advance`: the namespace's virtual clock.

use super::Target;
use crate::http::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::wire::date;
use axum::response::Response;
use chrono::Duration;
use serde::{Deserialize, Serialize};

#[derive(Serialize, schemars::JsonSchema)]
struct Now {
    now: String,
}

/// `GET /_mock/clock`.
pub async fn now(Target(namespace): Target) -> Response {
    ok(&Now {
        now: date::format(&namespace.store().clock().now()),
    })
}

/// `{"duration": "P8D"}` or `{"seconds": 691200}`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
pub struct Advance {
    duration: Option<String>,
    seconds: Option<i64>,
}

/// `POST /_mock/clock/advance`: moves the namespace's clock forward.
pub async fn advance(
    Target(namespace): Target,
    JsonBody(advance): JsonBody<Advance>,
) -> Result<Response, ApiError> {
    let store = namespace.store();
    let by = match (advance.duration, advance.seconds) {
        (Some(text), None) => crate::wire::duration::parse(&text).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "duration '{text}' is not an ISO-8601 duration such as P8D or PT2H30M."
            ))
        })?,
        (None, Some(seconds)) if seconds >= 0 => Duration::try_seconds(seconds)
            .ok_or_else(|| ApiError::BadRequest("seconds is too large.".to_owned()))?,
        _ => {
            return Err(ApiError::BadRequest(
                "Send either duration (ISO-8601, such as P8D) or a non-negative number of seconds."
                    .to_owned(),
            ));
        }
    };
    store
        .clock()
        .advance(by)
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    Ok(now(Target(namespace)).await)
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::get("/_mock/clock", "getClock")
                .summary("The namespace's virtual time.")
                .ok::<Now>("The time."),
            now,
        )
        .add(
            Operation::post("/_mock/clock/advance", "advanceClock")
                .summary("Moves the namespace's clock forward, by an ISO-8601 `duration` or by `seconds`; renewals and expiries that fall due are applied.")
                .body::<Advance>()
                .ok::<Now>("The time after the move."),
            advance,
        )
}
