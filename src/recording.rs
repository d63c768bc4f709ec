//! Recorded exchanges: one request to Partner Center (or to the mock) and its answer, kept as one
//! JSON file that a person can read and edit. `record` writes them, `verify` replays them, and
//! `--overrides` pins them as answers.
//!
//! A folder of recordings holds one file per exchange, named `NNNNNN-METHOD-...json`, so that the
//! order of the names is the order in which the exchanges happened:
//!
//! ```json
//! {
//!   "time": "2026-11-25T18:00:00.1234567Z",
//!   "durationMs": 41.2,
//!   "request": {
//!     "method": "PATCH",
//!     "path": "/v1/customers/22222222-2222-4222-8222-222222222222",
//!     "query": "size=10",
//!     "headers": {"content-type": "application/json", "ms-requestid": "..."},
//!     "body": {"relationshipToPartner": "none"}
//!   },
//!   "response": {
//!     "status": 400,
//!     "headers": {"content-type": "application/json; charset=utf-8", "ms-cv": "..."},
//!     "body": {"code": 900400, "description": "...", "data": [], "source": "PartnerFD"}
//!   }
//! }
//! ```
//!
//! A body that is JSON is kept as that JSON value under `body`; any other body is kept as text
//! under `bodyText`; an empty body is left out. `query` is left out when there is none.

pub mod folder;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One request and its answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Exchange {
    /// When the request was sent.
    #[serde(with = "crate::wire::date")]
    pub time: DateTime<Utc>,
    /// How long the answer took, in milliseconds.
    pub duration_ms: f64,
    /// The request as it was sent, secrets redacted.
    pub request: RecordedRequest,
    /// The answer as it came back.
    pub response: RecordedResponse,
}

/// A recorded request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordedRequest {
    /// The HTTP method.
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The query, without its leading `?`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The request headers, secrets redacted.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The request body.
    #[serde(flatten)]
    pub payload: Payload,
}

/// A recorded answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordedResponse {
    /// The status.
    pub status: u16,
    /// The answer headers.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The answer body.
    #[serde(flatten)]
    pub payload: Payload,
}

impl Exchange {
    /// An exchange of `method path`, with no query, request headers or request body, answered
    /// now with `status`, `headers` and `body`.
    pub fn answered(
        method: &str,
        path: &str,
        status: u16,
        headers: BTreeMap<String, String>,
        body: &[u8],
    ) -> Self {
        Self {
            time: Utc::now(),
            duration_ms: 0.0,
            request: RecordedRequest {
                method: method.to_owned(),
                path: path.to_owned(),
                query: None,
                headers: BTreeMap::new(),
                payload: Payload::default(),
            },
            response: RecordedResponse {
                status,
                headers,
                payload: Payload::from_bytes(body),
            },
        }
    }
}

/// A body as a recording keeps it: JSON as JSON, anything else as text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payload {
    /// A JSON body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// A body that is not JSON, as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_text: Option<String>,
}

impl Payload {
    /// Keeps `bytes` as JSON when they parse as JSON, as text otherwise; nothing when blank.
    pub fn from_bytes(bytes: &[u8]) -> Self {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Self::default();
        }
        match serde_json::from_slice(bytes) {
            Ok(json) => Self {
                body: Some(json),
                body_text: None,
            },
            Err(_) => Self {
                body: None,
                body_text: Some(String::from_utf8_lossy(bytes).into_owned()),
            },
        }
    }

    /// The bytes to send: JSON compact, text as it was, nothing when empty.
    pub fn to_bytes(&self) -> Vec<u8> {
        match (&self.body, &self.body_text) {
            (Some(json), _) => serde_json::to_vec(json).unwrap_or_default(),
            (None, Some(text)) => text.clone().into_bytes(),
            (None, None) => Vec::new(),
        }
    }

    /// Whether there is no body.
    pub fn is_empty(&self) -> bool {
        self.body.is_none() && self.body_text.is_none()
    }
}

/// Why a folder of recordings could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RecordingError {
    /// A file or folder could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why it could not be read.
        source: std::io::Error,
    },
    /// A file is not a recorded exchange.
    #[error("{path} is not a recorded exchange: {source}")]
    Format {
        /// The file.
        path: PathBuf,
        /// Where and why its JSON does not read as an exchange.
        source: serde_json::Error,
    },
}

/// The file name of the `sequence`-th exchange of a folder.
pub fn file_name(sequence: u64, exchange: &Exchange) -> String {
    let slug: String = exchange
        .request
        .path
        .trim_start_matches("/v1/")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(80)
        .collect();
    format!(
        "{sequence:06}-{}-{}.json",
        exchange.request.method.to_ascii_uppercase(),
        slug.trim_matches('-')
    )
}

/// Every exchange in `dir` (its `*.json` files), in the order of their names.
pub fn read_dir(dir: &Path) -> Result<Vec<(PathBuf, Exchange)>, RecordingError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| RecordingError::Io { path, source }
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io(dir))?;
    paths.retain(|path| path.extension().is_some_and(|ext| ext == "json"));
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read(&path).map_err(io(&path))?;
            let exchange =
                serde_json::from_slice(&text).map_err(|source| RecordingError::Format {
                    path: path.clone(),
                    source,
                })?;
            Ok((path, exchange))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn exchange() -> Exchange {
        let mut exchange = Exchange::answered(
            "GET",
            "/v1/customers/abc",
            200,
            BTreeMap::new(),
            br#"{"id":"abc"}"#,
        );
        exchange.request.query = Some("size=1".into());
        // Written dates keep seven fractional digits.
        exchange.time = crate::wire::date::parse("2026-11-25T18:00:00Z").unwrap();
        exchange
    }

    #[test]
    fn json_bodies_are_kept_as_json_and_others_as_text() {
        let written = serde_json::to_value(exchange()).unwrap();
        assert_eq!(written["response"]["body"], json!({"id": "abc"}));
        assert!(written["request"].get("body").is_none());
        let text = Payload::from_bytes(b"not json");
        assert_eq!(text.body_text.as_deref(), Some("not json"));
        assert_eq!(text.to_bytes(), b"not json");
    }

    #[test]
    fn an_exchange_reads_back_as_written_and_names_sort_in_order() {
        let temporary = tempfile::tempdir().unwrap();
        let dir = temporary.path();
        let first = exchange();
        for sequence in [2, 1, 10] {
            let path = dir.join(file_name(sequence, &first));
            std::fs::write(path, serde_json::to_vec_pretty(&first).unwrap()).unwrap();
        }
        let read = read_dir(dir).unwrap();
        let names: Vec<_> = read
            .iter()
            .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "000001-GET-customers-abc.json",
                "000002-GET-customers-abc.json",
                "000010-GET-customers-abc.json"
            ]
        );
        assert_eq!(read[0].1, first);
    }
}
