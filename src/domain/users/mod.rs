//! The customer's directory: its users, their directory roles, and the checks a seed's users
//! must pass (reference api-users-licenses §3, §4).
//!
//! Users live in the customer aggregate ([`Customer::users`]), so a reset, a snapshot, a fork,
//! an export and an import carry them with the rest of the customer.

pub(crate) mod lifecycle;
pub mod listing;
pub mod requests;
pub mod roles;
pub mod user;

pub use user::{AssignedLicense, CustomerUser, UserDomainType, UserState};

use crate::domain::customer::Customer;
use crate::domain::licensing::product_sku;

/// Checks what serde cannot in a seeded customer's users: unique ids and principal names, names
/// in the customer's domains, known roles and product SKUs. The fault's path starts at `users`.
pub fn check_users(customer: &Customer) -> Result<(), (String, String)> {
    for (index, user) in customer.users.iter().enumerate() {
        let at = |field: &str| format!("users[{index}].{field}");
        let earlier = &customer.users[..index];
        if earlier.iter().any(|other| other.id == user.id) {
            return Err((at("id"), format!("user id {} appears twice", user.id)));
        }
        if earlier
            .iter()
            .any(|other| other.is_named(&user.user_principal_name))
        {
            return Err((
                at("userPrincipalName"),
                format!("{} appears twice", user.user_principal_name),
            ));
        }
        requests::checked_principal_name(&user.user_principal_name, customer.domains())
            .map_err(|e| (at("userPrincipalName"), e.to_string()))?;
        if let Some(role) = user
            .directory_roles
            .iter()
            .find(|role| roles::directory_role(**role).is_err())
        {
            return Err((at("directoryRoles"), format!("no directory role {role}")));
        }
        if let Some(license) = user
            .licenses
            .iter()
            .find(|license| product_sku(license.sku_id).is_none())
        {
            return Err((at("licenses"), format!("no product SKU {}", license.sku_id)));
        }
    }
    Ok(())
}
