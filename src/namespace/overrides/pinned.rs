//! Pinned answers: overrides that answer with exactly the status, headers and body a client gave.
//! `POST /_mock/overrides` reads an [`OverrideRule`]; its matching, seeded draws, delays and
//! `times` are the shared [`Matcher`]'s.

use super::{Answer, Armed, Matcher, Rule};
use crate::recording::Payload;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Headers the HTTP server writes itself from the answer it sends: a pinned answer cannot set
/// them, and they are left out of recorded answers.
pub(crate) const SERVER_HEADERS: &[&str] = &[
    "connection",
    "content-length",
    "date",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// A pinned answer as a client defines it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OverrideRule {
    /// The method to answer, in any case; every method when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// An exact path, or a prefix ending in `*`. The query string is not matched.
    pub path: String,
    /// The status to answer with, 200 to 599.
    #[schemars(range(min = 200, max = 599))]
    pub status: u16,
    /// Headers to answer with, beside the mock's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
    /// A JSON body, sent as `application/json; charset=utf-8` unless `headers` say otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// A body that is not JSON, sent as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_text: Option<String>,
    /// How many requests it answers before it is removed; until removed when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub times: Option<u32>,
    /// How long to wait before answering, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    /// The chance, from 0 to 1, that a matching request is taken; every one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    /// The seed of the draws `probability` makes, so that a run can be repeated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
}

/// The answer a pinned rule gives.
#[derive(Debug, Clone, PartialEq)]
pub struct PinnedAnswer {
    /// The status answered.
    pub status: StatusCode,
    /// The headers answered.
    pub headers: HeaderMap,
    /// The body answered.
    pub payload: Payload,
}

impl OverrideRule {
    /// The checked rule, ready to add to a namespace; the message names the field at fault.
    pub fn into_rule(self) -> Result<Rule, String> {
        let matcher = Matcher {
            method: self.method,
            path: self.path,
            probability: self.probability,
            seed: self.seed,
            times: self.times,
            delay_ms: self.delay_ms,
        };
        matcher.validate()?;
        let status = StatusCode::from_u16(self.status)
            .ok()
            .filter(|_| (200..=599).contains(&self.status))
            .ok_or_else(|| {
                "status must be a final HTTP status, 200 to 599 (1xx answers cannot end a request)."
                    .to_owned()
            })?;
        let mut headers = HeaderMap::new();
        for (name, value) in self.headers.unwrap_or_default() {
            let (name, value) = header(&name, &value)?;
            headers.insert(name, value);
        }
        if self.body.is_some() && self.body_text.is_some() {
            return Err("body and bodyText cannot both be given.".to_owned());
        }
        let bodiless = [StatusCode::NO_CONTENT, StatusCode::NOT_MODIFIED].contains(&status);
        if bodiless && (self.body.is_some() || self.body_text.is_some()) {
            return Err(format!(
                "body cannot be given with status {status}, which HTTP sends without one."
            ));
        }
        Ok(Rule {
            matcher,
            answer: Answer::Pinned(Arc::new(PinnedAnswer {
                status,
                headers,
                payload: Payload {
                    body: self.body,
                    body_text: self.body_text,
                },
            })),
        })
    }

    /// The rule as its client defined it; `None` for a rule of the other kind.
    pub fn of(rule: &Rule) -> Option<Self> {
        let Answer::Pinned(pinned) = &rule.answer else {
            return None;
        };
        let matcher = rule.matcher.clone();
        Some(Self {
            method: matcher.method,
            path: matcher.path,
            status: pinned.status.as_u16(),
            headers: Some(header_texts(&pinned.headers)).filter(|headers| !headers.is_empty()),
            body: pinned.payload.body.clone(),
            body_text: pinned.payload.body_text.clone(),
            times: matcher.times,
            delay_ms: matcher.delay_ms,
            probability: matcher.probability,
            seed: matcher.seed,
        })
    }
}

/// Whether the HTTP server writes the header `name` itself.
pub(crate) fn is_server_header(name: &str) -> bool {
    SERVER_HEADERS
        .iter()
        .any(|server| server.eq_ignore_ascii_case(name))
}

/// The checked header `name: value`; the message names it when it cannot be pinned.
fn header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), String> {
    let Ok(parsed) = HeaderName::from_bytes(name.as_bytes()) else {
        return Err(format!("headers: '{name}' is not a header name."));
    };
    if is_server_header(name) {
        return Err(format!(
            "headers.{name} is written by the HTTP server and cannot be pinned."
        ));
    }
    let value = HeaderValue::from_str(value)
        .map_err(|_| format!("headers.{name} must be visible ASCII text, without line breaks."))?;
    Ok((parsed, value))
}

/// Header names (in lower case) and their values as text.
fn header_texts(headers: &HeaderMap) -> BTreeMap<String, String> {
    headers
        .iter()
        .filter_map(|(name, value)| {
            Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect()
}

/// A pinned rule with its id and how it has fared, as `GET /_mock/overrides` lists it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ArmedOverride {
    pub id: String,
    #[serde(flatten)]
    pub rule: OverrideRule,
    /// How many requests it matched.
    pub matched: u64,
    /// How many of them it answered.
    pub answered: u32,
}

impl ArmedOverride {
    /// The listing of a pinned rule; `None` for a rule of the other kind.
    pub(crate) fn of(armed: &Armed) -> Option<Self> {
        Some(Self {
            id: armed.id.clone(),
            rule: OverrideRule::of(&armed.rule)?,
            matched: armed.matched,
            answered: armed.fired,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rule() -> OverrideRule {
        OverrideRule {
            method: Some("POST".into()),
            path: "/v1/customers".into(),
            status: 201,
            headers: Some(BTreeMap::from([("x-trace".into(), "abc".into())])),
            body: Some(json!({"id": "pinned", "nothing": null})),
            times: Some(2),
            ..OverrideRule::default()
        }
    }

    #[test]
    fn a_rule_reads_back_as_its_client_defined_it() {
        let armed = rule().into_rule().unwrap();
        assert_eq!(OverrideRule::of(&armed), Some(rule()));
    }

    #[test]
    fn invalid_rules_name_their_field() {
        let cases = [
            (
                OverrideRule {
                    status: 99,
                    ..rule()
                },
                "status",
            ),
            (
                OverrideRule {
                    status: 101,
                    ..rule()
                },
                "status",
            ),
            (
                OverrideRule {
                    status: 600,
                    ..rule()
                },
                "status",
            ),
            (
                OverrideRule {
                    times: Some(0),
                    ..rule()
                },
                "times",
            ),
            (
                OverrideRule {
                    path: String::new(),
                    ..rule()
                },
                "path",
            ),
            (
                OverrideRule {
                    headers: Some(BTreeMap::from([("bad name".into(), "x".into())])),
                    ..rule()
                },
                "headers",
            ),
            (
                OverrideRule {
                    headers: Some(BTreeMap::from([("Content-Length".into(), "3".into())])),
                    ..rule()
                },
                "headers.Content-Length",
            ),
            (
                OverrideRule {
                    headers: Some(BTreeMap::from([("x-a".into(), "line\nbreak".into())])),
                    ..rule()
                },
                "headers.x-a",
            ),
            (
                OverrideRule {
                    body_text: Some("text".into()),
                    ..rule()
                },
                "body",
            ),
            (
                OverrideRule {
                    status: 204,
                    ..rule()
                },
                "body",
            ),
        ];
        for (invalid, field) in cases {
            let message = invalid.into_rule().unwrap_err();
            assert!(message.starts_with(field), "{field}: {message}");
        }
    }
}
