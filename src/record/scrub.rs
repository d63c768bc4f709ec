//! Scrubbing (`record --scrub`): personal data in bodies is replaced by stand-ins before it
//! reaches the disk, so that a recording can be attached to a bug report.
//!
//! What is replaced, by property name in any casing and at any depth:
//! - names: `firstName`, `middleName`, `lastName`, `companyName`, `displayName`, `userName`,
//!   `contactName`, and `name` inside a profile (any object reached through a property whose
//!   name contains `profile`);
//! - e-mail addresses: every property whose name contains `email`;
//! - phone numbers: every property whose name contains `phone`;
//! - street addresses: `addressLine1`, `addressLine2`, `addressLine3` and `postalCode` (city,
//!   state, region and country are kept: they place a tenant, not a person, and Partner Center
//!   validates them);
//! - domains: `domain` and the items of `customDomains`, which name the company (an
//!   `onmicrosoft.com` domain keeps its suffix).
//!
//! Ids (GUIDs, order ids, offer ids), dates, amounts, enums and links are kept, so exchanges
//! still link up. Paths and queries are kept too: they carry the ids the replay needs.
//!
//! A stand-in is derived from the value with HMAC-SHA256, keyed with 32 random bytes drawn when
//! the [`Scrubber`] is made (at the start of a recording session) and never written anywhere, so
//! one session gives the same value the same stand-in in every file, and nobody can recompute
//! the originals from a list of guesses.

use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use sha2::Sha256;

/// Replaces personal data with stand-ins that stay the same for one scrubber's life.
#[derive(Clone)]
pub(crate) struct Scrubber {
    /// The MAC, already keyed: each stand-in starts from a copy of it.
    keyed: Hmac<Sha256>,
}

impl std::fmt::Debug for Scrubber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scrubber").finish_non_exhaustive()
    }
}

impl Default for Scrubber {
    fn default() -> Self {
        Self::new()
    }
}

/// What kind of personal data a property holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Personal {
    Name,
    Email,
    Phone,
    Street,
    PostalCode,
    Domain,
}

impl Scrubber {
    /// A scrubber with a new random key (from the operating system's generator, through the
    /// random version-4 UUIDs the crate already makes: 244 random bits).
    pub(crate) fn new() -> Self {
        let mut key = [0; 32];
        key[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        key[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        Self::with_key(&key)
    }

    fn with_key(key: &[u8]) -> Self {
        Self {
            keyed: Hmac::new_from_slice(key).expect("HMAC takes a key of any length"),
        }
    }

    /// Replaces the personal data in `body`.
    pub(crate) fn apply(&self, body: &mut Value) {
        self.walk(body, false);
    }

    fn walk(&self, value: &mut Value, in_profile: bool) {
        match value {
            Value::Array(items) => items.iter_mut().for_each(|i| self.walk(i, in_profile)),
            Value::Object(map) => {
                for (name, child) in map.iter_mut() {
                    match personal(name, in_profile) {
                        Some(kind) => self.replace(child, kind),
                        None => {
                            let profile =
                                in_profile || name.to_ascii_lowercase().contains("profile");
                            self.walk(child, profile);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Replaces every string in `value` (a string, or an array of them) with its stand-in.
    fn replace(&self, value: &mut Value, kind: Personal) {
        match value {
            Value::String(text) if !text.is_empty() => *text = self.stand_in(text, kind),
            Value::Array(items) => items.iter_mut().for_each(|i| self.replace(i, kind)),
            _ => {}
        }
    }

    fn stand_in(&self, original: &str, kind: Personal) -> String {
        let normalized = match kind {
            Personal::Email | Personal::Domain => original.to_ascii_lowercase(),
            _ => original.to_owned(),
        };
        let mut mac = self.keyed.clone();
        mac.update(normalized.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut first = [0; 8];
        first.copy_from_slice(&digest[..8]);
        let hash = u64::from_be_bytes(first);
        let tag = format!("{:08x}", hash >> 32);
        match kind {
            Personal::Name => format!("Name-{tag}"),
            Personal::Email => format!("user-{tag}@example.com"),
            Personal::Phone => format!("555{:07}", hash % 10_000_000),
            Personal::Street => format!("{} Street {tag}", hash % 999 + 1),
            Personal::PostalCode => format!("{:05}", hash % 100_000),
            Personal::Domain if normalized.ends_with(".onmicrosoft.com") => {
                format!("tenant{tag}.onmicrosoft.com")
            }
            Personal::Domain => format!("domain{tag}.example"),
        }
    }
}

fn personal(name: &str, in_profile: bool) -> Option<Personal> {
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "firstname" | "middlename" | "lastname" | "companyname" | "displayname" | "username"
        | "contactname" => Some(Personal::Name),
        "name" if in_profile => Some(Personal::Name),
        "addressline1" | "addressline2" | "addressline3" => Some(Personal::Street),
        "postalcode" => Some(Personal::PostalCode),
        "domain" | "customdomains" => Some(Personal::Domain),
        _ if lower.contains("email") => Some(Personal::Email),
        _ if lower.contains("phone") => Some(Personal::Phone),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn personal_data_is_replaced_and_ids_are_kept() {
        let scrubber = Scrubber::new();
        let mut body = json!({
            "id": "22222222-2222-4222-8222-222222222222",
            "companyProfile": {"companyName": "Contoso", "domain": "contoso.onmicrosoft.com",
                "email": "Ann@contoso.com", "name": "Contoso"},
            "billingProfile": {"firstName": "Ann", "lastName": "Lee",
                "defaultAddress": {"addressLine1": "1 Main St", "city": "Redmond",
                    "postalCode": "98052", "phoneNumber": "4255550100"}},
            "customDomains": ["contoso.onmicrosoft.com"],
            "offerName": "Office 365 E3"
        });
        scrubber.apply(&mut body);
        let text = body.to_string();
        for original in [
            "Contoso",
            "contoso",
            "Ann",
            "Lee",
            "1 Main St",
            "98052",
            "4255550100",
        ] {
            assert!(!text.contains(original), "{original} in {text}");
        }
        assert_eq!(body["id"], "22222222-2222-4222-8222-222222222222");
        assert_eq!(body["billingProfile"]["defaultAddress"]["city"], "Redmond");
        assert_eq!(body["offerName"], "Office 365 E3");
        assert_eq!(body["customDomains"][0], body["companyProfile"]["domain"]);
        assert!(
            body["companyProfile"]["email"]
                .as_str()
                .unwrap()
                .ends_with("@example.com")
        );
        assert_eq!(
            body["companyProfile"]["name"],
            body["companyProfile"]["companyName"]
        );
    }

    #[test]
    fn one_scrubber_gives_a_value_the_same_stand_in_every_time_and_another_does_not() {
        let scrubber = Scrubber::new();
        let once = |s: &Scrubber| {
            let mut body = json!({"lastName": "Okafor"});
            s.apply(&mut body);
            body["lastName"].as_str().unwrap().to_owned()
        };
        assert_eq!(once(&scrubber), once(&scrubber));
        assert_ne!(once(&scrubber), "Okafor");
        assert_ne!(once(&scrubber), once(&Scrubber::new()));
    }

    #[test]
    fn stand_ins_come_from_hmac_sha256_under_the_scrubber_key() {
        // RFC 4231, test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?") starts
        // with 5bdcc146bf60754e.
        let scrubber = Scrubber::with_key(b"Jefe");
        assert_eq!(
            scrubber.stand_in("what do ya want for nothing?", Personal::Name),
            "Name-5bdcc146"
        );
        assert_eq!(
            scrubber.stand_in("what do ya want for nothing?", Personal::PostalCode),
            format!("{:05}", 0x5bdc_c146_bf60_754e_u64 % 100_000)
        );
    }
}
