//! The whole fidelity matrix: the operations the mock serves ([`OPERATIONS`]), each naming the
//! reference rows it answers, then every other route the reference's endpoint tables name (the
//! rows of the `documented` module), as not emulated, with what a request for it gets instead.
//! Also the counts the matrix quotes, and which not-emulated route an unmatched request is.

use super::coverage::{Fidelity, OPERATIONS, Operation};
use super::documented::DOCUMENTED;
use super::route::{is_placeholder, method_fits, path_fits, same_route, segments};
use serde::Serialize;
use std::sync::LazyLock;

/// One row of the matrix.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(rename = "CoverageEntry")]
pub(crate) struct Entry {
    pub method: &'static str,
    pub path: &'static str,
    pub fidelity: Fidelity,
    /// How the mock differs; for a route not emulated, what a request for it gets instead.
    pub deviations: String,
    /// The Partner Center docs pages, and the reference rows that name the route
    /// (`reference/<file> <row>`).
    pub sources: String,
}

/// How many routes the matrix lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "CoverageCounts")]
pub(crate) struct Counts {
    /// The distinct routes the reference's endpoint tables name, served or not.
    pub documented: usize,
    /// The operations the mock serves, in the reference's tables or not.
    pub served: usize,
    /// The documented routes the mock does not serve: the matrix's `not_emulated` entries.
    #[serde(skip)]
    pub not_emulated: usize,
}

/// The matrix as `GET /_mock/coverage` serves it.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(rename = "Coverage")]
pub(crate) struct Matrix {
    pub items: Vec<Entry>,
    pub counts: Counts,
}

static MATRIX: LazyLock<Matrix> = LazyLock::new(build);

/// The matrix, built once from [`OPERATIONS`] and the reference rows.
pub(crate) fn matrix() -> &'static Matrix {
    &MATRIX
}

/// The not-emulated route of the matrix that `method` and `path` (a request's) fit, written
/// `"<METHOD> <path>"` as the matrix writes it.
pub(crate) fn documented_route(method: &str, path: &str) -> Option<String> {
    MATRIX
        .items
        .iter()
        .filter(|entry| entry.fidelity == Fidelity::NotEmulated)
        .filter(|entry| method_fits(entry.method, method) && path_fits(entry.path, path))
        .min_by_key(|entry| placeholders(entry.path))
        .map(|entry| format!("{} {}", entry.method, entry.path))
}

fn build() -> Matrix {
    let mut items: Vec<Entry> = OPERATIONS.iter().map(served).collect();
    let routes = distinct_documented_routes();
    let documented = routes.len();
    for (method, path) in routes {
        if OPERATIONS
            .iter()
            .any(|operation| operation.method == method && same_route(operation.path, path))
        {
            continue;
        }
        items.push(Entry {
            method,
            path,
            fidelity: Fidelity::NotEmulated,
            deviations: instead(method, path),
            sources: rows_naming(method, path).join("; "),
        });
    }
    let counts = Counts {
        documented,
        served: OPERATIONS.len(),
        not_emulated: items.len() - OPERATIONS.len(),
    };
    Matrix { items, counts }
}

fn served(operation: &Operation) -> Entry {
    let rows = rows_naming(operation.method, operation.path);
    let sources = if rows.is_empty() {
        operation.sources.to_owned()
    } else {
        format!("{}; {}", operation.sources, rows.join("; "))
    };
    Entry {
        method: operation.method,
        path: operation.path,
        fidelity: operation.fidelity,
        deviations: operation.deviations.to_owned(),
        sources,
    }
}

/// Each documented route once, in the order the reference names them first.
fn distinct_documented_routes() -> Vec<(&'static str, &'static str)> {
    let mut routes: Vec<(&'static str, &'static str)> = Vec::new();
    for &(method, path) in DOCUMENTED.iter().flat_map(|row| row.routes) {
        if !routes
            .iter()
            .any(|&(m, p)| m == method && same_route(p, path))
        {
            routes.push((method, path));
        }
    }
    routes
}

/// The reference rows that name `method` and `path`, each once.
fn rows_naming(method: &str, path: &str) -> Vec<&'static str> {
    let mut rows: Vec<&'static str> = Vec::new();
    for row in DOCUMENTED {
        let names = row
            .routes
            .iter()
            .any(|&(m, p)| m == method && same_route(p, path));
        if names && !rows.contains(&row.source) {
            rows.push(row.source);
        }
    }
    rows
}

/// What a request for a route the mock does not emulate gets, as the router decides it.
fn instead(method: &str, path: &str) -> String {
    let Some(chosen) = chosen_path(path) else {
        return "Not emulated; the request gets the gateway's 404.".to_owned();
    };
    match OPERATIONS
        .iter()
        .find(|operation| operation.path == chosen && method_fits(operation.method, method))
    {
        Some(operation) => format!(
            "Not emulated; the path is captured by {} {}, which answers it.",
            operation.method, operation.path
        ),
        None => "Not emulated; the path is served for other methods, so the request gets 405, code 2000."
            .to_owned(),
    }
}

/// The served path the router picks for a request on `path` (a template whose placeholders
/// stand for any value): of the served paths that take it, the one with fixed words earliest.
fn chosen_path(path: &str) -> Option<&'static str> {
    let wanted: Vec<&str> = segments(path).collect();
    OPERATIONS
        .iter()
        .map(|operation| operation.path)
        .filter(|served| takes(served, &wanted))
        .min_by_key(|served| segments(served).map(is_placeholder).collect::<Vec<bool>>())
}

/// Whether the served template `served` takes every request `wanted` stands for: each of its
/// segments is a placeholder or the same fixed word.
fn takes(served: &str, wanted: &[&str]) -> bool {
    let served: Vec<&str> = segments(served).collect();
    served.len() == wanted.len()
        && served.iter().zip(wanted).all(|(served, wanted)| {
            is_placeholder(served)
                || (!is_placeholder(wanted) && served.eq_ignore_ascii_case(wanted))
        })
}

fn placeholders(path: &str) -> usize {
    segments(path)
        .filter(|segment| is_placeholder(segment))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(method: &str, path: &str) -> &'static Entry {
        matrix()
            .items
            .iter()
            .find(|entry| entry.method == method && entry.path == path)
            .unwrap_or_else(|| panic!("{method} {path} is not in the matrix"))
    }

    #[test]
    fn a_documented_route_the_mock_lacks_is_listed_with_its_row() {
        let support = entry(
            "GET",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/supportcontact",
        );
        assert_eq!(support.fidelity, Fidelity::NotEmulated);
        assert_eq!(support.sources, "reference/api-subscriptions.md S16");
        assert!(support.deviations.contains("404"));
    }

    #[test]
    fn a_route_a_placeholder_captures_says_what_captures_it() {
        let usage = entry("GET", "/v1/customers/usagerecords");
        assert_eq!(usage.fidelity, Fidelity::NotEmulated);
        assert!(
            usage.deviations.contains("GET /v1/customers/{id}"),
            "{}",
            usage.deviations
        );
        let overage = entry("PUT", "/v1/customers/{id}/subscriptions/overage");
        assert!(overage.deviations.contains("405"), "{}", overage.deviations);
    }

    #[test]
    fn served_routes_name_their_rows_and_keep_their_sources() {
        let upgrades = entry(
            "GET",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/upgrades",
        );
        assert!(upgrades.sources.starts_with("transition-a-subscription"));
        assert!(
            upgrades
                .sources
                .ends_with("reference/api-subscriptions.md S10")
        );
        let carts = entry("POST", "/v1/customers/{id}/carts");
        assert!(
            carts
                .sources
                .contains("reference/api-subscriptions.md §5.1")
        );
        assert!(carts.sources.contains("reference/api-new-commerce.md K1"));
    }

    #[test]
    fn the_counts_add_up() {
        let counts = matrix().counts;
        let served_documented = OPERATIONS
            .iter()
            .filter(|operation| !rows_naming(operation.method, operation.path).is_empty())
            .count();
        assert_eq!(counts.served, OPERATIONS.len());
        assert_eq!(counts.documented, served_documented + counts.not_emulated);
    }

    #[test]
    fn an_unmatched_request_names_the_documented_route_it_fits() {
        assert_eq!(
            documented_route("GET", "/v1/customers/abc/subscriptions/def/SupportContact")
                .as_deref(),
            Some("GET /v1/customers/{id}/subscriptions/{subscriptionId}/supportcontact")
        );
        assert_eq!(documented_route("GET", "/v1/nothing"), None);
        assert_eq!(documented_route("DELETE", "/v1/relationships"), None);
    }
}
