//! Recorded resources as typed partial records: what a recorded answer showed of a customer, its
//! profiles, subscriptions and orders, with every property the mock can do without left
//! optional. Each record completes into the model's type, with neutral values in the gaps (an
//! order's billing cycle `monthly`, a line's quantity 1, a missing profile's e-mail
//! `unknown@example.com`, dates at the time the customer was first recorded). A property the
//! mock needs and cannot guess (an offer id) is required: a resource without it does not read.

use crate::domain::customer::{self, CustomerPartnerRelationship};
use crate::domain::order::{self, OrderLineItem, OrderStatus};
use crate::domain::subscription::{
    self, BillingCycle, BillingType, ContractType, Lifecycle, ProductType, SubscriptionStatus,
};
use crate::domain::text::Text;
use crate::domain::{
    Address, BillingProfile, CompanyProfile, Customer, CustomerId, Order, Subscription,
    SubscriptionId,
};
use chrono::{DateTime, Utc};
use serde::Deserialize;

/// A customer, from a customer answer or a customer page's item.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(super) struct RecordedCustomer {
    commerce_id: Option<uuid::Uuid>,
    pub(super) company_profile: Option<RecordedCompanyProfile>,
    pub(super) billing_profile: Option<RecordedBillingProfile>,
    relationship_to_partner: Option<CustomerPartnerRelationship>,
    #[serde(default = "customer::yes")]
    allow_delegated_access: bool,
    custom_domains: Vec<Text>,
    associated_partner_id: Option<String>,
    #[serde(rename = "enableGDAPByDefault")]
    enable_gdap_by_default: Option<bool>,
}

/// `companyProfile`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(super) struct RecordedCompanyProfile {
    domain: Option<String>,
    company_name: Option<String>,
    address: Option<Address>,
    email: Option<String>,
    organization_registration_number: Option<String>,
}

/// `billingProfile`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(super) struct RecordedBillingProfile {
    id: Option<uuid::Uuid>,
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    culture: Option<String>,
    language: Option<String>,
    company_name: Option<String>,
    default_address: Option<Address>,
    #[serde(default = "customer::first_version")]
    version: u64,
}

/// A subscription (or an add-on).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RecordedSubscription {
    pub(super) id: SubscriptionId,
    #[serde(default)]
    entitlement_id: Option<String>,
    pub(super) offer_id: String,
    #[serde(default)]
    offer_name: Option<String>,
    #[serde(default)]
    friendly_name: Option<String>,
    #[serde(default)]
    quantity: Option<u32>,
    #[serde(default)]
    unit_type: Option<String>,
    #[serde(default)]
    parent_subscription_id: Option<SubscriptionId>,
    #[serde(default, with = "crate::wire::date::option")]
    creation_date: Option<DateTime<Utc>>,
    #[serde(default, with = "crate::wire::date::option")]
    effective_start_date: Option<DateTime<Utc>>,
    #[serde(default, with = "crate::wire::date::option")]
    commitment_end_date: Option<DateTime<Utc>>,
    #[serde(default, with = "crate::wire::date::option")]
    cancellation_allowed_until_date: Option<DateTime<Utc>>,
    #[serde(default)]
    status: Option<SubscriptionStatus>,
    #[serde(default)]
    auto_renew_enabled: Option<bool>,
    #[serde(default)]
    billing_type: Option<BillingType>,
    #[serde(default)]
    billing_cycle: Option<BillingCycle>,
    #[serde(default)]
    term_duration: Option<crate::domain::term::Term>,
    #[serde(default)]
    is_trial: bool,
    #[serde(default = "subscription::subscription_contract")]
    contract_type: ContractType,
    #[serde(default)]
    order_id: Option<String>,
    #[serde(default)]
    partner_id: Option<String>,
    #[serde(default)]
    product_type: Option<ProductType>,
    #[serde(default = "subscription::first_version")]
    version: u64,
}

/// An order.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RecordedOrder {
    id: String,
    #[serde(default)]
    alternate_id: Option<String>,
    #[serde(default)]
    billing_cycle: Option<BillingCycle>,
    #[serde(default = "order::usd")]
    currency_code: Text,
    #[serde(default = "order::dollar")]
    currency_symbol: Text,
    #[serde(default)]
    line_items: Vec<RecordedLine>,
    #[serde(default, with = "crate::wire::date::option")]
    creation_date: Option<DateTime<Utc>>,
    #[serde(default)]
    status: Option<OrderStatus>,
    #[serde(default)]
    transaction_type: Option<String>,
    #[serde(default = "order::first_version")]
    version: u64,
}

/// A line of an order.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RecordedLine {
    #[serde(default)]
    line_item_number: Option<u32>,
    offer_id: String,
    #[serde(default)]
    subscription_id: Option<SubscriptionId>,
    #[serde(default)]
    parent_subscription_id: Option<SubscriptionId>,
    #[serde(default)]
    term_duration: Option<crate::domain::term::Term>,
    #[serde(default)]
    friendly_name: Option<String>,
    #[serde(default)]
    quantity: Option<u32>,
    #[serde(default)]
    partner_id_on_record: Option<String>,
    #[serde(default)]
    additional_partner_ids_on_record: Vec<String>,
}

impl RecordedCustomer {
    /// The customer `id` with its profiles, and no purchases yet.
    pub(super) fn complete(self, id: CustomerId) -> Customer {
        let company = self.company_profile.unwrap_or_default().complete(id);
        let billing = self
            .billing_profile
            .unwrap_or_default()
            .complete(id, &company.company_name);
        Customer {
            relationship_to_partner: self
                .relationship_to_partner
                .unwrap_or(CustomerPartnerRelationship::Reseller),
            allow_delegated_access: self.allow_delegated_access,
            custom_domains: self.custom_domains,
            associated_partner_id: self.associated_partner_id,
            enable_gdap_by_default: self.enable_gdap_by_default,
            ..Customer::reseller_customer(id, self.commerce_id.unwrap_or(id.0), company, billing)
        }
    }
}

impl RecordedCompanyProfile {
    fn complete(self, id: CustomerId) -> CompanyProfile {
        CompanyProfile {
            domain: self
                .domain
                .unwrap_or_else(|| format!("{id}.onmicrosoft.com"))
                .into(),
            company_name: self.company_name.unwrap_or_else(|| id.to_string()).into(),
            address: self.address,
            email: self.email.map(Into::into),
            organization_registration_number: self.organization_registration_number.map(Into::into),
        }
    }
}

impl RecordedBillingProfile {
    fn complete(self, id: CustomerId, company_name: &str) -> BillingProfile {
        BillingProfile {
            id: self.id.unwrap_or(id.0),
            first_name: self.first_name.map(Into::into),
            last_name: self.last_name.map(Into::into),
            email: self
                .email
                .map_or_else(|| "unknown@example.com".into(), Text::from),
            culture: self.culture.map_or_else(|| "en-US".into(), Text::from),
            language: self.language.map_or_else(|| "en".into(), Text::from),
            company_name: self
                .company_name
                .map_or_else(|| company_name.into(), Text::from),
            default_address: self.default_address.unwrap_or_default(),
            version: self.version,
        }
    }
}

impl RecordedSubscription {
    /// The order that bought it: the recorded one, else the subscription's own id.
    pub(super) fn order_id(&self) -> String {
        self.order_id.clone().unwrap_or_else(|| self.id.to_string())
    }

    /// An order for a subscription whose order was never recorded: one line, buying it.
    pub(super) fn made_order(&self) -> RecordedOrder {
        RecordedOrder {
            id: self.order_id(),
            alternate_id: None,
            billing_cycle: None,
            currency_code: order::usd(),
            currency_symbol: order::dollar(),
            line_items: vec![RecordedLine {
                line_item_number: Some(0),
                offer_id: self.offer_id.clone(),
                subscription_id: Some(self.id),
                parent_subscription_id: None,
                term_duration: None,
                friendly_name: None,
                quantity: Some(1),
                partner_id_on_record: None,
                additional_partner_ids_on_record: Vec::new(),
            }],
            creation_date: None,
            status: None,
            transaction_type: None,
            version: order::first_version(),
        }
    }

    pub(super) fn complete(self, time: DateTime<Utc>) -> Subscription {
        let order_id = self.order_id();
        let offer_name = Text::from(self.offer_name.unwrap_or_else(|| self.offer_id.clone()));
        Subscription {
            id: self.id,
            entitlement_id: self.entitlement_id.map(Into::into),
            friendly_name: self
                .friendly_name
                .map_or_else(|| offer_name.clone(), Text::from),
            offer_id: self.offer_id.into(),
            offer_name,
            quantity: self.quantity.unwrap_or(1),
            unit_type: self.unit_type.map_or_else(|| "Licenses".into(), Text::from),
            parent_subscription_id: self.parent_subscription_id,
            creation_date: self.creation_date.unwrap_or(time),
            effective_start_date: self.effective_start_date.unwrap_or(time),
            commitment_end_date: self.commitment_end_date.unwrap_or(time),
            cancellation_allowed_until_date: self.cancellation_allowed_until_date,
            status: self.status.unwrap_or(SubscriptionStatus::Active),
            auto_renew_enabled: self.auto_renew_enabled.unwrap_or(false),
            billing_type: self.billing_type.unwrap_or(BillingType::License),
            billing_cycle: self.billing_cycle.unwrap_or(BillingCycle::Monthly),
            term_duration: self.term_duration,
            is_trial: self.is_trial,
            contract_type: self.contract_type,
            order_id: order_id.into(),
            partner_id: self.partner_id.map(Into::into),
            product_type: self.product_type,
            azure_entitlements: Vec::new(),
            savings_plan: None,
            lifecycle: Lifecycle::default(),
            version: self.version,
        }
    }
}

impl RecordedOrder {
    pub(super) fn complete(self, time: DateTime<Utc>) -> Order {
        Order {
            id: self.id.into(),
            alternate_id: self.alternate_id.map(Into::into),
            billing_cycle: self.billing_cycle.unwrap_or(BillingCycle::Monthly),
            currency_code: self.currency_code,
            currency_symbol: self.currency_symbol,
            line_items: self
                .line_items
                .into_iter()
                .zip(0..)
                .map(|(line, number)| line.complete(number))
                .collect(),
            creation_date: self.creation_date.unwrap_or(time),
            status: self.status.unwrap_or(OrderStatus::Completed),
            transaction_type: self.transaction_type.map(Into::into),
            pending_until: None,
            version: self.version,
        }
    }
}

impl RecordedLine {
    /// The line, numbered `number` unless it says otherwise.
    fn complete(self, number: u32) -> OrderLineItem {
        OrderLineItem {
            line_item_number: self.line_item_number.unwrap_or(number),
            friendly_name: self
                .friendly_name
                .map_or_else(|| self.offer_id.as_str().into(), Text::from),
            offer_id: self.offer_id.into(),
            subscription_id: self.subscription_id,
            parent_subscription_id: self.parent_subscription_id,
            term_duration: self.term_duration,
            quantity: self.quantity.unwrap_or(1),
            partner_id_on_record: self.partner_id_on_record.map(Into::into),
            additional_partner_ids_on_record: self.additional_partner_ids_on_record,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::body::read_value;
    use serde_json::json;

    const CUSTOMER: &str = "0a000000-0000-4000-8000-000000000001";
    const SUBSCRIPTION: &str = "0c000000-0000-4000-8000-000000000001";

    fn time() -> DateTime<Utc> {
        crate::wire::date::parse("2026-11-25T18:00:00Z").unwrap()
    }

    #[test]
    fn a_bare_customer_gets_neutral_profiles_named_after_its_id() {
        let id = CustomerId::parse(CUSTOMER).unwrap();
        let recorded: RecordedCustomer = read_value(json!({"ID": CUSTOMER})).unwrap();
        let customer = recorded.complete(id);
        assert_eq!(
            customer.company_profile.domain,
            format!("{CUSTOMER}.onmicrosoft.com")
        );
        assert_eq!(customer.billing_profile.company_name, CUSTOMER);
        assert_eq!(customer.billing_profile.email, "unknown@example.com");
        assert_eq!(customer.billing_profile.id, id.0);
        assert_eq!(
            customer.relationship_to_partner,
            CustomerPartnerRelationship::Reseller
        );
        assert!(customer.allow_delegated_access);
    }

    #[test]
    fn a_subscription_keeps_what_was_recorded_in_any_casing_and_fills_the_rest() {
        let recorded: RecordedSubscription = read_value(json!({
            "Id": SUBSCRIPTION, "OfferId": "OFFER", "Quantity": 4, "Status": "suspended",
            "CreationDate": null
        }))
        .unwrap();
        let order = recorded.made_order().complete(time());
        let subscription = recorded.complete(time());
        assert_eq!(subscription.quantity, 4);
        assert_eq!(subscription.status, SubscriptionStatus::Suspended);
        assert_eq!(
            (
                subscription.offer_name.as_str(),
                subscription.friendly_name.as_str()
            ),
            ("OFFER", "OFFER")
        );
        assert_eq!(subscription.creation_date, time());
        assert_eq!(subscription.order_id, SUBSCRIPTION);
        assert_eq!(order.id, SUBSCRIPTION);
        assert_eq!(order.status, OrderStatus::Completed);
        assert_eq!(order.line_items[0].subscription_id, Some(subscription.id));
        assert_eq!(order.line_items[0].friendly_name, "OFFER");
    }

    #[test]
    fn an_offer_id_cannot_be_guessed_so_a_resource_without_one_does_not_read() {
        let subscription = read_value::<RecordedSubscription>(json!({"id": SUBSCRIPTION}));
        assert!(subscription.is_err());
        let order = read_value::<RecordedOrder>(json!({"id": "o1", "lineItems": [{}]}));
        assert!(order.unwrap_err().to_string().contains("lineItems[0]"));
    }
}
