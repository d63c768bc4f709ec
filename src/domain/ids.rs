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
            /// Reads the id from a GUID in its hyphenated form, in any case.
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
guid_id!(
    /// A new-commerce migration's id.
    MigrationId
);

/// Gives a type that is written as a string the schema of a plain string, inline, so that the
/// wire shapes that carry it document the same `{"type": "string"}` a `String` would.
macro_rules! schema_as_string {
    ($name:ty) => {
        impl schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                String::schema_name()
            }

            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                String::json_schema(generator)
            }
        }
    };
}
pub(crate) use schema_as_string;

/// Ids that are not GUIDs: kept as written, compared exactly, and read as their text. Copies
/// share the text (an order's id is in each subscription it created, an offer's in each
/// subscription and order line that bought it).
macro_rules! text_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(super::text::Text);

        impl $name {
            /// The id as written.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(text.into())
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(text.into())
            }
        }

        impl From<super::text::Text> for $name {
            fn from(text: super::text::Text) -> Self {
                Self(text)
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                self.0.as_str()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0.as_str())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        schema_as_string!($name);
    };
}

text_id!(
    /// An order's id: a GUID for a licence order, twelve hex digits for new commerce and Azure,
    /// a longer token for reservations, software and marketplace products. Compared exactly, as
    /// the service matches it.
    OrderId
);
text_id!(
    /// An offer's id, in the catalog's spelling: a legacy offer GUID (`031C9E47-...`), an Azure
    /// offer (`MS-AZR-0145P`) or a catalog item (`product:sku:availability`). Catalog lookups
    /// compare it case-insensitively.
    OfferId
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

    #[test]
    fn a_seeded_source_draws_the_same_version_4_ids_for_the_same_seed() {
        let (one, again, other) = (
            super::IdSource::seeded(7),
            super::IdSource::seeded(7),
            super::IdSource::seeded(8),
        );
        let first = one.guid();
        assert_eq!(first, again.guid());
        assert_ne!(first, one.guid());
        assert_ne!(first, other.guid());
        assert_eq!(first.get_version_num(), 4);
    }
}

/// Where new ids come from: random by default, a counter so that tests can predict them, or a
/// stream drawn from a seed, so that what the clock creates (where no server id source is at
/// hand) gets the same ids on every run.
#[derive(Debug, Default)]
pub struct IdSource {
    sequence: Option<std::sync::atomic::AtomicU64>,
    /// With `sequence` as the position: draw from this seed's stream instead of counting.
    seed: Option<u64>,
}

impl IdSource {
    /// Ids `00000000-0000-4000-8000-000000000001`, `...0002`, and so on.
    pub fn sequential() -> Self {
        Self {
            sequence: Some(std::sync::atomic::AtomicU64::new(0)),
            seed: None,
        }
    }

    /// Version-4 GUIDs drawn from the stream of `seed`: the same seed draws the same ids.
    pub fn seeded(seed: u64) -> Self {
        Self {
            sequence: Some(std::sync::atomic::AtomicU64::new(0)),
            seed: Some(seed),
        }
    }

    /// A new GUID: random, or the next of the sequence or of the seeded draws.
    pub fn guid(&self) -> Uuid {
        match (&self.sequence, self.seed) {
            (None, _) => Uuid::new_v4(),
            (Some(counter), None) => {
                let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                Uuid::from_u128(0x0000_0000_0000_4000_8000_0000_0000_0000 | u128::from(n))
            }
            (Some(counter), Some(seed)) => {
                let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let mut stream = super::draws::SplitMix64::skipping(seed, n.wrapping_mul(2));
                let mut bytes = [0; 16];
                bytes[..8].copy_from_slice(&stream.next_u64().to_be_bytes());
                bytes[8..].copy_from_slice(&stream.next_u64().to_be_bytes());
                uuid::Builder::from_random_bytes(bytes).into_uuid()
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
