//! Reactivations and orders racing relationship removals on the same customers, over HTTP.
//! Whatever the interleaving, no customer may end released while it still has an active
//! subscription or an active reserved instance.

use crate::helpers::{E3, RESERVED_VM, TestApp, answer};
use partner_center_mock::domain::CustomerId;
use reqwest::{Client, Method};
use serde_json::{Value, json};
use std::time::Duration;

const CUSTOMERS: usize = 8;
const ROUNDS: usize = 5;

#[derive(Clone, Copy, Debug)]
enum Race {
    Reactivate,
    OrderLicenses,
    OrderReservation,
    Remove,
}

async fn send(
    client: &Client,
    base: &str,
    method: Method,
    path: String,
    body: Value,
) -> (u16, i64) {
    let response = client
        .request(method.clone(), format!("{base}{path}"))
        .bearer_auth("race")
        .json(&body)
        .send()
        .await
        .expect("the mock answers");
    let answer = answer(&method, response).await;
    (
        answer.status,
        answer.body["code"].as_i64().unwrap_or_default(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_reactivations_and_orders_never_leave_a_released_customer_with_active_purchases() {
    let app = TestApp::start().await;
    let mut customers = Vec::new();
    for n in 0..CUSTOMERS {
        let customer = app.new_customer(&format!("race{n}")).await;
        let subscription = app.subscribe(&customer, E3, 1).await;
        app.set_status(&customer, &subscription, "suspended")
            .await
            .assert_ok();
        customers.push((customer, subscription));
    }
    let client = Client::builder().no_proxy().build().unwrap();
    let base = app.mock.uri();
    let mut tasks = Vec::new();
    for round in 0..ROUNDS {
        for (customer, subscription) in &customers {
            for race in [
                Race::Remove,
                Race::Reactivate,
                Race::OrderLicenses,
                Race::Remove,
                Race::OrderReservation,
            ] {
                let (client, base) = (client.clone(), base.clone());
                let (customer, subscription) = (customer.clone(), subscription.clone());
                tasks.push(tokio::spawn(async move {
                    let (method, path, body) = match race {
                        Race::Reactivate => (
                            Method::PATCH,
                            format!("/v1/customers/{customer}/subscriptions/{subscription}"),
                            json!({"status": "active"}),
                        ),
                        Race::OrderLicenses | Race::OrderReservation => {
                            let offer = if matches!(race, Race::OrderLicenses) {
                                E3
                            } else {
                                RESERVED_VM
                            };
                            (
                                Method::POST,
                                format!("/v1/customers/{customer}/orders"),
                                json!({"lineItems": [{"offerId": offer, "quantity": 1}]}),
                            )
                        }
                        Race::Remove => (
                            Method::PATCH,
                            format!("/v1/customers/{customer}"),
                            json!({"relationshipToPartner": "none"}),
                        ),
                    };
                    let outcome = send(&client, &base, method, path, body).await;
                    (race, round, outcome)
                }));
            }
        }
    }
    let outcomes = tokio::time::timeout(Duration::from_secs(60), async {
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(task.await.expect("no task panics"));
        }
        outcomes
    })
    .await
    .expect("the race finishes: no deadlock");
    assert_eq!(outcomes.len(), ROUNDS * CUSTOMERS * 5);
    let mut removals = 0;
    for (race, round, (status, code)) in &outcomes {
        let allowed = match race {
            Race::Reactivate => matches!((status, code), (200, _) | (403, 20002)),
            Race::OrderLicenses | Race::OrderReservation => {
                matches!((status, code), (201, _) | (403, 20002))
            }
            Race::Remove => matches!((status, code), (200, _) | (400, 900400 | 900401 | 3000)),
        };
        assert!(
            allowed,
            "{race:?} in round {round} answered {status} {code}"
        );
        removals += usize::from(matches!(race, Race::Remove) && *status == 200);
    }
    assert!(
        removals <= CUSTOMERS,
        "a relationship is removed at most once"
    );

    for (customer, _) in &customers {
        let id = CustomerId::parse(customer).unwrap();
        let state = app.mock.store().customer(id).unwrap();
        if !state.is_related() {
            assert!(
                state.removal_check().blockers.is_empty(),
                "{customer} was released with {:?}",
                state.removal_check().blockers
            );
        }
    }
}

/// One request of the cross-namespace race.
async fn call(
    client: &Client,
    base: &str,
    partner: &str,
    method: Method,
    path: String,
    body: Option<Value>,
) -> u16 {
    let mut request = client
        .request(method.clone(), format!("{base}{path}"))
        .bearer_auth("race")
        .header("X-Mock-Partner", partner);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("the mock answers");
    answer(&method, response).await.status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn resets_snapshots_and_writes_race_across_namespaces_without_breaking_invariants() {
    let app = TestApp::start().await;
    let client = Client::builder().no_proxy().build().unwrap();
    let base = app.mock.uri();
    let partners = ["race-a", "race-b", "race-c"];
    let contoso = crate::helpers::CONTOSO;
    let adatum = crate::helpers::ADATUM;
    let suspended = "1c111111-1111-4111-8111-000000000001";
    let mut tasks = Vec::new();
    for round in 0..12 {
        for partner in partners {
            let (client, base) = (client.clone(), base.clone());
            tasks.push(tokio::spawn(async move {
                let snapshot = format!("s{}", round % 3);
                let steps: Vec<(Method, String, Option<Value>)> = vec![
                    (
                        Method::PATCH,
                        format!("/v1/customers/{adatum}"),
                        Some(json!({"relationshipToPartner": "none"})),
                    ),
                    (
                        Method::PATCH,
                        format!("/v1/customers/{adatum}/subscriptions/{suspended}"),
                        Some(json!({"status": "active"})),
                    ),
                    (
                        Method::POST,
                        format!("/v1/customers/{adatum}/orders"),
                        Some(json!({"lineItems": [{"offerId": RESERVED_VM, "quantity": 1}]})),
                    ),
                    (
                        Method::POST,
                        "/_mock/snapshots".to_owned(),
                        Some(json!({"name": snapshot})),
                    ),
                    (
                        Method::PATCH,
                        format!("/v1/customers/{contoso}"),
                        Some(json!({"relationshipToPartner": "none"})),
                    ),
                    (
                        Method::POST,
                        format!("/_mock/snapshots/{snapshot}/restore"),
                        None,
                    ),
                    (Method::POST, "/_mock/reset".to_owned(), None),
                ];
                let mut statuses = Vec::new();
                for (method, path, body) in steps {
                    statuses.push(call(&client, &base, partner, method, path, body).await);
                }
                statuses
            }));
        }
    }
    let statuses = tokio::time::timeout(Duration::from_secs(60), async {
        let mut all = Vec::new();
        for task in tasks {
            all.extend(task.await.expect("no task panics"));
        }
        all
    })
    .await
    .expect("the race finishes: no deadlock");
    assert!(statuses.iter().all(|s| *s < 500), "no 5xx: {statuses:?}");
    for partner in partners.iter().chain(["default"].iter()) {
        let store = app.mock.namespace(partner).store().clone();
        for customer in store.snapshot().customers() {
            if !customer.is_related() {
                assert!(
                    customer.removal_check().blockers.is_empty(),
                    "{partner}: {} released with blockers",
                    customer.id
                );
            }
        }
    }
    let default = app.get(&format!("/v1/customers/{contoso}")).await;
    default.assert_ok();
}
