//! Orders: what each kind of line creates, the order changes, and every refusal.

use crate::helpers::*;
use serde_json::{Value, json};

fn orders(customer: &str) -> String {
    format!("/v1/customers/{customer}/orders")
}

async fn refused_order(app: &TestApp, customer: &str, body: Value, status: u16, code: i64) {
    app.assert_refused(status, code, app.post(&orders(customer), &body))
        .await;
}

#[tokio::test]
async fn a_legacy_order_creates_active_license_subscriptions_at_once() {
    let app = TestApp::start().await;
    let customer = app.new_customer("legacyorder").await;
    let body = json!({
        "ReferenceCustomerId": customer, "BillingCycle": "unknown",
        "LineItems": [
            {"LineItemNumber": 0, "OfferId": E3.to_uppercase(), "FriendlyName": "Sales", "Quantity": 5, "PartnerIdOnRecord": null},
            {"LineItemNumber": 1, "OfferId": ESSENTIALS, "FriendlyName": null, "Quantity": 2, "PartnerIdOnRecord": "7654321"}
        ],
        "CreationDate": null, "Attributes": {"ObjectType": "Order"}
    });
    let order = app.create(&orders(&customer), &body).await;
    let id = order.body["id"].as_str().unwrap();
    assert!(
        partner_center_mock::domain::ids::parse_guid(id).is_some(),
        "a license order id is a GUID"
    );
    assert_eq!(order.body["billingCycle"], "monthly");
    assert_eq!(order.body["status"], "completed");
    assert_eq!(order.body["attributes"]["objectType"], "Order");
    let lines = order.body["lineItems"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    let subscriptions = app
        .get(&format!(
            "/v1/customers/{customer}/subscriptions?order_id={id}"
        ))
        .await;
    assert_eq!(subscriptions.body["totalCount"], 2);
    for line in lines {
        let subscription = app
            .subscription(&customer, line["subscriptionId"].as_str().unwrap())
            .await;
        assert_eq!(subscription.body["status"], "active");
        assert_eq!(subscription.body["orderId"], id);
        assert_eq!(subscription.body["quantity"], line["quantity"]);
        assert_eq!(subscription.body["billingType"], "license");
    }
    assert_eq!(lines[0]["friendlyName"], "Sales");
    let reseller = app
        .subscription(&customer, lines[1]["subscriptionId"].as_str().unwrap())
        .await;
    assert_eq!(reseller.body["partnerId"], "7654321");
    assert_eq!(
        app.get(&format!("{}/{id}", orders(&customer))).await.body,
        order.body
    );
}

#[tokio::test]
async fn a_pascal_case_order_creates_the_same_subscriptions_as_a_camel_case_one() {
    let app = TestApp::start().await;
    let customer = app.new_customer("casingorders").await;
    let pascal = app
        .post(&orders(&customer), &json!({"LineItems": [{"LineItemNumber": 0, "OfferId": E3, "Quantity": 3, "FriendlyName": "Same"}]}))
        .await;
    let camel = app
        .post(&orders(&customer), &json!({"lineItems": [{"lineItemNumber": 0, "offerId": E3, "quantity": 3, "friendlyName": "Same"}]}))
        .await;
    let shape = |order: &Answer| order.str("/lineItems/0/subscriptionId").to_owned();
    let (a, b) = (
        app.subscription(&customer, &shape(&pascal)).await,
        app.subscription(&customer, &shape(&camel)).await,
    );
    for field in [
        "offerId",
        "offerName",
        "friendlyName",
        "quantity",
        "status",
        "billingCycle",
        "unitType",
    ] {
        assert_eq!(a.body[field], b.body[field], "{field}");
    }
}

#[tokio::test]
async fn each_kind_of_offer_creates_what_it_sells() {
    let app = TestApp::start().await;
    let customer = app.new_customer("everykind").await;
    let nce = app.order(&customer, BUSINESS_BASIC, 4).await;
    assert_eq!(
        nce.body["id"].as_str().unwrap().len(),
        12,
        "new-commerce order ids are 12 hex digits"
    );
    assert_eq!(nce.body["lineItems"][0]["termDuration"], "P1Y");
    let azure = app.order(&customer, AZURE_PLAN, 1).await;
    let plan = app
        .subscription(&customer, azure.str("/lineItems/0/subscriptionId"))
        .await;
    assert_eq!(plan.body["billingType"], "usage");
    assert!(plan.body["entitlementId"].is_string());

    let reserved = app.order(&customer, RESERVED_VM, 2).await;
    let reserved_id = reserved.body["id"].as_str().unwrap();
    assert_eq!(reserved_id.len(), 33);
    assert!(reserved_id.ends_with('1'));
    assert_eq!(reserved.body["billingCycle"], "one_time");
    assert!(
        reserved.body["lineItems"][0]
            .get("subscriptionId")
            .is_none()
    );
    let software = app.order(&customer, SOFTWARE, 1).await;

    let entitlements = app
        .get(&format!("/v1/customers/{customer}/entitlements"))
        .await;
    let items = entitlements.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["entitlementType"], "reservedinstance");
    assert_eq!(items[0]["referenceOrder"]["id"], reserved_id);
    assert_eq!(items[0]["quantity"], 2);
    assert_eq!(items[1]["entitlementType"], "software");
    assert_eq!(items[1]["referenceOrder"]["id"], software.body["id"]);
    let subscriptions = app
        .get(&format!("/v1/customers/{customer}/subscriptions"))
        .await;
    assert_eq!(
        subscriptions.body["totalCount"], 2,
        "reserved instances and software make no subscription"
    );

    let one_time = app
        .get(&format!("{}?billingType=onetime", orders(&customer)))
        .await;
    assert_eq!(one_time.body["totalCount"], 2);
    let all = app.get(&orders(&customer)).await;
    assert_eq!(all.body["totalCount"], 4);
    let status = app
        .get(&format!(
            "{}/{reserved_id}/provisioningstatus",
            orders(&customer)
        ))
        .await;
    status.assert_ok();
    assert_eq!(status.body["items"][0]["status"], "Fulfilled");
}

#[tokio::test]
async fn invalid_orders_are_refused_and_create_nothing() {
    let app = TestApp::start().await;
    let line = |offer: &str, quantity: u32| json!({"lineItems": [{"lineItemNumber": 0, "offerId": offer, "quantity": quantity}]});
    let cases = [
        (line("not-an-offer", 1), 800004),
        (line(ESSENTIALS, 301), 2002),
        (line(ESSENTIALS, 0), 2002),
        (line(ATP, 1), 2000),
        (json!({"lineItems": []}), 2000),
        (json!({}), 2000),
        (
            json!({"lineItems": [{"lineItemNumber": 0, "offerId": ATP, "quantity": 1, "parentSubscriptionId": LITWARE_BASE}]}),
            2000,
        ),
        (
            json!({"lineItems": [{"lineItemNumber": 1, "offerId": E3, "quantity": 1}, {"lineItemNumber": 1, "offerId": E3, "quantity": 1}]}),
            800071,
        ),
        (
            json!({"lineItems": [{"offerId": E3, "quantity": 1}, {"offerId": RESERVED_VM, "quantity": 1}]}),
            2000,
        ),
        (
            json!({"referenceCustomerId": ADATUM, "lineItems": [{"offerId": E3, "quantity": 1}]}),
            2000,
        ),
        (
            json!({"lineItems": [{"offerId": E3, "quantity": "many"}]}),
            2000,
        ),
    ];
    for (body, code) in cases {
        refused_order(&app, CONTOSO, body, 400, code).await;
    }
}

#[tokio::test]
async fn an_add_on_joins_its_parent_order_as_a_new_line() {
    let app = TestApp::start().await;
    let customer = app.new_customer("addonorder").await;
    let order = app.order(&customer, E3, 10).await;
    let order_id = order.body["id"].as_str().unwrap();
    let base = order.str("/lineItems/0/subscriptionId");
    let etag = order.body["attributes"]["etag"].clone();
    let body = json!({
        "Id": null, "ReferenceCustomerId": customer,
        "LineItems": [{"LineItemNumber": 0, "OfferId": ATP, "SubscriptionId": null, "ParentSubscriptionId": base,
                       "FriendlyName": "Protection", "Quantity": 10, "PartnerIdOnRecord": null}],
        "CreationDate": null, "Attributes": {"ObjectType": "Order"}
    });
    let updated = app
        .patch(&format!("{}/{order_id}", orders(&customer)), &body)
        .await;
    updated.assert_ok();
    let lines = updated.body["lineItems"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["lineItemNumber"], 1);
    assert_ne!(updated.body["attributes"]["etag"], etag);
    let add_on = app
        .subscription(&customer, lines[1]["subscriptionId"].as_str().unwrap())
        .await;
    assert_eq!(add_on.body["parentSubscriptionId"], base);
    assert_eq!(add_on.body["orderId"], order_id);
    assert_eq!(add_on.body["friendlyName"], "Protection");

    // An add-on the parent's offer does not offer is refused, and nothing changes.
    let other = app.order(&customer, BUSINESS_BASIC, 1).await;
    let other_id = other.body["id"].as_str().unwrap();
    let other_base = other.str("/lineItems/0/subscriptionId");
    let wrong =
        json!({"lineItems": [{"offerId": ATP, "parentSubscriptionId": other_base, "quantity": 1}]});
    app.assert_refused(
        400,
        800029,
        app.patch(&format!("{}/{other_id}", orders(&customer)), &wrong),
    )
    .await;
}

#[tokio::test]
async fn the_billing_cycle_changes_through_the_order() {
    let app = TestApp::start().await;
    let customer = app.new_customer("cycleorder").await;
    let order = app.order(&customer, E3, 3).await;
    let order_id = order.body["id"].as_str().unwrap();
    let subscription = order.str("/lineItems/0/subscriptionId");
    let changed = app
        .patch(
            &format!("{}/{order_id}", orders(&customer)),
            &json!({"BillingCycle": "Annual"}),
        )
        .await;
    changed.assert_ok();
    assert_eq!(changed.body["billingCycle"], "annual");
    assert_eq!(
        app.subscription(&customer, subscription).await.body["billingCycle"],
        "annual"
    );

    app.set_status(&customer, subscription, "suspended")
        .await
        .assert_ok();
    app.assert_refused(
        400,
        6000,
        app.patch(
            &format!("{}/{order_id}", orders(&customer)),
            &json!({"billingCycle": "monthly"}),
        ),
    )
    .await;

    let nce = app.order(&customer, BUSINESS_BASIC, 1).await;
    let nce_id = nce.body["id"].as_str().unwrap();
    app.patch(
        &format!("{}/{nce_id}", orders(&customer)),
        &json!({"billingCycle": "triennial"}),
    )
    .await
    .assert_fault(400, 6001);
}

#[tokio::test]
async fn only_reserved_instance_and_software_orders_cancel() {
    let app = TestApp::start().await;
    let order = "2d222222-2222-4222-8222-000000000001";
    app.assert_refused(
        400,
        800063,
        app.patch(
            &format!("{}/{order}", orders(CONTOSO)),
            &json!({"status": "cancelled"}),
        ),
    )
    .await;

    let cancelled = app
        .patch(
            &format!("{}/{FABRIKAM_RI_ORDER}", orders(FABRIKAM)),
            &json!({"id": FABRIKAM_RI_ORDER, "status": "cancelled"}),
        )
        .await;
    cancelled.assert_ok();
    assert_eq!(cancelled.body["status"], "cancelled");
    let entitlements = app
        .get(&format!("/v1/customers/{FABRIKAM}/entitlements"))
        .await;
    assert_eq!(
        entitlements.body["totalCount"], 0,
        "a cancelled purchase entitles to nothing"
    );
    let status = app
        .get(&format!(
            "{}/{FABRIKAM_RI_ORDER}/provisioningstatus",
            orders(FABRIKAM)
        ))
        .await;
    assert_eq!(status.body["items"][0]["status"], "Unfulfilled");
}

#[tokio::test]
async fn unknown_orders_and_empty_changes_are_refused() {
    let app = TestApp::start().await;
    app.get(&format!("{}/no-such-order", orders(CONTOSO)))
        .await
        .assert_fault(404, 20000);
    app.patch(
        &format!("{}/no-such-order", orders(CONTOSO)),
        &json!({"status": "cancelled"}),
    )
    .await
    .assert_fault(404, 20000);
    app.patch(
        &format!("{}/2d222222-2222-4222-8222-000000000001", orders(CONTOSO)),
        &json!({}),
    )
    .await
    .assert_fault(400, 2000);
    app.get(&format!("{}?billingType=weekly", orders(CONTOSO)))
        .await
        .assert_fault(400, 2000);
}

#[tokio::test]
async fn a_repeated_ms_request_id_places_one_order() {
    let app = TestApp::start().await;
    let customer = app.new_customer("idempotentorder").await;
    let body = json!({"lineItems": [{"offerId": E3, "quantity": 1}]}).to_string();
    let key = [("MS-RequestId", "9d7e6a55-0d3c-4b61-9a2f-3f1f3f0f6a01")];
    let path = orders(&customer);
    let call = || app.call(reqwest::Method::POST, &path, Some(body.clone()), &key);
    let (a, b, c) = tokio::join!(call(), call(), call());
    assert_eq!(a.status, 201);
    assert_eq!(a.body["id"], b.body["id"]);
    assert_eq!(a.body["id"], c.body["id"]);
    assert_eq!(app.get(&orders(&customer)).await.body["totalCount"], 1);
}
