//! Every answer a test receives is checked against the OpenAPI document the mock serves: the
//! operation is found by method and path, and the body must match the schema of its status (or,
//! for an error, the error envelopes).

use jsonschema::Validator;
use partner_center_mock::JSON_LINES;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

const ERROR_SCHEMA: &str = "#/components/schemas/ErrorEnvelope";

/// Panics unless `body` is what the document says `method path` answers with `status`.
pub(crate) fn check_answer(method: &Method, path: &str, status: u16, body: &Value, text: &str) {
    let Some(pointer) = schema_pointer(method, path, status, text.is_empty()) else {
        return;
    };
    assert_matches(
        &pointer,
        body,
        &format!("{method} {path} answered {status}"),
    );
}

/// Panics unless every line of a JSON Lines answer matches the line schema its operation
/// documents.
pub(crate) fn check_lines(method: &Method, path: &str, status: u16, text: &str) {
    let document = partner_center_mock::openapi_document();
    let template = matching_path(document, path).expect("a documented path");
    let verb = method.as_str().to_ascii_lowercase();
    let media =
        &document["paths"][template][&verb]["responses"][status.to_string()]["content"][JSON_LINES];
    assert!(
        media.is_object(),
        "{method} {template} does not document JSON Lines for {status}"
    );
    let pointer = format!(
        "{}/x-itemSchema",
        media_schema(template, &verb, status, JSON_LINES)
    );
    for (number, line) in text.lines().enumerate() {
        let value: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("line {} of {method} {path} is not JSON ({e})", number + 1));
        assert_matches(
            &pointer,
            &value,
            &format!("line {} of {method} {path}", number + 1),
        );
    }
}

/// Panics unless `value` matches the document's schema at `pointer` (a `$ref`).
pub(crate) fn assert_matches(pointer: &str, value: &Value, context: &str) {
    let validator = validator(pointer);
    let errors: Vec<String> = validator
        .iter_errors(value)
        .take(5)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    let shown: String = value.to_string().chars().take(600).collect();
    assert!(
        errors.is_empty(),
        "{context} with a body that does not match {pointer}:\n{}\nbody: {shown}",
        errors.join("\n")
    );
}

/// The JSON pointer (as a `$ref`) of the schema the answer must match, or `None` when the answer
/// has no JSON body to check.
fn schema_pointer(method: &Method, path: &str, status: u16, empty: bool) -> Option<String> {
    let document = partner_center_mock::openapi_document();
    let Some(template) = matching_path(document, path) else {
        assert!(
            status == 404 || status == 400,
            "{method} {path} is not in the OpenAPI document, yet answered {status}"
        );
        return Some(ERROR_SCHEMA.to_owned());
    };
    let item = &document["paths"][template];
    let verb = method.as_str().to_ascii_lowercase();
    if method == Method::HEAD && item.get("head").is_none() && empty {
        return None;
    }
    let Some(operation) = item.get(&verb) else {
        assert!(
            status == 405 || status >= 400,
            "{method} {template} is not documented, yet answered {status}"
        );
        return Some(ERROR_SCHEMA.to_owned());
    };
    let Some(answer) = operation["responses"].get(status.to_string()) else {
        assert!(
            status >= 400,
            "{method} {template} answered {status}, which its operation does not document"
        );
        return Some(ERROR_SCHEMA.to_owned());
    };
    let Some(content) = answer.get("content") else {
        assert!(
            empty,
            "{method} {template} answered {status} with a body where none is documented"
        );
        return None;
    };
    content.get("application/json")?;
    assert!(!empty, "{method} {template} answered {status} with no body");
    Some(media_schema(template, &verb, status, "application/json"))
}

/// The `$ref` of the schema of `media` in the answer `status` of `verb template`.
fn media_schema(template: &str, verb: &str, status: u16, media: &str) -> String {
    let escape = |token: &str| token.replace('~', "~0").replace('/', "~1");
    format!(
        "#/paths/{}/{verb}/responses/{status}/content/{}/schema",
        escape(template),
        escape(media)
    )
}

/// The document path `path` is served by: literal segments compare case-insensitively, and of
/// several matches the one with the most literal segments wins.
fn matching_path<'a>(document: &'a Value, path: &str) -> Option<&'a str> {
    let path = path.split('?').next().unwrap_or_default();
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    document["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .filter_map(|template| {
            let pattern: Vec<&str> = template.split('/').collect();
            let matches = pattern.len() == segments.len()
                && pattern.iter().zip(&segments).all(|(expected, actual)| {
                    (expected.starts_with('{') && !actual.is_empty())
                        || expected.eq_ignore_ascii_case(actual)
                });
            let literals = pattern.iter().filter(|s| !s.starts_with('{')).count();
            matches.then_some((literals, template.as_str()))
        })
        .max_by_key(|(literals, _)| *literals)
        .map(|(_, template)| template)
}

/// A validator for the schema at `pointer`, compiled once per test binary.
fn validator(pointer: &str) -> Arc<Validator> {
    static VALIDATORS: LazyLock<Mutex<HashMap<String, Arc<Validator>>>> =
        LazyLock::new(Mutex::default);
    let mut validators = VALIDATORS.lock().unwrap_or_else(|e| e.into_inner());
    validators
        .entry(pointer.to_owned())
        .or_insert_with(|| {
            let document = partner_center_mock::openapi_document();
            let target = pointer
                .strip_prefix('#')
                .and_then(|p| document.pointer(p))
                .unwrap_or_else(|| panic!("no schema at {pointer}"));
            let schema = json!({
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "components": document["components"],
                "allOf": [target],
            });
            let validator = jsonschema::draft202012::options()
                .should_validate_formats(true)
                .build(&schema)
                .unwrap_or_else(|e| panic!("the schema at {pointer} does not compile: {e}"));
            Arc::new(validator)
        })
        .clone()
}
