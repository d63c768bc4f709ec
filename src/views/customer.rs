//! `Customer`, `CustomerCompanyProfile` and `CustomerBillingProfile`.

use super::customer_uri;
use crate::domain::customer::CustomerPartnerRelationship;
use crate::domain::{Address, BillingProfile, Customer};
use crate::wire::etag::etag;
use crate::wire::{Attributes, Links};
use serde::Serialize;
use uuid::Uuid;

/// How much of a customer a response shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detail {
    /// A list item: id, a short company profile, the relationship.
    ListItem,
    /// Get by id and create: everything.
    Full,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CustomerView<'a> {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commerce_id: Option<&'a Uuid>,
    pub company_profile: CompanyProfileView<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_profile: Option<BillingProfileView<'a>>,
    #[serde(
        rename = "enableGDAPByDefault",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_gdap_by_default: Option<bool>,
    pub relationship_to_partner: CustomerPartnerRelationship,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_delegated_access: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_credentials: Option<UserCredentials>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_domains: Option<&'a [crate::domain::text::Text]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub associated_partner_id: Option<&'a str>,
    pub links: Links,
    pub attributes: Attributes,
}

/// The new tenant's first administrator, shown in the create response only.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UserCredentials {
    pub user_name: &'static str,
    pub password: String,
}

impl<'a> CustomerView<'a> {
    pub(crate) fn new(customer: &'a Customer, detail: Detail) -> Self {
        let full = detail == Detail::Full;
        Self {
            id: customer.id.to_string(),
            commerce_id: full.then_some(&customer.commerce_id),
            company_profile: CompanyProfileView::new(customer, detail),
            billing_profile: full.then(|| BillingProfileView::new(customer)),
            enable_gdap_by_default: customer.enable_gdap_by_default.filter(|_| full),
            relationship_to_partner: customer.relationship_to_partner,
            allow_delegated_access: full.then_some(customer.allow_delegated_access),
            user_credentials: None,
            custom_domains: (full && !customer.custom_domains.is_empty())
                .then_some(customer.custom_domains.as_slice()),
            associated_partner_id: customer.associated_partner_id.as_deref().filter(|_| full),
            links: Links::to_self(customer_uri(customer.id)),
            attributes: Attributes::of("Customer"),
        }
    }

    /// The create response: the full customer and the administrator's credentials.
    pub(crate) fn created(customer: &'a Customer, password: String) -> Self {
        Self {
            user_credentials: Some(UserCredentials {
                user_name: "admin",
                password,
            }),
            ..Self::new(customer, Detail::Full)
        }
    }
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CompanyProfileView<'a> {
    pub tenant_id: String,
    pub domain: &'a str,
    pub company_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<&'a Address>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_registration_number: Option<&'a str>,
    pub links: Links,
    pub attributes: Attributes,
}

impl<'a> CompanyProfileView<'a> {
    pub(crate) fn new(customer: &'a Customer, detail: Detail) -> Self {
        let profile = &customer.company_profile;
        let full = detail == Detail::Full;
        Self {
            tenant_id: customer.id.to_string(),
            domain: &profile.domain,
            company_name: &profile.company_name,
            address: profile.address.as_ref().filter(|_| full),
            email: profile.email.as_deref().filter(|_| full),
            organization_registration_number: profile
                .organization_registration_number
                .as_deref()
                .filter(|_| full),
            links: Links::to_self(format!("{}/profiles/company", customer_uri(customer.id))),
            attributes: Attributes::of("CustomerCompanyProfile"),
        }
    }
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BillingProfileView<'a> {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<&'a str>,
    pub email: &'a str,
    pub culture: &'a str,
    pub language: &'a str,
    pub company_name: &'a str,
    pub default_address: &'a Address,
    pub links: Links,
    pub attributes: Attributes,
}

impl<'a> BillingProfileView<'a> {
    pub(crate) fn new(customer: &'a Customer) -> Self {
        let profile: &BillingProfile = &customer.billing_profile;
        let id = profile.id.to_string();
        Self {
            first_name: profile.first_name.as_deref(),
            last_name: profile.last_name.as_deref(),
            email: &profile.email,
            culture: &profile.culture,
            language: &profile.language,
            company_name: &profile.company_name,
            default_address: &profile.default_address,
            links: Links::to_self(format!("{}/profiles/billing", customer_uri(customer.id))),
            attributes: Attributes::with_etag("CustomerBillingProfile", etag(&id, profile.version)),
            id,
        }
    }
}
