//! Identifiers, parsed at the edge. Partner Center ids are GUIDs that compare case-insensitively
//! and are always written in lower case.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// Parses a GUID in its hyphenated 36-character form, in any case.
pub fn parse_guid(text: &str) -> Option<Uuid> {
    (text.len() == 36)
        .then(|| Uuid::try_parse(text).ok())
        .flatten()
}

macro_rules! guid_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn parse(text: &str) -> Option<Self> {
                parse_guid(text).map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self, f)
            }
        }
    };
}

guid_id!(
    /// A customer's id: its Azure AD tenant id.
    CustomerId
);
guid_id!(
    /// A subscription's id.
    SubscriptionId
);
guid_id!(
    /// A cart's id.
    CartId
);
guid_id!(
    /// A customer user's id: its Entra object id.
    UserId
);
guid_id!(
    /// A directory role's id: its Entra role template id, the same in every tenant.
    DirectoryRoleId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_in_any_case_and_print_in_lower_case() {
        let id = CustomerId::parse("EEBD1B55-5360-4438-A11D-5C06918C3014").unwrap();
        assert_eq!(id.to_string(), "eebd1b55-5360-4438-a11d-5c06918c3014");
        assert!(CustomerId::parse("eebd1b5553604438a11d5c06918c3014").is_none());
        assert!(CustomerId::parse("not-a-guid").is_none());
    }
}

/// Where new ids come from: random by default, or a counter so that tests can predict them.
#[derive(Debug, Default)]
pub struct IdSource {
    sequence: Option<std::sync::atomic::AtomicU64>,
}

impl IdSource {
    /// Ids `00000000-0000-4000-8000-000000000001`, `...0002`, and so on.
    pub fn sequential() -> Self {
        Self {
            sequence: Some(std::sync::atomic::AtomicU64::new(0)),
        }
    }

    pub fn guid(&self) -> Uuid {
        match &self.sequence {
            None => Uuid::new_v4(),
            Some(counter) => {
                let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                Uuid::from_u128(0x0000_0000_0000_4000_8000_0000_0000_0000 | u128::from(n))
            }
        }
    }

    /// A first password for a new tenant's administrator: 12 characters drawn from the id source.
    pub fn password(&self) -> String {
        const ALPHABET: &[u8] =
            b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#$%*+=?";
        let bytes = self.guid().into_bytes();
        bytes
            .iter()
            .take(12)
            .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
            .collect()
    }
}
