//! The comparer: where an answer of the mock differs from a recorded answer.
//!
//! Every property of the recording must be in the answer, under the same name and with the same
//! JSON type, at every level; the answer may carry more. `objectType` must be equal, and enum
//! properties ([`ENUM_PROPERTIES`]) must be spelled in the recording's style. With
//! [`Values::IdsAndEnums`], ids (`id` and every `...Id`) and enum values must also be equal
//! where they are not inside an array; other values (names, dates, amounts, texts) never are.
//!
//! Array items are each compared with the recording's first item, so one difference is reported
//! once, at a path that names items `[*]`, however many items have it. With
//! [`Values::IdsAndEnums`], where the mock holds the recording's data, an item is compared with
//! the recorded item of the same `id`, else the one at the same position, since a list can mix
//! kinds (a license order and a reservation order). A recorded `null` carries
//! no type and is not required. Names recorded in another casing (the docs print some answers in
//! the .NET SDK's PascalCase) match case-insensitively and are reported once, at `$`.
//!
//! A list page's paging properties (`continuationToken`, `links.next`) may be missing from the
//! answer when it holds no more items than the recorded page: the mock then holds fewer items
//! than the recording's service did, and has no next page to link.

use crate::wire::property::{entry, property};
use serde_json::Value;

/// Properties whose values are enum spellings.
pub(crate) const ENUM_PROPERTIES: &[&str] = &[
    "relationshipToPartner",
    "relationshipType",
    "status",
    "billingCycle",
    "billingType",
    "contractType",
    "entitlementType",
    "artifactType",
    "transactionType",
];

/// Which values are held equal, beside names and types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// None but `objectType`; enums are checked for their spelling style only. For samples whose
    /// ids and states are not the mock's, such as the docs'.
    Shape,
    /// Also ids and enum values outside arrays. For exchanges replayed on a mock seeded from them.
    IdsAndEnums,
}

/// One difference: the JSON path (`$.items[*].status`) and what differs there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deviation {
    /// Where the difference is, as a JSON path (`$.items[*].status`).
    pub path: String,
    /// What differs there, in words (a missing property, another type or value).
    pub what: String,
}

/// Where `actual` differs from `expected` in names, types, `objectType` and enum spelling.
pub fn shape_deviations(expected: &Value, actual: &Value) -> Vec<Deviation> {
    body_deviations(expected, actual, Values::Shape)
}

/// Where the body `actual` differs from the recorded body `expected`.
pub(crate) fn body_deviations(expected: &Value, actual: &Value, values: Values) -> Vec<Deviation> {
    let mut found = Findings {
        values,
        paging_slack: holds_no_more_items(expected, actual),
        deviations: Vec::new(),
        recased: Vec::new(),
    };
    compare("$", None, expected, actual, &mut found);
    if let Some(example) = found.recased.first().cloned() {
        let what = format!(
            "{} property names recorded in another casing (such as {example}), answered in camelCase",
            found.recased.len()
        );
        found.deviation("$", what);
    }
    found.deviations
}

/// Where a whole answer (status and body) differs from a recorded one: the status, then for an
/// error the Partner Center `code`, then the body, ids and enum values included. A different
/// status is reported alone, since the bodies then answer different questions.
pub fn compare_answers(
    recorded_status: u16,
    recorded: Option<&Value>,
    status: u16,
    body: Option<&Value>,
) -> Vec<Deviation> {
    if recorded_status != status {
        return vec![Deviation {
            path: "$".to_owned(),
            what: format!("status {status}, recorded {recorded_status}"),
        }];
    }
    let Some(recorded) = recorded else {
        return Vec::new();
    };
    let Some(body) = body else {
        return vec![Deviation {
            path: "$".to_owned(),
            what: "no body where the recording has one".to_owned(),
        }];
    };
    let mut found = Vec::new();
    if status >= 400
        && let Some(code) = property(recorded, "code")
    {
        let answered = property(body, "code");
        if answered.map(scalar_text) != Some(scalar_text(code)) {
            found.push(Deviation {
                path: "$.code".to_owned(),
                what: format!(
                    "code {}, recorded {}",
                    answered.map_or("(none)".to_owned(), scalar_text),
                    scalar_text(code)
                ),
            });
        }
    }
    for deviation in body_deviations(recorded, body, Values::IdsAndEnums) {
        if !found.iter().any(|f| f.path == deviation.path) {
            found.push(deviation);
        }
    }
    found
}

/// The JSON type of a value, as the findings name it.
pub(crate) fn kind(value: &Value) -> &'static str {
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
pub(crate) fn spelling(value: &str) -> &'static str {
    if value
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        "lower_snake"
    } else {
        "other"
    }
}

/// Whether a property of this name holds an id: `id`, or a name ending in `Id`.
pub(crate) fn is_id(name: &str) -> bool {
    name.eq_ignore_ascii_case("id") || name.ends_with("Id") || name.ends_with("ID")
}

fn scalar_text(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
}

/// Whether both are list pages and the answer has no more items than the recording.
fn holds_no_more_items(expected: &Value, actual: &Value) -> bool {
    let items = |value: &Value| {
        property(value, "items")
            .and_then(Value::as_array)
            .map(Vec::len)
    };
    matches!((items(expected), items(actual)), (Some(recorded), Some(answered)) if answered <= recorded)
}

/// The recorded item an answered item is compared with, when the data is the same: the one
/// with the same `id`, else the one at the same position.
fn counterpart<'a>(recorded: &'a [Value], index: usize, item: &Value) -> Option<&'a Value> {
    let id = property(item, "id").and_then(Value::as_str);
    id.and_then(|id| {
        recorded.iter().find(|candidate| {
            property(candidate, "id")
                .and_then(Value::as_str)
                .is_some_and(|other| other.eq_ignore_ascii_case(id))
        })
    })
    .or_else(|| recorded.get(index))
}

/// The paging properties a smaller page need not carry.
fn is_paging(path: &str) -> bool {
    ["$.continuationToken", "$.links.next"]
        .iter()
        .any(|paging| path.eq_ignore_ascii_case(paging))
}

/// What [`compare`] finds.
struct Findings {
    values: Values,
    paging_slack: bool,
    deviations: Vec<Deviation>,
    /// Recorded property names found only in another casing.
    recased: Vec<String>,
}

impl Findings {
    fn deviation(&mut self, path: &str, what: String) {
        let found = Deviation {
            path: path.to_owned(),
            what,
        };
        if !self.deviations.contains(&found) {
            self.deviations.push(found);
        }
    }

    fn recased(&mut self, path: &str) {
        if !self.recased.iter().any(|p| p == path) {
            self.recased.push(path.to_owned());
        }
    }

    /// Whether values at `path` are compared: ids and enums, outside arrays.
    fn values_at(&self, path: &str) -> bool {
        self.values == Values::IdsAndEnums && !path.contains("[*]")
    }
}

fn compare(path: &str, key: Option<&str>, expected: &Value, actual: &Value, found: &mut Findings) {
    // A recorded null carries no type, and the mock omits absent values rather than writing null.
    if expected.is_null() {
        return;
    }
    if kind(expected) != kind(actual) {
        let what = format!("expected {}, got {}", kind(expected), kind(actual));
        found.deviation(path, what);
        return;
    }
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            for (name, value) in expected {
                let child = format!("{path}.{name}");
                match entry(actual, name) {
                    Some((actual_name, actual_value)) => {
                        if actual_name != name {
                            found.recased(&child);
                        }
                        let key = Some(actual_name.as_str());
                        compare(&child, key, value, actual_value, found);
                    }
                    None if value.is_null() => {}
                    None if found.paging_slack && is_paging(&child) => {}
                    None => found.deviation(&child, "missing".to_owned()),
                }
            }
        }
        (Value::Array(expected), Value::Array(actual)) => {
            if let Some(first) = expected.first() {
                if actual.is_empty() {
                    found.deviation(path, "empty where the recording has items".to_owned());
                }
                for (index, item) in actual.iter().enumerate() {
                    let counterpart = match found.values {
                        Values::Shape => first,
                        Values::IdsAndEnums => counterpart(expected, index, item).unwrap_or(first),
                    };
                    compare(&format!("{path}[*]"), None, counterpart, item, found);
                }
            }
        }
        (Value::String(expected), Value::String(actual)) => match key {
            Some("objectType") if expected != actual => {
                found.deviation(
                    path,
                    format!("objectType {actual:?}, recorded {expected:?}"),
                );
            }
            Some(name) if ENUM_PROPERTIES.contains(&name) => {
                if found.values_at(path) {
                    if expected != actual {
                        found.deviation(path, format!("enum {actual:?}, recorded {expected:?}"));
                    }
                } else if spelling(expected) != spelling(actual) {
                    found.deviation(
                        path,
                        format!("enum spelled {actual:?}, recorded {expected:?}"),
                    );
                }
            }
            Some(name)
                if is_id(name)
                    && found.values_at(path)
                    && !expected.eq_ignore_ascii_case(actual) =>
            {
                found.deviation(path, format!("id {actual:?}, recorded {expected:?}"));
            }
            _ => {}
        },
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn paths(found: &[Deviation]) -> Vec<&str> {
        found.iter().map(|d| d.path.as_str()).collect()
    }

    #[test]
    fn a_missing_property_or_another_type_is_a_deviation_at_any_depth() {
        let recorded = json!({"a": {"b": [{"c": 1, "d": "x"}]}, "e": true});
        let answer = json!({"a": {"b": [{"c": "1"}, {"c": 2, "d": "y"}]}, "e": true});
        let found = shape_deviations(&recorded, &answer);
        assert_eq!(paths(&found), ["$.a.b[*].c", "$.a.b[*].d"]);
        assert_eq!(found[0].what, "expected number, got string");
        assert_eq!(found[1].what, "missing");
    }

    #[test]
    fn extra_properties_and_recorded_nulls_are_not_deviations() {
        let recorded = json!({"id": "a", "gone": null});
        let answer = json!({"id": "b", "more": 1});
        assert!(shape_deviations(&recorded, &answer).is_empty());
    }

    #[test]
    fn another_casing_is_reported_once_at_the_root() {
        let recorded = json!({"Id": "a", "Links": {"Self": {"Uri": "/x"}}});
        let answer = json!({"id": "a", "links": {"self": {"uri": "/x"}}});
        let found = shape_deviations(&recorded, &answer);
        assert_eq!(paths(&found), ["$"]);
        assert!(found[0].what.starts_with("4 property names"), "{found:?}");
    }

    #[test]
    fn enums_keep_their_spelling_style_and_object_types_their_value() {
        let recorded = json!({"status": "active", "attributes": {"objectType": "Customer"}});
        let answer = json!({"status": "Suspended", "attributes": {"objectType": "Order"}});
        let found = shape_deviations(&recorded, &answer);
        assert_eq!(paths(&found), ["$.status", "$.attributes.objectType"]);
        let same_style = json!({"status": "suspended", "attributes": {"objectType": "Customer"}});
        assert!(shape_deviations(&recorded, &same_style).is_empty());
    }

    #[test]
    fn ids_and_enum_values_count_outside_arrays_when_asked() {
        let recorded = json!({"id": "A1", "orderId": "o", "status": "active", "name": "x",
            "items": [{"id": "i1", "status": "active"}]});
        let answer = json!({"id": "a1", "orderId": "p", "status": "suspended", "name": "y",
            "items": [{"id": "i2", "status": "deleted"}]});
        assert!(shape_deviations(&recorded, &answer).is_empty());
        let found = body_deviations(&recorded, &answer, Values::IdsAndEnums);
        assert_eq!(paths(&found), ["$.orderId", "$.status"]);
    }

    #[test]
    fn with_the_same_data_items_are_compared_with_their_recorded_counterpart() {
        let recorded = json!({"items": [{"id": "a", "subscriptionId": "s"}, {"id": "b"}]});
        let answer = json!({"items": [{"id": "B"}, {"id": "a", "subscriptionId": "s"}]});
        assert!(body_deviations(&recorded, &answer, Values::IdsAndEnums).is_empty());
        let found = shape_deviations(&recorded, &answer);
        assert_eq!(paths(&found), ["$.items[*].subscriptionId"]);
    }

    #[test]
    fn a_smaller_page_need_not_link_a_next_one() {
        let recorded = json!({"totalCount": 2, "items": [{"id": "a"}, {"id": "b"}],
            "continuationToken": "t", "links": {"next": {"uri": "/v1/x"}}});
        let smaller = json!({"totalCount": 1, "items": [{"id": "a"}], "links": {}});
        assert!(shape_deviations(&recorded, &smaller).is_empty());
        let larger = json!({"totalCount": 3, "items": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
            "links": {}});
        let found = shape_deviations(&recorded, &larger);
        assert_eq!(paths(&found), ["$.continuationToken", "$.links.next"]);
    }

    #[test]
    fn answers_differ_first_in_status_then_in_error_code() {
        let fault = json!({"code": 20003, "description": "x", "data": [], "source": "PartnerFD"});
        let other = json!({"code": "1000", "description": "y", "data": [], "source": "PartnerFD"});
        let found = compare_answers(404, Some(&fault), 200, Some(&json!({})));
        assert_eq!(found[0].what, "status 200, recorded 404");
        let found = compare_answers(404, Some(&fault), 404, Some(&other));
        assert_eq!(paths(&found), ["$.code"]);
        assert_eq!(found[0].what, "code 1000, recorded 20003");
        assert!(compare_answers(404, Some(&fault), 404, Some(&fault)).is_empty());
        assert!(compare_answers(204, None, 204, None).is_empty());
    }
}
