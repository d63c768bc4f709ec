//! Reading an answer: its body parsed, and the checks every answer must pass (no `null`, the
//! mock's OpenAPI document, the JSON content type).

use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::Value;

/// One answer, with its body parsed.
#[derive(Debug)]
pub(crate) struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Answer {
    /// The Partner Center error `code`.
    pub(crate) fn code(&self) -> i64 {
        self.body["code"]
            .as_i64()
            .unwrap_or_else(|| panic!("no numeric code in {}", self.text))
    }

    /// The string at the JSON pointer `pointer` (`/lineItems/0/subscriptionId`) in the body.
    pub(crate) fn str(&self, pointer: &str) -> &str {
        self.body
            .pointer(pointer)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_else(|| panic!("no string at {pointer} in {}", self.text))
    }

    /// The string `field` of every item of the array at the JSON pointer `list` (`/items`).
    pub(crate) fn strings(&self, list: &str, field: &str) -> Vec<&str> {
        self.body
            .pointer(list)
            .and_then(serde_json::Value::as_array)
            .unwrap_or_else(|| panic!("no array at {list} in {}", self.text))
            .iter()
            .map(|item| {
                item[field]
                    .as_str()
                    .unwrap_or_else(|| panic!("an item of {list} without {field}: {item}"))
            })
            .collect()
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a Partner Center error: status, code and the ApiFault envelope.
    pub(crate) fn assert_fault(&self, status: u16, code: i64) -> &Self {
        assert_eq!(self.status, status, "unexpected status: {}", self.text);
        assert_eq!(self.code(), code, "unexpected code: {}", self.text);
        assert!(self.body["description"].is_string(), "{}", self.text);
        assert!(self.body["data"].is_array(), "{}", self.text);
        assert_eq!(self.body["source"], "PartnerFD", "{}", self.text);
        self
    }

    pub(crate) fn assert_ok(&self) -> &Self {
        assert_eq!(self.status, 200, "unexpected status: {}", self.text);
        self
    }
}

/// Reads an answer to a `method` request, and checks it against the mock's OpenAPI document.
/// A pinned answer (it carries `X-Mock-Override`) is the test's own and is read unchecked.
pub(crate) async fn answer(method: &Method, response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let path = response.url().path().to_owned();
    let text = response.text().await.expect("a body");
    if headers.contains_key("x-mock-override") {
        return Answer {
            status,
            body: serde_json::from_str(&text).unwrap_or(Value::Null),
            headers,
            text,
        };
    }
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if content_type == partner_center_mock::JSON_LINES {
        crate::schema::check_lines(method, &path, status, &text);
        return Answer {
            status,
            headers,
            body: Value::Null,
            text,
        };
    }
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    };
    assert_no_nulls(&body, "$", &text);
    crate::schema::check_answer(method, &path, status, &body, &text);
    if !text.is_empty() {
        assert_eq!(
            headers.get("content-type").and_then(|v| v.to_str().ok()),
            Some("application/json; charset=utf-8"),
            "content type of {text}"
        );
    }
    Answer {
        status,
        headers,
        body,
        text,
    }
}

/// Partner Center omits absent values; the mock never writes `null`.
fn assert_no_nulls(value: &Value, path: &str, text: &str) {
    match value {
        Value::Null if path != "$" => panic!("null at {path} in {text}"),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                assert_no_nulls(item, &format!("{path}[{index}]"), text);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                assert_no_nulls(item, &format!("{path}.{key}"), text);
            }
        }
        _ => {}
    }
}
