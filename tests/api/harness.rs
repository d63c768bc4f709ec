//! The control plane's test tools: the request journal, fault injection and the admin token.

use crate::helpers::*;
use partner_center_mock::MockPartnerCenter;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn the_journal_records_requests_with_their_bodies_and_filters_them() {
    let app = TestApp::start().await;
    let request_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    app.call(
        Method::POST,
        "/v1/customers",
        Some(new_customer("journaled", "Journaled").to_string()),
        &[("MS-RequestId", request_id)],
    )
    .await;
    app.get(&format!("/v1/customers/{CONTOSO}")).await;
    app.get("/v1/customers/not-a-guid").await;
    let journal = app.get("/_mock/requests").await;
    journal.assert_ok();
    let items = journal.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(journal.body["dropped"], 0);
    assert_eq!(journal.body["capacity"], 1000);
    let created = &items[0];
    assert_eq!(created["method"], "POST");
    assert_eq!(created["path"], "/v1/customers");
    assert_eq!(created["status"], 201);
    assert_eq!(created["namespace"], "default");
    assert_eq!(created["headers"]["ms-requestid"], request_id);
    assert!(
        created["headers"].get("authorization").is_none(),
        "tokens are never kept"
    );
    assert_eq!(
        created["requestBody"]["companyProfile"]["domain"],
        "journaled"
    );
    assert_eq!(
        created["responseBody"]["companyProfile"]["companyName"],
        "Journaled"
    );
    assert!(created["durationMs"].as_f64().is_some());
    assert_eq!(
        created["responseHeaders"]["content-type"],
        "application/json; charset=utf-8"
    );
    assert!(created.get("rule").is_none() && created.get("fault").is_none());
    assert!(created["time"].is_string());

    let failed = app.get("/_mock/requests?status=400").await;
    assert_eq!(failed.body["items"].as_array().unwrap().len(), 1);
    let posts = app
        .get("/_mock/requests?method=post&pathPrefix=/V1/CUSTOMERS")
        .await;
    assert_eq!(posts.body["items"].as_array().unwrap().len(), 1);
    let future = app.get("/_mock/requests?since=2999-01-01T00:00:00Z").await;
    assert_eq!(future.body["items"].as_array().unwrap().len(), 0);
    app.get("/_mock/requests?since=yesterday")
        .await
        .assert_fault(400, 2000);

    // Each line is parsed and checked against the journal entry's schema as the answer is read.
    let export = app.get("/_mock/requests.jsonl").await;
    export.assert_ok();
    assert_eq!(export.text.lines().count(), 3);

    assert_eq!(app.delete("/_mock/requests").await.status, 204);
    assert_eq!(app.get("/_mock/requests").await.body["items"], json!([]));
}

#[tokio::test]
async fn a_full_journal_reports_what_it_dropped() {
    let app = TestApp::with(MockPartnerCenter::builder().journal_capacity(5)).await;
    for _ in 0..12 {
        app.get(&format!("/v1/customers/{CONTOSO}")).await;
    }
    let journal = app.get("/_mock/requests").await;
    assert_eq!(journal.body["items"].as_array().unwrap().len(), 5);
    assert_eq!(journal.body["dropped"], 7);
    assert_eq!(journal.body["capacity"], 5);
    let sequences: Vec<u64> = journal.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["sequence"].as_u64().unwrap())
        .collect();
    assert_eq!(sequences, vec![8, 9, 10, 11, 12], "newest last");
}

#[tokio::test]
async fn journals_and_faults_belong_to_their_namespace() {
    let app = TestApp::start().await;
    let (a, b) = (app.in_namespace("a"), app.in_namespace("b"));
    a.post(
        "/_mock/faults",
        &json!({"path": "/v1/customers", "status": 503}),
    )
    .await;
    a.get("/v1/customers").await.assert_fault(503, 800003);
    b.get("/v1/customers").await.assert_ok();
    let journal_a = a.get("/_mock/requests").await;
    let journal_b = b.get("/_mock/requests").await;
    assert_eq!(journal_a.body["items"][0]["status"], 503);
    assert_eq!(journal_a.body["items"][0]["fault"], "fault-1");
    assert!(journal_b.body["items"][0].get("fault").is_none());
    assert_eq!(journal_b.body["items"][0]["status"], 200);
    assert_eq!(journal_a.body["items"].as_array().unwrap().len(), 1);
    let faults_b = b.get("/_mock/faults").await;
    assert_eq!(faults_b.body["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn injected_errors_keep_partner_center_shapes() {
    let app = TestApp::start().await;
    let added = app.create("/_mock/faults", &json!({"method": "GET", "path": "/v1/customers/*", "status": 500, "code": 800003, "description": "Unexpected service error", "times": 1})).await;
    let id = added.body["id"].as_str().unwrap().to_owned();
    let request_id = "8a1c6b9e-52a2-4f2a-8fd2-0f0f0f0f0f0f";
    let failed = app
        .get_with(
            &format!("/v1/customers/{CONTOSO}"),
            &[("MS-RequestId", request_id)],
        )
        .await;
    failed.assert_fault(500, 800003);
    assert_eq!(failed.body["description"], "Unexpected service error");
    assert_eq!(failed.header("ms-requestid"), Some(request_id));
    assert_eq!(failed.header("x-mock-fault"), Some(id.as_str()));
    // It fired its one time and is gone.
    app.get(&format!("/v1/customers/{CONTOSO}"))
        .await
        .assert_ok();
    assert_eq!(app.get("/_mock/faults").await.body["items"], json!([]));
}

#[tokio::test]
async fn a_429_always_carries_retry_after_and_the_gateway_shape() {
    let app = TestApp::start().await;
    app.post(
        "/_mock/faults",
        &json!({"path": "/v1/*", "status": 429, "times": 1}),
    )
    .await;
    app.post(
        "/_mock/faults",
        &json!({"path": "/v1/*", "status": 429, "retryAfter": 57, "times": 1}),
    )
    .await;
    let first = app.get("/v1/customers").await;
    assert_eq!(first.status, 429);
    assert_eq!(first.header("retry-after"), Some("1"));
    assert_eq!(
        first.body,
        json!({"statusCode": 429, "message": "Rate limit is exceeded. Try again in 1 seconds."})
    );
    let second = app.get("/v1/customers").await;
    assert_eq!(second.header("retry-after"), Some("57"));
    assert_eq!(
        second.body["message"],
        "Rate limit is exceeded. Try again in 57 seconds."
    );
    app.get("/v1/customers").await.assert_ok();
}

#[tokio::test]
async fn a_seeded_half_chance_rule_gives_the_same_sequence_on_two_runs() {
    async fn run() -> Vec<u16> {
        let app = TestApp::start().await;
        app.post(
            "/_mock/faults",
            &json!({"path": "/v1/customers", "status": 503, "probability": 0.5, "seed": 42}),
        )
        .await;
        let mut statuses = Vec::new();
        for _ in 0..40 {
            statuses.push(app.get("/v1/customers?size=1").await.status);
        }
        statuses
    }
    let (first, second) = (run().await, run().await);
    assert_eq!(first, second);
    let failures = first.iter().filter(|s| **s == 503).count();
    assert!((8..=32).contains(&failures), "about half fail: {failures}");
}

#[tokio::test]
async fn a_delay_rule_slows_the_answer_without_changing_it() {
    let app = TestApp::start().await;
    app.post(
        "/_mock/faults",
        &json!({"path": "/v1/customers", "delayMs": 150}),
    )
    .await;
    let started = std::time::Instant::now();
    app.get("/v1/customers?size=1").await.assert_ok();
    assert!(started.elapsed() >= std::time::Duration::from_millis(150));
}

#[tokio::test]
async fn invalid_fault_rules_are_refused() {
    let app = TestApp::start().await;
    for rule in [
        json!({"path": "/v1/customers"}),
        json!({"path": "v1/customers", "status": 500}),
        json!({"path": "/v1/*/x", "status": 500}),
        json!({"path": "/v1/customers", "status": 200}),
        json!({"path": "/v1/customers", "status": 500, "probability": 2}),
        json!({"path": "/v1/customers", "delayMs": 3_600_000}),
        json!({"status": 500}),
    ] {
        app.post("/_mock/faults", &rule)
            .await
            .assert_fault(400, 2000);
    }
    app.delete("/_mock/faults/fault-99")
        .await
        .assert_fault(404, 1000);
    assert_eq!(app.get("/_mock/faults").await.body["items"], json!([]));
}

#[tokio::test]
async fn with_an_admin_token_the_control_plane_needs_it() {
    let app = TestApp::with(MockPartnerCenter::builder().admin_token("s3cret")).await;
    let anonymous = app.anonymous(Method::GET, "/_mock/state").await;
    anonymous.assert_fault(401, 800001);
    let wrong = app
        .get_with("/_mock/requests", &[("Authorization", "Bearer nope")])
        .await;
    wrong.assert_fault(401, 800001);
    let right = app
        .get_with("/_mock/partners", &[("Authorization", "Bearer s3cret")])
        .await;
    right.assert_ok();
    app.anonymous(Method::GET, "/_mock/health")
        .await
        .assert_ok();
    // /v1 authentication is unchanged: any bearer token.
    app.get("/v1/customers?size=1").await.assert_ok();
}

#[tokio::test]
async fn a_panicking_handler_answers_500_and_the_server_keeps_serving() {
    let app = TestApp::start().await;
    app.post(
        "/_mock/faults",
        &json!({"path": "/v1/customers", "panic": true, "times": 2}),
    )
    .await;
    for _ in 0..2 {
        let failed = app.get("/v1/customers?size=1").await;
        failed.assert_fault(500, 800003);
        assert_eq!(failed.body["description"], "Unexpected service error");
    }
    app.get("/v1/customers?size=1").await.assert_ok();
    app.get(&format!("/v1/customers/{CONTOSO}"))
        .await
        .assert_ok();
}

#[tokio::test]
async fn the_journal_names_the_business_rule_behind_a_refusal() {
    let app = TestApp::start().await;
    app.remove_relationship(CONTOSO)
        .await
        .assert_fault(400, 900400);
    let journal = app.get("/_mock/requests").await;
    let entry = &journal.body["items"][0];
    assert_eq!(entry["method"], "PATCH");
    assert_eq!(entry["rule"], "relationship-removal-active-subscriptions");
    assert_eq!(
        entry["responseHeaders"]["x-mock-rule"],
        "relationship-removal-active-subscriptions"
    );
    assert!(entry.get("fault").is_none());
}
