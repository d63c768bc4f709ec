//! Seek paging with continuation tokens.
//!
//! A token carries where the previous page ended, the page size and the query it belongs to, so
//! a client that follows up with only `seekOperation=Next` and the `MS-ContinuationToken` header
//! (as the .NET SDK's explicit seek query does) gets the right page. Tokens are tagged with a
//! key drawn when the server starts, so a forged or edited token is refused.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::hash::{BuildHasher, RandomState};

/// Where a page ends and which query it belongs to: `Q` is the query, already checked, so that
/// the next page reads it back typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Cursor<Q> {
    /// The sort key of the last item on the previous page.
    pub after: String,
    /// The page size.
    pub size: usize,
    /// The query the page answers.
    pub query: Q,
}

/// Issues and checks continuation tokens.
#[derive(Debug, Clone, Default)]
pub(crate) struct TokenSigner {
    key: RandomState,
}

impl TokenSigner {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn issue<Q: Serialize>(&self, cursor: &Cursor<Q>) -> String {
        let body = serde_json::to_vec(cursor).expect("a cursor always serializes");
        let tag = self.key.hash_one(&body);
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(&body),
            URL_SAFE_NO_PAD.encode(tag.to_be_bytes())
        )
    }

    /// The cursor in `token`, or `None` when the token was not issued by this server.
    pub(crate) fn check<Q: DeserializeOwned>(&self, token: &str) -> Option<Cursor<Q>> {
        let (body, tag) = token.trim().split_once('.')?;
        let body = URL_SAFE_NO_PAD.decode(body).ok()?;
        let tag: [u8; 8] = URL_SAFE_NO_PAD.decode(tag).ok()?.try_into().ok()?;
        if self.key.hash_one(&body) != u64::from_be_bytes(tag) {
            return None;
        }
        serde_json::from_slice(&body).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_tokens_check_and_edited_ones_do_not() {
        let signer = TokenSigner::new();
        let cursor = Cursor {
            after: "a".into(),
            size: 7,
            query: Some("q".to_owned()),
        };
        let token = signer.issue(&cursor);
        assert_eq!(signer.check(&token), Some(cursor.clone()));
        let mut edited = token.clone().into_bytes();
        edited[3] ^= 1;
        assert_eq!(
            signer.check::<Option<String>>(&String::from_utf8_lossy(&edited)),
            None
        );
        assert_eq!(TokenSigner::new().check::<Option<String>>(&token), None);
        assert_eq!(signer.check::<Option<String>>("AQAAAA=="), None);
    }
}
