//! What a thousand namespaces cost, each made by one write over HTTP.

use crate::helpers::{TestApp, new_customer};
use reqwest::Method;
use std::time::Instant;

/// The resident memory of this process, in KiB (Linux only).
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[tokio::test]
async fn a_thousand_namespaces_stay_cheap() {
    let app = TestApp::start().await;
    let before = resident_kib();
    let started = Instant::now();
    for n in 0..1000 {
        let partner = format!("worker-{n}");
        let answer = app
            .call(
                Method::POST,
                "/v1/customers",
                Some(new_customer(&format!("ns{n}"), "Namespace").to_string()),
                &[("X-Mock-Partner", &partner)],
            )
            .await;
        assert_eq!(answer.status, 201, "{}", answer.text);
    }
    let elapsed = started.elapsed();
    let after = resident_kib();
    let partners = app.get("/_mock/partners").await;
    assert_eq!(partners.body["items"].as_array().unwrap().len(), 1001);
    let grown = after.zip(before).map(|(a, b)| a.saturating_sub(b));
    let per_namespace_ms = elapsed.as_secs_f64() * 1000.0 / 1000.0;
    println!(
        "1,000 namespaces, one write each: {:.2} s ({per_namespace_ms:.2} ms a namespace), resident memory grew by {} KiB ({} KiB a namespace)",
        elapsed.as_secs_f64(),
        grown.map_or("?".to_owned(), |g| g.to_string()),
        grown.map_or("?".to_owned(), |g| (g / 1000).to_string()),
    );
    assert!(elapsed.as_secs() < 60, "{elapsed:?}");
    if let Some(grown) = grown {
        assert!(grown < 512 * 1024, "grew by {grown} KiB");
    }
}
