//! Headers as a journal entry keeps them: their names and text values in one buffer, made with
//! one allocation however many headers there are, and read back in the order they were kept.
//!
//! A header value that is not visible ASCII text is not kept, as the journal writes values as
//! strings. Names never hold `:` and text values never hold a line break, so each header is kept
//! as `name:value` and ends with `\n`.

use axum::http::{HeaderName, HeaderValue};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// Headers kept as text, in the order they were captured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderBlock(Box<str>);

impl HeaderBlock {
    /// Keeps the headers `headers` gives whose values are text, in their order. It is asked
    /// twice: once to size the buffer, once to fill it.
    pub(crate) fn capture<'a, I>(headers: impl Fn() -> I) -> Self
    where
        I: Iterator<Item = (&'a HeaderName, &'a HeaderValue)>,
    {
        let texts =
            || headers().filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)));
        let size = texts()
            .map(|(name, value)| name.len() + value.len() + 2)
            .sum();
        let mut block = String::with_capacity(size);
        for (name, value) in texts() {
            block.push_str(name);
            block.push(':');
            block.push_str(value);
            block.push('\n');
        }
        Self(block.into_boxed_str())
    }

    /// The headers, as names and values, in the order they were kept.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.lines().filter_map(|line| line.split_once(':'))
    }

    /// The first value kept for `name` (lowercase, as header names are kept).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(kept, _)| *kept == name)
            .map(|(_, value)| value)
    }

    /// Whether no header is kept.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Written as an object of names and values; a name kept twice keeps its first value.
impl Serialize for HeaderBlock {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let mut written: Vec<&str> = Vec::new();
        for (name, value) in self.iter() {
            if !written.contains(&name) {
                map.serialize_entry(name, value)?;
                written.push(name);
            }
        }
        map.end()
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
        assert_eq!(block.get("x-binary"), None);
        assert_eq!(
            serde_json::to_string(&block).unwrap(),
            r#"{"content-type":"application/json","ms-requestid":"a:b:c","x-twice":"first"}"#
        );
        assert!(HeaderBlock::capture(std::iter::empty).is_empty());
    }
}
