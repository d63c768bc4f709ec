//! Preconditions read at the edge: the `If-Match` header and an etag sent back in the body become
//! a [`Precondition`] on the resource's version, so the rules compare numbers, never etag text.
//! Every PATCH and PUT that changes a versioned resource takes this extractor.

use crate::domain::Precondition;
use crate::domain::customer::SentAttributes;
use crate::wire::etag::{Received, read};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use std::convert::Infallible;

/// The request's `If-Match` header, not yet held against a resource.
pub(crate) struct IfMatch(Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        let value = parts
            .headers
            .get(header::IF_MATCH)
            // A header that is not text is no etag the mock wrote: it can match nothing.
            .map(|value| value.to_str().unwrap_or("\u{0}").to_owned());
        Ok(Self(value))
    }
}

impl IfMatch {
    /// What the header and the etag sent back in the body (`attributes.etag`) expect of the
    /// resource `id`.
    pub(crate) fn and_body(self, sent: Option<&SentAttributes>, id: &str) -> Precondition {
        let body_etag = sent.and_then(|attributes| attributes.etag.as_deref());
        [self.0.as_deref(), body_etag]
            .into_iter()
            .flatten()
            .map(|etag| expected(etag, id))
            .fold(Precondition::Any, Precondition::and)
    }
}

/// What one received etag expects of the resource `id`.
fn expected(etag: &str, id: &str) -> Precondition {
    match read(etag) {
        Received::Any => Precondition::Any,
        Received::Version { id: named, version } if named.eq_ignore_ascii_case(id) => {
            Precondition::Version(version)
        }
        Received::Version { .. } | Received::Unreadable => Precondition::Unmatchable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::etag::etag;

    #[test]
    fn an_etag_names_a_version_of_its_own_resource_only() {
        let current = etag("ABC", 3);
        assert_eq!(expected(&current, "abc"), Precondition::Version(3));
        assert_eq!(expected(&current, "other"), Precondition::Unmatchable);
        assert_eq!(expected("\"*\"", "abc"), Precondition::Any);
        assert_eq!(expected("garbage", "abc"), Precondition::Unmatchable);
    }

    #[test]
    fn the_header_and_the_body_must_both_hold() {
        let header = IfMatch(Some(etag("a", 1)));
        assert_eq!(
            header.and_body(
                Some(&SentAttributes {
                    etag: Some(etag("a", 2))
                }),
                "a"
            ),
            Precondition::Unmatchable
        );
        assert_eq!(IfMatch(None).and_body(None, "a"), Precondition::Any);
    }
}
