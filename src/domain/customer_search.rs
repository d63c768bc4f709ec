//! The customer list's `filter`: `{"Field": ..., "Value": ..., "Operator": "starts_with"}`,
//! matched case-insensitively (reference: get a customer by name, customers of an indirect
//! reseller).

use super::customer::Customer;
use super::error::DomainError;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// `Field` (.NET SDK `CustomerSearchField`, sent in PascalCase).
    pub(crate) enum SearchField {
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
pub(crate) struct SentFilter {
    pub field: Option<SearchField>,
    pub value: Option<String>,
    pub operator: Option<FilterOperator>,
}

/// A checked customer filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CustomerFilter {
    field: SearchField,
    /// The value, in lower case.
    prefix: String,
}

impl CustomerFilter {
    /// Checks a filter as a client sent it: a field, a value, and the `starts_with` operator.
    pub(crate) fn new(sent: SentFilter) -> Result<Self, DomainError> {
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

    pub(crate) fn matches(&self, customer: &Customer) -> bool {
        let candidate = match self.field {
            SearchField::CompanyName => Some(customer.company_profile.company_name.as_str()),
            SearchField::Domain => Some(customer.company_profile.domain.as_str()),
            SearchField::IndirectReseller => customer.associated_partner_id.as_deref(),
        };
        candidate.is_some_and(|text| text.to_lowercase().starts_with(&self.prefix))
    }

    /// The field searched.
    pub(crate) fn field(&self) -> SearchField {
        self.field
    }

    /// The prefix searched for, in lower case.
    pub(crate) fn prefix(&self) -> &str {
        &self.prefix
    }
}
