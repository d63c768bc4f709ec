//! Which `/v1` requests a rule answers, and how often: a method (or any), a path (exact, or a
//! prefix when it ends in `*`), a chance drawn from the rule's own seed, a delay, and a number of
//! times. Faults and pinned overrides share it.

use crate::domain::draws::SplitMix64;

/// The longest delay a rule may ask for.
pub(crate) const MAX_DELAY_MS: u64 = 60_000;

/// The request side of a rule.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matcher {
    /// The method to match, in any case; `None` matches every method.
    pub method: Option<String>,
    /// An exact path (case and a trailing slash do not matter), or a prefix ending in `*`.
    pub path: String,
    /// The chance that a matched request is answered; 1 when absent.
    pub probability: Option<f64>,
    /// The seed of the rule's draws.
    pub seed: Option<u64>,
    /// How many answers the rule gives before it is removed; until removed when absent.
    pub times: Option<u32>,
    /// How long to wait before answering.
    pub delay_ms: Option<u64>,
}

impl Matcher {
    /// Checks the matcher; the message names the field at fault.
    pub fn validate(&self) -> Result<(), String> {
        if self.path.is_empty() {
            return Err("path must not be empty (for example /v1/customers/*).".to_owned());
        }
        if !self.path.starts_with('/') {
            return Err("path must start with '/' (for example /v1/customers/*).".to_owned());
        }
        if self.path.trim_end_matches('*').contains('*') {
            return Err("path may hold '*' only at its end.".to_owned());
        }
        if self.method.as_ref().is_some_and(|m| !is_token(m)) {
            return Err("method must be an HTTP method name, such as GET.".to_owned());
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

    /// Whether the rule is for this request.
    pub fn matches(&self, method: &str, path: &str) -> bool {
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

    /// What the rule matches, folded so that two matchers for the same requests give the same
    /// target.
    pub fn target(&self) -> (Option<String>, String) {
        (
            self.method.as_ref().map(|m| m.to_ascii_uppercase()),
            self.path.trim_end_matches('/').to_ascii_lowercase(),
        )
    }

    /// Whether the `n`-th request this rule matches is answered.
    pub fn fires_on(&self, n: u64) -> bool {
        unit_draw(self.seed.unwrap_or_default(), n) < self.probability.unwrap_or(1.0)
    }
}

/// An HTTP method is a token: letters and a few symbols, never empty.
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The `n`-th draw in [0, 1) of the stream `seed`.
fn unit_draw(seed: u64, n: u64) -> f64 {
    SplitMix64::skipping(seed, n).next_unit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(path: &str) -> Matcher {
        Matcher {
            path: path.to_owned(),
            ..Matcher::default()
        }
    }

    #[test]
    fn paths_match_exactly_or_by_prefix() {
        assert!(matcher("/v1/customers").matches("GET", "/v1/customers/"));
        assert!(!matcher("/v1/customers").matches("GET", "/v1/customers/x"));
        assert!(matcher("/v1/customers/*").matches("POST", "/v1/Customers/x/orders"));
        let only_post = Matcher {
            method: Some("post".into()),
            ..matcher("/v1/*")
        };
        assert!(!only_post.matches("GET", "/v1/customers"));
        assert!(only_post.matches("POST", "/v1/customers"));
    }

    #[test]
    fn matchers_for_the_same_requests_share_a_target() {
        let upper = Matcher {
            method: Some("get".into()),
            ..matcher("/V1/Customers/")
        };
        let lower = Matcher {
            method: Some("GET".into()),
            ..matcher("/v1/customers")
        };
        assert_eq!(upper.target(), lower.target());
        assert_ne!(upper.target(), matcher("/v1/customers").target());
    }

    #[test]
    fn invalid_matchers_name_their_field() {
        let cases = [
            (matcher(""), "path"),
            (matcher("v1/customers"), "path"),
            (matcher("/v1/*/x"), "path"),
            (
                Matcher {
                    method: Some("GE T".into()),
                    ..matcher("/v1")
                },
                "method",
            ),
            (
                Matcher {
                    delay_ms: Some(MAX_DELAY_MS + 1),
                    ..matcher("/v1")
                },
                "delayMs",
            ),
            (
                Matcher {
                    probability: Some(1.5),
                    ..matcher("/v1")
                },
                "probability",
            ),
            (
                Matcher {
                    times: Some(0),
                    ..matcher("/v1")
                },
                "times",
            ),
        ];
        for (invalid, field) in cases {
            let message = invalid.validate().unwrap_err();
            assert!(message.starts_with(field), "{message}");
        }
        assert_eq!(matcher("/v1/customers/*").validate(), Ok(()));
    }

    #[test]
    fn a_seeded_chance_repeats_its_draws() {
        let half = |seed| Matcher {
            probability: Some(0.5),
            seed: Some(seed),
            ..matcher("/v1/*")
        };
        let draws = |m: &Matcher| (0..64).map(|n| m.fires_on(n)).collect::<Vec<_>>();
        assert_eq!(draws(&half(7)), draws(&half(7)));
        assert_ne!(draws(&half(7)), draws(&half(8)));
        let fired = draws(&half(7)).iter().filter(|f| **f).count();
        assert!((16..=48).contains(&fired), "{fired}");
        assert!(draws(&matcher("/v1")).iter().all(|f| *f));
    }
}
