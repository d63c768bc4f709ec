//! The served routes of the fidelity matrix closest to a request that no route served, so that a
//! client that gets a 404 or a 405 learns whether it misspelled a route or used the wrong method.
//!
//! A route is close when, with its placeholders matching any segment, it differs from the
//! request by one of these, ranked in this order: the method, on the same path; a singular or
//! plural slip in one segment; one segment changed, added or missing, with the same method.
//! Within a rank, fewer character edits in the differing segment come first, then the order of
//! the matrix.

use super::coverage::{OPERATIONS, Operation};
use super::route::{fits, is_placeholder, segments};

/// The most routes an answer names.
pub(crate) const MOST: usize = 3;

/// How a route differs from the request, closest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Method,
    Plural,
    Segment,
}

/// At most [`MOST`] routes close to `method` and `path`, written `"<METHOD> <path>"` as the
/// matrix writes them, closest first; none when nothing is close.
pub(crate) fn nearest(method: &str, path: &str) -> Vec<String> {
    let request: Vec<&str> = segments(path).collect();
    let method = if method.eq_ignore_ascii_case("HEAD") {
        "GET"
    } else {
        method
    };
    let mut close: Vec<(Rank, usize, usize, &Operation)> = OPERATIONS
        .iter()
        .enumerate()
        .filter_map(|(order, operation)| {
            let (rank, edits) = closeness(method, &request, operation)?;
            Some((rank, edits, order, operation))
        })
        .collect();
    // The router prefers a fixed segment to a placeholder, so the path serves the methods of the
    // routes that fill the fewest placeholders.
    let served = close
        .iter()
        .filter(|(rank, ..)| *rank == Rank::Method)
        .map(|&(_, filled, ..)| filled)
        .min();
    close.retain(|&(rank, filled, ..)| rank != Rank::Method || Some(filled) == served);
    close.sort_by_key(|&(rank, edits, order, _)| (rank, edits, order));
    close
        .into_iter()
        .take(MOST)
        .map(|(_, _, _, operation)| format!("{} {}", operation.method, operation.path))
        .collect()
}

/// How `operation` differs from the request and by how many character edits (for a method, how
/// many placeholders its path fills), when it is close.
fn closeness(method: &str, request: &[&str], operation: &Operation) -> Option<(Rank, usize)> {
    let route: Vec<&str> = segments(operation.path).collect();
    let same_method = operation.method.eq_ignore_ascii_case(method);
    if route.len() == request.len() {
        let differing: Vec<usize> = (0..route.len())
            .filter(|&at| !fits(route[at], request[at]))
            .collect();
        return match differing.as_slice() {
            [] => {
                let filled = (0..route.len())
                    .filter(|&at| is_placeholder(route[at]))
                    .count();
                (!same_method).then_some((Rank::Method, filled))
            }
            [at] if same_method => {
                let (wanted, sent) = (route[*at], request[*at]);
                let rank = if is_plural_slip(wanted, sent) {
                    Rank::Plural
                } else {
                    Rank::Segment
                };
                Some((rank, edits(wanted, sent)))
            }
            _ => None,
        };
    }
    if !same_method {
        return None;
    }
    let (longer, shorter, extra_is_sent) = if request.len() == route.len() + 1 {
        (request, route.as_slice(), true)
    } else if route.len() == request.len() + 1 {
        (route.as_slice(), request, false)
    } else {
        return None;
    };
    (0..longer.len())
        .filter(|&skipped| {
            let rest = longer
                .iter()
                .enumerate()
                .filter(|&(at, _)| at != skipped)
                .map(|(_, segment)| *segment);
            rest.zip(shorter.iter()).all(|(a, b)| {
                if extra_is_sent {
                    fits(b, a)
                } else {
                    fits(a, b)
                }
            })
        })
        .map(|skipped| longer[skipped].chars().count())
        .min()
        .map(|edits| (Rank::Segment, edits))
}

/// Whether one word is the other with a plural ending (`s`, `es`, or `y` for `ies`).
fn is_plural_slip(wanted: &str, sent: &str) -> bool {
    let (wanted, sent) = (wanted.to_ascii_lowercase(), sent.to_ascii_lowercase());
    let plural_of = |one: &str, many: &str| {
        many.strip_suffix('s') == Some(one)
            || many.strip_suffix("es") == Some(one)
            || many
                .strip_suffix("ies")
                .zip(one.strip_suffix('y'))
                .is_some_and(|(a, b)| a == b)
    };
    plural_of(&wanted, &sent) || plural_of(&sent, &wanted)
}

/// The Levenshtein distance of two segments, ignoring case.
fn edits(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "22222222-2222-4222-8222-222222222222";

    #[test]
    fn a_plural_slip_comes_before_a_changed_segment() {
        let found = nearest("GET", &format!("/v1/customers/{ID}/subscription"));
        assert_eq!(found[0], "GET /v1/customers/{id}/subscriptions");
        assert!(found.len() <= MOST);
    }

    #[test]
    fn a_wrong_method_names_the_methods_the_path_serves() {
        let found = nearest("DELETE", &format!("/v1/customers/{ID}/profiles/billing"));
        assert_eq!(
            found[..2],
            [
                "GET /v1/customers/{id}/profiles/billing",
                "PUT /v1/customers/{id}/profiles/billing"
            ]
        );
    }

    #[test]
    fn a_wrong_method_on_a_fixed_path_names_its_methods_not_a_placeholders() {
        let found = nearest("POST", "/v1/customers/relationshiprequests");
        assert_eq!(found[0], "GET /v1/customers/relationshiprequests");
        assert!(found[1..].iter().all(|route| !route.starts_with("GET ")));
    }

    #[test]
    fn a_missing_or_added_segment_is_close() {
        let missing = nearest("GET", "/v1/customers/profiles/company");
        assert_eq!(missing[0], "GET /v1/customers/{id}/profiles/company");
        let added = nearest("GET", &format!("/v1/customers/{ID}/profiles/company/extra"));
        assert_eq!(added[0], "GET /v1/customers/{id}/profiles/company");
    }

    #[test]
    fn a_path_with_nothing_close_has_no_nearest_route() {
        assert!(nearest("GET", "/v1/nothing/close/to/this/at/all/here").is_empty());
    }

    #[test]
    fn edits_and_plurals_ignore_case() {
        assert_eq!(edits("Orders", "ordrs"), 1);
        assert!(is_plural_slip("entitlements", "Entitlement"));
        assert!(is_plural_slip("categories", "category"));
        assert!(!is_plural_slip("orders", "offers"));
    }
}
