//! `CustomerUser`, as the user routes answer it; the create and password-reset answers also
//! echo the password profile.

use super::customer_uri;
use crate::domain::CustomerId;
use crate::domain::users::requests::PasswordProfile;
use crate::domain::users::{CustomerUser, UserDomainType, UserState};
use crate::wire::date;
use crate::wire::{Attributes, Links};
use serde::Serialize;

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CustomerUserView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage_location: Option<&'a str>,
    pub id: String,
    pub user_principal_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<&'a str>,
    pub display_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub immutable_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_profile: Option<PasswordProfileView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_directory_sync_time: Option<String>,
    pub user_domain_type: UserDomainType,
    pub state: UserState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soft_deletion_time: Option<String>,
    pub links: Links,
    pub attributes: Attributes,
}

/// The password profile as the create and reset answers echo it.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PasswordProfileView {
    pub password: String,
    pub force_change_password: bool,
}

/// The uri of a customer's user.
pub(crate) fn user_uri(customer: CustomerId, user: impl std::fmt::Display) -> String {
    format!("{}/users/{user}", customer_uri(customer))
}

impl<'a> CustomerUserView<'a> {
    pub(crate) fn new(customer: CustomerId, user: &'a CustomerUser) -> Self {
        Self {
            usage_location: user.usage_location.as_deref(),
            id: user.id.to_string(),
            user_principal_name: &user.user_principal_name,
            first_name: user.first_name.as_deref(),
            last_name: user.last_name.as_deref(),
            display_name: &user.display_name,
            immutable_id: user.immutable_id.as_deref(),
            phone_number: user.phone_number.as_deref(),
            password_profile: None,
            last_directory_sync_time: user.last_directory_sync_time.as_ref().map(date::format),
            user_domain_type: user.user_domain_type,
            state: user.state,
            soft_deletion_time: user.soft_deletion_time.as_ref().map(date::format),
            links: Links::to_self(user_uri(customer, user.id)),
            attributes: Attributes::of("CustomerUser"),
        }
    }

    /// The user with the password profile it was created or reset with.
    pub(crate) fn with_password(mut self, profile: PasswordProfile) -> Self {
        self.password_profile = Some(PasswordProfileView {
            password: profile.password.unwrap_or_default(),
            force_change_password: profile.force_change_password.unwrap_or(false),
        });
        self
    }
}
