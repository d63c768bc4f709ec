//! Gathering each customer's resources from the successful recorded `GET` answers, in recorded
//! order: the customer, its billing and company profiles, subscriptions (add-ons included),
//! orders and entitlements, from single resources and from collection pages alike. The first
//! answer that shows a resource wins, since it is the closest to the state the session started
//! from; resources a recorded `POST` created are skipped.

use crate::recording::Exchange;
use crate::wire::property::property;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

/// One customer's resources as recorded, in the wire shape, not yet read.
#[derive(Debug)]
pub(super) struct Gathered {
    pub(super) customer: Option<Value>,
    pub(super) billing_profile: Option<Value>,
    pub(super) company_profile: Option<Value>,
    /// By id.
    pub(super) subscriptions: BTreeMap<String, Value>,
    /// By id.
    pub(super) orders: BTreeMap<String, Value>,
    pub(super) entitlements: Vec<Value>,
    /// The time of the first exchange that named this customer.
    pub(super) time: DateTime<Utc>,
}

/// Every customer the recorded `GET` answers show, by id in lower case.
pub(super) fn gather(
    exchanges: &[Exchange],
    created: &HashSet<String>,
) -> BTreeMap<String, Gathered> {
    let mut customers = Customers {
        gathered: BTreeMap::new(),
        created,
    };
    for exchange in exchanges {
        if !exchange.request.method.eq_ignore_ascii_case("GET")
            || !(200..300).contains(&exchange.response.status)
        {
            continue;
        }
        if let Some(body) = &exchange.response.payload.body {
            customers.take(exchange, body);
        }
    }
    customers.gathered
}

/// The customers gathered so far, and the ids to skip.
struct Customers<'a> {
    gathered: BTreeMap<String, Gathered>,
    created: &'a HashSet<String>,
}

impl Customers<'_> {
    /// Takes what one answer shows, by its route.
    fn take(&mut self, exchange: &Exchange, body: &Value) {
        let segments = segments(&exchange.request.path);
        let words: Vec<&str> = segments.iter().map(String::as_str).collect();
        let time = exchange.time;
        match words.as_slice() {
            ["v1", "customers"] => {
                for item in items(body) {
                    if let Some(id) = property(item, "id").and_then(Value::as_str)
                        && let Some(gathered) = self.customer(id, time)
                    {
                        gathered.customer.get_or_insert_with(|| item.clone());
                    }
                }
            }
            ["v1", "customers", id] => {
                if let Some(gathered) = self.customer(id, time)
                    && body.is_object()
                {
                    gathered.customer.get_or_insert_with(|| body.clone());
                }
            }
            ["v1", "customers", id, "profiles", "billing"] => {
                if let Some(gathered) = self.customer(id, time) {
                    gathered.billing_profile.get_or_insert_with(|| body.clone());
                }
            }
            ["v1", "customers", id, "profiles", "company"] => {
                if let Some(gathered) = self.customer(id, time) {
                    gathered.company_profile.get_or_insert_with(|| body.clone());
                }
            }
            ["v1", "customers", id, "subscriptions"]
            | ["v1", "customers", id, "subscriptions", _]
            | ["v1", "customers", id, "subscriptions", _, "addons"] => {
                let created = self.created;
                if let Some(gathered) = self.customer(id, time) {
                    keep_each(&mut gathered.subscriptions, resources(body), created);
                }
            }
            ["v1", "customers", id, "orders"] | ["v1", "customers", id, "orders", _] => {
                let created = self.created;
                if let Some(gathered) = self.customer(id, time) {
                    keep_each(&mut gathered.orders, resources(body), created);
                }
            }
            ["v1", "customers", id, "entitlements"] => {
                if let Some(gathered) = self.customer(id, time)
                    && gathered.entitlements.is_empty()
                {
                    gathered.entitlements.extend(items(body).cloned());
                }
            }
            _ => {}
        }
    }

    /// The customer `id`'s resources, unless a recorded `POST` made it or `id` is no GUID.
    fn customer(&mut self, id: &str, time: DateTime<Utc>) -> Option<&mut Gathered> {
        let id = id.to_ascii_lowercase();
        if self.created.contains(&id) || uuid::Uuid::parse_str(&id).is_err() {
            return None;
        }
        Some(self.gathered.entry(id).or_insert_with(|| Gathered {
            customer: None,
            billing_profile: None,
            company_profile: None,
            subscriptions: BTreeMap::new(),
            orders: BTreeMap::new(),
            entitlements: Vec::new(),
            time,
        }))
    }
}

/// The route of a recorded `GET`: its fixed words in lower case, ids as they are.
fn segments(path: &str) -> Vec<String> {
    path.trim_matches('/')
        .split('/')
        .enumerate()
        .map(|(index, segment)| {
            if index % 2 == 0 {
                segment.to_ascii_lowercase()
            } else {
                segment.to_owned()
            }
        })
        .collect()
}

/// The items of a collection page.
fn items(body: &Value) -> impl Iterator<Item = &Value> {
    property(body, "items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|item| item.is_object())
}

/// The resources an answer holds: a page's items, or the one resource it is.
fn resources(body: &Value) -> Box<dyn Iterator<Item = &Value> + '_> {
    if property(body, "items").is_some() {
        Box::new(items(body))
    } else {
        Box::new(std::iter::once(body).filter(|body| body.is_object()))
    }
}

/// Keeps each resource by its id, the first time it is seen, unless a recorded `POST` made it.
fn keep_each<'a>(
    kept: &mut BTreeMap<String, Value>,
    resources: impl IntoIterator<Item = &'a Value>,
    created: &HashSet<String>,
) {
    for resource in resources {
        if let Some(id) = property(resource, "id").and_then(Value::as_str)
            && !created.contains(&id.to_ascii_lowercase())
        {
            kept.entry(id.to_owned())
                .or_insert_with(|| resource.clone());
        }
    }
}
