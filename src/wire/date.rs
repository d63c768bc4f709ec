//! Dates on the wire: ISO-8601 UTC with seven fractional digits and a `Z`
//! (`2026-11-24T10:15:30.1234567Z`), as Partner Center's newer backends write them.
//!
//! Coming in, any ISO-8601 form is taken, with or without an offset (a missing offset is UTC).

use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// The default value the .NET SDK sends for an unset `DateTime`: means "not given".
pub(crate) const DOTNET_DEFAULT_YEAR: i32 = 1;

pub(crate) fn format(at: &DateTime<Utc>) -> String {
    let year = at.year();
    let ticks = at.timestamp_subsec_nanos() / 100;
    if !(0..=9999).contains(&year) || ticks >= 10_000_000 {
        // chrono writes a sign and as many digits as the year needs; a leap second's ticks
        // run to eight digits.
        return format!("{}.{ticks:07}Z", at.format("%Y-%m-%dT%H:%M:%S"));
    }
    // Every view writes several dates: digit by digit, without reading a format string.
    let mut text = String::with_capacity(28);
    push_digits(&mut text, year.unsigned_abs(), 4);
    for (separator, value) in [
        ('-', at.month()),
        ('-', at.day()),
        ('T', at.hour()),
        (':', at.minute()),
        (':', at.second()),
    ] {
        text.push(separator);
        push_digits(&mut text, value, 2);
    }
    text.push('.');
    push_digits(&mut text, ticks, 7);
    text.push('Z');
    text
}

/// Writes the last `width` decimal digits of `value`, zero-padded.
fn push_digits(text: &mut String, value: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = value / 10u32.pow(place) % 10;
        text.push(char::from_digit(digit, 10).unwrap_or('0'));
    }
}

/// Parses an ISO-8601 date-time, with or without an offset.
pub(crate) fn parse(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|naive| naive.and_utc())
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|naive| naive.and_utc())
        })
}

/// The schema of a wire date, for fields that go through this module's `serialize` and
/// `deserialize`.
pub(crate) struct WireDate;

impl schemars::JsonSchema for WireDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "format": "date-time"})
    }
}

pub(crate) fn serialize<S: Serializer>(
    at: &DateTime<Utc>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format(at))
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<DateTime<Utc>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text)
        .ok_or_else(|| serde::de::Error::custom(format!("'{text}' is not an ISO-8601 date")))
}

/// The same, for optional dates; the .NET SDK's `0001-01-01T00:00:00` reads as absent.
pub(crate) mod option {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        at: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => super::serialize(at, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        let text = Option::<String>::deserialize(deserializer)?;
        match text {
            None => Ok(None),
            Some(text) => {
                let at = parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!("'{text}' is not an ISO-8601 date"))
                })?;
                Ok((at.year() != DOTNET_DEFAULT_YEAR).then_some(at))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_with_seven_digits_and_z() {
        let at = parse("2026-11-24T10:15:30.1234567Z").unwrap();
        assert_eq!(format(&at), "2026-11-24T10:15:30.1234567Z");
        let at = parse("2019-01-09T00:21:45+00:00").unwrap();
        assert_eq!(format(&at), "2019-01-09T00:21:45.0000000Z");
        assert!(parse("0001-01-01T00:00:00").is_some());
        assert!(parse("yesterday").is_none());
    }

    #[test]
    fn the_digit_writer_matches_chrono_across_the_calendar() {
        use chrono::TimeZone;
        let chrono_form = |at: &DateTime<Utc>| {
            format!(
                "{}.{:07}Z",
                at.format("%Y-%m-%dT%H:%M:%S"),
                at.timestamp_subsec_nanos() / 100
            )
        };
        let start = Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap();
        let mut at = start;
        for step in 0..20_000_i64 {
            assert_eq!(format(&at), chrono_form(&at));
            at += chrono::Duration::seconds(9_876_543 + step * 701)
                + chrono::Duration::nanoseconds(step * 123_457);
        }
        for at in [
            Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(10_000, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(-1, 6, 1, 12, 0, 0).unwrap(),
        ] {
            assert_eq!(format(&at), chrono_form(&at));
        }
    }
}
