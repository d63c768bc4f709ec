//! ISO-8601 durations, as the virtual clock takes them: `PnW`, or `PnYnMnDTnHnMnS` with whole
//! numbers, a year counting 365 days and a month 30.

use chrono::Duration;

/// Parses an ISO-8601 duration: `PnW`, or `PnYnMnDTnHnMnS` with whole numbers, a year being
/// 365 days and a month 30.
pub(crate) fn parse(text: &str) -> Option<Duration> {
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

/// Writes a duration as ISO-8601 in days, hours, minutes and seconds: `PT0S`, `PT90S` is written
/// `PT1M30S`, `P8D`, `P1DT2H`. Negative durations are written as zero.
pub(crate) fn format(duration: Duration) -> String {
    let mut seconds = duration.num_seconds().max(0);
    let days = seconds / 86_400;
    seconds %= 86_400;
    let (hours, minutes) = (seconds / 3_600, seconds % 3_600 / 60);
    seconds %= 60;
    let mut text = String::from("P");
    if days > 0 {
        text.push_str(&format!("{days}D"));
    }
    if hours > 0 || minutes > 0 || seconds > 0 || days == 0 {
        text.push('T');
        for (value, unit) in [(hours, 'H'), (minutes, 'M'), (seconds, 'S')] {
            if value > 0 {
                text.push_str(&format!("{value}{unit}"));
            }
        }
        if text.ends_with('T') {
            text.push_str("0S");
        }
    }
    text
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
    use super::{format, parse as parse_duration};

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

    #[test]
    fn durations_are_written_back_as_they_read() {
        for (seconds, text) in [
            (0, "PT0S"),
            (90, "PT1M30S"),
            (8 * 86_400, "P8D"),
            (93_600, "P1DT2H"),
        ] {
            let duration = chrono::Duration::seconds(seconds);
            assert_eq!(format(duration), text);
            assert_eq!(parse_duration(text), Some(duration));
        }
    }
}
