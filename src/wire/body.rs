//! Reads request bodies the way Partner Center's JSON reader does.
//!
//! - Property names match case-insensitively: the .NET SDK sends `PascalCase`, other clients
//!   send `camelCase`, and both must mean the same thing.
//! - An explicit `null` means "not given", so the SDK's full-object bodies do not overwrite
//!   anything with nulls.
//! - A property given twice (in any casing) takes its last value.
//! - Unknown properties are ignored.
//!
//! The work is done by [`Lenient`], a deserializer over [`serde_json::Value`] that renames each
//! object key to the field name the target struct asks for. Every failure carries the JSON path
//! of the offending property.

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};
use serde_json::{Map, Value};

/// Why a request body could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum BodyError {
    #[error("The request body is empty.")]
    Empty,
    #[error("The request body is not valid JSON: {0}")]
    Malformed(String),
    #[error("Invalid value at '{path}': {reason}")]
    Invalid { path: String, reason: String },
}

/// Parses `bytes` as JSON and reads it into `T` with Partner Center's leniency.
pub(crate) fn read_body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, BodyError> {
    // Some clients start a body with a UTF-8 byte order mark; the JSON after it is read.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(BodyError::Empty);
    }
    read_value(parse_document(bytes)?)
}

/// Parses JSON text, keeping each object's properties in the order they were last given, so
/// that a property given twice (in any casing) resolves to its last value.
pub(crate) fn parse_document(bytes: &[u8]) -> Result<Value, BodyError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = DocumentOrder
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|e| BodyError::Malformed(e.to_string()))?;
    Ok(value)
}

/// Builds a [`Value`] in which a repeated key moves to the position of its last occurrence.
struct DocumentOrder;

impl<'de> DeserializeSeed<'de> for DocumentOrder {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DocumentOrder {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(DocumentOrder)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(DocumentOrder)?;
            out.shift_remove(&key);
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// Reads an already parsed JSON value into `T` with Partner Center's leniency.
pub(crate) fn read_value<T: DeserializeOwned>(value: Value) -> Result<T, BodyError> {
    serde_path_to_error::deserialize(Lenient(value)).map_err(|e| {
        let path = e.path().to_string();
        BodyError::Invalid {
            path: if path == "." {
                "(body)".to_owned()
            } else {
                path
            },
            reason: e.into_inner().to_string(),
        }
    })
}

/// A deserializer that matches struct field names case-insensitively and treats `null` as absent.
pub(crate) struct Lenient(pub Value);

type Error = serde_json::Error;

impl<'de> Deserializer<'de> for Lenient {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(items) => visitor.visit_seq(LenientSeq(items.into_iter())),
            Value::Object(map) => visitor.visit_map(LenientMap::new(map)),
            other => other.deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(Lenient(other)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(LenientMap::new(canonical_keys(map, fields))),
            other => other.deserialize_any(visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// Renames each key to the struct field it names, ignoring case, and drops explicit nulls.
/// Keys are visited in document order, so a property given twice keeps its last value.
fn canonical_keys(map: Map<String, Value>, fields: &'static [&'static str]) -> Map<String, Value> {
    let mut out = Map::with_capacity(map.len());
    for (key, value) in map {
        if value.is_null() {
            continue;
        }
        let name = fields
            .iter()
            .find(|field| field.eq_ignore_ascii_case(&key))
            .map_or(key, |field| (*field).to_owned());
        out.shift_remove(&name);
        out.insert(name, value);
    }
    out
}

struct LenientSeq(std::vec::IntoIter<Value>);

impl<'de> SeqAccess<'de> for LenientSeq {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|value| seed.deserialize(Lenient(value)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct LenientMap {
    entries: serde_json::map::IntoIter,
    pending: Option<Value>,
}

impl LenientMap {
    fn new(map: Map<String, Value>) -> Self {
        Self {
            entries: map.into_iter(),
            pending: None,
        }
    }
}

impl<'de> MapAccess<'de> for LenientMap {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some((key, value)) => {
                self.pending = Some(value);
                let key: de::value::StringDeserializer<Error> = key.into_deserializer();
                seed.deserialize(key).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .pending
            .take()
            .ok_or_else(|| de::Error::custom("a value was asked for before its key"))?;
        seed.deserialize(Lenient(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct Inner {
        address_line1: Option<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct Outer {
        company_name: Option<String>,
        quantity: Option<u32>,
        default_address: Option<Inner>,
        #[serde(default)]
        items: Vec<Inner>,
    }

    #[test]
    fn pascal_case_with_nulls_reads_like_camel_case() {
        let pascal: Outer = read_body(
            br#"{"CompanyName":"A","Quantity":null,"DefaultAddress":{"AddressLine1":"x"},"Items":[{"ADDRESSLINE1":"y"}]}"#,
        )
        .unwrap();
        let camel: Outer = read_body(
            br#"{"companyName":"A","defaultAddress":{"addressLine1":"x"},"items":[{"addressLine1":"y"}]}"#,
        )
        .unwrap();
        assert_eq!(pascal, camel);
        assert_eq!(pascal.quantity, None);
    }

    #[test]
    fn a_property_given_twice_takes_its_last_value() {
        let body: Outer = read_body(br#"{"quantity":1,"Quantity":2,"quantity":3}"#).unwrap();
        assert_eq!(body.quantity, Some(3));
        let body: Outer = read_body(br#"{"quantity":3,"Quantity":2}"#).unwrap();
        assert_eq!(body.quantity, Some(2));
    }

    #[test]
    fn a_wrong_type_names_the_path() {
        let err = read_body::<Outer>(br#"{"Items":[{"AddressLine1":5}]}"#).unwrap_err();
        match err {
            BodyError::Invalid { path, .. } => assert_eq!(path, "items[0].addressLine1"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn malformed_and_empty_bodies_are_refused() {
        assert!(matches!(
            read_body::<Outer>(b"{\"a\":"),
            Err(BodyError::Malformed(_))
        ));
        assert!(matches!(read_body::<Outer>(b"  "), Err(BodyError::Empty)));
        assert!(matches!(
            read_body::<Outer>(b"\xEF\xBB\xBF "),
            Err(BodyError::Empty)
        ));
    }

    #[test]
    fn a_leading_byte_order_mark_is_skipped() {
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), b"{}"].concat();
        assert!(read_body::<serde_json::Value>(&with_bom).is_ok());
    }
}
