//! `/v1/customers/{id}/profiles/company` and `/profiles/billing`.

use crate::helpers::{CONTOSO, TestApp};
use reqwest::Method;
use serde_json::json;

fn billing(id: &str) -> String {
    format!("/v1/customers/{id}/profiles/billing")
}

#[tokio::test]
async fn the_company_profile_is_the_bare_profile() {
    let app = TestApp::start().await;
    let answer = app
        .get(&format!("/v1/customers/{CONTOSO}/profiles/company"))
        .await;
    answer.assert_ok();
    assert_eq!(answer.body["tenantId"], CONTOSO);
    assert_eq!(answer.body["domain"], "contosoltd.onmicrosoft.com");
    assert_eq!(answer.body["companyName"], "Contoso Ltd");
    assert!(answer.body["address"]["addressLine1"].is_string());
    assert_eq!(
        answer.body["attributes"]["objectType"],
        "CustomerCompanyProfile"
    );
    assert_eq!(
        answer.body["links"]["self"]["uri"],
        format!("/v1/customers/{CONTOSO}/profiles/company")
    );
}

#[tokio::test]
async fn the_billing_profile_carries_an_etag() {
    let app = TestApp::start().await;
    let answer = app.get(&billing(CONTOSO)).await;
    answer.assert_ok();
    assert_eq!(answer.body["companyName"], "Contoso Ltd");
    assert_eq!(
        answer.body["attributes"]["objectType"],
        "CustomerBillingProfile"
    );
    assert!(answer.body["attributes"]["etag"].is_string());
    assert!(answer.body["defaultAddress"]["country"].is_string());
}

#[tokio::test]
async fn updating_the_billing_profile_with_the_current_etag_applies_it_and_renews_the_etag() {
    let app = TestApp::start().await;
    let current = app.get(&billing(CONTOSO)).await;
    let etag = current.body["attributes"]["etag"].as_str().unwrap();
    // As the .NET SDK sends it: PascalCase, nulls, the etag in the body, links echoed back.
    let update = json!({
        "Id": current.body["id"], "FirstName": "Casey", "LastName": null, "Email": "new@contoso.example",
        "Culture": "en-GB", "Language": "en", "CompanyName": "Contoso Limited",
        "DefaultAddress": {"Country": "US", "Region": null, "City": "Bellevue", "State": "WA",
                           "AddressLine1": "2 Main Street", "AddressLine2": null, "PostalCode": "98004",
                           "FirstName": "Casey", "LastName": "Rivera", "PhoneNumber": null},
        "Links": {"Self": {"Uri": "/v1/customers/x/profiles/billing", "Method": "GET", "Headers": []}},
        "Attributes": {"Etag": etag, "ObjectType": "CustomerBillingProfile"}
    });
    let answer = app.put(&billing(CONTOSO), &update).await;
    answer.assert_ok();
    assert_eq!(answer.body["firstName"], "Casey");
    assert_eq!(
        answer.body["lastName"], current.body["lastName"],
        "a null keeps the value"
    );
    assert_eq!(answer.body["culture"], "en-GB");
    assert_eq!(answer.body["defaultAddress"]["city"], "Bellevue");
    assert_eq!(
        answer.body["defaultAddress"]["phoneNumber"],
        current.body["defaultAddress"]["phoneNumber"]
    );
    assert_ne!(
        answer.body["attributes"]["etag"],
        current.body["attributes"]["etag"]
    );
    let read_back = app.get(&billing(CONTOSO)).await;
    assert_eq!(read_back.body, answer.body);
}

#[tokio::test]
async fn a_stale_etag_is_refused_and_changes_nothing() {
    let app = TestApp::start().await;
    let current = app.get(&billing(CONTOSO)).await;
    let etag = current.str("/attributes/etag").to_owned();
    let first = app
        .put(
            &billing(CONTOSO),
            &json!({"email": "first@contoso.example", "attributes": {"etag": etag}}),
        )
        .await;
    first.assert_ok();
    let after_first = app.get(&billing(CONTOSO)).await;

    let stale_body = app
        .put(
            &billing(CONTOSO),
            &json!({"email": "second@contoso.example", "attributes": {"etag": etag}}),
        )
        .await;
    stale_body.assert_fault(400, 2055);
    assert_eq!(stale_body.body["description"], "Etag is no longer valid");
    let quoted = format!("\"{etag}\"");
    let stale_header = app
        .call(
            Method::PUT,
            &billing(CONTOSO),
            Some(json!({"email": "third@contoso.example"}).to_string()),
            &[("If-Match", &quoted)],
        )
        .await;
    stale_header.assert_fault(400, 2055);
    assert_eq!(app.get(&billing(CONTOSO)).await.body, after_first.body);
}

#[tokio::test]
async fn an_invalid_billing_update_is_refused_and_changes_nothing() {
    let app = TestApp::start().await;
    for body in [
        json!({"email": "not-an-address"}),
        json!({"culture": "klingon-empire-x"}),
        json!({"defaultAddress": {"country": "USA"}}),
        json!({"firstName": 5}),
    ] {
        app.assert_refused(400, 2000, app.put(&billing(CONTOSO), &body))
            .await;
    }
}
