//! Reactivations and orders racing relationship removals on the same customers, over HTTP.
//! Whatever the interleaving, no customer may end released while it still has an active
//! subscription or an active reserved instance or software purchase. The tests check that from
//! what each customer holds, not by asking the mock's own removal check. A released customer's
//! lists answer 403 on `/v1`, as in Partner Center, so its holdings are read from the namespace's
//! state as `GET /_mock/state` exports it, and `/v1` is asked whether it is released.

use crate::helpers::{
    ADATUM, CONTOSO, E3, FABRIKAM, FABRIKAM_RI_ORDER, RESERVED_VM, TAILSPIN,
    TAILSPIN_SOFTWARE_ORDER, TestApp, TestClient, join_all,
};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;

const CUSTOMERS: usize = 8;
const ROUNDS: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Race {
    Reactivate,
    OrderLicenses,
    OrderReservation,
    Remove,
}

/// What one racing request answered.
struct Outcome {
    customer: String,
    race: Race,
    round: usize,
    status: u16,
    code: i64,
}

/// What a customer holds, read from the namespace's exported state.
struct Holdings {
    customer: String,
    released: bool,
    active_subscriptions: Vec<String>,
    /// Orders of reserved instances and software that are not cancelled.
    active_purchases: Vec<String>,
    orders: usize,
}

impl Holdings {
    /// Every customer of the client's namespace.
    async fn all(client: &TestClient) -> Vec<Self> {
        let state = client.state().await;
        let customers = state["customers"].as_array().expect("customers");
        customers.iter().map(Self::of).collect()
    }

    /// The one customer `id` of the client's namespace.
    async fn one(client: &TestClient, id: &str) -> Self {
        Self::all(client)
            .await
            .into_iter()
            .find(|holdings| holdings.customer == id)
            .unwrap_or_else(|| panic!("{id} is in the state"))
    }

    fn of(customer: &Value) -> Self {
        let list = |name: &str| customer[name].as_array().cloned().unwrap_or_default();
        let orders = list("orders");
        let cancelled: Vec<&Value> = orders
            .iter()
            .filter(|order| order["status"] == "cancelled")
            .map(|order| &order["id"])
            .collect();
        let purchase_types = [
            "reservedinstance",
            "virtualmachinereservedinstance",
            "software",
        ];
        Self {
            customer: customer["id"].as_str().expect("a customer id").to_owned(),
            released: customer["relationshipToPartner"] == "none",
            active_subscriptions: list("subscriptions")
                .iter()
                .filter(|subscription| subscription["status"] == "active")
                .map(|subscription| subscription["id"].to_string())
                .collect(),
            active_purchases: list("entitlements")
                .iter()
                .filter(|entitlement| {
                    let kind = entitlement["entitlementType"].as_str().unwrap_or_default();
                    purchase_types.iter().any(|t| kind.eq_ignore_ascii_case(t))
                })
                .map(|entitlement| &entitlement["referenceOrder"]["id"])
                .filter(|order| !cancelled.contains(order))
                .map(Value::to_string)
                .collect(),
            orders: orders.len(),
        }
    }

    /// What the customer holds that must have blocked its release, if it was released.
    fn released_with(&self) -> Option<String> {
        let holds = !(self.active_subscriptions.is_empty() && self.active_purchases.is_empty());
        (self.released && holds).then(|| {
            format!(
                "{} was released with active subscriptions {:?} and purchases {:?}",
                self.customer, self.active_subscriptions, self.active_purchases
            )
        })
    }

    /// A released customer holds nothing that must have blocked its release.
    fn assert_consistent(&self, context: &str) {
        if let Some(broken) = self.released_with() {
            panic!("{context}: {broken}");
        }
    }
}

/// Checks every released customer of the client's namespace; answers how many were released.
async fn assert_no_released_customer_holds_anything(client: &TestClient, context: &str) -> usize {
    let all = Holdings::all(client).await;
    for holdings in &all {
        holdings.assert_consistent(context);
    }
    all.iter().filter(|holdings| holdings.released).count()
}

/// The items of a list answer.
async fn items(client: &TestClient, path: &str) -> Vec<Value> {
    let list = client.get(path).await;
    list.assert_ok();
    list.body["items"].as_array().expect("items").clone()
}

/// The request `race` sends for `customer`.
fn request(race: Race, customer: &str, subscription: &str) -> (Method, String, Value) {
    match race {
        Race::Reactivate => (
            Method::PATCH,
            format!("/v1/customers/{customer}/subscriptions/{subscription}"),
            json!({"status": "active"}),
        ),
        Race::OrderLicenses | Race::OrderReservation => {
            let offer = if race == Race::OrderLicenses {
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
    }
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
                let client = TestClient::clone(&app);
                let (customer, subscription) = (customer.clone(), subscription.clone());
                tasks.push(tokio::spawn(async move {
                    let (method, path, body) = request(race, &customer, &subscription);
                    let answer = client
                        .call(method, &path, Some(body.to_string()), &[])
                        .await;
                    Outcome {
                        customer,
                        race,
                        round,
                        status: answer.status,
                        code: answer.body["code"].as_i64().unwrap_or_default(),
                    }
                }));
            }
        }
    }
    let outcomes = tokio::time::timeout(Duration::from_secs(60), join_all(tasks))
        .await
        .expect("the race finishes: no deadlock");
    assert_eq!(outcomes.len(), ROUNDS * CUSTOMERS * 5);
    for Outcome {
        customer,
        race,
        round,
        status,
        code,
    } in &outcomes
    {
        let allowed = match race {
            Race::Reactivate => matches!((status, code), (200, _) | (403, 20002)),
            Race::OrderLicenses | Race::OrderReservation => {
                matches!((status, code), (201, _) | (403, 20002))
            }
            Race::Remove => matches!((status, code), (200, _) | (400, 900400 | 900401 | 3000)),
        };
        assert!(
            allowed,
            "{race:?} for {customer} in round {round} answered {status} {code}"
        );
    }

    for (customer, _) in &customers {
        let succeeded = |races: &[Race], status: u16| {
            outcomes
                .iter()
                .filter(|o| {
                    &o.customer == customer && races.contains(&o.race) && o.status == status
                })
                .count()
        };
        let removals = succeeded(&[Race::Remove], 200);
        let orders = succeeded(&[Race::OrderLicenses, Race::OrderReservation], 201);
        assert!(
            removals <= 1,
            "{customer}: the relationship was removed {removals} times"
        );
        let holdings = Holdings::one(&app, customer).await;
        assert_eq!(
            holdings.released,
            removals == 1,
            "{customer} is released exactly when a removal succeeded"
        );
        let read = app
            .get(&format!("/v1/customers/{customer}/subscriptions"))
            .await;
        if holdings.released {
            read.assert_fault(403, 20002);
        } else {
            read.assert_ok();
        }
        assert_eq!(
            holdings.orders,
            1 + orders,
            "{customer}: the first order and every accepted one are listed"
        );
        holdings.assert_consistent("after the race");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn resets_snapshots_and_writes_race_across_namespaces_without_breaking_invariants() {
    let app = TestApp::start().await;
    let partners = ["race-a", "race-b", "race-c"];
    let suspended = "1c111111-1111-4111-8111-000000000001";
    let mut tasks = Vec::new();
    for round in 0..12 {
        for partner in partners {
            let client = app.in_namespace(partner);
            tasks.push(tokio::spawn(async move {
                let snapshot = format!("s{}", round % 3);
                let steps: Vec<(Method, String, Option<Value>)> = vec![
                    (
                        Method::PATCH,
                        format!("/v1/customers/{ADATUM}"),
                        Some(json!({"relationshipToPartner": "none"})),
                    ),
                    (
                        Method::PATCH,
                        format!("/v1/customers/{ADATUM}/subscriptions/{suspended}"),
                        Some(json!({"status": "active"})),
                    ),
                    (
                        Method::POST,
                        format!("/v1/customers/{ADATUM}/orders"),
                        Some(json!({"lineItems": [{"offerId": RESERVED_VM, "quantity": 1}]})),
                    ),
                    (
                        Method::POST,
                        "/_mock/snapshots".to_owned(),
                        Some(json!({"name": snapshot})),
                    ),
                    (
                        Method::PATCH,
                        format!("/v1/customers/{CONTOSO}"),
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
                    let body = body.as_ref().map(Value::to_string);
                    statuses.push(client.call(method, &path, body, &[]).await.status);
                }
                statuses
            }));
        }
    }
    let statuses: Vec<_> = tokio::time::timeout(Duration::from_secs(60), join_all(tasks))
        .await
        .expect("the race finishes: no deadlock")
        .into_iter()
        .flatten()
        .collect();
    assert!(statuses.iter().all(|s| *s < 500), "no 5xx: {statuses:?}");

    let mut released = 0;
    for partner in partners.iter().chain(["default"].iter()) {
        let client = app.in_namespace(partner);
        released += assert_no_released_customer_holds_anything(&client, "after the race").await;
        // Each snapshot the race saved holds a state from the middle of it.
        for snapshot in items(&client, "/_mock/snapshots").await {
            let name = snapshot["name"].as_str().expect("a snapshot name");
            let restore = format!("/_mock/snapshots/{name}/restore");
            client.post_empty(&restore).await.assert_ok();
            let context = format!("{partner}, snapshot {name}");
            released += assert_no_released_customer_holds_anything(&client, &context).await;
        }
    }
    println!("released customers checked: {released}");
    app.get(&format!("/v1/customers/{CONTOSO}"))
        .await
        .assert_ok();
}

/// The reader the races are checked with sees what blocks a removal: it would catch a release
/// that should have been refused.
#[tokio::test]
async fn the_holdings_read_from_the_state_show_the_seeded_blockers() {
    let app = TestApp::start().await;
    let contoso = Holdings::one(&app, CONTOSO).await;
    assert!(!contoso.released);
    assert_eq!(contoso.active_subscriptions.len(), 2);
    let fabrikam = Holdings::one(&app, FABRIKAM).await;
    assert_eq!(
        fabrikam.active_purchases,
        [json!(FABRIKAM_RI_ORDER).to_string()]
    );
    let tailspin = Holdings::one(&app, TAILSPIN).await;
    assert_eq!(
        tailspin.active_purchases,
        [json!(TAILSPIN_SOFTWARE_ORDER).to_string()]
    );

    app.remove_relationship(ADATUM).await.assert_ok();
    let mut adatum = Holdings::one(&app, ADATUM).await;
    assert!(adatum.released);
    assert_eq!(adatum.released_with(), None);
    adatum.active_purchases.push(FABRIKAM_RI_ORDER.to_owned());
    assert!(
        adatum.released_with().is_some(),
        "a release with a purchase is caught"
    );
}
