//! `GET /_mock/clock`, `GET /_mock/clock/next-event` and `POST /_mock/clock/advance`: the
//! namespace's virtual clock, and the next thing it does to a subscription by itself.

use super::Target;
use crate::domain::clock_event::{ClockChange, ClockEvent};
use crate::http::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::store::Store;
use crate::wire::date;
use axum::response::Response;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[derive(Serialize, schemars::JsonSchema)]
struct Now {
    now: String,
}

/// `GET /_mock/clock`.
pub(super) async fn now(Target(namespace): Target) -> Response {
    ok(&Now {
        now: date::format(&namespace.store().clock().now()),
    })
}

/// What the clock does next to a subscription, and when.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct ChangeView {
    pub(super) at: String,
    /// `renewal`, or the status the subscription takes: `expired`, `disabled` or `deleted`.
    pub(super) change: &'static str,
}

impl ChangeView {
    pub(super) fn of(change: ClockChange, at: DateTime<Utc>) -> Self {
        Self {
            at: date::format(&at),
            change: change.as_wire(),
        }
    }
}

/// The namespace's next clock event: which customer's subscription, what and when.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct EventView {
    customer_id: String,
    subscription_id: String,
    #[serde(flatten)]
    change: ChangeView,
}

impl EventView {
    fn of(event: &ClockEvent) -> Self {
        Self {
            customer_id: event.customer_id.to_string(),
            subscription_id: event.subscription_id.to_string(),
            change: ChangeView::of(event.change, event.at),
        }
    }
}

/// `{"now": ..., "nextEvent": {...}}`; `nextEvent` is absent when nothing is due.
#[derive(Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct Upcoming {
    now: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_event: Option<EventView>,
}

/// `GET /_mock/clock/next-event`: the earliest renewal, end of term or lapse step after now.
pub(super) async fn next_event(Target(namespace): Target) -> Response {
    let store = namespace.store();
    let next_event = store.next_clock_event().as_ref().map(EventView::of);
    ok(&Upcoming {
        now: date::format(&store.clock().now()),
        next_event,
    })
}

/// Where `{"to": ...}` moves the clock.
#[derive(Debug, Clone, Copy, Deserialize, schemars::JsonSchema)]
enum AdvanceTo {
    /// The namespace's next renewal, end of term or lapse step (`GET /_mock/clock/next-event`).
    #[serde(rename = "nextEvent")]
    NextEvent,
}

/// `{"duration": "P8D"}`, `{"seconds": 691200}` or `{"to": "nextEvent"}`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
pub(super) struct Advance {
    duration: Option<String>,
    seconds: Option<i64>,
    to: Option<AdvanceTo>,
}

/// The time after the move, and the event moved to.
#[derive(Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct Advanced {
    now: String,
    /// With `{"to": "nextEvent"}`: the event the clock was moved to.
    #[serde(skip_serializing_if = "Option::is_none")]
    reached: Option<EventView>,
}

/// `POST /_mock/clock/advance`: moves the namespace's clock forward.
pub(super) async fn advance(
    Target(namespace): Target,
    JsonBody(advance): JsonBody<Advance>,
) -> Result<Response, ApiError> {
    let store = namespace.store();
    let reached = match (advance.duration, advance.seconds, advance.to) {
        (Some(text), None, None) => {
            let by = crate::wire::duration::parse(&text).ok_or_else(|| {
                ApiError::BadRequest(format!(
                    "duration '{text}' is not an ISO-8601 duration such as P8D or PT2H30M."
                ))
            })?;
            move_by(store, by)?;
            None
        }
        (None, Some(seconds), None) if seconds >= 0 => {
            let by = Duration::try_seconds(seconds)
                .ok_or_else(|| ApiError::BadRequest("seconds is too large.".to_owned()))?;
            move_by(store, by)?;
            None
        }
        (None, None, Some(AdvanceTo::NextEvent)) => Some(move_to_next_event(store)?),
        _ => {
            return Err(ApiError::BadRequest(
                "Send one of duration (ISO-8601, such as P8D), a non-negative number of seconds, \
                 or to: \"nextEvent\"."
                    .to_owned(),
            ));
        }
    };
    Ok(ok(&Advanced {
        now: date::format(&store.clock().now()),
        reached: reached.as_ref().map(EventView::of),
    }))
}

fn move_by(store: &Store, by: Duration) -> Result<(), ApiError> {
    store
        .clock()
        .advance(by)
        .map_err(|e| ApiError::BadRequest(e.to_string()))
}

/// Moves the clock to the namespace's next clock event, which the next read then applies.
fn move_to_next_event(store: &Store) -> Result<ClockEvent, ApiError> {
    let event = store.next_clock_event().ok_or_else(|| {
        ApiError::NotFound(
            "No subscription in this namespace renews, expires or lapses after now: there is no next event."
                .to_owned(),
        )
    })?;
    store
        .clock()
        .advance_to(event.at)
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    Ok(event)
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
            Operation::get("/_mock/clock/next-event", "getNextClockEvent")
                .summary("The namespace's next renewal, end of term (expired, or disabled when suspended) or lapse step (disabled, deleted) after now, over every customer.")
                .ok::<Upcoming>("The time, and the next event when there is one."),
            next_event,
        )
        .add(
            Operation::post("/_mock/clock/advance", "advanceClock")
                .summary("Moves the namespace's clock forward, by an ISO-8601 `duration`, by `seconds`, or to the next event (`{\"to\": \"nextEvent\"}`, 404 when there is none); renewals and expiries that fall due are applied.")
                .body::<Advance>()
                .ok::<Advanced>("The time after the move, and the event reached."),
            advance,
        )
}
