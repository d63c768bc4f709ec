//! Finding a JSON object's property by name the way Partner Center reads names: in any casing
//! (`lineItems`, `LineItems`, `lineitems`). The exact spelling wins where an object holds more
//! than one casing of a name.

use serde_json::{Map, Value};

/// The key and value of the property `name` in `object`, in any casing.
pub(crate) fn entry<'a>(
    object: &'a Map<String, Value>,
    name: &str,
) -> Option<(&'a String, &'a Value)> {
    object.get_key_value(name).or_else(|| {
        object
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
    })
}

/// The property `name` of `value`, in any casing, where `value` is an object.
pub(crate) fn property<'a>(value: &'a Value, name: &str) -> Option<&'a Value> {
    entry(value.as_object()?, name).map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_property_is_found_in_any_casing_and_the_exact_spelling_wins() {
        let body = json!({"LineItems": 1, "lineItems": 2, "Status": "active"});
        assert_eq!(property(&body, "lineItems"), Some(&json!(2)));
        assert_eq!(property(&body, "LINEITEMS"), Some(&json!(1)));
        assert_eq!(property(&body, "status"), Some(&json!("active")));
        assert_eq!(property(&body, "missing"), None);
        assert_eq!(property(&json!([1]), "status"), None);
    }
}
