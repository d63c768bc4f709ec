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
    /// The order and line the entitlement comes from.
    pub reference_order: ReferenceOrder,
    /// The product's id.
    pub product_id: String,
    /// The SKU's id.
    pub sku_id: String,
    /// The quantity entitled.
    pub quantity: u32,
    /// What kind of entitlement it is (`software`, `reservedInstance`...).
    pub entitlement_type: String,
    /// What the entitlement grants, such as a reservation or a product key.
    #[serde(default)]
    pub entitled_artifacts: Vec<Artifact>,
    /// Entitlements granted with this one.
    #[serde(default)]
    pub included_entitlements: Vec<Entitlement>,
    /// When the entitlement expires.
    #[serde(
        default,
        with = "crate::wire::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::wire::date::WireDate>")]
    pub expiry_date: Option<DateTime<Utc>>,
    /// Product-specific values, as on the wire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_attributes: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The order (and line) an entitlement comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceOrder {
    /// The order's id.
    pub id: super::ids::OrderId,
    /// The order line's number.
    pub line_item_id: String,
}

/// Something the entitlement grants, such as a reservation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Artifact {
    /// What kind of artifact it is (`reservedInstance`, `productKey`...).
    pub artifact_type: String,
    /// The Azure resource the artifact is, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    /// Artifact-specific values, as on the wire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_attributes: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Entitlement {
    /// Whether it is an Azure reservation.
    pub fn is_reserved_instance(&self) -> bool {
        self.entitlement_type
            .eq_ignore_ascii_case(RESERVED_INSTANCE)
            || self
                .entitlement_type
                .eq_ignore_ascii_case("virtualmachinereservedinstance")
    }

    /// Whether it is a software purchase.
    pub fn is_software(&self) -> bool {
        self.entitlement_type.eq_ignore_ascii_case(SOFTWARE)
    }
}
