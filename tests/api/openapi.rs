//! The OpenAPI document: served, valid JSON Schema 2020-12 throughout, and exactly the routes the
//! router serves. The response checks every other test relies on are themselves checked here.

use crate::helpers::{CONTOSO, E3, FABRIKAM, SEEDED_MIGRATION, TestApp};
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeSet;

const METHODS: [&str; 6] = ["get", "post", "put", "patch", "delete", "head"];

/// Every documented operation as (METHOD, path).
pub(crate) fn documented() -> BTreeSet<(String, String)> {
    partner_center_mock::openapi_document()["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.to_ascii_uppercase(), path.clone()))
        })
        .collect()
}

#[tokio::test]
async fn the_served_document_is_openapi_3_1() {
    let app = TestApp::start().await;
    let served = app.get("/_mock/openapi.json").await;
    served.assert_ok();
    assert_eq!(&served.body, partner_center_mock::openapi_document());
    assert_eq!(served.body["openapi"], "3.1.0");
    for (name, schema) in served.body["components"]["schemas"].as_object().unwrap() {
        jsonschema::draft202012::meta::validate(schema).unwrap_or_else(|e| {
            panic!("components/schemas/{name} is not JSON Schema 2020-12: {e}")
        });
    }
    let mut operation_ids = BTreeSet::new();
    for (path, item) in served.body["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            assert!(METHODS.contains(&method.as_str()), "{method} {path}");
            let id = operation["operationId"].as_str().unwrap();
            assert!(operation_ids.insert(id.to_owned()), "{id} is used twice");
            assert!(
                operation["responses"]["default"].is_object(),
                "{method} {path}"
            );
            for parameter in operation["parameters"].as_array().unwrap() {
                if parameter["in"] == "path" {
                    let name = parameter["name"].as_str().unwrap();
                    assert!(path.contains(&format!("{{{name}}}")), "{name} in {path}");
                }
            }
        }
    }
}

/// The documented example of the path parameter `name`: the same wherever the parameter appears.
fn path_example(name: &str) -> Option<&'static str> {
    let examples: BTreeSet<&str> = partner_center_mock::openapi_document()["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .flat_map(|operation| operation["parameters"].as_array().unwrap())
        .filter(|parameter| parameter["in"] == "path" && parameter["name"] == name)
        .map(|parameter| parameter["example"].as_str().unwrap_or_default())
        .collect();
    assert!(examples.len() <= 1, "{{{name}}} has examples {examples:?}");
    examples
        .into_iter()
        .next()
        .filter(|example| !example.is_empty())
}

/// The path with each parameter replaced by its documented example.
fn probe_path(template: &str) -> String {
    template
        .split('/')
        .map(
            |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => path_example(name)
                    .unwrap_or_else(|| panic!("{{{name}}} in {template} has no example")),
                None => segment,
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn the_examples_reach_seeded_data() {
    let app = TestApp::start().await;
    for (method, template) in documented() {
        if method != "GET" || !template.starts_with("/v1/") {
            continue;
        }
        // The migration lists need a filter: the seeded migration's.
        let migrations = if template.contains("/migrations/newcommerce") {
            format!(
                "&CustomerTenantId={FABRIKAM}&migration_id={}",
                SEEDED_MIGRATION
            )
        } else {
            String::new()
        };
        let answer = app
            .get(&format!(
                "{}?country=US&targetView=OnlineServices{migrations}",
                probe_path(&template)
            ))
            .await;
        assert_eq!(answer.status, 200, "GET {template}: {}", answer.text);
    }
    assert_eq!(path_example("customer_id"), Some(FABRIKAM));
    assert_eq!(path_example("offer_id"), Some(E3));
}

#[tokio::test]
async fn every_documented_operation_is_served_and_every_other_method_is_refused() {
    let app = TestApp::start().await;
    for (method, template) in documented() {
        let path = probe_path(&template);
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let answer = app
            .call(
                method.clone(),
                &format!("{path}?country=US"),
                Some("{}".to_owned()),
                &[],
            )
            .await;
        assert_ne!(answer.status, 405, "{method} {template}: {}", answer.text);
        assert!(
            answer.body.get("statusCode").is_none(),
            "{method} {template} reached no route: {}",
            answer.text
        );
    }
    for (template, item) in partner_center_mock::openapi_document()["paths"]
        .as_object()
        .unwrap()
    {
        let refused = METHODS
            .iter()
            .filter(|method| **method != "head" && item.get(**method).is_none());
        for method in refused {
            let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes()).unwrap();
            let answer = app
                .call(method.clone(), &probe_path(template), None, &[])
                .await;
            answer.assert_fault(405, 2000);
        }
    }
}

#[test]
#[should_panic(expected = "does not match")]
fn a_body_that_breaks_its_schema_fails_the_test() {
    crate::schema::check_answer(
        &Method::GET,
        &format!("/v1/customers/{CONTOSO}"),
        200,
        &json!({"id": 7, "companyProfile": "none"}),
        "{}",
    );
}

#[test]
#[should_panic(expected = "does not document")]
fn a_success_status_the_operation_does_not_document_fails_the_test() {
    crate::schema::check_answer(
        &Method::GET,
        &format!("/v1/customers/{CONTOSO}"),
        202,
        &Value::Null,
        "",
    );
}

#[test]
#[should_panic(expected = "does not match")]
fn an_error_outside_the_envelopes_fails_the_test() {
    crate::schema::check_answer(
        &Method::GET,
        "/v1/customers/not-a-guid",
        400,
        &json!({"error": "bad"}),
        "{}",
    );
}
