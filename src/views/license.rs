//! `SubscribedSku`, `License` and `LicenseUpdate`, with the `ProductSku` and `ServicePlan` they
//! carry (reference api-users-licenses §5.2).

use crate::domain::licensing::{
    LicenseChanges, LicenseGroup, ProductSku, ServicePlan, SubscribedSku,
};
use crate::domain::users::AssignedLicense;
use crate::wire::Attributes;
use serde::Serialize;

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SubscribedSkuView {
    pub available_units: i64,
    pub active_units: i64,
    pub consumed_units: i64,
    pub suspended_units: i64,
    pub total_units: i64,
    pub warning_units: i64,
    pub product_sku: ProductSkuView,
    pub service_plans: Vec<ServicePlanView>,
    pub capability_status: &'static str,
    pub attributes: Attributes,
}

/// `productSku`. A user's licence shows it without `targetType`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ProductSkuView {
    pub id: String,
    pub name: &'static str,
    pub sku_part_number: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_type: Option<&'static str>,
    pub license_group_id: LicenseGroup,
}

/// `servicePlans[]`: `Enabled` in a subscribed SKU, `Assigned` in a user's licence.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ServicePlanView {
    pub display_name: &'static str,
    pub service_name: &'static str,
    pub id: String,
    pub capability_status: &'static str,
    pub target_type: &'static str,
}

impl ServicePlanView {
    fn new(plan: &ServicePlan, capability_status: &'static str) -> Self {
        Self {
            display_name: plan.display_name,
            service_name: plan.service_name,
            id: plan.id.to_string(),
            capability_status,
            target_type: plan.target_type.as_wire(),
        }
    }
}

impl ProductSkuView {
    fn new(sku: &ProductSku, with_target_type: bool) -> Self {
        Self {
            id: sku.id.to_string(),
            name: sku.name,
            sku_part_number: sku.sku_part_number,
            target_type: with_target_type.then(|| sku.target_type.as_wire()),
            license_group_id: sku.license_group,
        }
    }
}

impl SubscribedSkuView {
    pub(crate) fn new(units: &SubscribedSku) -> Self {
        Self {
            available_units: units.available_units(),
            active_units: units.active_units,
            consumed_units: units.consumed_units,
            suspended_units: units.suspended_units,
            total_units: units.total_units(),
            warning_units: units.warning_units,
            product_sku: ProductSkuView::new(units.sku, true),
            service_plans: units
                .sku
                .service_plans
                .iter()
                .map(|plan| ServicePlanView::new(plan, "Enabled"))
                .collect(),
            capability_status: units.capability_status(),
            attributes: Attributes::of("SubscribedSku"),
        }
    }
}

/// `License`: a licence a user holds, with the plans it turns on for the user.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LicenseView {
    pub service_plans: Vec<ServicePlanView>,
    pub product_sku: ProductSkuView,
    pub attributes: Attributes,
}

impl LicenseView {
    pub(crate) fn new(sku: &ProductSku, license: &AssignedLicense) -> Self {
        Self {
            service_plans: sku
                .service_plans
                .iter()
                .filter(|plan| !license.excluded_plans.contains(&plan.id))
                .map(|plan| ServicePlanView::new(plan, "Assigned"))
                .collect(),
            product_sku: ProductSkuView::new(sku, false),
            attributes: Attributes::of("License"),
        }
    }
}

/// `LicenseUpdate`, as the answer echoes the update applied.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LicenseUpdateView {
    pub licenses_to_assign: Vec<LicenseAssignmentView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub licenses_to_remove: Vec<String>,
    pub license_warnings: Vec<LicenseWarningView>,
    pub attributes: Attributes,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LicenseAssignmentView {
    pub sku_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub excluded_plans: Vec<String>,
}

/// `licenseWarnings[]`; the mock never has one to give.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LicenseWarningView {
    pub code: String,
    pub message: String,
    pub service_plans: Vec<String>,
}

impl LicenseUpdateView {
    pub(crate) fn new(changes: &LicenseChanges) -> Self {
        Self {
            licenses_to_assign: changes
                .assign
                .iter()
                .map(|license| LicenseAssignmentView {
                    sku_id: license.sku_id.to_string(),
                    excluded_plans: license
                        .excluded_plans
                        .iter()
                        .map(ToString::to_string)
                        .collect(),
                })
                .collect(),
            licenses_to_remove: changes.remove.iter().map(ToString::to_string).collect(),
            license_warnings: Vec::new(),
            attributes: Attributes::of("LicenseUpdate"),
        }
    }
}
