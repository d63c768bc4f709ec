//! Legacy upgrades and legacy trial conversions over HTTP: the lists, what an upgrade or a
//! conversion changes, and the refusals (status, code, and nothing changed).

use crate::helpers::*;
use serde_json::json;

const BUSINESS_PREMIUM: &str = "796b6b5f-613c-4e24-a17c-eba730d49c02";

fn path(customer: &str, subscription: &str, what: &str) -> String {
    format!("/v1/customers/{customer}/subscriptions/{subscription}/{what}")
}

#[tokio::test]
async fn a_legacy_subscription_lists_its_upgrade_offers() {
    let app = TestApp::start().await;
    let listed = app
        .get(&path(CONTOSO, CONTOSO_ESSENTIALS, "Upgrades"))
        .await;
    listed.assert_ok();
    let items = listed.body["items"].as_array().unwrap();
    let targets: Vec<&str> = items
        .iter()
        .map(|i| i["targetOffer"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(targets, [BUSINESS_PREMIUM, E3]);
    for item in items {
        assert_eq!(item["upgradeType"], "upgrade_only");
        assert_eq!(item["isEligible"], true);
        assert_eq!(item["quantity"], 12);
        assert_eq!(item["upgradeErrors"], json!([]));
        assert_eq!(item["attributes"]["objectType"], "Upgrade");
        assert_eq!(item["targetOffer"]["attributes"]["objectType"], "Offer");
    }

    let suspended = app
        .get(&path(CONTOSO, CONTOSO_SUSPENDED_ESSENTIALS, "upgrades"))
        .await;
    let item = &suspended.body["items"][0];
    assert_eq!(item["isEligible"], false);
    assert_eq!(item["upgradeErrors"][0]["code"], 2);
    assert_eq!(
        item["upgradeErrors"][0]["attributes"]["objectType"],
        "UpgradeError"
    );

    let none = app
        .get(&path(
            CONTOSO,
            "2c222222-2222-4222-8222-000000000001",
            "upgrades",
        ))
        .await;
    assert_eq!(none.body["totalCount"], 0, "E3 has no upgrade offers");
}

#[tokio::test]
async fn an_upgrade_buys_the_target_and_takes_the_seats_from_the_source() {
    let app = TestApp::start().await;
    let upgrades = path(CONTOSO, CONTOSO_ESSENTIALS, "upgrades");
    let mut chosen = app.get(&upgrades).await.body["items"][1].clone();
    chosen["quantity"] = json!(4);
    chosen["upgradeType"] = json!(1);
    let result = app.post(&upgrades, &chosen).await;
    result.assert_ok();
    assert_eq!(result.body["sourceSubscriptionId"], CONTOSO_ESSENTIALS);
    assert_eq!(result.body["upgradeType"], 1);
    assert_eq!(result.body["licenseErrors"], json!([]));
    assert_eq!(result.body["attributes"]["objectType"], "UpgradeResult");
    let target = result.body["targetSubscriptionId"].as_str().unwrap();
    let bought = app.subscription(CONTOSO, target).await;
    assert_eq!(bought.body["offerId"], E3);
    assert_eq!(bought.body["quantity"], 4);
    assert_eq!(bought.body["status"], "active");
    let source = app.subscription(CONTOSO, CONTOSO_ESSENTIALS).await;
    assert_eq!(source.body["quantity"], 8);
    assert_eq!(source.body["status"], "active");

    // The rest, with no quantity named, leaves the source suspended.
    let rest = app
        .post(&upgrades, &json!({"TargetOffer": {"Id": BUSINESS_PREMIUM}, "UpgradeType": "upgrade_with_license_transfer"}))
        .await;
    rest.assert_ok();
    assert_eq!(rest.body["upgradeType"], 2);
    let premium = rest.body["targetSubscriptionId"].as_str().unwrap();
    assert_eq!(app.subscription(CONTOSO, premium).await.body["quantity"], 8);
    let source = app.subscription(CONTOSO, CONTOSO_ESSENTIALS).await;
    assert_eq!(source.body["status"], "suspended");
    assert_eq!(source.body["quantity"], 8);
}

#[tokio::test]
async fn upgrades_that_break_a_rule_are_refused_and_change_nothing() {
    let app = TestApp::start().await;
    let upgrades = path(CONTOSO, CONTOSO_ESSENTIALS, "upgrades");
    let to = |offer: &str| json!({"targetOffer": {"id": offer}, "upgradeType": 1});
    let refused = app
        .assert_refused(400, 900412, app.post(&upgrades, &to(ATP)))
        .await;
    assert_eq!(
        refused.header("x-mock-rule"),
        Some("transition-upgrade-path")
    );
    app.assert_refused(
        400,
        800004,
        app.post(&upgrades, &to("00000000-0000-4000-8000-000000000000")),
    )
    .await;
    app.assert_refused(400, 2000, app.post(&upgrades, &json!({"upgradeType": 1})))
        .await;
    let mut too_many = to(E3);
    too_many["quantity"] = json!(13);
    app.assert_refused(400, 2002, app.post(&upgrades, &too_many))
        .await;
    app.assert_refused(
        400,
        800091,
        app.post(
            &path(CONTOSO, CONTOSO_SUSPENDED_ESSENTIALS, "upgrades"),
            &to(E3),
        ),
    )
    .await;
}

#[tokio::test]
async fn a_legacy_trial_lists_its_conversion_and_converts_under_its_own_id() {
    let app = TestApp::start().await;
    let conversions = path(LITWARE, LITWARE_TRIAL, "conversions");
    let listed = app.get(&conversions).await;
    listed.assert_ok();
    assert_eq!(listed.body["totalCount"], 1);
    let conversion = &listed.body["items"][0];
    assert_eq!(conversion["offerId"], E3_TRIAL);
    assert_eq!(conversion["targetOfferId"], E3);
    assert_eq!(
        conversion["orderId"],
        "4d444444-4444-4444-8444-000000000002"
    );
    assert_eq!(conversion["quantity"], 25);
    assert_eq!(conversion["billingCycle"], "monthly");
    assert_eq!(conversion["attributes"]["objectType"], "Conversion");

    let mut chosen = conversion.clone();
    chosen["quantity"] = json!(30);
    let result = app.post(&conversions, &chosen).await;
    result.assert_ok();
    assert_eq!(result.body["subscriptionId"], LITWARE_TRIAL);
    assert_eq!(result.body["offerId"], E3_TRIAL);
    assert_eq!(result.body["targetOfferId"], E3);
    assert_eq!(result.body["attributes"]["objectType"], "ConversionResult");
    let paid = app.subscription(LITWARE, LITWARE_TRIAL).await;
    assert_eq!(paid.body["offerId"], E3);
    assert_eq!(paid.body["isTrial"], false);
    assert_eq!(paid.body["quantity"], 30);

    // Converted, it has no conversions left, and converting again is refused.
    assert_eq!(app.get(&conversions).await.body["totalCount"], 0);
    app.assert_refused(
        400,
        900412,
        app.post(&conversions, &json!({"targetOfferId": E3})),
    )
    .await;
}

#[tokio::test]
async fn conversions_of_anything_but_a_legacy_trial_or_by_an_app_are_refused() {
    let app = TestApp::start().await;
    let paid = path(LITWARE, LITWARE_BASE, "conversions");
    assert_eq!(app.get(&paid).await.body["totalCount"], 0);
    let body = json!({"targetOfferId": E3});
    app.assert_refused(400, 900412, app.post(&paid, &body))
        .await;
    let trial = path(LITWARE, LITWARE_TRIAL, "conversions");
    app.assert_refused(
        400,
        900412,
        app.post(&trial, &json!({"targetOfferId": ESSENTIALS})),
    )
    .await;
    app.assert_refused(400, 2000, app.post(&trial, &json!({"quantity": 3})))
        .await;
    app.assert_refused(
        400,
        2000,
        app.post(&trial, &json!({"targetOfferId": E3, "offerId": ESSENTIALS})),
    )
    .await;

    let app_only = app.with_token(app_token("default"));
    app_only.get(&trial).await.assert_fault(403, 900329);
    app_only
        .assert_refused(403, 900329, app_only.post(&trial, &body))
        .await;
}
