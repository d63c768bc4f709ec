//! Hostile input: every case gets a clear Partner Center-shaped answer (never a 5xx, never a
//! dropped connection), and leaves the state exactly as it was; odd but valid cart and checkout
//! bodies that clients send are accepted.

use crate::helpers::*;
use reqwest::Method;
use serde_json::json;

struct Case {
    name: &'static str,
    method: Method,
    path: String,
    body: Option<Vec<u8>>,
    headers: Vec<(&'static str, String)>,
    status: u16,
    code: Option<i64>,
}

fn case(
    name: &'static str,
    method: Method,
    path: impl Into<String>,
    body: Option<&[u8]>,
    status: u16,
    code: i64,
) -> Case {
    Case {
        name,
        method,
        path: path.into(),
        body: body.map(<[u8]>::to_vec),
        headers: Vec::new(),
        status,
        code: Some(code),
    }
}

impl Case {
    fn with_header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }
}

fn cases() -> Vec<Case> {
    let subscription =
        format!("/v1/customers/{CONTOSO}/subscriptions/2c222222-2222-4222-8222-000000000001");
    let orders = format!("/v1/customers/{CONTOSO}/orders");
    let billing = format!("/v1/customers/{CONTOSO}/profiles/billing");
    let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
    let deep_object = format!("{}1{}", "{\"a\":".repeat(300), "}".repeat(300));
    let long_id = "a".repeat(20_000);
    let huge_token = "A".repeat(200_000);
    let users = format!("/v1/customers/{CONTOSO}/users");
    let alex = format!("{users}/2f222222-2222-4222-8222-000000000002");
    let licence_updates = format!("{alex}/licenseupdates");
    let huge_upn = format!("{}@contosoltd.onmicrosoft.com", "a".repeat(100_000));
    let many_skus = format!(
        "{{\"licensesToRemove\": [{}]}}",
        vec!["\"6fd2c87f-b296-42f0-b197-1e91e994b900\""; 20_000].join(",")
    );
    vec![
        case("truncated JSON", Method::POST, "/v1/customers", Some(b"{\"companyProfile\": {\"domain\""), 400, 2000),
        case("not JSON", Method::PATCH, subscription.clone(), Some(b"status=suspended"), 400, 2000),
        case("JSON null", Method::PATCH, subscription.clone(), Some(b"null"), 400, 2000),
        case("JSON array", Method::POST, orders.clone(), Some(b"[]"), 400, 2000),
        case("JSON number", Method::PUT, billing.clone(), Some(b"42"), 400, 2000),
        case("empty body", Method::PATCH, subscription.clone(), Some(b""), 400, 2000),
        case("invalid UTF-8", Method::PATCH, subscription.clone(), Some(b"{\"friendlyName\": \"\xff\xfe\"}"), 400, 2000),
        case("deeply nested arrays", Method::POST, "/v1/customers", Some(deep.as_bytes()), 400, 2000),
        case("deeply nested objects", Method::PATCH, subscription.clone(), Some(deep_object.as_bytes()), 400, 2000),
        case("wrong type", Method::PATCH, subscription.clone(), Some(br#"{"quantity": "ten"}"#), 400, 2000),
        case("wrong nested type", Method::POST, orders.clone(), Some(br#"{"lineItems": {"offerId": "x"}}"#), 400, 2000),
        case("unknown enum", Method::PATCH, subscription.clone(), Some(br#"{"status": "archived"}"#), 400, 2000),
        case("unknown enum number", Method::PATCH, subscription.clone(), Some(br#"{"status": 99}"#), 400, 2000),
        case("negative quantity", Method::PATCH, subscription.clone(), Some(br#"{"quantity": -3}"#), 400, 2000),
        case("overflowing quantity", Method::PATCH, subscription.clone(), Some(br#"{"quantity": 18446744073709551616}"#), 400, 2000),
        case("fractional quantity", Method::POST, orders.clone(), Some(br#"{"lineItems": [{"offerId": "91fd106f-4b2c-4938-95ac-f54f74e9a239", "quantity": 1.5}]}"#), 400, 2000),
        case("huge line number", Method::POST, orders.clone(), Some(br#"{"lineItems": [{"lineItemNumber": 4000000000, "offerId": "91fd106f-4b2c-4938-95ac-f54f74e9a239", "quantity": 1}]}"#), 400, 800071),
        case("non-GUID customer", Method::GET, "/v1/customers/12345", None, 400, 2000),
        case("over-long id", Method::GET, format!("/v1/customers/{long_id}"), None, 400, 2000),
        case("path traversal", Method::GET, "/v1/customers/..%2F..%2Fetc%2Fpasswd", None, 400, 2000),
        case("encoded slash in id", Method::GET, format!("/v1/customers/{CONTOSO}%2Fsubscriptions"), None, 400, 2000),
        case("non-GUID subscription", Method::PATCH, format!("/v1/customers/{CONTOSO}/subscriptions/..%2F"), Some(b"{}"), 400, 2000),
        case("enormous size", Method::GET, "/v1/customers?size=1e309", None, 400, 2000),
        case("negative size", Method::GET, "/v1/customers?size=-500", None, 400, 2000),
        case("wrong method", Method::DELETE, "/v1/customers", None, 405, 2000),
        case("wrong method on a subscription", Method::PUT, subscription.clone(), Some(b"{}"), 405, 2000),
        case("filter that is not JSON", Method::GET, "/v1/customers?filter=%7B%7B%7B", None, 400, 2000),
        case("filter with a deep value", Method::GET, format!("/v1/customers?filter={}", form_urlencoded::byte_serialize(deep.as_bytes()).collect::<String>()), None, 400, 2000),
        case("unknown clock duration", Method::POST, "/_mock/clock/advance", Some(br#"{"duration": "forever"}"#), 400, 2000),
        case("absurd continuation token", Method::GET, "/v1/customers?seekOperation=Next", None, 400, 2000)
            .with_header("MS-ContinuationToken", huge_token),
        case("garbage continuation token", Method::GET, "/v1/customers?seekOperation=Next", None, 400, 2000)
            .with_header("MS-ContinuationToken", "x".repeat(40)),
        case("namespace traversal", Method::GET, "/v1/customers", None, 400, 2000)
            .with_header("X-Mock-Partner", "../../etc".to_owned()),
        case("over-long namespace", Method::GET, "/v1/customers", None, 400, 2000)
            .with_header("X-Mock-Partner", "x".repeat(200)),
        case("a form body", Method::POST, "/v1/customers", Some(b"companyProfile=x"), 400, 2000)
            .with_header("Content-Type", "application/x-www-form-urlencoded".to_owned()),
        case("user list filter that is not JSON", Method::GET, format!("{users}?filter=%7B%22Field"), None, 400, 2000),
        case("user list filter with a deep value", Method::GET, format!("{users}?filter={}", form_urlencoded::byte_serialize(deep_object.as_bytes()).collect::<String>()), None, 400, 2000),
        case("user list size out of range", Method::GET, format!("{users}?size=1e309"), None, 400, 2000),
        case("user principal name without a domain", Method::POST, users.clone(), Some(br#"{"userPrincipalName": "pat@", "displayName": "Pat", "passwordProfile": {"password": "abCD123*"}}"#), 400, 2000),
        case("over-long user principal name", Method::POST, users.clone(), Some(format!(r#"{{"userPrincipalName": "{huge_upn}", "displayName": "Pat", "passwordProfile": {{"password": "abCD123*"}}}}"#).as_bytes()), 400, 2000),
        case("user principal name of control characters", Method::POST, users.clone(), Some(b"{\"userPrincipalName\": \"\\u0000\\u0007@contosoltd.onmicrosoft.com\", \"displayName\": \"Pat\", \"passwordProfile\": {\"password\": \"abCD123*\"}}"), 400, 2000),
        case("password profile of the wrong type", Method::POST, users.clone(), Some(br#"{"userPrincipalName": "pat@contosoltd.onmicrosoft.com", "displayName": "Pat", "passwordProfile": "abCD123*"}"#), 400, 2000),
        case("user state that does not exist", Method::PATCH, alex.clone(), Some(br#"{"state": "archived"}"#), 400, 2000),
        case("non-GUID user", Method::GET, format!("{users}/..%2F..%2F"), None, 400, 2000),
        case("non-GUID directory role", Method::GET, format!("/v1/customers/{CONTOSO}/directoryroles/admin/usermembers"), None, 400, 2000),
        case("licence update that is an array", Method::POST, licence_updates.clone(), Some(b"[]"), 400, 2000),
        case("negative SKU id", Method::POST, licence_updates.clone(), Some(br#"{"licensesToAssign": [{"skuId": -1}]}"#), 400, 2000),
        case("SKU id of SQL", Method::POST, licence_updates.clone(), Some(br#"{"licensesToAssign": [{"skuId": "' OR 1=1 --"}]}"#), 400, 2000),
        case("twenty thousand removals of one SKU", Method::POST, licence_updates.clone(), Some(many_skus.as_bytes()), 400, 2000),
        case("licence groups that do not exist", Method::GET, format!("/v1/customers/{CONTOSO}/subscribedskus?licenseGroupIds=Group1&licenseGroupIds=%00"), None, 400, 2000),
        case("user named by an unknown principal name", Method::POST, format!("{users}/%27%3B--@contosoltd.onmicrosoft.com/licenseupdates"), Some(br#"{"licensesToRemove": ["6fd2c87f-b296-42f0-b197-1e91e994b900"]}"#), 404, 60002),
    ]
}

/// A cart body of one line, with `quantity` and `extra` written as they are.
fn cart_line(quantity: &str, extra: &str) -> Vec<u8> {
    format!(
        r#"{{"lineItems": [{{"catalogItemId": "{BUSINESS_BASIC}", "quantity": {quantity}, "billingCycle": "monthly", "termDuration": "P1Y"{extra}}}]}}"#
    )
    .into_bytes()
}

fn cart_cases() -> Vec<Case> {
    let carts = format!("/v1/customers/{ADATUM}/carts");
    let fabrikam_cart = format!("/v1/customers/{FABRIKAM}/carts/{FABRIKAM_CART}");
    let unknown_cart = format!("{carts}/0ca00000-0000-4000-8000-000000000000");
    let deep = format!("{{\"lineItems\": {}{}}}", "[".repeat(500), "]".repeat(500));
    let cart = |name, body: Vec<u8>| Case {
        body: Some(body),
        ..case(name, Method::POST, carts.clone(), None, 400, 2000)
    };
    vec![
        cart("cart: truncated JSON", b"{\"lineItems\": [".to_vec()),
        cart("cart: not JSON", b"lineItems=1".to_vec()),
        cart("cart: a JSON string", b"\"success\"".to_vec()),
        cart("cart: deeply nested", deep.into_bytes()),
        cart("cart: quantity beyond 64 bits", cart_line("18446744073709551616", "")),
        cart("cart: quantity beyond 32 bits", cart_line("4294967296", "")),
        cart("cart: negative quantity", cart_line("-1", "")),
        cart("cart: quantity in exponent form", cart_line("1e3", "")),
        cart("cart: quantity as a string", cart_line("\"5\"", "")),
        cart("cart: lineItems an object", format!(r#"{{"lineItems": {{"catalogItemId": "{BUSINESS_BASIC}", "quantity": 1, "billingCycle": "monthly"}}}}"#).into_bytes()),
        cart("cart: catalogItemId a number", br#"{"lineItems": [{"catalogItemId": 42, "quantity": 1, "billingCycle": "monthly"}]}"#.to_vec()),
        cart("cart: billingCycle a boolean", br#"{"lineItems": [{"catalogItemId": "x", "quantity": 1, "billingCycle": true}]}"#.to_vec()),
        cart("cart: provisioningContext a string", cart_line("1", r#", "provisioningContext": "x""#)),
        cart("cart: participant key a number", cart_line("1", r#", "participants": [{"key": 1, "value": "x"}]"#)),
        cart("cart: customTermEndDate not a date", cart_line("1", r#", "customTermEndDate": "tomorrow""#)),
        cart("cart: lineItems null", b"{\"lineItems\": null}".to_vec()),
        cart("cart: PascalCase with null required fields", br#"{"Id": null, "LineItems": [{"Id": null, "CatalogItemId": null, "Quantity": null, "BillingCycle": null, "Error": null}]}"#.to_vec()),
        case("cart: unknown customer", Method::POST, "/v1/customers/00000000-0000-4000-8000-00000000dead/carts", Some(&cart_line("1", "")), 404, 1000),
        case("cart: non-GUID id", Method::GET, format!("{carts}/not-a-guid"), None, 400, 2000),
        case("cart: numeric id on PUT", Method::PUT, format!("{carts}/12345"), Some(&cart_line("1", "")), 400, 2000),
        case("cart: traversal in the id", Method::POST, format!("{carts}/..%2F/checkout"), None, 400, 2000),
        case("cart: over-long id", Method::POST, format!("{carts}/{}/checkout", "a".repeat(5_000)), None, 400, 2000),
        case("cart: unknown id", Method::GET, unknown_cart.clone(), None, 404, 800008),
        case("checkout: unknown cart with a garbage body", Method::POST, format!("{unknown_cart}/checkout"), Some(b"{garbage"), 404, 800008),
        case("checkout: another customer's cart", Method::POST, format!("{carts}/{FABRIKAM_CART}/checkout"), None, 404, 800008),
        case("cart: PUT truncated JSON", Method::PUT, fabrikam_cart.clone(), Some(b"{\"lineItems\": ["), 400, 2000),
        case("cart: PUT a JSON string", Method::PUT, fabrikam_cart.clone(), Some(b"\"success\""), 400, 2000),
        case("cart: DELETE", Method::DELETE, fabrikam_cart.clone(), None, 405, 2000),
        case("cart: PATCH", Method::PATCH, fabrikam_cart.clone(), Some(b"{}"), 405, 2000),
        case("checkout: GET", Method::GET, format!("{fabrikam_cart}/checkout"), None, 405, 2000),
    ]
}

fn migration_cases() -> Vec<Case> {
    let migrations = format!("/v1/customers/{FABRIKAM}/migrations/newcommerce");
    let migration = |name, body: &[u8]| Case {
        body: Some(body.to_vec()),
        ..case(name, Method::POST, migrations.clone(), None, 400, 2000)
    };
    vec![
        migration("migration: truncated JSON", b"{\"currentSubscriptionId\": "),
        migration("migration: a JSON array", b"[]"),
        migration("migration: quantity as a string", br#"{"currentSubscriptionId": "3c333333-3333-4333-8333-000000000001", "quantity": "ten"}"#),
        migration("migration: negative quantity", br#"{"currentSubscriptionId": "3c333333-3333-4333-8333-000000000001", "quantity": -1}"#),
        migration("migration: unknown billing cycle", br#"{"currentSubscriptionId": "3c333333-3333-4333-8333-000000000001", "billingCycle": "fortnightly"}"#),
        migration("migration: purchaseFullTerm a string", br#"{"currentSubscriptionId": "3c333333-3333-4333-8333-000000000001", "purchaseFullTerm": "yes"}"#),
        migration("migration: addOnMigrations an object", br#"{"currentSubscriptionId": "3c333333-3333-4333-8333-000000000001", "addOnMigrations": {"currentSubscriptionId": "x"}}"#),
        migration("migration: customTermEndDate not a date", br#"{"currentSubscriptionId": "3c333333-3333-4333-8333-000000000001", "customTermEndDate": "soon"}"#),
        migration("migration: PascalCase nulls", br#"{"Id": null, "CurrentSubscriptionId": null, "Quantity": null, "AddOnMigrations": null}"#),
        case("migration: validate a JSON string", Method::POST, format!("{migrations}/validate"), Some(b"\"x\""), 400, 2000),
        case("migration: non-GUID id", Method::GET, format!("{migrations}/not-a-guid"), None, 400, 2000),
        case("migration: GET validate", Method::GET, format!("{migrations}/validate"), None, 405, 2000),
        case("migration: DELETE one", Method::DELETE, format!("{migrations}/3ab33333-3333-4333-8333-000000000001"), None, 405, 2000),
        case("migrations: PageSize not a number", Method::GET, format!("/v1/migrations/newcommerce?CustomerTenantId={FABRIKAM}&PageSize=many"), None, 400, 2000),
    ]
}

#[tokio::test]
async fn hostile_requests_get_clear_errors_and_change_nothing() {
    let app = TestApp::start().await;
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let before = app.get("/_mock/state").await.text;
    for case in cases()
        .into_iter()
        .chain(cart_cases())
        .chain(migration_cases())
    {
        let mut request = client
            .request(case.method.clone(), app.url(&case.path))
            .bearer_auth("t");
        for (name, value) in &case.headers {
            request = match reqwest::header::HeaderValue::from_bytes(value.as_bytes()) {
                Ok(value) => request.header(*name, value),
                // A value no client can send is dropped; the case then checks the rest.
                Err(_) => request,
            };
        }
        if let Some(body) = &case.body {
            request = request
                .header("content-type", "application/json")
                .body(body.clone());
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{}: no answer: {e}", case.name));
        let Answer {
            status, body, text, ..
        } = answer(&case.method, response).await;
        let shown: String = text.chars().take(300).collect();
        assert_eq!(status, case.status, "{}: {shown}", case.name);
        if let Some(code) = case.code {
            assert_eq!(body["code"], code, "{}: {shown}", case.name);
            assert_eq!(body["source"], "PartnerFD", "{}", case.name);
            assert!(
                body["description"].as_str().is_some_and(|d| !d.is_empty()),
                "{}",
                case.name
            );
        }
    }
    assert_eq!(
        app.get("/_mock/state").await.text,
        before,
        "no hostile request changed anything"
    );
}

#[tokio::test]
async fn a_property_given_twice_takes_its_last_value() {
    let app = TestApp::start().await;
    let path =
        format!("/v1/customers/{CONTOSO}/subscriptions/2c222222-2222-4222-8222-000000000001");
    let answer = app
        .call(
            Method::PATCH,
            &path,
            Some(r#"{"quantity": 5, "Quantity": 7}"#.to_owned()),
            &[],
        )
        .await;
    answer.assert_ok();
    assert_eq!(answer.body["quantity"], 7);
}

#[tokio::test]
async fn echoed_ids_never_split_into_more_headers() {
    let app = TestApp::start().await;
    let sneaky = "%0d%0aSet-Cookie: a=b";
    let answer = app
        .get_with(
            &format!("/v1/customers/{CONTOSO}"),
            &[("MS-CorrelationId", sneaky)],
        )
        .await;
    answer.assert_ok();
    assert_eq!(answer.header("ms-correlationid"), Some(sneaky));
    assert!(answer.headers.get("set-cookie").is_none());
}

/// Sends `body` as it is, with `Content-Type: application/json`.
async fn send(app: &TestApp, method: Method, path: &str, body: &str) -> Answer {
    app.call(method, path, Some(body.to_owned()), &[]).await
}

#[tokio::test]
async fn cart_and_checkout_bodies_clients_send_are_accepted() {
    let app = TestApp::start().await;
    let carts = format!("/v1/customers/{ADATUM}/carts");

    // The .NET SDK's PascalCase cart, with explicit nulls and its default expiration timestamp.
    let sdk_cart = r#"{"Id": null, "CreationTimestamp": null, "ExpirationTimestamp": "0001-01-01T00:00:00",
        "LastModifiedUser": null, "Status": null, "LineItems": [{"Id": 0, "CatalogItemId": "CFQ7TTC0LH18:0001:CFQ7TTC0K971",
        "FriendlyName": null, "Quantity": 2, "CurrencyCode": null, "BillingCycle": "Monthly", "TermDuration": "P1Y",
        "Participants": null, "ProvisioningContext": null, "OrderGroup": null, "AddonItems": null, "Error": null}]}"#;
    let created = send(&app, Method::POST, &carts, sdk_cart).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let cart = format!("{carts}/{}", created.body["id"].as_str().unwrap());
    assert_eq!(created.body["lineItems"][0]["quantity"], 2);
    assert!(
        created.body["lineItems"][0]["error"].is_null(),
        "{}",
        created.text
    );
    assert!(
        created.body["expirationTimestamp"].as_str() > created.body["creationTimestamp"].as_str(),
        "the client's timestamp is ignored: {}",
        created.text
    );
    let replaced = send(&app, Method::PUT, &cart, sdk_cart).await;
    assert_eq!(replaced.status, 201, "{}", replaced.text);

    // The largest quantity the wire carries is a line error, not a refusal; its checkout is refused.
    let huge = send(
        &app,
        Method::POST,
        &carts,
        r#"{"lineItems": [{"catalogItemId": "CFQ7TTC0LH18:0001:CFQ7TTC0K971", "quantity": 4294967295, "billingCycle": "monthly", "termDuration": "P1Y"}]}"#,
    )
    .await;
    assert_eq!(huge.status, 201, "{}", huge.text);
    let error = &huge.body["lineItems"][0]["error"];
    assert_eq!(error["errorCode"], 10015, "{}", huge.text);
    assert_eq!(
        error["additionalInformation"],
        json!({"availableQuantity": 300, "purchasedQuantity": 4294967295_u32})
    );
    let huge_cart = format!("{carts}/{}/checkout", huge.body["id"].as_str().unwrap());
    app.assert_refused(
        400,
        800009,
        send(&app, Method::POST, &huge_cart, "\"success\""),
    )
    .await;

    // Checkout ignores its body: the SDK's JSON string "success", or anything else.
    for (cart, body) in [
        (cart, "\"success\""),
        (
            format!("/v1/customers/{FABRIKAM}/carts/{FABRIKAM_CART}"),
            "{garbage",
        ),
    ] {
        let checkout = send(&app, Method::POST, &format!("{cart}/checkout"), body).await;
        assert_eq!(checkout.status, 201, "{body}: {}", checkout.text);
        assert_eq!(checkout.body["orders"].as_array().map(Vec::len), Some(1));
        assert_eq!(checkout.body["orderErrors"], json!([]));
        assert_eq!(app.get(&cart).await.body["status"], "Ordered");
    }
}
