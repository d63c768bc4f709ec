//! The operations Partner Center throttles, among those the mock serves, and the one a request
//! is: found by method and route template, so that a newly served operation Partner Center
//! throttles is one more line in [`THROTTLED`].
//!
//! Templates are matched segment by segment on the canonical path (see [`crate::wire::path`]):
//! fixed words exactly, parameters by any segment. The customer segment must be a GUID, which no
//! fixed word is, so a literal route beside a template (`/v1/customers/relationshiprequests`) is
//! never taken for it.

use crate::domain::CustomerId;
use crate::namespace::throttle::BucketKey;
use crate::namespace::throttle::limits::Resource;
use std::sync::LazyLock;

/// The operations Partner Center's throttling guidance lists, among those the mock serves: the
/// method, the route template, and the resource whose limit applies.
pub(super) const THROTTLED: &[(&str, &str, Resource)] = &[
    ("GET", "/v1/customers/{customer_id}", Resource::Customers),
    (
        "POST",
        "/v1/customers/{customer_id}/orders",
        Resource::Orders,
    ),
    (
        "GET",
        "/v1/customers/{customer_id}/orders",
        Resource::Orders,
    ),
    (
        "GET",
        "/v1/customers/{customer_id}/orders/{order_id}",
        Resource::Orders,
    ),
    (
        "PATCH",
        "/v1/customers/{customer_id}/orders/{order_id}",
        Resource::Orders,
    ),
    (
        "GET",
        "/v1/customers/{customer_id}/orders/{order_id}/provisioningstatus",
        Resource::Orders,
    ),
    (
        "GET",
        "/v1/customers/{customer_id}/subscriptions",
        Resource::Subscriptions,
    ),
    (
        "GET",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}",
        Resource::Subscriptions,
    ),
    (
        "PATCH",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}",
        Resource::Subscriptions,
    ),
    (
        "GET",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/addons",
        Resource::Subscriptions,
    ),
    (
        "GET",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/upgrades",
        Resource::Subscriptions,
    ),
    (
        "POST",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/upgrades",
        Resource::Subscriptions,
    ),
    (
        "POST",
        "/v1/customers/{customer_id}/migrations/newcommerce",
        Resource::Migrations,
    ),
    (
        "POST",
        "/v1/customers/{customer_id}/migrations/newcommerce/validate",
        Resource::MigrationValidations,
    ),
];

/// The path parameter that names the customer a request is about.
const CUSTOMER_PARAMETER: &str = "{customer_id}";
/// More segments than any `/v1` path has; a longer path is no throttled operation.
const MAX_SEGMENTS: usize = 16;

/// One segment of a route template.
#[derive(Debug, PartialEq, Eq)]
enum Segment {
    Fixed(&'static str),
    Parameter,
}

/// A throttled operation, its template cut into segments once.
#[derive(Debug)]
struct Template {
    method: &'static str,
    segments: Vec<Segment>,
    resource: Resource,
    /// Which segment names the customer.
    customer: Option<usize>,
}

impl Template {
    fn new(method: &'static str, template: &'static str, resource: Resource) -> Self {
        let segments: Vec<Segment> = template
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    Segment::Parameter
                } else {
                    Segment::Fixed(segment)
                }
            })
            .collect();
        let customer = template.split('/').position(|s| s == CUSTOMER_PARAMETER);
        Self {
            method,
            segments,
            resource,
            customer,
        }
    }

    fn matches(&self, method: &str, path: &[&str]) -> bool {
        self.method == method
            && self.segments.len() == path.len()
            && self
                .segments
                .iter()
                .zip(path)
                .all(|(segment, part)| match segment {
                    Segment::Fixed(word) => word == part,
                    Segment::Parameter => !part.is_empty(),
                })
    }
}

static TEMPLATES: LazyLock<Vec<Template>> = LazyLock::new(|| {
    THROTTLED
        .iter()
        .map(|&(method, template, resource)| Template::new(method, template, resource))
        .collect()
});

/// The bucket a `method` request to the canonical `path` counts in, when its operation is
/// throttled. A customer id that is not a GUID names no tenant, so such a request (refused as a
/// bad request anyway) is not counted.
pub(super) fn bucket_of(method: &str, path: &str) -> Option<BucketKey> {
    let mut parts = [""; MAX_SEGMENTS];
    let count = split(path, &mut parts)?;
    let path = &parts[..count];
    let template = TEMPLATES.iter().find(|t| t.matches(method, path))?;
    let customer = template
        .customer
        .and_then(|index| CustomerId::parse(path[index]));
    BucketKey::new(template.resource, customer)
}

/// Cuts `path` at each `/` into `parts`; the number of segments, or `None` when there are more
/// than `parts` holds. A plain scan of the bytes: paths are short, and a string searcher costs
/// more to set up than this.
fn split<'a>(path: &'a str, parts: &mut [&'a str]) -> Option<usize> {
    let mut count = 0;
    let mut start = 0;
    let ends = path
        .bytes()
        .enumerate()
        .filter_map(|(at, byte)| (byte == b'/').then_some(at))
        .chain(std::iter::once(path.len()));
    for end in ends {
        *parts.get_mut(count)? = path.get(start..end)?;
        count += 1;
        start = end + 1;
    }
    Some(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AppState;

    const GUID: &str = "22222222-2222-4222-8222-222222222222";

    /// A path of `template` with every parameter filled with [`GUID`].
    fn sample(template: &str) -> String {
        template
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    GUID
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    #[test]
    fn every_served_operation_is_counted_exactly_when_listed() {
        let (_, operations) = crate::v1::routes::<AppState>().into_parts();
        let customer = CustomerId::parse(GUID);
        for operation in &operations {
            let method = operation.method.as_str();
            let listed = THROTTLED
                .iter()
                .find(|(m, t, _)| *m == method && *t == operation.path);
            let expected = listed.and_then(|(_, _, resource)| BucketKey::new(*resource, customer));
            let path = sample(operation.path);
            assert_eq!(bucket_of(method, &path), expected, "{method} {path}");
        }
    }

    #[test]
    fn every_listed_operation_is_served() {
        let (_, operations) = crate::v1::routes::<AppState>().into_parts();
        for (method, template, _) in THROTTLED {
            assert!(
                operations
                    .iter()
                    .any(|o| o.method.as_str() == *method && o.path == *template),
                "{method} {template} is not served"
            );
        }
    }

    #[test]
    fn a_customer_that_is_no_guid_is_not_counted() {
        assert_eq!(bucket_of("GET", "/v1/customers/relationshiprequests"), None);
        assert_eq!(
            bucket_of("GET", "/v1/customers/not-a-guid/subscriptions"),
            None
        );
        assert!(bucket_of("GET", &format!("/v1/customers/{GUID}/subscriptions")).is_some());
    }

    #[test]
    fn paths_are_cut_at_every_slash() {
        let mut parts = [""; 4];
        assert_eq!(split("/v1/customers/x", &mut parts), Some(4));
        assert_eq!(parts, ["", "v1", "customers", "x"]);
        assert_eq!(split("/a/b/c/d", &mut parts), None);
    }
}
