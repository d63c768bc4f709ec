//! Preconditions on every PATCH and PUT of a resource with an etag: an `If-Match` header or a
//! body etag that is not the resource's current one is refused with 400, code 2055, and nothing
//! changes; the current etag lets the change through.

use crate::helpers::{CONTOSO, FABRIKAM, FABRIKAM_RI_ORDER, TestApp};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use reqwest::Method;
use serde_json::{Value, json};

/// A resource that carries an etag, and one change to it.
struct Versioned {
    path: String,
    method: Method,
    change: Value,
}

fn resources() -> Vec<Versioned> {
    vec![
        Versioned {
            path: format!("/v1/customers/{CONTOSO}/profiles/billing"),
            method: Method::PUT,
            change: json!({"email": "billing@contoso.example"}),
        },
        Versioned {
            path: format!(
                "/v1/customers/{CONTOSO}/subscriptions/2c222222-2222-4222-8222-000000000001"
            ),
            method: Method::PATCH,
            change: json!({"friendlyName": "Renamed"}),
        },
        Versioned {
            path: format!("/v1/customers/{FABRIKAM}/orders/{FABRIKAM_RI_ORDER}"),
            method: Method::PATCH,
            change: json!({"status": "cancelled"}),
        },
    ]
}

/// The etag of the same resource at another version than `etag`'s.
fn other_version(etag: &str) -> String {
    let decoded: Value = serde_json::from_slice(&STANDARD.decode(etag).unwrap()).unwrap();
    let other = json!({"id": decoded["id"], "version": decoded["version"].as_u64().unwrap() + 1});
    STANDARD.encode(other.to_string())
}

#[tokio::test]
async fn an_etag_of_another_version_is_refused_on_every_put_and_patch() {
    let app = TestApp::start().await;
    for resource in resources() {
        let current = app.get(&resource.path).await;
        current.assert_ok();
        let etag = current.str("/attributes/etag").to_owned();
        let stale = other_version(&etag);
        let quoted = format!("\"{stale}\"");
        let header = app
            .assert_refused(
                400,
                2055,
                app.call(
                    resource.method.clone(),
                    &resource.path,
                    Some(resource.change.to_string()),
                    &[("If-Match", &quoted)],
                ),
            )
            .await;
        assert_eq!(header.header("x-mock-rule"), Some("etag-current"));

        let mut in_body = resource.change.clone();
        in_body["attributes"] = json!({"etag": stale});
        let body = Some(in_body.to_string());
        app.assert_refused(
            400,
            2055,
            app.call(resource.method.clone(), &resource.path, body, &[]),
        )
        .await;
        assert_eq!(app.get(&resource.path).await.body, current.body);

        let quoted = format!("\"{etag}\"");
        let changed = app
            .call(
                resource.method.clone(),
                &resource.path,
                Some(resource.change.to_string()),
                &[("If-Match", &quoted)],
            )
            .await;
        changed.assert_ok();
        assert_ne!(changed.body["attributes"]["etag"], etag.as_str());
    }
}

#[tokio::test]
async fn an_if_match_on_the_order_patch_is_held_against_the_order() {
    let app = TestApp::start().await;
    let path = format!("/v1/customers/{FABRIKAM}/orders/{FABRIKAM_RI_ORDER}");
    let refused = app
        .call(
            Method::PATCH,
            &path,
            Some(json!({"status": "cancelled"}).to_string()),
            &[("If-Match", "W/\"not-an-etag\"")],
        )
        .await;
    refused.assert_fault(400, 2055);
    assert_eq!(app.get(&path).await.body["status"], "completed");

    let any = app
        .call(
            Method::PATCH,
            &path,
            Some(json!({"status": "cancelled"}).to_string()),
            &[("If-Match", "*")],
        )
        .await;
    any.assert_ok();
    assert_eq!(any.body["status"], "cancelled");
}
