//! A new-commerce purchase against the mock embedded in a Rust program: find Microsoft 365
//! Business Basic in the product catalog, follow its links to the catalog item id, build a cart
//! (first with a mistyped line, which the cart carries with its error, then fixed with PUT), check
//! it out, see the subscription block the reseller relationship's removal, cancel it inside its
//! 7-day window, remove the relationship, and read the result back from the store without HTTP.
//!
//! ```sh
//! cargo run --example purchase
//! ```

use partner_center::PartnerCenter;
use partner_center_mock::MockPartnerCenter;
use partner_center_mock::domain::subscription::SubscriptionStatus;
use partner_center_mock::domain::{CustomerId, CustomerPartnerRelationship, SubscriptionId};
use reqwest::Method;
use serde_json::{Value, json};
use std::error::Error;

#[path = "support/partner_center.rs"]
mod partner_center;

/// Adatum Corporation in the default seed: nothing blocks its removal before the purchase.
pub const ADATUM: &str = "11111111-1111-4111-8111-111111111111";
/// Microsoft 365 Business Basic.
const PRODUCT: &str = "CFQ7TTC0LH18";

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let mock = MockPartnerCenter::start().await;
    println!("mock Partner Center listening on {}", mock.uri());
    let purchase = buy_cancel_and_remove(&mock).await?;
    println!(
        "bought {} ({}) in order {}, cancelled it after a refused removal ({}), and removed the relationship",
        purchase.catalog_item, purchase.subscription, purchase.order, purchase.refusal.1
    );
    Ok(())
}

/// What [`buy_cancel_and_remove`] did.
#[derive(Debug)]
pub struct Purchase {
    /// The catalog item id the cart bought.
    pub catalog_item: String,
    /// The cart's id.
    pub cart: String,
    /// The `errorCode` the mistyped line carried.
    pub line_error: i64,
    /// The id of the order the checkout placed.
    pub order: String,
    /// The id of the subscription the order created.
    pub subscription: String,
    /// The refused removal's Partner Center code and its `X-Mock-Rule` header.
    pub refusal: (i64, String),
}

/// The string at `pointer` in `value`.
fn text<'a>(value: &'a Value, pointer: &str) -> Result<&'a str, String> {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("no {pointer} in {value}"))
}

/// A cart of one line: five seats of `catalog_item`, billed monthly for a year.
fn cart_of(catalog_item: &str) -> Value {
    json!({"lineItems": [{
        "catalogItemId": catalog_item,
        "quantity": 5,
        "billingCycle": "monthly",
        "termDuration": "P1Y"
    }]})
}

/// Buys Business Basic for Adatum through the catalog, a cart and its checkout; shows the
/// subscription blocking the relationship removal; cancels it and removes the relationship.
pub async fn buy_cancel_and_remove(mock: &MockPartnerCenter) -> Result<Purchase, Box<dyn Error>> {
    let pc = PartnerCenter::at(mock.uri())?;

    // 1. The catalog: new-commerce products are listed under OnlineServices, told apart by their
    //    product type. Its links carry no /v1.
    let products = pc
        .expect(
            Method::GET,
            "/v1/products?country=US&targetView=OnlineServices",
            None,
            200,
        )
        .await?;
    let product = products["items"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["id"] == PRODUCT && p["productType"]["id"] == "OnlineServicesNCE")
        .ok_or("Business Basic is not among the new-commerce products")?;
    let skus_link = text(product, "/links/skus/uri")?;
    let skus = pc
        .expect(Method::GET, &format!("/v1{skus_link}"), None, 200)
        .await?;
    let availabilities_link = text(&skus, "/items/0/links/availabilities/uri")?;
    let availabilities = pc
        .expect(Method::GET, &format!("/v1{availabilities_link}"), None, 200)
        .await?;
    let catalog_item = text(&availabilities, "/items/0/catalogItemId")?.to_owned();
    println!(
        "1. {} is catalog item {catalog_item}",
        text(product, "/title")?
    );

    // 2. A cart with a mistyped line is created all the same; the line carries its error.
    let carts = format!("/v1/customers/{ADATUM}/carts");
    let mistyped = format!("{}X", &catalog_item[..catalog_item.len() - 1]);
    let cart = pc
        .expect(Method::POST, &carts, Some(&cart_of(&mistyped)), 201)
        .await?;
    let cart_id = text(&cart, "/id")?.to_owned();
    let line_error = cart["lineItems"][0]["error"]["errorCode"]
        .as_i64()
        .ok_or("the mistyped line carries no error")?;
    println!("2. cart {cart_id}: line 0 has error {line_error}");

    // 3. Fixed with PUT (201, as documented), then checked out: one order, no orderErrors.
    let cart_path = format!("{carts}/{cart_id}");
    let fixed = pc
        .expect(Method::PUT, &cart_path, Some(&cart_of(&catalog_item)), 201)
        .await?;
    if !fixed["lineItems"][0]["error"].is_null() {
        return Err(format!("the fixed line still has an error: {fixed}").into());
    }
    let checkout = format!("{cart_path}/checkout");
    let result = pc.expect(Method::POST, &checkout, None, 201).await?;
    let order = text(&result, "/orders/0/id")?.to_owned();
    let subscription = text(&result, "/orders/0/lineItems/0/subscriptionId")?.to_owned();
    println!(
        "3. checked out: order {order} ({}), subscription {subscription}",
        text(&result, "/orders/0/status")?
    );

    // 4. The subscription is active and blocks the removal of the reseller relationship.
    let subscription_path = format!("/v1/customers/{ADATUM}/subscriptions/{subscription}");
    let bought = pc
        .expect(Method::GET, &subscription_path, None, 200)
        .await?;
    let removal = json!({"relationshipToPartner": "none"});
    let customer_path = format!("/v1/customers/{ADATUM}");
    let refused = pc
        .call(Method::PATCH, &customer_path, Some(&removal))
        .await?;
    let code = refused.body["code"].as_i64().ok_or("no refusal code")?;
    let rule = refused.rule.ok_or("a refusal without X-Mock-Rule")?;
    println!(
        "4. subscription {}, {} seats: removal -> {}, code {code}, X-Mock-Rule: {rule}",
        text(&bought, "/status")?,
        bought["quantity"],
        refused.status
    );
    if refused.status != 400 || refused.body["data"] != json!([subscription]) {
        return Err(format!("unexpected refusal: {}", refused.body).into());
    }

    // 5. Cancelled inside its 7-day window, it no longer blocks: the removal goes through.
    let cancelled = pc
        .expect(
            Method::PATCH,
            &subscription_path,
            Some(&json!({"status": "deleted"})),
            200,
        )
        .await?;
    pc.expect(Method::PATCH, &customer_path, Some(&removal), 200)
        .await?;
    println!(
        "5. subscription {}; relationship removed",
        text(&cancelled, "/status")?
    );

    // 6. The store shows both changes without HTTP.
    let customer = CustomerId::parse(ADATUM).ok_or("not a GUID")?;
    let stored = mock.store().customer(customer)?;
    let id = SubscriptionId::parse(&subscription).ok_or("not a GUID")?;
    let status = stored.subscription(id)?.status;
    println!(
        "6. the store: relationship {:?}, subscription {status:?}",
        stored.relationship_to_partner
    );
    if stored.relationship_to_partner != CustomerPartnerRelationship::None
        || status != SubscriptionStatus::Deleted
    {
        return Err("the store does not show the cancellation and the removal".into());
    }
    Ok(Purchase {
        catalog_item,
        cart: cart_id,
        line_error,
        order,
        subscription,
        refusal: (code, rule),
    })
}
