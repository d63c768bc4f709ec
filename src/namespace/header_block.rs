//! Headers as a journal entry keeps them: their names and text values in one buffer, made with
//! one allocation however many headers there are, and read back in the order they were kept.
//!
//! A header value that is not visible ASCII text is not kept, as the journal writes values as
//! strings. Names never hold `:` and text values never hold a line break, so each header is kept
//! as `name:value` and ends with `\n`. They are written out by name.

use axum::http::{HeaderName, HeaderValue};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// Headers kept as text, in the order they were captured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderBlock {
    text: Box<str>,
    count: usize,
}

impl HeaderBlock {
    /// Keeps the headers `headers` gives whose values are text, in their order. It is asked
    /// twice: once to size the buffer, once to fill it.
    pub(crate) fn capture<'a, I>(headers: impl Fn() -> I) -> Self
    where
        I: Iterator<Item = (&'a HeaderName, &'a HeaderValue)>,
    {
        let size = headers()
            .map(|(name, value)| name.as_str().len() + value.len() + 2)
            .sum();
        let mut text = String::with_capacity(size);
        let mut count = 0;
        for (name, value) in headers() {
            if let Ok(value) = value.to_str() {
                text.push_str(name.as_str());
                text.push(':');
                text.push_str(value);
                text.push('\n');
                count += 1;
            }
        }
        Self {
            text: text.into_boxed_str(),
            count,
        }
    }

    /// The headers, as names and values, in the order they were kept.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.text.lines().filter_map(|line| line.split_once(':'))
    }

    /// The first value kept for `name` (lowercase, as header names are kept).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(kept, _)| *kept == name)
            .map(|(_, value)| value)
    }

    /// How many headers are kept.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether no header is kept.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The bytes of the kept names and values.
    pub fn text_len(&self) -> usize {
        self.text.len() - 2 * self.count
    }

    /// Names and their first values, by name.
    pub(crate) fn by_name(&self) -> BTreeMap<&str, &str> {
        let mut all = BTreeMap::new();
        for (name, value) in self.iter() {
            all.entry(name).or_insert(value);
        }
        all
    }
}

/// Written as an object of names and values, by name; a name kept twice keeps its first value.
impl Serialize for HeaderBlock {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.by_name().serialize(serializer)
    }
}

impl schemars::JsonSchema for HeaderBlock {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Headers".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "additionalProperties": {"type": "string"}
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    #[test]
    fn text_headers_are_kept_in_order_and_others_left_out() {
        let mut headers = HeaderMap::new();
        headers.insert("content-type", HeaderValue::from_static("application/json"));
        headers.insert("ms-requestid", HeaderValue::from_static("a:b:c"));
        headers.insert("x-binary", HeaderValue::from_bytes(b"caf\xc3\xa9").unwrap());
        headers.append("x-twice", HeaderValue::from_static("first"));
        headers.append("x-twice", HeaderValue::from_static("second"));
        let block = HeaderBlock::capture(|| headers.iter());
        let kept: Vec<_> = block.iter().collect();
        assert_eq!(
            kept,
            [
                ("content-type", "application/json"),
                ("ms-requestid", "a:b:c"),
                ("x-twice", "first"),
                ("x-twice", "second"),
            ]
        );
        assert_eq!(block.get("ms-requestid"), Some("a:b:c"));
        assert_eq!(block.len(), 4);
        assert_eq!(
            block.text_len(),
            kept.iter().map(|(n, v)| n.len() + v.len()).sum::<usize>()
        );
        assert_eq!(block.get("x-binary"), None);
        assert_eq!(
            serde_json::to_string(&block).unwrap(),
            r#"{"content-type":"application/json","ms-requestid":"a:b:c","x-twice":"first"}"#
        );
        assert!(HeaderBlock::capture(std::iter::empty).is_empty());
    }
}
