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
//! A stand-in is derived from the value with a keyed hash (SipHash, with a key drawn when the
//! [`Scrubber`] is made), so one recording session gives the same value the same stand-in in
//! every file, and nobody can recompute the originals from a list of guesses.

use serde_json::Value;
use std::hash::{BuildHasher, Hasher, RandomState};

/// Replaces personal data with stand-ins that stay the same for one scrubber's life.
#[derive(Debug, Clone, Default)]
pub struct Scrubber {
    key: RandomState,
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
    /// A scrubber with a new key.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the personal data in `body`.
    pub fn apply(&self, body: &mut Value) {
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
        let mut hasher = self.key.build_hasher();
        hasher.write(normalized.as_bytes());
        let hash = hasher.finish();
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
}
