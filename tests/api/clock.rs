//! The clock moved to the namespace's next event: a renewal lands exactly on its moment, and a
//! subscription without auto-renew then expires, with its history and next lapse step to read.

use crate::helpers::*;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use partner_center_mock::MockPartnerCenter;
use serde_json::{Value, json};

const NEXT_EVENT: &str = "/_mock/clock/next-event";
const ADVANCE: &str = "/_mock/clock/advance";

fn instant(value: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(value.as_str().unwrap_or_else(|| panic!("a date: {value}")))
        .unwrap()
        .to_utc()
}

/// 00:00 UTC the day after the subscription's (inclusive) commitment end date.
fn term_over(subscription: &Value) -> DateTime<Utc> {
    let last_day = instant(&subscription["commitmentEndDate"]);
    last_day.date_naive().and_time(NaiveTime::MIN).and_utc() + Duration::days(1)
}

async fn clock(app: &TestClient) -> DateTime<Utc> {
    instant(&app.get("/_mock/clock").await.body["now"])
}

/// The customer's subscription `id` as `GET /_mock/customers/{id}/subscriptions/lifecycle` reads it.
async fn lifecycle(app: &TestClient, customer: &str, id: &str) -> Value {
    let all = app
        .get(&format!(
            "/_mock/customers/{customer}/subscriptions/lifecycle"
        ))
        .await;
    all.assert_ok();
    all.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["subscriptionId"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} in {}", all.text))
}

#[tokio::test]
async fn the_clock_lands_on_the_next_renewal_and_then_on_the_expiry_once_auto_renew_is_off() {
    let app = TestApp::with(MockPartnerCenter::builder().no_seed()).await;
    let customer = app.new_customer("nextevent").await;
    let subscription = app.subscribe(&customer, BUSINESS_BASIC, 3).await;
    let bought = app.subscription(&customer, &subscription).await.body;
    let renewal = term_over(&bought);

    let upcoming = app.get(NEXT_EVENT).await;
    upcoming.assert_ok();
    assert_eq!(
        upcoming.body["nextEvent"]["subscriptionId"], subscription,
        "{}",
        upcoming.text
    );
    assert_eq!(upcoming.body["nextEvent"]["customerId"], customer);
    assert_eq!(upcoming.body["nextEvent"]["change"], "renewal");
    assert_eq!(instant(&upcoming.body["nextEvent"]["at"]), renewal);

    let moved = app.post(ADVANCE, &json!({"to": "nextEvent"})).await;
    moved.assert_ok();
    assert_eq!(moved.body["reached"]["change"], "renewal", "{}", moved.text);
    assert_eq!(instant(&moved.body["reached"]["at"]), renewal);
    let now = instant(&moved.body["now"]);
    assert!(
        now >= renewal && now < renewal + Duration::minutes(1),
        "the clock reads {now}, the renewal is at {renewal}"
    );
    let renewed = app.subscription(&customer, &subscription).await.body;
    assert_eq!(renewed["status"], "active");
    assert_eq!(instant(&renewed["effectiveStartDate"]), renewal);
    assert_eq!(renewed["refundableQuantity"]["totalQuantity"], 3);

    app.patch(
        &format!("/v1/customers/{customer}/subscriptions/{subscription}"),
        &json!({"autoRenewEnabled": false}),
    )
    .await
    .assert_ok();
    let expiry = term_over(&renewed);
    let before = lifecycle(&app, &customer, &subscription).await;
    assert_eq!(before["nextEvent"]["change"], "expired", "{before}");
    assert_eq!(instant(&before["nextEvent"]["at"]), expiry);
    assert!(before.get("statusHistory").is_none(), "{before}");

    let moved = app.post(ADVANCE, &json!({"to": "nextEvent"})).await;
    moved.assert_ok();
    assert_eq!(moved.body["reached"]["change"], "expired", "{}", moved.text);
    assert_eq!(instant(&moved.body["reached"]["at"]), expiry);
    let expired = app.subscription(&customer, &subscription).await.body;
    assert_eq!(expired["status"], "expired");
    assert_eq!(
        instant(&expired["commitmentEndDate"]),
        instant(&renewed["commitmentEndDate"])
    );

    let after = lifecycle(&app, &customer, &subscription).await;
    assert_eq!(after["status"], "expired");
    assert_eq!(after["statusHistory"][0]["status"], "expired", "{after}");
    assert_eq!(instant(&after["statusHistory"][0]["at"]), expiry);
    assert_eq!(after["nextLapseStep"]["status"], "disabled");
    assert_eq!(
        instant(&after["nextLapseStep"]["at"]),
        expiry + Duration::days(30)
    );
    assert!(after.get("refundableBatches").is_none(), "{after}");
    let upcoming = app.get(NEXT_EVENT).await.body;
    assert_eq!(upcoming["nextEvent"]["change"], "disabled");
    assert_eq!(
        instant(&upcoming["nextEvent"]["at"]),
        expiry + Duration::days(30)
    );
}

#[tokio::test]
async fn with_nothing_due_or_with_two_targets_the_clock_does_not_move() {
    let app = TestApp::with(MockPartnerCenter::builder().no_seed()).await;
    let before = clock(&app).await;
    let upcoming = app.get(NEXT_EVENT).await;
    upcoming.assert_ok();
    assert!(
        upcoming.body.get("nextEvent").is_none(),
        "{}",
        upcoming.text
    );
    app.post(ADVANCE, &json!({"to": "nextEvent"}))
        .await
        .assert_fault(404, 1000);
    for bad in [
        json!({"to": "nextEvent", "seconds": 60}),
        json!({"to": "nextEvent", "duration": "P1D"}),
        json!({"to": "tomorrow"}),
    ] {
        app.post(ADVANCE, &bad).await.assert_fault(400, 2000);
    }
    let after = clock(&app).await;
    assert!(
        after >= before && after < before + Duration::minutes(1),
        "the clock moved from {before} to {after}"
    );
}

#[tokio::test]
async fn the_next_event_is_the_earliest_over_every_customer_of_the_namespace() {
    let app = TestApp::with(MockPartnerCenter::builder().no_seed()).await;
    let yearly = app.new_customer("yearly").await;
    app.subscribe(&yearly, BUSINESS_BASIC, 1).await;
    let monthly = app.new_customer("monthly").await;
    let body = json!({"lineItems": [{
        "lineItemNumber": 0, "offerId": BUSINESS_BASIC, "quantity": 1, "termDuration": "P1M"
    }]});
    let order = app.place_order(&monthly, &body).await;
    let first = order.body["lineItems"][0]["subscriptionId"].clone();
    let upcoming = app.get(NEXT_EVENT).await.body;
    assert_eq!(upcoming["nextEvent"]["customerId"], monthly.as_str());
    assert_eq!(upcoming["nextEvent"]["subscriptionId"], first);
    // Another namespace has none of them.
    let other = app.in_namespace("elsewhere").get(NEXT_EVENT).await.body;
    assert!(other.get("nextEvent").is_none(), "{other}");
}
