//! From recordings to a seed: the data a mock must hold so that recorded requests find what they
//! name.
//!
//! [`seed_from_recordings`] reads the successful `GET` answers of a folder of exchanges, in
//! recorded order, and gathers the customers, their billing and company profiles, subscriptions
//! (add-ons included), orders and entitlements, from single resources and from collection pages
//! alike. The first answer that shows a resource wins, since it is the closest to the state the
//! session started from. The result is a seed document on top of the default data set's partner
//! and offer catalog, with no other customers, so that recorded orders of catalog offers can be
//! placed again.
//!
//! Resources that a recorded `POST` created (the ids in its answer that its request did not
//! name) are left out: the replay creates them again, and a customer already there would make
//! its domain taken. Properties the mock needs but an answer lacks are filled with neutral
//! values (an order's billing cycle `monthly`, a line's quantity 1, a missing profile's e-mail
//! `unknown@example.com`, dates at the exchange's time), and a subscription whose order was
//! never fetched gets an order made from it. A resource that still cannot be read is left out,
//! with a note, and so are the subscriptions and entitlements of an order left out, and a
//! customer whose domain another recorded customer already holds.

use crate::conformance::compare::{is_id, property};
use crate::domain::entitlement::Entitlement;
use crate::domain::{Customer, Order, Subscription};
use crate::recording::Exchange;
use crate::seed::{Seed, SeedDocument, SeedError};
use crate::wire::body::read_value;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashSet};

/// A seed made from recordings, and what could not be taken into it.
#[derive(Debug)]
pub struct RecordedSeed {
    pub seed: Seed,
    pub customers: usize,
    pub notes: Vec<String>,
}

/// One customer's resources, as recorded (JSON objects in the wire shape).
#[derive(Debug, Default)]
struct Gathered {
    customer: Option<Map<String, Value>>,
    billing_profile: Option<Value>,
    company_profile: Option<Value>,
    subscriptions: BTreeMap<String, Map<String, Value>>,
    orders: BTreeMap<String, Map<String, Value>>,
    entitlements: Vec<Map<String, Value>>,
    /// The time of the first exchange that named this customer.
    time: String,
}

/// Builds the seed that lets `exchanges` be replayed (see the module docs).
///
/// # Errors
/// When the gathered customers do not make a valid seed together, which the checks above
/// should prevent.
pub fn seed_from_recordings(exchanges: &[Exchange]) -> Result<RecordedSeed, SeedError> {
    let minted = minted_ids(exchanges);
    let mut customers: BTreeMap<String, Gathered> = BTreeMap::new();
    for exchange in exchanges {
        if !exchange.request.method.eq_ignore_ascii_case("GET")
            || !(200..300).contains(&exchange.response.status)
        {
            continue;
        }
        let Some(body) = &exchange.response.payload.body else {
            continue;
        };
        gather(exchange, body, &minted, &mut customers);
    }
    let mut notes = Vec::new();
    let mut read = Vec::new();
    let mut domains = HashSet::new();
    for (id, gathered) in customers {
        match read_value::<Customer>(Value::Object(assemble(&id, gathered, &mut notes))) {
            Ok(mut customer) => {
                let owned: Vec<String> = customer.domains().map(str::to_ascii_lowercase).collect();
                if let Some(taken) = owned.iter().find(|d| domains.contains(*d)) {
                    notes.push(format!(
                        "customer {id} left out: its domain {taken} is another's"
                    ));
                    continue;
                }
                domains.extend(owned);
                keep_consistent(&mut customer, &mut notes);
                read.push(customer);
            }
            Err(error) => notes.push(format!("customer {id} left out: {error}")),
        }
    }
    let default = Seed::default_set().data();
    let document = SeedDocument {
        partner: default.partner().clone(),
        offers: default.catalog().clone(),
        customers: read,
        generated_customers: None,
        settings: None,
    };
    let count = document.customers.len();
    let seed = Seed::from_document("(recordings)", document)?;
    Ok(RecordedSeed {
        seed,
        customers: count,
        notes,
    })
}

/// Leaves out the subscriptions and entitlements whose order (or parent subscription) was left
/// out, so that the customer is valid on its own.
fn keep_consistent(customer: &mut Customer, notes: &mut Vec<String>) {
    let id = customer.id;
    let orders: HashSet<String> = customer.orders.iter().map(|o| o.id.clone()).collect();
    loop {
        let subscriptions: HashSet<_> = customer.subscriptions.iter().map(|s| s.id).collect();
        let before = customer.subscriptions.len();
        customer.subscriptions.retain(|subscription| {
            let kept = orders.contains(&subscription.order_id)
                && subscription
                    .parent_subscription_id
                    .is_none_or(|parent| subscriptions.contains(&parent));
            if !kept {
                notes.push(format!(
                    "customer {id}: subscription {} left out: its order or parent is missing",
                    subscription.id
                ));
            }
            kept
        });
        if customer.subscriptions.len() == before {
            break;
        }
    }
    customer.entitlements.retain(|entitlement| {
        let kept = orders.contains(&entitlement.reference_order.id);
        if !kept {
            notes.push(format!(
                "customer {id}: an entitlement of order {} left out: the order is missing",
                entitlement.reference_order.id
            ));
        }
        kept
    });
}

/// The ids that recorded `POST`s made: in a successful answer, not in the request.
fn minted_ids(exchanges: &[Exchange]) -> HashSet<String> {
    let mut minted = HashSet::new();
    for exchange in exchanges {
        if !exchange.request.method.eq_ignore_ascii_case("POST")
            || !(200..300).contains(&exchange.response.status)
        {
            continue;
        }
        let Some(body) = &exchange.response.payload.body else {
            continue;
        };
        let sent = format!(
            "{} {}",
            exchange.request.path,
            exchange
                .request
                .payload
                .body
                .as_ref()
                .map(Value::to_string)
                .unwrap_or_default()
        )
        .to_ascii_lowercase();
        let mut ids = Vec::new();
        collect_ids(body, &mut ids);
        minted.extend(
            ids.into_iter()
                .map(|id| id.to_ascii_lowercase())
                .filter(|id| !sent.contains(id.as_str())),
        );
    }
    minted
}

fn collect_ids(value: &Value, ids: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (name, child) in map {
                match child {
                    Value::String(id) if is_id(name) => {
                        ids.push(id.clone());
                    }
                    _ => collect_ids(child, ids),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_ids(item, ids)),
        _ => {}
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

fn gather(
    exchange: &Exchange,
    body: &Value,
    minted: &HashSet<String>,
    customers: &mut BTreeMap<String, Gathered>,
) {
    let segments = segments(&exchange.request.path);
    let words: Vec<&str> = segments.iter().map(String::as_str).collect();
    let time = crate::wire::date::format(&exchange.time);
    match words.as_slice() {
        ["v1", "customers"] => {
            for item in items(body) {
                if let Some(id) = string(item, "id")
                    && let Some(gathered) = entry(customers, minted, &id, &time)
                {
                    gathered.customer.get_or_insert_with(|| item.clone());
                }
            }
        }
        ["v1", "customers", id] => {
            if let (Some(gathered), Some(object)) =
                (entry(customers, minted, id, &time), body.as_object())
            {
                gathered.customer.get_or_insert_with(|| object.clone());
            }
        }
        ["v1", "customers", id, "profiles", "billing"] => {
            if let Some(gathered) = entry(customers, minted, id, &time) {
                gathered.billing_profile.get_or_insert_with(|| body.clone());
            }
        }
        ["v1", "customers", id, "profiles", "company"] => {
            if let Some(gathered) = entry(customers, minted, id, &time) {
                gathered.company_profile.get_or_insert_with(|| body.clone());
            }
        }
        ["v1", "customers", id, "subscriptions"]
        | ["v1", "customers", id, "subscriptions", _]
        | ["v1", "customers", id, "subscriptions", _, "addons"] => {
            if let Some(gathered) = entry(customers, minted, id, &time) {
                keep_all(&mut gathered.subscriptions, resources(body), minted);
            }
        }
        ["v1", "customers", id, "orders"] | ["v1", "customers", id, "orders", _] => {
            if let Some(gathered) = entry(customers, minted, id, &time) {
                keep_all(&mut gathered.orders, resources(body), minted);
            }
        }
        ["v1", "customers", id, "entitlements"] => {
            if let Some(gathered) = entry(customers, minted, id, &time)
                && gathered.entitlements.is_empty()
            {
                gathered.entitlements.extend(items(body).cloned());
            }
        }
        _ => {}
    }
}

/// Keeps `resource` when it reads as a `T`; else leaves it out with a note.
fn keep_readable<T: serde::de::DeserializeOwned>(
    resource: Value,
    kept: &mut Vec<Value>,
    what: impl FnOnce() -> String,
    notes: &mut Vec<String>,
) {
    match read_value::<T>(resource.clone()) {
        Ok(_) => kept.push(resource),
        Err(error) => notes.push(format!("{} left out: {error}", what())),
    }
}

/// The customer `id`'s resources, unless a recorded `POST` made it or `id` is no GUID.
fn entry<'a>(
    customers: &'a mut BTreeMap<String, Gathered>,
    minted: &HashSet<String>,
    id: &str,
    time: &str,
) -> Option<&'a mut Gathered> {
    if minted.contains(&id.to_ascii_lowercase()) || uuid::Uuid::parse_str(id).is_err() {
        return None;
    }
    let gathered = customers.entry(id.to_ascii_lowercase()).or_default();
    if gathered.time.is_empty() {
        gathered.time = time.to_owned();
    }
    Some(gathered)
}

/// The items of a collection page.
fn items(body: &Value) -> impl Iterator<Item = &Map<String, Value>> {
    property(body, "items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
}

/// The resources an answer holds: a page's items, or the one resource it is.
fn resources(body: &Value) -> Box<dyn Iterator<Item = &Map<String, Value>> + '_> {
    if property(body, "items").is_some() {
        Box::new(items(body))
    } else {
        Box::new(body.as_object().into_iter())
    }
}

/// Keeps each resource by its id, the first time it is seen, unless a recorded `POST` made it.
fn keep_all<'a>(
    kept: &mut BTreeMap<String, Map<String, Value>>,
    resources: impl IntoIterator<Item = &'a Map<String, Value>>,
    minted: &HashSet<String>,
) {
    for resource in resources {
        if let Some(id) = string(resource, "id")
            && !minted.contains(&id.to_ascii_lowercase())
        {
            kept.entry(id).or_insert_with(|| resource.clone());
        }
    }
}

fn string(object: &Map<String, Value>, name: &str) -> Option<String> {
    object
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .and_then(|(_, value)| value.as_str())
        .map(str::to_owned)
}

/// Sets `name` to `value` when the object has no non-null value under any casing of it.
fn fill(object: &mut Map<String, Value>, name: &str, value: Value) {
    let present = object
        .iter()
        .any(|(key, current)| key.eq_ignore_ascii_case(name) && !current.is_null());
    if !present {
        object.retain(|key, _| !key.eq_ignore_ascii_case(name));
        object.insert(name.to_owned(), value);
    }
}

/// The object under `name`, made empty when missing.
fn child<'a>(object: &'a mut Map<String, Value>, name: &str) -> &'a mut Map<String, Value> {
    fill(object, name, json!({}));
    let key = object
        .keys()
        .find(|key| key.eq_ignore_ascii_case(name))
        .cloned()
        .unwrap_or_else(|| name.to_owned());
    if !object[&key].is_object() {
        object[&key] = json!({});
    }
    object[&key].as_object_mut().expect("an object")
}

/// One customer as a seed document holds it, with the gaps filled.
fn assemble(id: &str, gathered: Gathered, notes: &mut Vec<String>) -> Map<String, Value> {
    let time = Value::String(gathered.time.clone());
    let mut customer = gathered.customer.unwrap_or_default();
    fill(&mut customer, "id", json!(id));
    fill(&mut customer, "commerceId", json!(id));
    fill(&mut customer, "relationshipToPartner", json!("reseller"));
    if let Some(Value::Object(profile)) = gathered.company_profile {
        customer.retain(|key, _| !key.eq_ignore_ascii_case("companyProfile"));
        customer.insert("companyProfile".to_owned(), Value::Object(profile));
    }
    if let Some(Value::Object(profile)) = gathered.billing_profile {
        customer.retain(|key, _| !key.eq_ignore_ascii_case("billingProfile"));
        customer.insert("billingProfile".to_owned(), Value::Object(profile));
    }
    let company = child(&mut customer, "companyProfile");
    fill(company, "domain", json!(format!("{id}.onmicrosoft.com")));
    let company_name = string(company, "companyName").unwrap_or_else(|| id.to_owned());
    fill(company, "companyName", json!(company_name));
    let billing = child(&mut customer, "billingProfile");
    fill(billing, "id", json!(id));
    fill(billing, "email", json!("unknown@example.com"));
    fill(billing, "culture", json!("en-US"));
    fill(billing, "language", json!("en"));
    fill(billing, "companyName", json!(company_name));
    fill(billing, "defaultAddress", json!({}));

    let mut orders = gathered.orders;
    let mut subscriptions = Vec::new();
    for (subscription_id, mut subscription) in gathered.subscriptions {
        let offer = string(&subscription, "offerId").unwrap_or_default();
        fill(&mut subscription, "offerName", json!(offer));
        let name = string(&subscription, "offerName").unwrap_or_default();
        fill(&mut subscription, "friendlyName", json!(name));
        fill(&mut subscription, "quantity", json!(1));
        fill(&mut subscription, "unitType", json!("Licenses"));
        for date in ["creationDate", "effectiveStartDate", "commitmentEndDate"] {
            fill(&mut subscription, date, time.clone());
        }
        fill(&mut subscription, "status", json!("active"));
        fill(&mut subscription, "autoRenewEnabled", json!(false));
        fill(&mut subscription, "billingType", json!("license"));
        fill(&mut subscription, "billingCycle", json!("monthly"));
        fill(&mut subscription, "orderId", json!(subscription_id));
        let order_id = string(&subscription, "orderId").unwrap_or_default();
        orders.entry(order_id.clone()).or_insert_with(|| {
            let mut order = Map::new();
            order.insert("id".to_owned(), json!(order_id));
            order.insert(
                "lineItems".to_owned(),
                json!([{"lineItemNumber": 0, "offerId": offer, "quantity": 1,
                        "subscriptionId": subscription_id}]),
            );
            order
        });
        keep_readable::<Subscription>(
            Value::Object(subscription),
            &mut subscriptions,
            || format!("customer {id}: subscription {subscription_id}"),
            notes,
        );
    }
    let mut entitlements = Vec::new();
    for entitlement in gathered.entitlements {
        let order = property(&Value::Object(entitlement.clone()), "referenceOrder")
            .and_then(|reference| property(reference, "id"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        match order {
            Some(order) if orders.contains_key(&order) => keep_readable::<Entitlement>(
                Value::Object(entitlement),
                &mut entitlements,
                || format!("customer {id}: an entitlement of order {order}"),
                notes,
            ),
            Some(order) => notes.push(format!(
                "customer {id}: an entitlement of order {order} left out (the order was not recorded)"
            )),
            None => notes.push(format!(
                "customer {id}: an entitlement without referenceOrder.id left out"
            )),
        }
    }
    let mut kept_orders = Vec::new();
    for (order_id, mut order) in orders {
        fill(&mut order, "billingCycle", json!("monthly"));
        fill(&mut order, "creationDate", time.clone());
        fill(&mut order, "status", json!("completed"));
        fill(&mut order, "lineItems", json!([]));
        if let Some(Value::Array(lines)) = order
            .iter_mut()
            .find(|(key, _)| key.eq_ignore_ascii_case("lineItems"))
            .map(|(_, lines)| lines)
        {
            for (number, line) in lines.iter_mut().enumerate() {
                if let Value::Object(line) = line {
                    fill(line, "lineItemNumber", json!(number));
                    let offer = string(line, "offerId").unwrap_or_default();
                    fill(line, "friendlyName", json!(offer));
                    fill(line, "quantity", json!(1));
                }
            }
        }
        keep_readable::<Order>(
            Value::Object(order),
            &mut kept_orders,
            || format!("customer {id}: order {order_id}"),
            notes,
        );
    }
    for (name, list) in [
        ("subscriptions", subscriptions),
        ("orders", kept_orders),
        ("entitlements", entitlements),
    ] {
        customer.retain(|key, _| !key.eq_ignore_ascii_case(name));
        customer.insert(name.to_owned(), Value::Array(list));
    }
    customer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recording::{Payload, RecordedRequest, RecordedResponse};

    fn exchange(
        method: &str,
        path: &str,
        sent: Option<Value>,
        status: u16,
        body: Value,
    ) -> Exchange {
        Exchange {
            time: crate::wire::date::parse("2026-11-25T18:00:00Z").unwrap(),
            duration_ms: 1.0,
            request: RecordedRequest {
                method: method.to_owned(),
                path: path.to_owned(),
                query: None,
                headers: BTreeMap::new(),
                payload: Payload {
                    body: sent,
                    body_text: None,
                },
            },
            response: RecordedResponse {
                status,
                headers: BTreeMap::new(),
                payload: Payload {
                    body: Some(body),
                    body_text: None,
                },
            },
        }
    }

    const CUSTOMER: &str = "0a000000-0000-4000-8000-000000000001";
    const OTHER: &str = "0a000000-0000-4000-8000-000000000002";
    const SUBSCRIPTION: &str = "0c000000-0000-4000-8000-000000000001";

    #[test]
    fn recorded_get_answers_become_customers_with_their_subscriptions_and_orders() {
        let exchanges = vec![
            exchange(
                "GET",
                "/v1/customers",
                None,
                200,
                json!({"totalCount": 2, "items": [
                    {"Id": CUSTOMER, "CompanyProfile": {"Domain": "first.onmicrosoft.com", "CompanyName": "First"},
                     "RelationshipToPartner": "Reseller"},
                    {"id": OTHER, "companyProfile": {"domain": "second.onmicrosoft.com", "companyName": "Second"}}
                ]}),
            ),
            exchange(
                "GET",
                &format!("/v1/customers/{CUSTOMER}/subscriptions/{SUBSCRIPTION}"),
                None,
                200,
                json!({"id": SUBSCRIPTION, "offerId": "91fd106f-4b2c-4938-95ac-f54f74e9a239",
                       "quantity": 5, "status": "suspended", "orderId": "0d0000000001",
                       "billingCycle": "annual", "extra": {"unknown": true}}),
            ),
            exchange(
                "GET",
                &format!("/v1/customers/{CUSTOMER}/profiles/billing"),
                None,
                200,
                json!({"id": "0b000000-0000-4000-8000-000000000001", "email": "a@first.example",
                       "culture": "en-GB", "language": "en", "companyName": "First",
                       "defaultAddress": {"country": "GB"}}),
            ),
            exchange(
                "GET",
                &format!("/v1/customers/{OTHER}"),
                None,
                404,
                json!({"code": 1000}),
            ),
        ];
        let made = seed_from_recordings(&exchanges).unwrap();
        assert_eq!(made.customers, 2, "{:?}", made.notes);
        let data = made.seed.data();
        let first = data
            .customers()
            .find(|c| c.id.to_string() == CUSTOMER)
            .unwrap();
        assert_eq!(first.billing_profile.email, "a@first.example");
        assert_eq!(first.billing_profile.culture, "en-GB");
        assert_eq!(first.subscriptions.len(), 1);
        assert_eq!(first.subscriptions[0].quantity, 5);
        assert_eq!(
            first.orders.len(),
            1,
            "the unrecorded order is made from the subscription"
        );
        assert_eq!(first.orders[0].id, "0d0000000001");
        assert_eq!(data.catalog(), Seed::default_set().data().catalog());
    }

    #[test]
    fn resources_a_recorded_post_created_are_left_out() {
        let exchanges = vec![
            exchange(
                "POST",
                "/v1/customers",
                Some(json!({"companyProfile": {"domain": "new"}})),
                201,
                json!({"id": CUSTOMER, "companyProfile": {"domain": "new.onmicrosoft.com", "companyName": "New"}}),
            ),
            exchange(
                "GET",
                &format!("/v1/customers/{CUSTOMER}"),
                None,
                200,
                json!({"id": CUSTOMER, "companyProfile": {"domain": "new.onmicrosoft.com", "companyName": "New"}}),
            ),
            exchange(
                "GET",
                &format!("/v1/customers/{OTHER}"),
                None,
                200,
                json!({"id": OTHER, "companyProfile": {"domain": "old.onmicrosoft.com", "companyName": "Old"}}),
            ),
        ];
        let made = seed_from_recordings(&exchanges).unwrap();
        let ids: Vec<String> = made
            .seed
            .data()
            .customers()
            .map(|c| c.id.to_string())
            .collect();
        assert_eq!(ids, [OTHER]);
    }

    #[test]
    fn an_unreadable_order_takes_its_subscriptions_out_and_a_second_owner_of_a_domain_is_left_out()
    {
        let domain = json!({"domain": "same.onmicrosoft.com", "companyName": "Same"});
        let exchanges = vec![
            exchange(
                "GET",
                &format!("/v1/customers/{CUSTOMER}/orders/o1"),
                None,
                200,
                json!({"id": "o1", "lineItems": [{"offerId": "x"}], "billingCycle": "fortnightly"}),
            ),
            exchange(
                "GET",
                &format!("/v1/customers/{CUSTOMER}/subscriptions"),
                None,
                200,
                json!({"items": [{"id": SUBSCRIPTION, "offerId": "x", "orderId": "o1"}]}),
            ),
            exchange(
                "GET",
                &format!("/v1/customers/{CUSTOMER}"),
                None,
                200,
                json!({"id": CUSTOMER, "companyProfile": domain}),
            ),
            exchange(
                "GET",
                &format!("/v1/customers/{OTHER}"),
                None,
                200,
                json!({"id": OTHER, "companyProfile": domain}),
            ),
        ];
        let made = seed_from_recordings(&exchanges).unwrap();
        assert_eq!(made.customers, 1);
        let data = made.seed.data();
        let kept = data.customers().next().unwrap();
        assert!(kept.orders.is_empty() && kept.subscriptions.is_empty());
        let notes = made.notes.join("\n");
        assert!(notes.contains("order o1 left out"), "{notes}");
        assert!(
            notes.contains(&format!("subscription {SUBSCRIPTION} left out")),
            "{notes}"
        );
        assert!(
            notes.contains(&format!("customer {OTHER} left out")),
            "{notes}"
        );
    }

    #[test]
    fn an_entitlement_of_an_unrecorded_order_is_left_out_with_a_note() {
        let exchanges = vec![exchange(
            "GET",
            &format!("/v1/customers/{CUSTOMER}/entitlements"),
            None,
            200,
            json!({"items": [{"referenceOrder": {"id": "o1", "lineItemId": "0"}, "productId": "p",
                              "skuId": "s", "quantity": 1, "entitlementType": "software"}]}),
        )];
        let made = seed_from_recordings(&exchanges).unwrap();
        assert_eq!(made.customers, 1);
        assert!(made.notes[0].contains("order o1"), "{:?}", made.notes);
    }
}
