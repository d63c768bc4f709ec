//! The in-memory store: the only module that locks.
//!
//! A [`Store`] holds one partner namespace. Its data is an immutable [`Data`] behind an
//! `RwLock<Arc<_>>`: readers clone the `Arc` of a customer and let go of the lock at once;
//! writers check and apply a rule under the write lock on a draft copy of one customer, and
//! publish the draft only when the rule succeeded. A refused change therefore leaves nothing
//! behind, and a check and its change are one atomic step against every other request.
//!
//! Customers are `Arc`s inside a `BTreeMap` inside an `Arc`, so a snapshot or a new namespace
//! shares everything with its source until one of them writes: the first write copies the map of
//! pointers, and a changed customer is copied alone.

use crate::clock::Clock;
use crate::domain::clock_event::ClockEvent;
use crate::domain::offer::Catalog;
use crate::domain::subscription::term::midnight;
use crate::domain::subscription::update::UpdateContext;
use crate::domain::{Customer, CustomerId, DomainError, Partner};
use crate::settings::Settings;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

/// One namespace's state: the partner and its customers, ordered by id.
#[derive(Debug, Clone)]
pub struct Data {
    partner: Arc<Partner>,
    catalog: Arc<Catalog>,
    customers: BTreeMap<CustomerId, Arc<Customer>>,
    /// Every customer domain, in lower case, with its owner.
    domains: HashMap<String, CustomerId>,
    settings: Arc<Settings>,
    /// Customers that join when a namespace is filled, dated by its clock.
    clock_relative: Option<Arc<ClockRelative>>,
}

/// Customers whose dates follow the clock (a seed's `clockRelativeCustomers`): written as of
/// `writtenAt`, they join each namespace moved by the whole days between that day and the day
/// the namespace is filled, so that their statuses, windows and renewals read the same whenever
/// it starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClockRelative {
    /// The day the customers' dates are written as of.
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub written_at: DateTime<Utc>,
    /// The customers, dated as of `written_at`.
    pub customers: Vec<Customer>,
}

/// Why a set of customers cannot form a store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataError {
    /// Two customers have the same id.
    #[error("customer id {0} appears twice")]
    DuplicateCustomer(CustomerId),
    /// Two customers have the same domain.
    #[error("domain {0} belongs to two customers")]
    DuplicateDomain(String),
}

impl Data {
    /// Builds the data of a namespace; ids and domains must be unique.
    /// On failure, also returns the index of the offending customer.
    pub fn new(
        partner: Partner,
        catalog: Catalog,
        customers: Vec<Customer>,
    ) -> Result<Self, (usize, DataError)> {
        let mut data = Self {
            partner: Arc::new(partner),
            catalog: Arc::new(catalog),
            customers: BTreeMap::new(),
            domains: HashMap::new(),
            settings: Arc::default(),
            clock_relative: None,
        };
        for (index, customer) in customers.into_iter().enumerate() {
            data.insert(customer).map_err(|error| (index, error))?;
        }
        Ok(data)
    }

    /// The partner the mock acts as.
    pub fn partner(&self) -> &Partner {
        &self.partner
    }

    /// The product catalog and the legacy offers.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The namespace's settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The same data with other settings.
    #[must_use]
    pub(crate) fn with_settings(&self, settings: Settings) -> Self {
        Self {
            settings: Arc::new(settings),
            ..self.clone()
        }
    }

    /// The same data with customers that join each namespace dated by its clock; they must fit
    /// beside the others (on failure, the index of the one that does not).
    pub(crate) fn with_clock_relative(
        self,
        relative: ClockRelative,
    ) -> Result<Self, (usize, DataError)> {
        let mut probe = self.clone();
        for (index, customer) in relative.customers.iter().enumerate() {
            probe
                .insert(customer.clone())
                .map_err(|error| (index, error))?;
        }
        Ok(Self {
            clock_relative: Some(Arc::new(relative)),
            ..self
        })
    }

    /// The data as a namespace filled at `now` holds it: the clock-relative customers join,
    /// moved by whole days from the day they were written for to `now`'s.
    pub(crate) fn anchored(data: Arc<Self>, now: DateTime<Utc>) -> Arc<Self> {
        let Some(relative) = data.clock_relative.clone() else {
            return data;
        };
        let mut anchored = Self::clone(&data);
        anchored.clock_relative = None;
        let by = midnight(now) - midnight(relative.written_at);
        for customer in &relative.customers {
            let mut customer = customer.clone();
            customer.shift_dates(by);
            // `with_clock_relative` checked that each fits.
            let _ = anchored.insert(customer);
        }
        Arc::new(anchored)
    }

    /// Every customer, in id order.
    pub fn customers(&self) -> impl Iterator<Item = &Arc<Customer>> {
        self.customers.values()
    }

    /// How many customers there are.
    pub fn customer_count(&self) -> usize {
        self.customers.len()
    }

    fn insert(&mut self, customer: Customer) -> Result<Arc<Customer>, DataError> {
        if self.customers.contains_key(&customer.id) {
            return Err(DataError::DuplicateCustomer(customer.id));
        }
        let domains: Vec<String> = customer.domains().map(str::to_ascii_lowercase).collect();
        if let Some(taken) = domains.iter().find(|d| self.domains.contains_key(*d)) {
            return Err(DataError::DuplicateDomain(taken.clone()));
        }
        for domain in domains {
            self.domains.insert(domain, customer.id);
        }
        let customer = Arc::new(customer);
        self.customers.insert(customer.id, Arc::clone(&customer));
        Ok(customer)
    }

    /// The customer `id`, or the not-found error.
    fn get(&self, id: CustomerId) -> Result<Arc<Customer>, DomainError> {
        self.customers
            .get(&id)
            .cloned()
            .ok_or(DomainError::CustomerNotFound(id))
    }

    fn reindex_domains(&mut self, before: &Customer, after: &Customer) {
        if before.domains().eq(after.domains()) {
            return;
        }
        for domain in before.domains() {
            self.domains.remove(&domain.to_ascii_lowercase());
        }
        for domain in after.domains() {
            self.domains.insert(domain.to_ascii_lowercase(), after.id);
        }
    }
}

/// What a rule may read besides its customer.
pub struct Context<'a> {
    /// The partner the mock acts as.
    pub partner: &'a Partner,
    /// The product catalog and the legacy offers.
    pub catalog: &'a Catalog,
    /// The namespace's settings.
    pub settings: &'a Settings,
    /// The present, on the namespace's clock.
    pub now: DateTime<Utc>,
}

impl Context<'_> {
    /// What a subscription change reads.
    pub fn for_update(&self) -> UpdateContext<'_> {
        UpdateContext {
            catalog: self.catalog,
            now: self.now,
            renewal_duration: self.settings.renewal_duration,
        }
    }
}

/// One page of customers in id order.
#[derive(Debug)]
pub struct Page {
    /// The customers on the page, in id order.
    pub items: Vec<Arc<Customer>>,
    /// Whether more matching customers follow the page.
    pub more: bool,
}

/// One partner namespace.
#[derive(Debug)]
pub struct Store {
    data: RwLock<Arc<Data>>,
    clock: Clock,
    /// Grows with every change, so a saver can tell whether there is anything new to save.
    generation: AtomicU64,
}

impl Store {
    /// A store holding `data`, its clock at real time.
    pub fn new(data: Arc<Data>) -> Self {
        let clock = Clock::default();
        Self {
            data: RwLock::new(Data::anchored(data, clock.now())),
            clock,
            generation: AtomicU64::new(0),
        }
    }

    /// A number that changes whenever the data does.
    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    fn changed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// The namespace's clock.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The whole state at this instant; later writes do not change it.
    pub fn snapshot(&self) -> Arc<Data> {
        Arc::clone(&self.data.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Replaces the whole state.
    pub fn replace(&self, data: Arc<Data>) {
        let data = Data::anchored(data, self.clock.now());
        *self.data.write().unwrap_or_else(PoisonError::into_inner) = data;
        self.changed();
    }

    // Readers take what they need under the read lock and never keep the whole `Data`: a
    // writer that finds `Data` shared must copy its map of customers.

    /// The namespace's settings.
    pub fn settings(&self) -> Arc<Settings> {
        Arc::clone(&self.read().settings)
    }

    /// Changes the namespace's settings in one step, keeping its customers; a refused change
    /// leaves them as they were.
    ///
    /// # Errors
    /// Whatever `change` refuses with.
    pub(crate) fn update_settings<E>(
        &self,
        change: impl FnOnce(&Settings) -> Result<Settings, E>,
    ) -> Result<Arc<Settings>, E> {
        let mut data = self.data.write().unwrap_or_else(PoisonError::into_inner);
        let settings = Arc::new(change(&data.settings)?);
        Arc::make_mut(&mut data).settings = Arc::clone(&settings);
        drop(data);
        self.changed();
        Ok(settings)
    }

    /// The partner the mock acts as.
    pub fn partner(&self) -> Arc<Partner> {
        Arc::clone(&self.read().partner)
    }

    /// The product catalog and the legacy offers.
    pub fn catalog(&self) -> Arc<Catalog> {
        Arc::clone(&self.read().catalog)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Arc<Data>> {
        self.data.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// A customer, whatever its relationship, with the clock's effects applied.
    pub fn customer(&self, id: CustomerId) -> Result<Arc<Customer>, DomainError> {
        let now = self.clock.now();
        let customer = self
            .data
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(id)?;
        if !customer.needs_settling(now) {
            return Ok(customer);
        }
        self.update_customer(id, |_, _| Ok(())).map(|((), c)| c)
    }

    /// The namespace's next renewal, end of term or lapse step: the earliest clock event after
    /// now over every customer, each brought to the present first; of two at the same moment,
    /// the one of the customer with the lower id.
    pub fn next_clock_event(&self) -> Option<ClockEvent> {
        let now = self.clock.now();
        let ids: Vec<CustomerId> = self.read().customers.keys().copied().collect();
        ids.into_iter()
            .filter_map(|id| self.customer(id).ok())
            .filter_map(|customer| customer.next_clock_event(now))
            .min_by_key(|event| event.at)
    }

    /// A customer the partner still has a reseller relationship with.
    pub fn related_customer(&self, id: CustomerId) -> Result<Arc<Customer>, DomainError> {
        let customer = self.customer(id)?;
        customer.ensure_related(&self.partner().id)?;
        Ok(customer)
    }

    /// Up to `size` customers after `after` (exclusive) in id order that `keep` accepts.
    pub fn page(
        &self,
        after: Option<CustomerId>,
        size: usize,
        keep: impl Fn(&Customer) -> bool,
    ) -> Page {
        let data = self.read();
        let start = after.map_or(Bound::Unbounded, Bound::Excluded);
        let mut matching = data
            .customers
            .range((start, Bound::Unbounded))
            .map(|(_, customer)| customer)
            .filter(|customer| keep(customer));
        let items: Vec<_> = matching.by_ref().take(size).cloned().collect();
        let more = matching.next().is_some();
        Page { items, more }
    }

    /// Whether any customer in the namespace owns `domain` (case-insensitive).
    pub(crate) fn domain_exists(&self, domain: &str) -> bool {
        let data = self.data.read().unwrap_or_else(PoisonError::into_inner);
        data.domains.contains_key(&domain.to_ascii_lowercase())
    }

    /// Adds a new customer; its domain must be free.
    pub fn create_customer(&self, customer: Customer) -> Result<Arc<Customer>, DomainError> {
        let mut guard = self.data.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(taken) = customer
            .domains()
            .find(|d| guard.domains.contains_key(&d.to_ascii_lowercase()))
        {
            return Err(DomainError::DomainInUse(taken.to_owned()));
        }
        let inserted = Arc::make_mut(&mut guard).insert(customer);
        self.changed();
        inserted.map_err(|error| match error {
            DataError::DuplicateCustomer(id) => {
                DomainError::InvalidInput(format!("Customer {id} already exists."))
            }
            DataError::DuplicateDomain(domain) => DomainError::DomainInUse(domain),
        })
    }

    /// Removes a related customer when `check` allows it, atomically.
    pub(crate) fn remove_related_customer(
        &self,
        id: CustomerId,
        check: impl FnOnce(&Customer) -> Result<(), DomainError>,
    ) -> Result<(), DomainError> {
        let mut guard = self.data.write().unwrap_or_else(PoisonError::into_inner);
        let current = guard.get(id)?;
        current.ensure_related(&guard.partner.id)?;
        let mut settled = Customer::clone(&current);
        settled.settle(self.clock.now());
        check(&settled)?;
        let data = Arc::make_mut(&mut guard);
        for domain in current.domains() {
            data.domains.remove(&domain.to_ascii_lowercase());
        }
        data.customers.remove(&id);
        self.changed();
        Ok(())
    }

    /// Checks and applies `change` to a draft of a related customer, atomically. The draft is
    /// published only when `change` succeeds, so a refusal leaves the customer untouched.
    pub fn update_related_customer<R>(
        &self,
        id: CustomerId,
        change: impl FnOnce(&mut Customer, &Context<'_>) -> Result<R, DomainError>,
    ) -> Result<(R, Arc<Customer>), DomainError> {
        self.update_customer(id, |customer, context| {
            customer.ensure_related(&context.partner.id)?;
            change(customer, context)
        })
    }

    /// Like [`Store::update_related_customer`], for any customer. The clock's effects are applied
    /// to the draft first, so every rule sees the present.
    pub fn update_customer<R>(
        &self,
        id: CustomerId,
        change: impl FnOnce(&mut Customer, &Context<'_>) -> Result<R, DomainError>,
    ) -> Result<(R, Arc<Customer>), DomainError> {
        let now = self.clock.now();
        let mut guard = self.data.write().unwrap_or_else(PoisonError::into_inner);
        let current = guard.get(id)?;
        let mut draft = Customer::clone(&current);
        draft.settle(now);
        let context = Context {
            partner: &guard.partner,
            catalog: &guard.catalog,
            settings: &guard.settings,
            now,
        };
        let outcome = change(&mut draft, &context)?;
        if draft.is_unchanged_from(&current) {
            return Ok((outcome, current));
        }
        draft.keep_forms_of(&current);
        let data = Arc::make_mut(&mut guard);
        data.reindex_domains(&current, &draft);
        let draft = Arc::new(draft);
        data.customers.insert(id, Arc::clone(&draft));
        self.changed();
        Ok((outcome, draft))
    }
}
