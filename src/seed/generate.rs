//! Bulk customers made at start-up from a seed's `generatedCustomers` block: plausible names,
//! domains, addresses and licence subscriptions, drawn from a seeded generator so that the same
//! block always makes the same customers.

use super::GeneratedCustomers;
use crate::domain::draws::SplitMix64;
use crate::domain::ids::{OfferId, OrderId};
use crate::domain::order::{OrderLineItem, OrderStatus};
use crate::domain::subscription::{
    BillingCycle, BillingType, ContractType, Lifecycle, SubscriptionStatus,
};
use crate::domain::text::Text;
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

/// The text every generated customer repeats, made once: each subscription and order line of an
/// offer shares its id and name, every order its currency, and every address of a city the
/// city's country, state and postal code.
struct Shared {
    offers: Vec<(OfferId, Text)>,
    cities: Vec<City>,
    licenses: Text,
    usd: Text,
    dollar: Text,
    first_name: Text,
    last_name: Text,
    culture: Text,
    language: Text,
}

/// One of [`CITIES`], as addresses hold it.
struct City {
    country: Text,
    city: Text,
    state: Option<Text>,
    postal_code: Text,
}

impl Shared {
    fn new() -> Self {
        Self {
            offers: GENERATED_OFFERS
                .iter()
                .map(|(id, name)| (OfferId::from(*id), Text::from(*name)))
                .collect(),
            cities: CITIES
                .iter()
                .map(|(country, city, state, postal_code)| City {
                    country: (*country).into(),
                    city: (*city).into(),
                    state: (!state.is_empty()).then(|| (*state).into()),
                    postal_code: (*postal_code).into(),
                })
                .collect(),
            licenses: "Licenses".into(),
            usd: "USD".into(),
            dollar: "$".into(),
            first_name: "Alex".into(),
            last_name: "Admin".into(),
            culture: "en-US".into(),
            language: "en".into(),
        }
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
    let shared = Shared::new();
    (0..spec.count)
        .map(|index| generated_customer(&mut draws, &shared, index, spec.subscriptions_each, epoch))
        .collect()
}

fn generated_customer(
    draws: &mut Draws,
    shared: &Shared,
    index: usize,
    subscriptions: usize,
    epoch: DateTime<Utc>,
) -> Customer {
    let name = Text::from(format!(
        "{} {} {}",
        draws.pick(FIRST_WORDS),
        draws.pick(SECOND_WORDS),
        index + 1
    ));
    let domain = Text::from(format!(
        "{}.onmicrosoft.com",
        name.replace(' ', "").to_ascii_lowercase()
    ));
    let city = draws.pick(&shared.cities);
    let address = Address {
        country: Some(city.country.clone()),
        city: Some(city.city.clone()),
        state: city.state.clone(),
        address_line1: Some(format!("{} Main Street", 1 + draws.next() % 900).into()),
        postal_code: Some(city.postal_code.clone()),
        first_name: Some(shared.first_name.clone()),
        last_name: Some(shared.last_name.clone()),
        phone_number: Some(format!("4255550{:03}", draws.next() % 1000).into()),
        ..Address::default()
    };
    let id = CustomerId(draws.guid());
    let created = epoch + Duration::hours(i64::try_from(draws.next() % 7000).unwrap_or_default());
    let mut orders = Vec::with_capacity(subscriptions);
    let mut subscription_list = Vec::with_capacity(subscriptions);
    for _ in 0..subscriptions {
        let (offer_id, offer_name) = draws.pick(&shared.offers);
        let order_id = OrderId::from(draws.guid().to_string());
        let subscription_id = SubscriptionId(draws.guid());
        let quantity = 1 + u32::try_from(draws.next() % 25).unwrap_or_default();
        let status = if draws.next() % 5 == 0 {
            SubscriptionStatus::Suspended
        } else {
            SubscriptionStatus::Active
        };
        orders.push(Arc::new(Order {
            id: order_id.clone(),
            alternate_id: None,
            billing_cycle: BillingCycle::Monthly,
            currency_code: shared.usd.clone(),
            currency_symbol: shared.dollar.clone(),
            line_items: vec![OrderLineItem {
                line_item_number: 0,
                offer_id: offer_id.clone(),
                subscription_id: Some(subscription_id),
                parent_subscription_id: None,
                term_duration: None,
                friendly_name: offer_name.clone(),
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
            offer_id: offer_id.clone(),
            offer_name: offer_name.clone(),
            friendly_name: offer_name.clone(),
            quantity,
            unit_type: shared.licenses.clone(),
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
            order_id,
            partner_id: None,
            product_type: None,
            azure_entitlements: Vec::new(),
            savings_plan: None,
            lifecycle: Lifecycle::default(),
            version: 1,
        }));
    }
    let customer = Customer::reseller_customer(
        id,
        draws.guid(),
        CompanyProfile {
            domain: domain.clone(),
            company_name: name.clone(),
            address: Some(address.clone()),
            email: Some(format!("admin@{domain}").into()),
            organization_registration_number: None,
        },
        BillingProfile {
            id: draws.guid(),
            first_name: address.first_name.clone(),
            last_name: address.last_name.clone(),
            email: format!("billing@{domain}").into(),
            culture: shared.culture.clone(),
            language: shared.language.clone(),
            company_name: name,
            default_address: address,
            version: 1,
        },
    );
    Customer {
        custom_domains: vec![domain],
        subscriptions: subscription_list,
        orders,
        ..customer
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::order::OrderLineItem;
    use crate::domain::{Address, Customer, Order, Subscription};
    use std::mem::size_of;

    /// The inline sizes that a generated customer's memory is made of (run with `--ignored
    /// --nocapture`); the heap strings come on top, and the resident memory of the release
    /// binary at load is the figure that counts (`bench/run scale`).
    #[test]
    #[ignore = "prints the model's inline sizes"]
    fn inline_sizes() {
        println!("Customer {}", size_of::<Customer>());
        println!("Address {}", size_of::<Address>());
        println!("Subscription {}", size_of::<Subscription>());
        println!("Order {}", size_of::<Order>());
        println!("OrderLineItem {}", size_of::<OrderLineItem>());
    }
}
