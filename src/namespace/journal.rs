//! The request journal: the last requests of a namespace, in a bounded ring that counts what it
//! drops, so that a test can see what its client really sent and what it got back. Every
//! journal also counts against the [`Budget`] shared by all namespaces, which evicts the oldest
//! entries of any journal when the total is over it.
//!
//! An entry's size is an estimate ([`Entry::estimated_size`]): its kept bodies, the text of its
//! path, query, method, namespace, kept request headers, answer headers, nearest and documented
//! routes, and [`ENTRY_OVERHEAD`] bytes for the entry itself, its place in the ring and in the
//! budget's order, and the allocations behind its strings and maps.

use super::budget::{Budget, BudgetUse};
pub use super::header_block::HeaderBlock;
use axum::body::Bytes;
use chrono::{DateTime, Utc};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// How many entries a namespace keeps by default.
pub const DEFAULT_CAPACITY: usize = 1_000;
/// The most of a request or response body an entry keeps.
pub const BODY_LIMIT: usize = 16 * 1024;
/// The most of a request's path, and of its query, an entry keeps.
pub const LOCATION_LIMIT: usize = 2 * 1024;
/// The bytes an entry is counted for beyond its text and bodies: the entry itself, its place in
/// the ring and in the budget's order, and the allocations behind its strings and maps.
pub const ENTRY_OVERHEAD: usize = 1_024;
/// The bytes counted for each kept header beyond its name and value.
const HEADER_OVERHEAD: usize = 48;

/// The header that names the business rule behind a refusal.
pub(crate) const RULE_HEADER: &str = "x-mock-rule";
/// The header that names the fault rule behind an injected answer.
pub(crate) const FAULT_HEADER: &str = "x-mock-fault";
/// The header that names the override behind a pinned answer.
pub(crate) const OVERRIDE_HEADER: &str = "x-mock-override";
/// The header that names the throttling bucket behind a 429.
pub(crate) const THROTTLED_HEADER: &str = "x-mock-throttled";

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
pub struct AnswerHeaders(pub HeaderBlock);

impl Serialize for AnswerHeaders {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (property, header) in MARKS {
            if let Some(value) = self.0.get(header) {
                map.serialize_entry(property, value)?;
            }
        }
        map.serialize_entry("responseHeaders", &self.0.by_name())?;
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
    pub(crate) fn capture(bytes: &Bytes) -> (Option<Self>, bool) {
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

    /// How many bytes are kept.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing is kept (never so for a captured body).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first `len` bytes, copied so that the rest is freed; `None` for none.
    fn cut(&self, len: usize) -> Option<Self> {
        (len > 0).then(|| Self(Bytes::copy_from_slice(&self.0[..len.min(self.0.len())])))
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
pub(crate) fn capture_location(text: &str) -> (String, bool) {
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
    /// When the request arrived, on the namespace's clock.
    #[serde(serialize_with = "crate::wire::date::serialize")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub time: DateTime<Utc>,
    /// The namespace that served it.
    pub namespace: String,
    /// The HTTP method.
    pub method: String,
    /// Cut at [`LOCATION_LIMIT`], as `pathTruncated` says.
    pub path: String,
    /// Whether `path` was cut.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub path_truncated: bool,
    /// Cut at [`LOCATION_LIMIT`], as `queryTruncated` says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Whether `query` was cut.
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
    /// The request headers, secrets redacted.
    pub headers: HeaderBlock,
    /// The request body, as far as the journal keeps it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<CapturedBody>,
    /// Whether the request body was cut.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub request_body_truncated: bool,
    /// The status answered.
    pub status: u16,
    /// The mock's own answer headers: which rule refused, which fault or override answered, throttling.
    #[serde(flatten)]
    pub answer_headers: AnswerHeaders,
    /// The response body, as far as the journal keeps it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_body: Option<CapturedBody>,
    /// Whether the response body was cut.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub response_body_truncated: bool,
    /// How long the answer took, in milliseconds.
    pub duration_ms: f64,
}

impl Entry {
    /// The bytes this entry is counted for against the journal budget (see the module's notes).
    pub fn estimated_size(&self) -> usize {
        let body = |b: &Option<CapturedBody>| b.as_ref().map_or(0, CapturedBody::len);
        let kept = |block: &HeaderBlock| block.text_len() + block.len() * HEADER_OVERHEAD;
        let headers = kept(&self.headers);
        let answer_headers = kept(&self.answer_headers.0);
        let nearest: usize = self.nearest.iter().flatten().map(String::len).sum();
        ENTRY_OVERHEAD
            + self.namespace.len()
            + self.method.len()
            + self.path.len()
            + self.query.as_ref().map_or(0, String::len)
            + nearest
            + self.documented.as_ref().map_or(0, String::len)
            + headers
            + answer_headers
            + body(&self.request_body)
            + body(&self.response_body)
    }

    /// Cuts the bodies, the response's first, so that the entry fits in `limit` bytes as far as
    /// its bodies allow; returns its size after.
    fn fit(&mut self, limit: usize) -> usize {
        let mut size = self.estimated_size();
        for (body, truncated) in [
            (&mut self.response_body, &mut self.response_body_truncated),
            (&mut self.request_body, &mut self.request_body_truncated),
        ] {
            let Some(kept) = body.as_ref() else { continue };
            if size <= limit {
                break;
            }
            let excess = size - limit;
            let len = kept.len().saturating_sub(excess);
            size -= kept.len() - len;
            *body = kept.cut(len);
            *truncated = true;
        }
        size
    }
}

/// Which entries a reader wants.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Only requests with this method (any case).
    pub method: Option<String>,
    /// Only requests whose path starts with this (any case).
    pub path_prefix: Option<String>,
    /// Only requests answered with this status.
    pub status: Option<u16>,
    /// Only requests that arrived at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Only requests a route served (`true`) or none did (`false`).
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

/// What a reader gets: the entries (oldest first), what the journal has dropped, and the
/// journal budget shared by every namespace.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    /// The entries the filter keeps, oldest first.
    pub items: Vec<Entry>,
    /// Entries this journal lost: to its capacity, or evicted by the journal budget.
    pub dropped: u64,
    /// The part of `dropped` the journal budget evicted.
    pub evicted: u64,
    /// The most entries the journal keeps; 0 when it is off.
    pub capacity: usize,
    /// The estimated bytes this journal holds.
    pub bytes: usize,
    /// The journal budget of every namespace together.
    pub budget: BudgetUse,
}

/// An entry as the ring keeps it: with its place in the budget's order and its size.
#[derive(Debug)]
struct Kept {
    entry: Entry,
    order: u64,
    size: usize,
}

#[derive(Debug, Default)]
struct Ring {
    entries: VecDeque<Kept>,
    dropped: u64,
    evicted: u64,
    sequence: u64,
    bytes: usize,
}

impl Ring {
    fn pop_oldest(&mut self, budget: &Budget) -> Option<Kept> {
        let kept = self.entries.pop_front()?;
        self.bytes -= kept.size;
        self.dropped += 1;
        budget.release(kept.size);
        Some(kept)
    }
}

/// A journal's ring, shared with the budget's order, and the order number of its oldest entry.
#[derive(Debug)]
pub(super) struct Shelf {
    ring: Mutex<Ring>,
    /// The order number of the oldest entry kept; `u64::MAX` when there is none.
    oldest: AtomicU64,
}

impl Shelf {
    fn lock(&self) -> MutexGuard<'_, Ring> {
        self.ring.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The order number of the oldest entry kept; `u64::MAX` when there is none.
    pub(super) fn oldest(&self) -> u64 {
        self.oldest.load(Ordering::Acquire)
    }

    /// Counts order number `number` among the kept ones before its entry is in the ring.
    pub(super) fn include(&self, number: u64) {
        self.oldest.fetch_min(number, Ordering::AcqRel);
    }

    fn note_oldest(&self, ring: &Ring) {
        let oldest = ring.entries.front().map_or(u64::MAX, |kept| kept.order);
        self.oldest.store(oldest, Ordering::Release);
    }

    /// Evicts the entries up to order number `number`, counting them as dropped.
    pub(super) fn evict_through(&self, number: u64, budget: &Budget) {
        let mut ring = self.lock();
        while ring
            .entries
            .front()
            .is_some_and(|kept| kept.order <= number)
        {
            ring.pop_oldest(budget);
            ring.evicted += 1;
        }
        self.note_oldest(&ring);
    }
}

/// A namespace's journal. A capacity of 0 turns it off.
#[derive(Debug)]
pub struct Journal {
    capacity: usize,
    shelf: Arc<Shelf>,
    budget: Arc<Budget>,
}

impl Journal {
    /// A journal of `capacity` entries, counted against `budget`.
    pub(crate) fn new(capacity: usize, budget: Arc<Budget>) -> Self {
        Self {
            capacity,
            shelf: Arc::new(Shelf {
                ring: Mutex::new(Ring::default()),
                oldest: AtomicU64::new(u64::MAX),
            }),
            budget,
        }
    }

    /// The estimated bytes this journal holds.
    pub fn bytes(&self) -> usize {
        self.shelf.lock().bytes
    }

    /// Whether the journal keeps anything (its capacity is not 0).
    pub fn is_on(&self) -> bool {
        self.capacity > 0
    }

    /// Adds an entry (its sequence number is set here), dropping the oldest when full, then
    /// evicts the oldest entries of any journal while the budget is exceeded. An entry larger
    /// than the whole budget is kept with its bodies cut to fit.
    pub(crate) fn record(&self, mut entry: Entry) {
        if !self.is_on() {
            return;
        }
        let size = entry.fit(self.budget.limit());
        let order = {
            let mut ring = self.shelf.lock();
            ring.sequence += 1;
            entry.sequence = ring.sequence;
            if ring.entries.len() >= self.capacity {
                ring.pop_oldest(&self.budget);
            }
            let order = self.budget.enter(&self.shelf, size);
            ring.bytes += size;
            ring.entries.push_back(Kept { entry, order, size });
            self.shelf.note_oldest(&ring);
            order
        };
        self.budget.evict_before(order);
    }

    /// The entries `filter` keeps, oldest first.
    pub fn read(&self, filter: &Filter) -> Page {
        let ring = self.shelf.lock();
        Page {
            items: ring
                .entries
                .iter()
                .map(|kept| &kept.entry)
                .filter(|e| filter.keeps(e))
                .cloned()
                .collect(),
            dropped: ring.dropped,
            evicted: ring.evicted,
            capacity: self.capacity,
            bytes: ring.bytes,
            budget: self.budget.usage(),
        }
    }

    /// Forgets every entry and the count of dropped ones.
    pub fn clear(&self) {
        let mut ring = self.shelf.lock();
        self.forget_all(&mut ring);
        ring.dropped = 0;
        ring.evicted = 0;
    }

    fn forget_all(&self, ring: &mut Ring) {
        for kept in ring.entries.drain(..) {
            self.budget.release(kept.size);
        }
        ring.bytes = 0;
        self.shelf.note_oldest(ring);
    }
}

/// A dropped namespace gives its journal's bytes back to the budget.
impl Drop for Journal {
    fn drop(&mut self) {
        let mut ring = self.shelf.lock();
        self.forget_all(&mut ring);
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
            headers: HeaderBlock::default(),
            request_body: None,
            request_body_truncated: false,
            status,
            answer_headers: AnswerHeaders::default(),
            response_body: None,
            response_body_truncated: false,
            duration_ms: 0.0,
        }
    }

    fn budget(limit: usize) -> Arc<Budget> {
        Arc::new(Budget::new(limit))
    }

    #[test]
    fn a_full_journal_drops_the_oldest_and_counts_it() {
        let journal = Journal::new(2, budget(1 << 20));
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
    fn over_the_budget_the_oldest_entries_of_any_journal_go_first() {
        let shared = budget(3 * ENTRY_OVERHEAD + 500);
        let (a, b) = (
            Journal::new(10, shared.clone()),
            Journal::new(10, shared.clone()),
        );
        a.record(entry("/v1/a1", 200));
        b.record(entry("/v1/b1", 200));
        a.record(entry("/v1/a2", 200));
        b.record(entry("/v1/b2", 200));
        let (a_page, b_page) = (a.read(&Filter::default()), b.read(&Filter::default()));
        assert_eq!(
            (a_page.items.len(), a_page.dropped, a_page.evicted),
            (1, 1, 1)
        );
        assert_eq!((b_page.items.len(), b_page.dropped), (2, 0));
        assert_eq!(a_page.items[0].path, "/v1/a2");
        assert_eq!(shared.usage().entries, 3);
        assert_eq!(shared.usage().bytes_in_use, a.bytes() + b.bytes());
        drop(a);
        b.clear();
        assert_eq!(shared.usage().bytes_in_use, 0);
        assert_eq!(shared.usage().entries, 0);
    }

    #[test]
    fn an_entry_larger_than_the_budget_is_kept_cut_to_fit() {
        let shared = budget(ENTRY_OVERHEAD + 4_000);
        let journal = Journal::new(10, shared.clone());
        journal.record(entry("/v1/small", 200));
        let mut big = entry("/v1/big", 200);
        big.response_body = CapturedBody::capture(&Bytes::from(vec![b'x'; 10_000])).0;
        journal.record(big);
        let page = journal.read(&Filter::default());
        assert_eq!(page.items.len(), 1);
        let kept = &page.items[0];
        assert!(kept.response_body_truncated);
        assert!(kept.estimated_size() <= shared.limit());
        assert_eq!(page.evicted, 1);
    }

    #[test]
    fn stale_places_in_the_order_are_swept_out() {
        let shared = budget(usize::MAX);
        let journal = Journal::new(2, shared.clone());
        for n in 0..10_000 {
            journal.record(entry(&format!("/v1/{n}"), 200));
        }
        assert_eq!(shared.usage().entries, 2);
        assert!(shared.queued() <= 2 * 2 + 1_025, "{}", shared.queued());
    }

    #[test]
    fn racing_journals_keep_the_budget_and_its_count_true() {
        let shared = budget(20 * ENTRY_OVERHEAD);
        let journals: Vec<_> = (0..4)
            .map(|_| Arc::new(Journal::new(8, shared.clone())))
            .collect();
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let journal = Arc::clone(&journals[t % 4]);
                std::thread::spawn(move || {
                    for n in 0..2_000 {
                        journal.record(entry(&format!("/v1/{t}/{n}"), 200));
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        let held: usize = journals.iter().map(|j| j.bytes()).sum();
        let kept: usize = journals
            .iter()
            .map(|j| j.read(&Filter::default()).items.len())
            .sum();
        assert_eq!(shared.usage().bytes_in_use, held);
        assert_eq!(shared.usage().entries, kept);
        assert!(held <= shared.limit(), "{held}");
        for journal in &journals {
            let page = journal.read(&Filter::default());
            assert_eq!(page.dropped as usize + page.items.len(), 4_000);
        }
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
