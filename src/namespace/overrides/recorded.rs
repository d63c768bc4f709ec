//! Recorded exchanges as pinned answers (`--overrides DIR`): each exchange answers its method and
//! path with its recorded status, headers and body. The exchanges for one method and path answer
//! in recorded order, once each, and the last one keeps answering. The query string is not
//! matched, so exchanges that differ only in their query answer in turn.

use super::Rule;
use super::pinned::{OverrideRule, is_server_header};
use crate::recording::{Exchange, RecordingError, read_dir};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Why a folder of recordings cannot become overrides.
#[derive(Debug, thiserror::Error)]
pub enum RecordedError {
    #[error("cannot load overrides: {0}")]
    Read(#[from] RecordingError),
    #[error("cannot load overrides: {path} cannot be pinned: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// The pinned rules for the exchanges in `dir`, in the order of the files' names.
pub(crate) fn from_dir(dir: &Path) -> Result<Vec<Rule>, RecordedError> {
    let mut rules = read_dir(dir)?
        .into_iter()
        .map(|(path, exchange)| {
            pinned(&exchange)
                .into_rule()
                .map_err(|message| RecordedError::Invalid { path, message })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let last_for_target: HashMap<_, _> = rules
        .iter()
        .enumerate()
        .map(|(index, rule)| (rule.matcher.target(), index))
        .collect();
    for (index, rule) in rules.iter_mut().enumerate() {
        if last_for_target.get(&rule.matcher.target()) != Some(&index) {
            rule.matcher.times = Some(1);
        }
    }
    Ok(rules)
}

/// The exchange's answer, pinned to its method and path until removed.
fn pinned(exchange: &Exchange) -> OverrideRule {
    let headers = exchange
        .response
        .headers
        .iter()
        .filter(|(name, _)| !is_server_header(name))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    OverrideRule {
        method: Some(exchange.request.method.clone()),
        path: exchange.request.path.clone(),
        status: exchange.response.status,
        headers: Some(headers),
        body: exchange.response.payload.body.clone(),
        body_text: exchange.response.payload.body_text.clone(),
        ..OverrideRule::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::namespace::overrides::{Answer, Overrides};
    use std::collections::BTreeMap;

    fn exchange(method: &str, path: &str, status: u16) -> Exchange {
        let headers = BTreeMap::from([
            ("content-length".into(), "2".into()),
            ("Date".into(), "Wed, 25 Nov 2026 18:00:00 GMT".into()),
            ("ms-cv".into(), "recorded".into()),
        ]);
        let body = format!("{{\"status\":{status}}}");
        Exchange::answered(method, path, status, headers, body.as_bytes())
    }

    fn folder(exchanges: &[Exchange]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let folder = crate::recording::folder::Folder::open(dir.path()).unwrap();
        for exchange in exchanges {
            folder.append(exchange).unwrap();
        }
        dir
    }

    fn status(taken: Option<crate::namespace::overrides::Taken>) -> Option<u16> {
        match taken?.answer {
            Answer::Pinned(pinned) => Some(pinned.status.as_u16()),
            Answer::Fault(_) => None,
        }
    }

    #[test]
    fn exchanges_for_one_path_answer_in_order_and_the_last_one_stays() {
        let dir = folder(&[
            exchange("GET", "/v1/customers/a", 200),
            exchange("GET", "/v1/customers/b", 404),
            exchange("GET", "/v1/customers/a", 201),
            exchange("GET", "/v1/customers/a", 202),
        ]);
        let rules = Overrides::default();
        for rule in from_dir(dir.path()).unwrap() {
            rules.add(rule);
        }
        let a: Vec<_> = (0..4)
            .map(|_| status(rules.take("GET", "/v1/customers/a")))
            .collect();
        assert_eq!(a, [Some(200), Some(201), Some(202), Some(202)]);
        assert_eq!(status(rules.take("GET", "/v1/customers/b")), Some(404));
        assert_eq!(status(rules.take("GET", "/v1/customers/b")), Some(404));
        assert_eq!(status(rules.take("POST", "/v1/customers/a")), None);
    }

    #[test]
    fn server_headers_are_left_out_of_recorded_answers() {
        let dir = folder(&[exchange("GET", "/v1/customers", 200)]);
        let rules = from_dir(dir.path()).unwrap();
        let Answer::Pinned(pinned) = &rules[0].answer else {
            panic!("a pinned answer");
        };
        let names: Vec<_> = pinned.headers.keys().map(|name| name.as_str()).collect();
        assert_eq!(names, ["ms-cv"]);
    }

    #[test]
    fn an_exchange_that_cannot_be_pinned_is_named() {
        let dir = folder(&[
            exchange("GET", "/v1/customers", 200),
            exchange("GET", "/v1/x", 700),
        ]);
        let error = from_dir(dir.path()).unwrap_err().to_string();
        assert!(error.contains("000002-GET-x.json"), "{error}");
        assert!(error.contains("status"), "{error}");
    }
}
