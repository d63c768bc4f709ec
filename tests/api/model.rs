//! Model-based property tests over the store: random sequences of operations run against the
//! mock's store and against a small reference model beside it. After every step the mock must
//! agree with the model, and the invariants must hold:
//! - no released customer has an active subscription or an active reserved instance;
//! - a refused operation leaves the state byte-for-byte unchanged;
//! - ids are unique;
//! - etag versions only grow;
//! - export then import gives the same state;
//! - each customer's E3 units are what its subscriptions and its users' licences say.

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
use std::collections::{HashMap, HashSet};

const E3: &str = "91fd106f-4b2c-4938-95ac-f54f74e9a239";
const ATP: &str = "3f9cf9b0-3f5e-4d3a-9c9b-7d1d53c2a4e1";
const BASIC: &str = "CFQ7TTC0LH18:0001:CFQ7TTC0K971";
const RESERVED: &str = "DZH318Z0BQ3W:007J:DZH318Z0BJ4H";
const SOFTWARE: &str = "DG7GMGF0DWTK:0002:DG7GMGF0DVSV";
/// The product SKU the E3 offer's subscriptions count in.
const E3_SKU: uuid::Uuid = uuid::uuid!("6fd2c87f-b296-42f0-b197-1e91e994b900");

#[derive(Debug, Clone, Copy)]
enum Kind {
    License,
    NewCommerce,
    Reserved,
    Software,
}

#[derive(Debug, Clone)]
enum Op {
    Create,
    Order(usize, Kind),
    SetStatus(usize, usize, SubscriptionStatus),
    AddOn(usize, usize),
    CancelPurchase(usize, usize),
    CancelSubscriptionOrder(usize, usize),
    Remove(usize),
    Restore(usize),
    Advance(i64),
    ExportImport,
    AddUser(usize),
    AssignE3(usize, usize),
    RemoveE3(usize, usize),
    DeleteUser(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let kind = prop_oneof![
        Just(Kind::License),
        Just(Kind::NewCommerce),
        Just(Kind::Reserved),
        Just(Kind::Software)
    ];
    let status = prop_oneof![
        Just(SubscriptionStatus::Active),
        Just(SubscriptionStatus::Suspended),
        Just(SubscriptionStatus::Deleted)
    ];
    let index = 0..8usize;
    prop_oneof![
        1 => Just(Op::Create),
        4 => (index.clone(), kind).prop_map(|(c, k)| Op::Order(c, k)),
        6 => (index.clone(), index.clone(), status).prop_map(|(c, s, t)| Op::SetStatus(c, s, t)),
        2 => (index.clone(), index.clone()).prop_map(|(c, s)| Op::AddOn(c, s)),
        2 => (index.clone(), index.clone()).prop_map(|(c, p)| Op::CancelPurchase(c, p)),
        1 => (index.clone(), index.clone()).prop_map(|(c, s)| Op::CancelSubscriptionOrder(c, s)),
        3 => index.clone().prop_map(Op::Remove),
        1 => index.clone().prop_map(Op::Restore),
        1 => (0..=10i64).prop_map(Op::Advance),
        1 => Just(Op::ExportImport),
        2 => index.clone().prop_map(Op::AddUser),
        3 => (index.clone(), index.clone()).prop_map(|(c, u)| Op::AssignE3(c, u)),
        1 => (index.clone(), index.clone()).prop_map(|(c, u)| Op::RemoveE3(c, u)),
        1 => (index.clone(), index).prop_map(|(c, u)| Op::DeleteUser(c, u)),
    ]
}

/// What the model knows of a subscription.
#[derive(Debug, Clone)]
struct ModelSubscription {
    id: SubscriptionId,
    order: String,
    status: SubscriptionStatus,
    new_commerce: bool,
    add_on_capable: bool,
    bought_on_day: i64,
    parent: Option<SubscriptionId>,
}

#[derive(Debug, Clone)]
struct ModelPurchase {
    order: String,
    reserved: bool,
    cancelled: bool,
}

/// What the model knows of a user: whether it is active and whether it holds an E3 licence.
#[derive(Debug, Clone)]
struct ModelUser {
    id: UserId,
    active: bool,
    holds_e3: bool,
}

#[derive(Debug, Clone)]
struct ModelCustomer {
    id: CustomerId,
    related: bool,
    subscriptions: Vec<ModelSubscription>,
    purchases: Vec<ModelPurchase>,
    users: Vec<ModelUser>,
}

impl ModelCustomer {
    /// Active E3 subscriptions (each of one unit), and E3 subscriptions of any status.
    fn e3_subscriptions(&self) -> (i64, usize) {
        let e3 = self.subscriptions.iter().filter(|s| s.add_on_capable);
        let active = e3
            .clone()
            .filter(|s| s.status == SubscriptionStatus::Active)
            .count();
        (i64::try_from(active).unwrap(), e3.count())
    }

    fn consumed_e3(&self) -> i64 {
        let holders = self.users.iter().filter(|u| u.active && u.holds_e3).count();
        i64::try_from(holders).unwrap()
    }
}

/// An outcome, reduced to what both sides can name.
type Outcome = Result<(), &'static str>;

fn outcome(result: Result<(), DomainError>) -> Outcome {
    result.map_err(|error| match error {
        DomainError::NoCommerceRelationship { .. } => "no relationship",
        DomainError::RelationshipDoesNotExist => "relationship does not exist",
        DomainError::ActiveSubscriptionsExist(_) => "active subscriptions",
        DomainError::ActiveReservedInstancesExist(_) => "active reserved instances",
        DomainError::SoftwarePurchasesExist(_) => "software purchases",
        DomainError::DeletedSubscriptionCannotBeUpdated(_) => "deleted",
        DomainError::SuspendedSubscriptionCannotBeUpdated => "suspended",
        DomainError::StatusCannotBeSet => "status cannot be set",
        DomainError::CancellationWindowPassed(_) => "window passed",
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
    day: i64,
    versions: HashMap<SubscriptionId, u64>,
}

impl World {
    fn new() -> Self {
        Self {
            store: Store::new(Seed::empty().data()),
            ids: IdSource::sequential(),
            model: Vec::new(),
            day: 0,
            versions: HashMap::new(),
        }
    }

    fn customer(&self, index: usize) -> Option<ModelCustomer> {
        (!self.model.is_empty()).then(|| self.model[index % self.model.len()].clone())
    }

    fn fulfil(
        &self,
        customer: CustomerId,
        offer: &str,
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
                    quantity: Some(1),
                    parent_subscription_id: parent.as_ref().map(|(id, _)| id.to_string()),
                    ..LineItemRequest::default()
                };
                let request = OrderRequest {
                    line_items: Some(vec![line]),
                    ..OrderRequest::default()
                };
                match &parent {
                    None => c.place_order(request, &fulfilment),
                    Some((_, order)) => c
                        .update_order(order, request, Precondition::Any, &fulfilment)
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

    /// Runs one step on both sides and checks that they agree.
    fn step(&mut self, op: &Op) {
        let before = serde_json::to_string(&export(&self.store.snapshot())).unwrap();
        let expected: Outcome;
        let actual: Outcome;
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
            Op::Order(c, kind) => {
                let Some(customer) = self.customer(c) else {
                    return;
                };
                let i = c % self.model.len();
                let offer = match kind {
                    Kind::License => E3,
                    Kind::NewCommerce => BASIC,
                    Kind::Reserved => RESERVED,
                    Kind::Software => SOFTWARE,
                };
                expected = if customer.related {
                    Ok(())
                } else {
                    Err("no relationship")
                };
                let placed = self.fulfil(customer.id, offer, None);
                actual = outcome(placed.as_ref().map(|_| ()).map_err(Clone::clone));
                if let Ok(order) = placed {
                    let model = &mut self.model[i];
                    match kind {
                        Kind::License | Kind::NewCommerce => {
                            let id = self.new_subscription(customer.id, &order);
                            let model = &mut self.model[i];
                            model.subscriptions.push(ModelSubscription {
                                id,
                                order,
                                status: SubscriptionStatus::Active,
                                new_commerce: matches!(kind, Kind::NewCommerce),
                                add_on_capable: matches!(kind, Kind::License),
                                bought_on_day: self.day,
                                parent: None,
                            });
                        }
                        Kind::Reserved | Kind::Software => model.purchases.push(ModelPurchase {
                            order,
                            reserved: matches!(kind, Kind::Reserved),
                            cancelled: false,
                        }),
                    }
                }
            }
            Op::SetStatus(c, s, target) => {
                let Some(customer) = self.customer(c) else {
                    return;
                };
                if customer.subscriptions.is_empty() {
                    return;
                }
                let index = s % customer.subscriptions.len();
                let subscription = customer.subscriptions[index].clone();
                expected = self.expected_status_change(&customer, &subscription, target);
                let update = SubscriptionUpdate {
                    status: Some(target),
                    ..SubscriptionUpdate::default()
                };
                actual = outcome(
                    self.store
                        .update_related_customer(customer.id, |c, context| {
                            c.update_subscription(
                                subscription.id,
                                update,
                                Precondition::Any,
                                &context.for_update(),
                            )
                        })
                        .map(|_| ()),
                );
                if actual.is_ok() {
                    self.apply_status(c, subscription.id, target);
                }
            }
            Op::AddOn(c, s) => {
                let Some(customer) = self.customer(c) else {
                    return;
                };
                let i = c % self.model.len();
                let Some(parent) = (!customer.subscriptions.is_empty())
                    .then(|| customer.subscriptions[s % customer.subscriptions.len()].clone())
                else {
                    return;
                };
                expected = if !customer.related {
                    Err("no relationship")
                } else if parent.status != SubscriptionStatus::Active {
                    Err("parent not active")
                } else if !parent.add_on_capable {
                    Err("add-on not related")
                } else {
                    Ok(())
                };
                let placed = self.fulfil(customer.id, ATP, Some((parent.id, parent.order.clone())));
                actual = outcome(placed.as_ref().map(|_| ()).map_err(Clone::clone));
                if let Ok(order) = placed {
                    let id = self.new_subscription(customer.id, &order);
                    let day = self.day;
                    self.model[i].subscriptions.push(ModelSubscription {
                        id,
                        order,
                        status: SubscriptionStatus::Active,
                        new_commerce: false,
                        add_on_capable: false,
                        bought_on_day: day,
                        parent: Some(parent.id),
                    });
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
                            c.update_order(&order, request, Precondition::Any, &fulfilment)
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
                expected = Self::expected_removal(&customer);
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
            Op::Advance(days) => {
                self.store
                    .clock()
                    .advance(chrono::Duration::days(days))
                    .unwrap();
                self.day += days;
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
                expected = Self::expected_user_change(&customer, &user, op);
                let now = self.store.clock().now();
                actual = outcome(
                    self.store
                        .update_related_customer(customer.id, |c, _| match op {
                            Op::AssignE3(..) => c.update_licenses(
                                user.id,
                                &LicenseChanges {
                                    assign: vec![AssignedLicense {
                                        sku_id: E3_SKU,
                                        excluded_plans: Vec::new(),
                                    }],
                                    remove: Vec::new(),
                                },
                            ),
                            Op::RemoveE3(..) => c.update_licenses(
                                user.id,
                                &LicenseChanges {
                                    assign: Vec::new(),
                                    remove: vec![E3_SKU],
                                },
                            ),
                            _ => c.delete_user(user.id, now),
                        })
                        .map(|_| ()),
                );
                if actual.is_ok() {
                    let model = &mut self.model[i].users[j];
                    match op {
                        Op::AssignE3(..) => model.holds_e3 = true,
                        Op::RemoveE3(..) => model.holds_e3 = false,
                        _ => model.active = false,
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
            "the mock and the model disagree on {op:?}"
        );
        if actual.is_err() {
            let after = serde_json::to_string(&export(&self.store.snapshot())).unwrap();
            assert_eq!(after, before, "the refused {op:?} changed the state");
        }
        self.check_invariants();
    }

    fn expected_status_change(
        &self,
        customer: &ModelCustomer,
        subscription: &ModelSubscription,
        target: SubscriptionStatus,
    ) -> Outcome {
        use SubscriptionStatus::{Active, Deleted, Suspended};
        if !customer.related {
            return Err("no relationship");
        }
        if subscription.status == Deleted {
            return Err("deleted");
        }
        if subscription.status == target {
            return Ok(());
        }
        match (subscription.status, target) {
            (Active, Suspended) => Ok(()),
            (Suspended, Active) => {
                let parent_active = subscription.parent.is_none_or(|parent| {
                    customer
                        .subscriptions
                        .iter()
                        .any(|s| s.id == parent && s.status == Active)
                });
                if parent_active {
                    Ok(())
                } else {
                    Err("parent not active")
                }
            }
            (Active | Suspended, Deleted) if subscription.new_commerce => {
                if self.day - subscription.bought_on_day < 7 {
                    Ok(())
                } else {
                    Err("window passed")
                }
            }
            (Suspended, Deleted) => Err("suspended"),
            _ => Err("status cannot be set"),
        }
    }

    /// What assigning E3 to, removing E3 from, or deleting `user` answers.
    fn expected_user_change(customer: &ModelCustomer, user: &ModelUser, op: &Op) -> Outcome {
        if !customer.related {
            return Err("no relationship");
        }
        if !user.active {
            return Err("user not found");
        }
        match op {
            Op::AssignE3(..) => {
                let (active, any) = customer.e3_subscriptions();
                if user.holds_e3 {
                    Ok(())
                } else if any == 0 {
                    Err("sku not subscribed")
                } else if active - customer.consumed_e3() < 1 {
                    Err("out of units")
                } else {
                    Ok(())
                }
            }
            Op::RemoveE3(..) if !user.holds_e3 => Err("licence not assigned"),
            _ => Ok(()),
        }
    }

    fn apply_status(&mut self, c: usize, id: SubscriptionId, target: SubscriptionStatus) {
        let i = c % self.model.len();
        let model = &mut self.model[i];
        for subscription in &mut model.subscriptions {
            let cascades = target == SubscriptionStatus::Suspended
                && subscription.parent == Some(id)
                && subscription.status == SubscriptionStatus::Active;
            if subscription.id == id || cascades {
                subscription.status = target;
            }
        }
    }

    fn expected_removal(customer: &ModelCustomer) -> Outcome {
        if !customer.related {
            return Err("relationship does not exist");
        }
        let blocking_subscription = customer.subscriptions.iter().any(|s| {
            s.status == SubscriptionStatus::Active
                || (s.new_commerce && s.status != SubscriptionStatus::Deleted)
        });
        if blocking_subscription {
            Err("active subscriptions")
        } else if customer
            .purchases
            .iter()
            .any(|p| p.reserved && !p.cancelled)
        {
            Err("active reserved instances")
        } else if customer
            .purchases
            .iter()
            .any(|p| !p.reserved && !p.cancelled)
        {
            Err("software purchases")
        } else {
            Ok(())
        }
    }

    fn check_invariants(&mut self) {
        let data = self.store.snapshot();
        let mut subscription_ids = HashSet::new();
        let mut order_ids = HashSet::new();
        for customer in data.customers() {
            if !customer.is_related() {
                assert!(
                    customer.removal_check().blockers.is_empty(),
                    "{} released with blockers",
                    customer.id
                );
            }
            for subscription in &customer.subscriptions {
                assert!(
                    subscription_ids.insert(subscription.id),
                    "subscription id {} twice",
                    subscription.id
                );
                let previous = self
                    .versions
                    .insert(subscription.id, subscription.version)
                    .unwrap_or(0);
                assert!(
                    subscription.version >= previous,
                    "the etag version of {} went back",
                    subscription.id
                );
            }
            for order in &customer.orders {
                assert!(
                    order_ids.insert(order.id.clone()),
                    "order id {} twice",
                    order.id
                );
            }
            let model = self.model.iter().find(|m| m.id == customer.id).unwrap();
            assert_eq!(model.related, customer.is_related());
            let (active, _) = model.e3_subscriptions();
            let units = customer
                .subscribed_sku(E3_SKU)
                .map_or((0, 0), |u| (u.active_units, u.consumed_units));
            assert_eq!(
                units,
                (active, model.consumed_e3()),
                "E3 units of {}",
                customer.id
            );
            for expected in &model.subscriptions {
                let actual = customer
                    .subscriptions
                    .iter()
                    .find(|s| s.id == expected.id)
                    .unwrap();
                assert_eq!(actual.status, expected.status, "status of {}", expected.id);
            }
        }
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
    fn the_store_agrees_with_the_model_and_keeps_its_invariants(ops in proptest::collection::vec(op(), 1..30)) {
        let mut world = World::new();
        world.step(&Op::Create);
        for op in &ops {
            world.step(op);
        }
    }
}
