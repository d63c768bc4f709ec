//! The request journal: the last requests of a namespace, in a bounded ring that counts what it
//! drops, so that a test can see what its client really sent and what it got back.

use axum::body::Bytes;
use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::collections::{BTreeMap, VecDeque};
use std::sync::{Mutex, PoisonError};

/// How many entries a namespace keeps by default.
pub const DEFAULT_CAPACITY: usize = 1_000;
/// The most of a request or response body an entry keeps.
pub const BODY_LIMIT: usize = 16 * 1024;
/// The most of a request's path, and of its query, an entry keeps.
pub const LOCATION_LIMIT: usize = 2 * 1024;

/// The header that names the business rule behind a refusal.
pub const RULE_HEADER: &str = "x-mock-rule";
/// The header that names the fault rule behind an injected answer.
pub const FAULT_HEADER: &str = "x-mock-fault";
/// The header that names the override behind a pinned answer.
pub const OVERRIDE_HEADER: &str = "x-mock-override";
/// The header that names the throttling bucket behind a 429.
pub const THROTTLED_HEADER: &str = "x-mock-throttled";

/// The entry properties read from an answer's headers: what refused it, or what answered it in
/// place of the model.
const MARKS: [(&str, &str); 4] = [
    ("rule", RULE_HEADER),
    ("fault", FAULT_HEADER),
    ("override", OVERRIDE_HEADER),
    ("throttled", THROTTLED_HEADER),
];

/// An answer's headers, kept as they were. Written out as `responseHeaders` (every header, the
/// mock's own answers carry no secrets), with `rule`, `fault`, `override` and `throttled` read
/// from them.
#[derive(Debug, Clone, Default)]
pub struct AnswerHeaders(pub HeaderMap);

impl AnswerHeaders {
    fn text(&self, name: &str) -> Option<&str> {
        self.0.get(name)?.to_str().ok()
    }
}

impl Serialize for AnswerHeaders {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (property, header) in MARKS {
            if let Some(value) = self.text(header) {
                map.serialize_entry(property, value)?;
            }
        }
        let all: BTreeMap<&str, &str> = self
            .0
            .keys()
            .filter_map(|name| Some((name.as_str(), self.text(name.as_str())?)))
            .collect();
        map.serialize_entry("responseHeaders", &all)?;
        map.end()
    }
}

impl schemars::JsonSchema for AnswerHeaders {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AnswerHeaders".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "properties": {
                "rule": {"type": "string", "description": "The business rule that refused the request (its `X-Mock-Rule`)."},
                "fault": {"type": "string", "description": "The fault rule that answered in place of the model (its `X-Mock-Fault`)."},
                "override": {"type": "string", "description": "The override whose pinned answer was given in place of the model's (its `X-Mock-Override`)."},
                "throttled": {"type": "string", "description": "The throttling bucket that refused the request with 429 (its `X-Mock-Throttled`)."},
                "responseHeaders": {"type": "object", "additionalProperties": {"type": "string"}}
            },
            "required": ["responseHeaders"]
        })
    }
}

/// A request or response body as kept, cut at [`BODY_LIMIT`]. It is kept as bytes, so that
/// recording costs a copy and nothing more; it is written out as JSON when it parses, else as
/// text, only when someone reads the journal.
#[derive(Debug, Clone)]
pub struct CapturedBody(Bytes);

impl CapturedBody {
    /// The body, and whether it was cut.
    pub fn capture(bytes: &Bytes) -> (Option<Self>, bool) {
        if bytes.is_empty() {
            return (None, false);
        }
        if bytes.len() > BODY_LIMIT {
            // A copy, so that the kept part does not hold the whole body in memory.
            return (
                Some(Self(Bytes::copy_from_slice(&bytes[..BODY_LIMIT]))),
                true,
            );
        }
        (Some(Self(bytes.clone())), false)
    }
}

/// A captured body is the JSON it held, or else its text.
impl schemars::JsonSchema for CapturedBody {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CapturedBody".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({})
    }
}

impl Serialize for CapturedBody {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match serde_json::from_slice::<Value>(&self.0) {
            Ok(json) => json.serialize(serializer),
            Err(_) => serializer.serialize_str(&String::from_utf8_lossy(&self.0)),
        }
    }
}

/// A request's path or query as kept, cut at [`LOCATION_LIMIT`] on a character boundary, and
/// whether it was cut.
pub fn capture_location(text: &str) -> (String, bool) {
    if text.len() <= LOCATION_LIMIT {
        return (text.to_owned(), false);
    }
    let mut end = LOCATION_LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (text[..end].to_owned(), true)
}

/// One request and its answer.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// Grows by one with each request the namespace journals.
    pub sequence: u64,
    #[serde(serialize_with = "crate::wire::date::serialize")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub time: DateTime<Utc>,
    pub namespace: String,
    pub method: String,
    /// Cut at [`LOCATION_LIMIT`], as `pathTruncated` says.
    pub path: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub path_truncated: bool,
    /// Cut at [`LOCATION_LIMIT`], as `queryTruncated` says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub query_truncated: bool,
    /// Whether a route served the request: false for the router's 404 and for a wrong method's
    /// 405 (a handler's own 404, such as an unknown customer, is matched).
    pub matched: bool,
    /// For an unmatched request, at most three routes close to it (`"<METHOD> <path>"` as the
    /// fidelity matrix writes them), closest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nearest: Option<Vec<String>>,
    /// For an unmatched request that is a documented route the mock does not emulate, that
    /// route (`"<METHOD> <path>"` as the fidelity matrix writes it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documented: Option<String>,
    pub headers: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<CapturedBody>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub request_body_truncated: bool,
    pub status: u16,
    #[serde(flatten)]
    pub answer_headers: AnswerHeaders,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_body: Option<CapturedBody>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub response_body_truncated: bool,
    pub duration_ms: f64,
}

/// Which entries a reader wants.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub method: Option<String>,
    pub path_prefix: Option<String>,
    pub status: Option<u16>,
    pub since: Option<DateTime<Utc>>,
    pub matched: Option<bool>,
}

impl Filter {
    fn keeps(&self, entry: &Entry) -> bool {
        self.method
            .as_ref()
            .is_none_or(|m| m.eq_ignore_ascii_case(&entry.method))
            && self.path_prefix.as_ref().is_none_or(|prefix| {
                entry
                    .path
                    .to_ascii_lowercase()
                    .starts_with(&prefix.to_ascii_lowercase())
            })
            && self.status.is_none_or(|status| status == entry.status)
            && self.since.is_none_or(|since| entry.time >= since)
            && self.matched.is_none_or(|matched| matched == entry.matched)
    }
}

/// What a reader gets: the entries (oldest first) and what the ring has dropped.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Page {
    pub items: Vec<Entry>,
    pub dropped: u64,
    pub capacity: usize,
}

#[derive(Debug, Default)]
struct Ring {
    entries: VecDeque<Entry>,
    dropped: u64,
    sequence: u64,
}

/// A namespace's journal. A capacity of 0 turns it off.
#[derive(Debug)]
pub struct Journal {
    capacity: usize,
    ring: Mutex<Ring>,
}

impl Journal {
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            ring: Mutex::new(Ring::default()),
        }
    }

    pub fn is_on(&self) -> bool {
        self.capacity > 0
    }

    /// Adds an entry (its sequence number is set here), dropping the oldest when full.
    pub fn record(&self, mut entry: Entry) {
        if !self.is_on() {
            return;
        }
        let mut ring = self.ring.lock().unwrap_or_else(PoisonError::into_inner);
        ring.sequence += 1;
        entry.sequence = ring.sequence;
        if ring.entries.len() == self.capacity {
            ring.entries.pop_front();
            ring.dropped += 1;
        }
        ring.entries.push_back(entry);
    }

    pub fn read(&self, filter: &Filter) -> Page {
        let ring = self.ring.lock().unwrap_or_else(PoisonError::into_inner);
        Page {
            items: ring
                .entries
                .iter()
                .filter(|e| filter.keeps(e))
                .cloned()
                .collect(),
            dropped: ring.dropped,
            capacity: self.capacity,
        }
    }

    /// Forgets every entry and the count of dropped ones.
    pub fn clear(&self) {
        let mut ring = self.ring.lock().unwrap_or_else(PoisonError::into_inner);
        ring.entries.clear();
        ring.dropped = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, status: u16) -> Entry {
        Entry {
            sequence: 0,
            time: Utc::now(),
            namespace: "n".into(),
            method: "GET".into(),
            path: path.into(),
            path_truncated: false,
            query: None,
            query_truncated: false,
            matched: true,
            nearest: None,
            documented: None,
            headers: BTreeMap::new(),
            request_body: None,
            request_body_truncated: false,
            status,
            answer_headers: AnswerHeaders::default(),
            response_body: None,
            response_body_truncated: false,
            duration_ms: 0.0,
        }
    }

    #[test]
    fn a_full_journal_drops_the_oldest_and_counts_it() {
        let journal = Journal::new(2);
        for n in 0..5 {
            journal.record(entry(&format!("/v1/{n}"), 200));
        }
        let page = journal.read(&Filter::default());
        assert_eq!(page.dropped, 3);
        let paths: Vec<_> = page.items.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["/v1/3", "/v1/4"]);
        assert_eq!(page.items[1].sequence, 5);
    }

    #[test]
    fn paths_are_cut_at_the_limit_on_a_character_boundary() {
        assert_eq!(
            capture_location("/v1/customers"),
            ("/v1/customers".into(), false)
        );
        let long = format!("/v1/{}", "é".repeat(LOCATION_LIMIT));
        let (kept, cut) = capture_location(&long);
        assert!(cut);
        assert!(kept.len() <= LOCATION_LIMIT && kept.len() > LOCATION_LIMIT - 2);
    }

    #[test]
    fn bodies_are_cut_at_the_limit_and_written_as_json_when_they_parse() {
        let (body, cut) = CapturedBody::capture(&Bytes::from(vec![b'x'; BODY_LIMIT + 1]));
        assert!(cut);
        let written = serde_json::to_value(body.unwrap()).unwrap();
        assert_eq!(written.as_str().map(str::len), Some(BODY_LIMIT));
        let (body, cut) = CapturedBody::capture(&Bytes::from_static(br#"{"a":1}"#));
        assert!(!cut);
        assert_eq!(
            serde_json::to_value(body.unwrap()).unwrap(),
            serde_json::json!({"a": 1})
        );
    }
}
