//! The customer list's `filter`: `{"Field": ..., "Value": ..., "Operator": "starts_with"}`,
//! matched case-insensitively (reference: get a customer by name, customers of an indirect
//! reseller).

use super::customer::Customer;
use super::error::DomainError;
use serde::Deserialize;

crate::wire_enum! {
    /// `Field` (.NET SDK `CustomerSearchField`, sent in PascalCase).
    pub enum SearchField {
        CompanyName = 0 => "company_name",
        Domain = 1 => "domain",
        IndirectReseller = 2 => "indirect_reseller",
    }
}

crate::wire_enum! {
    /// `Operator` (.NET SDK `FieldFilterOperation`); customers support only `starts_with`.
    pub enum FilterOperator {
        Equals = 0 => "equals",
        NotEquals = 1 => "not_equals",
        GreaterThan = 2 => "greater_than",
        GreaterThanOrEquals = 3 => "greater_than_or_equals",
        LessThan = 4 => "less_than",
        LessThanOrEquals = 5 => "less_than_or_equals",
        Substring = 6 => "substring",
        And = 7 => "and",
        Or = 8 => "or",
        StartsWith = 9 => "starts_with",
        NotStartsWith = 10 => "not_starts_with",
    }
}

/// The filter as a client sends it.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct SentFilter {
    pub field: Option<SearchField>,
    pub value: Option<String>,
    pub operator: Option<FilterOperator>,
}

/// A checked customer filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerFilter {
    field: SearchField,
    /// The value, in lower case.
    prefix: String,
}

impl CustomerFilter {
    /// Reads the `filter` query value: URL-decoded JSON, names in any casing.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let value = crate::wire::body::parse_document(raw.as_bytes())
            .map_err(|e| DomainError::InvalidInput(format!("filter: {e}")))?;
        let sent: SentFilter = crate::wire::body::read_value(value)
            .map_err(|e| DomainError::InvalidInput(format!("filter: {e}")))?;
        Self::new(sent)
    }

    pub fn new(sent: SentFilter) -> Result<Self, DomainError> {
        let field = sent
            .field
            .ok_or_else(|| DomainError::InvalidInput("filter.Field is required.".to_owned()))?;
        let value = sent
            .value
            .ok_or_else(|| DomainError::InvalidInput("filter.Value is required.".to_owned()))?;
        if sent.operator != Some(FilterOperator::StartsWith) {
            return Err(DomainError::InvalidInput(
                "Customer search only allows starts with and equals operation.".to_owned(),
            ));
        }
        Ok(Self {
            field,
            prefix: value.to_lowercase(),
        })
    }

    pub fn matches(&self, customer: &Customer) -> bool {
        let candidate = match self.field {
            SearchField::CompanyName => Some(customer.company_profile.company_name.as_str()),
            SearchField::Domain => Some(customer.company_profile.domain.as_str()),
            SearchField::IndirectReseller => customer.associated_partner_id.as_deref(),
        };
        candidate.is_some_and(|text| text.to_lowercase().starts_with(&self.prefix))
    }

    /// A canonical spelling, to bind continuation tokens to their query.
    pub fn canonical(&self) -> String {
        format!("{}:{}", self.field, self.prefix)
    }

    /// The filter as the .NET SDK writes it, for links.
    pub fn to_query_value(&self) -> String {
        let field = match self.field {
            SearchField::CompanyName => "CompanyName",
            SearchField::Domain => "Domain",
            SearchField::IndirectReseller => "IndirectReseller",
        };
        serde_json::json!({"Field": field, "Value": self.prefix, "Operator": "starts_with"})
            .to_string()
    }
}
