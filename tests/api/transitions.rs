//! New-commerce transitions over HTTP: eligibilities, full, partial and into-existing upgrades,
//! trial conversions, the Conversion event on the clock, the history, and every refusal (status,
//! code, and nothing changed).

use crate::helpers::*;
use serde_json::{Value, json};

/// Northwind's suspended Business Standard, beside its active Business Basic (15 seats, P1Y,
/// monthly).
const NORTHWIND_STANDARD: &str = "5c555555-5555-4555-8555-000000000002";
/// Catalog items Business Basic's SKU transitions to, beside Business Standard.
const PREMIUM: &str = "CFQ7TTC0LCHC:0002:CFQ7TTC0K5DR";
const PREMIUM_TRIAL: &str = "CFQ7TTC0LCHC:0001:CFQ7TTC0K5DQ";

fn subscription_path(customer: &str, subscription: &str) -> String {
    format!("/v1/customers/{customer}/subscriptions/{subscription}")
}

fn transitions_path(customer: &str, subscription: &str) -> String {
    format!("{}/transitions", subscription_path(customer, subscription))
}

async fn transition(client: &TestClient, customer: &str, source: &str, body: Value) -> Answer {
    client
        .post(&transitions_path(customer, source), &body)
        .await
}

fn to(item: &str, quantity: u32) -> Value {
    json!({"toCatalogItemId": item, "quantity": quantity, "transitionType": "transition_only"})
}

fn with(mut body: Value, key: &str, value: Value) -> Value {
    body[key] = value;
    body
}

#[tokio::test]
async fn a_partial_transition_buys_a_co_terminous_subscription_and_lowers_the_source() {
    let app = TestApp::start().await;
    let before = app.subscription(NORTHWIND, NORTHWIND_BASIC).await;

    let made = transition(&app, NORTHWIND, NORTHWIND_BASIC, to(BUSINESS_STANDARD, 5)).await;
    made.assert_ok();
    assert_eq!(made.body["fromSubscriptionId"], NORTHWIND_BASIC);
    assert_eq!(made.body["fromCatalogItemId"], before.body["offerId"]);
    assert_eq!(made.body["toCatalogItemId"], BUSINESS_STANDARD);
    assert_eq!(made.body["quantity"], 5);
    assert_eq!(made.body["termDuration"], "P1Y");
    assert_eq!(made.body["billingCycle"], "Monthly");
    assert_eq!(made.body["attributes"]["objectType"], "Transition");
    let events = made.body["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["name"], "Conversion");
    assert_eq!(events[0]["status"], "Started");
    assert_eq!(events[0]["attributes"]["objectType"], "TransitionEvent");

    let new_id = made.body["toSubscriptionId"].as_str().unwrap();
    assert_ne!(new_id, NORTHWIND_BASIC);
    let bought = app.subscription(NORTHWIND, new_id).await;
    bought.assert_ok();
    assert_eq!(bought.body["offerId"], BUSINESS_STANDARD);
    assert_eq!(bought.body["quantity"], 5);
    assert_eq!(bought.body["status"], "active");
    assert_eq!(
        bought.body["commitmentEndDate"], before.body["commitmentEndDate"],
        "co-terminous with the source"
    );
    assert_eq!(
        bought.body["productType"]["id"], "OnlineServicesNCE",
        "bought through the fulfilment, with every field"
    );
    let order = app
        .get(&format!(
            "/v1/customers/{NORTHWIND}/orders/{}",
            bought.body["orderId"].as_str().unwrap()
        ))
        .await;
    order.assert_ok();
    assert_eq!(order.body["lineItems"][0]["subscriptionId"], new_id);

    let source = app.subscription(NORTHWIND, NORTHWIND_BASIC).await;
    assert_eq!(source.body["quantity"], 10);
    assert_eq!(source.body["offerId"], before.body["offerId"]);
}

#[tokio::test]
async fn a_full_transition_keeps_the_subscription_id_and_changes_its_offer() {
    let app = TestApp::start().await;
    let before = app.subscription(NORTHWIND, NORTHWIND_BASIC).await;
    let count = |answer: &Answer| answer.body["items"].as_array().unwrap().len();
    let listed = app
        .get(&format!("/v1/customers/{NORTHWIND}/subscriptions"))
        .await;

    let made = transition(&app, NORTHWIND, NORTHWIND_BASIC, to(PREMIUM, 15)).await;
    made.assert_ok();
    assert_eq!(made.body["toSubscriptionId"], NORTHWIND_BASIC);

    let after = app.subscription(NORTHWIND, NORTHWIND_BASIC).await;
    assert_eq!(after.body["offerId"], PREMIUM);
    assert_eq!(after.body["offerName"], "Microsoft 365 Business Premium");
    assert_eq!(after.body["quantity"], 15);
    let sku_link = after.body["links"]["sku"]["uri"].as_str().unwrap();
    assert!(sku_link.contains("CFQ7TTC0LCHC/skus/0002"), "{sku_link}");
    assert_eq!(
        after.body["commitmentEndDate"], before.body["commitmentEndDate"],
        "the same term keeps its dates"
    );
    assert_ne!(
        after.body["attributes"]["etag"],
        before.body["attributes"]["etag"]
    );
    let relisted = app
        .get(&format!("/v1/customers/{NORTHWIND}/subscriptions"))
        .await;
    assert_eq!(count(&relisted), count(&listed), "no subscription is added");
}

#[tokio::test]
async fn a_transition_into_an_existing_subscription_adds_its_seats() {
    let app = TestApp::start().await;
    let first = transition(&app, NORTHWIND, NORTHWIND_BASIC, to(BUSINESS_STANDARD, 5)).await;
    first.assert_ok();
    let target = first.body["toSubscriptionId"].as_str().unwrap().to_owned();

    let body = with(to(BUSINESS_STANDARD, 3), "toSubscriptionId", json!(target));
    let second = transition(&app, NORTHWIND, NORTHWIND_BASIC, body).await;
    second.assert_ok();
    assert_eq!(second.body["toSubscriptionId"], target.as_str());
    assert_eq!(
        app.subscription(NORTHWIND, &target).await.body["quantity"],
        8
    );
    assert_eq!(
        app.subscription(NORTHWIND, NORTHWIND_BASIC).await.body["quantity"],
        7
    );

    // The rest of the seats empties the source, which is then deleted.
    let body = with(to(BUSINESS_STANDARD, 7), "toSubscriptionId", json!(target));
    transition(&app, NORTHWIND, NORTHWIND_BASIC, body)
        .await
        .assert_ok();
    assert_eq!(
        app.subscription(NORTHWIND, &target).await.body["quantity"],
        15
    );
    assert_eq!(
        app.subscription(NORTHWIND, NORTHWIND_BASIC).await.body["status"],
        "deleted"
    );
}

#[tokio::test]
async fn the_conversion_completes_once_the_provisioning_delay_has_passed() {
    let app = TestApp::start().await;
    app.settings(json!({"provisioningDelay": "PT1H"})).await;
    let made = transition(&app, NORTHWIND, NORTHWIND_BASIC, to(BUSINESS_STANDARD, 2)).await;
    made.assert_ok();
    let operation = made.body["operationId"].as_str().unwrap().to_owned();
    let history = format!(
        "{}?operationId={operation}",
        transitions_path(NORTHWIND, NORTHWIND_BASIC)
    );
    let statuses = |answer: &Answer| -> Vec<String> {
        answer.body["items"][0]["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["status"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(statuses(&app.get(&history).await), ["Started"]);
    app.advance("PT1H").await;
    assert_eq!(statuses(&app.get(&history).await), ["Started", "Completed"]);
}

#[tokio::test]
async fn the_history_lists_transitions_as_the_sdk_and_the_docs_read_them() {
    let app = TestApp::start().await;
    let first = transition(&app, NORTHWIND, NORTHWIND_BASIC, to(BUSINESS_STANDARD, 2)).await;
    let second = transition(&app, NORTHWIND, NORTHWIND_BASIC, to(PREMIUM, 1)).await;
    first.assert_ok();
    second.assert_ok();

    let all = app.get(&transitions_path(NORTHWIND, NORTHWIND_BASIC)).await;
    all.assert_ok();
    assert_eq!(all.body["totalCount"], 2);
    assert_eq!(all.body["attributes"]["objectType"], "Collection");
    assert_eq!(all.body["items"], all.body["transition"]);
    assert_eq!(
        all.body["items"][0]["operationId"],
        first.body["operationId"]
    );
    let events = all.body["items"][0]["events"].as_array().unwrap();
    assert_eq!(events.len(), 2, "completed at once without a delay");
    assert_eq!(events[1]["status"], "Completed");

    let operation = second.body["operationId"].as_str().unwrap();
    for name in ["operationId", "operation-id"] {
        let one = app
            .get(&format!(
                "{}?{name}={operation}",
                transitions_path(NORTHWIND, NORTHWIND_BASIC)
            ))
            .await;
        assert_eq!(one.body["totalCount"], 1, "{name}");
        assert_eq!(one.body["items"][0]["toCatalogItemId"], PREMIUM);
    }
    // The new subscription lists the transition that made it.
    let made = first.body["toSubscriptionId"].as_str().unwrap();
    let target = app.get(&transitions_path(NORTHWIND, made)).await;
    assert_eq!(target.body["totalCount"], 1);
    // The export carries them, a reset forgets them.
    let state = app.state().await;
    let northwind = exported_customer(&state, NORTHWIND);
    assert_eq!(northwind["transitions"].as_array().unwrap().len(), 2);
    app.post("/_mock/reset", &json!({})).await.assert_ok();
    assert_eq!(
        app.get(&transitions_path(NORTHWIND, NORTHWIND_BASIC))
            .await
            .body["totalCount"],
        0
    );
    // Imported again, the export brings them back as they were.
    app.put("/_mock/state", &state).await.assert_ok();
    assert_eq!(app.state().await, state);
    let after = app.get(&transitions_path(NORTHWIND, NORTHWIND_BASIC)).await;
    assert_eq!(after.body["totalCount"], 2);
}

#[tokio::test]
async fn eligibilities_name_the_targets_and_the_existing_subscriptions_of_each() {
    let app = TestApp::start().await;
    // The .NET SDK writes the path in lower case.
    let path = format!(
        "{}/transitioneligibilities",
        subscription_path(NORTHWIND, NORTHWIND_BASIC)
    );
    let immediate = app.get(&path).await;
    immediate.assert_ok();
    let items = immediate.body["items"].as_array().unwrap();
    let ids: Vec<&str> = items
        .iter()
        .map(|i| i["catalogItemId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [BUSINESS_STANDARD, PREMIUM]);
    let standard = &items[0];
    assert_eq!(standard["quantity"], 15);
    assert_eq!(
        standard["attributes"]["objectType"],
        "TransitionEligibility"
    );
    let types: Vec<&str> = standard["eligibilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["isEligible"], true);
            e["transitionType"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        types,
        ["transition_only", "transition_with_license_transfer"]
    );
    // The suspended Business Standard is listed, not active (1).
    let existing = &standard["subscriptionEligibilities"][0];
    assert_eq!(existing["subscriptionId"], NORTHWIND_STANDARD);
    assert_eq!(existing["isEligible"], false);
    assert_eq!(existing["errors"][0]["code"], 1);
    assert_eq!(existing["subscriptionBillingCycle"], "monthly");

    let scheduled = app.get(&format!("{path}?eligibilityType=Scheduled")).await;
    scheduled.assert_ok();
    assert_eq!(
        scheduled.body["items"][0]["subscriptionEligibilities"],
        json!([])
    );

    // A suspended source can transition nowhere (2).
    let suspended = app
        .get(&format!(
            "{}/transitionEligibilities",
            subscription_path(NORTHWIND, NORTHWIND_STANDARD)
        ))
        .await;
    let detail = &suspended.body["items"][0]["eligibilities"][0];
    assert_eq!(detail["isEligible"], false);
    assert_eq!(detail["errors"][0]["code"], 2);

    app.get(&format!("{path}?eligibilityType=later"))
        .await
        .assert_fault(400, 2000);
    // A legacy subscription has no transition paths.
    let legacy = app
        .get(&format!(
            "{}/transitionEligibilities",
            subscription_path(CONTOSO, "2c222222-2222-4222-8222-000000000001")
        ))
        .await;
    assert_eq!(legacy.body["totalCount"], 0);
}

#[tokio::test]
async fn a_trial_converts_in_full_to_its_conversion_term_and_no_other() {
    let app = TestApp::start().await;
    let checkout = app
        .buy_through_cart(
            ADATUM,
            &json!({"lineItems": [{"catalogItemId": PREMIUM_TRIAL, "quantity": 25,
                "billingCycle": "none", "termDuration": "P1M"}]}),
        )
        .await;
    let trial = checkout
        .str("/orders/0/lineItems/0/subscriptionId")
        .to_owned();
    let bought = app.subscription(ADATUM, &trial).await.body;
    assert_eq!(bought["isTrial"], true);
    assert!(
        bought["scheduledNextTermInstructions"].is_object(),
        "{bought}"
    );

    let eligible = app
        .get(&format!(
            "{}/transitionEligibilities",
            subscription_path(ADATUM, &trial)
        ))
        .await;
    assert_eq!(eligible.body["items"][0]["catalogItemId"], PREMIUM);
    assert_eq!(
        eligible.body["items"][0]["subscriptionEligibilities"],
        json!([])
    );

    let asked_p1m = with(to(PREMIUM, 25), "termDuration", json!("P1M"));
    app.assert_refused(400, 800107, transition(&app, ADATUM, &trial, asked_p1m))
        .await;
    app.assert_refused(400, 2002, transition(&app, ADATUM, &trial, to(PREMIUM, 10)))
        .await;

    let converted = transition(&app, ADATUM, &trial, to(PREMIUM, 25)).await;
    converted.assert_ok();
    assert_eq!(converted.body["toSubscriptionId"], trial.as_str());
    assert_eq!(converted.body["termDuration"], "P1Y");
    let paid = app.subscription(ADATUM, &trial).await;
    assert_eq!(paid.body["isTrial"], false);
    assert_eq!(paid.body["offerId"], PREMIUM);
    assert_eq!(paid.body["termDuration"], "P1Y");
    assert_eq!(paid.body["billingCycle"], "monthly");
    assert!(
        paid.body.get("scheduledNextTermInstructions").is_none(),
        "converted now, its default conversion is gone"
    );
}

#[tokio::test]
async fn transitions_that_break_a_rule_are_refused_and_change_nothing() {
    let app = TestApp::start().await;
    let refuse = |status: u16, code: i64, body: Value| {
        let app = &app;
        async move {
            app.assert_refused(
                status,
                code,
                transition(app, NORTHWIND, NORTHWIND_BASIC, body),
            )
            .await
        }
    };
    // Not an upgrade, an unknown item, too many seats, none.
    let refused = refuse(400, 900412, to(OFFICE_E3_NCE, 1)).await;
    assert_eq!(
        refused.header("x-mock-rule"),
        Some("transition-upgrade-path")
    );
    for (code, body) in [
        (800004, to("CFQ7TTC0NOPE:0001:CFQ7TTC0NOPE", 1)),
        (2002, to(BUSINESS_STANDARD, 16)),
        (2000, to(BUSINESS_STANDARD, 0)),
        (
            2000,
            json!({"toCatalogItemId": BUSINESS_STANDARD, "quantity": 1}),
        ),
        (
            2000,
            with(
                to(BUSINESS_STANDARD, 1),
                "fromSubscriptionId",
                json!(NORTHWIND_STANDARD),
            ),
        ),
        // Terms and billing cycles.
        (
            900267,
            with(to(BUSINESS_STANDARD, 1), "termDuration", json!("P1M")),
        ),
        (
            900268,
            with(to(BUSINESS_STANDARD, 1), "termDuration", json!("P2Y")),
        ),
        (
            900269,
            with(to(BUSINESS_STANDARD, 1), "billingCycle", json!("Weekly")),
        ),
        (
            900270,
            with(to(BUSINESS_STANDARD, 1), "billingCycle", json!("Triennial")),
        ),
        // Target subscriptions: the source itself, a suspended one.
        (
            900259,
            with(
                to(BUSINESS_STANDARD, 1),
                "toSubscriptionId",
                json!(NORTHWIND_BASIC),
            ),
        ),
        (
            900258,
            with(
                to(BUSINESS_STANDARD, 1),
                "toSubscriptionId",
                json!(NORTHWIND_STANDARD),
            ),
        ),
    ] {
        refuse(400, code, body).await;
    }
    // A source that is not active is refused as a PATCH of it is.
    app.assert_refused(
        400,
        800091,
        transition(&app, NORTHWIND, NORTHWIND_STANDARD, to(PREMIUM, 1)),
    )
    .await;
    app.assert_refused(
        404,
        20003,
        transition(
            &app,
            NORTHWIND,
            "5c555555-5555-4555-8555-0000000000ff",
            to(PREMIUM, 1),
        ),
    )
    .await;
}

#[tokio::test]
async fn an_existing_target_must_be_of_the_item_ready_and_end_no_earlier() {
    let app = TestApp::start().await;
    // A subscription of another item than the one asked for.
    let premium = transition(&app, NORTHWIND, NORTHWIND_BASIC, to(PREMIUM, 1)).await;
    premium.assert_ok();
    let premium = premium.str("/toSubscriptionId").to_owned();
    let into = |id: &str| with(to(BUSINESS_STANDARD, 1), "toSubscriptionId", json!(id));
    app.assert_refused(
        400,
        900260,
        transition(&app, NORTHWIND, NORTHWIND_BASIC, into(&premium)),
    )
    .await;

    // A fresh purchase is inside its cancellation window: not ready.
    let fresh = app.subscribe(NORTHWIND, BUSINESS_STANDARD, 1).await;
    app.assert_refused(
        400,
        900261,
        transition(&app, NORTHWIND, NORTHWIND_BASIC, into(&fresh)),
    )
    .await;

    // Past its window, it still ends before a source bought later for the same term.
    app.advance_clock(8);
    let source = app.subscribe(NORTHWIND, BUSINESS_BASIC, 3).await;
    app.assert_refused(
        400,
        900236,
        transition(&app, NORTHWIND, &source, into(&fresh)),
    )
    .await;
    // And the long-standing source ends earlier than it, so its seats may go there.
    transition(&app, NORTHWIND, NORTHWIND_BASIC, into(&fresh))
        .await
        .assert_ok();
}

#[tokio::test]
async fn a_monthly_term_cannot_be_billed_annually() {
    let app = TestApp::start().await;
    let order = app.create(&format!("/v1/customers/{NORTHWIND}/orders"), &json!({"lineItems": [{"offerId": BUSINESS_BASIC, "quantity": 2, "termDuration": "P1M"}]})).await;
    let monthly = order.str("/lineItems/0/subscriptionId");
    let body = with(to(BUSINESS_STANDARD, 2), "billingCycle", json!("annual"));
    app.assert_refused(400, 900270, transition(&app, NORTHWIND, monthly, body))
        .await;
    let made = transition(&app, NORTHWIND, monthly, to(BUSINESS_STANDARD, 2)).await;
    made.assert_ok();
    assert_eq!(made.body["termDuration"], "P1M");
}

#[tokio::test]
async fn a_mid_term_transition_wipes_the_scheduled_changes_of_both_subscriptions() {
    let app = TestApp::start().await;
    let path = subscription_path(NORTHWIND, NORTHWIND_BASIC);
    let mut whole = app.get(&path).await.body;
    whole["scheduledNextTermInstructions"] = json!({
        "product": {"productId": "CFQ7TTC0LH18", "skuId": "0001",
            "availabilityId": "CFQ7TTC0K971", "billingCycle": "Monthly", "termDuration": "P1Y"},
        "quantity": 15
    });
    let scheduled = app.patch(&path, &whole).await;
    scheduled.assert_ok();
    assert!(scheduled.body["scheduledNextTermInstructions"].is_object());

    transition(&app, NORTHWIND, NORTHWIND_BASIC, to(BUSINESS_STANDARD, 4))
        .await
        .assert_ok();
    let source = app.get(&path).await.body;
    assert!(
        source.get("scheduledNextTermInstructions").is_none(),
        "{source}"
    );
    assert_eq!(source["quantity"], 11);
}

#[tokio::test]
async fn moved_seats_need_no_open_window_and_the_new_subscription_opens_none() {
    let app = TestApp::start().await;
    // Bought now, its 6 seats are reducible; moving 4 leaves 2, all still reducible.
    let fresh = app.subscribe(NORTHWIND, BUSINESS_BASIC, 6).await;
    let made = transition(&app, NORTHWIND, &fresh, to(BUSINESS_STANDARD, 4)).await;
    made.assert_ok();
    let source = app.subscription(NORTHWIND, &fresh).await.body;
    assert_eq!(source["quantity"], 2);
    assert_eq!(source["refundableQuantity"]["totalQuantity"], 2);
    // What the upgrade bought can be neither cancelled nor reduced.
    let bought = made.body["toSubscriptionId"].as_str().unwrap();
    app.assert_refused(400, 900117, app.set_status(NORTHWIND, bought, "deleted"))
        .await;
}
