//! The unmatched requests a namespace has reported on the console: each distinct method and path
//! once, and at most [`LOGGED`] of them, so that a client probing thousands of paths cannot flood
//! the log (the journal keeps every request, within its own bounds).

use super::journal::capture_location;
use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

/// The most distinct unmatched methods and paths a namespace logs.
pub(crate) const LOGGED: usize = 100;

/// What the console says about an unmatched request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sighting {
    /// The first time this method and path: log it; `last` when it is the last one logged.
    First { last: bool },
    /// Already logged, or past the limit: say nothing.
    Quiet,
}

/// The methods and paths already logged.
#[derive(Debug, Default)]
pub(crate) struct UnmatchedLog {
    seen: Mutex<HashSet<String>>,
}

impl UnmatchedLog {
    /// Notes a sighting of `method` and `path` (the path cut as the journal cuts it).
    pub(crate) fn sight(&self, method: &str, path: &str) -> Sighting {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        if seen.len() >= LOGGED {
            return Sighting::Quiet;
        }
        let (path, _) = capture_location(path);
        if !seen.insert(format!("{method} {path}")) {
            return Sighting::Quiet;
        }
        Sighting::First {
            last: seen.len() == LOGGED,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_is_logged_once_and_at_most_the_limit() {
        let log = UnmatchedLog::default();
        assert_eq!(log.sight("GET", "/v1/a"), Sighting::First { last: false });
        assert_eq!(log.sight("GET", "/v1/a"), Sighting::Quiet);
        assert_eq!(log.sight("POST", "/v1/a"), Sighting::First { last: false });
        for n in 2..LOGGED - 1 {
            assert!(matches!(
                log.sight("GET", &format!("/v1/{n}")),
                Sighting::First { .. }
            ));
        }
        assert_eq!(
            log.sight("GET", "/v1/final"),
            Sighting::First { last: true }
        );
        assert_eq!(log.sight("GET", "/v1/more"), Sighting::Quiet);
    }
}
