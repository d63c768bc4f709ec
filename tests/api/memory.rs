//! Memory bounded in total: the journal budget across namespaces, and the namespace limit with
//! idle namespaces making room.

use crate::binary::{spawn, wait};
use crate::helpers::{CONTOSO, TestApp, TestClient, fresh_dir};
use partner_center_mock::MockPartnerCenter;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// The namespaces `GET /_mock/partners` lists, by name.
async fn partners(app: &TestClient) -> Vec<String> {
    let listed = app.get("/_mock/partners").await;
    listed.assert_ok();
    listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_owned())
        .collect()
}

fn count(value: &Value) -> usize {
    value.as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn over_the_budget_the_oldest_entries_go_first_whichever_namespace_holds_them() {
    const BUDGET: u64 = 24 * 1024;
    let app = TestApp::with(MockPartnerCenter::builder().journal_budget(BUDGET as usize)).await;
    let (early, late) = (app.in_namespace("early"), app.in_namespace("late"));
    for _ in 0..5 {
        early
            .get(&format!("/v1/customers/{CONTOSO}"))
            .await
            .assert_ok();
    }
    let before = early.get("/_mock/requests").await.body;
    assert_eq!(count(&before["items"]), 5, "the budget holds five entries");
    assert_eq!(before["budget"]["budgetBytes"], BUDGET);

    for _ in 0..40 {
        late.get(&format!("/v1/customers/{CONTOSO}"))
            .await
            .assert_ok();
    }
    let early_journal = early.get("/_mock/requests").await.body;
    let late_journal = late.get("/_mock/requests").await.body;
    assert_eq!(
        count(&early_journal["items"]),
        0,
        "the older namespace's entries went first"
    );
    assert_eq!(early_journal["dropped"], 5, "and it counts them as dropped");
    assert_eq!(early_journal["evicted"], 5);
    let kept = count(&late_journal["items"]) as u64;
    assert!(kept > 0 && kept < 40, "{kept}");
    assert_eq!(late_journal["dropped"].as_u64().unwrap(), 40 - kept);
    assert_eq!(late_journal["evicted"], late_journal["dropped"]);
    let sequences: Vec<u64> = late_journal["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["sequence"].as_u64().unwrap())
        .collect();
    assert_eq!(*sequences.last().unwrap(), 40, "the newest entry stays");
    assert_eq!(sequences[0], 40 - kept + 1, "the oldest went first");

    let health = app.get("/_mock/health").await.body;
    let in_use = health["journal"]["bytesInUse"].as_u64().unwrap();
    assert_eq!(health["journal"]["budgetBytes"], BUDGET);
    assert!(in_use <= BUDGET, "{in_use}");
    assert_eq!(health["journal"]["entries"].as_u64().unwrap(), kept);
    assert_eq!(late_journal["budget"]["bytesInUse"], in_use);
    let listed = app.get("/_mock/partners").await.body;
    let journal_bytes: u64 = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["journalBytes"].as_u64().unwrap())
        .sum();
    assert_eq!(journal_bytes, in_use);
}

#[tokio::test]
async fn an_entry_larger_than_the_whole_budget_is_kept_cut_to_fit() {
    let app = TestApp::with(MockPartnerCenter::builder().journal_budget(4 * 1024)).await;
    app.get("/v1/customers?size=100").await.assert_ok();
    let journal = app.get("/_mock/requests").await.body;
    assert_eq!(count(&journal["items"]), 1, "{journal}");
    assert_eq!(journal["items"][0]["responseBodyTruncated"], true);
    assert!(journal["bytes"].as_u64().unwrap() <= 4 * 1024);
}

#[tokio::test]
async fn at_the_namespace_limit_a_new_namespace_is_refused_with_503_and_nothing_is_made() {
    let app = TestApp::with(MockPartnerCenter::builder().max_namespaces(2)).await;
    let first = app.in_namespace("first");
    first.get("/v1/customers?size=1").await.assert_ok();
    assert_eq!(partners(&app).await, ["default", "first"]);
    let default_journal = app.get("/_mock/requests").await.body;

    let second = app.in_namespace("second");
    let refused = second.get("/v1/customers?size=1").await;
    refused.assert_fault(503, 900503);
    let description = refused.body["description"].as_str().unwrap();
    for named in ["limit of 2", "--max-namespaces", "PCMOCK_MAX_NAMESPACES"] {
        assert!(description.contains(named), "{description}");
    }
    assert_eq!(refused.body["source"], "PartnerFD");
    assert_eq!(refused.body["data"], json!([]));
    second
        .post(
            "/v1/customers",
            &crate::helpers::new_customer("x.example", "X"),
        )
        .await
        .assert_fault(503, 900503);
    second.get("/_mock/state").await.assert_fault(503, 900503);
    app.post("/_mock/partners/first/fork", &json!({"to": "second"}))
        .await
        .assert_fault(503, 900503);

    assert_eq!(
        partners(&app).await,
        ["default", "first"],
        "nothing was made"
    );
    let health = app.get("/_mock/health").await.body;
    assert_eq!(health["namespaces"], json!({"count": 2, "limit": 2}));
    assert_eq!(app.get("/_mock/requests").await.body, default_journal);
    assert_eq!(
        count(&first.get("/_mock/requests").await.body["items"]),
        1,
        "nothing was journaled elsewhere"
    );
    first.get("/v1/customers?size=1").await.assert_ok();
}

#[tokio::test]
async fn an_idle_namespace_makes_room_and_one_with_a_saved_snapshot_never_does() {
    let app = TestApp::with(
        MockPartnerCenter::builder()
            .max_namespaces(4)
            .namespace_idle_threshold(Duration::ZERO),
    )
    .await;
    let kept = app.in_namespace("kept");
    let saved = kept
        .post("/_mock/snapshots", &json!({"name": "before"}))
        .await;
    assert_eq!(saved.status, 201, "{}", saved.text);
    let (old, recent) = (app.in_namespace("old"), app.in_namespace("recent"));
    let created = old
        .post(
            "/v1/customers",
            &crate::helpers::new_customer("old.example", "Old"),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let customer = format!("/v1/customers/{}", created.body["id"].as_str().unwrap());
    old.get(&customer).await.assert_ok();
    tokio::time::sleep(Duration::from_millis(20)).await;
    recent.get("/v1/customers?size=1").await.assert_ok();
    tokio::time::sleep(Duration::from_millis(20)).await;
    app.get("/v1/customers?size=1").await.assert_ok();
    assert_eq!(partners(&app).await, ["default", "kept", "old", "recent"]);

    let listed = app.get("/_mock/partners").await.body;
    let last_used = |name: &str| {
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["name"] == name)
            .and_then(|n| n["lastUsed"].as_str())
            .unwrap()
            .to_owned()
    };
    assert!(last_used("old") < last_used("recent"), "{listed}");

    app.in_namespace("new")
        .get("/v1/customers?size=1")
        .await
        .assert_ok();
    assert_eq!(
        partners(&app).await,
        ["default", "kept", "new", "recent"],
        "the least recently used idle namespace made room"
    );
    // A dropped namespace starts over from the seed, and "recent" is now the least recently used.
    old.get(&customer).await.assert_fault(404, 1000);
    assert_eq!(partners(&app).await, ["default", "kept", "new", "old"]);

    let small = TestApp::with(
        MockPartnerCenter::builder()
            .max_namespaces(2)
            .namespace_idle_threshold(Duration::ZERO),
    )
    .await;
    small
        .in_namespace("kept")
        .post("/_mock/snapshots", &json!({"name": "before"}))
        .await;
    small
        .in_namespace("other")
        .get("/v1/customers?size=1")
        .await
        .assert_fault(503, 900503);
    assert_eq!(partners(&small).await, ["default", "kept"]);
    let snapshots = small.in_namespace("kept").get("/_mock/snapshots").await;
    assert_eq!(count(&snapshots.body["items"]), 1);
}

#[tokio::test]
async fn with_a_state_file_a_namespace_past_its_idle_ttl_leaves_the_file() {
    let dir = fresh_dir("idle-ttl");
    let file = dir.path().join("state.json");
    let (mut child, uri) = spawn(&[
        "--state-file",
        file.to_str().unwrap(),
        "--namespace-idle-ttl",
        "1s",
    ]);
    let client = TestClient::at(&uri);
    let brief = client.in_namespace("brief");
    let created = brief
        .post(
            "/v1/customers",
            &crate::helpers::new_customer("brief.example", "Brief"),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let saved = |present: bool| {
        let file = file.clone();
        async move {
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                if text.contains("\"brief\"") == present {
                    return;
                }
                assert!(Instant::now() < deadline, "brief present: {present}?");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    };
    saved(true).await;
    saved(false).await;
    assert_eq!(partners(&client).await, ["default"]);
    child.kill().unwrap();
    wait(&mut child);
}
