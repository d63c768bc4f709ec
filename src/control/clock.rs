//! `GET /_mock/clock` and `POST /_mock/clock/advance`: the namespace's virtual clock.

use super::Target;
use crate::http::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::response::ok;
use crate::wire::date;
use axum::response::Response;
use chrono::Duration;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
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
#[derive(Debug, Default, Deserialize)]
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
        (Some(text), None) => parse_duration(&text).ok_or_else(|| {
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

/// Parses an ISO-8601 duration: `PnW`, or `PnYnMnDTnHnMnS` with whole numbers, a year being
/// 365 days and a month 30.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let body = text.trim().strip_prefix(['P', 'p'])?;
    if body.is_empty() {
        return None;
    }
    let (date_part, time_part) = match body.split_once(['T', 't']) {
        Some((date, time)) if !time.is_empty() => (date, Some(time)),
        Some(_) => return None,
        None => (body, None),
    };
    let date_units: &[(char, i64)] = &[
        ('Y', 365 * 86_400),
        ('M', 30 * 86_400),
        ('W', 7 * 86_400),
        ('D', 86_400),
    ];
    let time_units: &[(char, i64)] = &[('H', 3_600), ('M', 60), ('S', 1)];
    let seconds = sum_units(date_part, date_units)?.checked_add(match time_part {
        Some(time) => sum_units(time, time_units)?,
        None => 0,
    })?;
    Duration::try_seconds(seconds)
}

/// Adds up `<number><unit>` pairs whose units appear in order.
fn sum_units(text: &str, units: &[(char, i64)]) -> Option<i64> {
    let mut total: i64 = 0;
    let mut number = String::new();
    let mut next_unit = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let offset = units[next_unit..]
            .iter()
            .position(|(unit, _)| unit.eq_ignore_ascii_case(&c))?;
        let (_, scale) = units[next_unit + offset];
        next_unit += offset + 1;
        let value: i64 = number.parse().ok()?;
        total = total.checked_add(value.checked_mul(scale)?)?;
        number.clear();
    }
    number.is_empty().then_some(total)
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn durations_read_days_weeks_and_times() {
        assert_eq!(parse_duration("P8D").unwrap().num_seconds(), 8 * 86_400);
        assert_eq!(parse_duration("P1W").unwrap().num_days(), 7);
        assert_eq!(parse_duration("PT2H30M").unwrap().num_minutes(), 150);
        assert_eq!(parse_duration("P1Y").unwrap().num_days(), 365);
        assert_eq!(parse_duration("P1DT1S").unwrap().num_seconds(), 86_401);
        for bad in ["", "P", "8D", "PT", "P1H", "PD", "P1D2", "P1M1Y"] {
            assert!(parse_duration(bad).is_none(), "{bad}");
        }
    }
}
