//! The shared test harness: a mock per test with its client, the seed's ids, tokens and bodies
//! the tests send, and paging through lists.

pub(crate) use crate::answer::{Answer, answer};
pub(crate) use crate::client::{TestClient, plain_client};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use partner_center_mock::{MockPartnerCenter, MockPartnerCenterBuilder};
use reqwest::Method;
use serde_json::Value;
use std::ops::Deref;

/// Customers of the default seed, by the rule they exist for.
pub(crate) const CONTOSO: &str = "22222222-2222-4222-8222-222222222222";
pub(crate) const WOODGROVE: &str = "77777777-7777-4777-8777-777777777777";
pub(crate) const RESELLER: &str = "5e3c8f0a-7b21-4c9d-8e4f-1a2b3c4d5e6f";

/// A running mock and a client for it; the app dereferences to its client.
pub(crate) struct TestApp {
    pub mock: MockPartnerCenter,
    client: TestClient,
}

impl TestApp {
    pub(crate) async fn start() -> Self {
        Self::with(MockPartnerCenter::builder()).await
    }

    pub(crate) async fn with(builder: MockPartnerCenterBuilder) -> Self {
        let mock = builder.start().await;
        let client = TestClient::at(&mock.uri());
        Self { mock, client }
    }

    /// The same mock, calling with another bearer token.
    pub(crate) fn with_token(mut self, token: String) -> Self {
        self.client = self.client.with_token(token);
        self
    }

    /// Moves the mock's clock forward in the default namespace.
    pub(crate) fn advance_clock(&self, days: i64) {
        self.mock
            .store()
            .clock()
            .advance(chrono::Duration::days(days))
            .expect("the clock moves");
    }
}

impl Deref for TestApp {
    type Target = TestClient;

    fn deref(&self) -> &TestClient {
        &self.client
    }
}

/// An unsigned JWT with `claims` as its payload.
pub(crate) fn jwt(claims: &Value) -> String {
    format!(
        "{}.{}.signature",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

/// A user token (App+User) for `tenant`.
pub(crate) fn user_token(tenant: &str) -> String {
    jwt(
        &serde_json::json!({"tid": tenant, "scp": "user_impersonation", "upn": "admin@partner.example"}),
    )
}

/// An app-only token for `tenant`.
pub(crate) fn app_token(tenant: &str) -> String {
    jwt(&serde_json::json!({"tid": tenant, "roles": ["Partner.Read"], "idtyp": "app"}))
}

/// A camelCase create-customer body for `domain`.
pub(crate) fn new_customer(domain: &str, company: &str) -> Value {
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

/// The customer `id` in a state document, as `GET /_mock/state` exports it.
pub(crate) fn exported_customer<'a>(state: &'a Value, id: &str) -> &'a Value {
    state["customers"]
        .as_array()
        .expect("the state's customers")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no customer {id} in the state"))
}

/// Every customer id visible in the list: see [`list_all`].
pub(crate) async fn page_through(client: &TestClient, first: &str) -> Vec<String> {
    list_all(client, first)
        .await
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Every item of the list, following `links.next` the way the .NET SDK's enumerator does (the
/// link's uri, plus each of its headers).
pub(crate) async fn list_all(client: &TestClient, first: &str) -> Vec<Value> {
    let mut all = Vec::new();
    let mut page = client.get(first).await;
    loop {
        page.assert_ok();
        let items = page.body["items"].as_array().expect("items");
        assert_eq!(page.body["totalCount"].as_u64(), Some(items.len() as u64));
        all.extend(items.iter().cloned());
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
        page = client
            .call(Method::GET, next["uri"].as_str().unwrap(), None, &borrowed)
            .await;
    }
    all
}

/// The ids on `page` and on every page after it.
pub(crate) async fn page_through_from(app: &TestApp, page: Answer) -> Vec<String> {
    let mut ids: Vec<String> = page
        .strings("/items", "id")
        .into_iter()
        .map(str::to_owned)
        .collect();
    if let Some(next) = page.body["links"].get("next") {
        let token = next["headers"][0]["value"].as_str().unwrap().to_owned();
        let following = app.continued(next["uri"].as_str().unwrap(), &token).await;
        ids.extend(Box::pin(page_through_from(app, following)).await);
    }
    ids
}

pub(crate) const ADATUM: &str = "11111111-1111-4111-8111-111111111111";
pub(crate) const FABRIKAM: &str = "33333333-3333-4333-8333-333333333333";
pub(crate) const LITWARE: &str = "44444444-4444-4444-8444-444444444444";
pub(crate) const NORTHWIND: &str = "55555555-5555-4555-8555-555555555555";
pub(crate) const TAILSPIN: &str = "66666666-6666-4666-8666-666666666666";
pub(crate) const FABRIKAM_RI_ORDER: &str = "Fa3RiOrder00000000000000000000031";
pub(crate) const TAILSPIN_SOFTWARE_ORDER: &str = "Ta6SwOrder00000000000000000000061";
pub(crate) const LITWARE_BASE: &str = "4c444444-4444-4444-8444-000000000001";
pub(crate) const LITWARE_ADD_ON: &str = "4c444444-4444-4444-8444-000000000002";
/// Litware's legacy Office 365 E3 Trial, which converts to Office 365 E3.
pub(crate) const LITWARE_TRIAL: &str = "4c444444-4444-4444-8444-000000000003";

/// Contoso's active Office 365 E3 (25 seats) and Office 365 Business Essentials, and its
/// suspended Business Essentials.
pub(crate) const CONTOSO_E3: &str = "2c222222-2222-4222-8222-000000000001";
pub(crate) const CONTOSO_ESSENTIALS: &str = "2c222222-2222-4222-8222-000000000002";
pub(crate) const CONTOSO_SUSPENDED_ESSENTIALS: &str = "2c222222-2222-4222-8222-000000000003";
/// Contoso's seeded users: its administrator and Priya.
pub(crate) const CONTOSO_ADMIN: &str = "2f222222-2222-4222-8222-000000000001";
pub(crate) const CONTOSO_PRIYA: &str = "2f222222-2222-4222-8222-000000000003";
/// Fabrikam's seeded cart (it does not expire), Litware's seeded order, Northwind's active
/// Business Basic (15 seats, P1Y, monthly) and the seeded migration, Fabrikam's.
pub(crate) const FABRIKAM_CART: &str = "3ca33333-3333-4333-8333-000000000001";
pub(crate) const LITWARE_ORDER: &str = "4d444444-4444-4444-8444-000000000001";
pub(crate) const NORTHWIND_BASIC: &str = "5c555555-5555-4555-8555-000000000001";
pub(crate) const SEEDED_MIGRATION: &str = "3ab33333-3333-4333-8333-000000000001";
/// The product SKU (Entra SKU id) of Office 365 E3.
pub(crate) const E3_SKU: &str = "6fd2c87f-b296-42f0-b197-1e91e994b900";
/// The legacy Office 365 E3 Trial offer, which Litware's trial is of.
pub(crate) const E3_TRIAL: &str = "0e3b7a52-6c1d-4f28-9a47-5d2c8e1f6b30";
/// New-commerce catalog items: Business Standard, which Business Basic transitions to, and
/// Office 365 E3.
pub(crate) const BUSINESS_STANDARD: &str = "CFQ7TTC0LDPB:0001:CFQ7TTC0K8WF";
pub(crate) const OFFICE_E3_NCE: &str = "CFQ7TTC0LF8R:0001:CFQ7TTC0K3PT";

/// Offers of the default catalog.
pub(crate) const E3: &str = "91fd106f-4b2c-4938-95ac-f54f74e9a239";
pub(crate) const ESSENTIALS: &str = "031c9e47-4802-4248-838e-778fb1d2cc05";
pub(crate) const ATP: &str = "3f9cf9b0-3f5e-4d3a-9c9b-7d1d53c2a4e1";
pub(crate) const BUSINESS_BASIC: &str = "CFQ7TTC0LH18:0001:CFQ7TTC0K971";
pub(crate) const AZURE_PLAN: &str = "DZH318Z0BPS6:0001:DZH318Z0BPXW";
pub(crate) const RESERVED_VM: &str = "DZH318Z0BQ3W:007J:DZH318Z0BJ4H";
pub(crate) const SOFTWARE: &str = "DG7GMGF0DWTK:0002:DG7GMGF0DVSV";

/// Waits for every task, all started before the first is awaited, and gives their results in
/// order; a task that panics fails the test.
pub(crate) async fn join_all<T>(
    tasks: impl IntoIterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<T> {
    let tasks: Vec<_> = tasks.into_iter().collect();
    let mut results = Vec::with_capacity(tasks.len());
    for task in tasks {
        results.push(task.await.expect("no task panics"));
    }
    results
}

/// A new, empty temporary folder, named after `name`, removed with everything in it when
/// dropped.
pub(crate) fn fresh_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("pcmock-{name}-"))
        .tempdir()
        .expect("a temporary folder")
}

/// A loopback address nothing listens on (the port was free a moment ago).
pub(crate) fn free_address() -> std::net::SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
}
