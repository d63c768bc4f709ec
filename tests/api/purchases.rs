//! The new-commerce purchase path over HTTP: the product catalog, a cart with a bad line fixed by
//! PUT, checkout, the subscription it creates blocking the relationship removal until it is
//! cancelled inside its window; pending orders under a provisioning delay; and the refusals of
//! carts and checkout.

use crate::helpers::*;
use serde_json::{Value, json};

fn carts(customer: &str) -> String {
    format!("/v1/customers/{customer}/carts")
}

/// A cart body of one line buying `quantity` of `catalog_item` monthly for a year.
fn one_line(catalog_item: &str, quantity: u32) -> Value {
    json!({"lineItems": [{
        "catalogItemId": catalog_item,
        "quantity": quantity,
        "billingCycle": "monthly",
        "termDuration": "P1Y"
    }]})
}

/// Creates a cart for `customer` and returns its id.
async fn cart(client: &TestClient, customer: &str, body: &Value) -> String {
    client.new_cart(customer, body).await.str("/id").to_owned()
}

#[tokio::test]
async fn a_client_buys_through_the_catalog_then_cancels_and_removes_the_relationship() {
    let app = TestApp::start().await;
    // The new-commerce products are listed under OnlineServices, told apart by their type.
    let products = app
        .get("/v1/products?country=US&targetView=OnlineServices")
        .await;
    products.assert_ok();
    let items = products.body["items"].as_array().unwrap();
    let nce: Vec<&Value> = items
        .iter()
        .filter(|p| p["productType"]["id"] == "OnlineServicesNCE")
        .collect();
    assert!(nce.len() >= 10, "{}", products.text);
    let basic = nce
        .iter()
        .find(|p| p["id"] == "CFQ7TTC0LH18")
        .expect("Business Basic is sold");
    assert_eq!(
        basic["links"]["skus"]["uri"],
        "/products/CFQ7TTC0LH18/skus?country=US"
    );

    // Follow the links down to an availability and its catalog item id.
    let skus = app
        .get(&format!(
            "/v1{}",
            basic["links"]["skus"]["uri"].as_str().unwrap()
        ))
        .await;
    skus.assert_ok();
    let sku = &skus.body["items"][0];
    assert_eq!(sku["productId"], "CFQ7TTC0LH18");
    let availabilities_link = sku["links"]["availabilities"]["uri"].as_str().unwrap();
    let availabilities = app.get(&format!("/v1{availabilities_link}")).await;
    availabilities.assert_ok();
    let availability = &availabilities.body["items"][0];
    let catalog_item = availability["catalogItemId"].as_str().unwrap().to_owned();
    assert_eq!(catalog_item.split(':').count(), 3);
    assert!(
        availability["terms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|term| term["duration"] == "P1Y"),
        "{}",
        availabilities.text
    );

    // A cart with a bad line is created all the same; the line carries an integer error code.
    let bad = app
        .create(&carts(ADATUM), &one_line("CFQ7TTC0XXXX:0001:NOPE", 3))
        .await;
    assert_eq!(bad.body["status"], "Active");
    assert_eq!(bad.body["lineItems"][0]["error"]["errorCode"], 10001);
    let cart_id = bad.body["id"].as_str().unwrap().to_owned();
    let cart_path = format!("{}/{cart_id}", carts(ADATUM));
    assert_eq!(
        bad.body["links"]["self"]["uri"],
        format!("/customers/{ADATUM}/carts/{cart_id}")
    );

    // Its checkout is refused, and nothing is created.
    app.assert_refused(400, 800009, app.checkout(ADATUM, &cart_id))
        .await;

    // Fixed with PUT (201, as documented), then checked out.
    let fixed = app.put(&cart_path, &one_line(&catalog_item, 3)).await;
    assert_eq!(fixed.status, 201, "{}", fixed.text);
    assert!(
        fixed.body["lineItems"][0]["error"].is_null(),
        "{}",
        fixed.text
    );
    let result = app.checkout(ADATUM, &cart_id).await;
    assert_eq!(result.status, 201, "{}", result.text);
    assert_eq!(result.body["orderErrors"], json!([]));
    let order = &result.body["orders"][0];
    let order_id = order["id"].as_str().unwrap();
    assert_eq!(
        order_id.len(),
        12,
        "new-commerce order ids are 12 hex digits"
    );
    assert!(order_id.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(order["status"], "completed");
    let subscription = order["lineItems"][0]["subscriptionId"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(app.get(&cart_path).await.body["status"], "Ordered");

    // The subscription can be read, and blocks the removal.
    let bought = app.subscription(ADATUM, &subscription).await;
    bought.assert_ok();
    assert_eq!(bought.body["status"], "active");
    assert_eq!(bought.body["offerId"], catalog_item.as_str());
    assert_eq!(bought.body["termDuration"], "P1Y");
    assert_eq!(bought.body["quantity"], 3);
    assert!(bought.body["cancellationAllowedUntilDate"].is_string());
    let refused = app
        .assert_refused(400, 900400, app.remove_relationship(ADATUM))
        .await;
    assert_eq!(refused.body["data"], json!([subscription]));

    // Cancelled inside its window, it no longer blocks.
    app.set_status(ADATUM, &subscription, "deleted")
        .await
        .assert_ok();
    app.remove_relationship(ADATUM).await.assert_ok();
}

#[tokio::test]
async fn under_a_provisioning_delay_orders_stay_pending_until_the_clock_passes_it() {
    let app = TestApp::start().await;
    let settings = app
        .put("/_mock/settings", &json!({"provisioningDelay": "PT10M"}))
        .await;
    settings.assert_ok();
    let cart_id = cart(&app, ADATUM, &one_line(BUSINESS_BASIC, 2)).await;
    let result = app.checkout(ADATUM, &cart_id).await;
    assert_eq!(result.status, 201, "{}", result.text);
    let order = &result.body["orders"][0];
    assert_eq!(order["status"], "pending");
    let subscription = order["lineItems"][0]["subscriptionId"].as_str().unwrap();
    let order_path = format!(
        "/v1/customers/{ADATUM}/orders/{}",
        order["id"].as_str().unwrap()
    );
    let status = app.get(&format!("{order_path}/provisioningstatus")).await;
    assert_eq!(status.body["items"][0]["status"], "PrefulfillmentPending");
    assert!(
        order["lineItems"][0]["links"]["provisioningStatus"]["uri"]
            .as_str()
            .is_some_and(|uri| uri.ends_with("/provisioningstatus")),
        "{}",
        result.text
    );

    app.advance("PT9M").await;
    assert_eq!(app.get(&order_path).await.body["status"], "pending");
    app.advance("PT1M").await;
    let completed = app.get(&order_path).await;
    assert_eq!(completed.body["status"], "completed", "{}", completed.text);
    let status = app.get(&format!("{order_path}/provisioningstatus")).await;
    assert_eq!(status.body["items"][0]["status"], "Fulfilled");
    app.subscription(ADATUM, subscription).await.assert_ok();
}

#[tokio::test]
async fn a_cart_checks_out_once_and_lives_seven_days() {
    let app = TestApp::start().await;
    let cart_id = cart(&app, ADATUM, &one_line(BUSINESS_BASIC, 1)).await;
    assert_eq!(app.checkout(ADATUM, &cart_id).await.status, 201);
    app.assert_refused(400, 800065, app.checkout(ADATUM, &cart_id))
        .await;

    let unknown = "0ca00000-0000-4000-8000-000000000000";
    app.assert_refused(404, 800008, app.checkout(ADATUM, unknown))
        .await;
    app.get(&format!("{}/{unknown}", carts(ADATUM)))
        .await
        .assert_fault(404, 800008);
    app.get(&format!("{}/not-a-guid", carts(ADATUM)))
        .await
        .assert_fault(400, 2000);

    let expiring = cart(&app, ADATUM, &one_line(BUSINESS_BASIC, 1)).await;
    app.advance_clock(8);
    app.get(&format!("{}/{expiring}", carts(ADATUM)))
        .await
        .assert_fault(404, 800008);
    app.assert_refused(404, 800008, app.checkout(ADATUM, &expiring))
        .await;
}

/// The ids and statuses `GET /_mock/customers/{id}/carts` lists.
async fn listed_carts(app: &TestApp, customer: &str) -> Vec<(String, String)> {
    let listed = app.get(&format!("/_mock/customers/{customer}/carts")).await;
    listed.assert_ok();
    listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|cart| {
            let field = |name: &str| cart[name].as_str().unwrap().to_owned();
            (field("id"), field("status"))
        })
        .collect()
}

#[tokio::test]
async fn the_control_plane_lists_a_customers_carts_until_they_expire() {
    let app = TestApp::start().await;
    let seeded = app.get(&format!("/_mock/customers/{FABRIKAM}/carts")).await;
    seeded.assert_ok();
    assert_eq!(seeded.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        seeded.body["items"][0]["lineItems"][0]["catalogItemId"],
        BUSINESS_BASIC
    );
    assert!(listed_carts(&app, ADATUM).await.is_empty());

    let ordered = cart(&app, ADATUM, &one_line(BUSINESS_BASIC, 1)).await;
    assert_eq!(app.checkout(ADATUM, &ordered).await.status, 201);
    let bad = cart(&app, ADATUM, &one_line("CFQ7TTC0XXXX:0001:NOPE", 2)).await;
    assert_eq!(
        listed_carts(&app, ADATUM).await,
        [
            (ordered, "Ordered".to_owned()),
            (bad.clone(), "Active".to_owned())
        ]
    );
    let listed = app.get(&format!("/_mock/customers/{ADATUM}/carts")).await;
    let line = &listed.body["items"][1]["lineItems"][0];
    assert_eq!(line["error"]["errorCode"], 10001, "{}", listed.text);
    assert_eq!(
        listed.body["items"][1],
        app.get(&format!("{}/{bad}", carts(ADATUM))).await.body,
        "a listed cart is the cart as /v1 reads it"
    );

    app.advance_clock(8);
    assert!(listed_carts(&app, ADATUM).await.is_empty());
    app.get("/_mock/customers/0c000000-0000-4000-8000-000000000000/carts")
        .await
        .assert_fault(404, 1000);
}

#[tokio::test]
async fn malformed_carts_are_refused_naming_the_field_and_create_nothing() {
    let app = TestApp::start().await;
    for body in [
        json!({}),
        json!({"lineItems": []}),
        json!({"lineItems": [{"quantity": 1, "billingCycle": "monthly"}]}),
        json!({"lineItems": [{"catalogItemId": BUSINESS_BASIC, "quantity": "many", "billingCycle": "monthly"}]}),
        json!({"lineItems": [{"catalogItemId": BUSINESS_BASIC, "quantity": 1, "billingCycle": "weekly"}]}),
        json!([1, 2]),
    ] {
        let refused = app
            .assert_refused(400, 2000, app.post(&carts(ADATUM), &body))
            .await;
        assert!(
            refused.body["description"].as_str().unwrap().len() > 10,
            "{body}: {}",
            refused.text
        );
    }
}

/// How many orders `customer` has.
async fn order_count(client: &TestClient, customer: &str) -> u64 {
    let orders = client
        .get(&format!("/v1/customers/{customer}/orders"))
        .await;
    orders.assert_ok();
    orders.body["totalCount"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_checkouts_make_one_order_and_the_others_are_told_the_cart_is_busy() {
    let app = TestApp::start().await;
    let mut busy = 0;
    for _ in 0..10 {
        let cart_id = cart(&app, ADATUM, &one_line(BUSINESS_BASIC, 1)).await;
        let orders_before = order_count(&app, ADATUM).await;
        let attempts = (0..8).map(|_| {
            let client = (*app).clone();
            let cart_id = cart_id.clone();
            tokio::spawn(async move { client.checkout(ADATUM, &cart_id).await })
        });
        let answers: Vec<Answer> = join_all(attempts).await;
        let created = answers.iter().filter(|a| a.status == 201).count();
        assert_eq!(created, 1, "exactly one checkout wins");
        for answer in answers.iter().filter(|a| a.status != 201) {
            match answer.status {
                409 => {
                    answer.assert_fault(409, 800064);
                    busy += 1;
                }
                _ => {
                    answer.assert_fault(400, 800065);
                }
            }
        }
        let orders_after = order_count(&app, ADATUM).await;
        assert_eq!(orders_after, orders_before + 1, "one order per cart");
    }
    eprintln!("{busy} checkouts met another in flight");
    assert!(busy > 0, "no checkout ever met another in flight");
}

/// Awaits every spawned request.
#[tokio::test]
async fn the_catalog_answers_its_documented_errors() {
    let app = TestApp::start().await;
    let cases: [(&str, u16, i64); 7] = [
        ("/v1/products?country=US&targetView=Nothing", 403, 400036),
        (
            "/v1/products?country=US&targetView=Azure&targetSegment=military",
            403,
            400030,
        ),
        ("/v1/products?targetView=Azure", 400, 2000),
        ("/v1/products?country=US", 400, 2000),
        ("/v1/products/NOTAPRODUCT?country=US", 404, 400013),
        (
            "/v1/products/CFQ7TTC0LH18/skus/9999?country=US",
            404,
            400018,
        ),
        (
            "/v1/products/CFQ7TTC0LH18/skus/0001/availabilities/NOPE?country=US",
            404,
            400019,
        ),
    ];
    for (path, status, code) in cases {
        app.get(path).await.assert_fault(status, code);
    }
    // The customer's catalog needs no country: the customer's own is used.
    let own = app
        .get(&format!(
            "/v1/customers/{ADATUM}/products?targetView=OnlineServices"
        ))
        .await;
    own.assert_ok();
    assert!(
        own.str("/links/self/uri")
            .starts_with(&format!("/customers/{ADATUM}/products")),
        "{}",
        own.text
    );
    let availability = app
        .get(&format!(
            "/v1/customers/{ADATUM}/products/CFQ7TTC0LH18/skus/0001/availabilities/CFQ7TTC0K971"
        ))
        .await;
    availability.assert_ok();
    assert_eq!(availability.body["catalogItemId"], BUSINESS_BASIC);
    assert_eq!(availability.body["country"], "US");
    app.get_with(&format!("/v1/customers/{ADATUM}/products/NOTAPRODUCT"), &[])
        .await
        .assert_fault(404, 400013);
}
