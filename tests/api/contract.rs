//! Conformance with the request and response bodies recorded from the public Partner Center
//! docs, kept beside the project in `../shared/contract` (third-party data, read in place and
//! never copied). For each recording whose endpoint the mock serves, the equivalent request is
//! replayed against a seeded mock, and the answer must have the recording's property names and
//! JSON types at every level (values are free; `objectType` must match, enum-like values must
//! be spelled the same way). Recorded request bodies must be accepted.
//!
//! Deliberate differences are listed in [`DEVIATIONS`], each with its reason. The test prints a
//! report per file and skips, saying so, where `../shared/contract` is absent.

use crate::helpers::{CONTOSO, RESELLER, TestApp, WOODGROVE};
use reqwest::Method;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Differences the mock keeps on purpose: (file, JSON path, reason).
const DEVIATIONS: &[(&str, &str, &str)] = &[];

/// Properties whose values are enum spellings: the mock's must be spelled as the recording's.
const ENUM_PROPERTIES: &[&str] = &[
    "relationshipToPartner",
    "relationshipType",
    "status",
    "billingCycle",
    "billingType",
    "contractType",
];

/// How a recording is replayed.
enum Replay {
    /// `GET` (or another method without a body) on a path, the answer compared with the file.
    Call(Method, String),
    /// A request body from another file, sent to a path; the answer compared with this file.
    Send(Method, String, &'static str),
    /// A recorded request body, checked where its response file is replayed.
    RequestOf(&'static str),
    /// Not served by the mock yet, with the reason.
    NotServed(&'static str),
}

fn customers_cases() -> Vec<(&'static str, Replay)> {
    use Replay::{Call, NotServed, RequestOf, Send};
    let get = |path: String| Call(Method::GET, path);
    let filter = |file: &str, value: Option<&str>| {
        let mut filter = read(&format!("customers/{file}"));
        if let Some(value) = value {
            filter["Value"] = value.into();
        }
        let encoded: String =
            form_urlencoded::byte_serialize(filter.to_string().as_bytes()).collect();
        format!("/v1/customers?size=0&filter={encoded}")
    };
    vec![
        (
            "get-customer.response.json",
            get(format!("/v1/customers/{CONTOSO}")),
        ),
        (
            "list-customers.response.json",
            get("/v1/customers?size=40".into()),
        ),
        (
            "list-customers-filter-by-name.query-filter.json",
            RequestOf("list-customers-filter-by-name.response.json"),
        ),
        (
            "list-customers-filter-by-name.response.json",
            get(filter(
                "list-customers-filter-by-name.query-filter.json",
                None,
            )),
        ),
        (
            "list-customers-of-indirect-reseller.query-filter.json",
            RequestOf("list-customers-of-indirect-reseller.response.json"),
        ),
        (
            "list-customers-of-indirect-reseller.response.json",
            get(filter(
                "list-customers-of-indirect-reseller.query-filter.json",
                Some(RESELLER),
            )),
        ),
        (
            "create-customer.request.json",
            RequestOf("create-customer.response.json"),
        ),
        (
            "create-customer.response.json",
            Send(
                Method::POST,
                "/v1/customers".into(),
                "create-customer.request.json",
            ),
        ),
        (
            "create-customer-indirect-reseller.request.json",
            RequestOf("create-customer-indirect-reseller.response.json"),
        ),
        (
            "create-customer-indirect-reseller.response.json",
            Send(
                Method::POST,
                "/v1/customers".into(),
                "create-customer-indirect-reseller.request.json",
            ),
        ),
        (
            "get-customer-company-profile.response.json",
            get(format!("/v1/customers/{CONTOSO}/profiles/company")),
        ),
        (
            "get-customer-billing-profile.response.json",
            get(format!("/v1/customers/{CONTOSO}/profiles/billing")),
        ),
        (
            "update-customer-billing-profile.request.json",
            RequestOf("update-customer-billing-profile.response.json"),
        ),
        (
            "update-customer-billing-profile.response.json",
            Send(
                Method::PUT,
                format!("/v1/customers/{CONTOSO}/profiles/billing"),
                "update-customer-billing-profile.request.json",
            ),
        ),
        (
            "get-relationship-request.response.json",
            get("/v1/customers/relationshiprequests".into()),
        ),
        (
            "list-customer-relationships.response.json",
            get(format!("/v1/customers/{WOODGROVE}/relationships")),
        ),
        (
            "collection-links-next-with-continuation.excerpt.json",
            get("/v1/customers?size=2".into()),
        ),
        (
            "error-2000-invalid-input.response.json",
            get("/v1/customers/not-a-guid".into()),
        ),
        (
            "error-404-gateway.response.json",
            get("/v1/no-such-route".into()),
        ),
        (
            "patch-customer-remove-relationship.request.json",
            NotServed("removing the reseller relationship arrives with the subscription rules"),
        ),
        (
            "patch-customer-remove-relationship.request.dotnet-sdk-derived.json",
            NotServed("removing the reseller relationship arrives with the subscription rules"),
        ),
        (
            "patch-customer-remove-relationship.response.json",
            NotServed("removing the reseller relationship arrives with the subscription rules"),
        ),
        (
            "patch-customer-remove-dap.request.json",
            NotServed("removing delegated admin access arrives with the subscription rules"),
        ),
        (
            "error-20002-no-relationship.response.json",
            NotServed("needs a removed relationship, which arrives with the subscription rules"),
        ),
        (
            "error-800090-subscription-quantity.response.json",
            NotServed("subscriptions are not served yet"),
        ),
        (
            "error-throttled-429.response.json",
            NotServed("throttling comes from fault injection, not served yet"),
        ),
        (
            "error-3000-not-found.response.json",
            NotServed("partner lookup by MPN id (/v1/profiles/mpn) is not served"),
        ),
        (
            "add-verified-domain.request.json",
            NotServed("verified domains are not served"),
        ),
        (
            "add-verified-domain.response.json",
            NotServed("verified domains are not served"),
        ),
        (
            "validate-address.request.json",
            NotServed("address validation is not served"),
        ),
        (
            "validate-address.response.json",
            NotServed("address validation is not served"),
        ),
        (
            "get-customer-custom-domains.response.json",
            NotServed("GET /v1/customers/{id}/customDomains is not served"),
        ),
        (
            "list-partner-relationships.response.json",
            NotServed("GET /v1/relationships is not served"),
        ),
    ]
}

fn contract_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/contract");
    dir.is_dir().then_some(dir)
}

fn read(relative: &str) -> Value {
    let path = contract_dir().expect("the contract folder").join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[tokio::test]
async fn recorded_customer_responses_match_the_mock_in_names_and_types() {
    let Some(dir) = contract_dir() else {
        eprintln!("skipped: ../shared/contract is absent, so there is nothing to compare against");
        return;
    };
    let cases = customers_cases();
    let mut on_disk: Vec<String> = std::fs::read_dir(dir.join("customers"))
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json"))
        .collect();
    on_disk.sort();
    let unknown: Vec<&String> = on_disk
        .iter()
        .filter(|name| !cases.iter().any(|(file, _)| file == name))
        .collect();
    assert!(
        unknown.is_empty(),
        "recordings with no replay decided: {unknown:?}"
    );

    let mut failures = Vec::new();
    let mut used_deviations = Vec::new();
    for (file, replay) in &cases {
        let deviations = match replay {
            Replay::NotServed(reason) => {
                println!("contract customers/{file}: not served ({reason})");
                continue;
            }
            Replay::RequestOf(response) => {
                println!("contract customers/{file}: request, replayed with {response}");
                continue;
            }
            Replay::Call(method, path) => {
                let app = TestApp::start().await;
                let answer = app.call(method.clone(), path, None, &[]).await;
                shape_deviations(&read(&format!("customers/{file}")), &answer.body)
            }
            Replay::Send(method, path, request) => {
                let app = TestApp::start().await;
                let mut body = read(&format!("customers/{request}"));
                current_etag(&app, path, &mut body).await;
                let answer = app
                    .call(method.clone(), path, Some(body.to_string()), &[])
                    .await;
                if !(200..300).contains(&answer.status) {
                    failures.push(format!(
                        "customers/{request}: the recorded request was refused: {}",
                        answer.text
                    ));
                    continue;
                }
                shape_deviations(&read(&format!("customers/{file}")), &answer.body)
            }
        };
        let (listed, unlisted): (Vec<_>, Vec<_>) = deviations
            .into_iter()
            .partition(|(path, _)| DEVIATIONS.iter().any(|(f, p, _)| f == file && p == path));
        if unlisted.is_empty() && listed.is_empty() {
            println!("contract customers/{file}: matched");
        } else {
            println!("contract customers/{file}: deviating");
            for (path, what) in listed.iter().chain(&unlisted) {
                println!("    {path}: {what}");
            }
        }
        used_deviations.extend(listed.into_iter().map(|(path, _)| (*file, path)));
        failures.extend(
            unlisted
                .into_iter()
                .map(|(path, what)| format!("customers/{file} {path}: {what}")),
        );
    }
    for (file, path, _) in DEVIATIONS {
        if !used_deviations.iter().any(|(f, p)| f == file && p == path) {
            failures.push(format!("listed deviation no longer occurs: {file} {path}"));
        }
    }
    assert!(
        failures.is_empty(),
        "contract failures:\n{}",
        failures.join("\n")
    );
}

/// The recorded update bodies carry a placeholder etag; the replay sends the current one.
async fn current_etag(app: &TestApp, path: &str, body: &mut Value) {
    let Some(attributes) = body.get_mut("Attributes") else {
        return;
    };
    if attributes.get("Etag").is_some() {
        let current = app.get(path).await;
        attributes["Etag"] = current.body["attributes"]["etag"].clone();
    }
}

/// Every place where `actual` lacks a property of `expected` or has another JSON type.
fn shape_deviations(expected: &Value, actual: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    compare("$", None, expected, actual, &mut found);
    found
}

fn compare(
    path: &str,
    key: Option<&str>,
    expected: &Value,
    actual: &Value,
    found: &mut Vec<(String, String)>,
) {
    if kind(expected) != kind(actual) {
        found.push((
            path.to_owned(),
            format!("expected {}, got {}", kind(expected), kind(actual)),
        ));
        return;
    }
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            for (name, value) in expected {
                let child = format!("{path}.{name}");
                match actual.get(name) {
                    Some(found_value) => compare(&child, Some(name), value, found_value, found),
                    None => found.push((child, "missing".to_owned())),
                }
            }
        }
        (Value::Array(expected), Value::Array(actual)) => {
            if let Some(first) = expected.first() {
                if actual.is_empty() {
                    found.push((
                        path.to_owned(),
                        "empty where the recording has items".to_owned(),
                    ));
                }
                for (index, item) in actual.iter().enumerate() {
                    compare(&format!("{path}[{index}]"), None, first, item, found);
                }
            }
        }
        (Value::String(expected), Value::String(actual)) => match key {
            Some("objectType") if expected != actual => {
                found.push((
                    path.to_owned(),
                    format!("objectType {actual:?}, recorded {expected:?}"),
                ));
            }
            Some(name)
                if ENUM_PROPERTIES.contains(&name) && spelling(expected) != spelling(actual) =>
            {
                found.push((
                    path.to_owned(),
                    format!("enum spelled {actual:?}, recorded {expected:?}"),
                ));
            }
            _ => {}
        },
        _ => {}
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The spelling style of an enum value: lower snake case, or something else.
fn spelling(value: &str) -> &'static str {
    if value
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        "lower_snake"
    } else {
        "other"
    }
}
