//! The fidelity matrix: `/_mock/coverage` and the table in docs/fidelity.md are the same data.

use crate::helpers::TestApp;
use partner_center_mock::control::coverage::{OPERATIONS, markdown_table};

#[tokio::test]
async fn the_documented_matrix_and_the_coverage_route_are_the_same_data() {
    let table = markdown_table();
    let fidelity =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/fidelity.md")).unwrap();
    assert!(
        fidelity.contains(&table),
        "docs/fidelity.md must hold the fidelity matrix exactly as rendered:\n{table}"
    );
    let app = TestApp::start().await;
    let coverage = app.get("/_mock/coverage").await;
    coverage.assert_ok();
    let items = coverage.body["items"].as_array().unwrap();
    assert_eq!(items.len(), OPERATIONS.len());
    for (item, operation) in items.iter().zip(OPERATIONS) {
        assert_eq!(item["method"], operation.method);
        assert_eq!(item["path"], operation.path);
        assert!(
            ["exact", "approximated", "mock_defined"].contains(&item["fidelity"].as_str().unwrap())
        );
    }
}

#[tokio::test]
async fn every_operation_in_the_matrix_is_served() {
    let app = TestApp::start().await;
    for operation in OPERATIONS {
        let customer_or_offer = if operation.path.starts_with("/v1/offers") {
            crate::helpers::E3
        } else {
            crate::helpers::FABRIKAM
        };
        let path = operation
            .path
            .replace("{id}", customer_or_offer)
            .replace("{orderId}", crate::helpers::FABRIKAM_RI_ORDER)
            .replace("{subscriptionId}", "3c333333-3333-4333-8333-000000000001")
            .replace("{domain}", "fabrikaminc.onmicrosoft.com")
            .replace("{n}", "0")
            .replace("{resourceId}", "3e333333-3333-4333-8333-000000000001");
        let method = reqwest::Method::from_bytes(operation.method.as_bytes()).unwrap();
        let answer = app
            .call(
                method,
                &format!("{path}?country=US"),
                Some("{}".to_owned()),
                &[],
            )
            .await;
        let routed = answer.status != 405 && answer.body.get("statusCode").is_none();
        assert!(
            routed,
            "{} {path} is not routed: {}",
            operation.method, answer.text
        );
    }
}

/// A path with its parameter names dropped, for comparing documents that name them differently.
fn shape(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                "{}".to_owned()
            } else {
                segment.to_ascii_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn the_matrix_rows_are_the_documented_partner_center_operations() {
    let in_matrix: std::collections::BTreeSet<(String, String)> = OPERATIONS
        .iter()
        .map(|operation| (operation.method.to_owned(), shape(operation.path)))
        .collect();
    let documented: std::collections::BTreeSet<(String, String)> = crate::openapi::documented()
        .into_iter()
        .filter(|(_, path)| path.starts_with("/v1/"))
        .map(|(method, path)| (method, shape(&path)))
        .collect();
    assert_eq!(in_matrix, documented);
}
