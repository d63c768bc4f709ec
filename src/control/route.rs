//! Route templates as the fidelity matrix writes them (`/v1/customers/{id}/orders`): their
//! segments, and whether a request's path or another template fits one. Fixed words compare
//! case-insensitively, as Partner Center matches them.

/// The non-empty segments of a path or template.
pub(crate) fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|segment| !segment.is_empty())
}

/// Whether a template's segment is a placeholder such as `{id}`.
pub(crate) fn is_placeholder(segment: &str) -> bool {
    segment.starts_with('{')
}

/// Whether a request's `segment` fits a template's: a placeholder takes any segment.
pub(crate) fn fits(template: &str, segment: &str) -> bool {
    is_placeholder(template) || template.eq_ignore_ascii_case(segment)
}

/// Whether every segment of `path` fits the one of `template` in its place.
pub(crate) fn path_fits(template: &str, path: &str) -> bool {
    let template: Vec<&str> = segments(template).collect();
    let path: Vec<&str> = segments(path).collect();
    template.len() == path.len()
        && template
            .iter()
            .zip(&path)
            .all(|(template, segment)| fits(template, segment))
}

/// Whether two templates name the same route: placeholders in the same places (whatever their
/// names) and the same fixed words.
pub(crate) fn same_route(a: &str, b: &str) -> bool {
    let a: Vec<&str> = segments(a).collect();
    let b: Vec<&str> = segments(b).collect();
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(a, b)| match (is_placeholder(a), is_placeholder(b)) {
                (true, true) => true,
                (false, false) => a.eq_ignore_ascii_case(b),
                _ => false,
            })
}

/// Whether a method sent by a client is served by a route of `method`: `HEAD` is served by
/// `GET` routes, as the router does.
pub(crate) fn method_fits(route: &str, sent: &str) -> bool {
    route.eq_ignore_ascii_case(sent) || (route == "GET" && sent.eq_ignore_ascii_case("HEAD"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_take_any_segment_and_fixed_words_ignore_case() {
        assert!(path_fits(
            "/v1/customers/{id}/orders",
            "/v1/Customers/abc/ORDERS/"
        ));
        assert!(!path_fits("/v1/customers/{id}/orders", "/v1/customers/abc"));
        assert!(same_route(
            "/v1/customers/{c}/orders/{o}",
            "/v1/customers/{id}/Orders/{orderId}"
        ));
        assert!(!same_route(
            "/v1/customers/{id}",
            "/v1/customers/usagerecords"
        ));
        assert!(method_fits("GET", "head"));
        assert!(!method_fits("HEAD", "GET"));
    }
}
