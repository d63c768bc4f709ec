//! The ids that recorded `POST`s created, read from their answers: the resource an answer is
//! (its `id`), and the subscriptions an order's lines made (`lineItems[].subscriptionId`). An id
//! the `POST`'s own path names is a resource the request acted on, not one it created.

use crate::recording::Exchange;
use crate::wire::body::read_value;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashSet;

/// What an answer to a `POST` says it created.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct CreatedResource {
    id: Option<String>,
    line_items: Vec<CreatedLine>,
}

/// A line of a created order: the subscription it made.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct CreatedLine {
    subscription_id: Option<String>,
}

/// The ids (in lower case) that the successful recorded `POST`s created.
pub(super) fn created_ids(exchanges: &[Exchange]) -> HashSet<String> {
    exchanges
        .iter()
        .filter(|exchange| {
            exchange.request.method.eq_ignore_ascii_case("POST")
                && (200..300).contains(&exchange.response.status)
        })
        .flat_map(|exchange| {
            let named: HashSet<String> = exchange
                .request
                .path
                .split('/')
                .map(str::to_ascii_lowercase)
                .collect();
            let answer = exchange.response.payload.body.as_ref();
            created_by(answer)
                .into_iter()
                .map(|id| id.to_ascii_lowercase())
                .filter(move |id| !named.contains(id))
        })
        .collect()
}

/// The ids an answer says were created; none when the answer is no resource.
fn created_by(answer: Option<&Value>) -> Vec<String> {
    let Some(Ok(created)) = answer.map(|body| read_value::<CreatedResource>(body.clone())) else {
        return Vec::new();
    };
    created
        .id
        .into_iter()
        .chain(
            created
                .line_items
                .into_iter()
                .filter_map(|line| line.subscription_id),
        )
        .filter(|id| !id.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recording::{Payload, RecordedRequest, RecordedResponse};
    use serde_json::json;
    use std::collections::BTreeMap;

    fn post(path: &str, sent: Value, status: u16, answer: Value) -> Exchange {
        let payload = |body| Payload {
            body: Some(body),
            body_text: None,
        };
        Exchange {
            time: crate::wire::date::parse("2026-11-25T18:00:00Z").unwrap(),
            duration_ms: 1.0,
            request: RecordedRequest {
                method: "POST".to_owned(),
                path: path.to_owned(),
                query: None,
                headers: BTreeMap::new(),
                payload: payload(sent),
            },
            response: RecordedResponse {
                status,
                headers: BTreeMap::new(),
                payload: payload(answer),
            },
        }
    }

    #[test]
    fn an_order_creates_itself_and_the_subscriptions_of_its_lines_not_what_they_name() {
        let customer = "0a000000-0000-4000-8000-000000000001";
        let exchanges = [post(
            &format!("/v1/customers/{customer}/orders"),
            json!({"lineItems": [{"offerId": "OFFER"}]}),
            201,
            json!({"Id": "Order1", "ReferenceCustomerId": customer, "LineItems": [
                {"OfferId": "OFFER", "SubscriptionId": "SUB1", "ParentSubscriptionId": "BASE"}
            ]}),
        )];
        let created = created_ids(&exchanges);
        assert_eq!(
            created,
            HashSet::from(["order1".to_owned(), "sub1".to_owned()])
        );
    }

    #[test]
    fn an_id_the_path_names_was_acted_on_and_a_refused_post_created_nothing() {
        let exchanges = [
            post(
                "/v1/customers/C1/subscriptions/S1/upgrades",
                json!({}),
                200,
                json!({"id": "s1"}),
            ),
            post("/v1/customers", json!({}), 400, json!({"id": "c2"})),
            post("/v1/customers", json!({}), 201, json!([{"id": "c3"}])),
        ];
        assert!(created_ids(&exchanges).is_empty());
    }
}
