//! The shared test harness: a mock per test, a client that speaks to it, and checks every
//! answer must pass.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use partner_center_mock::{MockPartnerCenter, MockPartnerCenterBuilder};
use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::Value;

/// Customers of the default seed, by the rule they exist for.
pub const CONTOSO: &str = "22222222-2222-4222-8222-222222222222";
pub const WOODGROVE: &str = "77777777-7777-4777-8777-777777777777";
pub const RESELLER: &str = "5e3c8f0a-7b21-4c9d-8e4f-1a2b3c4d5e6f";

/// A running mock and a client for it.
pub struct TestApp {
    pub mock: MockPartnerCenter,
    client: reqwest::Client,
    token: String,
}

/// One answer, with its body parsed.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Answer {
    /// The Partner Center error `code`.
    pub fn code(&self) -> i64 {
        self.body["code"]
            .as_i64()
            .unwrap_or_else(|| panic!("no numeric code in {}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a Partner Center error: status, code and the ApiFault envelope.
    pub fn assert_fault(&self, status: u16, code: i64) -> &Self {
        assert_eq!(self.status, status, "unexpected status: {}", self.text);
        assert_eq!(self.code(), code, "unexpected code: {}", self.text);
        assert!(self.body["description"].is_string(), "{}", self.text);
        assert!(self.body["data"].is_array(), "{}", self.text);
        assert_eq!(self.body["source"], "PartnerFD", "{}", self.text);
        self
    }

    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.status, 200, "unexpected status: {}", self.text);
        self
    }
}

impl TestApp {
    pub async fn start() -> Self {
        Self::with(MockPartnerCenter::builder()).await
    }

    pub async fn with(builder: MockPartnerCenterBuilder) -> Self {
        Self {
            mock: builder.start().await,
            client: reqwest::Client::builder()
                .no_proxy()
                .build()
                .expect("a client"),
            token: "test-token".to_owned(),
        }
    }

    /// The same mock, calling with another bearer token.
    pub fn with_token(mut self, token: String) -> Self {
        self.token = token;
        self
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.mock.uri())
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.call(Method::GET, path, None, &[]).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        self.call(Method::POST, path, Some(body.to_string()), &[])
            .await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Answer {
        self.call(Method::PUT, path, Some(body.to_string()), &[])
            .await
    }

    /// Any request, with the test token unless `headers` brings its own `Authorization`.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut request = self.client.request(method.clone(), self.url(path));
        if !headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("authorization"))
        {
            request = request.bearer_auth(&self.token);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body);
        }
        answer(&method, request.send().await.expect("the mock answers")).await
    }

    /// A request with no `Authorization` header at all.
    pub async fn anonymous(&self, method: Method, path: &str) -> Answer {
        let request = self.client.request(method.clone(), self.url(path));
        answer(&method, request.send().await.expect("the mock answers")).await
    }
}

/// Reads an answer to a `method` request, and checks it against the mock's OpenAPI document.
/// A pinned answer (it carries `X-Mock-Override`) is the test's own and is read unchecked.
pub async fn answer(method: &Method, response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let path = response.url().path().to_owned();
    let text = response.text().await.expect("a body");
    if headers.contains_key("x-mock-override") {
        return Answer {
            status,
            body: serde_json::from_str(&text).unwrap_or(Value::Null),
            headers,
            text,
        };
    }
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if content_type == partner_center_mock::openapi::JSON_LINES {
        crate::schema::check_lines(method, &path, status, &text);
        return Answer {
            status,
            headers,
            body: Value::Null,
            text,
        };
    }
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    };
    assert_no_nulls(&body, "$", &text);
    crate::schema::check_answer(method, &path, status, &body, &text);
    if !text.is_empty() {
        assert_eq!(
            headers.get("content-type").and_then(|v| v.to_str().ok()),
            Some("application/json; charset=utf-8"),
            "content type of {text}"
        );
    }
    Answer {
        status,
        headers,
        body,
        text,
    }
}

/// Partner Center omits absent values; the mock never writes `null`.
fn assert_no_nulls(value: &Value, path: &str, text: &str) {
    match value {
        Value::Null if path != "$" => panic!("null at {path} in {text}"),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                assert_no_nulls(item, &format!("{path}[{index}]"), text);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                assert_no_nulls(item, &format!("{path}.{key}"), text);
            }
        }
        _ => {}
    }
}

/// An unsigned JWT with `claims` as its payload.
pub fn jwt(claims: &Value) -> String {
    format!(
        "{}.{}.signature",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

/// A user token (App+User) for `tenant`.
pub fn user_token(tenant: &str) -> String {
    jwt(
        &serde_json::json!({"tid": tenant, "scp": "user_impersonation", "upn": "admin@partner.example"}),
    )
}

/// An app-only token for `tenant`.
pub fn app_token(tenant: &str) -> String {
    jwt(&serde_json::json!({"tid": tenant, "roles": ["Partner.Read"], "idtyp": "app"}))
}

/// A camelCase create-customer body for `domain`.
pub fn new_customer(domain: &str, company: &str) -> Value {
    serde_json::json!({
        "companyProfile": {"domain": domain},
        "billingProfile": {
            "email": "owner@example.com",
            "culture": "en-US",
            "language": "en",
            "companyName": company,
            "defaultAddress": {
                "country": "US",
                "city": "Redmond",
                "state": "WA",
                "addressLine1": "1 Microsoft Way",
                "postalCode": "98052",
                "firstName": "Pat",
                "lastName": "Doe"
            }
        }
    })
}

/// Every customer id visible in the list, following `links.next` the way the .NET SDK's
/// enumerator does (the link's uri, plus each of its headers).
pub async fn page_through(app: &TestApp, first: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut page = app.get(first).await;
    loop {
        page.assert_ok();
        let items = page.body["items"].as_array().expect("items");
        assert_eq!(page.body["totalCount"].as_u64(), Some(items.len() as u64));
        ids.extend(items.iter().map(|c| c["id"].as_str().unwrap().to_owned()));
        let Some(next) = page.body["links"].get("next") else {
            break;
        };
        let headers: Vec<(String, String)> = next["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["key"].as_str().unwrap().to_owned(),
                    h["value"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let borrowed: Vec<(&str, &str)> = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        page = app
            .call(Method::GET, next["uri"].as_str().unwrap(), None, &borrowed)
            .await;
    }
    ids
}

/// The ids on `page` and on every page after it.
pub async fn page_through_from(app: &TestApp, page: Answer) -> Vec<String> {
    let mut ids: Vec<String> = page.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    if let Some(next) = page.body["links"].get("next") {
        let token = next["headers"][0]["value"].as_str().unwrap().to_owned();
        let following = app
            .call(
                Method::GET,
                next["uri"].as_str().unwrap(),
                None,
                &[("MS-ContinuationToken", &token)],
            )
            .await;
        ids.extend(Box::pin(page_through_from(app, following)).await);
    }
    ids
}

pub const ADATUM: &str = "11111111-1111-4111-8111-111111111111";
pub const FABRIKAM: &str = "33333333-3333-4333-8333-333333333333";
pub const LITWARE: &str = "44444444-4444-4444-8444-444444444444";
pub const NORTHWIND: &str = "55555555-5555-4555-8555-555555555555";
pub const TAILSPIN: &str = "66666666-6666-4666-8666-666666666666";
pub const FABRIKAM_RI_ORDER: &str = "Fa3RiOrder00000000000000000000031";
pub const TAILSPIN_SOFTWARE_ORDER: &str = "Ta6SwOrder00000000000000000000061";
pub const LITWARE_BASE: &str = "4c444444-4444-4444-8444-000000000001";
pub const LITWARE_ADD_ON: &str = "4c444444-4444-4444-8444-000000000002";

/// Offers of the default catalog.
pub const E3: &str = "91fd106f-4b2c-4938-95ac-f54f74e9a239";
pub const ESSENTIALS: &str = "031c9e47-4802-4248-838e-778fb1d2cc05";
pub const ATP: &str = "3f9cf9b0-3f5e-4d3a-9c9b-7d1d53c2a4e1";
pub const BUSINESS_BASIC: &str = "CFQ7TTC0LH18:0001:CFQ7TTC0K971";
pub const AZURE_PLAN: &str = "DZH318Z0BPS6:0001:DZH318Z0BPXW";
pub const RESERVED_VM: &str = "DZH318Z0BQ3W:007J:DZH318Z0BJ4H";
pub const SOFTWARE: &str = "DG7GMGF0DWTK:0002:DG7GMGF0DVSV";

impl TestApp {
    pub async fn patch(&self, path: &str, body: &Value) -> Answer {
        self.call(Method::PATCH, path, Some(body.to_string()), &[])
            .await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.call(Method::DELETE, path, None, &[]).await
    }

    /// Creates a customer and returns its id.
    pub async fn new_customer(&self, domain: &str) -> String {
        let created = self
            .post("/v1/customers", &new_customer(domain, domain))
            .await;
        assert_eq!(created.status, 201, "{}", created.text);
        created.body["id"].as_str().unwrap().to_owned()
    }

    /// Orders `quantity` of `offer` for `customer`; returns the order.
    pub async fn order(&self, customer: &str, offer: &str, quantity: u32) -> Answer {
        let body = serde_json::json!({"lineItems": [{"lineItemNumber": 0, "offerId": offer, "quantity": quantity}]});
        let order = self
            .post(&format!("/v1/customers/{customer}/orders"), &body)
            .await;
        assert_eq!(order.status, 201, "{}", order.text);
        order
    }

    /// Orders `offer` and returns the id of the subscription it created.
    pub async fn subscribe(&self, customer: &str, offer: &str, quantity: u32) -> String {
        let order = self.order(customer, offer, quantity).await;
        order.body["lineItems"][0]["subscriptionId"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub async fn subscription(&self, customer: &str, subscription: &str) -> Answer {
        self.get(&format!(
            "/v1/customers/{customer}/subscriptions/{subscription}"
        ))
        .await
    }

    /// PATCHes a subscription's status.
    pub async fn set_status(&self, customer: &str, subscription: &str, status: &str) -> Answer {
        self.patch(
            &format!("/v1/customers/{customer}/subscriptions/{subscription}"),
            &serde_json::json!({"status": status}),
        )
        .await
    }

    /// PATCHes the customer's reseller relationship away.
    pub async fn remove_relationship(&self, customer: &str) -> Answer {
        self.patch(
            &format!("/v1/customers/{customer}"),
            &serde_json::json!({"relationshipToPartner": "none", "attributes": {"objectType": "Customer"}}),
        )
        .await
    }

    /// Everything a customer has, read back over HTTP, to show that a refusal changed nothing.
    pub async fn customer_state(&self, customer: &str) -> Value {
        let mut state = serde_json::Map::new();
        for part in ["", "/subscriptions", "/orders", "/entitlements"] {
            let answer = self.get(&format!("/v1/customers/{customer}{part}")).await;
            state.insert(part.to_owned(), answer.body);
        }
        Value::Object(state)
    }

    /// Moves the mock's clock forward in the default namespace.
    pub fn advance_clock(&self, days: i64) {
        self.mock
            .store()
            .clock()
            .advance(chrono::Duration::days(days))
            .expect("the clock moves");
    }
}

/// A client that never goes through a proxy: tests talk to loopback only.
pub fn plain_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a client")
}

/// GETs `url`, in the namespace `partner` when given, with a bearer token, and parses the answer.
pub async fn get_json(client: &reqwest::Client, url: &str, partner: Option<&str>) -> Value {
    let mut request = client.get(url).bearer_auth("test-token");
    if let Some(partner) = partner {
        request = request.header("X-Mock-Partner", partner);
    }
    let answer = answer(
        &Method::GET,
        request.send().await.expect("the mock answers"),
    )
    .await;
    answer.body
}

/// A new, empty folder under the system's temporary folder, named after `name`.
pub fn fresh_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pcmock-{name}-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// A loopback address nothing listens on (the port was free a moment ago).
pub fn free_address() -> std::net::SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
}
