//! From recordings to a seed: the data a mock must hold so that recorded requests find what they
//! name.
//!
//! [`seed_from_recordings`] gathers the customers that the successful recorded `GET` answers
//! show (`gather`), reads each into the model (`records`, `assemble`) and keeps it
//! consistent (`consistency`). The result is a seed document on top of the default data set's
//! partner and offer catalog, with no other customers, so that recorded orders of catalog offers
//! can be placed again.
//!
//! Resources that a recorded `POST` created (`created`) are left out: the replay creates them
//! again, and a customer already there would make its domain taken. A resource that cannot be
//! read is left out, with a note, and so are the subscriptions and entitlements of an order left
//! out, and a customer whose domain another recorded customer already holds.

mod assemble;
mod consistency;
mod created;
mod gather;
mod records;

use crate::domain::CustomerId;
use crate::recording::Exchange;
use crate::seed::{Seed, SeedDocument, SeedError};
use std::collections::HashSet;

/// A seed made from recordings, and what could not be taken into it.
#[derive(Debug)]
pub(crate) struct RecordedSeed {
    pub seed: Seed,
    pub notes: Vec<String>,
}

/// Builds the seed that lets `exchanges` be replayed (see the module docs).
///
/// # Errors
/// When the gathered customers do not make a valid seed together, which the checks above
/// should prevent.
pub(crate) fn seed_from_recordings(exchanges: &[Exchange]) -> Result<RecordedSeed, SeedError> {
    let created = created::created_ids(exchanges);
    let mut notes = Vec::new();
    let mut read = Vec::new();
    let mut domains = HashSet::new();
    for (id, gathered) in gather::gather(exchanges, &created) {
        let Some(customer_id) = CustomerId::parse(&id) else {
            continue;
        };
        match assemble::assemble(customer_id, gathered, &mut notes) {
            Ok(mut customer) => {
                let owned: Vec<String> = customer.domains().map(str::to_ascii_lowercase).collect();
                if let Some(taken) = owned.iter().find(|d| domains.contains(*d)) {
                    notes.push(format!(
                        "customer {id} left out: its domain {taken} is another's"
                    ));
                    continue;
                }
                domains.extend(owned);
                consistency::keep_consistent(&mut customer, &mut notes);
                read.push(customer);
            }
            Err(error) => notes.push(format!("customer {id} left out: {error}")),
        }
    }
    let document = SeedDocument::selling_as(&Seed::default_set().data(), read);
    let seed = Seed::from_document("(recordings)", document)?;
    Ok(RecordedSeed { seed, notes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recording::{Payload, RecordedRequest, RecordedResponse};
    use serde_json::{Value, json};
    use std::collections::BTreeMap;

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
        assert_eq!(made.seed.data().customer_count(), 2, "{:?}", made.notes);
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
        assert_eq!(made.seed.data().customer_count(), 1);
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
        assert_eq!(made.seed.data().customer_count(), 1);
        assert!(made.notes[0].contains("order o1"), "{:?}", made.notes);
    }
}
