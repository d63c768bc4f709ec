//! Optimistic concurrency: what a client expects a resource's version to be before it changes
//! it. The expectation is read at the edge, from an `If-Match` header or an etag sent back in the
//! body (SPEC §4: a stale one is refused with code 2055), so rules compare version numbers only.

use super::DomainError;

/// The version a change expects of the resource it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Precondition {
    /// No etag was sent, or `*`: any version will do.
    #[default]
    Any,
    /// The resource must be at this version.
    Version(u64),
    /// An etag that no version can match: unreadable, or another resource's.
    Unmatchable,
}

impl Precondition {
    /// Both expectations at once: an `If-Match` header and a body etag must each hold.
    #[must_use]
    pub fn and(self, other: Self) -> Self {
        match (self, other) {
            (Self::Any, other) | (other, Self::Any) => other,
            (Self::Version(a), Self::Version(b)) if a == b => Self::Version(a),
            _ => Self::Unmatchable,
        }
    }

    /// Refuses a change whose expectation the resource at `current` does not meet.
    ///
    /// # Errors
    /// [`DomainError::StaleEtag`] (400, code 2055).
    pub fn check(self, current: u64) -> Result<(), DomainError> {
        match self {
            Self::Any => Ok(()),
            Self::Version(expected) if expected == current => Ok(()),
            Self::Version(_) | Self::Unmatchable => Err(DomainError::StaleEtag),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Precondition::{Any, Unmatchable, Version};

    #[test]
    fn a_version_holds_only_at_that_version() {
        assert!(Any.check(7).is_ok());
        assert!(Version(7).check(7).is_ok());
        assert!(Version(6).check(7).is_err());
        assert!(Unmatchable.check(7).is_err());
    }

    #[test]
    fn two_expectations_must_agree() {
        assert_eq!(Any.and(Version(2)), Version(2));
        assert_eq!(Version(2).and(Any), Version(2));
        assert_eq!(Version(2).and(Version(2)), Version(2));
        assert_eq!(Version(2).and(Version(3)), Unmatchable);
        assert_eq!(Unmatchable.and(Any), Unmatchable);
    }
}
