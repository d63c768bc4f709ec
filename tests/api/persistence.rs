//! `--state-file`: namespaces survive restarts, a crash never leaves a broken file, and a corrupt
//! file stops start-up.

use crate::binary::{BINARY, refused_start_up, spawn, wait};
use crate::helpers::{TestClient, answer, fresh_dir, new_customer, plain_client};
use reqwest::Client;
use reqwest::Method;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

async fn create(client: &Client, uri: &str, domain: &str, partner: &str) -> Option<String> {
    let response = client
        .post(format!("{uri}/v1/customers"))
        .bearer_auth("t")
        .header("X-Mock-Partner", partner)
        .json(&new_customer(domain, domain))
        .send()
        .await
        .ok()?;
    let created = answer(&Method::POST, response).await;
    if created.status != 201 {
        return None;
    }
    created.body["id"].as_str().map(str::to_owned)
}

fn terminate(child: &std::process::Child) {
    let signalled = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(signalled.success());
}

#[tokio::test]
async fn every_answered_write_survives_a_graceful_restart() {
    let dir = fresh_dir("graceful");
    let file = dir.path().join("state.json");
    let file_arg = file.to_str().unwrap();
    let (mut child, uri) = spawn(&["--state-file", file_arg]);
    assert!(
        file.exists(),
        "a missing state file is made from the seed at start-up"
    );
    let client = plain_client();
    let mut created = Vec::new();
    for n in 0..15 {
        let partner = if n % 2 == 0 { "default" } else { "team-b" };
        created.push((
            create(&client, &uri, &format!("kept{n}"), partner)
                .await
                .unwrap(),
            partner,
        ));
    }
    let team_b = TestClient::at(&uri).in_namespace("team-b");
    team_b.advance("P10D").await;
    let clock_before = team_b.get("/_mock/clock").await.body;
    terminate(&child);
    assert!(wait(&mut child).success());

    let (mut child, uri) = spawn(&["--state-file", file_arg]);
    let restarted = TestClient::at(&uri);
    for (id, partner) in &created {
        assert_eq!(
            restarted
                .in_namespace(partner)
                .get(&format!("/v1/customers/{id}"))
                .await
                .status,
            200,
            "{id} in {partner}"
        );
    }
    let clock_after = restarted
        .in_namespace("team-b")
        .get("/_mock/clock")
        .await
        .body;
    assert!(
        clock_after["now"].as_str() >= clock_before["now"].as_str(),
        "the clock kept its offset"
    );
    terminate(&child);
    wait(&mut child);
}

#[tokio::test]
async fn a_crash_at_any_moment_leaves_a_state_file_that_loads() {
    let dir = fresh_dir("crash");
    let file = dir.path().join("state.json");
    let file_arg = file.to_str().unwrap();
    let client = plain_client();
    let mut seen = 0;
    for round in 0..6u64 {
        let (mut child, uri) = spawn(&["--state-file", file_arg]);
        let partners = TestClient::at(&uri).get("/_mock/partners").await.body;
        let count = partners["items"][0]["customers"].as_u64().unwrap();
        assert!(
            count >= seen,
            "round {round}: the state went back from {seen} to {count}"
        );
        seen = count;
        let written = Arc::new(AtomicU64::new(0));
        let writer = {
            let (client, uri, written) = (client.clone(), uri.clone(), Arc::clone(&written));
            tokio::spawn(async move {
                for n in 0.. {
                    let domain = format!("crash{round}x{n}");
                    if create(&client, &uri, &domain, "default").await.is_none() {
                        break;
                    }
                    written.fetch_add(1, Ordering::Relaxed);
                }
            })
        };
        // Kill at a different moment each round, once the stream of writes is under way and a
        // save made after some of this round's writes has landed (a loaded machine may take a
        // while to save).
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let modified = || std::fs::metadata(&file).and_then(|m| m.modified()).ok();
        while std::time::Instant::now() < deadline && written.load(Ordering::Relaxed) < 3 {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        let before_save = modified();
        while std::time::Instant::now() < deadline && modified() == before_save {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(97 * round)).await;
        child.kill().unwrap();
        wait(&mut child);
        let _ = writer.await;
        let text = std::fs::read_to_string(&file).unwrap();
        serde_json::from_str::<serde_json::Value>(&text).expect("the file is complete JSON");
    }
    assert!(seen > 528, "writes reached the file");
}

#[test]
fn a_corrupt_state_file_stops_start_up_naming_it() {
    let dir = fresh_dir("corrupt");
    let file = dir.path().join("broken-state.json");
    for content in [
        "{\"version\": 1, \"namespaces\": {\"default\": {\"clockOffsetMs\": 0, \"state\": {\"partner\": 5}}}}",
        "{ not json",
    ] {
        std::fs::write(&file, content).unwrap();
        let stderr = refused_start_up(
            Command::new(BINARY)
                .args(["--port", "0", "--state-file"])
                .arg(&file),
        );
        assert!(stderr.contains("broken-state.json"), "{stderr}");
        assert!(stderr.contains("corrupt state file"), "{stderr}");
    }
}

#[tokio::test]
async fn settings_survive_a_graceful_restart() {
    let dir = fresh_dir("settings");
    let file = dir.path().join("state.json");
    let file_arg = file.to_str().unwrap();
    let (mut child, uri) = spawn(&["--state-file", file_arg]);
    let client = plain_client();
    let sent = serde_json::json!({"throttling": "documented", "throttlingTimeScale": 60.0});
    let changed = client
        .put(format!("{uri}/_mock/settings"))
        .header("X-Mock-Partner", "kept")
        .json(&sent)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    terminate(&child);
    assert!(wait(&mut child).success());

    let (mut child, uri) = spawn(&["--state-file", file_arg]);
    let mock = TestClient::at(&uri);
    let settings = mock.in_namespace("kept").get("/_mock/settings").await.body;
    assert_eq!(settings["throttling"], "documented");
    assert_eq!(settings["throttlingTimeScale"], 60.0);
    let other = mock.get("/_mock/settings").await.body;
    assert_eq!(other["throttling"], "off");
    terminate(&child);
    assert!(wait(&mut child).success());
}
