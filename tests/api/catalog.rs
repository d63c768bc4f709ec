//! Offers and entitlements.

use crate::helpers::*;

#[tokio::test]
async fn offers_are_listed_for_a_country_with_their_limits_and_links() {
    let app = TestApp::start().await;
    let offers = app.get("/v1/offers?country=us").await;
    offers.assert_ok();
    let items = offers.body["items"].as_array().unwrap();
    assert!(items.len() >= 8);
    let e3 = items.iter().find(|o| o["id"] == E3).unwrap();
    assert_eq!(e3["country"], "US");
    assert_eq!(e3["minimumQuantity"], 1);
    assert_eq!(e3["hasAddOns"], true);
    assert_eq!(e3["billing"], "license");
    assert_eq!(e3["attributes"]["objectType"], "Offer");
    for kind in [BUSINESS_BASIC, AZURE_PLAN, RESERVED_VM, SOFTWARE, ATP] {
        assert!(items.iter().any(|o| o["id"] == kind), "{kind}");
    }
    app.get("/v1/offers").await.assert_fault(400, 2000);
    app.get("/v1/offers?country=USA")
        .await
        .assert_fault(400, 2000);
}

#[tokio::test]
async fn an_offer_and_its_add_ons_are_served_by_id() {
    let app = TestApp::start().await;
    let offer = app
        .get(&format!("/v1/offers/{}?country=US", E3.to_uppercase()))
        .await;
    offer.assert_ok();
    assert_eq!(offer.body["id"], E3);
    let add_ons = app.get(&format!("/v1/offers/{E3}/addons?country=US")).await;
    add_ons.assert_ok();
    assert_eq!(add_ons.body["totalCount"], 3);
    assert_eq!(add_ons.body["items"][0]["id"], ATP);
    assert_eq!(add_ons.body["items"][0]["isAddOn"], true);
    assert_eq!(add_ons.body["items"][0]["prerequisiteOffers"][0], E3);
    app.get("/v1/offers/nothing?country=US")
        .await
        .assert_fault(404, 1000);
}

#[tokio::test]
async fn entitlements_filter_by_type_and_show_expiry_on_request() {
    let app = TestApp::start().await;
    let path = format!("/v1/customers/{FABRIKAM}/entitlements");
    let all = app.get(&path).await;
    all.assert_ok();
    assert_eq!(all.body["totalCount"], 1);
    let reserved = &all.body["items"][0];
    assert!(
        reserved.get("expiryDate").is_none(),
        "expiry only with showExpiry"
    );
    assert_eq!(
        reserved["entitledArtifacts"][0]["artifactType"],
        "reservedinstance"
    );
    for kind in [
        "reservedinstance",
        "ReservedInstance",
        "virtualMachineReservedInstance",
    ] {
        let filtered = app.get(&format!("{path}?entitlementType={kind}")).await;
        assert_eq!(filtered.body["totalCount"], 1, "{kind}");
    }
    assert_eq!(
        app.get(&format!("{path}?entitlementType=software"))
            .await
            .body["totalCount"],
        0
    );
    assert_eq!(
        app.get(&format!("{path}?entitlementType=unheardof"))
            .await
            .body["totalCount"],
        0
    );
    for flag in ["true", "True", "TRUE"] {
        let shown = app.get(&format!("{path}?showExpiry={flag}")).await;
        assert!(shown.body["items"][0]["expiryDate"].is_string(), "{flag}");
    }
    assert!(
        app.get(&format!("{path}?showExpiry=False")).await.body["items"][0]
            .get("expiryDate")
            .is_none()
    );
    app.get(&format!("{path}?showExpiry=maybe"))
        .await
        .assert_fault(400, 2000);
}

#[tokio::test]
async fn the_reservation_link_of_an_entitlement_answers() {
    let app = TestApp::start().await;
    let entitlements = app
        .get(&format!("/v1/customers/{FABRIKAM}/entitlements"))
        .await;
    let artifact = &entitlements.body["items"][0]["entitledArtifacts"][0];
    let link = artifact["link"]["uri"].as_str().unwrap();
    let details = app.get(link).await;
    details.assert_ok();
    assert_eq!(details.body["type"], "reservedinstance");
    let reservation = &details.body["reservations"][0];
    assert_eq!(reservation["reservationId"], artifact["resourceId"]);
    assert_eq!(reservation["provisioningState"], "Created");
    assert_eq!(
        details.body["virtualMachineReservations"],
        details.body["reservations"]
    );
    let old_path = link.replace("/reservedinstance/", "/virtualmachinereservedinstance/");
    app.get(&old_path).await.assert_ok();
    let unknown = link.replace("3e333333", "3f333333");
    app.get(&unknown).await.assert_fault(404, 1000);
}

#[tokio::test]
async fn entitlements_are_app_user_only() {
    let app = TestApp::start().await.with_token(app_token("default"));
    app.get(&format!("/v1/customers/{FABRIKAM}/entitlements"))
        .await
        .assert_fault(403, 900329);
}
