//! Entitlements: what a customer is entitled to use, such as Azure reserved VM instances and
//! software. `entitlementType` is a plain string, as in the .NET SDK since 1.9.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The entitlement type of an Azure reserved instance.
pub const RESERVED_INSTANCE: &str = "reservedinstance";
/// The entitlement type of a software purchase.
pub const SOFTWARE: &str = "software";

/// An entitlement of a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Entitlement {
    pub reference_order: ReferenceOrder,
    pub product_id: String,
    pub sku_id: String,
    pub quantity: u32,
    pub entitlement_type: String,
    #[serde(default)]
    pub entitled_artifacts: Vec<Artifact>,
    #[serde(default)]
    pub included_entitlements: Vec<Entitlement>,
    #[serde(
        default,
        with = "crate::wire::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::wire::date::WireDate>")]
    pub expiry_date: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_attributes: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The order (and line) an entitlement comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceOrder {
    pub id: super::ids::OrderId,
    pub line_item_id: String,
}

/// Something the entitlement grants, such as a reservation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Artifact {
    pub artifact_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_attributes: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Entitlement {
    pub fn is_reserved_instance(&self) -> bool {
        self.entitlement_type
            .eq_ignore_ascii_case(RESERVED_INSTANCE)
            || self
                .entitlement_type
                .eq_ignore_ascii_case("virtualmachinereservedinstance")
    }

    pub fn is_software(&self) -> bool {
        self.entitlement_type.eq_ignore_ascii_case(SOFTWARE)
    }
}
