//! Query strings: names match case-insensitively and values are form-decoded, so the .NET SDK's
//! `+` for a space in `filter` reads as a space.

use std::collections::HashMap;

/// A request's query parameters, keyed by lower-case name. A repeated name keeps its last value.
#[derive(Debug, Default, Clone)]
pub struct QueryParams(HashMap<String, String>);

impl QueryParams {
    pub fn parse(raw: Option<&str>) -> Self {
        let pairs = form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
            .map(|(name, value)| (name.to_ascii_lowercase(), value.into_owned()));
        Self(pairs.collect())
    }

    /// The value of `name`, matched case-insensitively.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(&name.to_ascii_lowercase()).map(String::as_str)
    }

    /// A non-empty value of `name`.
    pub fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|value| !value.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_case_insensitively_and_plus_is_a_space() {
        let q = QueryParams::parse(Some("Size=7&FILTER=%7B%22Value%22%3A%22a+b%22%7D"));
        assert_eq!(q.get("size"), Some("7"));
        assert_eq!(q.get("filter"), Some(r#"{"Value":"a b"}"#));
        assert_eq!(q.get("missing"), None);
    }
}
