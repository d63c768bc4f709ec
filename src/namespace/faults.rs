//! Fault rules: errors and delays on demand, in Partner Center's own shapes. A rule matches a
//! method (or any) and a path (exact, or a prefix when it ends in `*`); it fires with a
//! probability drawn from its own seed, so the same rule gives the same sequence of outcomes on
//! any run and in any namespace; and it can stop after a number of times.

use serde::{Deserialize, Serialize};
use std::sync::{Mutex, PoisonError};

/// A fault rule as a client defines it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FaultRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
    /// Makes the handler itself fail (panic), to test that the mock contains it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub panic: bool,
}

/// The longest delay a rule may ask for.
pub const MAX_DELAY_MS: u64 = 60_000;

impl FaultRule {
    /// Checks the rule; the message names the field at fault.
    pub fn validate(&self) -> Result<(), String> {
        if !self.path.starts_with('/') {
            return Err("path must start with '/' (for example /v1/customers/*).".to_owned());
        }
        if self.path.trim_end_matches('*').contains('*') {
            return Err("path may hold '*' only at its end.".to_owned());
        }
        if let Some(status) = self.status
            && !(400..=599).contains(&status)
        {
            return Err("status must be an error status, 400 to 599.".to_owned());
        }
        if self.status.is_none() && self.delay_ms.is_none() && !self.panic {
            return Err("a rule needs a status to answer with, a delayMs, or panic.".to_owned());
        }
        if self.delay_ms.is_some_and(|delay| delay > MAX_DELAY_MS) {
            return Err(format!("delayMs must be at most {MAX_DELAY_MS}."));
        }
        if let Some(p) = self.probability
            && !(0.0..=1.0).contains(&p)
        {
            return Err("probability must be between 0 and 1.".to_owned());
        }
        if self.times == Some(0) {
            return Err("times must be at least 1.".to_owned());
        }
        Ok(())
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        let method_matches = self
            .method
            .as_ref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method));
        let path_matches = match self.path.strip_suffix('*') {
            Some(prefix) => path
                .to_ascii_lowercase()
                .starts_with(&prefix.to_ascii_lowercase()),
            None => path
                .trim_end_matches('/')
                .eq_ignore_ascii_case(self.path.trim_end_matches('/')),
        };
        method_matches && path_matches
    }
}

/// A rule with its id and how it has fared.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ArmedRule {
    pub id: String,
    #[serde(flatten)]
    pub rule: FaultRule,
    /// How many requests it matched.
    pub matched: u64,
    /// How many times it fired.
    pub fired: u32,
}

/// What a firing rule does to a request.
#[derive(Debug, Clone)]
pub struct Fault {
    /// The id of the rule that fired.
    pub rule: String,
    pub delay_ms: Option<u64>,
    pub status: Option<u16>,
    pub code: Option<u32>,
    pub description: Option<String>,
    pub retry_after: Option<u64>,
    pub panic: bool,
}

#[derive(Debug, Default)]
struct Rules {
    armed: Vec<ArmedRule>,
    next_id: u64,
}

/// A namespace's fault rules, checked in the order they were added.
#[derive(Debug, Default)]
pub struct Faults {
    rules: Mutex<Rules>,
}

impl Faults {
    /// Adds a checked rule and returns its id.
    pub fn add(&self, rule: FaultRule) -> String {
        let mut rules = self.lock();
        rules.next_id += 1;
        let id = format!("fault-{}", rules.next_id);
        rules.armed.push(ArmedRule {
            id: id.clone(),
            rule,
            matched: 0,
            fired: 0,
        });
        id
    }

    pub fn list(&self) -> Vec<ArmedRule> {
        self.lock().armed.clone()
    }

    /// Removes the rule `id`; `false` when there is none.
    pub fn remove(&self, id: &str) -> bool {
        let mut rules = self.lock();
        let before = rules.armed.len();
        rules.armed.retain(|r| r.id != id);
        rules.armed.len() != before
    }

    pub fn clear(&self) {
        self.lock().armed.clear();
    }

    /// The fault for this request, if the first matching rule fires. A rule that has fired
    /// its number of times is removed.
    pub fn take(&self, method: &str, path: &str) -> Option<Fault> {
        let mut rules = self.lock();
        let index = rules
            .armed
            .iter()
            .position(|r| r.rule.matches(method, path))?;
        let armed = &mut rules.armed[index];
        let draw = unit_draw(armed.rule.seed.unwrap_or_default(), armed.matched);
        armed.matched += 1;
        if draw >= armed.rule.probability.unwrap_or(1.0) {
            return None;
        }
        armed.fired += 1;
        let rule = &armed.rule;
        let fault = Fault {
            rule: armed.id.clone(),
            delay_ms: rule.delay_ms,
            status: rule.status,
            code: rule.code,
            description: rule.description.clone(),
            retry_after: rule.retry_after,
            panic: rule.panic,
        };
        if rule.times.is_some_and(|times| armed.fired >= times) {
            rules.armed.remove(index);
        }
        Some(fault)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Rules> {
        self.rules.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The `n`-th draw in [0, 1) of the stream `seed` (SplitMix64).
fn unit_draw(seed: u64, n: u64) -> f64 {
    let mut z = seed.wrapping_add(n.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    #[expect(
        clippy::cast_precision_loss,
        reason = "53 random bits make a uniform draw"
    )]
    let draw = (z >> 11) as f64 / (1u64 << 53) as f64;
    draw
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(path: &str) -> FaultRule {
        FaultRule {
            path: path.to_owned(),
            status: Some(503),
            ..FaultRule::default()
        }
    }

    #[test]
    fn paths_match_exactly_or_by_prefix() {
        assert!(rule("/v1/customers").matches("GET", "/v1/customers/"));
        assert!(!rule("/v1/customers").matches("GET", "/v1/customers/x"));
        assert!(rule("/v1/customers/*").matches("POST", "/v1/Customers/x/orders"));
        let mut only_post = rule("/v1/*");
        only_post.method = Some("post".into());
        assert!(!only_post.matches("GET", "/v1/customers"));
    }

    #[test]
    fn a_seeded_rule_repeats_its_sequence_and_stops_after_its_times() {
        let sequence = |seed| {
            let faults = Faults::default();
            faults.add(FaultRule {
                probability: Some(0.5),
                seed: Some(seed),
                ..rule("/v1/*")
            });
            (0..64)
                .map(|_| faults.take("GET", "/v1/customers").is_some())
                .collect::<Vec<_>>()
        };
        assert_eq!(sequence(7), sequence(7));
        assert_ne!(sequence(7), sequence(8));
        let fired = sequence(7).iter().filter(|f| **f).count();
        assert!((16..=48).contains(&fired), "{fired}");

        let faults = Faults::default();
        faults.add(FaultRule {
            times: Some(2),
            ..rule("/v1/*")
        });
        let fired: Vec<bool> = (0..4)
            .map(|_| faults.take("GET", "/v1/x").is_some())
            .collect();
        assert_eq!(fired, [true, true, false, false]);
        assert!(faults.list().is_empty());
    }
}
