//! `Entitlement` and the details of a reserved-instance artifact.

use super::customer_uri;
use crate::domain::entitlement::{Artifact, Entitlement, RESERVED_INSTANCE};
use crate::domain::{Customer, CustomerId};
use crate::wire::{Link, date};
use serde::Serialize;

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EntitlementView<'a> {
    pub included_entitlements: Vec<EntitlementView<'a>>,
    pub reference_order: ReferenceOrderView<'a>,
    pub product_id: &'a str,
    pub quantity: u32,
    pub entitled_artifacts: Vec<ArtifactView<'a>>,
    pub sku_id: &'a str,
    pub entitlement_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamic_attributes: Option<&'a serde_json::Map<String, serde_json::Value>>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReferenceOrderView<'a> {
    pub id: &'a str,
    pub line_item_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternate_id: Option<&'a str>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ArtifactView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<&'a str>,
    pub artifact_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamic_attributes: Option<&'a serde_json::Map<String, serde_json::Value>>,
}

impl<'a> EntitlementView<'a> {
    /// `show_expiry` decides whether `expiryDate` is written.
    pub(crate) fn new(
        customer: &'a Customer,
        entitlement: &'a Entitlement,
        show_expiry: bool,
    ) -> Self {
        let order = &entitlement.reference_order;
        Self {
            included_entitlements: entitlement
                .included_entitlements
                .iter()
                .map(|included| Self::new(customer, included, show_expiry))
                .collect(),
            reference_order: ReferenceOrderView {
                id: &order.id,
                line_item_id: &order.line_item_id,
                alternate_id: customer
                    .order(&order.id)
                    .ok()
                    .and_then(|o| o.alternate_id.as_deref()),
            },
            product_id: &entitlement.product_id,
            quantity: entitlement.quantity,
            entitled_artifacts: entitlement
                .entitled_artifacts
                .iter()
                .map(|artifact| ArtifactView::new(customer.id, entitlement, artifact))
                .collect(),
            sku_id: &entitlement.sku_id,
            entitlement_type: &entitlement.entitlement_type,
            expiry_date: entitlement
                .expiry_date
                .as_ref()
                .filter(|_| show_expiry)
                .map(date::format),
            dynamic_attributes: entitlement.dynamic_attributes.as_ref(),
        }
    }
}

impl<'a> ArtifactView<'a> {
    fn new(customer: CustomerId, entitlement: &'a Entitlement, artifact: &'a Artifact) -> Self {
        let link = artifact
            .resource_id
            .as_deref()
            .filter(|_| {
                artifact
                    .artifact_type
                    .eq_ignore_ascii_case(RESERVED_INSTANCE)
            })
            .map(|resource| Link::get(reservation_uri(customer, entitlement, resource)));
        Self {
            link,
            resource_id: artifact.resource_id.as_deref(),
            artifact_type: &artifact.artifact_type,
            dynamic_attributes: artifact.dynamic_attributes.as_ref(),
        }
    }
}

/// Where the details of a reservation are read.
pub(crate) fn reservation_uri(
    customer: CustomerId,
    entitlement: &Entitlement,
    resource: &str,
) -> String {
    format!(
        "{}/artifacts/reservedinstance/groups/{}/lineitems/{}/resource/{resource}",
        customer_uri(customer),
        entitlement.reference_order.id,
        entitlement.reference_order.line_item_id
    )
}

/// `ReservedInstanceArtifactDetails`. The reservations are written under both names clients
/// read: `reservations` (.NET SDK) and `virtualMachineReservations` (the docs' sample).
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReservationDetailsView {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub reservations: Vec<ReservationView>,
    pub virtual_machine_reservations: Vec<ReservationView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReservationView {
    pub reservation_id: String,
    pub display_name: String,
    pub scope_type: &'static str,
    pub quantity: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiry_date_time: Option<String>,
    pub effective_date_time: String,
    pub provisioning_state: &'static str,
}

impl ReservationDetailsView {
    pub(crate) fn new(customer: &Customer, entitlement: &Entitlement, resource: &str) -> Self {
        let order = customer.order(&entitlement.reference_order.id).ok();
        let cancelled = order.is_some_and(|o| o.is_cancelled());
        let reservation = ReservationView {
            reservation_id: resource.to_owned(),
            display_name: order
                .and_then(|o| o.line_items.first())
                .map(|line| line.friendly_name.to_string())
                .unwrap_or_else(|| entitlement.product_id.clone()),
            scope_type: "Shared",
            quantity: entitlement.quantity,
            expiry_date_time: entitlement.expiry_date.as_ref().map(date::format),
            effective_date_time: order
                .map(|o| date::format(&o.creation_date))
                .unwrap_or_default(),
            provisioning_state: if cancelled { "Cancelled" } else { "Created" },
        };
        Self {
            kind: RESERVED_INSTANCE,
            reservations: vec![reservation.clone()],
            virtual_machine_reservations: vec![reservation],
        }
    }
}
