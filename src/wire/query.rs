//! Query strings: names match case-insensitively and values are form-decoded, so the .NET SDK's
//! `+` for a space in `filter` reads as a space.

use std::collections::HashMap;

/// A request's query parameters, keyed by lower-case name, each with every value given for it.
#[derive(Debug, Default, Clone)]
pub(crate) struct QueryParams(HashMap<String, Vec<String>>);

impl QueryParams {
    pub(crate) fn parse(raw: Option<&str>) -> Self {
        let mut params: HashMap<String, Vec<String>> = HashMap::new();
        for (name, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            params
                .entry(name.to_ascii_lowercase())
                .or_default()
                .push(value.into_owned());
        }
        Self(params)
    }

    /// The value of `name`, matched case-insensitively; a repeated name gives its last value.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(&name.to_ascii_lowercase())
            .and_then(|values| values.last())
            .map(String::as_str)
    }

    /// A non-empty value of `name`.
    pub(crate) fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|value| !value.trim().is_empty())
    }

    /// A non-empty value of `name` read as `true` or `false` in any case; the error names the
    /// value that is neither.
    pub(crate) fn flag(&self, name: &str) -> Result<Option<bool>, String> {
        match self.non_empty(name) {
            None => Ok(None),
            Some(flag) if flag.trim().eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(flag) if flag.trim().eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(flag) => Err(format!("{name} '{flag}' is not true or false.")),
        }
    }

    /// Every value given for `name` (a repeated parameter), in order.
    pub(crate) fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.0
            .get(&name.to_ascii_lowercase())
            .into_iter()
            .flatten()
            .map(String::as_str)
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

    #[test]
    fn a_repeated_name_keeps_every_value_and_reads_as_its_last() {
        let q = QueryParams::parse(Some("licenseGroupIds=Group1&LICENSEGROUPIDS=Group2"));
        assert_eq!(
            q.all("licensegroupids").collect::<Vec<_>>(),
            ["Group1", "Group2"]
        );
        assert_eq!(q.get("licenseGroupIds"), Some("Group2"));
        assert_eq!(q.all("missing").count(), 0);
    }
}
