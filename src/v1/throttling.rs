//! Partner Center's documented throttling at the gateway: when the namespace's `throttling`
//! setting is `documented`, each request to a throttled operation counts in its resource's
//! bucket (for its customer, where the resource is counted per customer), and a request over the
//! limit is answered 429 with `Retry-After`, before it reaches the service, so it changes nothing.
//!
//! The operations are found by method and route template: a newly served operation that Partner
//! Center throttles is one more line in [`THROTTLED`].

use crate::http::error::ApiError;
use crate::namespace::Namespace;
use crate::namespace::throttle::BucketKey;
use crate::namespace::throttle::limits::Resource;
use crate::settings::Throttling;
use axum::extract::{MatchedPath, Request};
use axum::response::{IntoResponse, Response};

/// The path parameter that names the customer a request is about.
const CUSTOMER_PARAMETER: &str = "{customer_id}";

/// The operations Partner Center's throttling guidance lists, among those the mock serves: the
/// method, the route template, and the resource whose limit applies.
const THROTTLED: &[(&str, &str, Resource)] = &[
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
];

/// Passes `request` on to `answer` unless the namespace throttles it.
pub(super) async fn admit<Answer>(
    namespace: &Namespace,
    request: Request,
    answer: impl FnOnce(Request) -> Answer,
) -> Response
where
    Answer: Future<Output = Response>,
{
    let settings = namespace.store().settings();
    if settings.throttling == Throttling::Off {
        return answer(request).await;
    }
    let Some(key) = bucket_of(&request) else {
        return answer(request).await;
    };
    match namespace
        .throttle()
        .admit(key, &settings, namespace.store().clock())
    {
        Ok(()) => answer(request).await,
        Err(refusal) => ApiError::Throttled {
            bucket: refusal.bucket.to_string(),
            retry_after: refusal.retry_after_seconds(),
        }
        .into_response(),
    }
}

/// The bucket a request counts in, when its operation is throttled.
fn bucket_of(request: &Request) -> Option<BucketKey> {
    let template = request.extensions().get::<MatchedPath>()?.as_str();
    let method = request.method().as_str();
    let &(_, _, resource) = THROTTLED
        .iter()
        .find(|(m, t, _)| *m == method && *t == template)?;
    let customer = path_parameter(template, request.uri().path(), CUSTOMER_PARAMETER);
    Some(BucketKey::new(resource, customer))
}

/// The segment of `path` that stands where `template` has `parameter`.
fn path_parameter<'a>(template: &str, path: &'a str, parameter: &str) -> Option<&'a str> {
    let position = template
        .split('/')
        .position(|segment| segment == parameter)?;
    path.split('/').nth(position)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_customer_is_read_where_the_template_names_it() {
        let template = "/v1/customers/{customer_id}/orders/{order_id}";
        let path = "/v1/customers/ABC/orders/xyz";
        assert_eq!(
            path_parameter(template, path, CUSTOMER_PARAMETER),
            Some("ABC")
        );
        assert_eq!(
            path_parameter("/v1/offers", "/v1/offers", CUSTOMER_PARAMETER),
            None
        );
    }

    #[test]
    fn every_throttled_operation_is_one_the_mock_serves() {
        let (_, operations) = super::super::routes::<crate::AppState>().into_parts();
        for (method, template, _) in THROTTLED {
            assert!(
                operations
                    .iter()
                    .any(|o| o.method.as_str() == *method && o.path == *template),
                "{method} {template} is not served"
            );
        }
    }
}
