//! Replaying a folder of exchanges on a mock seeded from it, and the verdict on each.

use super::ids::IdMap;
use super::seed::seed_from_recordings;
use crate::conformance::compare::{Deviation, compare_answers};
use crate::conformance::deviations::{KnownDeviation, explanation};
use crate::record::UPSTREAM_UNREACHABLE;
use crate::record::redact::REDACTED;
use crate::recording::{Exchange, Payload, RecordingError, read_dir};
use crate::seed::SeedError;
use crate::server::MockPartnerCenter;
use crate::wire::property::property;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The bearer token a replay sends where the recording's was redacted.
const REPLAY_TOKEN: &str = "Bearer verify-replay";

/// Headers a replay does not send: the connection's own, and what the client sets again.
const NOT_SENT: &[&str] = &[
    "host",
    "content-length",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "accept-encoding",
];

/// Why a folder could not be verified.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// The folder or one of its files could not be read.
    #[error(transparent)]
    Recording(#[from] RecordingError),
    /// The folder holds no recorded exchanges.
    #[error("{dir}: no recorded exchanges (*.json files)")]
    Empty {
        /// The folder.
        dir: PathBuf,
    },
    /// The recordings do not make a valid seed.
    #[error("the recordings do not make a seed: {0}")]
    Seed(#[from] SeedError),
    /// An exchange cannot be sent again (its method or headers are not valid).
    #[error("{file}: cannot be replayed: {reason}")]
    Replay {
        /// The recording's file name.
        file: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The mock could not start.
    #[error("cannot start the mock: {0}")]
    Start(#[from] std::io::Error),
}

/// A difference, and the reviewed entry that explains it, if any.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The difference.
    pub deviation: Deviation,
    /// The reviewed entry that explains it; `None` when nothing does.
    pub explanation: Option<&'static KnownDeviation>,
}

/// What replaying one exchange showed.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// The mock's answer matches the recorded one.
    Matched,
    /// The answers differ, as the findings say.
    Deviating(Vec<Finding>),
    /// The mock has no such route (or the upstream never answered), with the reason.
    NotServed(String),
}

/// One replayed exchange.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The recording's file name.
    pub file: String,
    /// The recorded HTTP method.
    pub method: String,
    /// The recorded path.
    pub path: String,
    /// What the replay showed.
    pub verdict: Verdict,
    /// How long the replay took.
    pub duration: Duration,
}

impl Checked {
    /// Differences the reviewed list does not explain.
    pub fn unexplained(&self) -> usize {
        match &self.verdict {
            Verdict::Deviating(findings) => {
                findings.iter().filter(|f| f.explanation.is_none()).count()
            }
            _ => 0,
        }
    }

    /// The report line: the file, the request and the verdict, with each difference's JSON path.
    pub fn line(&self) -> String {
        let request = format!("{} {} {}", self.file, self.method, self.path);
        match &self.verdict {
            Verdict::Matched => format!("matched {request}"),
            Verdict::NotServed(reason) => format!("not served {request}: {reason}"),
            Verdict::Deviating(findings) => {
                let listed: Vec<String> = findings
                    .iter()
                    .map(|finding| {
                        let Deviation { path, what } = &finding.deviation;
                        match finding.explanation {
                            Some(known) => format!("{path} {what} (explained: {})", known.reason),
                            None => format!("{path} {what} (unexplained)"),
                        }
                    })
                    .collect();
                format!("deviating {request}: {}", listed.join("; "))
            }
        }
    }
}

/// Every exchange of a folder, replayed.
#[derive(Debug, Clone)]
pub struct Report {
    /// Each exchange, in the folder's order.
    pub checked: Vec<Checked>,
    /// What the seed step could not take in.
    pub notes: Vec<String>,
}

impl Report {
    fn count(&self, verdict: fn(&Verdict) -> bool) -> usize {
        self.checked.iter().filter(|c| verdict(&c.verdict)).count()
    }

    /// How many exchanges matched.
    pub fn matched(&self) -> usize {
        self.count(|v| matches!(v, Verdict::Matched))
    }

    /// How many exchanges differ.
    pub fn deviating(&self) -> usize {
        self.count(|v| matches!(v, Verdict::Deviating(_)))
    }

    /// How many exchanges the mock does not serve.
    pub fn not_served(&self) -> usize {
        self.count(|v| matches!(v, Verdict::NotServed(_)))
    }

    /// Differences, over all exchanges, that the reviewed list does not explain.
    pub fn unexplained(&self) -> usize {
        self.checked.iter().map(Checked::unexplained).sum()
    }

    /// `verify: M matched, D deviating, U not served`, counted in exchanges.
    pub fn summary(&self) -> String {
        format!(
            "verify: {} matched, {} deviating, {} not served",
            self.matched(),
            self.deviating(),
            self.not_served()
        )
    }
}

/// Replays the exchanges recorded in `dir` on a fresh mock seeded from them.
///
/// # Errors
/// A file that cannot be read or is not an exchange (named in the message), an empty folder, or
/// recordings that do not make a valid seed.
pub async fn verify(dir: &Path) -> Result<Report, VerifyError> {
    let exchanges = read_dir(dir)?;
    if exchanges.is_empty() {
        return Err(VerifyError::Empty {
            dir: dir.to_owned(),
        });
    }
    let recorded: Vec<Exchange> = exchanges.iter().map(|(_, e)| e.clone()).collect();
    let seeded = seed_from_recordings(&recorded)?;
    let mock = MockPartnerCenter::builder()
        .seed(seeded.seed)
        .journal_capacity(0)
        .try_start()
        .await?;
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .map_err(std::io::Error::other)?;
    let mut replay = Replay {
        client,
        base: mock.uri(),
        ids: IdMap::default(),
        continuation: HashMap::new(),
    };
    let mut checked = Vec::with_capacity(exchanges.len());
    for (path, exchange) in &exchanges {
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let started = Instant::now();
        let verdict = replay.check(&file, exchange).await?;
        checked.push(Checked {
            file,
            method: exchange.request.method.to_ascii_uppercase(),
            path: exchange.request.path.clone(),
            verdict,
            duration: started.elapsed(),
        });
    }
    Ok(Report {
        checked,
        notes: seeded.notes,
    })
}

/// The replay's state between exchanges.
struct Replay {
    client: reqwest::Client,
    base: String,
    ids: IdMap,
    /// The last continuation token the mock answered, by lower-case path.
    continuation: HashMap<String, String>,
}

impl Replay {
    async fn check(&mut self, file: &str, exchange: &Exchange) -> Result<Verdict, VerifyError> {
        let recorded = &exchange.response;
        if recorded.status == 502
            && code_of(recorded.payload.body.as_ref()) == Some(UPSTREAM_UNREACHABLE.into())
        {
            return Ok(Verdict::NotServed(
                "the upstream could not be reached when this was recorded".to_owned(),
            ));
        }
        let (status, body) = self
            .send(exchange)
            .await
            .map_err(|reason| VerifyError::Replay {
                file: file.to_owned(),
                reason,
            })?;
        if status == 404
            && body
                .as_ref()
                .and_then(|b| property(b, "message"))
                .and_then(Value::as_str)
                == Some("Resource not found")
        {
            return Ok(Verdict::NotServed("the mock has no such route".to_owned()));
        }
        let mut expected = recorded.payload.body.clone();
        let created = exchange.request.method.eq_ignore_ascii_case("POST")
            && (200..300).contains(&recorded.status)
            && (200..300).contains(&status);
        if created && let (Some(expected), Some(body)) = (&expected, &body) {
            self.ids.learn(expected, body);
        }
        if let Some(expected) = &mut expected {
            self.ids.apply_value(expected);
        }
        if let Some(token) = body
            .as_ref()
            .and_then(|b| property(b, "continuationToken"))
            .and_then(Value::as_str)
        {
            self.continuation
                .insert(exchange.request.path.to_ascii_lowercase(), token.to_owned());
        }
        let method = &exchange.request.method;
        let found: Vec<Finding> =
            compare_answers(recorded.status, expected.as_ref(), status, body.as_ref())
                .into_iter()
                .map(|deviation| Finding {
                    explanation: explanation(method, &exchange.request.path, &deviation.path),
                    deviation,
                })
                .collect();
        Ok(if found.is_empty() {
            Verdict::Matched
        } else {
            Verdict::Deviating(found)
        })
    }

    /// Sends the recorded request to the mock and reads its answer.
    async fn send(&self, exchange: &Exchange) -> Result<(u16, Option<Value>), String> {
        let request = &exchange.request;
        let method = reqwest::Method::from_bytes(request.method.to_ascii_uppercase().as_bytes())
            .map_err(|e| format!("method {:?}: {e}", request.method))?;
        let mut url = format!("{}{}", self.base, self.ids.apply_text(&request.path));
        if let Some(query) = &request.query {
            url.push('?');
            url.push_str(&self.ids.apply_text(query));
        }
        let mut sent = self.client.request(method, url);
        for (name, value) in &request.headers {
            let name = name.to_ascii_lowercase();
            if NOT_SENT.contains(&name.as_str()) {
                continue;
            }
            let value = if value != REDACTED {
                value.clone()
            } else if name == "authorization" {
                REPLAY_TOKEN.to_owned()
            } else if name == "ms-continuationtoken" {
                match self.continuation.get(&request.path.to_ascii_lowercase()) {
                    Some(token) => token.clone(),
                    None => continue,
                }
            } else {
                continue;
            };
            sent = sent.header(name, value);
        }
        let mut payload = request.payload.clone();
        if let Some(body) = &mut payload.body {
            self.ids.apply_value(body);
        }
        if !payload.is_empty() {
            sent = sent.body(payload.to_bytes());
        }
        let response = sent.send().await.map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(|e| e.to_string())?;
        Ok((status, Payload::from_bytes(&bytes).body))
    }
}

fn code_of(body: Option<&Value>) -> Option<u64> {
    property(body?, "code")?.as_u64()
}
