//! Redaction: what `record` removes before anything reaches the disk.
//!
//! Headers: `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`, and every header
//! whose name contains `token`, `secret` or `password` keep their name, and their value becomes
//! [`REDACTED`], so that a reader still sees that one was sent. Bodies: every
//! `userCredentials.password` and `passwordProfile.password`, and every dotted path given with
//! `--redact`. A path such as
//! `companyProfile.email` matches wherever that chain of property names occurs, at any depth and
//! at any array index (`items[3].companyProfile.email` too); names match in any case, as Partner
//! Center reads them. The value, whatever its type, becomes [`REDACTED`].

use serde_json::Value;

/// What a redacted value is replaced with.
pub(crate) const REDACTED: &str = "<redacted>";

/// The body paths redacted in every recording: the first password of a new customer's
/// administrator, and the passwords users are created or reset with.
pub(crate) const ALWAYS_REDACTED: &[&str] =
    &["userCredentials.password", "passwordProfile.password"];

/// Whether a header's value is a credential that must not be recorded.
pub(crate) fn is_secret_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(
        name.as_str(),
        "authorization" | "proxy-authorization" | "cookie" | "set-cookie"
    ) || ["token", "secret", "password"]
        .iter()
        .any(|word| name.contains(word))
}

/// Dotted body paths to redact, such as `companyProfile.email`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BodyPaths(Vec<Vec<String>>);

impl BodyPaths {
    /// [`ALWAYS_REDACTED`] and `extra`. An empty path, or one with an empty name, is refused.
    pub(crate) fn new<I, S>(extra: I) -> Result<Self, String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut paths: Vec<Vec<String>> = ALWAYS_REDACTED.iter().map(|path| split(path)).collect();
        for path in extra {
            let path = path.as_ref();
            let names = split(path);
            if names.iter().any(String::is_empty) {
                return Err(format!(
                    "--redact {path:?}: expected dotted property names, such as companyProfile.email"
                ));
            }
            paths.push(names);
        }
        Ok(Self(paths))
    }

    /// Replaces every value at one of the paths with [`REDACTED`].
    pub(crate) fn apply(&self, body: &mut Value) {
        for path in &self.0 {
            redact_everywhere(body, path);
        }
    }
}

fn split(path: &str) -> Vec<String> {
    path.split('.').map(str::to_owned).collect()
}

/// Redacts `path` starting here, then looks for it further down.
fn redact_everywhere(value: &mut Value, path: &[String]) {
    redact_here(value, path);
    match value {
        Value::Array(items) => items.iter_mut().for_each(|i| redact_everywhere(i, path)),
        Value::Object(map) => map.values_mut().for_each(|v| redact_everywhere(v, path)),
        _ => {}
    }
}

/// Redacts `path` taken from this value down, through any arrays on the way.
fn redact_here(value: &mut Value, path: &[String]) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    match value {
        Value::Array(items) => items.iter_mut().for_each(|i| redact_here(i, path)),
        Value::Object(map) => {
            for (name, child) in map.iter_mut() {
                if name.eq_ignore_ascii_case(first) {
                    if rest.is_empty() {
                        *child = Value::String(REDACTED.to_owned());
                    } else {
                        redact_here(child, rest);
                    }
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn credentials_headers_are_secret_and_the_others_are_not() {
        for name in [
            "Authorization",
            "cookie",
            "Set-Cookie",
            "MS-ContinuationToken",
            "x-client-secret",
        ] {
            assert!(is_secret_header(name), "{name}");
        }
        for name in ["MS-RequestId", "Content-Type", "Accept"] {
            assert!(!is_secret_header(name), "{name}");
        }
    }

    #[test]
    fn the_administrator_password_is_always_redacted_in_any_casing() {
        let mut body =
            json!({"id": "c", "UserCredentials": {"userName": "admin", "Password": "p@ss"}});
        BodyPaths::new::<_, &str>([]).unwrap().apply(&mut body);
        assert_eq!(body["UserCredentials"]["Password"], REDACTED);
        assert_eq!(body["UserCredentials"]["userName"], "admin");
    }

    #[test]
    fn a_user_s_password_is_always_redacted_in_any_casing() {
        let mut body =
            json!({"PasswordProfile": {"Password": "abCD123*", "ForceChangePassword": true}});
        BodyPaths::new::<_, &str>([]).unwrap().apply(&mut body);
        assert_eq!(body["PasswordProfile"]["Password"], REDACTED);
        assert_eq!(body["PasswordProfile"]["ForceChangePassword"], true);
    }

    #[test]
    fn a_dotted_path_matches_at_any_depth_and_any_array_index() {
        let mut body = json!({"items": [
            {"companyProfile": {"email": "a@x", "domain": "x"}},
            {"companyProfile": {"email": "b@x"}}
        ], "companyProfile": {"email": "c@x"}, "email": "kept"});
        BodyPaths::new(["companyProfile.email"])
            .unwrap()
            .apply(&mut body);
        assert_eq!(body["items"][0]["companyProfile"]["email"], REDACTED);
        assert_eq!(body["items"][1]["companyProfile"]["email"], REDACTED);
        assert_eq!(body["companyProfile"]["email"], REDACTED);
        assert_eq!(body["items"][0]["companyProfile"]["domain"], "x");
        assert_eq!(body["email"], "kept");
    }

    #[test]
    fn an_empty_name_in_a_path_is_refused() {
        assert!(BodyPaths::new(["a..b"]).is_err());
        assert!(BodyPaths::new([""]).is_err());
    }
}
