//! A new-commerce subscription's life on the virtual clock: seat batches and their windows,
//! scheduled changes, renewal, and the lapse after auto-renew is turned off.

use crate::helpers::*;
use serde_json::{Value, json};

fn path(customer: &str, subscription: &str) -> String {
    format!("/v1/customers/{customer}/subscriptions/{subscription}")
}

/// Buys `quantity` seats of Business Basic for a month, billed monthly.
async fn buy_monthly(app: &TestApp, customer: &str, quantity: u32) -> String {
    app.subscribe_for(customer, BUSINESS_BASIC, quantity, "P1M")
        .await
}

/// A new customer's 3 monthly seats with a change scheduled to `quantity` seats for a year.
async fn scheduled(app: &TestApp, domain: &str, quantity: u32) -> (String, String) {
    let customer = app.new_customer(domain).await;
    let subscription = buy_monthly(app, &customer, 3).await;
    app.patch_whole(
        &customer,
        &subscription,
        json!({"scheduledNextTermInstructions": next_term_instructions(quantity)}),
    )
    .await
    .assert_ok();
    (customer, subscription)
}

fn batches(subscription: &Value) -> Vec<u64> {
    subscription["refundableQuantity"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|batch| batch["quantity"].as_u64().unwrap())
        .collect()
}

fn next_term_instructions(quantity: u32) -> Value {
    json!({
        "product": {
            "productId": "CFQ7TTC0LH18", "skuId": "0001", "availabilityId": "CFQ7TTC0K971",
            "billingCycle": "Annual", "termDuration": "P1Y"
        },
        "quantity": quantity
    })
}

#[tokio::test]
async fn a_monthly_subscription_lives_its_whole_life_on_the_clock() {
    let app = TestApp::start().await;
    let customer = app.new_customer("ncelife").await;
    let subscription = buy_monthly(&app, &customer, 2).await;
    let bought = app.subscription(&customer, &subscription).await.body;
    assert_eq!(bought["termDuration"], "P1M");
    assert_eq!(bought["refundableQuantity"]["totalQuantity"], 2);

    // Seats added twice, three days apart: each batch has its own window.
    app.patch_whole(&customer, &subscription, json!({"quantity": 5}))
        .await
        .assert_ok();
    app.advance_clock(3);
    let added = app
        .patch_whole(&customer, &subscription, json!({"quantity": 9}))
        .await;
    added.assert_ok();
    assert_eq!(batches(&added.body), vec![2, 3, 4]);
    assert_eq!(added.body["refundableQuantity"]["totalQuantity"], 9);

    // Day 8: the first two batches are past their window, the second increase is not.
    app.advance_clock(5);
    let now = app.subscription(&customer, &subscription).await.body;
    assert_eq!(batches(&now), vec![4]);
    let decreased = app
        .patch_whole(&customer, &subscription, json!({"quantity": 6}))
        .await;
    decreased.assert_ok();
    assert_eq!(decreased.body["quantity"], 6);
    assert_eq!(batches(&decreased.body), vec![1]);
    let late = app
        .patch_whole(&customer, &subscription, json!({"quantity": 4}))
        .await;
    assert_eq!(late.status, 400);
    assert_eq!(
        late.body,
        json!({"code": 800090, "description": "Subscription quantity cannot be decreased.", "data": [], "source": "PartnerFD"})
    );
    assert_eq!(
        app.subscription(&customer, &subscription).await.body["quantity"],
        6
    );

    // A change scheduled for the next term.
    let scheduled = app
        .patch_whole(
            &customer,
            &subscription,
            json!({"scheduledNextTermInstructions": next_term_instructions(10)}),
        )
        .await;
    scheduled.assert_ok();
    assert_eq!(
        scheduled.body["scheduledNextTermInstructions"]["product"]["termDuration"],
        "P1Y"
    );
    let end_of_first_term = scheduled.body["commitmentEndDate"].clone();

    // The renewal applies it, keeping the id.
    app.advance_clock(24);
    let renewed = app.subscription(&customer, &subscription).await.body;
    assert_eq!(renewed["id"], subscription);
    assert_eq!(renewed["status"], "active");
    assert_eq!(renewed["quantity"], 10);
    assert_eq!(renewed["termDuration"], "P1Y");
    assert_eq!(renewed["billingCycle"], "annual");
    assert!(renewed.get("scheduledNextTermInstructions").is_none());
    assert_eq!(batches(&renewed), vec![10]);
    let start = renewed["effectiveStartDate"].as_str().unwrap();
    assert!(
        start.ends_with("T00:00:00.0000000Z"),
        "renewal starts at midnight: {start}"
    );
    assert!(
        start > end_of_first_term.as_str().unwrap(),
        "the new term starts the day after the last one"
    );

    // Auto-renew off: the subscription lapses at the end of its term.
    app.patch_whole(&customer, &subscription, json!({"autoRenewEnabled": false}))
        .await
        .assert_ok();
    app.advance_clock(366);
    let expired = app.subscription(&customer, &subscription).await.body;
    assert_eq!(expired["status"], "expired");
    let refused = app
        .patch_whole(&customer, &subscription, json!({"friendlyName": "x"}))
        .await;
    refused.assert_fault(400, 900277);

    app.advance_clock(30);
    assert_eq!(
        app.subscription(&customer, &subscription).await.body["status"],
        "disabled"
    );
    let refused = app
        .patch_whole(&customer, &subscription, json!({"friendlyName": "x"}))
        .await;
    refused.assert_fault(400, 800096);

    app.advance_clock(90);
    let deleted = app.subscription(&customer, &subscription).await.body;
    assert_eq!(deleted["status"], "deleted");
    assert_eq!(deleted["friendlyName"], expired["friendlyName"]);
    app.patch_whole(&customer, &subscription, json!({"friendlyName": "x"}))
        .await
        .assert_fault(400, 2011);
}

#[tokio::test]
async fn a_minimal_patch_turns_auto_renew_off_and_wipes_scheduled_changes() {
    let app = TestApp::start().await;
    let (customer, subscription) = scheduled(&app, "nceminimal", 3).await;
    // A body taken from a GET keeps them.
    let kept = app
        .patch_whole(&customer, &subscription, json!({"friendlyName": "kept"}))
        .await;
    kept.assert_ok();
    assert_eq!(kept.body["autoRenewEnabled"], true);
    assert!(kept.body["scheduledNextTermInstructions"].is_object());

    let minimal = app
        .patch(
            &path(&customer, &subscription),
            &json!({"friendlyName": "minimal"}),
        )
        .await;
    minimal.assert_ok();
    assert_eq!(minimal.body["friendlyName"], "minimal");
    assert_eq!(minimal.body["autoRenewEnabled"], false);
    assert!(minimal.body.get("scheduledNextTermInstructions").is_none());
}

#[tokio::test]
async fn suspension_turns_auto_renew_off_drops_scheduled_changes_and_refuses_quantity() {
    let app = TestApp::start().await;
    let (customer, subscription) = scheduled(&app, "ncesuspend", 5).await;
    let refused = app
        .patch_whole(
            &customer,
            &subscription,
            json!({"status": "suspended", "quantity": 4}),
        )
        .await;
    refused.assert_fault(400, 800091);
    let unchanged = app.subscription(&customer, &subscription).await.body;
    assert_eq!(unchanged["status"], "active");
    assert_eq!(unchanged["quantity"], 3);
    assert!(unchanged["scheduledNextTermInstructions"].is_object());

    let suspended = app
        .patch_whole(&customer, &subscription, json!({"status": "suspended"}))
        .await;
    suspended.assert_ok();
    assert_eq!(suspended.body["autoRenewEnabled"], false);
    assert!(
        suspended
            .body
            .get("scheduledNextTermInstructions")
            .is_none()
    );
    app.patch_whole(&customer, &subscription, json!({"quantity": 4}))
        .await
        .assert_fault(400, 800091);
    // Reactivation does not turn auto-renew back on; cancelling a suspended one inside its
    // window works.
    let reactivated = app.set_status(&customer, &subscription, "active").await;
    reactivated.assert_ok();
    assert_eq!(reactivated.body["autoRenewEnabled"], false);
    app.set_status(&customer, &subscription, "suspended")
        .await
        .assert_ok();
    let cancelled = app.set_status(&customer, &subscription, "deleted").await;
    cancelled.assert_ok();
    assert_eq!(cancelled.body["status"], "deleted");
}

#[tokio::test]
async fn scheduled_changes_are_checked_against_the_catalog_and_refusals_change_nothing() {
    let app = TestApp::start().await;
    let customer = app.new_customer("ncescheduled").await;
    let subscription = buy_monthly(&app, &customer, 3).await;
    let before = app.subscription(&customer, &subscription).await.body;
    let mut unknown = next_term_instructions(3);
    unknown["product"]["skuId"] = json!("9999");
    let mut bad_term = next_term_instructions(3);
    bad_term["product"]["termDuration"] = json!("P3Y");
    let mut too_many = next_term_instructions(3);
    too_many["quantity"] = json!(100_000);
    let mut misaligned = next_term_instructions(3);
    misaligned["customTermEndDate"] = json!("2099-01-15T00:00:00Z");
    for (instructions, status, code) in [
        (unknown, 400, 2000),
        (bad_term, 400, 2000),
        (too_many, 400, 2002),
        (misaligned, 400, 900245),
        (json!({"quantity": 3}), 400, 2000),
    ] {
        let refused = app
            .patch_whole(
                &customer,
                &subscription,
                json!({"scheduledNextTermInstructions": instructions}),
            )
            .await;
        refused.assert_fault(status, code);
        assert_eq!(
            app.subscription(&customer, &subscription).await.body,
            before,
            "a refused change leaves the subscription as it was"
        );
    }
    let off = app.patch_whole(
        &customer,
        &subscription,
        json!({"autoRenewEnabled": false, "scheduledNextTermInstructions": next_term_instructions(3)}),
    )
    .await;
    off.assert_ok();
    assert!(
        off.body.get("scheduledNextTermInstructions").is_none(),
        "turning auto-renew off wipes scheduled changes"
    );
}

#[tokio::test]
async fn changes_wait_while_a_renewal_completes() {
    let app = TestApp::start().await;
    app.settings(json!({"renewalDuration": "PT26H"})).await;
    let customer = app.new_customer("ncerenewing").await;
    let subscription = buy_monthly(&app, &customer, 3).await;
    app.advance_clock(31);
    let renewing = app.subscription(&customer, &subscription).await.body;
    assert_eq!(renewing["status"], "active");
    app.patch_whole(&customer, &subscription, json!({"quantity": 4}))
        .await
        .assert_fault(409, 800082);
    assert_eq!(
        app.subscription(&customer, &subscription).await.body["quantity"],
        3
    );
    app.advance_clock(1);
    app.patch_whole(&customer, &subscription, json!({"quantity": 4}))
        .await
        .assert_ok();
}

#[tokio::test]
async fn a_trial_converts_to_its_paid_sku_at_the_end_of_its_month() {
    let app = TestApp::start().await;
    let customer = app.new_customer("ncetrial").await;
    let trial = "CFQ7TTC0LCHC:0001:CFQ7TTC0K5DQ";
    let body = json!({"lineItems": [{
        "lineItemNumber": 0, "offerId": trial, "quantity": 25, "termDuration": "P1M"
    }]});
    let order = app.place_order(&customer, &body).await;
    let subscription = order.str("/lineItems/0/subscriptionId").to_owned();
    let bought = app.subscription(&customer, &subscription).await.body;
    assert_eq!(bought["isTrial"], true);
    assert_eq!(
        bought["scheduledNextTermInstructions"]["product"]["skuId"], "0002",
        "every trial carries its default conversion"
    );
    app.advance_clock(32);
    let converted = app.subscription(&customer, &subscription).await.body;
    assert_eq!(converted["isTrial"], false);
    assert_eq!(converted["status"], "active");
    assert_eq!(converted["offerId"], "CFQ7TTC0LCHC:0002:CFQ7TTC0K5DR");
    assert_eq!(converted["termDuration"], "P1Y");
    assert_eq!(converted["quantity"], 25);
}

const LUCERNE: &str = "88888888-8888-4888-8888-888888888888";

#[tokio::test]
async fn the_default_seed_has_every_lapsed_status_and_a_renewal_on_the_first_day() {
    let app = TestApp::start().await;
    let list = app
        .get(&format!("/v1/customers/{LUCERNE}/subscriptions"))
        .await;
    list.assert_ok();
    let status_of = |id: &str| {
        list.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .map(|s| s["status"].clone())
            .unwrap()
    };
    let renewing = "8c888888-8888-4888-8888-000000000001";
    assert_eq!(status_of(renewing), "active");
    assert_eq!(status_of("8c888888-8888-4888-8888-000000000002"), "expired");
    assert_eq!(
        status_of("8c888888-8888-4888-8888-000000000003"),
        "disabled"
    );
    assert_eq!(status_of("8c888888-8888-4888-8888-000000000004"), "deleted");

    let before = app.subscription(LUCERNE, renewing).await.body;
    app.advance_clock(1);
    let after = app.subscription(LUCERNE, renewing).await.body;
    assert_eq!(after["status"], "active");
    assert!(
        after["effectiveStartDate"].as_str() > before["effectiveStartDate"].as_str(),
        "renewed within the first simulated day: {} then {}",
        before["effectiveStartDate"],
        after["effectiveStartDate"]
    );
    assert!(after["commitmentEndDate"].as_str() > before["commitmentEndDate"].as_str());
    assert_eq!(
        app.subscription(LUCERNE, "8c888888-8888-4888-8888-000000000002")
            .await
            .body["status"],
        "expired",
        "an expired subscription stays expired for 30 days"
    );
}

#[tokio::test]
async fn with_a_provisioning_delay_a_quantity_change_is_accepted_with_the_subscription_s_address() {
    let app = TestApp::start().await;
    let customer = app.new_customer("nceslow").await;
    let subscription = buy_monthly(&app, &customer, 3).await;
    app.settings(json!({"provisioningDelay": "PT10M"})).await;
    let accepted = app
        .patch_whole(&customer, &subscription, json!({"quantity": 4}))
        .await;
    assert_eq!(accepted.status, 202, "{}", accepted.text);
    assert_eq!(
        accepted.header("Location"),
        Some(format!("/v1/customers/{customer}/subscriptions/{subscription}").as_str())
    );
    let polled = app.subscription(&customer, &subscription).await;
    polled.assert_ok();
    assert_eq!(polled.body["quantity"], 4);
    // A change without a new quantity is answered at once.
    let renamed = app
        .patch_whole(&customer, &subscription, json!({"friendlyName": "fast"}))
        .await;
    assert_eq!(renamed.status, 200);
}

#[tokio::test]
async fn cancelling_inside_the_window_ends_auto_renew_and_scheduled_changes() {
    let app = TestApp::start().await;
    let (customer, subscription) = scheduled(&app, "ncecancel", 3).await;
    let cancelled = app
        .patch_whole(&customer, &subscription, json!({"status": "deleted"}))
        .await;
    cancelled.assert_ok();
    assert_eq!(cancelled.body["status"], "deleted");
    assert_eq!(cancelled.body["autoRenewEnabled"], false);
    assert!(
        cancelled
            .body
            .get("scheduledNextTermInstructions")
            .is_none()
    );
    assert!(
        cancelled.body.get("refundableQuantity").unwrap()["details"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}
