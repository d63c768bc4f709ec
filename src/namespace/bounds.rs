//! The bounds on the namespaces' memory: each journal's capacity, the journal budget of all of
//! them together, how many namespaces may exist, when an idle one may be dropped to make room
//! for a new one, and an optional time-to-live for idle ones. Idleness is measured in real time
//! (server housekeeping), never on a namespace's virtual clock.
//!
//! The flag values are read here too, so that the binary and the tests read them alike.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How many namespaces may exist by default, `default` included.
pub const DEFAULT_MAX_NAMESPACES: usize = 10_000;
/// How long a namespace must have been unused before it may be dropped to make room.
pub const DEFAULT_IDLE_THRESHOLD: Duration = Duration::from_secs(10 * 60);

/// The bounds the namespaces are kept within.
#[derive(Debug, Clone)]
pub struct Bounds {
    /// How many entries each namespace's journal keeps; 0 turns journals off.
    pub journal_capacity: usize,
    /// The most bytes every journal together holds (see [`super::budget::Budget`]).
    pub journal_budget: usize,
    /// How many namespaces may exist, `default` included (at least 1).
    pub max_namespaces: usize,
    /// How long a namespace must have been unused before it may be dropped to make room.
    pub idle_threshold: Duration,
    /// Namespaces unused for longer are dropped, when set.
    pub idle_ttl: Option<Duration>,
}

impl Default for Bounds {
    fn default() -> Self {
        Self {
            journal_capacity: super::journal::DEFAULT_CAPACITY,
            journal_budget: super::budget::DEFAULT_BUDGET,
            max_namespaces: DEFAULT_MAX_NAMESPACES,
            idle_threshold: DEFAULT_IDLE_THRESHOLD,
            idle_ttl: None,
        }
    }
}

/// Why a namespace could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The name is not a namespace name (1 to 128 letters, digits, `-`, `_` or `.`).
    InvalidName,
    /// A namespace of that name exists (when making a new one is asked for).
    Taken,
    /// The namespace limit is reached and no namespace may be dropped to make room.
    Full {
        /// The namespace limit.
        limit: usize,
        /// How long a namespace must be unused before it may be dropped.
        idle_threshold: Duration,
    },
}

impl Refusal {
    /// For [`Refusal::Full`], what the refused caller is told: the limit, the flag that sets it,
    /// and which namespaces could have made room.
    pub fn full_description(limit: usize, idle_threshold: Duration) -> String {
        let idle = chrono::Duration::from_std(idle_threshold)
            .map(crate::wire::duration::format)
            .unwrap_or_default();
        format!(
            "The mock holds its limit of {limit} partner namespaces (--max-namespaces, \
             PCMOCK_MAX_NAMESPACES), and none can be dropped to make room: only a namespace \
             other than default, with no saved snapshot, unused for {idle}, can. Reuse a \
             namespace or raise the limit."
        )
    }
}

/// Real time, in milliseconds since 1970.
pub(super) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as u64)
}

/// Reads a size in bytes: a whole number, optionally followed by `KiB`, `MiB` or `GiB`
/// (`64MiB`, `512 KiB`, `1048576`); at least 1.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let unit_bytes: u64 = match unit.trim() {
        "" | "B" => 1,
        "KiB" => 1 << 10,
        "MiB" => 1 << 20,
        "GiB" => 1 << 30,
        _ => {
            return Err(format!(
                "'{text}' is not a size: a whole number of bytes, or one with KiB, MiB or GiB"
            ));
        }
    };
    let bytes = number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(unit_bytes))
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| {
            format!("'{text}' is not a size: a whole number of bytes, or one with KiB, MiB or GiB")
        })?;
    if bytes == 0 {
        return Err("the size must be at least 1 byte".to_owned());
    }
    Ok(bytes)
}

/// Reads a count that must be at least 1.
pub fn parse_count(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("it must be at least 1".to_owned()),
        Ok(count) => Ok(count),
        Err(_) => Err(format!("'{text}' is not a whole number of at least 1")),
    }
}

/// Reads a duration of at least a second: ISO-8601 as the other duration flags take it
/// (`PT30M`, `PT2H`), or a whole number with `s`, `m`, `h` or `d` (`30m`, `2h`).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let seconds = match crate::wire::duration::parse(text) {
        Some(duration) => duration.num_seconds(),
        None => {
            let (number, unit) = text.split_at(text.len().saturating_sub(1));
            let unit_seconds = match unit {
                "s" => 1,
                "m" => 60,
                "h" => 3_600,
                "d" => 86_400,
                _ => 0,
            };
            number
                .parse::<i64>()
                .ok()
                .filter(|_| unit_seconds > 0)
                .and_then(|n| n.checked_mul(unit_seconds))
                .ok_or_else(|| {
                    format!("'{text}' is not a duration: ISO-8601 (PT30M) or a number with s, m, h or d (30m)")
                })?
        }
    };
    if seconds < 1 {
        return Err("the duration must be at least one second".to_owned());
    }
    Ok(Duration::from_secs(seconds as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_bytes_or_binary_units() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("512 KiB"), Ok(512 << 10));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        for bad in ["0", "0MiB", "-1", "ten", "5MB", "", "MiB"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn counts_are_at_least_one() {
        assert_eq!(parse_count("10000"), Ok(10_000));
        for bad in ["0", "-3", "many", ""] {
            assert!(parse_count(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations_are_iso_8601_or_short() {
        assert_eq!(parse_duration("PT30M"), Ok(Duration::from_secs(1_800)));
        assert_eq!(parse_duration("30m"), Ok(Duration::from_secs(1_800)));
        assert_eq!(parse_duration("2h"), Ok(Duration::from_secs(7_200)));
        assert_eq!(parse_duration("45s"), Ok(Duration::from_secs(45)));
        for bad in ["0s", "PT0S", "-5m", "soon", "5", ""] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_full_description_names_the_limit_and_the_flag() {
        let text = Refusal::full_description(3, DEFAULT_IDLE_THRESHOLD);
        assert!(text.contains("limit of 3"), "{text}");
        assert!(text.contains("--max-namespaces"), "{text}");
        assert!(text.contains("PT10M"), "{text}");
    }
}
