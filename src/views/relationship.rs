//! `PartnerRelationship` and `RelationshipRequest`.

use crate::domain::{Customer, Partner};
use crate::wire::Attributes;
use serde::Serialize;

/// An indirect reseller tied to a customer (`GET /v1/customers/{id}/relationships`).
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PartnerRelationshipView<'a> {
    pub id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    pub relationship_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mpn_id: Option<&'a str>,
    pub attributes: Attributes,
}

impl<'a> PartnerRelationshipView<'a> {
    /// The customer's indirect reseller, if it has one.
    pub(crate) fn of_customer(customer: &'a Customer, partner: &'a Partner) -> Option<Self> {
        let id = customer.associated_partner_id.as_deref()?;
        let known = partner.indirect_reseller(id);
        Some(Self {
            id,
            name: known.map(|r| r.name.as_str()),
            relationship_type: "is_indirect_cloud_solution_provider_of",
            mpn_id: known.map(|r| r.mpn_id.as_str()),
            attributes: Attributes::of("PartnerRelationship"),
        })
    }
}

/// The link a customer follows to accept a reseller relationship.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct RelationshipRequestView {
    pub url: String,
    pub attributes: Attributes,
}

impl RelationshipRequestView {
    pub(crate) fn for_partner(partner: &Partner) -> Self {
        Self {
            url: format!(
                "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={}&msppId=0&DAP=false#/BillingAccounts/partner-invitation",
                partner.id
            ),
            attributes: Attributes::of("RelationshipRequest"),
        }
    }
}
