//! The fidelity matrix over HTTP: `/_mock/coverage` lists exactly the `/v1` operations of the
//! OpenAPI document as served, every other documented route as not emulated (answered as its
//! deviation says), and counts them; docs/fidelity.md and the README show the same data.

use crate::helpers::{E3, FABRIKAM, FABRIKAM_RI_ORDER, TestApp};
use crate::prerequisite::CONTRACT;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const NOT_EMULATED: &str = "not_emulated";

async fn coverage(app: &TestApp) -> Value {
    let coverage = app.get("/_mock/coverage").await;
    coverage.assert_ok();
    coverage.body
}

fn items(coverage: &Value) -> &Vec<Value> {
    coverage["items"].as_array().unwrap()
}

fn text<'a>(item: &'a Value, field: &str) -> &'a str {
    item[field].as_str().unwrap()
}

fn is_served(item: &Value) -> bool {
    text(item, "fidelity") != NOT_EMULATED
}

fn route(item: &Value) -> String {
    format!("{} {}", text(item, "method"), text(item, "path"))
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

/// A path of the matrix with its placeholders filled from the seed.
fn example(path: &str) -> String {
    let customer_or_offer = if path.starts_with("/v1/offers") {
        E3
    } else {
        FABRIKAM
    };
    path.split('/')
        .map(|segment| match segment {
            "{id}" => customer_or_offer,
            "{orderId}" => FABRIKAM_RI_ORDER,
            "{subscriptionId}" => "3c333333-3333-4333-8333-000000000001",
            "{domain}" => "fabrikaminc.onmicrosoft.com",
            "{n}" => "0",
            "{resourceId}" => "3e333333-3333-4333-8333-000000000001",
            other if other.starts_with('{') => "x1",
            other => other,
        })
        .collect::<Vec<_>>()
        .join("/")
}

async fn call(app: &TestApp, item: &Value) -> crate::helpers::Answer {
    let method = reqwest::Method::from_bytes(text(item, "method").as_bytes()).unwrap();
    let path = example(text(item, "path"));
    app.call(
        method,
        &format!("{path}?country=US"),
        Some("{}".to_owned()),
        &[],
    )
    .await
}

#[tokio::test]
async fn the_documented_matrix_and_the_coverage_route_are_the_same_data() {
    let fidelity =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/fidelity.md")).unwrap();
    let table: String = fidelity
        .lines()
        .skip_while(|line| !line.starts_with("| operation |"))
        .take_while(|line| line.starts_with('|'))
        .map(|line| format!("{line}\n"))
        .collect();
    // Row by row, the table in the docs names the routes the control plane serves, in its order.
    let app = TestApp::start().await;
    let coverage = coverage(&app).await;
    let served: Vec<(String, String)> = items(&coverage)
        .iter()
        .map(|item| (route(item), text(item, "fidelity").replace('_', " ")))
        .collect();
    let documented: Vec<(String, String)> = table
        .lines()
        .skip(2)
        .map(|line| {
            let cells: Vec<&str> = line.split(" | ").collect();
            let fidelity = cells[1].replace('-', " ");
            (
                cells[0]
                    .trim_start_matches("| `")
                    .trim_end_matches('`')
                    .to_owned(),
                fidelity,
            )
        })
        .collect();
    assert_eq!(documented, served);
}

#[tokio::test]
async fn the_served_entries_are_the_v1_operations_of_the_openapi_document() {
    let app = TestApp::start().await;
    let coverage = coverage(&app).await;
    let served: BTreeSet<(String, String)> = items(&coverage)
        .iter()
        .filter(|item| is_served(item))
        .map(|item| (text(item, "method").to_owned(), shape(text(item, "path"))))
        .collect();
    let document = app.get("/_mock/openapi.json").await;
    document.assert_ok();
    let operations: BTreeSet<(String, String)> = document.body["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(path, _)| path.starts_with("/v1/"))
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.to_ascii_uppercase(), shape(path)))
        })
        .collect();
    assert_eq!(served, operations);
    assert_eq!(coverage["counts"]["served"], served.len());
}

#[tokio::test]
async fn every_served_operation_in_the_matrix_is_routed() {
    let app = TestApp::start().await;
    let coverage = coverage(&app).await;
    for item in items(&coverage).iter().filter(|item| is_served(item)) {
        let answer = call(&app, item).await;
        let routed = answer.status != 405 && answer.body.get("statusCode").is_none();
        assert!(routed, "{} is not routed: {}", route(item), answer.text);
    }
}

#[tokio::test]
async fn each_route_not_emulated_is_answered_as_its_deviation_says_and_journaled_as_documented() {
    let app = TestApp::start().await;
    let coverage = coverage(&app).await;
    let missing: Vec<&Value> = items(&coverage)
        .iter()
        .filter(|item| !is_served(item))
        .collect();
    assert!(missing.len() > 40, "{}", missing.len());
    app.delete("/_mock/requests").await;
    let mut answers = Vec::new();
    for item in &missing {
        let sources = text(item, "sources");
        assert!(
            sources
                .split("; ")
                .all(|source| { source.starts_with("reference/api-") && source.contains(".md ") }),
            "{}: {sources}",
            route(item)
        );
        answers.push(call(&app, item).await);
    }
    let journal = app.get("/_mock/requests").await;
    let entries = journal.body["items"].as_array().unwrap();
    assert_eq!(entries.len(), missing.len());
    for ((item, answer), entry) in missing.iter().zip(&answers).zip(entries) {
        let deviations = text(item, "deviations");
        let route = route(item);
        if deviations.contains("captured by") {
            assert_eq!(entry["matched"], true, "{route}");
            assert!(entry.get("documented").is_none(), "{route}");
            continue;
        }
        let status = if deviations.contains("405") { 405 } else { 404 };
        assert_eq!(answer.status, status, "{route}: {deviations}");
        assert_eq!(entry["matched"], false, "{route}");
        assert_eq!(entry["documented"], route.as_str());
    }
    // A captured route names what captures it.
    let usage = missing
        .iter()
        .find(|item| route(item) == "GET /v1/customers/usagerecords")
        .unwrap();
    assert!(text(usage, "deviations").contains("GET /v1/customers/{id}"));
}

#[tokio::test]
async fn every_row_of_the_reference_endpoint_tables_is_named_by_the_matrix() {
    let folder = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reference"));
    let Some(folder) = CONTRACT.found(
        folder.is_dir().then_some(folder),
        &format!(
            "{} is absent, so there is nothing to compare against",
            folder.display()
        ),
    ) else {
        return;
    };
    let app = TestApp::start().await;
    let coverage = coverage(&app).await;
    let named: BTreeSet<&str> = items(&coverage)
        .iter()
        .flat_map(|item| text(item, "sources").split("; "))
        .filter(|source| source.starts_with("reference/"))
        .collect();
    let mut rows = 0;
    for file in [
        "api-customers.md",
        "api-subscriptions.md",
        "api-new-commerce.md",
        "api-users-licenses.md",
    ] {
        let reference = std::fs::read_to_string(folder.join(file)).unwrap();
        for line in reference.lines() {
            let Some(id) = endpoint_row_id(line) else {
                continue;
            };
            rows += 1;
            let source = format!("reference/{file} {id}");
            assert!(
                named.contains(source.as_str()),
                "{source} is not in the matrix"
            );
        }
    }
    assert!(rows >= 80, "{rows} rows");
}

/// The id of an endpoint table's row (`S10`, `P8`, `5.11`), when `line` is one.
fn endpoint_row_id(line: &str) -> Option<&str> {
    let id = line.strip_prefix("| ")?.split(" |").next()?;
    let mut chars = id.chars();
    let first = chars.next()?;
    let rest: String = chars.collect();
    let numbered = !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.');
    let has_route = line.contains("`GET")
        || line.contains("`POST")
        || line.contains("`PUT")
        || line.contains("`PATCH")
        || line.contains("`DELETE")
        || line.contains("`HEAD")
        || line.contains("same PATCH");
    ((first.is_ascii_uppercase() || first.is_ascii_digit()) && numbered && has_route).then_some(id)
}

#[tokio::test]
async fn the_counts_quoted_in_the_docs_are_the_coverage_counts() {
    let app = TestApp::start().await;
    let coverage = coverage(&app).await;
    let not_emulated = items(&coverage)
        .iter()
        .filter(|item| !is_served(item))
        .count();
    let counts = coverage["counts"].as_object().unwrap();
    assert_eq!(
        counts.keys().collect::<Vec<_>>(),
        ["documented", "served"],
        "{counts:?}"
    );
    let expected = (
        coverage["counts"]["documented"].as_u64().unwrap(),
        coverage["counts"]["served"].as_u64().unwrap(),
        not_emulated as u64,
    );
    for page in ["docs/fidelity.md", "README.md"] {
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(page)).unwrap();
        assert_eq!(quoted_counts(&text), Some(expected), "{page}");
    }
}

/// The three counts of the sentence that quotes the matrix's counts.
fn quoted_counts(text: &str) -> Option<(u64, u64, u64)> {
    let start = text.find("The reference's endpoint tables document")?;
    let sentence = &text[start..start + text[start..].find('.')?];
    let numbers: Vec<u64> = sentence
        .split("**")
        .skip(1)
        .step_by(2)
        .filter_map(|bold| bold.split_whitespace().next()?.parse().ok())
        .collect();
    match numbers[..] {
        [documented, served, not_emulated] => Some((documented, served, not_emulated)),
        _ => None,
    }
}
