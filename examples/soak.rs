//! Soak: mixed load with resets and snapshots against one mock for a bounded time, checking that
//! memory stays flat and no invariant breaks.
//!
//! ```sh
//! cargo run --release --example soak -- 10     # minutes (default 10)
//! ```
//!
//! Sixteen workers, each in its own namespace, loop through the clean-up story (buy, suspend,
//! refuse, cancel, release, take back) with snapshots, restores and resets in between. Every
//! minute it prints the requests served and the resident memory; at the end it checks that no
//! released customer has an active subscription or reserved instance, and that no answer was 5xx.

use partner_center_mock::MockPartnerCenter;
use reqwest::{Client, Method};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

const WORKERS: usize = 16;
const E3: &str = "91fd106f-4b2c-4938-95ac-f54f74e9a239";
const RESERVED: &str = "DZH318Z0BQ3W:007J:DZH318Z0BJ4H";

fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

struct Worker {
    client: Client,
    base: String,
    partner: String,
    served: Arc<AtomicU64>,
    failures: Arc<AtomicU64>,
}

impl Worker {
    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth("soak")
            .header("X-Mock-Partner", &self.partner);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer = request.send().await.expect("the mock answers");
        self.served.fetch_add(1, Ordering::Relaxed);
        if answer.status().is_server_error() {
            self.failures.fetch_add(1, Ordering::Relaxed);
        }
        answer.json().await.unwrap_or(Value::Null)
    }

    /// Orders `quantity` of `offer` at `orders`; gives the order.
    async fn order(&self, orders: &str, offer: &str, quantity: u32) -> Value {
        let line = json!({"offerId": offer, "quantity": quantity});
        self.call(Method::POST, orders, Some(json!({"lineItems": [line]})))
            .await
    }

    async fn round(&self, n: u64) {
        let domain = format!("soak{n}");
        let customer = self
            .call(Method::POST, "/v1/customers", Some(json!({
                "companyProfile": {"domain": domain},
                "billingProfile": {"email": "a@b.example", "culture": "en-US", "language": "en", "companyName": "Soak",
                    "defaultAddress": {"country": "US", "city": "Redmond", "addressLine1": "1 Way"}}
            })))
            .await;
        let Some(id) = customer["id"].as_str().map(str::to_owned) else {
            return;
        };
        let orders = format!("/v1/customers/{id}/orders");
        let license = self.order(&orders, E3, 3).await;
        let reserved = self.order(&orders, RESERVED, 1).await;
        let subscription = license["lineItems"][0]["subscriptionId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let path = format!("/v1/customers/{id}/subscriptions/{subscription}");
        self.call(Method::PATCH, &path, Some(json!({"status": "suspended"})))
            .await;
        self.call(
            Method::PATCH,
            &format!("/v1/customers/{id}"),
            Some(json!({"relationshipToPartner": "none"})),
        )
        .await;
        let reserved_order = reserved["id"].as_str().unwrap_or_default();
        self.call(
            Method::PATCH,
            &format!("{orders}/{reserved_order}"),
            Some(json!({"status": "cancelled"})),
        )
        .await;
        self.call(Method::GET, "/v1/customers?size=50", None).await;
        self.call(
            Method::PATCH,
            &format!("/v1/customers/{id}"),
            Some(json!({"relationshipToPartner": "none"})),
        )
        .await;
        if n % 2 == 0 {
            // Every other customer is taken back; the rest stay released for the final check.
            self.call(
                Method::POST,
                &format!("/_mock/customers/{id}/relationship/accept"),
                None,
            )
            .await;
        }
        match n % 20 {
            5 => drop(
                self.call(
                    Method::POST,
                    "/_mock/snapshots",
                    Some(json!({"name": format!("s{}", n % 3)})),
                )
                .await,
            ),
            10 => drop(
                self.call(
                    Method::POST,
                    &format!("/_mock/snapshots/s{}/restore", n % 3),
                    None,
                )
                .await,
            ),
            19 => drop(self.call(Method::POST, "/_mock/reset", None).await),
            _ => {}
        }
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let minutes: u64 = std::env::args()
        .nth(1)
        .and_then(|m| m.parse().ok())
        .unwrap_or(10);
    let mock = MockPartnerCenter::start().await;
    let client = Client::builder().no_proxy().build().expect("a client");
    let served = Arc::new(AtomicU64::new(0));
    let failures = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for w in 0..WORKERS {
        let worker = Worker {
            client: client.clone(),
            base: mock.uri(),
            partner: format!("soak-{w}"),
            served: Arc::clone(&served),
            failures: Arc::clone(&failures),
        };
        let stop = Arc::clone(&stop);
        tasks.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                worker.round(n).await;
                n += 1;
            }
        }));
    }
    let started = Instant::now();
    let mut first_minute = None;
    for minute in 1..=minutes {
        tokio::time::sleep(Duration::from_secs(60)).await;
        let rss = resident_kib();
        first_minute.get_or_insert(rss);
        println!(
            "minute {minute}: {} requests served, {:.0} req/s, resident {} MiB",
            served.load(Ordering::Relaxed),
            served.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64(),
            rss / 1024
        );
    }
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await.expect("no worker panics");
    }
    let mut released = 0;
    for w in 0..WORKERS {
        let store = mock.namespace(&format!("soak-{w}")).store().clone();
        for customer in store.snapshot().customers() {
            if !customer.is_related() {
                released += 1;
                assert!(
                    customer.removal_check().blockers.is_empty(),
                    "{} released with blockers",
                    customer.id
                );
            }
        }
    }
    let last = resident_kib();
    let first = first_minute.unwrap_or(last);
    println!(
        "soak: {minutes} min, {} requests, {} 5xx, {released} released customers checked, resident {} MiB after minute 1 and {} MiB at the end ({:+.1}%)",
        served.load(Ordering::Relaxed),
        failures.load(Ordering::Relaxed),
        first / 1024,
        last / 1024,
        (last as f64 - first as f64) * 100.0 / first.max(1) as f64
    );
    assert_eq!(failures.load(Ordering::Relaxed), 0, "no 5xx");
}
