//! Requests no route serves: journaled with `matched: false` and their nearest routes, told the
//! nearest route in `X-Mock-Unmatched`, logged once on the console, and listed by the embedded
//! handle.

use crate::helpers::*;
use partner_center_mock::MockPartnerCenter;
use reqwest::Method;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::sync::{Arc, Mutex, OnceLock};

const GATEWAY_404: &str = r#"{"statusCode":404,"message":"Resource not found"}"#;

async fn unmatched(app: &TestApp, query: &str) -> Vec<Value> {
    let journal = app
        .get(&format!("/_mock/requests?matched=false{query}"))
        .await;
    journal.assert_ok();
    journal.body["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn every_v1_request_is_journaled_once_with_whether_a_route_served_it() {
    let app = TestApp::start().await;
    app.get("/v1/customers?size=1").await.assert_ok();
    // A handler's own 404 is served by a route.
    app.get("/v1/customers/99999999-9999-4999-8999-999999999999")
        .await
        .assert_fault(404, 1000);
    // Authentication refused on a route is served by a route.
    assert_eq!(
        app.anonymous(Method::GET, "/v1/customers").await.status,
        401
    );
    let no_route = app.get("/v1/nothing-here").await;
    assert_eq!(no_route.status, 404);
    let anonymous = app.anonymous(Method::GET, "/v1/nothing-either").await;
    assert_eq!(anonymous.status, 404);
    app.delete("/v1/customers").await.assert_fault(405, 2000);

    let journal = app.get("/_mock/requests").await;
    let items = journal.body["items"].as_array().unwrap();
    let seen: Vec<(&str, &str, bool)> = items
        .iter()
        .map(|e| {
            (
                e["method"].as_str().unwrap(),
                e["path"].as_str().unwrap(),
                e["matched"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("GET", "/v1/customers", true),
            (
                "GET",
                "/v1/customers/99999999-9999-4999-8999-999999999999",
                true
            ),
            ("GET", "/v1/customers", true),
            ("GET", "/v1/nothing-here", false),
            ("GET", "/v1/nothing-either", false),
            ("DELETE", "/v1/customers", false),
        ]
    );
    assert!(items[0].get("nearest").is_none());
    assert!(items[3]["nearest"].is_array());

    // The 405 keeps one entry, with the body and headers the client received.
    let wrong_method = &items[5];
    assert_eq!(wrong_method["status"], 405);
    assert_eq!(wrong_method["responseBody"]["code"], 2000);
    assert_eq!(wrong_method["responseHeaders"]["allow"], "GET,HEAD,POST");
    assert_eq!(
        wrong_method["nearest"],
        json!([
            "GET /v1/customers",
            "POST /v1/customers",
            "DELETE /v1/customers/{id}"
        ])
    );
    assert_eq!(
        wrong_method["responseHeaders"]["x-mock-unmatched"],
        "GET /v1/customers"
    );

    let only = unmatched(&app, "").await;
    assert_eq!(only.len(), 3);
    assert_eq!(unmatched(&app, "&method=delete").await.len(), 1);
    assert_eq!(
        unmatched(&app, "&status=404&pathPrefix=/v1/nothing-h")
            .await
            .len(),
        1
    );
    let served = app.get("/_mock/requests?matched=TRUE").await;
    assert_eq!(served.body["items"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn a_matched_filter_that_is_not_a_boolean_is_refused() {
    let app = TestApp::start().await;
    let refused = app.get("/_mock/requests?matched=maybe").await;
    assert_eq!(refused.status, 400, "{}", refused.text);
    assert!(refused.text.contains("maybe"));
}

#[tokio::test]
async fn the_404_and_405_bodies_stay_as_they_were_and_name_the_nearest_route() {
    let app = TestApp::start().await;
    let path = format!("/v1/customers/{CONTOSO}/subscription");
    let missed = plain_client()
        .get(app.url(&path))
        .bearer_auth("t")
        .send()
        .await
        .unwrap();
    assert_eq!(missed.status(), 404);
    assert_eq!(
        missed.headers()["x-mock-unmatched"],
        "GET /v1/customers/{id}/subscriptions"
    );
    assert_eq!(missed.text().await.unwrap(), GATEWAY_404);

    let nothing = app.get("/v1/nothing/close/to/this/path/at/all").await;
    assert_eq!(nothing.status, 404);
    assert_eq!(nothing.text, GATEWAY_404);
    assert_eq!(nothing.header("x-mock-unmatched"), Some("none"));

    let wrong = app
        .delete(&format!("/v1/customers/{CONTOSO}/profiles/billing"))
        .await;
    wrong.assert_fault(405, 2000);
    assert!(wrong.str("/description").contains("GET, HEAD, PUT"));
    assert_eq!(
        wrong.header("x-mock-unmatched"),
        Some("GET /v1/customers/{id}/profiles/billing")
    );

    // Outside /v1 the 404 is the same, and names nothing.
    let elsewhere = app.get("/elsewhere").await;
    assert_eq!(elsewhere.text, GATEWAY_404);
    assert!(elsewhere.header("x-mock-unmatched").is_none());
}

#[tokio::test]
async fn the_nearest_routes_are_ranked_as_documented() {
    let app = TestApp::start().await;
    let cases = [
        // A singular or plural slip.
        (
            Method::GET,
            format!("/v1/customers/{CONTOSO}/subscription"),
            "GET /v1/customers/{id}/subscriptions",
        ),
        // A changed segment.
        (
            Method::GET,
            format!("/v1/customers/{CONTOSO}/profiles/compny"),
            "GET /v1/customers/{id}/profiles/company",
        ),
        // A missing segment.
        (
            Method::GET,
            "/v1/customers/profiles/company".to_owned(),
            "GET /v1/customers/{id}/profiles/company",
        ),
        // An added segment.
        (
            Method::GET,
            format!("/v1/customers/{CONTOSO}/profiles/company/extra"),
            "GET /v1/customers/{id}/profiles/company",
        ),
        // A wrong method.
        (
            Method::PUT,
            format!("/v1/customers/{CONTOSO}/profiles/company"),
            "GET /v1/customers/{id}/profiles/company",
        ),
    ];
    for (method, path, first) in &cases {
        let answer = app.call(method.clone(), path, None, &[]).await;
        assert!(
            matches!(answer.status, 404 | 405),
            "{path}: {}",
            answer.text
        );
        assert_eq!(answer.header("x-mock-unmatched"), Some(*first), "{path}");
    }
    let entries = unmatched(&app, "").await;
    assert_eq!(entries.len(), cases.len());
    for (entry, (_, path, first)) in entries.iter().zip(&cases) {
        let nearest = entry["nearest"].as_array().unwrap();
        assert!(!nearest.is_empty() && nearest.len() <= 3, "{path}");
        assert_eq!(nearest[0], *first, "{path}");
    }
    // Nothing close gives no nearest route.
    app.get("/v1/nothing/close/to/this/path/at/all").await;
    let entries = unmatched(&app, "&pathPrefix=/v1/nothing").await;
    assert_eq!(entries[0]["nearest"], json!([]));
}

#[tokio::test]
async fn paths_and_queries_are_cut_at_two_kibibytes_and_marked() {
    let app = TestApp::start().await;
    let long = "a".repeat(3000);
    let answer = app.get(&format!("/v1/{long}?filter={long}")).await;
    assert_eq!(answer.status, 404);
    app.get(&format!("/v1/customers?size=1&x={long}"))
        .await
        .assert_ok();
    let items = app.get("/_mock/requests").await.body["items"].clone();
    let cut = &items[0];
    assert_eq!(cut["path"].as_str().unwrap().len(), 2048);
    assert_eq!(cut["pathTruncated"], true);
    assert_eq!(cut["query"].as_str().unwrap().len(), 2048);
    assert_eq!(cut["queryTruncated"], true);
    assert_eq!(cut["matched"], false);
    let served = &items[1];
    assert_eq!(served["path"], "/v1/customers");
    assert!(served.get("pathTruncated").is_none());
    assert_eq!(served["queryTruncated"], true);
}

#[tokio::test]
async fn invalid_percent_encoding_gets_an_answer_and_is_journaled() {
    let app = TestApp::start().await;
    for path in [
        "/v1/customers/%zz",
        "/v1/%E0%A4%A/x",
        "/v1/cust%omers?size=%GG",
    ] {
        let answer = app.get(path).await;
        assert!(answer.status < 500, "{path}: {}", answer.text);
    }
    let entries = app.get("/_mock/requests").await.body["items"].clone();
    assert_eq!(entries.as_array().unwrap().len(), 3);
    // Served routes answer as before.
    app.get("/v1/customers?size=1").await.assert_ok();
}

#[tokio::test]
async fn thousands_of_unserved_paths_keep_the_journal_and_the_log_in_their_bounds() {
    let lines = capture_log();
    let app = TestApp::with(MockPartnerCenter::builder().journal_capacity(50)).await;
    for n in 0..1500 {
        let answer = app.get(&format!("/v1/unserved-{n}")).await;
        assert_eq!(answer.status, 404);
    }
    // A repeat is journaled but not logged again.
    app.get("/v1/unserved-0").await;
    app.get("/v1/customers?size=1").await.assert_ok();

    let journal = app.get("/_mock/requests").await;
    assert_eq!(journal.body["items"].as_array().unwrap().len(), 50);
    assert_eq!(journal.body["dropped"], 1502 - 50);
    assert_eq!(unmatched(&app, "").await.len(), 49);

    let log = String::from_utf8(lines.lock().unwrap().clone()).unwrap();
    let warnings: Vec<&str> = log.lines().filter(|l| l.contains("WARN")).collect();
    assert_eq!(warnings.len(), 101, "{log}");
    assert!(
        warnings[0].contains("GET /v1/unserved-0"),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("nearest"), "{}", warnings[0]);
    assert!(
        warnings[100].contains("only in the journal"),
        "{}",
        warnings[100]
    );
    assert_eq!(
        log.matches("/v1/unserved-0;").count(),
        1,
        "a repeat is not logged again"
    );
}

#[tokio::test]
async fn each_namespace_logs_its_own_first_sightings() {
    let lines = capture_log();
    let app = TestApp::start().await;
    app.get("/v1/unserved").await;
    app.in_namespace("other").get("/v1/unserved").await;
    app.in_namespace("other").get("/v1/unserved").await;

    let log = String::from_utf8(lines.lock().unwrap().clone()).unwrap();
    let sightings: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("WARN") && l.contains("GET /v1/unserved"))
        .collect();
    assert_eq!(sightings.len(), 2, "{log}");
    assert!(sightings[0].contains("namespace=\"default\""), "{log}");
    assert!(sightings[1].contains("namespace=\"other\""), "{log}");
}

#[tokio::test]
async fn the_embedded_handle_lists_the_unmatched_requests() {
    let app = TestApp::start().await;
    app.get("/v1/customers?size=1").await.assert_ok();
    assert!(app.mock.unmatched_requests().is_empty());
    app.get(&format!("/v1/customers/{CONTOSO}/order")).await;
    app.post("/v1/customers/relationshiprequests", &json!({}))
        .await;
    let missed = app.mock.unmatched_requests();
    let seen: Vec<(&str, &str)> = missed
        .iter()
        .map(|e| (e.method.as_str(), e.path.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("GET", format!("/v1/customers/{CONTOSO}/order").as_str()),
            ("POST", "/v1/customers/relationshiprequests"),
        ]
    );
    assert!(missed.iter().all(|e| !e.matched));
    assert_eq!(
        missed[0].nearest.as_deref().unwrap()[0],
        "GET /v1/customers/{id}/orders"
    );
    assert_eq!(
        missed[1].nearest.as_deref().unwrap()[0],
        "GET /v1/customers/relationshiprequests"
    );
}

#[tokio::test]
async fn a_documented_route_the_mock_does_not_emulate_is_named_in_the_journal_and_the_log() {
    let lines = capture_log();
    let app = TestApp::start().await;
    let support = format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO}/SupportContact");
    let missed = app.get(&support).await;
    assert_eq!(missed.text, GATEWAY_404);
    // A wrong method on a served path, documented with that method.
    let overage = format!("/v1/customers/{CONTOSO}/subscriptions/overage");
    app.put(&overage, &json!({})).await.assert_fault(405, 2000);
    // Neither served nor documented.
    app.get("/v1/nothing-here").await;

    let entries = unmatched(&app, "").await;
    assert_eq!(
        entries[0]["documented"],
        "GET /v1/customers/{id}/subscriptions/{subscriptionId}/supportcontact"
    );
    assert_eq!(
        entries[1]["documented"],
        "PUT /v1/customers/{id}/subscriptions/overage"
    );
    assert!(entries[2].get("documented").is_none());
    // A documented route a served route's placeholder captures is answered as before.
    app.get(&format!(
        "/v1/customers/{CONTOSO}/subscriptions/usagerecords"
    ))
    .await;
    let journal = app.get("/_mock/requests").await;
    let captured = journal.body["items"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(captured["matched"], true);
    assert!(captured.get("documented").is_none());

    let log = String::from_utf8(lines.lock().unwrap().clone()).unwrap();
    let warnings: Vec<&str> = log.lines().filter(|l| l.contains("WARN")).collect();
    assert_eq!(warnings.len(), 3, "{log}");
    assert!(
        warnings[0].contains(
            "a documented route the mock does not emulate (GET /v1/customers/{id}/subscriptions/{subscriptionId}/supportcontact)"
        ),
        "{}",
        warnings[0]
    );
    assert!(warnings[1].contains("documented route"), "{}", warnings[1]);
    assert!(!warnings[2].contains("documented"), "{}", warnings[2]);
}

thread_local! {
    static CAPTURED: RefCell<Option<Arc<Mutex<Vec<u8>>>>> = const { RefCell::new(None) };
}

/// Captures what the log writes on this thread (where a `#[tokio::test]` runs its server).
/// The subscriber is global, because a callsite's interest is cached across threads; it writes
/// only where a test captures.
fn capture_log() -> Arc<Mutex<Vec<u8>>> {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_writer(|| ThreadWriter)
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("no other global logger");
    });
    let lines = Arc::new(Mutex::new(Vec::new()));
    CAPTURED.with(|captured| *captured.borrow_mut() = Some(Arc::clone(&lines)));
    lines
}

/// Writes into the buffer of the thread's capture, if any.
struct ThreadWriter;

impl std::io::Write for ThreadWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        CAPTURED.with(|captured| {
            if let Some(lines) = captured.borrow().as_ref() {
                lines.lock().unwrap().extend_from_slice(bytes);
            }
        });
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
