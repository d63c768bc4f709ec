//! Pinned overrides: answers given in place of the model, through `/_mock/overrides` and
//! `--overrides DIR`, sharing one list (and one matching) with the fault rules.

use crate::binary::{BINARY, refused_start_up, spawn, wait};
use crate::helpers::*;
use partner_center_mock::MockPartnerCenter;
use partner_center_mock::namespace::overrides::pinned::OverrideRule;
use partner_center_mock::recording::Exchange;
use partner_center_mock::recording::folder::Folder;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::process::Command;

/// The number of customers the namespace holds, read over HTTP.
async fn customer_count(app: &TestApp, namespace: &str) -> u64 {
    let partners = app.get("/_mock/partners").await;
    partners.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["name"] == namespace)
        .and_then(|item| item["customers"].as_u64())
        .unwrap_or_else(|| panic!("no namespace {namespace} in {}", partners.text))
}

async fn listed(app: &TestApp, route: &str) -> Vec<Value> {
    let list = app.get(route).await;
    list.assert_ok();
    list.body["items"].as_array().unwrap().clone()
}

async fn add(app: &TestApp, rule: &Value) -> String {
    let added = app.create("/_mock/overrides", rule).await;
    assert_eq!(added.status, 201, "{}", added.text);
    added.body["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_override_answers_its_times_and_then_the_model_answers_again() {
    let app = TestApp::start().await;
    let before = customer_count(&app, "default").await;
    let pinned =
        json!({"id": "pinned", "companyProfile": {"domain": "pinned.example"}, "nothing": null});
    let id = add(
        &app,
        &json!({"method": "post", "path": "/v1/customers", "status": 202, "headers": {"X-Trace": "t-1"}, "body": pinned, "times": 2}),
    )
    .await;
    assert_eq!(id, "override-1");

    let request_id = "5b0e3c1a-2d4f-4e6a-8b9c-0d1e2f3a4b5c";
    for _ in 0..2 {
        let answered = app
            .call(
                Method::POST,
                "/v1/customers",
                Some(new_customer("overridden", "Overridden").to_string()),
                &[("MS-RequestId", request_id)],
            )
            .await;
        assert_eq!(answered.status, 202, "{}", answered.text);
        assert_eq!(answered.body, pinned, "the body is exactly the pinned one");
        assert_eq!(answered.header("x-mock-override"), Some("override-1"));
        assert_eq!(answered.header("x-trace"), Some("t-1"));
        assert_eq!(
            answered.header("content-type"),
            Some("application/json; charset=utf-8")
        );
        assert_eq!(answered.header("ms-requestid"), Some(request_id));
        assert!(answered.header("ms-cv").is_some() && answered.header("date").is_some());
    }
    assert_eq!(
        customer_count(&app, "default").await,
        before,
        "the overridden requests created nothing"
    );
    assert!(listed(&app, "/_mock/overrides").await.is_empty());

    let created = app
        .post("/v1/customers", &new_customer("modelled", "Modelled"))
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert!(created.header("x-mock-override").is_none());
    assert_eq!(created.body["companyProfile"]["companyName"], "Modelled");
    assert_eq!(customer_count(&app, "default").await, before + 1);
}

#[tokio::test]
async fn a_prefix_override_answers_every_path_under_it_for_its_method_only() {
    let app = TestApp::start().await;
    let gone = json!({"code": 1000, "description": "gone", "data": [], "source": "PartnerFD"});
    let id = add(
        &app,
        &json!({"method": "GET", "path": "/v1/customers/*", "status": 404, "body": gone}),
    )
    .await;
    for path in [
        format!("/v1/customers/{CONTOSO}"),
        format!("/v1/Customers/{CONTOSO}/subscriptions"),
    ] {
        let answered = app.get(&path).await;
        answered.assert_fault(404, 1000);
        assert_eq!(answered.body, gone);
        assert_eq!(answered.header("x-mock-override"), Some(id.as_str()));
    }
    let list = app.get("/v1/customers?size=1").await;
    list.assert_ok();
    assert!(list.header("x-mock-override").is_none());
    let patched = app
        .set_status(CONTOSO, "2c222222-2222-4222-8222-000000000001", "suspended")
        .await;
    patched.assert_ok();
    assert!(patched.header("x-mock-override").is_none());
    let items = listed(&app, "/_mock/overrides").await;
    assert_eq!(items[0]["matched"], 2);
    assert_eq!(items[0]["answered"], 2);
}

#[tokio::test]
async fn overrides_belong_to_their_namespace() {
    let app = TestApp::start().await;
    let (a, b) = (app.in_namespace("a"), app.in_namespace("b"));
    let rule = json!({"path": "/v1/customers", "status": 200, "body": {"items": []}});
    a.post("/_mock/overrides", &rule).await;
    let in_namespace_a = a.get("/v1/customers").await;
    assert_eq!(in_namespace_a.body, json!({"items": []}));
    let in_namespace_b = b.get("/v1/customers").await;
    in_namespace_b.assert_ok();
    assert_eq!(in_namespace_b.body["totalCount"], 500);
    assert!(in_namespace_b.header("x-mock-override").is_none());
    let listed_b = b.get("/_mock/overrides").await;
    assert_eq!(listed_b.body["items"], json!([]));
    let listed_a = a.get("/_mock/overrides").await;
    assert_eq!(listed_a.body["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn overrides_are_listed_as_given_and_removed_one_by_one_or_all() {
    let app = TestApp::start().await;
    let first = add(
        &app,
        &json!({"method": "GET", "path": "/v1/offers/*", "status": 503, "bodyText": "busy", "headers": {"Retry-After": "3"}}),
    )
    .await;
    let second = add(
        &app,
        &json!({"path": "/v1/customers", "status": 204, "times": 3}),
    )
    .await;
    let fault = app
        .post(
            "/_mock/faults",
            &json!({"path": "/v1/domains/*", "status": 500}),
        )
        .await;
    assert_eq!(fault.body["id"], "fault-1", "each kind counts its own ids");

    let items = listed(&app, "/_mock/overrides").await;
    assert_eq!(
        items,
        [
            json!({"id": first, "method": "GET", "path": "/v1/offers/*", "status": 503, "headers": {"retry-after": "3"}, "bodyText": "busy", "matched": 0, "answered": 0}),
            json!({"id": second, "path": "/v1/customers", "status": 204, "times": 3, "matched": 0, "answered": 0}),
        ]
    );
    assert_eq!(listed(&app, "/_mock/faults").await.len(), 1);

    let text = app.get("/v1/offers/x?country=US").await;
    assert_eq!(text.status, 503);
    assert_eq!(text.text, "busy");
    assert_eq!(
        text.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(text.header("retry-after"), Some("3"));
    let empty = app.get("/v1/customers").await;
    assert_eq!(empty.status, 204);
    assert!(empty.text.is_empty() && empty.header("content-type").is_none());

    assert_eq!(
        app.delete(&format!("/_mock/overrides/{first}"))
            .await
            .status,
        204
    );
    app.delete(&format!("/_mock/overrides/{first}"))
        .await
        .assert_fault(404, 1000);
    app.delete("/_mock/overrides/fault-1")
        .await
        .assert_fault(404, 1000);
    app.delete(&format!("/_mock/faults/{second}"))
        .await
        .assert_fault(404, 1000);
    let left = listed(&app, "/_mock/overrides").await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["id"], second.as_str());
    assert_eq!(left[0]["matched"], 1);

    assert_eq!(app.delete("/_mock/overrides").await.status, 204);
    assert!(listed(&app, "/_mock/overrides").await.is_empty());
    assert_eq!(
        listed(&app, "/_mock/faults").await.len(),
        1,
        "clearing the overrides leaves the faults"
    );
    app.get("/v1/customers?size=1").await.assert_ok();
}

#[tokio::test]
async fn invalid_overrides_are_refused_naming_the_field() {
    let app = TestApp::start().await;
    let valid = json!({"path": "/v1/customers", "status": 200});
    let with = |field: &str, value: Value| {
        let mut rule = valid.clone();
        rule[field] = value;
        rule
    };
    let cases = [
        (with("status", json!(99)), "status"),
        (with("status", json!(600)), "status"),
        (with("status", json!(70_000)), "status"),
        (with("status", json!("ok")), "status"),
        (json!({"path": "/v1/customers"}), "status"),
        (with("path", json!("")), "path"),
        (with("path", json!("v1/customers")), "path"),
        (json!({"status": 200}), "path"),
        (with("times", json!(0)), "times"),
        (with("headers", json!("x-a: 1")), "headers"),
        (with("headers", json!({"x-a": 1})), "headers"),
        (with("headers", json!({"content-length": "9"})), "headers"),
        (with("headers", json!({"bad name": "x"})), "headers"),
        (with("probability", json!(2)), "probability"),
        (with("delayMs", json!(3_600_000)), "delayMs"),
        (with("bodyText", json!("x")), "body"),
        (with("status", json!(204)), "body"),
    ];
    for (mut rule, field) in cases {
        if field == "body" {
            rule["body"] = json!({"a": 1});
        }
        let refused = app.post("/_mock/overrides", &rule).await;
        refused.assert_fault(400, 2000);
        let description = refused.body["description"].as_str().unwrap();
        assert!(
            description.contains(field),
            "{rule}: the description names {field}: {description}"
        );
    }
    assert!(listed(&app, "/_mock/overrides").await.is_empty());
    app.get("/v1/customers?size=1").await.assert_ok();
}

#[tokio::test]
async fn the_journal_marks_answers_given_by_an_override() {
    let app = TestApp::start().await;
    let id = add(
        &app,
        &json!({"method": "GET", "path": "/v1/customers", "status": 200, "body": {"pinned": true}, "times": 1}),
    )
    .await;
    app.get("/v1/customers?size=1").await;
    app.get("/v1/customers?size=1").await;
    let journal = app.get("/_mock/requests").await;
    let items = journal.body["items"].as_array().unwrap();
    assert_eq!(items[0]["override"], id.as_str());
    assert_eq!(items[0]["responseBody"], json!({"pinned": true}));
    assert_eq!(items[0]["responseHeaders"]["x-mock-override"], id.as_str());
    assert!(items[0].get("fault").is_none());
    assert!(items[1].get("override").is_none());
    assert_eq!(items[1]["responseBody"]["totalCount"], 1);
}

#[tokio::test]
async fn faults_and_overrides_are_one_list_checked_in_the_order_they_were_added() {
    let app = TestApp::start().await;
    app.post(
        "/_mock/faults",
        &json!({"path": "/v1/customers", "status": 503, "times": 1}),
    )
    .await;
    let id = add(
        &app,
        &json!({"path": "/v1/*", "status": 200, "body": [], "times": 1}),
    )
    .await;
    app.post(
        "/_mock/faults",
        &json!({"path": "/v1/customers", "status": 429, "times": 1}),
    )
    .await;
    let first = app.get("/v1/customers").await;
    first.assert_fault(503, 800003);
    assert_eq!(first.header("x-mock-fault"), Some("fault-1"));
    let second = app.get("/v1/customers").await;
    assert_eq!(second.body, json!([]));
    assert_eq!(second.header("x-mock-override"), Some(id.as_str()));
    assert!(second.header("x-mock-fault").is_none());
    let third = app.get("/v1/customers").await;
    assert_eq!(third.status, 429);
    assert_eq!(third.header("retry-after"), Some("1"));
    app.get("/v1/customers?size=1").await.assert_ok();
}

#[tokio::test]
async fn a_delayed_seeded_override_answers_like_a_fault_would() {
    let app = TestApp::start().await;
    add(
        &app,
        &json!({"path": "/v1/customers", "status": 200, "body": {}, "probability": 0.5, "seed": 42, "delayMs": 20}),
    )
    .await;
    let faulty = app.in_namespace("faulty");
    let fault = faulty
        .post(
            "/_mock/faults",
            &json!({"path": "/v1/customers", "status": 503, "probability": 0.5, "seed": 42}),
        )
        .await;
    assert_eq!(fault.status, 201);
    let mut pinned_count = 0;
    for _ in 0..12 {
        let started = std::time::Instant::now();
        let overridden = app.get("/v1/customers?size=1").await;
        let faulted = faulty.get("/v1/customers?size=1").await;
        let pinned = overridden.header("x-mock-override").is_some();
        assert_eq!(
            pinned,
            faulted.status == 503,
            "the same seed draws the same"
        );
        if pinned {
            pinned_count += 1;
            assert!(started.elapsed() >= std::time::Duration::from_millis(20));
        }
    }
    assert!(
        (1..12).contains(&pinned_count),
        "a half chance answers some: {pinned_count}"
    );
}

#[tokio::test]
async fn a_reset_keeps_the_overrides_as_it_keeps_the_faults() {
    let app = TestApp::start().await;
    let id = add(
        &app,
        &json!({"path": "/v1/customers", "status": 200, "body": {}}),
    )
    .await;
    assert_eq!(app.post("/_mock/reset", &json!({})).await.status, 200);
    assert_eq!(listed(&app, "/_mock/overrides").await[0]["id"], id.as_str());
    let answered = app.get("/v1/customers").await;
    assert_eq!(answered.header("x-mock-override"), Some(id.as_str()));
}

#[tokio::test]
async fn with_an_admin_token_the_overrides_need_it() {
    let app = TestApp::with(MockPartnerCenter::builder().admin_token("s3cret")).await;
    let rule = json!({"path": "/v1/customers", "status": 200}).to_string();
    app.call(Method::POST, "/_mock/overrides", Some(rule.clone()), &[])
        .await
        .assert_fault(401, 800001);
    let admin = [("Authorization", "Bearer s3cret")];
    let unchanged = app
        .call(Method::GET, "/_mock/overrides", None, &admin)
        .await;
    assert_eq!(
        unchanged.body["items"],
        json!([]),
        "the refused call added nothing"
    );
    let added = app
        .call(Method::POST, "/_mock/overrides", Some(rule), &admin)
        .await;
    assert_eq!(added.status, 201);
}

#[tokio::test]
async fn overrides_are_pinned_from_rust_without_http() {
    let app = TestApp::start().await;
    let id = app
        .mock
        .add_override(OverrideRule {
            path: "/v1/customers".into(),
            status: 200,
            body: Some(json!({"from": "rust"})),
            times: Some(1),
            ..OverrideRule::default()
        })
        .unwrap();
    assert_eq!(app.get("/v1/customers").await.body, json!({"from": "rust"}));
    assert_eq!(id, "override-1");
    let invalid = app.mock.add_override(OverrideRule {
        path: "/v1/customers".into(),
        status: 42,
        ..OverrideRule::default()
    });
    assert!(invalid.unwrap_err().starts_with("status"));
}

/// A recorded exchange of `method path` that answered `status` with `body`.
fn exchange(method: &str, path: &str, status: u16, body: &Value) -> Exchange {
    let headers = BTreeMap::from([
        (
            "content-type".into(),
            "application/json; charset=utf-8".into(),
        ),
        ("content-length".into(), "999".into()),
        ("date".into(), "Wed, 25 Nov 2026 18:00:00 GMT".into()),
        ("ms-requestid".into(), "recorded".into()),
        ("x-recorded".into(), status.to_string()),
    ]);
    Exchange::answered(method, path, status, headers, body.to_string().as_bytes())
}

/// A new folder holding `exchanges` as recording files, in order.
fn recordings(exchanges: &[Exchange]) -> tempfile::TempDir {
    let dir = fresh_dir("overrides");
    let folder = Folder::open(dir.path()).unwrap();
    for exchange in exchanges {
        folder.append(exchange).unwrap();
    }
    dir
}

#[tokio::test]
async fn the_binary_replays_recorded_exchanges_in_order_and_the_last_one_stays() {
    let customer = format!("/v1/customers/{CONTOSO}");
    let dir = recordings(&[
        exchange("GET", &customer, 200, &json!({"version": 1})),
        exchange("POST", "/v1/customers", 201, &json!({"created": true})),
        exchange("GET", &customer, 200, &json!({"version": 2})),
        exchange("GET", &customer, 404, &json!({"version": 3})),
    ]);
    let (mut child, uri) = spawn(&["--overrides", dir.path().to_str().unwrap()]);
    let client = plain_client();
    let get = |namespace: &'static str| {
        client
            .get(format!("{uri}{customer}?size=5"))
            .bearer_auth("t")
            .header("X-Mock-Partner", namespace)
            .header("MS-RequestId", "live")
            .send()
    };
    let mut versions = Vec::new();
    for _ in 0..5 {
        let answered = answer(&Method::GET, get("default").await.unwrap()).await;
        assert!(answered.header("x-mock-override").is_some());
        assert_eq!(
            answered.header("ms-requestid"),
            Some("live"),
            "the mock echoes"
        );
        assert_eq!(
            answered.header("content-length").map(|l| l != "999"),
            Some(true)
        );
        assert_ne!(
            answered.header("date"),
            Some("Wed, 25 Nov 2026 18:00:00 GMT")
        );
        versions.push((answered.status, answered.body["version"].as_u64().unwrap()));
    }
    assert_eq!(versions, [(200, 1), (200, 2), (404, 3), (404, 3), (404, 3)]);
    let other = answer(&Method::GET, get("other").await.unwrap()).await;
    other.assert_ok();
    assert_eq!(other.body["id"], CONTOSO, "other namespaces get the model");

    let pinned = TestClient::at(&uri).get("/_mock/overrides").await.body;
    let items = pinned["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{pinned}");
    assert_eq!(items[0]["path"], "/v1/customers");
    assert_eq!(items[1]["headers"]["x-recorded"], "404");
    assert!(items[1].get("times").is_none(), "the last one stays");
    child.kill().unwrap();
    wait(&mut child);
}

#[test]
fn an_unreadable_recording_stops_start_up_naming_the_file() {
    let dir = recordings(&[exchange("GET", "/v1/customers", 200, &json!({}))]);
    std::fs::write(dir.path().join("000002-GET-broken.json"), "{\"time\": 7").unwrap();
    let stderr = refused_start_up(
        Command::new(BINARY)
            .args(["--port", "0"])
            .env("PCMOCK_OVERRIDES", dir.path()),
    );
    assert!(stderr.contains("000002-GET-broken.json"), "{stderr}");

    let missing = dir.path().join("missing");
    let stderr = refused_start_up(
        Command::new(BINARY)
            .args(["--port", "0", "--overrides"])
            .arg(&missing),
    );
    assert!(stderr.contains(missing.to_str().unwrap()), "{stderr}");
}
