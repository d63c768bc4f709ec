//! Bulk customers made at start-up from a seed's `generatedCustomers` block: plausible names,
//! domains, addresses and licence subscriptions, drawn from a seeded generator so that the same
//! block always makes the same customers.

use super::GeneratedCustomers;
use crate::domain::customer::CustomerPartnerRelationship;
use crate::domain::draws::SplitMix64;
use crate::domain::order::{OrderLineItem, OrderStatus};
use crate::domain::subscription::{
    BillingCycle, BillingType, ContractType, Lifecycle, SubscriptionStatus,
};
use crate::domain::{
    Address, BillingProfile, CompanyProfile, Customer, CustomerId, Order, Subscription,
    SubscriptionId,
};
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::sync::Arc;
use uuid::Uuid;

const FIRST_WORDS: &[&str] = &[
    "Alpine",
    "Amber",
    "Bright",
    "Cedar",
    "Coastal",
    "Copper",
    "Crimson",
    "Golden",
    "Granite",
    "Harbor",
    "Iron",
    "Juniper",
    "Lakeside",
    "Maple",
    "Meadow",
    "Northwind",
    "Oak",
    "Pioneer",
    "Redwood",
    "Silver",
    "Summit",
    "Tidewater",
    "Valley",
    "Willow",
];
const SECOND_WORDS: &[&str] = &[
    "Analytics",
    "Bakery",
    "Builders",
    "Clinic",
    "Consulting",
    "Dental",
    "Design",
    "Energy",
    "Foods",
    "Freight",
    "Health",
    "Legal",
    "Logistics",
    "Media",
    "Motors",
    "Outfitters",
    "Pharmacy",
    "Realty",
    "Robotics",
    "Studios",
    "Systems",
    "Textiles",
    "Travel",
    "Ventures",
];
const CITIES: &[(&str, &str, &str, &str)] = &[
    ("US", "Seattle", "WA", "98101"),
    ("US", "Austin", "TX", "73301"),
    ("US", "Denver", "CO", "80202"),
    ("US", "Boston", "MA", "02108"),
    ("CA", "Toronto", "ON", "M5H 2N2"),
    ("GB", "London", "", "EC1A 1BB"),
    ("DE", "Berlin", "", "10115"),
    ("AU", "Sydney", "NSW", "2000"),
];
/// The legacy license offers generated customers subscribe to.
const GENERATED_OFFERS: &[(&str, &str)] = &[
    (
        "031c9e47-4802-4248-838e-778fb1d2cc05",
        "Office 365 Business Essentials",
    ),
    ("91fd106f-4b2c-4938-95ac-f54f74e9a239", "Office 365 E3"),
    (
        "796b6b5f-613c-4e24-a17c-eba730d49c02",
        "Microsoft 365 Business Premium",
    ),
];

/// The generator's draws: values, ids and picks from a deterministic stream.
struct Draws(SplitMix64);

impl Draws {
    fn next(&mut self) -> u64 {
        self.0.next_u64()
    }

    fn guid(&mut self) -> Uuid {
        let high = u128::from(self.next()) << 64;
        let bytes = (high | u128::from(self.next())).to_be_bytes();
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let index = usize::try_from(self.next() % items.len() as u64).unwrap_or_default();
        &items[index]
    }
}

/// Makes the bulk customers a seed asks for. Each has a legacy license subscription or more,
/// most of them active, and its order.
pub fn generate(spec: &GeneratedCustomers) -> Vec<Customer> {
    let mut draws = Draws(SplitMix64::new(spec.seed ^ 0x5EED));
    let epoch = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("a valid date");
    (0..spec.count)
        .map(|index| generated_customer(&mut draws, index, spec.subscriptions_each, epoch))
        .collect()
}

fn generated_customer(
    draws: &mut Draws,
    index: usize,
    subscriptions: usize,
    epoch: DateTime<Utc>,
) -> Customer {
    let name = format!(
        "{} {} {}",
        draws.pick(FIRST_WORDS),
        draws.pick(SECOND_WORDS),
        index + 1
    );
    let domain = format!(
        "{}.onmicrosoft.com",
        name.replace(' ', "").to_ascii_lowercase()
    );
    let (country, city, state, postal_code) = *draws.pick(CITIES);
    let address = Address {
        country: Some(country.to_owned()),
        city: Some(city.to_owned()),
        state: (!state.is_empty()).then(|| state.to_owned()),
        address_line1: Some(format!("{} Main Street", 1 + draws.next() % 900)),
        postal_code: Some(postal_code.to_owned()),
        first_name: Some("Alex".to_owned()),
        last_name: Some("Admin".to_owned()),
        phone_number: Some(format!("4255550{:03}", draws.next() % 1000)),
        ..Address::default()
    };
    let id = CustomerId(draws.guid());
    let created = epoch + Duration::hours(i64::try_from(draws.next() % 7000).unwrap_or_default());
    let mut orders = Vec::new();
    let mut subscription_list = Vec::new();
    for _ in 0..subscriptions {
        let (offer_id, offer_name) = *draws.pick(GENERATED_OFFERS);
        let order_id = draws.guid().to_string();
        let subscription_id = SubscriptionId(draws.guid());
        let quantity = 1 + u32::try_from(draws.next() % 25).unwrap_or_default();
        let status = if draws.next() % 5 == 0 {
            SubscriptionStatus::Suspended
        } else {
            SubscriptionStatus::Active
        };
        orders.push(Arc::new(Order {
            id: order_id.clone().into(),
            alternate_id: None,
            billing_cycle: BillingCycle::Monthly,
            currency_code: "USD".to_owned(),
            currency_symbol: "$".to_owned(),
            line_items: vec![OrderLineItem {
                line_item_number: 0,
                offer_id: offer_id.into(),
                subscription_id: Some(subscription_id),
                parent_subscription_id: None,
                term_duration: None,
                friendly_name: offer_name.to_owned(),
                quantity,
                partner_id_on_record: None,
                additional_partner_ids_on_record: Vec::new(),
            }],
            creation_date: created,
            status: OrderStatus::Completed,
            transaction_type: None,
            pending_until: None,
            version: 1,
        }));
        subscription_list.push(Arc::new(Subscription {
            id: subscription_id,
            entitlement_id: None,
            offer_id: offer_id.into(),
            offer_name: offer_name.to_owned(),
            friendly_name: offer_name.to_owned(),
            quantity,
            unit_type: "Licenses".to_owned(),
            parent_subscription_id: None,
            creation_date: created,
            effective_start_date: created,
            commitment_end_date: created + Duration::days(365),
            cancellation_allowed_until_date: None,
            status,
            auto_renew_enabled: true,
            billing_type: BillingType::License,
            billing_cycle: BillingCycle::Monthly,
            term_duration: None,
            is_trial: false,
            contract_type: ContractType::Subscription,
            order_id: order_id.into(),
            partner_id: None,
            product_type: None,
            azure_entitlements: Vec::new(),
            savings_plan: None,
            lifecycle: Lifecycle::default(),
            version: 1,
        }));
    }
    Customer {
        id,
        commerce_id: draws.guid(),
        company_profile: CompanyProfile {
            domain: domain.clone(),
            company_name: name.clone(),
            address: Some(address.clone()),
            email: Some(format!("admin@{domain}")),
            organization_registration_number: None,
        },
        billing_profile: BillingProfile {
            id: draws.guid(),
            first_name: address.first_name.clone(),
            last_name: address.last_name.clone(),
            email: format!("billing@{domain}"),
            culture: "en-US".to_owned(),
            language: "en".to_owned(),
            company_name: name,
            default_address: address,
            version: 1,
        },
        relationship_to_partner: CustomerPartnerRelationship::Reseller,
        allow_delegated_access: true,
        custom_domains: vec![domain],
        associated_partner_id: None,
        enable_gdap_by_default: None,
        subscriptions: subscription_list,
        orders,
        entitlements: Vec::new(),
        carts: Vec::new(),
        transitions: Vec::new(),
        migrations: Vec::new(),
        users: Vec::new(),
        subscription_registrations: Vec::new(),
        rendered: Default::default(),
    }
}
