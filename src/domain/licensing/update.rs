//! `POST .../users/{userId}/licenseupdates`: assigning and removing a user's licences in one
//! all-or-nothing step (reference api-users-licenses §5.5; §11.12 of its open points).
//!
//! The checks, in order: the body names a licence; every id is a GUID and no SKU is named twice;
//! the SKUs are of one licence group (900408); the customer holds a subscription of each SKU to
//! assign (900409); the user has a usage location when licences are assigned (900410); excluded
//! plans are plans of their SKU; each SKU to remove is assigned to the user (900411); and each
//! SKU newly assigned has a unit available (60012). Assigning a SKU the user holds only changes
//! its excluded plans.

use super::LicenseGroup;
use super::product_skus::product_sku;
use crate::domain::customer::Customer;
use crate::domain::error::DomainError;
use crate::domain::ids::{UserId, parse_guid};
use crate::domain::users::AssignedLicense;
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::Arc;
use uuid::Uuid;

/// The body of a licence update, as the .NET SDK (PascalCase, nulls), PowerShell (empty lists)
/// and other clients send it.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LicenseUpdate {
    /// The licences to assign.
    pub licenses_to_assign: Option<Vec<LicenseAssignment>>,
    /// SKU ids.
    pub licenses_to_remove: Option<Vec<String>>,
}

/// One licence to assign: the SKU, and the service plans to leave off.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LicenseAssignment {
    /// The product SKU's id.
    pub sku_id: Option<String>,
    /// The ids of the service plans to leave off.
    pub excluded_plans: Option<Vec<String>>,
}

/// A licence update after its ids were read: what the answer echoes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LicenseChanges {
    /// The licences to assign.
    pub assign: Vec<AssignedLicense>,
    /// The ids of the product SKUs whose licences are removed.
    pub remove: Vec<Uuid>,
}

impl LicenseUpdate {
    /// Reads the ids: each a GUID, no SKU named twice, and at least one licence.
    ///
    /// Errors: [`DomainError::InvalidInput`] (400 2000) naming the property at fault.
    pub fn read(self) -> Result<LicenseChanges, DomainError> {
        let mut changes = LicenseChanges::default();
        let mut assigned = HashSet::new();
        let mut removed = HashSet::new();
        for (index, assignment) in self
            .licenses_to_assign
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            let path = format!("licensesToAssign[{index}]");
            let sku = assignment
                .sku_id
                .ok_or_else(|| invalid(format!("{path}.skuId is required.")))?;
            let sku_id = guid(&sku, &format!("{path}.skuId"))?;
            if !assigned.insert(sku_id) {
                return Err(invalid(format!(
                    "{path}.skuId names the SKU {sku_id} a second time."
                )));
            }
            let mut excluded_plans = Vec::new();
            for (plan_index, plan) in assignment
                .excluded_plans
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                let plan = guid(plan, &format!("{path}.excludedPlans[{plan_index}]"))?;
                if !excluded_plans.contains(&plan) {
                    excluded_plans.push(plan);
                }
            }
            excluded_plans.sort_unstable();
            changes.assign.push(AssignedLicense {
                sku_id,
                excluded_plans,
            });
        }
        for (index, sku) in self
            .licenses_to_remove
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let path = format!("licensesToRemove[{index}]");
            let sku_id = guid(sku, &path)?;
            if !removed.insert(sku_id) {
                return Err(invalid(format!(
                    "{path} names the SKU {sku_id} a second time."
                )));
            }
            if assigned.contains(&sku_id) {
                return Err(invalid(format!(
                    "{path} names the SKU {sku_id}, which licensesToAssign also names."
                )));
            }
            changes.remove.push(sku_id);
        }
        if changes.assign.is_empty() && changes.remove.is_empty() {
            return Err(invalid(
                "licensesToAssign or licensesToRemove must name at least one licence.".to_owned(),
            ));
        }
        Ok(changes)
    }
}

impl Customer {
    /// Applies `changes` to the active user `id`, or refuses them whole.
    ///
    /// Errors: [`DomainError::UserNotFound`] (404 60002); [`DomainError::LicenseGroupsMixed`]
    /// (400 900408); [`DomainError::SkuNotSubscribed`] (400 900409);
    /// [`DomainError::UsageLocationRequired`] (400 900410); [`DomainError::InvalidInput`]
    /// (400 2000) for a plan that is not the SKU's; [`DomainError::LicenseNotAssigned`]
    /// (400 900411); [`DomainError::LicenseQuotaExceeded`] (400 60012).
    pub fn update_licenses(
        &mut self,
        id: UserId,
        changes: &LicenseChanges,
    ) -> Result<(), DomainError> {
        let index = self.active_user_index(id)?;
        let named = changes
            .assign
            .iter()
            .map(|license| license.sku_id)
            .chain(changes.remove.iter().copied());
        let groups: Vec<LicenseGroup> = named
            .filter_map(|sku| product_sku(sku).map(|known| known.license_group))
            .collect();
        if groups.windows(2).any(|pair| pair[0] != pair[1]) {
            return Err(DomainError::LicenseGroupsMixed);
        }
        for (position, license) in changes.assign.iter().enumerate() {
            let held = self
                .subscribed_sku(license.sku_id)
                .is_some_and(|units| units.total_units() > 0 || units.suspended_units > 0);
            if !held {
                return Err(DomainError::SkuNotSubscribed {
                    field: format!("licensesToAssign[{position}].skuId"),
                    sku: license.sku_id,
                });
            }
        }
        let user = &self.users[index];
        if !changes.assign.is_empty() && user.usage_location.is_none() {
            return Err(DomainError::UsageLocationRequired);
        }
        for (position, license) in changes.assign.iter().enumerate() {
            let sku = product_sku(license.sku_id).ok_or_else(|| DomainError::SkuNotSubscribed {
                field: format!("licensesToAssign[{position}].skuId"),
                sku: license.sku_id,
            })?;
            if let Some((plan_index, plan)) = license
                .excluded_plans
                .iter()
                .enumerate()
                .find(|(_, plan)| sku.service_plan(**plan).is_none())
            {
                return Err(invalid(format!(
                    "licensesToAssign[{position}].excludedPlans[{plan_index}]: {plan} is not a service plan of the SKU {}.",
                    sku.id
                )));
            }
        }
        for (position, sku) in changes.remove.iter().enumerate() {
            if user.license(*sku).is_none() {
                return Err(DomainError::LicenseNotAssigned {
                    field: format!("licensesToRemove[{position}]"),
                    sku: *sku,
                });
            }
        }
        for license in &changes.assign {
            if user.license(license.sku_id).is_none() && self.available_units(license.sku_id) < 1 {
                return Err(DomainError::license_quota_exceeded(self.id, license.sku_id));
            }
        }
        let user = Arc::make_mut(&mut self.users[index]);
        user.licenses
            .retain(|held| !changes.remove.contains(&held.sku_id));
        for license in &changes.assign {
            match user
                .licenses
                .iter_mut()
                .find(|held| held.sku_id == license.sku_id)
            {
                Some(held) => held.excluded_plans.clone_from(&license.excluded_plans),
                None => user.licenses.push(license.clone()),
            }
        }
        user.licenses.sort_by_key(|held| held.sku_id);
        Ok(())
    }
}

fn guid(text: &str, path: &str) -> Result<Uuid, DomainError> {
    parse_guid(text.trim()).ok_or_else(|| invalid(format!("{path} '{text}' must be a GUID.")))
}

fn invalid(message: String) -> DomainError {
    DomainError::InvalidInput(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const E3: &str = "6fd2c87f-b296-42f0-b197-1e91e994b900";

    fn assign(sku: &str) -> LicenseAssignment {
        LicenseAssignment {
            sku_id: Some(sku.to_owned()),
            excluded_plans: None,
        }
    }

    #[test]
    fn an_update_names_each_sku_once_as_a_guid() {
        let empty = LicenseUpdate {
            licenses_to_assign: Some(vec![]),
            licenses_to_remove: None,
        };
        assert!(empty.read().is_err());
        let twice = LicenseUpdate {
            licenses_to_assign: Some(vec![assign(E3), assign(&E3.to_uppercase())]),
            licenses_to_remove: None,
        };
        let error = twice.read().unwrap_err().to_string();
        assert!(error.contains("licensesToAssign[1].skuId"), "{error}");
        let both = LicenseUpdate {
            licenses_to_assign: Some(vec![assign(E3)]),
            licenses_to_remove: Some(vec![E3.to_owned()]),
        };
        assert!(
            both.read()
                .unwrap_err()
                .to_string()
                .contains("licensesToRemove[0]")
        );
        let not_a_guid = LicenseUpdate {
            licenses_to_assign: Some(vec![assign("E3")]),
            licenses_to_remove: None,
        };
        assert!(
            not_a_guid
                .read()
                .unwrap_err()
                .to_string()
                .contains("licensesToAssign[0].skuId")
        );
        let read = LicenseUpdate {
            licenses_to_assign: None,
            licenses_to_remove: Some(vec![E3.to_uppercase()]),
        }
        .read()
        .unwrap();
        assert_eq!(read.remove, [Uuid::parse_str(E3).unwrap()]);
    }
}
