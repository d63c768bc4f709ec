//! The one client the tests call a mock with: a bearer token and, optionally, a namespace
//! (`X-Mock-Partner`). It is cheap to clone, so a test holds one per namespace or per token, and
//! it knows the Partner Center calls the tests make often.

use crate::answer::{Answer, answer};
use crate::helpers::new_customer;
use reqwest::Method;
use serde_json::{Value, json};
use std::future::Future;

/// Calls one mock, as one caller, in one namespace.
#[derive(Clone)]
pub(crate) struct TestClient {
    base: String,
    http: reqwest::Client,
    token: String,
    namespace: Option<String>,
}

/// A client that never goes through a proxy: tests talk to loopback only.
pub(crate) fn plain_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a client")
}

impl TestClient {
    /// A client for the mock at `base` (`http://127.0.0.1:PORT`), in the default namespace.
    pub(crate) fn at(base: &str) -> Self {
        Self {
            base: base.to_owned(),
            http: plain_client(),
            token: "test-token".to_owned(),
            namespace: None,
        }
    }

    /// The same client, calling in the namespace `name`.
    pub(crate) fn in_namespace(&self, name: &str) -> Self {
        Self {
            namespace: Some(name.to_owned()),
            ..self.clone()
        }
    }

    /// The same client, calling with another bearer token.
    pub(crate) fn with_token(&self, token: String) -> Self {
        Self {
            token,
            ..self.clone()
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub(crate) async fn get(&self, path: &str) -> Answer {
        self.call(Method::GET, path, None, &[]).await
    }

    pub(crate) async fn post(&self, path: &str, body: &Value) -> Answer {
        self.call(Method::POST, path, Some(body.to_string()), &[])
            .await
    }

    /// A POST with no body at all (a restore, a checkout, a reset).
    pub(crate) async fn post_empty(&self, path: &str) -> Answer {
        self.call(Method::POST, path, None, &[]).await
    }

    /// POSTs `body` to `path`, which must create something (201); returns the answer.
    pub(crate) async fn create(&self, path: &str, body: &Value) -> Answer {
        let created = self.post(path, body).await;
        assert_eq!(created.status, 201, "{}", created.text);
        created
    }

    pub(crate) async fn put(&self, path: &str, body: &Value) -> Answer {
        self.call(Method::PUT, path, Some(body.to_string()), &[])
            .await
    }

    pub(crate) async fn patch(&self, path: &str, body: &Value) -> Answer {
        self.call(Method::PATCH, path, Some(body.to_string()), &[])
            .await
    }

    pub(crate) async fn delete(&self, path: &str) -> Answer {
        self.call(Method::DELETE, path, None, &[]).await
    }

    /// `GET path` with `headers` besides the client's own (see [`TestClient::call`]).
    pub(crate) async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        self.call(Method::GET, path, None, headers).await
    }

    /// The page after another: `GET path` with the `MS-ContinuationToken` the other page gave.
    pub(crate) async fn continued(&self, path: &str, token: &str) -> Answer {
        self.get_with(path, &[("MS-ContinuationToken", token)])
            .await
    }

    pub(crate) async fn head(&self, path: &str) -> Answer {
        self.call(Method::HEAD, path, None, &[]).await
    }

    /// Asks whether `domain` is taken: `HEAD /v1/domains/{domain}` answers 200 when it is, 404
    /// when it is free.
    pub(crate) async fn domain(&self, domain: &str) -> Answer {
        self.head(&format!("/v1/domains/{domain}")).await
    }

    /// Any request, with the client's token and namespace unless `headers` brings its own
    /// `Authorization` or `X-Mock-Partner`.
    pub(crate) async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let brings = |header: &str| {
            headers
                .iter()
                .any(|(name, _)| name.eq_ignore_ascii_case(header))
        };
        let mut request = self.request(method.clone(), path, !brings("x-mock-partner"));
        if !brings("authorization") {
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
    pub(crate) async fn anonymous(&self, method: Method, path: &str) -> Answer {
        let request = self.request(method.clone(), path, true);
        answer(&method, request.send().await.expect("the mock answers")).await
    }

    fn request(&self, method: Method, path: &str, in_namespace: bool) -> reqwest::RequestBuilder {
        let request = self.http.request(method, self.url(path));
        match &self.namespace {
            Some(name) if in_namespace => request.header("X-Mock-Partner", name),
            _ => request,
        }
    }

    /// Makes the `refused` request, made with this client, and checks the three things a
    /// refusal must show: the status, the Partner Center `code` (in the `ApiFault` envelope),
    /// and that the namespace's whole state, read back with `GET /_mock/state`, is unchanged.
    pub(crate) async fn assert_refused(
        &self,
        status: u16,
        code: i64,
        refused: impl Future<Output = Answer>,
    ) -> Answer {
        let before = self.state().await;
        let answer = refused.await;
        answer.assert_fault(status, code);
        assert_eq!(
            self.state().await,
            before,
            "the refused request changed the state: {}",
            answer.text
        );
        answer
    }

    /// The namespace's state, as `GET /_mock/state` exports it.
    pub(crate) async fn state(&self) -> Value {
        let state = self.get("/_mock/state").await;
        state.assert_ok();
        state.body
    }

    /// Moves the namespace's virtual clock by `duration` (ISO 8601, `P8D`, `PT10M`).
    pub(crate) async fn advance(&self, duration: &str) {
        self.post("/_mock/clock/advance", &json!({"duration": duration}))
            .await
            .assert_ok();
    }

    /// Moves the namespace's virtual clock by whole seconds.
    pub(crate) async fn advance_seconds(&self, seconds: impl Into<Value>) {
        self.post("/_mock/clock/advance", &json!({"seconds": seconds.into()}))
            .await
            .assert_ok();
    }

    /// Changes the namespace's settings (`PUT /_mock/settings`), which must be accepted.
    pub(crate) async fn settings(&self, changes: Value) {
        self.put("/_mock/settings", &changes).await.assert_ok();
    }

    /// Creates a customer and returns its id.
    pub(crate) async fn new_customer(&self, domain: &str) -> String {
        let created = self
            .create("/v1/customers", &new_customer(domain, domain))
            .await;
        created.str("/id").to_owned()
    }

    /// Places the order `body` for `customer`, which must be accepted; returns the order.
    pub(crate) async fn place_order(&self, customer: &str, body: &Value) -> Answer {
        self.create(&format!("/v1/customers/{customer}/orders"), body)
            .await
    }

    /// Orders `quantity` of `offer` for `customer`; returns the order.
    pub(crate) async fn order(&self, customer: &str, offer: &str, quantity: u32) -> Answer {
        let body =
            json!({"lineItems": [{"lineItemNumber": 0, "offerId": offer, "quantity": quantity}]});
        self.place_order(customer, &body).await
    }

    /// Orders `offer` and returns the id of the subscription it created.
    pub(crate) async fn subscribe(&self, customer: &str, offer: &str, quantity: u32) -> String {
        let order = self.order(customer, offer, quantity).await;
        order.str("/lineItems/0/subscriptionId").to_owned()
    }

    /// Orders `quantity` of the catalog item `offer` for `term`, billed monthly; returns the id
    /// of the subscription it created.
    pub(crate) async fn subscribe_for(
        &self,
        customer: &str,
        offer: &str,
        quantity: u32,
        term: &str,
    ) -> String {
        let body = json!({"billingCycle": "monthly", "lineItems": [{
            "lineItemNumber": 0, "offerId": offer, "quantity": quantity, "termDuration": term
        }]});
        let order = self.place_order(customer, &body).await;
        order.str("/lineItems/0/subscriptionId").to_owned()
    }

    /// Creates a cart of `body` for `customer`, which must be accepted; returns the cart.
    pub(crate) async fn new_cart(&self, customer: &str, body: &Value) -> Answer {
        self.create(&format!("/v1/customers/{customer}/carts"), body)
            .await
    }

    /// Checks out `customer`'s cart `cart`; returns the answer, whatever it is.
    pub(crate) async fn checkout(&self, customer: &str, cart: &str) -> Answer {
        self.post(
            &format!("/v1/customers/{customer}/carts/{cart}/checkout"),
            &json!({}),
        )
        .await
    }

    /// Buys `body` through a new cart and its checkout, both accepted; returns the checkout's
    /// result.
    pub(crate) async fn buy_through_cart(&self, customer: &str, body: &Value) -> Answer {
        let cart = self.new_cart(customer, body).await;
        let result = self.checkout(customer, cart.str("/id")).await;
        assert_eq!(result.status, 201, "{}", result.text);
        result
    }

    /// PATCHes a subscription whole, as the .NET SDK does: the body a GET reads, with `changes`
    /// written over it.
    pub(crate) async fn patch_whole(
        &self,
        customer: &str,
        subscription: &str,
        changes: Value,
    ) -> Answer {
        let mut body = self.subscription(customer, subscription).await.body;
        for (key, value) in changes.as_object().unwrap() {
            body[key] = value.clone();
        }
        self.patch(
            &format!("/v1/customers/{customer}/subscriptions/{subscription}"),
            &body,
        )
        .await
    }

    pub(crate) async fn subscription(&self, customer: &str, subscription: &str) -> Answer {
        self.get(&format!(
            "/v1/customers/{customer}/subscriptions/{subscription}"
        ))
        .await
    }

    /// PATCHes a subscription's status.
    pub(crate) async fn set_status(
        &self,
        customer: &str,
        subscription: &str,
        status: &str,
    ) -> Answer {
        self.patch(
            &format!("/v1/customers/{customer}/subscriptions/{subscription}"),
            &json!({"status": status}),
        )
        .await
    }

    /// PATCHes an order (a reserved instance or a software purchase) to cancelled.
    pub(crate) async fn cancel_order(&self, customer: &str, order: &str) -> Answer {
        self.patch(
            &format!("/v1/customers/{customer}/orders/{order}"),
            &json!({"status": "cancelled"}),
        )
        .await
    }

    /// PATCHes the customer's reseller relationship away.
    pub(crate) async fn remove_relationship(&self, customer: &str) -> Answer {
        self.patch(
            &format!("/v1/customers/{customer}"),
            &json!({"relationshipToPartner": "none", "attributes": {"objectType": "Customer"}}),
        )
        .await
    }
}
