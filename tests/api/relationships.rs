//! Relationship requests and a customer's indirect resellers.

use crate::helpers::{CONTOSO, RESELLER, TestApp, WOODGROVE, new_customer};

#[tokio::test]
async fn the_relationship_request_link_names_the_partner() {
    let app = TestApp::start().await;
    let answer = app.get("/v1/customers/relationshiprequests").await;
    answer.assert_ok();
    let partner = app.mock.store().partner();
    let url = answer.body["url"].as_str().unwrap();
    assert!(
        url.starts_with(
            "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship"
        )
    );
    assert!(url.contains(&format!("partnerId={}", partner.id)));
    assert_eq!(
        answer.body["attributes"]["objectType"],
        "RelationshipRequest"
    );
}

#[tokio::test]
async fn a_customer_of_an_indirect_reseller_lists_that_reseller() {
    let app = TestApp::start().await;
    let answer = app
        .get(&format!("/v1/customers/{WOODGROVE}/relationships"))
        .await;
    answer.assert_ok();
    assert_eq!(answer.body["totalCount"], 1);
    let reseller = &answer.body["items"][0];
    assert_eq!(reseller["id"], RESELLER);
    assert_eq!(reseller["name"], "Proseware Resellers");
    assert_eq!(reseller["mpnId"], "7654321");
    assert_eq!(
        reseller["relationshipType"],
        "is_indirect_cloud_solution_provider_of"
    );
    assert_eq!(reseller["attributes"]["objectType"], "PartnerRelationship");

    let direct = app
        .get(&format!("/v1/customers/{CONTOSO}/relationships"))
        .await;
    direct.assert_ok();
    assert_eq!(direct.body["totalCount"], 0);
}

#[tokio::test]
async fn a_customer_created_for_an_indirect_reseller_is_tied_to_it() {
    let app = TestApp::start().await;
    let mut body = new_customer("indirectnew", "Indirect New");
    body["AssociatedPartnerId"] = RESELLER.to_uppercase().into();
    let created = app.create("/v1/customers", &body).await;
    assert_eq!(created.body["associatedPartnerId"], RESELLER);
    assert_eq!(created.body["relationshipToPartner"], "reseller");
    let id = created.body["id"].as_str().unwrap();
    let relationships = app.get(&format!("/v1/customers/{id}/relationships")).await;
    assert_eq!(relationships.body["items"][0]["id"], RESELLER);

    body["AssociatedPartnerId"] = "not-a-guid".into();
    body["companyProfile"]["domain"] = "indirectbad".into();
    app.post("/v1/customers", &body)
        .await
        .assert_fault(400, 2000);
}
