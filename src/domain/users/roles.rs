//! Directory roles: the Entra role templates every tenant has, and which users are members of
//! each (reference api-users-licenses §4; §11.16 of its open points).

use super::user::CustomerUser;
use crate::domain::customer::Customer;
use crate::domain::error::DomainError;
use crate::domain::ids::{DirectoryRoleId, UserId};
use std::sync::Arc;
use uuid::{Uuid, uuid};

/// A directory role: a role template id and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirectoryRole {
    /// The role template's id.
    pub id: DirectoryRoleId,
    /// The role's name (`Global Administrator`).
    pub name: &'static str,
}

const fn role(id: Uuid, name: &'static str) -> DirectoryRole {
    DirectoryRole {
        id: DirectoryRoleId(id),
        name,
    }
}

/// The role a new tenant's first administrator holds.
pub const GLOBAL_ADMINISTRATOR: DirectoryRole = role(
    uuid!("62e90394-69f5-4237-9190-012177145e10"),
    "Global Administrator",
);

/// The roles of every customer's directory, by their template ids (the same in every tenant).
/// Names are as Partner Center prints them ("User Account Administrator" is Entra's User
/// Administrator).
pub const DIRECTORY_ROLES: &[DirectoryRole] = &[
    GLOBAL_ADMINISTRATOR,
    role(
        uuid!("fe930be7-5e62-47db-91af-98c3a49a38b1"),
        "User Account Administrator",
    ),
    role(
        uuid!("729827e3-9c14-49f7-bb1b-9608f156bbb8"),
        "Helpdesk Administrator",
    ),
    role(
        uuid!("f023fd81-a637-4b56-95fd-791ac0226033"),
        "Service Support Administrator",
    ),
    role(
        uuid!("b0f54661-2d74-4c50-afa3-1ec803f12efe"),
        "Billing Administrator",
    ),
    role(
        uuid!("88d8e3e3-8f55-4a1e-953a-9b9898b8876b"),
        "Directory Readers",
    ),
];

/// The directory role `id`.
///
/// Errors: [`DomainError::DirectoryRoleNotFound`] (404 1000).
pub fn directory_role(id: DirectoryRoleId) -> Result<DirectoryRole, DomainError> {
    DIRECTORY_ROLES
        .iter()
        .copied()
        .find(|role| role.id == id)
        .ok_or(DomainError::DirectoryRoleNotFound(id))
}

impl Customer {
    /// The roles an active user is a member of, in the directory's order.
    ///
    /// Errors: [`DomainError::UserNotFound`] (404 60002).
    pub fn roles_of_user(&self, id: UserId) -> Result<Vec<DirectoryRole>, DomainError> {
        let user = self.user(id)?;
        Ok(DIRECTORY_ROLES
            .iter()
            .copied()
            .filter(|role| user.is_member_of(role.id))
            .collect())
    }

    /// The active members of a role.
    ///
    /// Errors: [`DomainError::DirectoryRoleNotFound`] (404 1000).
    pub fn role_members(&self, id: DirectoryRoleId) -> Result<Vec<&CustomerUser>, DomainError> {
        directory_role(id)?;
        Ok(self
            .users
            .iter()
            .map(AsRef::as_ref)
            .filter(|user| user.is_member_of(id))
            .collect())
    }

    /// `POST .../directoryroles/{roleId}/usermembers`: makes an active user a member; a member
    /// stays one.
    ///
    /// Errors: [`DomainError::DirectoryRoleNotFound`] (404 1000); [`DomainError::UserNotFound`]
    /// (404 60002).
    pub fn add_role_member(
        &mut self,
        role: DirectoryRoleId,
        user: UserId,
    ) -> Result<(), DomainError> {
        directory_role(role)?;
        let index = self.active_user_index(user)?;
        if !self.users[index].directory_roles.contains(&role) {
            let user = Arc::make_mut(&mut self.users[index]);
            user.directory_roles.push(role);
            user.directory_roles.sort_unstable();
        }
        Ok(())
    }

    /// `DELETE .../directoryroles/{roleId}/usermembers/{userId}`.
    ///
    /// Errors: [`DomainError::DirectoryRoleNotFound`] (404 1000); [`DomainError::UserNotFound`]
    /// (404 60002) for an unknown user; [`DomainError::NotARoleMember`] (404 1000).
    pub fn remove_role_member(
        &mut self,
        role: DirectoryRoleId,
        user: UserId,
    ) -> Result<(), DomainError> {
        directory_role(role)?;
        let index = self.active_user_index(user)?;
        if !self.users[index].directory_roles.contains(&role) {
            return Err(DomainError::NotARoleMember { role, user });
        }
        Arc::make_mut(&mut self.users[index])
            .directory_roles
            .retain(|held| *held != role);
        Ok(())
    }
}
