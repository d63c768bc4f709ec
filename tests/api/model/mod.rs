//! Model-based property tests over the store: random sequences of operations run against the
//! mock's store and against a small reference model beside it ([`reference`]). After every step
//! the mock must agree with the model (every outcome, status, auto-renew flag, quantity, term end,
//! window and reducible seat count), and the invariants must hold ([`invariants`]):
//! - no released customer holds anything that blocks the removal of a relationship;
//! - a refused operation leaves the state byte-for-byte unchanged;
//! - ids are unique;
//! - etag versions only grow;
//! - export then import gives the same state;
//! - each customer's E3 units are what its subscriptions and its users' licences say.
//!
//! Long clock jumps (low weight) carry subscriptions through renewals and the new-commerce lapse
//! (`expired`, `disabled`, `deleted`), and jumps to the very day a term ends, a lapse step falls
//! due or a window closes (or the day before) probe each boundary; monthly terms bring term ends
//! within reach.

mod invariants;
mod reference;

use chrono::{NaiveDate, TimeZone, Utc};
use partner_center_mock::domain::Precondition;
use partner_center_mock::domain::customer::{
    Customer, NewBillingProfile, NewCompanyProfile, NewCustomer, NewCustomerIds,
};
use partner_center_mock::domain::ids::{IdSource, UserId};
use partner_center_mock::domain::licensing::LicenseChanges;
use partner_center_mock::domain::order::OrderStatus;
use partner_center_mock::domain::order::{Fulfilment, LineItemRequest, OrderRequest};
use partner_center_mock::domain::subscription::SubscriptionStatus;
use partner_center_mock::domain::subscription::update::SubscriptionUpdate;
use partner_center_mock::domain::users::AssignedLicense;
use partner_center_mock::domain::users::requests::{NewUser, PasswordProfile};
use partner_center_mock::domain::{Address, CustomerId, DomainError, SubscriptionId};
use partner_center_mock::seed::{Seed, export};
use partner_center_mock::store::Store;
use proptest::prelude::*;
use reference::{
    Body, Event, Family, ModelCustomer, ModelPurchase, ModelSubscription, ModelUser, Outcome,
};
use std::collections::HashMap;

const E3: &str = "91fd106f-4b2c-4938-95ac-f54f74e9a239";
const ATP: &str = "3f9cf9b0-3f5e-4d3a-9c9b-7d1d53c2a4e1";
const BASIC: &str = "CFQ7TTC0LH18:0001:CFQ7TTC0K971";
const RESERVED: &str = "DZH318Z0BQ3W:007J:DZH318Z0BJ4H";
const SOFTWARE: &str = "DG7GMGF0DWTK:0002:DG7GMGF0DVSV";
const SAAS: &str = "DZH318Z0BXWC:0002:DZH318Z0BMRV";
const SAVINGS_PLAN: &str = "DZH318Z09V6F:0001:DZH318Z0BLD3";
const AZURE_PLAN: &str = "DZH318Z0BPS6:0001:DZH318Z0BPXW";
/// The product SKU the E3 offer's subscriptions count in.
const E3_SKU: uuid::Uuid = uuid::uuid!("6fd2c87f-b296-42f0-b197-1e91e994b900");

#[derive(Debug, Clone, Copy)]
enum Kind {
    License,
    NewCommerce,
    /// New commerce for one month (`P1M`): its term ends within a case.
    NewCommerceMonthly,
    Reserved,
    Software,
    Saas,
    SavingsPlan,
    AzurePlan,
}

/// What an order line buys: a subscription of a family, with its term in months (`None`: it
/// never ends); reserved instances and software are not subscriptions.
type Buys = Option<(Family, Option<u32>)>;

impl Kind {
    /// The offer, the term the order line names, and what it buys.
    fn offer(self) -> (&'static str, Option<&'static str>, Buys) {
        match self {
            Self::License => (E3, None, Some((Family::Legacy, Some(12)))),
            Self::NewCommerce => (BASIC, None, Some((Family::NewCommerce, Some(12)))),
            Self::NewCommerceMonthly => (BASIC, Some("P1M"), Some((Family::NewCommerce, Some(1)))),
            Self::Reserved => (RESERVED, None, None),
            Self::Software => (SOFTWARE, None, None),
            Self::Saas => (SAAS, Some("P1M"), Some((Family::Saas, Some(1)))),
            Self::SavingsPlan => (SAVINGS_PLAN, None, Some((Family::SavingsPlan, Some(12)))),
            Self::AzurePlan => (AZURE_PLAN, None, Some((Family::AzurePlan, None))),
        }
    }
}

#[derive(Debug, Clone)]
enum Op {
    Create,
    /// An order of one line, for this many seats.
    Order(usize, Kind, u32),
    SetStatus(usize, usize, SubscriptionStatus),
    /// A PATCH turning auto-renew on or off.
    AutoRenew(usize, usize, bool),
    /// A PATCH changing the quantity by this many seats (to at least 1), keeping auto-renew.
    Quantity(usize, usize, i64),
    AddOn(usize, usize),
    CancelPurchase(usize, usize),
    CancelSubscriptionOrder(usize, usize),
    Remove(usize),
    Restore(usize),
    Advance(i64),
    /// Moves the clock to the next day an event happens to a subscription (`true`), or to the
    /// day before.
    AdvanceToNext(Event, bool),
    ExportImport,
    AddUser(usize),
    AssignE3(usize, usize),
    RemoveE3(usize, usize),
    DeleteUser(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let kind = prop_oneof![
        2 => Just(Kind::License),
        2 => Just(Kind::NewCommerce),
        3 => Just(Kind::NewCommerceMonthly),
        1 => Just(Kind::Reserved),
        1 => Just(Kind::Software),
        1 => Just(Kind::Saas),
        1 => Just(Kind::SavingsPlan),
        1 => Just(Kind::AzurePlan),
    ];
    let status = prop_oneof![
        Just(SubscriptionStatus::Active),
        Just(SubscriptionStatus::Suspended),
        Just(SubscriptionStatus::Deleted)
    ];
    let index = 0..8usize;
    let event = prop_oneof![Just(Event::Term), Just(Event::Window)];
    let seats = prop_oneof![-3..=-1i64, 1..=3i64];
    // Off more often than on: auto-renew starts on, and off leads to the lapse.
    let on_off = prop_oneof![2 => Just(false), 1 => Just(true)];
    prop_oneof![
        1 => Just(Op::Create),
        5 => (index.clone(), kind, 1..=3u32).prop_map(|(c, k, n)| Op::Order(c, k, n)),
        6 => (index.clone(), index.clone(), status).prop_map(|(c, s, t)| Op::SetStatus(c, s, t)),
        3 => (index.clone(), index.clone(), on_off).prop_map(|(c, s, on)| Op::AutoRenew(c, s, on)),
        4 => (index.clone(), index.clone(), seats).prop_map(|(c, s, n)| Op::Quantity(c, s, n)),
        2 => (index.clone(), index.clone()).prop_map(|(c, s)| Op::AddOn(c, s)),
        2 => (index.clone(), index.clone()).prop_map(|(c, p)| Op::CancelPurchase(c, p)),
        1 => (index.clone(), index.clone()).prop_map(|(c, s)| Op::CancelSubscriptionOrder(c, s)),
        3 => index.clone().prop_map(Op::Remove),
        1 => index.clone().prop_map(Op::Restore),
        2 => (0..=10i64).prop_map(Op::Advance),
        // Past a monthly term and into the 30 days `expired`; or far, through the whole lapse
        // or a yearly term.
        1 => (25..=40i64).prop_map(Op::Advance),
        1 => (41..=400i64).prop_map(Op::Advance),
        2 => (event, any::<bool>()).prop_map(|(e, on_the_day)| Op::AdvanceToNext(e, on_the_day)),
        1 => Just(Op::ExportImport),
        2 => index.clone().prop_map(Op::AddUser),
        3 => (index.clone(), index.clone()).prop_map(|(c, u)| Op::AssignE3(c, u)),
        1 => (index.clone(), index.clone()).prop_map(|(c, u)| Op::RemoveE3(c, u)),
        1 => (index.clone(), index).prop_map(|(c, u)| Op::DeleteUser(c, u)),
    ]
}

/// The first day of a case: month ends (where a monthly term is clamped), a leap day, and an
/// ordinary day.
fn first_day() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        Just(NaiveDate::from_ymd_opt(2027, 1, 31).unwrap()),
        Just(NaiveDate::from_ymd_opt(2027, 8, 31).unwrap()),
        Just(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()),
        Just(NaiveDate::from_ymd_opt(2027, 3, 10).unwrap()),
    ]
}

fn outcome(result: Result<(), DomainError>) -> Outcome {
    result.map_err(|error| match error {
        DomainError::NoCommerceRelationship { .. } => "no relationship",
        DomainError::RelationshipDoesNotExist => "relationship does not exist",
        DomainError::ActiveSubscriptionsExist(_) => "active subscriptions",
        DomainError::ActiveReservedInstancesExist(_) => "active reserved instances",
        DomainError::SoftwarePurchasesExist(_) => "software purchases",
        DomainError::ActiveSavingsPlansExist(_) => "active savings plans",
        DomainError::ActiveSaasSubscriptionsExist(_) => "active saas subscriptions",
        DomainError::AzurePlanEntitlementsActive(_) => "azure plan with active azure subscriptions",
        DomainError::DeletedSubscriptionCannotBeUpdated(_) => "deleted",
        DomainError::SuspendedSubscriptionCannotBeUpdated => "suspended",
        DomainError::SubscriptionExpiring => "expired",
        DomainError::StatusCannotBeSet => "status cannot be set",
        DomainError::CancellationWindowPassed(_) => "window passed",
        DomainError::QuantityCannotBeDecreased => "cannot decrease",
        DomainError::QuantityOutOfRange => "quantity out of range",
        DomainError::AzurePlanHasActiveAzureSubscriptions => "azure subscriptions active",
        DomainError::ParentSubscriptionNotActive => "parent not active",
        DomainError::AddOnNotRelated => "add-on not related",
        DomainError::OrderCannotBeCancelled { .. } => "order cannot be cancelled",
        DomainError::UserNotFound(_) => "user not found",
        DomainError::SkuNotSubscribed { .. } => "sku not subscribed",
        DomainError::LicenseQuotaExceeded(_) => "out of units",
        DomainError::LicenseNotAssigned { .. } => "licence not assigned",
        other => panic!("the model does not expect {other:?}"),
    })
}

struct World {
    store: Store,
    ids: IdSource,
    model: Vec<ModelCustomer>,
    /// The day the case started on; the mock's clock reads noon of it.
    first_day: NaiveDate,
    day: i64,
    versions: HashMap<SubscriptionId, u64>,
}

impl World {
    fn new(first_day: NaiveDate) -> Self {
        let store = Store::new(Seed::empty().data());
        let noon = Utc.from_utc_datetime(&first_day.and_hms_opt(12, 0, 0).unwrap());
        store.clock().set_offset(noon - Utc::now());
        Self {
            store,
            ids: IdSource::sequential(),
            model: Vec::new(),
            first_day,
            day: 0,
            versions: HashMap::new(),
        }
    }

    fn today(&self) -> NaiveDate {
        self.first_day + chrono::Duration::days(self.day)
    }

    fn customer(&self, index: usize) -> Option<ModelCustomer> {
        (!self.model.is_empty()).then(|| self.model[index % self.model.len()].clone())
    }

    /// A customer and one of its subscriptions, by the op's indices.
    fn subscription(&self, c: usize, s: usize) -> Option<(usize, usize)> {
        let customer = self.customer(c)?;
        let count = customer.subscriptions.len();
        (count > 0).then(|| (c % self.model.len(), s % count))
    }

    fn fulfil(
        &self,
        customer: CustomerId,
        offer: &str,
        term: Option<&str>,
        quantity: u32,
        parent: Option<(SubscriptionId, String)>,
    ) -> Result<String, DomainError> {
        let ids = &self.ids;
        self.store
            .update_related_customer(customer, |c, context| {
                let fulfilment = Fulfilment {
                    catalog: context.catalog,
                    now: context.now,
                    ids,
                };
                let line = LineItemRequest {
                    offer_id: Some(offer.to_owned()),
                    quantity: Some(quantity),
                    term_duration: term.map(str::to_owned),
                    parent_subscription_id: parent.as_ref().map(|(id, _)| id.to_string()),
                    ..LineItemRequest::default()
                };
                let request = OrderRequest {
                    line_items: Some(vec![line]),
                    ..OrderRequest::default()
                };
                match &parent {
                    None => c
                        .place_order(request, &fulfilment)
                        .map(|order| order.to_string()),
                    Some((_, order)) => c
                        .update_order(
                            &order.as_str().into(),
                            request,
                            Precondition::Any,
                            &fulfilment,
                        )
                        .map(|()| order.clone()),
                }
            })
            .map(|(order, _)| order)
    }

    fn new_subscription(&self, customer: CustomerId, order: &str) -> SubscriptionId {
        let state = self.store.customer(customer).unwrap();
        state
            .subscriptions
            .iter()
            .rev()
            .find(|s| s.order_id == order)
            .map(|s| s.id)
            .unwrap()
    }

    /// Sends `body` to the subscription, as `PATCH .../subscriptions/{id}` does.
    fn patch(&self, customer: CustomerId, id: SubscriptionId, body: Body) -> Outcome {
        let update = SubscriptionUpdate {
            status: body.status,
            quantity: body.quantity,
            auto_renew_enabled: body.auto_renew,
            ..SubscriptionUpdate::default()
        };
        outcome(
            self.store
                .update_related_customer(customer, |c, context| {
                    c.update_subscription(id, update, Precondition::Any, &context.for_update())
                })
                .map(|_| ()),
        )
    }

    /// Runs one step on both sides and checks that they agree.
    fn step(&mut self, op: &Op) {
        // The state before the step: a snapshot is immutable, so it is written out only when
        // the step is refused.
        let before = self.store.snapshot();
        let expected: Outcome;
        let actual: Outcome;
        let today = self.today();
        match *op {
            Op::Create => {
                let n = self.model.len();
                let request = NewCustomer {
                    company_profile: Some(NewCompanyProfile {
                        domain: Some(format!("model{n}")),
                        ..NewCompanyProfile::default()
                    }),
                    billing_profile: Some(NewBillingProfile {
                        email: Some("a@b.example".into()),
                        culture: Some("en-US".into()),
                        language: Some("en".into()),
                        company_name: Some(format!("Model {n}")),
                        default_address: Some(Address {
                            country: Some("US".into()),
                            city: Some("Redmond".into()),
                            address_line1: Some("1 Way".into()),
                            ..Address::default()
                        }),
                        ..NewBillingProfile::default()
                    }),
                    ..NewCustomer::default()
                };
                let ids = NewCustomerIds {
                    id: CustomerId(self.ids.guid()),
                    commerce_id: self.ids.guid(),
                    billing_profile_id: self.ids.guid(),
                };
                let customer = Customer::create(request, ids).unwrap();
                let id = customer.id;
                self.store.create_customer(customer).unwrap();
                self.model.push(ModelCustomer {
                    id,
                    related: true,
                    subscriptions: Vec::new(),
                    purchases: Vec::new(),
                    users: Vec::new(),
                });
                expected = Ok(());
                actual = Ok(());
            }
            Op::Order(c, kind, quantity) => {
                let Some(customer) = self.customer(c) else {
                    return;
                };
                let i = c % self.model.len();
                let (offer, term, bought) = kind.offer();
                let most = bought.map_or(u32::MAX, |(family, _)| family.maximum_quantity());
                expected = if !customer.related {
                    Err("no relationship")
                } else if quantity > most {
                    Err("quantity out of range")
                } else {
                    Ok(())
                };
                let placed = self.fulfil(customer.id, offer, term, quantity, None);
                actual = outcome(placed.as_ref().map(|_| ()).map_err(Clone::clone));
                if let Ok(order) = placed {
                    if let Some((family, months)) = bought {
                        let id = self.new_subscription(customer.id, &order);
                        let mut subscription =
                            ModelSubscription::bought(id, order, family, months, quantity, today);
                        subscription.e3 = matches!(kind, Kind::License);
                        self.model[i].subscriptions.push(subscription);
                    } else {
                        self.model[i].purchases.push(ModelPurchase {
                            order,
                            reserved: matches!(kind, Kind::Reserved),
                            cancelled: false,
                        });
                    }
                }
            }
            Op::SetStatus(c, s, _) | Op::AutoRenew(c, s, _) | Op::Quantity(c, s, _) => {
                let Some((i, j)) = self.subscription(c, s) else {
                    return;
                };
                let subscription = &self.model[i].subscriptions[j];
                let body = match *op {
                    Op::SetStatus(.., target) => Body {
                        status: Some(target),
                        ..Body::default()
                    },
                    Op::AutoRenew(.., on) => Body {
                        auto_renew: Some(on),
                        ..Body::default()
                    },
                    Op::Quantity(.., seats) => Body {
                        quantity: Some(
                            u32::try_from((i64::from(subscription.quantity) + seats).max(1))
                                .unwrap(),
                        ),
                        auto_renew: Some(subscription.auto_renew),
                        ..Body::default()
                    },
                    _ => unreachable!(),
                };
                let (customer, id) = (self.model[i].id, subscription.id);
                let mut model = self.model[i].clone();
                expected = model.patch(j, body, today);
                actual = self.patch(customer, id, body);
                if expected.is_ok() {
                    self.model[i] = model;
                }
            }
            Op::AddOn(c, s) => {
                let Some((i, j)) = self.subscription(c, s) else {
                    return;
                };
                let customer = self.model[i].clone();
                let parent = customer.subscriptions[j].clone();
                expected = if !customer.related {
                    Err("no relationship")
                } else if parent.status != SubscriptionStatus::Active {
                    Err("parent not active")
                } else if !parent.e3 {
                    Err("add-on not related")
                } else {
                    Ok(())
                };
                let placed = self.fulfil(
                    customer.id,
                    ATP,
                    None,
                    1,
                    Some((parent.id, parent.order.clone())),
                );
                actual = outcome(placed.as_ref().map(|_| ()).map_err(Clone::clone));
                if let Ok(order) = placed {
                    let id = self.new_subscription(customer.id, &order);
                    let mut add_on =
                        ModelSubscription::bought(id, order, Family::AddOn, Some(12), 1, today);
                    add_on.parent = Some(parent.id);
                    self.model[i].subscriptions.push(add_on);
                }
            }
            Op::CancelPurchase(c, p) | Op::CancelSubscriptionOrder(c, p) => {
                let Some(customer) = self.customer(c) else {
                    return;
                };
                let i = c % self.model.len();
                let purchase = matches!(op, Op::CancelPurchase(..));
                let order = if purchase {
                    customer
                        .purchases
                        .get(p % customer.purchases.len().max(1))
                        .map(|p| p.order.clone())
                } else {
                    customer
                        .subscriptions
                        .get(p % customer.subscriptions.len().max(1))
                        .map(|s| s.order.clone())
                };
                let Some(order) = order else { return };
                expected = match (customer.related, purchase) {
                    (false, _) => Err("no relationship"),
                    (true, true) => Ok(()),
                    (true, false) => Err("order cannot be cancelled"),
                };
                let request = OrderRequest {
                    status: Some(OrderStatus::Cancelled),
                    ..OrderRequest::default()
                };
                let ids = &self.ids;
                actual = outcome(
                    self.store
                        .update_related_customer(customer.id, |c, context| {
                            let fulfilment = Fulfilment {
                                catalog: context.catalog,
                                now: context.now,
                                ids,
                            };
                            c.update_order(
                                &order.as_str().into(),
                                request,
                                Precondition::Any,
                                &fulfilment,
                            )
                        })
                        .map(|_| ()),
                );
                if actual.is_ok() {
                    let model = &mut self.model[i];
                    for purchase in model.purchases.iter_mut().filter(|p| p.order == order) {
                        purchase.cancelled = true;
                    }
                }
            }
            Op::Remove(c) => {
                let Some(customer) = self.customer(c) else {
                    return;
                };
                let i = c % self.model.len();
                expected = customer.expected_removal();
                actual = outcome(
                    self.store
                        .update_customer(customer.id, |c, _| c.remove_reseller_relationship())
                        .map(|_| ()),
                );
                if actual.is_ok() {
                    self.model[i].related = false;
                }
            }
            Op::Restore(c) => {
                let Some(customer) = self.customer(c) else {
                    return;
                };
                let i = c % self.model.len();
                expected = Ok(());
                actual = outcome(
                    self.store
                        .update_customer(customer.id, |c, _| {
                            c.restore_reseller_relationship();
                            Ok(())
                        })
                        .map(|_| ()),
                );
                self.model[i].related = true;
            }
            Op::AdvanceToNext(event, on_the_day) => {
                let Some(next) = self
                    .model
                    .iter()
                    .filter_map(|c| c.next_event(event, today))
                    .min()
                else {
                    return;
                };
                let days = (next - today).num_days() - i64::from(!on_the_day);
                self.step(&Op::Advance(days));
                return;
            }
            Op::Advance(days) => {
                self.store
                    .clock()
                    .advance(chrono::Duration::days(days))
                    .unwrap();
                self.day += days;
                let today = self.today();
                for customer in &mut self.model {
                    customer.settle(today);
                }
                expected = Ok(());
                actual = Ok(());
            }
            Op::AddUser(c) => {
                let Some(customer) = self.customer(c) else {
                    return;
                };
                let i = c % self.model.len();
                let id = UserId(self.ids.guid());
                let domain = self
                    .store
                    .customer(customer.id)
                    .unwrap()
                    .company_profile
                    .domain
                    .clone();
                let request = NewUser {
                    user_principal_name: Some(format!("user{}@{domain}", customer.users.len())),
                    display_name: Some("Model user".to_owned()),
                    usage_location: Some("US".to_owned()),
                    password_profile: Some(PasswordProfile {
                        password: Some("abCD123*".to_owned()),
                        force_change_password: None,
                    }),
                    ..NewUser::default()
                };
                expected = if customer.related {
                    Ok(())
                } else {
                    Err("no relationship")
                };
                actual = outcome(
                    self.store
                        .update_related_customer(customer.id, |c, _| c.create_user(request, id))
                        .map(|_| ()),
                );
                if actual.is_ok() {
                    self.model[i].users.push(ModelUser {
                        id,
                        active: true,
                        holds_e3: false,
                    });
                }
            }
            Op::AssignE3(c, u) | Op::RemoveE3(c, u) | Op::DeleteUser(c, u) => {
                let Some(customer) = self.customer(c) else {
                    return;
                };
                if customer.users.is_empty() {
                    return;
                }
                let i = c % self.model.len();
                let j = u % customer.users.len();
                let user = customer.users[j].clone();
                let assign = match op {
                    Op::AssignE3(..) => Some(true),
                    Op::RemoveE3(..) => Some(false),
                    _ => None,
                };
                expected = customer.expected_user_change(&user, assign);
                let now = self.store.clock().now();
                actual = outcome(
                    self.store
                        .update_related_customer(customer.id, |c, _| match assign {
                            Some(true) => c.update_licenses(
                                user.id,
                                &LicenseChanges {
                                    assign: vec![AssignedLicense {
                                        sku_id: E3_SKU,
                                        excluded_plans: Vec::new(),
                                    }],
                                    remove: Vec::new(),
                                },
                            ),
                            Some(false) => c.update_licenses(
                                user.id,
                                &LicenseChanges {
                                    assign: Vec::new(),
                                    remove: vec![E3_SKU],
                                },
                            ),
                            None => c.delete_user(user.id, now),
                        })
                        .map(|_| ()),
                );
                if actual.is_ok() {
                    let model = &mut self.model[i].users[j];
                    match assign {
                        Some(holds) => model.holds_e3 = holds,
                        None => model.active = false,
                    }
                }
            }
            Op::ExportImport => {
                let document = export(&self.store.snapshot());
                let text = serde_json::to_string(&document).unwrap();
                let seed = Seed::from_json("model", &text).unwrap();
                self.store.replace(seed.data());
                let again = serde_json::to_string(&export(&self.store.snapshot())).unwrap();
                assert_eq!(again, text, "export then import is an identity");
                expected = Ok(());
                actual = Ok(());
            }
        }
        assert_eq!(
            actual, expected,
            "the mock and the model disagree on {op:?} on day {}",
            self.day
        );
        if actual.is_err() {
            let written = |data| serde_json::to_string(&export(data)).unwrap();
            assert_eq!(
                written(&self.store.snapshot()),
                written(&before),
                "the refused {op:?} changed the state"
            );
        }
        self.check_invariants();
    }
}

proptest! {
    // 48 cases in CI; PROPTEST_CASES=5000 for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_store_agrees_with_the_model_and_keeps_its_invariants(
        first_day in first_day(),
        ops in proptest::collection::vec(op(), 1..40),
    ) {
        let mut world = World::new(first_day);
        world.step(&Op::Create);
        for op in &ops {
            world.step(op);
        }
    }
}

/// Cases proptest found before, replayed by name: a seed file no longer reaches them once the
/// strategy changes.
#[test]
fn the_cases_found_before_still_agree() {
    let first_day = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
    let cases = [vec![
        Op::Order(0, Kind::NewCommerce, 1),
        Op::SetStatus(0, 0, SubscriptionStatus::Suspended),
        Op::SetStatus(0, 0, SubscriptionStatus::Deleted),
    ]];
    for ops in cases {
        let mut world = World::new(first_day);
        world.step(&Op::Create);
        for op in &ops {
            world.step(op);
        }
    }
}
