//! A user's life: created, changed, given a new password, deleted (kept inactive for 30 days,
//! then purged) and restored (reference api-users-licenses §3.4 to §3.6; §11.3 to §11.7 of its
//! open points).

use super::requests::{
    NewUser, PasswordProfile, PasswordReset, UserUpdate, checked_name, checked_password,
    checked_principal_name, checked_usage_location,
};
use super::user::{CustomerUser, RECOVERY_WINDOW_DAYS, UserDomainType, UserState};
use crate::domain::customer::Customer;
use crate::domain::customer_validation::missing;
use crate::domain::error::DomainError;
use crate::domain::ids::UserId;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;

/// The longest display name.
const MAX_DISPLAY_NAME: usize = 256;
/// The longest first or last name.
const MAX_NAME: usize = 64;

impl Customer {
    /// An active user, by id.
    ///
    /// Errors: [`DomainError::UserNotFound`] (404 60002) for an unknown or deleted user.
    pub fn user(&self, id: UserId) -> Result<&CustomerUser, DomainError> {
        self.active_user_index(id).map(|i| &*self.users[i])
    }

    /// An active user, by id or, failing that, by user principal name.
    ///
    /// Errors: [`DomainError::UserNotFound`] (404 60002).
    pub fn user_by_id_or_name(&self, key: &str) -> Result<&CustomerUser, DomainError> {
        let found = match UserId::parse(key.trim()) {
            Some(id) => self.users.iter().find(|u| u.id == id),
            None => self.users.iter().find(|u| u.is_named(key)),
        };
        found
            .map(AsRef::as_ref)
            .filter(|user| user.is_active())
            .ok_or_else(|| DomainError::UserNotFound(key.trim().to_owned()))
    }

    /// The position of the active user `id` in [`Customer::users`].
    pub(crate) fn active_user_index(&self, id: UserId) -> Result<usize, DomainError> {
        self.users
            .iter()
            .position(|u| u.id == id && u.is_active())
            .ok_or_else(|| DomainError::UserNotFound(id.to_string()))
    }

    /// `POST /v1/customers/{id}/users`: a new active user named `id`. Returns the password
    /// profile, which only the answer shows.
    ///
    /// Errors: [`DomainError::InvalidInput`] (400 2000) naming the property at fault;
    /// [`DomainError::UserPrincipalNameInUse`] (400 900407) when an active or deleted user of
    /// the customer has the name.
    pub fn create_user(
        &mut self,
        request: NewUser,
        id: UserId,
    ) -> Result<PasswordProfile, DomainError> {
        let name = request
            .user_principal_name
            .ok_or_else(|| missing("userPrincipalName"))?;
        let name = checked_principal_name(&name, self.domains())?;
        let display_name = request.display_name.ok_or_else(|| missing("displayName"))?;
        let display_name = checked_name(&display_name, MAX_DISPLAY_NAME, "displayName")?;
        let password = checked_password(request.password_profile, "passwordProfile")?;
        self.ensure_name_is_free(&name, None)?;
        let user = CustomerUser {
            id,
            user_principal_name: name,
            display_name,
            first_name: optional_name(request.first_name, "firstName")?,
            last_name: optional_name(request.last_name, "lastName")?,
            usage_location: request
                .usage_location
                .as_deref()
                .map(checked_usage_location)
                .transpose()?,
            immutable_id: request.immutable_id,
            phone_number: request.phone_number,
            user_domain_type: UserDomainType::None,
            state: UserState::Active,
            soft_deletion_time: None,
            last_directory_sync_time: None,
            licenses: Vec::new(),
            directory_roles: Vec::new(),
        };
        self.users.push(Arc::new(user));
        Ok(password)
    }

    /// `PATCH /v1/customers/{id}/users/{userId}`. `state: "active"` on a deleted user restores
    /// it and changes nothing else; on an active user it changes nothing. Otherwise each given
    /// property is changed; a new password is checked and taken.
    ///
    /// Errors: [`DomainError::UserNotFound`] (404 60002) for an unknown, purged, or (unless
    /// restored) deleted user; [`DomainError::InvalidInput`] (400 2000), such as for
    /// `state: "inactive"`; [`DomainError::UserPrincipalNameInUse`] (400 900407).
    pub fn update_user(&mut self, id: UserId, update: UserUpdate) -> Result<(), DomainError> {
        let index = self
            .users
            .iter()
            .position(|u| u.id == id)
            .ok_or_else(|| DomainError::UserNotFound(id.to_string()))?;
        match (self.users[index].state, update.state) {
            (UserState::Inactive, Some(UserState::Active)) => {
                self.restore_user(index);
                return Ok(());
            }
            (UserState::Inactive, _) => return Err(DomainError::UserNotFound(id.to_string())),
            (UserState::Active, Some(UserState::Inactive)) => {
                return Err(DomainError::InvalidInput(
                    "state cannot be set to inactive: delete the user instead.".to_owned(),
                ));
            }
            (UserState::Active, _) => {}
        }
        if let Some(profile) = update.password_profile {
            checked_password(Some(profile), "passwordProfile")?;
        }
        let name = update
            .user_principal_name
            .map(|name| checked_principal_name(&name, self.domains()))
            .transpose()?;
        if let Some(name) = &name {
            self.ensure_name_is_free(name, Some(id))?;
        }
        let display_name = update
            .display_name
            .map(|name| checked_name(&name, MAX_DISPLAY_NAME, "displayName"))
            .transpose()?;
        let first_name = optional_name(update.first_name, "firstName")?;
        let last_name = optional_name(update.last_name, "lastName")?;
        let usage_location = update
            .usage_location
            .as_deref()
            .map(checked_usage_location)
            .transpose()?;
        let user = Arc::make_mut(&mut self.users[index]);
        let take = |slot: &mut Option<String>, value: Option<String>| {
            if value.is_some() {
                *slot = value;
            }
        };
        if let Some(name) = name {
            user.user_principal_name = name;
        }
        if let Some(name) = display_name {
            user.display_name = name;
        }
        take(&mut user.first_name, first_name);
        take(&mut user.last_name, last_name);
        take(&mut user.usage_location, usage_location);
        take(&mut user.immutable_id, update.immutable_id);
        take(&mut user.phone_number, update.phone_number);
        Ok(())
    }

    /// `PATCH /v1/customers/{id}/users/{userId}/resetpassword`: checks the new password and
    /// returns the profile, which the answer echoes.
    ///
    /// Errors: [`DomainError::UserNotFound`] (404 60002); [`DomainError::InvalidInput`]
    /// (400 2000) without a password.
    pub fn reset_user_password(
        &self,
        id: UserId,
        reset: PasswordReset,
    ) -> Result<PasswordProfile, DomainError> {
        self.user(id)?;
        checked_password(reset.password_profile, "passwordProfile")
    }

    /// `DELETE /v1/customers/{id}/users/{userId}`: the user turns inactive for 30 days. Its
    /// licences stop counting and its role memberships stop applying, but both are kept for a
    /// restore.
    ///
    /// Errors: [`DomainError::UserNotFound`] (404 60002).
    pub fn delete_user(&mut self, id: UserId, now: DateTime<Utc>) -> Result<(), DomainError> {
        let index = self.active_user_index(id)?;
        let user = Arc::make_mut(&mut self.users[index]);
        user.state = UserState::Inactive;
        user.soft_deletion_time = Some(now);
        Ok(())
    }

    /// Brings a deleted user back with its roles, and with each licence whose SKU still has a
    /// unit available; the others are dropped.
    fn restore_user(&mut self, index: usize) {
        let kept: Vec<_> = self.users[index]
            .licenses
            .iter()
            .filter(|license| self.available_units(license.sku_id) > 0)
            .cloned()
            .collect();
        let user = Arc::make_mut(&mut self.users[index]);
        user.state = UserState::Active;
        user.soft_deletion_time = None;
        user.licenses = kept;
    }

    /// Refuses `name` when another user of the customer, active or deleted, has it.
    fn ensure_name_is_free(&self, name: &str, except: Option<UserId>) -> Result<(), DomainError> {
        let taken = self
            .users
            .iter()
            .any(|user| Some(user.id) != except && user.is_named(name));
        if taken {
            Err(DomainError::UserPrincipalNameInUse(name.to_owned()))
        } else {
            Ok(())
        }
    }

    /// Whether a deleted user's recovery window has closed.
    pub fn users_need_purging(&self, now: DateTime<Utc>) -> bool {
        self.users.iter().any(|user| is_past_recovery(user, now))
    }

    /// Removes the users deleted more than 30 days ago, for good.
    pub fn purge_deleted_users(&mut self, now: DateTime<Utc>) {
        self.users.retain(|user| !is_past_recovery(user, now));
    }
}

fn is_past_recovery(user: &CustomerUser, now: DateTime<Utc>) -> bool {
    user.soft_deletion_time
        .is_some_and(|deleted| now >= deleted + Duration::days(RECOVERY_WINDOW_DAYS))
}

fn optional_name(value: Option<String>, path: &str) -> Result<Option<String>, DomainError> {
    value
        .map(|value| checked_name(&value, MAX_NAME, path))
        .transpose()
}
