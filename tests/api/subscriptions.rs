//! `PATCH .../subscriptions/{id}`: the state machine, every guard, and the .NET SDK's bodies.
//! Each refusal checks the status, the code, and that the subscription is unchanged.

use crate::helpers::*;
use serde_json::{Value, json};

fn path(customer: &str, subscription: &str) -> String {
    format!("/v1/customers/{customer}/subscriptions/{subscription}")
}

/// Sends `body`, expects the refusal, named by its business rule, and checks that nothing
/// changed.
async fn refused(
    app: &TestApp,
    customer: &str,
    subscription: &str,
    body: Value,
    status: u16,
    code: i64,
) -> Answer {
    let answer = app
        .assert_refused(
            status,
            code,
            app.patch(&path(customer, subscription), &body),
        )
        .await;
    assert!(
        answer.header("x-mock-rule").is_some(),
        "a business rule names itself: {}",
        answer.text
    );
    answer
}

#[tokio::test]
async fn a_suspend_body_as_the_dotnet_sdk_writes_it_changes_only_the_status() {
    let app = TestApp::start().await;
    let id = "2c222222-2222-4222-8222-000000000001";
    let before = app.subscription(CONTOSO, id).await;
    let sdk_body = json!({
        "Id": id, "OfferId": null, "OfferName": null, "FriendlyName": null, "Quantity": 0,
        "UnitType": null, "ParentSubscriptionId": null, "CreationDate": "0001-01-01T00:00:00",
        "EffectiveStartDate": "0001-01-01T00:00:00", "CommitmentEndDate": "0001-01-01T00:00:00",
        "Status": "suspended", "AutoRenewEnabled": false, "BillingType": "none", "BillingCycle": "unknown",
        "ContractType": "subscription", "OrderId": null, "Links": null,
        "Attributes": {"Etag": null, "ObjectType": "Subscription"}
    });
    let answer = app.patch(&path(CONTOSO, id), &sdk_body).await;
    answer.assert_ok();
    assert_eq!(answer.body["status"], "suspended");
    for field in [
        "quantity",
        "autoRenewEnabled",
        "billingCycle",
        "friendlyName",
    ] {
        assert_eq!(
            answer.body[field], before.body[field],
            "{field} is untouched"
        );
    }
    assert_ne!(
        answer.body["attributes"]["etag"],
        before.body["attributes"]["etag"]
    );

    let mut reactivate = sdk_body.clone();
    reactivate["Status"] = "active".into();
    let answer = app.patch(&path(CONTOSO, id), &reactivate).await;
    answer.assert_ok();
    assert_eq!(answer.body["status"], "active");
    assert_eq!(answer.body["quantity"], before.body["quantity"]);
}

#[tokio::test]
async fn full_object_updates_apply_each_changed_property() {
    let app = TestApp::start().await;
    let id = "2c222222-2222-4222-8222-000000000001";
    let mut body = app.subscription(CONTOSO, id).await.body;
    body["quantity"] = 30.into();
    body["friendlyName"] = "Head office".into();
    body["autoRenewEnabled"] = false.into();
    let answer = app.patch(&path(CONTOSO, id), &body).await;
    answer.assert_ok();
    assert_eq!(answer.body["quantity"], 30);
    assert_eq!(answer.body["friendlyName"], "Head office");
    assert_eq!(answer.body["autoRenewEnabled"], false);
    assert_eq!(app.subscription(CONTOSO, id).await.body, answer.body);
}

#[tokio::test]
async fn suspending_a_base_suspends_its_add_ons_and_reactivating_it_does_not() {
    let app = TestApp::start().await;
    app.set_status(LITWARE, LITWARE_BASE, "suspended")
        .await
        .assert_ok();
    assert_eq!(
        app.subscription(LITWARE, LITWARE_ADD_ON).await.body["status"],
        "suspended"
    );
    // The add-on cannot come back while its base is suspended.
    refused(
        &app,
        LITWARE,
        LITWARE_ADD_ON,
        json!({"status": "active"}),
        409,
        27009,
    )
    .await;
    app.set_status(LITWARE, LITWARE_BASE, "active")
        .await
        .assert_ok();
    assert_eq!(
        app.subscription(LITWARE, LITWARE_ADD_ON).await.body["status"],
        "suspended"
    );
    app.set_status(LITWARE, LITWARE_ADD_ON, "active")
        .await
        .assert_ok();
    let add_ons = app
        .get(&format!(
            "/v1/customers/{LITWARE}/subscriptions/{LITWARE_BASE}/addons"
        ))
        .await;
    assert_eq!(add_ons.body["totalCount"], 1);
    assert_eq!(
        add_ons.body["items"][0]["parentSubscriptionId"],
        LITWARE_BASE
    );
}

#[tokio::test]
async fn a_suspended_subscription_only_reactivates() {
    let app = TestApp::start().await;
    let id = "2c222222-2222-4222-8222-000000000003";
    refused(&app, CONTOSO, id, json!({"quantity": 5}), 400, 800091).await;
    refused(&app, CONTOSO, id, json!({"friendlyName": "x"}), 400, 800091).await;
    refused(&app, CONTOSO, id, json!({"status": "deleted"}), 400, 800091).await;
}

#[tokio::test]
async fn statuses_a_partner_cannot_set_are_refused() {
    let app = TestApp::start().await;
    let id = "2c222222-2222-4222-8222-000000000001";
    for status in ["pending", "expired", "disabled", "none"] {
        refused(&app, CONTOSO, id, json!({"status": status}), 400, 800096).await;
    }
    // Legacy license subscriptions are suspended, never deleted.
    refused(&app, CONTOSO, id, json!({"status": "deleted"}), 400, 800096).await;
    app.patch(&path(CONTOSO, id), &json!({"status": "archived"}))
        .await
        .assert_fault(400, 2000);
}

#[tokio::test]
async fn a_quantity_outside_the_offer_limits_is_refused() {
    let app = TestApp::start().await;
    let id = "2c222222-2222-4222-8222-000000000002";
    refused(&app, CONTOSO, id, json!({"quantity": 301}), 400, 2002).await;
    app.patch(&path(CONTOSO, id), &json!({"quantity": -1}))
        .await
        .assert_fault(400, 2000);
    app.patch(&path(CONTOSO, id), &json!({"quantity": 99_999_999_999u64}))
        .await
        .assert_fault(400, 2000);
}

#[tokio::test]
async fn the_billing_cycle_changes_through_the_order_only() {
    let app = TestApp::start().await;
    let id = "2c222222-2222-4222-8222-000000000001";
    let answer = refused(
        &app,
        CONTOSO,
        id,
        json!({"billingCycle": "annual"}),
        400,
        2054,
    )
    .await;
    assert!(answer.str("/description").contains("update-Order"));
}

#[tokio::test]
async fn a_stale_etag_is_refused() {
    let app = TestApp::start().await;
    let id = "2c222222-2222-4222-8222-000000000001";
    let etag = app.subscription(CONTOSO, id).await.body["attributes"]["etag"].clone();
    app.patch(
        &path(CONTOSO, id),
        &json!({"quantity": 11, "attributes": {"etag": etag}}),
    )
    .await
    .assert_ok();
    refused(
        &app,
        CONTOSO,
        id,
        json!({"quantity": 12, "attributes": {"etag": etag}}),
        400,
        2055,
    )
    .await;
    let quoted = format!("\"{}\"", etag.as_str().unwrap());
    let answer = app
        .call(
            reqwest::Method::PATCH,
            &path(CONTOSO, id),
            Some(json!({"quantity": 13}).to_string()),
            &[("If-Match", &quoted)],
        )
        .await;
    answer.assert_fault(400, 2055);
}

#[tokio::test]
async fn new_commerce_subscriptions_cancel_and_shrink_only_inside_their_window() {
    let app = TestApp::start().await;
    let customer = app.new_customer("ncewindow").await;
    let early = app.subscribe(&customer, BUSINESS_BASIC, 10).await;
    let late = app.subscribe(&customer, BUSINESS_BASIC, 10).await;
    let subscription = app.subscription(&customer, &early).await;
    assert_eq!(subscription.body["productType"]["id"], "OnlineServicesNCE");
    assert!(subscription.body["cancellationAllowedUntilDate"].is_string());
    app.patch(&path(&customer, &early), &json!({"quantity": 5}))
        .await
        .assert_ok();
    let deleted = app.set_status(&customer, &early, "deleted").await;
    deleted.assert_ok();
    assert_eq!(deleted.body["status"], "deleted");
    // Deleted is final.
    refused(
        &app,
        &customer,
        &early,
        json!({"status": "active"}),
        400,
        2011,
    )
    .await;
    refused(&app, &customer, &early, json!({"quantity": 3}), 400, 2011).await;

    app.advance_clock(8);
    refused(
        &app,
        &customer,
        &late,
        json!({"status": "deleted"}),
        400,
        900117,
    )
    .await;
    refused(&app, &customer, &late, json!({"quantity": 5}), 400, 800090).await;
    app.patch(&path(&customer, &late), &json!({"quantity": 12}))
        .await
        .assert_ok();
}

#[tokio::test]
async fn after_the_window_the_removal_stays_refused_until_the_term_ends() {
    let app = TestApp::start().await;
    let customer = app.new_customer("nceterm").await;
    let subscription = app.subscribe(&customer, BUSINESS_BASIC, 1).await;
    app.advance_clock(8);
    app.patch(
        &path(&customer, &subscription),
        &json!({"autoRenewEnabled": false}),
    )
    .await
    .assert_ok();
    app.set_status(&customer, &subscription, "suspended")
        .await
        .assert_ok();
    app.remove_relationship(&customer)
        .await
        .assert_fault(400, 900400);

    app.advance_clock(180);
    app.remove_relationship(&customer)
        .await
        .assert_fault(400, 900400);
    app.advance_clock(190);
    // Suspended at the end of its term, a new-commerce subscription is disabled.
    assert_eq!(
        app.subscription(&customer, &subscription).await.body["status"],
        "disabled"
    );
    app.remove_relationship(&customer).await.assert_ok();
}

#[tokio::test]
async fn an_active_subscription_with_auto_renew_renews_at_term_end() {
    let app = TestApp::start().await;
    let customer = app.new_customer("ncerenew").await;
    let subscription = app.subscribe(&customer, BUSINESS_BASIC, 1).await;
    let first_end =
        app.subscription(&customer, &subscription).await.body["commitmentEndDate"].clone();
    app.advance_clock(375);
    let renewed = app.subscription(&customer, &subscription).await;
    assert_eq!(renewed.body["status"], "active");
    assert!(renewed.body["commitmentEndDate"].as_str() > first_end.as_str());
    // The renewal opened a new 7-day window on the day of renewal (day 365); by day 375 it closed.
    app.set_status(&customer, &subscription, "deleted")
        .await
        .assert_fault(400, 900117);
}

#[tokio::test]
async fn unknown_and_malformed_subscription_ids_are_refused() {
    let app = TestApp::start().await;
    let unknown = "0badc0de-0000-4000-8000-000000000001";
    let answer = app.subscription(CONTOSO, unknown).await;
    answer.assert_fault(404, 20003);
    assert_eq!(
        answer.body["description"],
        format!("Subscription with id {unknown} not found.")
    );
    app.patch(&path(CONTOSO, unknown), &json!({"status": "suspended"}))
        .await
        .assert_fault(404, 20003);
    app.subscription(CONTOSO, "nope")
        .await
        .assert_fault(400, 2000);
}

#[tokio::test]
async fn subscriptions_list_by_order_and_by_reseller() {
    let app = TestApp::start().await;
    let all = app
        .get(&format!("/v1/customers/{CONTOSO}/subscriptions"))
        .await;
    assert_eq!(all.body["totalCount"], 3);
    let by_order = app
        .get(&format!(
            "/v1/customers/{CONTOSO}/subscriptions?order_id=2D222222-2222-4222-8222-000000000002"
        ))
        .await;
    assert_eq!(by_order.body["totalCount"], 1);
    assert_eq!(
        by_order.body["items"][0]["id"],
        "2c222222-2222-4222-8222-000000000002"
    );
    let by_partner = app
        .get(&format!(
            "/v1/customers/{WOODGROVE}/subscriptions?mpn_id=7654321"
        ))
        .await;
    assert_eq!(by_partner.body["totalCount"], 1);
    let none = app
        .get(&format!("/v1/customers/{WOODGROVE}/subscriptions?mpn_id=1"))
        .await;
    assert_eq!(none.body["totalCount"], 0);
}
