//! The mark an answer carries when no route served its request: the router's 404 and a wrong
//! method's 405. The application fills in the nearest routes; the journal reads them.

/// The header of a 404 or 405 answer naming the route closest to the request, or `none`.
pub(crate) const UNMATCHED_HEADER: &str = "x-mock-unmatched";

/// A response extension: no route served the request, the routes closest to it, and the
/// documented route it is, when the mock does not emulate that route.
#[derive(Debug, Clone, Default)]
pub(crate) struct Unmatched {
    pub nearest: Vec<String>,
    pub documented: Option<String>,
}
