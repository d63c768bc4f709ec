//! The customer list's `filter` query value, read at the edge: URL-decoded JSON
//! `{"Field": ..., "Value": ..., "Operator": "starts_with"}` with names in any casing, checked
//! once into a [`CustomerFilter`]; and the same filter spelled back for links, as the .NET SDK
//! writes it.

use crate::domain::customer_search::{CustomerFilter, SearchField, SentFilter};
use crate::http::error::ApiError;

/// Reads and checks the `filter` query value.
pub(super) fn parse(raw: &str) -> Result<CustomerFilter, ApiError> {
    let sent: SentFilter = super::query_filter::read(raw)?;
    Ok(CustomerFilter::new(sent)?)
}

/// The filter as a query value, for the links of a filtered page.
pub(super) fn to_query_value(filter: &CustomerFilter) -> String {
    let field = match filter.field() {
        SearchField::CompanyName => "CompanyName",
        SearchField::Domain => "Domain",
        SearchField::IndirectReseller => "IndirectReseller",
    };
    serde_json::json!({"Field": field, "Value": filter.prefix(), "Operator": "starts_with"})
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    proptest! {
        #[test]
        fn the_filter_parser_never_panics(
            raw in ".{0,64}",
            field in ".{0,16}",
            value in ".{0,16}",
            operator in prop_oneof![Just("starts_with".to_owned()), ".{0,12}"],
        ) {
            let _ = parse(&raw);
            let filter = json!({"Field": field, "Value": value, "Operator": operator}).to_string();
            if let Ok(parsed) = parse(&filter) {
                // A parsed filter survives its own round trip through a link.
                prop_assert_eq!(parse(&to_query_value(&parsed)).ok(), Some(parsed));
            }
        }
    }

    #[test]
    fn only_starts_with_is_accepted() {
        let equals = json!({"Field": "CompanyName", "Value": "c", "Operator": "equals"});
        assert!(parse(&equals.to_string()).is_err());
        let pascal = json!({"Field": "CompanyName", "Value": "Con", "Operator": "starts_with"});
        assert_eq!(parse(&pascal.to_string()).unwrap().prefix(), "con");
    }
}
