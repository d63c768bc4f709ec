//! The bodies clients send to create, change and reset users, and the checks on each property
//! (reference api-users-licenses §3.4, §3.5; §11.3 and §11.6 of its open points).
//!
//! Bodies are read leniently at the edge (any casing, `null` as "not given", unknown and
//! read-only properties ignored), so these types list only what the mock acts on.

use super::user::UserState;
use crate::domain::customer_validation::{invalid, missing};
use crate::domain::error::DomainError;
use serde::{Deserialize, Serialize};

/// `passwordProfile`: a new password, and whether the user must change it at the next sign-in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PasswordProfile {
    /// The password.
    pub password: Option<String>,
    /// Whether the user must change the password at the next sign-in.
    pub force_change_password: Option<bool>,
}

/// The body of `POST /v1/customers/{id}/users`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewUser {
    /// The sign-in name (`name@domain`), on one of the customer's domains.
    pub user_principal_name: Option<String>,
    /// The name shown for the user.
    pub display_name: Option<String>,
    /// The user's first name.
    pub first_name: Option<String>,
    /// The user's last name.
    pub last_name: Option<String>,
    /// Where the user uses its services, as two letters (`US`).
    pub usage_location: Option<String>,
    /// The user's id in an on-premises directory.
    pub immutable_id: Option<String>,
    /// The user's phone number.
    pub phone_number: Option<String>,
    /// The user's first password.
    pub password_profile: Option<PasswordProfile>,
}

/// The body of `PATCH /v1/customers/{id}/users/{userId}`: sparse, or the whole user as the .NET
/// SDK and PowerShell send it back. `state: "active"` restores a deleted user.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserUpdate {
    /// `active` restores a deleted user.
    pub state: Option<UserState>,
    /// The sign-in name (`name@domain`), on one of the customer's domains.
    pub user_principal_name: Option<String>,
    /// The name shown for the user.
    pub display_name: Option<String>,
    /// The user's first name.
    pub first_name: Option<String>,
    /// The user's last name.
    pub last_name: Option<String>,
    /// Where the user uses its services, as two letters (`US`).
    pub usage_location: Option<String>,
    /// The user's id in an on-premises directory.
    pub immutable_id: Option<String>,
    /// The user's phone number.
    pub phone_number: Option<String>,
    /// A new password.
    pub password_profile: Option<PasswordProfile>,
}

/// The body of `PATCH /v1/customers/{id}/users/{userId}/resetpassword`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PasswordReset {
    /// The new password.
    pub password_profile: Option<PasswordProfile>,
}

/// The longest password Entra ID takes.
const MAX_PASSWORD: usize = 256;
/// The longest local part (before the `@`) of a user principal name.
const MAX_UPN_LOCAL_PART: usize = 64;

/// A password profile with a password: the password is required, any other value is checked.
/// `path` names the profile in errors.
pub fn checked_password(
    profile: Option<PasswordProfile>,
    path: &str,
) -> Result<PasswordProfile, DomainError> {
    let profile = profile.ok_or_else(|| missing(path))?;
    let password = profile
        .password
        .as_deref()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| missing(&format!("{path}.password")))?;
    if password.chars().count() > MAX_PASSWORD {
        return Err(invalid(format!(
            "{path}.password must be at most {MAX_PASSWORD} characters long."
        )));
    }
    Ok(profile)
}

/// A user principal name `local@domain` whose domain is one of `domains` (the customer's), with
/// a local part of letters, digits and `' . - _ ! # ^ ~` that neither starts nor ends with a dot.
pub fn checked_principal_name<'a>(
    name: &str,
    mut domains: impl Iterator<Item = &'a str>,
) -> Result<String, DomainError> {
    let name = name.trim();
    let not_valid = |why: &str| {
        invalid(format!(
            "userPrincipalName '{name}' is not a valid user principal name: {why}."
        ))
    };
    let Some((local, domain)) = name.split_once('@') else {
        return Err(not_valid("it has no '@'"));
    };
    let allowed = |c: char| c.is_ascii_alphanumeric() || "'.-_!#^~".contains(c);
    if local.is_empty() || local.chars().count() > MAX_UPN_LOCAL_PART {
        return Err(not_valid(
            "the part before '@' must be 1 to 64 characters long",
        ));
    }
    if !local.chars().all(allowed)
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
    {
        return Err(not_valid(
            "the part before '@' holds a character it may not",
        ));
    }
    if !domains.any(|owned| owned.eq_ignore_ascii_case(domain)) {
        return Err(invalid(format!(
            "userPrincipalName '{name}' must end in one of the customer's domains."
        )));
    }
    Ok(name.to_owned())
}

/// A usage location: a two-letter country, stored in upper case.
pub fn checked_usage_location(location: &str) -> Result<String, DomainError> {
    let location = location.trim();
    if location.len() == 2 && location.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(location.to_ascii_uppercase())
    } else {
        Err(invalid(format!(
            "usageLocation '{location}' must be a two-letter ISO country code."
        )))
    }
}

/// A name of at most `max` characters that is not blank.
pub fn checked_name(value: &str, max: usize, path: &str) -> Result<String, DomainError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > max {
        return Err(invalid(format!(
            "{path} must be between 1 and {max} characters long."
        )));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOMAINS: [&str; 2] = ["contoso.onmicrosoft.com", "contoso.com"];

    #[test]
    fn principal_names_need_a_local_part_and_a_domain_of_the_customer() {
        let check = |name: &str| checked_principal_name(name, DOMAINS.into_iter());
        assert_eq!(
            check(" Pat.Doe@CONTOSO.com ").unwrap(),
            "Pat.Doe@CONTOSO.com"
        );
        assert!(check("o'brien_1@contoso.onmicrosoft.com").is_ok());
        for bad in [
            "pat",
            "@contoso.com",
            "pat@fabrikam.com",
            ".pat@contoso.com",
            "pat.@contoso.com",
            "p..t@contoso.com",
            "p t@contoso.com",
            "pat@contoso.com@contoso.com",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
        let long = format!("{}@contoso.com", "a".repeat(65));
        assert!(check(&long).is_err());
    }

    #[test]
    fn usage_locations_are_two_letters_in_upper_case() {
        assert_eq!(checked_usage_location("us").unwrap(), "US");
        assert!(checked_usage_location("USA").is_err());
        assert!(checked_usage_location("1A").is_err());
    }

    #[test]
    fn a_password_profile_needs_a_password() {
        assert!(checked_password(None, "passwordProfile").is_err());
        let empty = PasswordProfile::default();
        assert!(checked_password(Some(empty), "passwordProfile").is_err());
        let profile = PasswordProfile {
            password: Some("abCD123*".to_owned()),
            force_change_password: Some(true),
        };
        assert_eq!(
            checked_password(Some(profile.clone()), "passwordProfile").unwrap(),
            profile
        );
    }
}
