//! Ids the mock made in place of recorded ones: learnt from the answers to recorded `POST`s,
//! and put in place of the recorded ids in later requests and recordings.

use crate::conformance::compare::is_id;
use crate::wire::property::entry;
use serde_json::Value;

/// Recorded id (lower case) and the mock's id for the same resource.
#[derive(Debug, Default)]
pub(crate) struct IdMap(Vec<(String, String)>);

impl IdMap {
    /// Learns every id that differs between a recorded answer and the mock's answer to the same
    /// request, at the same place (array items by position).
    pub(crate) fn learn(&mut self, recorded: &Value, answered: &Value) {
        match (recorded, answered) {
            (Value::Object(recorded), Value::Object(answered)) => {
                for (name, value) in recorded {
                    let Some((_, other)) = entry(answered, name) else {
                        continue;
                    };
                    match (value, other) {
                        (Value::String(old), Value::String(new))
                            if is_id(name) && !old.eq_ignore_ascii_case(new) =>
                        {
                            let old = old.to_ascii_lowercase();
                            if !old.is_empty() && !self.0.iter().any(|(known, _)| *known == old) {
                                self.0.push((old, new.clone()));
                            }
                        }
                        _ => self.learn(value, other),
                    }
                }
            }
            (Value::Array(recorded), Value::Array(answered)) => {
                for (value, other) in recorded.iter().zip(answered) {
                    self.learn(value, other);
                }
            }
            _ => {}
        }
    }

    /// Replaces every string value that is a learnt id.
    pub(crate) fn apply_value(&self, value: &mut Value) {
        match value {
            Value::String(text) => {
                if let Some((_, new)) = self
                    .0
                    .iter()
                    .find(|(old, _)| text.eq_ignore_ascii_case(old))
                {
                    text.clone_from(new);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| self.apply_value(item)),
            Value::Object(map) => map.values_mut().for_each(|item| self.apply_value(item)),
            _ => {}
        }
    }

    /// Replaces every learnt id inside a path or a query, in any case.
    pub(crate) fn apply_text(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for (old, new) in &self.0 {
            let mut from = 0;
            while let Some(at) = text[from..].to_ascii_lowercase().find(old.as_str()) {
                let start = from + at;
                text.replace_range(start..start + old.len(), new);
                from = start + new.len();
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn learnt_ids_replace_recorded_ones_in_values_and_paths() {
        let mut ids = IdMap::default();
        ids.learn(
            &json!({"id": "AAA", "name": "x", "lineItems": [{"subscriptionId": "s1"}]}),
            &json!({"id": "bbb", "name": "y", "lineItems": [{"subscriptionId": "s2"}]}),
        );
        let mut later = json!({"orderId": "aaa", "items": ["S1", "other"]});
        ids.apply_value(&mut later);
        assert_eq!(later, json!({"orderId": "bbb", "items": ["s2", "other"]}));
        assert_eq!(
            ids.apply_text("/v1/customers/c/orders/AAA/x/s1"),
            "/v1/customers/c/orders/bbb/x/s2"
        );
    }
}
