//! `DirectoryRole` and `UserMember`.

use crate::domain::ids::DirectoryRoleId;
use crate::domain::users::CustomerUser;
use crate::domain::users::roles::DirectoryRole;
use crate::wire::Attributes;
use serde::Serialize;

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DirectoryRoleView {
    pub name: &'static str,
    pub id: String,
    pub attributes: Attributes,
}

impl DirectoryRoleView {
    pub(crate) fn new(role: DirectoryRole) -> Self {
        Self {
            name: role.name,
            id: role.id.to_string(),
            attributes: Attributes::of("DirectoryRole"),
        }
    }
}

/// A member of a directory role: the user's id and names, and the role's id.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UserMemberView<'a> {
    pub display_name: &'a str,
    pub user_principal_name: &'a str,
    pub role_id: String,
    pub id: String,
    pub attributes: Attributes,
}

impl<'a> UserMemberView<'a> {
    pub(crate) fn new(role: DirectoryRoleId, user: &'a CustomerUser) -> Self {
        Self {
            display_name: &user.display_name,
            user_principal_name: &user.user_principal_name,
            role_id: role.to_string(),
            id: user.id.to_string(),
            attributes: Attributes::of("UserMember"),
        }
    }
}
