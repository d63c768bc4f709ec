//! The partner whose view of Partner Center the mock serves, and the indirect resellers it knows.

use serde::{Deserialize, Serialize};

/// The signed-in partner (the CSP whose customers these are).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Partner {
    /// The partner's tenant id.
    pub id: String,
    /// The partner's company name.
    pub name: String,
    /// The partner's Partner Network (MPN) id.
    pub mpn_id: String,
    /// Indirect resellers working with this partner (when it is an indirect provider).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indirect_resellers: Vec<IndirectReseller>,
}

/// An indirect reseller: a partner that sells through this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct IndirectReseller {
    /// The reseller's tenant id, as given in a customer's `associatedPartnerId`.
    pub id: String,
    /// The reseller's company name.
    pub name: String,
    /// The reseller's Partner Network (MPN) id.
    pub mpn_id: String,
    /// The reseller's country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

impl Partner {
    /// Whether `tenant` (a caller's token `tid`) is one of this partner's indirect resellers.
    pub fn is_indirect_reseller(&self, tenant: Option<&str>) -> bool {
        tenant.is_some_and(|tenant| self.indirect_reseller(tenant.trim()).is_some())
    }

    /// The indirect reseller whose tenant id is `id`, in any case.
    pub fn indirect_reseller(&self, id: &str) -> Option<&IndirectReseller> {
        self.indirect_resellers
            .iter()
            .find(|reseller| reseller.id.eq_ignore_ascii_case(id))
    }
}
