//! A list's `filter` query value: URL-decoded JSON such as
//! `{"Field": ..., "Value": ..., "Operator": ...}`, read with the lenient body reader, so names
//! match in any casing. A value that cannot be read is a 400 (2000) that says so.

use crate::domain::DomainError;
use crate::http::error::ApiError;
use crate::wire::body::{parse_document, read_value};
use serde::de::DeserializeOwned;

/// Reads the `filter` value into `T`.
pub(super) fn read<T: DeserializeOwned>(raw: &str) -> Result<T, ApiError> {
    let invalid = |e: &dyn std::fmt::Display| DomainError::InvalidInput(format!("filter: {e}"));
    let value = parse_document(raw.as_bytes()).map_err(|e| invalid(&e))?;
    Ok(read_value(value).map_err(|e| invalid(&e))?)
}
