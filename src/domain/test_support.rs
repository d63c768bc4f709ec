//! Builders the domain's tests share: a partner, a catalog of every kind of product, a customer
//! and its subscriptions, and a shop that buys through carts.

use super::cart::CartContext;
use super::catalog::fixture;
use super::checkout::CartCheckoutResult;
use super::customer::{Address, BillingProfile, CompanyProfile, Customer};
use super::error::DomainError;
use super::fulfilment::Fulfilment;
use super::ids::{CartId, CustomerId, IdSource, SubscriptionId};
use super::offer::{Catalog, Offer};
use super::partner::{IndirectReseller, Partner};
use super::subscription::{
    BillingCycle, BillingType, ContractType, Lifecycle, NEW_COMMERCE_PRODUCT_TYPE, ProductType,
    Subscription, SubscriptionStatus, term,
};
use super::term::Term;
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::sync::Arc;

pub(crate) const LEGACY_E3: &str = "91fd106f-4b2c-4938-95ac-f54f74e9a239";
pub(crate) const LEGACY_ADD_ON: &str = "c94271d8-b431-4a25-a3c5-a57737a1c909";
pub(crate) const LEGACY_RETIRED: &str = "195416c1-3447-423a-b37b-ee59a99a19c4";

pub(crate) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).single().unwrap()
}

pub(crate) fn partner() -> Partner {
    Partner {
        id: "9c6f1b2e-4a57-4d0e-9b1a-2f6e1d5c7a10".to_owned(),
        name: "Relecloud".to_owned(),
        mpn_id: "1234567".to_owned(),
        indirect_resellers: vec![IndirectReseller {
            id: "5e3c8f0a-7b21-4c9d-8e4f-1a2b3c4d5e6f".to_owned(),
            name: "Proseware".to_owned(),
            mpn_id: "7654321".to_owned(),
            location: None,
        }],
    }
}

fn legacy(id: &str, name: &str, is_add_on: bool, add_ons: &[&str]) -> Offer {
    let value = serde_json::json!({
        "id": id, "name": name, "kind": "license", "billing": "license", "isAddOn": is_add_on,
        "addOns": add_ons, "supportedBillingCycles": ["monthly", "annual"], "maximumQuantity": 500,
    });
    serde_json::from_value(value).unwrap()
}

/// Legacy E3 with one add-on, a retired legacy offer, and the test product catalog.
pub(crate) fn catalog() -> Catalog {
    let mut retired = legacy(LEGACY_RETIRED, "Exchange (legacy)", false, &[]);
    retired.new_commerce_successor = Some(fixture::BASIC.to_owned());
    Catalog::new(
        vec![
            legacy(LEGACY_E3, "Office 365 E3", false, &[LEGACY_ADD_ON]),
            legacy(LEGACY_ADD_ON, "Advanced eDiscovery", true, &[]),
            retired,
        ],
        fixture::catalog(),
    )
}

/// A US customer without purchases.
pub(crate) fn customer() -> Customer {
    let address = Address {
        country: Some("US".into()),
        city: Some("Redmond".into()),
        address_line1: Some("1 Main Street".into()),
        ..Address::default()
    };
    Customer::reseller_customer(
        CustomerId::parse("11111111-1111-4111-8111-111111111111").unwrap(),
        uuid::Uuid::nil(),
        CompanyProfile {
            domain: "adatum.onmicrosoft.com".into(),
            company_name: "Adatum".into(),
            address: None,
            email: None,
            organization_registration_number: None,
        },
        BillingProfile {
            id: uuid::Uuid::nil(),
            first_name: None,
            last_name: None,
            email: "billing@adatum.com".into(),
            culture: "en-US".into(),
            language: "en".into(),
            company_name: "Adatum".into(),
            default_address: address,
            version: 1,
        },
    )
}

/// An active subscription to `offer_id` that started at `start`, a new-commerce one when the
/// id is a catalog item.
pub(crate) fn subscription(
    id: SubscriptionId,
    offer_id: &str,
    quantity: u32,
    start: DateTime<Utc>,
) -> Subscription {
    let new_commerce = offer_id.contains(':');
    let mut subscription = Subscription {
        id,
        entitlement_id: None,
        offer_id: offer_id.into(),
        offer_name: offer_id.into(),
        friendly_name: offer_id.into(),
        quantity,
        unit_type: "Licenses".into(),
        parent_subscription_id: None,
        creation_date: start,
        effective_start_date: start,
        commitment_end_date: Term::parse("P1Y").unwrap().last_day(start),
        cancellation_allowed_until_date: None,
        status: SubscriptionStatus::Active,
        auto_renew_enabled: true,
        billing_type: BillingType::License,
        billing_cycle: BillingCycle::Monthly,
        term_duration: Term::parse("P1Y"),
        is_trial: false,
        contract_type: ContractType::Subscription,
        order_id: "seeded".into(),
        partner_id: None,
        product_type: new_commerce.then(|| ProductType {
            id: NEW_COMMERCE_PRODUCT_TYPE.into(),
            display_name: NEW_COMMERCE_PRODUCT_TYPE.into(),
        }),
        azure_entitlements: Vec::new(),
        savings_plan: None,
        lifecycle: Lifecycle::default(),
        version: 1,
    };
    if new_commerce {
        subscription.cancellation_allowed_until_date =
            Some(start + Duration::days(term::CANCELLATION_WINDOW_DAYS));
        subscription.open_seat_window(start);
    }
    subscription
}

/// A new-commerce Business Basic subscription of `quantity` seats bought at `start`.
pub(crate) fn new_commerce_subscription(quantity: u32, start: DateTime<Utc>) -> Subscription {
    subscription(
        SubscriptionId(uuid::Uuid::from_u128(7)),
        fixture::BASIC,
        quantity,
        start,
    )
}

/// Adds an active subscription to `offer_id`, bought 30 days ago, a new-commerce one when the id
/// is a catalog item.
pub(crate) fn add_subscription(
    customer: &mut Customer,
    ids: &IdSource,
    offer_id: &str,
    quantity: u32,
) -> SubscriptionId {
    let id = SubscriptionId(ids.guid());
    let start = now() - Duration::days(30);
    customer
        .subscriptions
        .push(Arc::new(subscription(id, offer_id, quantity, start)));
    id
}

/// Adds an active Azure plan with one active Azure subscription; returns the plan's id and the
/// Azure subscription's id.
pub(crate) fn add_azure_plan(customer: &mut Customer, ids: &IdSource) -> (SubscriptionId, String) {
    let plan = add_subscription(customer, ids, fixture::AZURE_PLAN, 1);
    let entitlement = ids.guid().to_string();
    let subscription = Arc::make_mut(customer.subscriptions.last_mut().unwrap());
    subscription.billing_type = BillingType::Usage;
    subscription.product_type = Some(ProductType {
        id: "Azure".into(),
        display_name: "Azure".into(),
    });
    subscription.azure_entitlements = vec![super::azure::AzureEntitlement {
        id: entitlement.clone(),
        friendly_name: "Azure subscription 1".to_owned(),
        status: super::azure::AzureEntitlementStatus::Active,
        inactive_from: None,
    }];
    (plan, entitlement)
}

/// A cart request read from JSON, as a client would send it.
pub(crate) fn cart_request(body: serde_json::Value) -> super::cart::CartRequest {
    crate::wire::body::read_value(body).unwrap()
}

/// A cart line `{catalogItemId, quantity, billingCycle, termDuration?}`.
pub(crate) fn line(id: &str, quantity: u32, cycle: &str, term: Option<&str>) -> serde_json::Value {
    let mut line =
        serde_json::json!({"catalogItemId": id, "quantity": quantity, "billingCycle": cycle});
    if let Some(term) = term {
        line["termDuration"] = serde_json::json!(term);
    }
    line
}

/// A customer buying from the test catalog, with predictable ids.
pub(crate) struct Shop {
    pub catalog: Catalog,
    pub partner: Partner,
    pub ids: IdSource,
    pub customer: Customer,
}

impl Default for Shop {
    fn default() -> Self {
        Self::with(customer())
    }
}

impl Shop {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn with(customer: Customer) -> Self {
        Self {
            catalog: catalog(),
            partner: partner(),
            ids: IdSource::sequential(),
            customer,
        }
    }

    pub(crate) fn context(&self, now: DateTime<Utc>) -> CartContext<'_> {
        CartContext {
            catalog: &self.catalog,
            partner: &self.partner,
            now,
            ids: &self.ids,
            user: uuid::Uuid::nil(),
        }
    }

    /// What fulfilling an order reads, at [`now`].
    pub(crate) fn fulfilment(&self) -> Fulfilment<'_> {
        Fulfilment {
            catalog: &self.catalog,
            now: now(),
            ids: &self.ids,
        }
    }

    /// Creates a cart from a request body, at [`now`].
    pub(crate) fn cart(&mut self, body: serde_json::Value) -> CartId {
        let context = CartContext {
            catalog: &self.catalog,
            partner: &self.partner,
            now: now(),
            ids: &self.ids,
            user: uuid::Uuid::nil(),
        };
        self.customer
            .create_cart(cart_request(body), &context)
            .unwrap()
    }

    pub(crate) fn checkout_at(
        &mut self,
        id: CartId,
        at: DateTime<Utc>,
        delay: Duration,
    ) -> Result<CartCheckoutResult, DomainError> {
        let context = CartContext {
            catalog: &self.catalog,
            partner: &self.partner,
            now: at,
            ids: &self.ids,
            user: uuid::Uuid::nil(),
        };
        self.customer.checkout_cart(id, &context, delay)
    }

    /// Checks a cart out at [`now`], with no provisioning delay.
    pub(crate) fn checkout(&mut self, id: CartId) -> Result<CartCheckoutResult, DomainError> {
        self.checkout_at(id, now(), Duration::zero())
    }

    /// Buys `lines` in one cart and checks it out at once.
    pub(crate) fn buy(&mut self, lines: serde_json::Value) -> CartCheckoutResult {
        let id = self.cart(serde_json::json!({ "lineItems": lines }));
        self.checkout(id).unwrap()
    }

    pub(crate) fn subscription(&self, id: Option<SubscriptionId>) -> &Subscription {
        self.customer.subscription(id.unwrap()).unwrap()
    }

    /// Applies a PATCH of a subscription at [`now`].
    pub(crate) fn update(
        &mut self,
        id: SubscriptionId,
        update: super::subscription::update::SubscriptionUpdate,
    ) -> Result<(), DomainError> {
        self.customer.update_subscription(
            id,
            update,
            crate::domain::Precondition::Any,
            &super::subscription::update::UpdateContext {
                catalog: &self.catalog,
                now: now(),
                renewal_duration: Duration::zero(),
            },
        )
    }

    /// Changes a subscription's status as a PATCH does, at [`now`].
    pub(crate) fn set_status(&mut self, id: SubscriptionId, status: SubscriptionStatus) {
        let update = super::subscription::update::SubscriptionUpdate {
            status: Some(status),
            ..Default::default()
        };
        self.update(id, update).unwrap();
    }
}
