//! Overrides: answers given in place of the model. Each namespace keeps one list of rules, checked
//! in the order they were added; the first rule whose [`Matcher`] takes a request answers it. A
//! rule answers in one of two ways:
//!
//! - a **fault** ([`fault`]): a Partner Center error built from a status and an optional code,
//!   description and `Retry-After`, or only a delay, or a panic; listed under `/_mock/faults`;
//! - a **pinned answer** ([`pinned`]): exactly a given status, headers and body; listed under
//!   `/_mock/overrides`, and loaded from a folder of recorded exchanges.
//!
//! Both kinds share the matching, the seeded draws, the delays, the `times` count and the ids
//! (`fault-N` and `override-N`, counted per kind).

pub mod fault;
pub(crate) mod matcher;
pub mod pinned;
pub(crate) mod recorded;

use fault::FaultAnswer;
pub use matcher::Matcher;
use pinned::PinnedAnswer;
use std::sync::{Arc, Mutex, PoisonError};

/// How a rule answers.
#[derive(Debug, Clone)]
pub enum Answer {
    /// A Partner Center error, a delay or a panic.
    Fault(FaultAnswer),
    /// A status, headers and body given by the caller.
    Pinned(Arc<PinnedAnswer>),
}

/// The two kinds of answer, each with its own list route and ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A fault: an error, a delay or a failing handler.
    Fault,
    /// A pinned answer: a fixed status, headers and body.
    Override,
}

impl Kind {
    /// The ids of this kind are `<prefix>-N`.
    pub const fn prefix(self) -> &'static str {
        match self {
            Self::Fault => "fault",
            Self::Override => "override",
        }
    }
}

impl Answer {
    /// Whether this is a fault's answer or a pinned one.
    pub const fn kind(&self) -> Kind {
        match self {
            Self::Fault(_) => Kind::Fault,
            Self::Pinned(_) => Kind::Override,
        }
    }
}

/// A checked rule: which requests, and what they get.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Which requests the rule takes, and how often.
    pub matcher: Matcher,
    /// What those requests get.
    pub answer: Answer,
}

/// A rule in a namespace's list, with its id and how it has fared.
#[derive(Debug, Clone)]
pub(crate) struct Armed {
    pub id: String,
    pub rule: Rule,
    /// How many requests it matched.
    pub matched: u64,
    /// How many of them it answered.
    pub fired: u32,
}

/// What the rule that took a request does with it.
#[derive(Debug, Clone)]
pub(crate) struct Taken {
    /// The id of the rule.
    pub id: String,
    pub delay_ms: Option<u64>,
    pub answer: Answer,
}

#[derive(Debug, Default)]
struct Rules {
    armed: Vec<Armed>,
    next_fault: u64,
    next_override: u64,
}

/// A namespace's rules, faults and pinned answers in one list, checked in the order they were
/// added.
#[derive(Debug, Default)]
pub struct Overrides {
    rules: Mutex<Rules>,
}

impl Overrides {
    /// Adds a checked rule at the end of the list and returns its id.
    pub fn add(&self, rule: Rule) -> String {
        let kind = rule.answer.kind();
        let mut rules = self.lock();
        let counter = match kind {
            Kind::Fault => &mut rules.next_fault,
            Kind::Override => &mut rules.next_override,
        };
        *counter += 1;
        let id = format!("{}-{counter}", kind.prefix());
        rules.armed.push(Armed {
            id: id.clone(),
            rule,
            matched: 0,
            fired: 0,
        });
        id
    }

    /// The rules of `kind`, in the order they are checked.
    pub(crate) fn list(&self, kind: Kind) -> Vec<Armed> {
        self.lock()
            .armed
            .iter()
            .filter(|armed| armed.rule.answer.kind() == kind)
            .cloned()
            .collect()
    }

    /// Removes the rule `id` of `kind`; `false` when there is none.
    pub fn remove(&self, kind: Kind, id: &str) -> bool {
        let mut rules = self.lock();
        let before = rules.armed.len();
        rules
            .armed
            .retain(|armed| armed.id != id || armed.rule.answer.kind() != kind);
        rules.armed.len() != before
    }

    /// Removes every rule of `kind`.
    pub fn clear(&self, kind: Kind) {
        self.lock()
            .armed
            .retain(|armed| armed.rule.answer.kind() != kind);
    }

    /// What the first rule that matches this request does with it, if that rule's draw says it
    /// answers. A rule that has answered its number of times is removed.
    pub(crate) fn take(&self, method: &str, path: &str) -> Option<Taken> {
        let mut rules = self.lock();
        let index = rules
            .armed
            .iter()
            .position(|armed| armed.rule.matcher.matches(method, path))?;
        let armed = &mut rules.armed[index];
        let fires = armed.rule.matcher.fires_on(armed.matched);
        armed.matched += 1;
        if !fires {
            return None;
        }
        armed.fired += 1;
        let taken = Taken {
            id: armed.id.clone(),
            delay_ms: armed.rule.matcher.delay_ms,
            answer: armed.rule.answer.clone(),
        };
        if armed
            .rule
            .matcher
            .times
            .is_some_and(|times| armed.fired >= times)
        {
            rules.armed.remove(index);
        }
        Some(taken)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Rules> {
        self.rules.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recording::Payload;

    fn matcher(path: &str, times: Option<u32>) -> Matcher {
        Matcher {
            path: path.to_owned(),
            times,
            ..Matcher::default()
        }
    }

    fn fault(path: &str, times: Option<u32>) -> Rule {
        Rule {
            matcher: matcher(path, times),
            answer: Answer::Fault(FaultAnswer {
                status: Some(503),
                ..FaultAnswer::default()
            }),
        }
    }

    fn pinned(path: &str, times: Option<u32>) -> Rule {
        Rule {
            matcher: matcher(path, times),
            answer: Answer::Pinned(Arc::new(PinnedAnswer {
                status: axum::http::StatusCode::OK,
                headers: axum::http::HeaderMap::new(),
                payload: Payload::default(),
            })),
        }
    }

    fn taken_ids(rules: &Overrides, requests: usize) -> Vec<Option<String>> {
        (0..requests)
            .map(|_| rules.take("GET", "/v1/customers").map(|t| t.id))
            .collect()
    }

    #[test]
    fn faults_and_pinned_answers_are_checked_in_the_order_they_were_added() {
        let rules = Overrides::default();
        assert_eq!(rules.add(pinned("/v1/customers", Some(1))), "override-1");
        assert_eq!(rules.add(fault("/v1/*", Some(2))), "fault-1");
        assert_eq!(rules.add(pinned("/v1/customers", None)), "override-2");
        let ids = taken_ids(&rules, 5);
        let expected = [
            "override-1",
            "fault-1",
            "fault-1",
            "override-2",
            "override-2",
        ];
        assert_eq!(ids, expected.map(|id| Some(id.to_owned())));
        assert!(rules.list(Kind::Fault).is_empty());
        let left = rules.list(Kind::Override);
        assert_eq!(left.len(), 1);
        assert_eq!((left[0].matched, left[0].fired), (2, 2));
    }

    #[test]
    fn a_rule_stops_after_its_times_and_the_model_answers_again() {
        let rules = Overrides::default();
        rules.add(fault("/v1/*", Some(2)));
        assert_eq!(
            taken_ids(&rules, 4),
            [
                Some("fault-1".to_owned()),
                Some("fault-1".to_owned()),
                None,
                None
            ]
        );
        assert!(rules.list(Kind::Fault).is_empty());
    }

    #[test]
    fn a_missed_draw_lets_the_model_answer_without_asking_later_rules() {
        let rules = Overrides::default();
        rules.add(Rule {
            matcher: Matcher {
                probability: Some(0.0),
                ..matcher("/v1/customers", None)
            },
            ..fault("/v1/customers", None)
        });
        rules.add(pinned("/v1/*", None));
        assert_eq!(taken_ids(&rules, 3), [None, None, None]);
        assert_eq!(rules.list(Kind::Fault)[0].matched, 3);
        assert_eq!(rules.list(Kind::Override)[0].matched, 0);
    }

    #[test]
    fn removing_and_clearing_touch_one_kind_only() {
        let rules = Overrides::default();
        rules.add(fault("/v1/a", None));
        rules.add(pinned("/v1/b", None));
        rules.add(pinned("/v1/c", None));
        assert!(!rules.remove(Kind::Override, "fault-1"));
        assert!(!rules.remove(Kind::Fault, "override-1"));
        assert!(rules.remove(Kind::Override, "override-1"));
        rules.clear(Kind::Override);
        assert!(rules.list(Kind::Override).is_empty());
        assert_eq!(rules.list(Kind::Fault).len(), 1);
        rules.clear(Kind::Fault);
        assert!(rules.take("GET", "/v1/a").is_none());
    }
}
