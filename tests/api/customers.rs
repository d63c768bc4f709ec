//! `/v1/customers`: get, create, and the domain check.

use crate::helpers::{CONTOSO, TestApp, answer, new_customer, plain_client};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn getting_a_customer_returns_the_full_customer() {
    let app = TestApp::start().await;
    let answer = app.get(&format!("/v1/customers/{CONTOSO}")).await;
    answer.assert_ok();
    let customer = &answer.body;
    assert_eq!(customer["id"], CONTOSO);
    assert_eq!(customer["companyProfile"]["tenantId"], CONTOSO);
    assert_eq!(customer["companyProfile"]["companyName"], "Contoso Ltd");
    assert!(customer["companyProfile"]["address"].is_object());
    assert!(customer["commerceId"].is_string());
    assert!(customer["billingProfile"]["attributes"]["etag"].is_string());
    assert_eq!(
        customer["billingProfile"]["attributes"]["objectType"],
        "CustomerBillingProfile"
    );
    assert_eq!(customer["relationshipToPartner"], "reseller");
    assert_eq!(customer["allowDelegatedAccess"], true);
    assert_eq!(
        customer["customDomains"],
        json!(["contosoltd.onmicrosoft.com"])
    );
    assert_eq!(
        customer["links"]["self"]["uri"],
        format!("/v1/customers/{CONTOSO}")
    );
    assert_eq!(customer["attributes"]["objectType"], "Customer");
    assert!(customer.get("userCredentials").is_none());
}

#[tokio::test]
async fn paths_match_case_insensitively_with_or_without_a_trailing_slash() {
    let app = TestApp::start().await;
    let upper = CONTOSO.to_uppercase();
    for path in [
        format!("/V1/Customers/{upper}/"),
        format!("/v1/CUSTOMERS/{CONTOSO}"),
        format!("/v1/customers/{CONTOSO}/Profiles/Billing/"),
    ] {
        let answer = app.get(&path).await;
        answer.assert_ok();
        assert!(
            answer.text.contains(CONTOSO),
            "{path}: ids are written in lower case"
        );
    }
}

#[tokio::test]
async fn creating_a_customer_answers_201_with_the_server_filled_fields() {
    let app = TestApp::start().await;
    let created = app
        .create(
            "/v1/customers",
            &new_customer("fourthcoffee", "Fourth Coffee"),
        )
        .await;
    let customer = &created.body;
    let id = customer["id"].as_str().unwrap();
    assert_eq!(customer["companyProfile"]["tenantId"], id);
    assert_eq!(customer["companyProfile"]["companyName"], "Fourth Coffee");
    assert_eq!(
        customer["companyProfile"]["domain"],
        "fourthcoffee.onmicrosoft.com"
    );
    assert!(customer["commerceId"].is_string());
    assert!(customer["billingProfile"]["id"].is_string());
    assert_eq!(customer["billingProfile"]["culture"], "en-US");
    assert_eq!(customer["relationshipToPartner"], "reseller");
    assert_eq!(customer["userCredentials"]["userName"], "admin");
    assert!(
        !customer["userCredentials"]["password"]
            .as_str()
            .unwrap()
            .is_empty()
    );

    let fetched = app.get(&format!("/v1/customers/{id}")).await;
    fetched.assert_ok();
    assert!(
        fetched.body.get("userCredentials").is_none(),
        "credentials appear once"
    );
    assert_eq!(fetched.body["companyProfile"], customer["companyProfile"]);
    assert!(
        app.mock
            .store()
            .customer(
                id.parse()
                    .map(partner_center_mock::domain::CustomerId)
                    .unwrap()
            )
            .is_ok()
    );
}

#[tokio::test]
async fn a_pascal_case_body_with_nulls_reads_the_same_as_camel_case() {
    let app = TestApp::start().await;
    let pascal = json!({
        "Id": null, "CommerceId": null,
        "CompanyProfile": {"TenantId": null, "Domain": "pascalcase", "CompanyName": null,
                           "Attributes": {"ObjectType": "CustomerCompanyProfile"}},
        "BillingProfile": {"Id": null, "FirstName": null, "LastName": null, "Email": "owner@example.com",
                           "Culture": "EN-US", "Language": "en", "CompanyName": "Same Company",
                           "DefaultAddress": {"Country": "US", "Region": null, "City": "Redmond", "State": "WA",
                                              "AddressLine1": "1 Microsoft Way", "AddressLine2": null,
                                              "PostalCode": "98052", "FirstName": "Pat", "LastName": "Doe",
                                              "PhoneNumber": null},
                           "Attributes": {"ObjectType": "CustomerBillingProfile"}},
        "RelationshipToPartner": "none", "AllowDelegatedAccess": null, "UserCredentials": null,
        "CustomDomains": null, "AssociatedPartnerId": null,
        "Attributes": {"ObjectType": "Customer"}
    });
    let from_pascal = app.create("/v1/customers", &pascal).await;
    let from_camel = app
        .post("/v1/customers", &new_customer("camelcase", "Same Company"))
        .await;
    assert_eq!(from_camel.status, 201, "{}", from_camel.text);
    let comparable = |body: &serde_json::Value| {
        let mut billing = body["billingProfile"].clone();
        billing.as_object_mut().unwrap().remove("id");
        billing.as_object_mut().unwrap().remove("attributes");
        billing.as_object_mut().unwrap().remove("links");
        (
            billing,
            body["relationshipToPartner"].clone(),
            body["companyProfile"]["companyName"].clone(),
        )
    };
    assert_eq!(comparable(&from_pascal.body), comparable(&from_camel.body));
}

#[tokio::test]
async fn a_repeated_ms_request_id_creates_one_customer() {
    let app = TestApp::start().await;
    let before = app.mock.store().snapshot().customer_count();
    let body = new_customer("idempotent", "Idempotent Ltd").to_string();
    let key = [("MS-RequestId", "5b0a2c53-8b8e-4a43-a1a7-0f0a4b2f6c11")];
    let call = || app.call(Method::POST, "/v1/customers", Some(body.clone()), &key);
    let (a, b, c, d) = tokio::join!(call(), call(), call(), call());
    let replayed = app
        .call(Method::POST, "/v1/customers", Some(body.clone()), &key)
        .await;
    for answer in [&a, &b, &c, &d, &replayed] {
        assert_eq!(answer.status, 201, "{}", answer.text);
        assert_eq!(
            answer.body["id"], a.body["id"],
            "every replay names the same customer"
        );
    }
    assert_eq!(app.mock.store().snapshot().customer_count(), before + 1);

    let other = [("MS-RequestId", "5b0a2c53-8b8e-4a43-a1a7-0f0a4b2f6c12")];
    app.assert_refused(
        409,
        2000,
        app.call(Method::POST, "/v1/customers", Some(body), &other),
    )
    .await;
    assert_eq!(app.mock.store().snapshot().customer_count(), before + 1);
}

#[tokio::test]
async fn creating_with_a_taken_domain_is_refused_and_creates_nothing() {
    let app = TestApp::start().await;
    let answer = app
        .assert_refused(
            409,
            2000,
            app.post(
                "/v1/customers",
                &new_customer("ContosoLtd.onmicrosoft.com", "Copycat"),
            ),
        )
        .await;
    assert!(
        answer
            .str("/description")
            .contains("ContosoLtd.onmicrosoft.com")
    );
}

#[tokio::test]
async fn creating_without_a_required_field_names_it_and_creates_nothing() {
    let app = TestApp::start().await;
    for (remove, field) in [
        ("/companyProfile/domain", "companyProfile.domain"),
        ("/billingProfile/email", "billingProfile.email"),
        ("/billingProfile/culture", "billingProfile.culture"),
        (
            "/billingProfile/defaultAddress",
            "billingProfile.defaultAddress",
        ),
    ] {
        let mut body = new_customer("missingfield", "Missing Field");
        let (parent, key) = remove.rsplit_once('/').unwrap();
        body.pointer_mut(parent)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove(key);
        let answer = app
            .assert_refused(400, 2000, app.post("/v1/customers", &body))
            .await;
        assert!(
            answer.body["description"].as_str().unwrap().contains(field),
            "{}",
            answer.text
        );
    }
    let domain = app.domain("missingfield.onmicrosoft.com").await;
    assert_eq!(domain.status, 404);
}

#[tokio::test]
async fn the_domain_check_answers_taken_or_free_without_a_body() {
    let app = TestApp::start().await;
    let taken = app.domain("ContosoLtd.onmicrosoft.com").await;
    assert_eq!(taken.status, 200);
    assert!(taken.text.is_empty());
    let free = app.domain("nobody-has-this.onmicrosoft.com").await;
    assert_eq!(free.status, 404);
    assert!(free.text.is_empty());
    app.post(
        "/v1/customers",
        &new_customer("nobody-has-this", "Now Taken"),
    )
    .await;
    let now = app.domain("nobody-has-this.onmicrosoft.com").await;
    assert_eq!(now.status, 200);
}

#[tokio::test]
async fn a_json_body_sent_with_powershells_default_form_content_type_is_read_as_json() {
    let app = TestApp::start().await;
    let body = json!({"relationshipToPartner": "none"}).to_string();
    let sent = plain_client()
        .patch(app.url(&format!("/v1/customers/{CONTOSO}")))
        .bearer_auth("powershell")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    // Read as the removal it is: refused by the active-subscriptions rule, not as a bad body.
    answer(&Method::PATCH, sent).await.assert_fault(400, 900400);
}
