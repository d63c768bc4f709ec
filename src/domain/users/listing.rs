//! Listing a customer's users: the `filter` that picks active or deleted users, and the order
//! (reference api-users-licenses §3.2, §3.6; §11.8 and §11.9 of its open points).

use super::user::{CustomerUser, UserState};
use crate::domain::customer::Customer;
use crate::domain::customer_search::FilterOperator;
use crate::domain::error::DomainError;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// The filter's `Field`: the docs' request sends `UserState`, their self link and older
    /// clients `UserStatus`.
    pub enum UserSearchField {
        /// `UserState`.
        UserState = 0 => "user_state",
        /// `UserStatus`, as older clients send it.
        UserStatus = 1 => "user_status",
    }
}

crate::wire_enum! {
    /// `sortField` (.NET SDK `CustomerUserSortField`).
    pub enum UserSortField {
        /// By display name.
        DisplayName = 0 => "display_name",
        /// By user principal name.
        UserPrincipalName = 1 => "user_principal_name",
    }
}

crate::wire_enum! {
    /// `sortDirection` (.NET SDK `SortDirection`).
    pub enum SortDirection {
        /// A to Z.
        Ascending = 0 => "ascending",
        /// Z to A.
        Descending = 1 => "descending",
    }
}

/// The user list's filter as a client sends it:
/// `{"Field": "UserState", "Value": "Inactive", "Operator": "equals"}`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct SentUserFilter {
    /// The property filtered on (`UserState`).
    pub field: Option<UserSearchField>,
    /// The state to keep.
    pub value: Option<UserState>,
    /// How to compare (`equals`).
    pub operator: Option<FilterOperator>,
}

/// Which users a list shows, and in which order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserListing {
    /// Which users: active or deleted ones.
    pub state: UserState,
    /// The property the list is sorted by.
    pub sort: UserSortField,
    /// Ascending or descending.
    pub direction: SortDirection,
}

impl Default for UserListing {
    /// Active users by display name, as a list without a filter shows them.
    fn default() -> Self {
        Self {
            state: UserState::Active,
            sort: UserSortField::DisplayName,
            direction: SortDirection::Ascending,
        }
    }
}

/// The state a filter asks for; the only filter users have is on their state, with `equals`.
pub fn filtered_state(sent: SentUserFilter) -> Result<UserState, DomainError> {
    let invalid = |message: &str| DomainError::InvalidInput(message.to_owned());
    sent.field
        .ok_or_else(|| invalid("filter.Field is required: UserState."))?;
    let state = sent
        .value
        .ok_or_else(|| invalid("filter.Value is required: Active or Inactive."))?;
    if sent.operator != Some(FilterOperator::Equals) {
        return Err(invalid(
            "filter.Operator must be equals: users are filtered on their state only.",
        ));
    }
    Ok(state)
}

/// Where a user sorts in a listing: the sort property in lower case, then the id, so that every
/// user has its own place.
pub fn sort_key(user: &CustomerUser, sort: UserSortField) -> (String, String) {
    let value = match sort {
        UserSortField::DisplayName => &user.display_name,
        UserSortField::UserPrincipalName => &user.user_principal_name,
    };
    (value.to_lowercase(), user.id.to_string())
}

impl Customer {
    /// The users `listing` shows, in its order.
    pub fn listed_users(&self, listing: UserListing) -> Vec<&CustomerUser> {
        let mut users: Vec<&CustomerUser> = self
            .users
            .iter()
            .map(AsRef::as_ref)
            .filter(|user| user.state == listing.state)
            .collect();
        users.sort_by_cached_key(|user| sort_key(user, listing.sort));
        if listing.direction == SortDirection::Descending {
            users.reverse();
        }
        users
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(field: &str, value: &str, operator: &str) -> SentUserFilter {
        SentUserFilter {
            field: UserSearchField::from_wire(field),
            value: UserState::from_wire(value),
            operator: FilterOperator::from_wire(operator),
        }
    }

    #[test]
    fn both_spellings_of_the_state_field_filter_with_equals() {
        assert_eq!(
            filtered_state(sent("UserState", "Inactive", "equals")).unwrap(),
            UserState::Inactive
        );
        assert_eq!(
            filtered_state(sent("userstatus", "active", "Equals")).unwrap(),
            UserState::Active
        );
        assert!(filtered_state(sent("UserState", "Inactive", "starts_with")).is_err());
        assert!(filtered_state(sent("nope", "Inactive", "equals")).is_err());
    }
}
