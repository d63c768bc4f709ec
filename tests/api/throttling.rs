//! Documented throttling over real HTTP: off by default; under `documented`, 500 requests a
//! minute per partner and customer on each throttled resource, refused with the gateway's 429 and
//! an honest `Retry-After`, after faults and overrides, changing nothing, marked in the journal,
//! and exact under 64 concurrent connections.

use crate::helpers::*;
use reqwest::{Client, Method};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// The documented limit of every throttled resource, per partner and customer.
const LIMIT: usize = 500;

fn subscriptions_of(customer: &str) -> String {
    format!("/v1/customers/{customer}/subscriptions")
}

/// The gateway's 429 body, exactly as Partner Center writes it.
fn throttled_body(seconds: u64) -> String {
    format!(
        r#"{{"statusCode":429,"message":"Rate limit is exceeded. Try again in {seconds} seconds."}}"#
    )
}

/// Turns documented throttling on in `partner` with `settings` merged in.
async fn throttle(app: &TestApp, partner: &str, settings: Value) {
    let mut body = json!({"throttling": "documented"});
    body.as_object_mut()
        .unwrap()
        .extend(settings.as_object().unwrap().clone());
    app.in_namespace(partner).settings(body).await;
}

/// Sends `count` GETs over `connections` connections at once, taking `paths` in turn; answers in
/// the order they came back, each checked against the OpenAPI document.
async fn burst(app: &TestApp, paths: &[String], count: usize, connections: usize) -> Vec<Answer> {
    send(app, paths, count, connections, Check::Document).await
}

/// Whether answers are checked against the OpenAPI document, or only read, to send fast.
#[derive(Clone, Copy)]
enum Check {
    Document,
    Nothing,
}

async fn send(
    app: &TestApp,
    paths: &[String],
    count: usize,
    connections: usize,
    check: Check,
) -> Vec<Answer> {
    let client = Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(connections)
        .build()
        .unwrap();
    let urls: Arc<Vec<String>> = Arc::new(paths.iter().map(|path| app.url(path)).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let answers = Arc::new(Mutex::new(Vec::with_capacity(count)));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..connections {
        let (client, urls, next, answers) = (
            client.clone(),
            Arc::clone(&urls),
            Arc::clone(&next),
            Arc::clone(&answers),
        );
        workers.spawn(async move {
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= count {
                    break;
                }
                let response = client
                    .get(&urls[n % urls.len()])
                    .bearer_auth("burst")
                    .send()
                    .await
                    .expect("the mock answers");
                let answer = match check {
                    Check::Document => answer(&Method::GET, response).await,
                    Check::Nothing => Answer {
                        status: response.status().as_u16(),
                        headers: response.headers().clone(),
                        body: Value::Null,
                        text: response.text().await.expect("a body"),
                    },
                };
                answers.lock().await.push(answer);
            }
        });
    }
    while let Some(worker) = workers.join_next().await {
        worker.unwrap();
    }
    Arc::try_unwrap(answers).unwrap().into_inner()
}

fn count(answers: &[Answer], status: u16) -> usize {
    answers.iter().filter(|a| a.status == status).count()
}

fn retry_after(answer: &Answer) -> u64 {
    answer
        .header("retry-after")
        .expect("a 429 carries Retry-After")
        .parse()
        .expect("whole seconds")
}

/// Asserts the gateway's 429: status, `Retry-After`, the exact body, the usual headers, and the
/// bucket that refused it. Returns the seconds to wait.
fn assert_throttled(answer: &Answer, bucket: &str) -> u64 {
    assert_eq!(answer.status, 429, "{}", answer.text);
    let seconds = retry_after(answer);
    assert!(seconds >= 1);
    assert_eq!(answer.text, throttled_body(seconds));
    for header in ["ms-requestid", "ms-correlationid", "ms-cv", "ms-serverid"] {
        assert!(answer.header(header).is_some(), "{header} is missing");
    }
    assert_eq!(answer.header("x-mock-throttled"), Some(bucket));
    seconds
}

async fn buckets(app: &TestApp) -> Value {
    let settings = app.get("/_mock/settings").await;
    settings.assert_ok();
    settings.body["throttlingBuckets"].clone()
}

#[tokio::test]
async fn throttling_is_off_by_default() {
    let app = TestApp::start().await;
    let answers = burst(&app, &[subscriptions_of(CONTOSO)], LIMIT + 20, 16).await;
    assert_eq!(count(&answers, 200), LIMIT + 20);
    assert_eq!(buckets(&app).await, json!([]));
}

#[tokio::test]
async fn a_burst_over_the_limit_gets_the_gateway_s_429_with_an_honest_retry_after() {
    let app = TestApp::start().await;
    throttle(&app, "default", json!({"throttlingClock": "virtual"})).await;
    let bucket = format!("subscriptions/{CONTOSO}");
    let started = Instant::now();
    let answers = burst(&app, &[subscriptions_of(CONTOSO)], LIMIT, 16).await;
    assert_eq!(count(&answers, 200), LIMIT);

    let refused = app.get(&subscriptions_of(CONTOSO)).await;
    let seconds = assert_throttled(&refused, &bucket);
    let elapsed = started.elapsed().as_secs_f64();
    assert!(seconds <= 60, "the window is a minute: {seconds}");
    assert!(
        seconds as f64 >= 60.0 - elapsed,
        "the oldest admission is at most {elapsed} s old, yet Retry-After is {seconds}"
    );

    // Not a second too early: with two seconds still to go, the bucket still refuses.
    app.advance_seconds(seconds - 2).await;
    let early = app.get(&subscriptions_of(CONTOSO)).await;
    assert!(assert_throttled(&early, &bucket) <= 2);
    app.advance_seconds(2).await;
    app.get(&subscriptions_of(CONTOSO)).await.assert_ok();
}

#[tokio::test]
async fn other_customers_resources_and_namespaces_keep_their_own_counts() {
    let app = TestApp::start().await;
    throttle(&app, "default", json!({"throttlingClock": "virtual"})).await;
    throttle(&app, "other", json!({"throttlingClock": "virtual"})).await;
    burst(&app, &[subscriptions_of(CONTOSO)], LIMIT, 16).await;
    assert_eq!(app.get(&subscriptions_of(CONTOSO)).await.status, 429);

    app.get(&subscriptions_of(WOODGROVE)).await.assert_ok();
    app.get(&format!("/v1/customers/{CONTOSO}"))
        .await
        .assert_ok();
    app.get(&format!("/v1/customers/{CONTOSO}/orders"))
        .await
        .assert_ok();
    app.get_with(&subscriptions_of(CONTOSO), &[("X-Mock-Partner", "other")])
        .await
        .assert_ok();

    let used: Vec<(String, u64)> = buckets(&app)
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["bucket"].as_str().unwrap().to_owned(),
                b["used"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        used,
        [
            (format!("customers/{CONTOSO}"), 1),
            (format!("orders/{CONTOSO}"), 1),
            (format!("subscriptions/{CONTOSO}"), LIMIT as u64),
            (format!("subscriptions/{WOODGROVE}"), 1),
        ]
    );
}

#[tokio::test]
async fn operations_partner_center_does_not_throttle_are_served_when_a_bucket_is_full() {
    let app = TestApp::start().await;
    throttle(&app, "default", json!({"throttlingClock": "virtual"})).await;
    let customer = format!("/v1/customers/{CONTOSO}");
    burst(&app, std::slice::from_ref(&customer), LIMIT, 16).await;
    assert_throttled(&app.get(&customer).await, &format!("customers/{CONTOSO}"));
    app.get("/v1/customers").await.assert_ok();
    app.get(&format!("{customer}/profiles/billing"))
        .await
        .assert_ok();
    app.get(&format!("{customer}/entitlements"))
        .await
        .assert_ok();
}

#[tokio::test]
async fn on_the_real_clock_a_scaled_window_admits_again_after_retry_after() {
    let app = TestApp::start().await;
    // A minute divided by 10: the window is six seconds of real time, long enough for a loaded
    // machine to send more than the limit within it.
    throttle(&app, "default", json!({"throttlingTimeScale": 10})).await;
    let customer = format!("/v1/customers/{CONTOSO}");
    let bucket = format!("customers/{CONTOSO}");
    let mut refused = None;
    for _ in 0..40 {
        // Unchecked, to send fast: more than 500 must land within six seconds.
        let answers = send(
            &app,
            std::slice::from_ref(&customer),
            256,
            64,
            Check::Nothing,
        )
        .await;
        if let Some(answer) = answers.into_iter().find(|a| a.status == 429) {
            refused = Some(answer);
            break;
        }
    }
    let refused = refused.expect("more than 500 requests within six seconds are refused");
    let wait = assert_throttled(&refused, &bucket);
    assert!(
        (1..=6).contains(&wait),
        "Retry-After {wait} is within the six-second window"
    );
    let window = &buckets(&app).await[0];
    assert_eq!(window["windowSeconds"], 6.0);
    assert_eq!(window["limit"], 500);

    tokio::time::sleep(Duration::from_secs(wait)).await;
    app.get(&customer).await.assert_ok();
}

#[tokio::test]
async fn sixty_four_connections_never_get_more_than_the_limit_through() {
    let app = TestApp::start().await;
    throttle(&app, "default", json!({"throttlingClock": "virtual"})).await;
    // Three operations of the subscription resource share one count.
    let paths = [
        subscriptions_of(LITWARE),
        format!("/v1/customers/{LITWARE}/subscriptions/{LITWARE_BASE}"),
        format!("/v1/customers/{LITWARE}/subscriptions/{LITWARE_BASE}/addons"),
    ];
    let sent = 64 * 12;
    let answers = burst(&app, &paths, sent, 64).await;
    assert_eq!(count(&answers, 200), LIMIT);
    assert_eq!(count(&answers, 429), sent - LIMIT);
    let bucket = format!("subscriptions/{LITWARE}");
    for refused in answers.iter().filter(|a| a.status == 429) {
        assert_throttled(refused, &bucket);
    }
    assert_eq!(
        buckets(&app).await,
        json!([{"bucket": bucket, "resource": "subscriptions", "customerId": LITWARE, "used": LIMIT, "limit": LIMIT, "windowSeconds": 60.0}])
    );
}

#[tokio::test]
async fn a_refused_request_changes_nothing() {
    let app = TestApp::start().await;
    throttle(&app, "default", json!({"throttlingClock": "virtual"})).await;
    let subscription = format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_E3}");
    let orders = format!("/v1/customers/{CONTOSO}/orders");
    burst(
        &app,
        &[subscriptions_of(CONTOSO), orders.clone()],
        2 * LIMIT,
        16,
    )
    .await;
    let before = app.get("/_mock/state").await.text;
    let used_before = buckets(&app).await;

    let suspend = app
        .patch(&subscription, &json!({"status": "suspended"}))
        .await;
    assert_throttled(&suspend, &format!("subscriptions/{CONTOSO}"));
    let order = json!({"lineItems": [{"lineItemNumber": 0, "offerId": E3, "quantity": 1}]});
    let create = || {
        app.call(
            Method::POST,
            &orders,
            Some(order.to_string()),
            &[("MS-RequestId", "6f1d2c3b-0000-4000-8000-00000000abcd")],
        )
    };
    assert_throttled(&create().await, &format!("orders/{CONTOSO}"));

    assert_eq!(app.get("/_mock/state").await.text, before);
    assert_eq!(buckets(&app).await, used_before, "a refusal takes no place");

    // The refused creation left no answer to replay: the same request id creates the order.
    app.advance_seconds(60).await;
    let created = create().await;
    assert_eq!(created.status, 201, "{}", created.text);
    app.patch(&subscription, &json!({"status": "suspended"}))
        .await
        .assert_ok();
}

#[tokio::test]
async fn faults_and_overrides_answer_before_throttling_and_use_up_nothing() {
    let app = TestApp::start().await;
    throttle(&app, "default", json!({"throttlingClock": "virtual"})).await;
    let path = subscriptions_of(CONTOSO);
    app.post(
        "/_mock/faults",
        &json!({"method": "GET", "path": path, "status": 503, "times": 1}),
    )
    .await;
    app.get(&path).await.assert_fault(503, 800003);
    let answers = burst(&app, std::slice::from_ref(&path), LIMIT, 16).await;
    assert_eq!(
        count(&answers, 200),
        LIMIT,
        "the fault's answer was not counted"
    );

    app.post(
        "/_mock/faults",
        &json!({"method": "GET", "path": path, "status": 500, "times": 1}),
    )
    .await;
    let faulted = app.get(&path).await;
    faulted.assert_fault(500, 800003);
    assert!(faulted.header("x-mock-throttled").is_none());
    app.post(
        "/_mock/overrides",
        &json!({"method": "GET", "path": path, "status": 200, "body": {"pinned": true}, "times": 1}),
    )
    .await;
    assert_eq!(app.get(&path).await.body, json!({"pinned": true}));
    assert_throttled(&app.get(&path).await, &format!("subscriptions/{CONTOSO}"));
}

#[tokio::test]
async fn the_journal_marks_a_throttled_answer_and_a_reset_empties_the_buckets() {
    let app = TestApp::start().await;
    throttle(&app, "default", json!({"throttlingClock": "virtual"})).await;
    let path = format!("/v1/customers/{CONTOSO}");
    burst(&app, std::slice::from_ref(&path), LIMIT, 16).await;
    app.get(&path).await;

    let journal = app.get("/_mock/requests?status=429").await;
    journal.assert_ok();
    let entries = journal.body["items"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["throttled"], format!("customers/{CONTOSO}"));
    assert_eq!(entries[0]["path"], path);
    assert!(entries[0].get("fault").is_none());
    let served = app.get("/_mock/requests?status=200").await;
    assert!(
        served.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|entry| entry.get("throttled").is_none())
    );

    app.post("/_mock/reset", &json!({})).await.assert_ok();
    assert_eq!(buckets(&app).await, json!([]));
    app.get(&path).await.assert_ok();
}
