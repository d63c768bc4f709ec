//! `/_mock/settings`: per namespace, merged key by key, refused whole when one key is invalid,
//! kept by a reset, carried by snapshots and forks, and set for every namespace by the flags.

use crate::binary::spawn;
use crate::helpers::*;
use reqwest::Method;
use serde_json::{Value, json};

const DEFAULTS: &str = r#"{"provisioningDelay":"PT0S","renewalDuration":"PT0S","throttling":"off","throttlingTimeScale":1.0,"throttlingClock":"real","throttlingBuckets":[]}"#;

async fn settings(app: &TestApp, partner: &str) -> Value {
    let answer = app.in_namespace(partner).get("/_mock/settings").await;
    answer.assert_ok();
    answer.body
}

async fn put_settings(app: &TestApp, partner: &str, body: Value) -> Answer {
    app.in_namespace(partner)
        .put("/_mock/settings", &body)
        .await
}

fn defaults() -> Value {
    serde_json::from_str(DEFAULTS).unwrap()
}

#[tokio::test]
async fn settings_merge_the_keys_sent_in_one_namespace_only() {
    let app = TestApp::start().await;
    assert_eq!(settings(&app, "a").await, defaults());
    let changed = put_settings(
        &app,
        "a",
        json!({"ProvisioningDelay": "PT5M", "throttlingClock": "Virtual"}),
    )
    .await;
    changed.assert_ok();
    let expected = json!({"provisioningDelay": "PT5M", "renewalDuration": "PT0S", "throttling": "off", "throttlingTimeScale": 1.0, "throttlingClock": "virtual", "throttlingBuckets": []});
    assert_eq!(changed.body, expected);
    assert_eq!(settings(&app, "a").await, expected);
    assert_eq!(settings(&app, "b").await, defaults());
}

#[tokio::test]
async fn one_invalid_key_refuses_the_whole_document_and_names_it() {
    let app = TestApp::start().await;
    for (body, key) in [
        (
            json!({"provisioningDelay": "PT1M", "throttling": "sometimes"}),
            "throttling",
        ),
        (json!({"provisioningDelay": "soon"}), "provisioningDelay"),
        (
            json!({"throttlingTimeScale": 0.5, "throttling": "documented"}),
            "throttlingTimeScale",
        ),
        (
            json!({"throttlingClock": "wall", "provisioningDelay": "PT1M"}),
            "throttlingClock",
        ),
        (
            json!({"throttlingTimeScale": "fast"}),
            "throttlingTimeScale",
        ),
    ] {
        let refused = put_settings(&app, "default", body.clone()).await;
        refused.assert_fault(400, 2000);
        let description = refused.body["description"].as_str().unwrap();
        assert!(description.contains(key), "{body}: {description}");
        assert_eq!(
            settings(&app, "default").await,
            defaults(),
            "{body} changed something"
        );
    }
}

#[tokio::test]
async fn a_reset_keeps_the_settings_and_snapshots_and_forks_carry_them() {
    let app = TestApp::start().await;
    put_settings(&app, "default", json!({"provisioningDelay": "PT1H"}))
        .await
        .assert_ok();
    app.post("/_mock/snapshots", &json!({"name": "slow"})).await;
    app.post("/_mock/reset", &json!({})).await.assert_ok();
    assert_eq!(settings(&app, "default").await["provisioningDelay"], "PT1H");

    app.post("/_mock/partners/default/fork", &json!({"to": "copy"}))
        .await;
    assert_eq!(settings(&app, "copy").await["provisioningDelay"], "PT1H");

    put_settings(&app, "default", json!({"provisioningDelay": "PT0S"}))
        .await
        .assert_ok();
    app.post("/_mock/snapshots/slow/restore", &json!({}))
        .await
        .assert_ok();
    assert_eq!(settings(&app, "default").await["provisioningDelay"], "PT1H");
}

#[tokio::test]
async fn the_flags_set_every_namespace_at_start() {
    let (mut child, uri) = spawn(&[
        "--provisioning-delay",
        "PT10M",
        "--throttling",
        "documented",
        "--throttling-time-scale",
        "60",
        "--throttling-clock",
        "virtual",
    ]);
    let expected = json!({"provisioningDelay": "PT10M", "renewalDuration": "PT0S", "throttling": "documented", "throttlingTimeScale": 60.0, "throttlingClock": "virtual", "throttlingBuckets": []});
    let client = TestClient::at(&uri);
    for partner in ["default", "other"] {
        let answer = client.in_namespace(partner).get("/_mock/settings").await;
        assert_eq!(answer.body, expected);
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn an_invalid_flag_stops_start_up_and_names_it() {
    let output = std::process::Command::new(crate::binary::BINARY)
        .args(["--provisioning-delay", "ten minutes"])
        .env("PCMOCK_PORT", "0")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("provisioningDelay"));
    assert!(output.stdout.is_empty(), "nothing is served");
}

/// Settings a test can tell from the defaults in every key.
fn changed() -> Value {
    json!({"provisioningDelay": "PT5M", "renewalDuration": "PT2H", "throttling": "documented", "throttlingTimeScale": 60.0, "throttlingClock": "virtual"})
}

async fn state(app: &TestApp, partner: &str) -> Answer {
    app.get_with("/_mock/state", &[("X-Mock-Partner", partner)])
        .await
}

async fn import(app: &TestApp, partner: &str, document: &Value) -> Answer {
    app.call(
        Method::PUT,
        "/_mock/state",
        Some(document.to_string()),
        &[("X-Mock-Partner", partner)],
    )
    .await
}

/// The settings of a namespace, without the buckets.
async fn keys(app: &TestApp, partner: &str) -> Value {
    let mut answer = settings(app, partner).await;
    answer.as_object_mut().unwrap().remove("throttlingBuckets");
    answer
}

#[tokio::test]
async fn the_export_carries_the_settings_and_an_import_applies_them() {
    let app = TestApp::start().await;
    put_settings(&app, "a", changed()).await.assert_ok();
    let exported = state(&app, "a").await;
    exported.assert_ok();
    assert_eq!(exported.body["settings"], changed());

    import(&app, "b", &exported.body).await.assert_ok();
    assert_eq!(keys(&app, "b").await, changed());
    assert_eq!(
        state(&app, "b").await.text,
        exported.text,
        "export then import is an identity"
    );
}

#[tokio::test]
async fn an_import_without_settings_keeps_the_namespace_s_own() {
    let app = TestApp::start().await;
    put_settings(&app, "default", changed()).await.assert_ok();
    let mut document = state(&app, "default").await.body;
    document.as_object_mut().unwrap().remove("settings");
    document["customers"] = json!([]);
    import(&app, "default", &document).await.assert_ok();
    assert_eq!(keys(&app, "default").await, changed());
    assert_eq!(state(&app, "default").await.body["customers"], json!([]));
}

#[tokio::test]
async fn an_import_with_an_invalid_setting_names_its_path_and_changes_nothing() {
    let app = TestApp::start().await;
    let before = state(&app, "default").await.text;
    let mut document: Value = serde_json::from_str(&before).unwrap();
    document["customers"] = json!([]);
    document["settings"] = json!({"throttling": "sometimes"});
    let refused = import(&app, "default", &document).await;
    refused.assert_fault(400, 2000);
    let description = refused.body["description"].as_str().unwrap();
    assert!(description.contains("settings.throttling"), "{description}");
    assert_eq!(state(&app, "default").await.text, before);
    assert_eq!(settings(&app, "default").await, defaults());
}

#[tokio::test]
async fn throttling_buckets_sent_in_a_put_are_read_only_and_ignored() {
    let app = TestApp::start().await;
    put_settings(&app, "default", changed()).await.assert_ok();
    let forged = json!([{"bucket": "subscriptions/x", "resource": "subscriptions", "used": 499, "limit": 1, "windowSeconds": 1.0}]);
    for body in [
        json!({"throttlingBuckets": forged}),
        json!({"throttlingBuckets": "not even a list"}),
    ] {
        let answer = put_settings(&app, "default", body.clone()).await;
        answer.assert_ok();
        assert_eq!(answer.body["throttlingBuckets"], json!([]), "{body}");
        assert_eq!(keys(&app, "default").await, changed(), "{body}");
    }
    let answer = put_settings(
        &app,
        "default",
        json!({"throttlingBuckets": forged, "throttling": "off"}),
    )
    .await;
    answer.assert_ok();
    assert_eq!(answer.body["throttling"], "off", "the other keys are taken");
}

#[tokio::test]
async fn a_seed_file_names_settings_and_the_flags_override_them() {
    let dir = fresh_dir("settings-seed");
    let file = dir.path().join("seed.json");
    let seed = json!({
        "partner": {"id": "9c6f1b2e-4a57-4d0e-9b1a-2f6e1d5c7a10", "name": "Seeded", "mpnId": "1"},
        "settings": {"throttling": "documented", "provisioningDelay": "PT1M"}
    });
    std::fs::write(&file, seed.to_string()).unwrap();
    let (mut child, uri) = spawn(&[
        "--seed",
        file.to_str().unwrap(),
        "--throttling-clock",
        "virtual",
    ]);
    let answer = TestClient::at(&uri).get("/_mock/settings").await.body;
    assert_eq!(
        answer,
        json!({"provisioningDelay": "PT1M", "renewalDuration": "PT0S", "throttling": "documented", "throttlingTimeScale": 1.0, "throttlingClock": "virtual", "throttlingBuckets": []})
    );
    child.kill().unwrap();
    child.wait().unwrap();
}
