//! What some tests need from outside the project: a browser, the recorded contract. Where it is
//! missing such a test skips, saying why, unless the variable that requires it is set (as
//! `.ci/run` sets them), and then it fails instead: CI never passes by skipping.

/// Something a test needs from the machine, and the variable that makes it required.
pub(crate) struct Prerequisite {
    variable: &'static str,
}

/// Chromium and ChromeDriver, for the dashboard's browser tests.
pub(crate) const BROWSER: Prerequisite = Prerequisite {
    variable: "PCMOCK_REQUIRE_BROWSER",
};

/// The bodies recorded from the Partner Center docs, in `../shared/contract`.
pub(crate) const CONTRACT: Prerequisite = Prerequisite {
    variable: "PCMOCK_REQUIRE_CONTRACT",
};

impl Prerequisite {
    /// Whether the environment requires it: its variable is set (to anything).
    pub(crate) fn is_required(&self) -> bool {
        std::env::var_os(self.variable).is_some()
    }

    /// `found`, as the environment requires: see [`Prerequisite::found_when`].
    pub(crate) fn found<T>(&self, found: Option<T>, why_missing: &str) -> Option<T> {
        self.found_when(self.is_required(), found, why_missing)
    }

    /// `found`; where it is `None`, fails with `why_missing` when `required`, and otherwise
    /// prints that the test is skipped and why.
    pub(crate) fn found_when<T>(
        &self,
        required: bool,
        found: Option<T>,
        why_missing: &str,
    ) -> Option<T> {
        if found.is_none() {
            assert!(!required, "{} is set but {why_missing}", self.variable);
            eprintln!("skipped: {why_missing}");
        }
        found
    }
}

#[test]
fn a_missing_prerequisite_skips_when_not_required() {
    assert_eq!(CONTRACT.found_when(false, None::<()>, "it is absent"), None);
}

#[test]
#[should_panic(expected = "PCMOCK_REQUIRE_CONTRACT is set but it is absent")]
fn a_missing_prerequisite_fails_when_required() {
    CONTRACT.found_when(true, None::<()>, "it is absent");
}

#[test]
fn a_present_prerequisite_is_given_back_whether_required_or_not() {
    for required in [false, true] {
        assert_eq!(BROWSER.found_when(required, Some(7), "unused"), Some(7));
    }
}
