//! Faults: overrides that answer with a Partner Center error, wait, or make the handler fail.
//! `POST /_mock/faults` reads a [`FaultRule`]; the rule's matching, seeded draws, delays and
//! `times` are the shared [`Matcher`]'s.

use super::{Answer, Armed, Matcher, Rule};
use serde::{Deserialize, Serialize};

/// A fault rule as a client defines it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FaultRule {
    /// Only requests with this method (any case); every method when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The path the rule matches (see [`Matcher`] for wildcards).
    pub path: String,
    /// The error status to answer; without one, the request is only delayed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The Partner Center error `code` in the answer's body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u32>,
    /// The error `description` in the answer's body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The `Retry-After` header, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// How long to wait before answering, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    /// The chance, from 0 to 1, that a matching request is taken; every one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    /// The seed of the draws `probability` makes, so that a run can be repeated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// How many requests the rule takes before it is removed; until removed when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
    /// Makes the handler itself fail (panic), to test that the mock contains it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub panic: bool,
}

/// What a fault does to a request it takes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultAnswer {
    /// The error status; without one, the request goes on to the model after the delay.
    pub status: Option<u16>,
    /// The Partner Center error `code` in the answer's body.
    pub code: Option<u32>,
    /// The error `description` in the answer's body.
    pub description: Option<String>,
    /// The `Retry-After` header, in seconds.
    pub retry_after: Option<u64>,
    /// Whether the handler is made to fail (panic).
    pub panic: bool,
}

impl FaultRule {
    /// Checks the rule; the message names the field at fault.
    pub fn validate(&self) -> Result<(), String> {
        self.clone().into_rule().map(drop)
    }

    /// The checked rule, ready to add to a namespace.
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
        if let Some(status) = self.status
            && !(400..=599).contains(&status)
        {
            return Err("status must be an error status, 400 to 599.".to_owned());
        }
        if self.status.is_none() && matcher.delay_ms.is_none() && !self.panic {
            return Err("a rule needs a status to answer with, a delayMs, or panic.".to_owned());
        }
        Ok(Rule {
            matcher,
            answer: Answer::Fault(FaultAnswer {
                status: self.status,
                code: self.code,
                description: self.description,
                retry_after: self.retry_after,
                panic: self.panic,
            }),
        })
    }

    /// The rule as its client defined it; `None` for a rule of the other kind.
    pub fn of(rule: &Rule) -> Option<Self> {
        let Answer::Fault(fault) = &rule.answer else {
            return None;
        };
        let matcher = rule.matcher.clone();
        Some(Self {
            method: matcher.method,
            path: matcher.path,
            status: fault.status,
            code: fault.code,
            description: fault.description.clone(),
            retry_after: fault.retry_after,
            delay_ms: matcher.delay_ms,
            probability: matcher.probability,
            seed: matcher.seed,
            times: matcher.times,
            panic: fault.panic,
        })
    }
}

/// A fault rule with its id and how it has fared, as `GET /_mock/faults` lists it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ArmedRule {
    pub id: String,
    #[serde(flatten)]
    pub rule: FaultRule,
    /// How many requests it matched.
    pub matched: u64,
    /// How many times it fired.
    pub fired: u32,
}

impl ArmedRule {
    /// The listing of a fault; `None` for a rule of the other kind.
    pub(crate) fn of(armed: &Armed) -> Option<Self> {
        Some(Self {
            id: armed.id.clone(),
            rule: FaultRule::of(&armed.rule)?,
            matched: armed.matched,
            fired: armed.fired,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_reads_back_as_its_client_defined_it() {
        let rule = FaultRule {
            method: Some("GET".into()),
            path: "/v1/customers/*".into(),
            status: Some(429),
            retry_after: Some(5),
            probability: Some(0.5),
            seed: Some(42),
            times: Some(2),
            delay_ms: Some(10),
            ..FaultRule::default()
        };
        let armed = rule.clone().into_rule().unwrap();
        assert_eq!(FaultRule::of(&armed), Some(rule));
    }

    #[test]
    fn a_fault_needs_an_error_status_a_delay_or_a_panic() {
        let rule = |status, delay_ms, panic| FaultRule {
            path: "/v1/customers".into(),
            status,
            delay_ms,
            panic,
            ..FaultRule::default()
        };
        assert!(rule(None, None, false).validate().is_err());
        assert!(rule(Some(200), None, false).validate().is_err());
        assert!(rule(Some(503), None, false).validate().is_ok());
        assert!(rule(None, Some(5), false).validate().is_ok());
        assert!(rule(None, None, true).validate().is_ok());
    }
}
