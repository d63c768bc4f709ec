//! `CustomerUser`: a user account in the customer's directory, with the licences and directory
//! roles it holds (reference api-users-licenses §3.1).

use crate::domain::ids::{DirectoryRoleId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::wire_enum! {
    /// `state` (.NET SDK `UserState`): `inactive` is a soft-deleted user.
    pub enum UserState {
        /// An active user.
        Active = 0 => "active",
        /// A deleted user, restorable until its recovery window closes.
        Inactive = 1 => "inactive",
    }
}

crate::wire_enum! {
    /// `userDomainType` (.NET SDK `UserDomainType`).
    pub enum UserDomainType {
        /// Not known.
        None = 0 => "none",
        /// The domain is managed in Entra ID.
        Managed = 1 => "managed",
        /// The domain is federated with another identity provider.
        Federated = 2 => "federated",
    }
}

/// The days a deleted user can be restored; afterwards it is purged for good.
pub const RECOVERY_WINDOW_DAYS: i64 = 30;

/// A user of the customer's tenant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomerUser {
    /// The user's object id.
    pub id: UserId,
    /// The sign-in name (`name@domain`).
    pub user_principal_name: String,
    /// The name shown for the user.
    pub display_name: String,
    /// The user's first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The user's last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Two letters, such as `US`; licences cannot be assigned without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_location: Option<String>,
    /// The user's id in an on-premises directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub immutable_id: Option<String>,
    /// The user's phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Whether the user's domain is managed or federated.
    #[serde(default = "no_domain_type")]
    pub user_domain_type: UserDomainType,
    /// `active`, or `inactive` once deleted.
    #[serde(default = "active")]
    pub state: UserState,
    /// When the user was deleted: the start of its recovery window.
    #[serde(
        default,
        with = "crate::wire::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::wire::date::WireDate>")]
    pub soft_deletion_time: Option<DateTime<Utc>>,
    /// Set only for users synchronised from an on-premises directory.
    #[serde(
        default,
        with = "crate::wire::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::wire::date::WireDate>")]
    pub last_directory_sync_time: Option<DateTime<Utc>>,
    /// The licences assigned to the user, by product SKU. A deleted user keeps them, unused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub licenses: Vec<AssignedLicense>,
    /// The directory roles the user is a member of. A deleted user keeps them, unused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub directory_roles: Vec<DirectoryRoleId>,
}

/// A licence assigned to a user: the product SKU and the service plans turned off for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AssignedLicense {
    /// The product SKU's id.
    pub sku_id: Uuid,
    /// The service plans of the SKU turned off for the user.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_plans: Vec<Uuid>,
}

const fn no_domain_type() -> UserDomainType {
    UserDomainType::None
}

const fn active() -> UserState {
    UserState::Active
}

impl CustomerUser {
    /// Whether the user is active (not deleted).
    pub fn is_active(&self) -> bool {
        self.state == UserState::Active
    }

    /// The licence of `sku`, when the user holds one.
    pub fn license(&self, sku: Uuid) -> Option<&AssignedLicense> {
        self.licenses.iter().find(|license| license.sku_id == sku)
    }

    /// Whether the user holds a licence of `sku` that counts: an active user's.
    pub fn consumes(&self, sku: Uuid) -> bool {
        self.is_active() && self.license(sku).is_some()
    }

    /// Whether the user is an active member of `role`.
    pub fn is_member_of(&self, role: DirectoryRoleId) -> bool {
        self.is_active() && self.directory_roles.contains(&role)
    }

    /// Whether the user's principal name is `name`, compared case-insensitively.
    pub fn is_named(&self, name: &str) -> bool {
        self.user_principal_name.eq_ignore_ascii_case(name.trim())
    }
}
