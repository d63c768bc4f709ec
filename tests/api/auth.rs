//! Bearer authentication, JWT reading, App-only refusals and namespaces.

use crate::helpers::{CONTOSO, RESELLER, TestApp, app_token, jwt, new_customer, user_token};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_request_without_a_token_gets_401() {
    let app = TestApp::start().await;
    for path in ["/v1/customers", &format!("/v1/customers/{CONTOSO}")] {
        let answer = app.anonymous(Method::GET, path).await;
        answer.assert_fault(401, 800001);
        assert_eq!(
            answer.header("www-authenticate"),
            Some("OAuth realm=urn:cpsvc:cpid:mock")
        );
    }
    for header in ["Bearer ", "Basic dXNlcjpwYXNz", "Bearer"] {
        let answer = app
            .get_with("/v1/customers", &[("Authorization", header)])
            .await;
        answer.assert_fault(401, 800001);
    }
}

#[tokio::test]
async fn an_expired_jwt_gets_401() {
    let app = TestApp::start().await;
    let expired = jwt(&json!({"tid": "t", "scp": "x", "upn": "a@b.c", "exp": 1_000_000}));
    let app = app.with_token(expired);
    app.get("/v1/customers").await.assert_fault(401, 800001);
}

#[tokio::test]
async fn an_app_only_token_is_refused_on_app_user_operations() {
    let app = TestApp::start().await.with_token(app_token("default"));
    for path in [
        format!("/v1/customers/{CONTOSO}/profiles/company"),
        format!("/v1/customers/{CONTOSO}/relationships"),
        "/v1/customers/relationshiprequests".to_owned(),
    ] {
        let answer = app.get(&path).await;
        answer.assert_fault(403, 900329);
        assert_eq!(
            answer.body["description"],
            "This resource does not support application-only authentication."
        );
    }
    let mut indirect = new_customer("apponlyindirect", "App Only");
    indirect["associatedPartnerId"] = RESELLER.into();
    app.post("/v1/customers", &indirect)
        .await
        .assert_fault(403, 900329);
    let free = app.domain("apponlyindirect.onmicrosoft.com").await;
    assert_eq!(free.status, 404, "the refused create made nothing");

    // App-only is fine where the docs allow it.
    app.get(&format!("/v1/customers/{CONTOSO}"))
        .await
        .assert_ok();
    app.get(&format!("/v1/customers/{CONTOSO}/profiles/billing"))
        .await
        .assert_ok();
    app.create("/v1/customers", &new_customer("apponlydirect", "App Only"))
        .await;
}

#[tokio::test]
async fn a_user_token_may_call_app_user_operations() {
    let app = TestApp::start().await.with_token(user_token("default"));
    app.get(&format!("/v1/customers/{CONTOSO}/profiles/company"))
        .await
        .assert_ok();
    app.get("/v1/customers/relationshiprequests")
        .await
        .assert_ok();
}

#[tokio::test]
async fn the_token_tenant_and_the_partner_header_pick_isolated_namespaces() {
    let base = TestApp::start().await;
    let tenant_a = base.with_token(user_token("tenant-a"));
    let created = tenant_a
        .post("/v1/customers", &new_customer("onlyina", "Only In A"))
        .await;
    assert_eq!(created.status, 201);
    let id = created.body["id"].as_str().unwrap().to_owned();
    tenant_a
        .get(&format!("/v1/customers/{id}"))
        .await
        .assert_ok();

    let tenant_b = tenant_a.with_token(user_token("tenant-b"));
    tenant_b
        .get(&format!("/v1/customers/{id}"))
        .await
        .assert_fault(404, 1000);
    // The header wins over the token's tenant.
    let named = tenant_b
        .get_with(
            &format!("/v1/customers/{id}"),
            &[("X-Mock-Partner", "tenant-a")],
        )
        .await;
    named.assert_ok();
    let default = tenant_b
        .get_with(
            &format!("/v1/customers/{id}"),
            &[("X-Mock-Partner", "default")],
        )
        .await;
    default.assert_fault(404, 1000);
    let invalid = tenant_b
        .get_with("/v1/customers", &[("X-Mock-Partner", "no spaces/allowed")])
        .await;
    invalid.assert_fault(400, 2000);
}
