//! The customer aggregate: a customer with its profiles and relationship, and (in
//! [`Customer::subscriptions`], [`Customer::orders`], [`Customer::entitlements`],
//! [`Customer::transitions`]) everything the partner sold it. Rules about one customer are
//! methods here, so that the store can check and apply each of them under one guard.

use super::cart::Cart;
use super::customer_validation::{
    check_email, check_length, invalid, missing, normalize_culture, normalize_domain,
    required_owned,
};
use super::entitlement::Entitlement;
use super::error::DomainError;
use super::ids::CustomerId;
use super::migration::Migration;
use super::order::Order;
use super::precondition::Precondition;
use super::rendered::{Forms, Rendered, Sizes};
use super::subscription::Subscription;
use super::text::Text;
use super::transition::Transition;
use super::users::CustomerUser;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use uuid::Uuid;

crate::wire_enum! {
    /// `relationshipToPartner` (.NET SDK `CustomerPartnerRelationship`).
    pub enum CustomerPartnerRelationship {
        /// Not known.
        Unknown = 0 => "unknown",
        /// The partner resells to the customer.
        Reseller = 1 => "reseller",
        /// The partner advises the customer.
        Advisor = 2 => "advisor",
        /// A syndication relationship.
        Syndication = 3 => "syndication",
        /// Microsoft support.
        MicrosoftSupport = 4 => "microsoft_support",
        /// No relationship.
        None = 5 => "none",
    }
}

/// A customer of the partner, keyed by its tenant id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    /// The customer's tenant id.
    pub id: CustomerId,
    /// The customer's commerce id, which the `/v1` answers carry as `commerceId`.
    pub commerce_id: Uuid,
    /// The company: domain, name, address, email, registration number. Shared with earlier
    /// versions of the customer until changed, as the billing profile is.
    pub company_profile: Arc<CompanyProfile>,
    /// The billing contact and address, with its etag version.
    pub billing_profile: Arc<BillingProfile>,
    /// What the partner is to the customer; `reseller` for a customer it sells to.
    pub relationship_to_partner: CustomerPartnerRelationship,
    /// Whether the partner holds delegated admin privileges (DAP) on the tenant.
    #[serde(default = "yes")]
    pub allow_delegated_access: bool,
    /// The customer's domains besides the initial `onmicrosoft.com` one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_domains: Vec<Text>,
    /// The indirect reseller's tenant id, for a customer of an indirect reseller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associated_partner_id: Option<String>,
    /// Whether the customer was created with granular delegated admin privileges (GDAP) by default.
    #[serde(
        default,
        rename = "enableGDAPByDefault",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_gdap_by_default: Option<bool>,
    /// Shared with earlier versions of the customer until changed, so that the draft a rule
    /// works on copies only what the rule changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subscriptions: Vec<Arc<Subscription>>,
    /// The customer's orders.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orders: Vec<Arc<Order>>,
    /// The customer's entitlements (the products its orders delivered).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entitlements: Vec<Entitlement>,
    /// Carts not yet expired.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carts: Vec<Arc<Cart>>,
    /// The transitions of its subscriptions, with their events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transitions: Vec<Arc<Transition>>,
    /// Legacy → new-commerce migrations, processing or done.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub migrations: Vec<Arc<Migration>>,
    /// The users of the customer's directory, deleted ones included until they are purged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<Arc<CustomerUser>>,
    /// Azure subscriptions registered for Azure reservations, in subscription id order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subscription_registrations: Vec<super::azure::SubscriptionRegistration>,
    /// This version's serialized forms, made as readers ask for them.
    #[serde(skip)]
    pub(crate) rendered: Rendered,
}

pub(crate) const fn yes() -> bool {
    true
}

/// `companyProfile`. Its `tenantId` is always the customer's id, so it is not stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CompanyProfile {
    /// The customer's initial domain (`name.onmicrosoft.com`).
    pub domain: Text,
    /// The company's name.
    pub company_name: Text,
    /// The company's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// The company's contact email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Text>,
    /// The company's registration number, which some countries require.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_registration_number: Option<Text>,
}

/// `billingProfile`: the customer object that carries an etag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BillingProfile {
    /// The billing profile's id.
    pub id: Uuid,
    /// The billing contact's first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<Text>,
    /// The billing contact's last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<Text>,
    /// The billing contact's email.
    pub email: Text,
    /// The customer's culture (`en-US`).
    pub culture: Text,
    /// The customer's language (`en`).
    pub language: Text,
    /// The company's name.
    pub company_name: Text,
    /// The billing address.
    pub default_address: Address,
    /// The etag version; grows by one with each update.
    #[serde(default = "first_version")]
    pub version: u64,
}

pub(crate) const fn first_version() -> u64 {
    1
}

/// An address, as Partner Center's `Address` resource.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// The country, as an ISO 3166 two-letter code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Text>,
    /// The region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Text>,
    /// The city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<Text>,
    /// The state or province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<Text>,
    /// The district.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<Text>,
    /// The first address line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line1: Option<Text>,
    /// The second address line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<Text>,
    /// The third address line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line3: Option<Text>,
    /// The postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<Text>,
    /// The contact's first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<Text>,
    /// The contact's middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<Text>,
    /// The contact's last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<Text>,
    /// The contact's phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<Text>,
}

impl Address {
    /// Takes every property `update` gives; the rest stay as they are.
    pub fn merge(&mut self, update: Address) {
        let Address {
            country,
            region,
            city,
            state,
            district,
            address_line1,
            address_line2,
            address_line3,
            postal_code,
            first_name,
            middle_name,
            last_name,
            phone_number,
        } = update;
        let take = |slot: &mut Option<Text>, value: Option<Text>| {
            if value.is_some() {
                *slot = value;
            }
        };
        take(&mut self.country, country);
        take(&mut self.region, region);
        take(&mut self.city, city);
        take(&mut self.state, state);
        take(&mut self.district, district);
        take(&mut self.address_line1, address_line1);
        take(&mut self.address_line2, address_line2);
        take(&mut self.address_line3, address_line3);
        take(&mut self.postal_code, postal_code);
        take(&mut self.first_name, first_name);
        take(&mut self.middle_name, middle_name);
        take(&mut self.last_name, last_name);
        take(&mut self.phone_number, phone_number);
    }
}

/// The body of `POST /v1/customers`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewCustomer {
    /// The company profile: the domain to create.
    pub company_profile: Option<NewCompanyProfile>,
    /// The billing profile: contact, culture, language, company name and address.
    pub billing_profile: Option<NewBillingProfile>,
    /// The indirect reseller's tenant id, for a customer of an indirect reseller.
    pub associated_partner_id: Option<String>,
    /// Whether to create the customer with GDAP by default.
    #[serde(rename = "enableGDAPByDefault")]
    pub enable_gdap_by_default: Option<bool>,
}

/// A company profile as a client sends it on create.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewCompanyProfile {
    /// The domain prefix (or whole `onmicrosoft.com` domain) to create.
    pub domain: Option<String>,
    /// The company's registration number.
    pub organization_registration_number: Option<String>,
}

/// A billing profile as a client sends it, on create or on `PUT .../profiles/billing`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewBillingProfile {
    /// The billing contact's first name.
    pub first_name: Option<String>,
    /// The billing contact's last name.
    pub last_name: Option<String>,
    /// The billing contact's email.
    pub email: Option<String>,
    /// The customer's culture (`en-US`).
    pub culture: Option<String>,
    /// The customer's language (`en`).
    pub language: Option<String>,
    /// The company's name.
    pub company_name: Option<String>,
    /// The billing address.
    pub default_address: Option<Address>,
    /// The attributes sent back, with the etag of an update.
    pub attributes: Option<SentAttributes>,
}

/// The `attributes` a client sends back, of which only the etag matters; it is read at the edge
/// into a [`Precondition`].
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
pub struct SentAttributes {
    /// The etag the client last read.
    pub etag: Option<String>,
}

/// What the server draws for a new customer.
#[derive(Debug, Clone)]
pub struct NewCustomerIds {
    /// The customer's tenant id.
    pub id: CustomerId,
    /// The customer's commerce id.
    pub commerce_id: Uuid,
    /// The billing profile's id.
    pub billing_profile_id: Uuid,
}

impl Customer {
    /// The slots of this version's serialized forms (see [`super::rendered`]).
    pub(crate) fn forms(&self) -> &Forms {
        self.rendered.forms(|| Sizes {
            subscriptions: self.subscriptions.len(),
            orders: self.orders.len(),
            entitlements: self.entitlements.len(),
            licenses: self.users.iter().map(|user| user.licenses.len()).collect(),
            carts: self.carts.len(),
            migrations: self.migrations.len(),
        })
    }

    /// Builds a customer from a create request (reference: create a customer, §5.3).
    ///
    /// Required: `billingProfile` with `email`, `culture`, `language`, `companyName` and
    /// `defaultAddress`, and `companyProfile.domain`. The server fills the ids and the company
    /// name. A partner-created customer is the partner's reseller customer.
    pub fn create(request: NewCustomer, ids: NewCustomerIds) -> Result<Self, DomainError> {
        let company = request
            .company_profile
            .ok_or_else(|| missing("companyProfile"))?;
        let domain = normalize_domain(&required_owned(company.domain, "companyProfile.domain")?)?;
        let billing = request
            .billing_profile
            .ok_or_else(|| missing("billingProfile"))?;
        let email = required_owned(billing.email, "billingProfile.email")?;
        check_email(&email, "billingProfile.email")?;
        let culture =
            normalize_culture(&required_owned(billing.culture, "billingProfile.culture")?)?;
        let language = required_owned(billing.language, "billingProfile.language")?;
        let company_name = required_owned(billing.company_name, "billingProfile.companyName")?;
        check_length(&company_name, 1, 256, "billingProfile.companyName")?;
        let mut default_address = billing
            .default_address
            .ok_or_else(|| missing("billingProfile.defaultAddress"))?;
        default_address.validate("billingProfile.defaultAddress")?;
        // The service echoes an unset phone number as an empty string.
        default_address
            .phone_number
            .get_or_insert_with(Text::default);
        let associated_partner_id = request
            .associated_partner_id
            .map(|id| {
                super::ids::parse_guid(&id)
                    .map(|guid| guid.to_string())
                    .ok_or_else(|| invalid("associatedPartnerId must be a GUID.".to_owned()))
            })
            .transpose()?;
        let domain = Text::from(domain);
        let company_name = Text::from(company_name);
        let company_profile = CompanyProfile {
            domain: domain.clone(),
            company_name: company_name.clone(),
            address: None,
            email: None,
            organization_registration_number: company
                .organization_registration_number
                .map(Into::into),
        };
        let billing_profile = BillingProfile {
            id: ids.billing_profile_id,
            first_name: billing.first_name.map(Into::into),
            last_name: billing.last_name.map(Into::into),
            email: email.into(),
            culture: culture.into(),
            language: language.into(),
            company_name,
            default_address,
            version: first_version(),
        };
        Ok(Self {
            custom_domains: vec![domain],
            associated_partner_id,
            enable_gdap_by_default: request.enable_gdap_by_default,
            ..Self::reseller_customer(ids.id, ids.commerce_id, company_profile, billing_profile)
        })
    }

    /// The partner's reseller customer `id` with its profiles, delegated access, no custom
    /// domains and nothing bought or done yet: what every way of making a customer starts from.
    pub(crate) fn reseller_customer(
        id: CustomerId,
        commerce_id: Uuid,
        company_profile: CompanyProfile,
        billing_profile: BillingProfile,
    ) -> Self {
        Self {
            id,
            commerce_id,
            company_profile: Arc::new(company_profile),
            billing_profile: Arc::new(billing_profile),
            relationship_to_partner: CustomerPartnerRelationship::Reseller,
            allow_delegated_access: true,
            custom_domains: Vec::new(),
            associated_partner_id: None,
            enable_gdap_by_default: None,
            subscriptions: Vec::new(),
            orders: Vec::new(),
            entitlements: Vec::new(),
            carts: Vec::new(),
            transitions: Vec::new(),
            migrations: Vec::new(),
            users: Vec::new(),
            subscription_registrations: Vec::new(),
            rendered: Rendered::default(),
        }
    }

    /// Whether the partner still has its reseller relationship with this customer.
    pub fn is_related(&self) -> bool {
        self.relationship_to_partner != CustomerPartnerRelationship::None
    }

    /// Every call on a customer whose reseller relationship was removed answers 403 code 20002.
    pub fn ensure_related(&self, partner_id: &str) -> Result<(), DomainError> {
        if self.is_related() {
            Ok(())
        } else {
            Err(DomainError::NoCommerceRelationship {
                partner: partner_id.to_owned(),
                customer: self.id,
            })
        }
    }

    /// Every domain the tenant owns: its default domain and its custom domains.
    pub fn domains(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.company_profile.domain.as_str())
            .chain(self.custom_domains.iter().map(Text::as_str))
    }

    /// `PUT /v1/customers/{id}/profiles/billing` (reference §5.6). The expected version (from the
    /// body's `attributes.etag` or an `If-Match` header) must be current. Properties not given (or
    /// `null`) keep their values.
    pub fn update_billing_profile(
        &mut self,
        update: NewBillingProfile,
        precondition: Precondition,
    ) -> Result<(), DomainError> {
        precondition.check(self.billing_profile.version)?;
        let profile = Arc::make_mut(&mut self.billing_profile);
        if let Some(email) = update.email {
            check_email(&email, "email")?;
            profile.email = email.into();
        }
        if let Some(culture) = update.culture {
            profile.culture = normalize_culture(&culture)?.into();
        }
        if let Some(language) = update.language {
            check_length(&language, 1, 10, "language")?;
            profile.language = language.into();
        }
        if let Some(company_name) = update.company_name {
            check_length(&company_name, 1, 256, "companyName")?;
            profile.company_name = company_name.into();
        }
        for (slot, value, name) in [
            (&mut profile.first_name, update.first_name, "firstName"),
            (&mut profile.last_name, update.last_name, "lastName"),
        ] {
            if let Some(value) = value {
                check_length(&value, 1, 50, name)?;
                *slot = Some(value.into());
            }
        }
        if let Some(address) = update.default_address {
            profile.default_address.merge(address);
            profile.default_address.validate("defaultAddress")?;
        }
        profile.version += 1;
        Ok(())
    }
}
