//! `Term`: how long a subscription's term runs, an ISO-8601 duration in whole months or years
//! (`P1M`, `P1Y`, `P3Y`) as Partner Center writes it in `termDuration` and the catalog in a
//! term's `duration`. It is read once, where a request, the catalog or the seed is read, and
//! written back in the very spelling it was read in.

use super::subscription::term::midnight;
use chrono::{DateTime, Duration, Months, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A subscription without a term runs a year.
const MONTHS_WITHOUT_A_TERM: u32 = 12;

/// The longest term the mock takes: ten years.
const MOST_MONTHS: u32 = 120;

/// A term duration of one to 120 months, with the spelling it was read in.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Term {
    spelling: Box<str>,
    months: u32,
}

impl Term {
    /// Reads `PnM` or `PnY` (either case, surrounding blanks allowed) of one to 120 months;
    /// `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let body = text.trim().strip_prefix(['P', 'p'])?;
        let unit = body.chars().last()?;
        let count: u32 = body[..body.len() - unit.len_utf8()].parse().ok()?;
        let months = match unit {
            'M' | 'm' => Some(count),
            'Y' | 'y' => count.checked_mul(12),
            _ => None,
        }
        .filter(|months| (1..=MOST_MONTHS).contains(months))?;
        Some(Self {
            spelling: text.into(),
            months,
        })
    }

    /// The term as it was written.
    pub fn as_str(&self) -> &str {
        &self.spelling
    }

    /// How many months the term runs.
    pub const fn months(&self) -> u32 {
        self.months
    }

    /// `start` plus the term.
    pub fn end(&self, start: DateTime<Utc>) -> DateTime<Utc> {
        months_after(start, self.months)
    }

    /// The last day of a term that starts at `start`, at 00:00 UTC: start plus the term, less
    /// one day. The day is inclusive (`commitmentEndDate` `2022-01-13T00:00:00Z` for a P1Y term
    /// started on 2021-01-14).
    pub fn last_day(&self, start: DateTime<Utc>) -> DateTime<Utc> {
        day_before(self.end(start))
    }

    /// [`Term::end`] of `term`, or a year after `start` for a subscription without one.
    pub fn end_or_year(term: Option<&Self>, start: DateTime<Utc>) -> DateTime<Utc> {
        term.map_or_else(
            || months_after(start, MONTHS_WITHOUT_A_TERM),
            |t| t.end(start),
        )
    }

    /// [`Term::last_day`] of `term`, or of a year from `start` for a subscription without one.
    pub fn last_day_or_year(term: Option<&Self>, start: DateTime<Utc>) -> DateTime<Utc> {
        day_before(Self::end_or_year(term, start))
    }
}

fn months_after(start: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    start
        .checked_add_months(Months::new(months))
        .unwrap_or(start)
}

fn day_before(end: DateTime<Utc>) -> DateTime<Utc> {
    midnight(end - Duration::days(1))
}

/// A term reads as its spelling, as the wire writes it.
impl std::ops::Deref for Term {
    type Target = str;

    fn deref(&self) -> &str {
        &self.spelling
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.spelling)
    }
}

impl fmt::Debug for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.spelling, f)
    }
}

impl Serialize for Term {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.spelling)
    }
}

impl<'de> Deserialize<'de> for Term {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("'{text}' is not a term such as P1M, P1Y or P3Y"))
        })
    }
}

super::ids::schema_as_string!(Term);

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn months(text: &str) -> Option<u32> {
        Term::parse(text).map(|term| term.months())
    }

    #[test]
    fn terms_read_months_and_years() {
        assert_eq!(months("P1M"), Some(1));
        assert_eq!(months("P1Y"), Some(12));
        assert_eq!(months("P3Y"), Some(36));
        assert_eq!(months("p1y"), Some(12));
        assert_eq!(months("1Year"), None);
        assert_eq!(months("P0Y"), None);
        assert_eq!(months("P11Y"), None);
        assert_eq!(months("P"), None);
        assert_eq!(months("P1é"), None);
    }

    #[test]
    fn a_term_is_written_as_it_was_read() {
        let term: Term = serde_json::from_str(r#""p1y""#).unwrap();
        assert_eq!(serde_json::to_string(&term).unwrap(), r#""p1y""#);
        assert!(serde_json::from_str::<Term>(r#""P2W""#).is_err());
    }

    #[test]
    fn the_last_day_of_a_term_is_inclusive() {
        let start = Utc.with_ymd_and_hms(2021, 1, 14, 16, 57, 15).unwrap();
        let end = Utc.with_ymd_and_hms(2022, 1, 13, 0, 0, 0).unwrap();
        assert_eq!(Term::parse("P1Y").unwrap().last_day(start), end);
        assert_eq!(Term::last_day_or_year(None, start), end);
        let start = Utc.with_ymd_and_hms(2021, 10, 15, 8, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2024, 10, 14, 0, 0, 0).unwrap();
        assert_eq!(Term::parse("P3Y").unwrap().last_day(start), end);
    }
}
