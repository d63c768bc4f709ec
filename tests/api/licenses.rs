//! Licences over HTTP: subscribed SKUs derived from the subscriptions (units moving with every
//! status and quantity change and with the clock), a user's licences, licence updates and each
//! of their refusals, and the two calls a TypeScript client makes, compared with the shapes the
//! reference documents.

use crate::helpers::*;
use partner_center_mock::conformance::shape_deviations;
use serde_json::{Value, json};

/// Product SKUs (Entra SKU ids) and a service plan of the default seed's offers.
const BASIC_SKU: &str = "3b555118-da6a-4418-894f-7df1e2096870";
const STANDARD_SKU: &str = "f245ecc8-75af-4f8e-b61f-27d8114de5f3";
const ATP_SKU: &str = "4ef96642-f096-40de-a3e9-d83fb2f90211";
const MINECRAFT_SKU: &str = "a1d5c0f2-7e4b-4c39-9b8e-3f60e2d1c002";
const SKYPE_PLAN: &str = "0feaeb32-d00e-4d66-bd5a-43b5b83db82c";
const POWER_BI_PLAN: &str = "70d33638-9c74-4d01-bfd3-562de28bd4ba";

/// Seeded subscriptions and users (seed-data/README.md).
const CONTOSO_JORDAN: &str = "2f222222-2222-4222-8222-000000000004";
const LITWARE_TAYLOR: &str = "4f444444-4444-4444-8444-000000000002";
const LITWARE_JAMIE: &str = "4f444444-4444-4444-8444-000000000003";

fn skus_path(customer: &str) -> String {
    format!("/v1/customers/{customer}/subscribedskus")
}

fn updates_path(customer: &str, user: &str) -> String {
    format!("/v1/customers/{customer}/users/{user}/licenseupdates")
}

fn licenses_path(customer: &str, user: &str) -> String {
    format!("/v1/customers/{customer}/users/{user}/licenses")
}

fn assign(sku: &str) -> Value {
    json!({"licensesToAssign": [{"skuId": sku}], "attributes": {"objectType": "LicenseUpdate"}})
}

/// The subscribed SKU `sku` of `customer`, or `Value::Null` when it is not listed.
async fn units(app: &TestClient, customer: &str, sku: &str) -> Value {
    let page = app.get(&skus_path(customer)).await;
    page.assert_ok();
    page.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["productSku"]["id"] == sku)
        .cloned()
        .unwrap_or(Value::Null)
}

/// `[active, suspended, warning, total, consumed, available]` of a subscribed SKU.
fn counts(units: &Value) -> [i64; 6] {
    [
        "activeUnits",
        "suspendedUnits",
        "warningUnits",
        "totalUnits",
        "consumedUnits",
        "availableUnits",
    ]
    .map(|field| units[field].as_i64().unwrap())
}

/// A user of `customer` with a usage location; returns its id.
async fn new_user(app: &TestClient, customer: &str, domain: &str, local: &str) -> String {
    let body = json!({
        "userPrincipalName": format!("{local}@{domain}"),
        "displayName": local,
        "usageLocation": "US",
        "passwordProfile": {"password": "abCD123*", "forceChangePassword": false}
    });
    let created = app
        .create(&format!("/v1/customers/{customer}/users"), &body)
        .await;
    created.body["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn assigning_an_e3_licence_to_a_new_user_raises_consumed_units() {
    let app = TestApp::start().await;
    assert_eq!(
        counts(&units(&app, CONTOSO, E3_SKU).await),
        [25, 0, 0, 25, 2, 23]
    );
    let user = new_user(&app, CONTOSO, "contosoltd.onmicrosoft.com", "new.hire").await;
    let updated = app
        .create(&updates_path(CONTOSO, &user), &assign(E3_SKU))
        .await;
    assert_eq!(
        updated.body,
        json!({"licensesToAssign": [{"skuId": E3_SKU}], "licenseWarnings": [],
               "attributes": {"objectType": "LicenseUpdate"}})
    );
    assert_eq!(
        counts(&units(&app, CONTOSO, E3_SKU).await),
        [25, 0, 0, 25, 3, 22]
    );
    let licenses = app.get(&licenses_path(CONTOSO, &user)).await;
    licenses.assert_ok();
    assert_eq!(licenses.body["totalCount"], 1);
    assert!(licenses.body.get("links").is_none());
    let license = &licenses.body["items"][0];
    assert_eq!(license["attributes"]["objectType"], "License");
    assert_eq!(license["productSku"]["id"], E3_SKU);
    assert_eq!(license["productSku"]["skuPartNumber"], "ENTERPRISEPACK");
    assert_eq!(license["productSku"]["licenseGroupId"], "group1");
    assert!(license["productSku"].get("targetType").is_none());
    let plans = license["servicePlans"].as_array().unwrap();
    assert!(plans.len() >= 5);
    assert!(
        plans
            .iter()
            .all(|plan| plan["capabilityStatus"] == "Assigned")
    );
}

#[tokio::test]
async fn suspending_the_subscription_moves_its_units_to_suspended_and_reactivating_back() {
    let app = TestApp::start().await;
    app.set_status(CONTOSO, CONTOSO_E3, "suspended")
        .await
        .assert_ok();
    let suspended = units(&app, CONTOSO, E3_SKU).await;
    assert_eq!(counts(&suspended), [0, 25, 0, 0, 2, -2]);
    assert_eq!(suspended["capabilityStatus"], "Suspended");
    assert_eq!(
        app.get(&licenses_path(CONTOSO, CONTOSO_ADMIN)).await.body["totalCount"],
        1,
        "licences stay on their users"
    );
    app.set_status(CONTOSO, CONTOSO_E3, "active")
        .await
        .assert_ok();
    let active = units(&app, CONTOSO, E3_SKU).await;
    assert_eq!(counts(&active), [25, 0, 0, 25, 2, 23]);
    assert_eq!(active["capabilityStatus"], "Enabled");
}

#[tokio::test]
async fn assigning_one_more_licence_than_available_is_refused_with_60012_and_changes_nothing() {
    let app = TestApp::start().await;
    let customer = app.new_customer("quota-test").await;
    let domain = "quota-test.onmicrosoft.com";
    app.subscribe(&customer, E3, 2).await;
    let mut users = Vec::new();
    for name in ["first", "second", "third"] {
        users.push(new_user(&app, &customer, domain, name).await);
    }
    for user in &users[..2] {
        app.create(&updates_path(&customer, user), &assign(E3_SKU))
            .await;
    }
    assert_eq!(
        counts(&units(&app, &customer, E3_SKU).await),
        [2, 0, 0, 2, 2, 0]
    );
    let refused = app
        .assert_refused(
            400,
            60012,
            app.post(&updates_path(&customer, &users[2]), &assign(E3_SKU)),
        )
        .await;
    assert_eq!(
        refused.header("x-mock-rule"),
        Some("license-units-available")
    );
    assert_eq!(
        refused.body["description"],
        "We&#39;re sorry, it looks like you've run out of licenses. Buy more licenses, and then try again."
    );
    assert_eq!(
        refused.body["data"],
        json!([format!(
            "LicenseQuotaExceededException : Subscription with Account {customer} and SKU {E3_SKU} does not have any available licenses left."
        )])
    );
    assert_eq!(
        app.get(&licenses_path(&customer, &users[2])).await.body["totalCount"],
        0
    );
    // A bigger subscription makes room.
    let subscription = app
        .get(&format!("/v1/customers/{customer}/subscriptions"))
        .await
        .str("/items/0/id")
        .to_owned();
    app.patch(
        &format!("/v1/customers/{customer}/subscriptions/{subscription}"),
        &json!({"quantity": 3}),
    )
    .await
    .assert_ok();
    app.create(&updates_path(&customer, &users[2]), &assign(E3_SKU))
        .await;
}

#[tokio::test]
async fn a_quantity_cut_below_the_consumed_units_leaves_the_licences_in_place() {
    let app = TestApp::start().await;
    app.patch(
        &format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_E3}"),
        &json!({"quantity": 1}),
    )
    .await
    .assert_ok();
    let cut = units(&app, CONTOSO, E3_SKU).await;
    assert_eq!(counts(&cut), [1, 0, 0, 1, 2, -1]);
    assert_eq!(cut["capabilityStatus"], "Enabled");
    assert_eq!(
        app.get(&licenses_path(CONTOSO, CONTOSO_ADMIN)).await.body["totalCount"],
        1
    );
    app.assert_refused(
        400,
        60012,
        app.post(&updates_path(CONTOSO, CONTOSO_PRIYA), &assign(E3_SKU)),
    )
    .await;
    // Removing a licence is always allowed, and frees a unit.
    let removed = app
        .create(
            &updates_path(CONTOSO, CONTOSO_ADMIN),
            &json!({"LicensesToAssign": [], "LicensesToRemove": [E3_SKU]}),
        )
        .await;
    assert_eq!(removed.body["licensesToRemove"], json!([E3_SKU]));
    assert_eq!(removed.body["licensesToAssign"], json!([]));
    assert_eq!(
        counts(&units(&app, CONTOSO, E3_SKU).await),
        [1, 0, 0, 1, 1, 0]
    );
}

#[tokio::test]
async fn an_expired_subscription_s_units_are_warning_units() {
    let app = TestApp::start().await;
    let customer = app.new_customer("expiry-test").await;
    let subscription = app.subscribe(&customer, E3, 3).await;
    app.patch(
        &format!("/v1/customers/{customer}/subscriptions/{subscription}"),
        &json!({"autoRenewEnabled": false}),
    )
    .await
    .assert_ok();
    let end = app
        .subscription(&customer, &subscription)
        .await
        .str("/commitmentEndDate")
        .to_owned();
    let end = chrono::DateTime::parse_from_rfc3339(&end).unwrap();
    let days = (end.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_days() + 2;
    app.advance_clock(days);
    assert_eq!(
        app.subscription(&customer, &subscription).await.body["status"],
        "expired"
    );
    let expired = units(&app, &customer, E3_SKU).await;
    assert_eq!(counts(&expired), [0, 0, 3, 3, 0, 3]);
    assert_eq!(expired["capabilityStatus"], "Warning");
}

#[tokio::test]
async fn a_cancelled_new_commerce_subscription_takes_its_units_away() {
    let app = TestApp::start().await;
    let customer = app.new_customer("cancel-test").await;
    let subscription = app.subscribe(&customer, BUSINESS_BASIC, 5).await;
    assert_eq!(
        counts(&units(&app, &customer, BASIC_SKU).await),
        [5, 0, 0, 5, 0, 5]
    );
    app.set_status(&customer, &subscription, "deleted")
        .await
        .assert_ok();
    assert_eq!(units(&app, &customer, BASIC_SKU).await, Value::Null);
    assert_eq!(app.get(&skus_path(&customer)).await.body["totalCount"], 0);
}

#[tokio::test]
async fn each_refusal_of_a_licence_update_has_its_code_and_changes_nothing() {
    let app = TestApp::start().await;
    let admin = updates_path(CONTOSO, CONTOSO_ADMIN);
    let mixed = json!({"licensesToAssign": [{"skuId": BASIC_SKU}, {"skuId": MINECRAFT_SKU}]});
    let cases: Vec<(String, Value, u16, i64, Option<&str>)> = vec![
        (
            admin.clone(),
            mixed,
            400,
            900408,
            Some("license-update-one-group"),
        ),
        (
            admin.clone(),
            assign(STANDARD_SKU),
            400,
            900409,
            Some("license-sku-subscribed"),
        ),
        (
            admin.clone(),
            assign("0f000000-0000-4000-8000-000000000000"),
            400,
            900409,
            Some("license-sku-subscribed"),
        ),
        (
            updates_path(CONTOSO, CONTOSO_JORDAN),
            assign(E3_SKU),
            400,
            900410,
            Some("license-needs-usage-location"),
        ),
        (
            admin.clone(),
            json!({"licensesToRemove": [BASIC_SKU]}),
            400,
            900411,
            Some("license-removal-assigned"),
        ),
        (
            updates_path(CONTOSO, "0f000000-0000-4000-8000-000000000000"),
            assign(E3_SKU),
            404,
            60002,
            None,
        ),
        (
            updates_path(CONTOSO, "nobody@contosoltd.onmicrosoft.com"),
            assign(E3_SKU),
            404,
            60002,
            None,
        ),
    ];
    for (path, body, status, code, rule) in cases {
        let refused = app
            .assert_refused(status, code, app.post(&path, &body))
            .await;
        assert_eq!(refused.header("x-mock-rule"), rule, "{}", refused.text);
    }
}

#[tokio::test]
async fn bad_licence_updates_are_refused_with_400_naming_the_field() {
    let app = TestApp::start().await;
    let path = updates_path(LITWARE, LITWARE_JAMIE);
    let cases = [
        (json!({}), "licensesToAssign"),
        (
            json!({"LicensesToAssign": [], "LicensesToRemove": []}),
            "licensesToAssign",
        ),
        (
            json!({"licensesToAssign": [{"excludedPlans": []}]}),
            "licensesToAssign[0].skuId",
        ),
        (
            json!({"licensesToAssign": [{"skuId": "E3"}]}),
            "licensesToAssign[0].skuId",
        ),
        (json!({"licensesToAssign": [{"skuId": -1}]}), "skuId"),
        (
            json!({"licensesToAssign": [{"skuId": ATP_SKU}, {"skuId": ATP_SKU.to_uppercase()}]}),
            "licensesToAssign[1].skuId",
        ),
        (
            json!({"licensesToRemove": [E3_SKU, E3_SKU]}),
            "licensesToRemove[1]",
        ),
        (
            json!({"licensesToAssign": [{"skuId": ATP_SKU}], "licensesToRemove": [ATP_SKU]}),
            "licensesToRemove[0]",
        ),
        (
            json!({"licensesToAssign": [{"skuId": ATP_SKU, "excludedPlans": [POWER_BI_PLAN]}]}),
            "licensesToAssign[0].excludedPlans[0]",
        ),
        (
            json!({"licensesToAssign": [{"skuId": ATP_SKU, "excludedPlans": ["plan"]}]}),
            "licensesToAssign[0].excludedPlans[0]",
        ),
        (
            json!({"licensesToRemove": "everything"}),
            "licensesToRemove",
        ),
    ];
    for (body, named) in cases {
        let refused = app.assert_refused(400, 2000, app.post(&path, &body)).await;
        let description = refused.body["description"].as_str().unwrap();
        assert!(
            description.contains(named),
            "{named} is named in: {description}"
        );
    }
}

#[tokio::test]
async fn assigning_a_held_licence_again_changes_only_its_excluded_plans() {
    let app = TestApp::start().await;
    let before = units(&app, LITWARE, E3_SKU).await;
    let plans = |answer: &Answer| -> Vec<String> {
        answer.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|license| license["productSku"]["id"] == E3_SKU)
            .unwrap()["servicePlans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|plan| plan["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let held = app.get(&licenses_path(LITWARE, LITWARE_TAYLOR)).await;
    assert!(
        !plans(&held).contains(&SKYPE_PLAN.to_owned()),
        "seeded without Skype"
    );
    let again = app
        .post(
            &updates_path(LITWARE, LITWARE_TAYLOR),
            &json!({"LicensesToAssign": [{"ExcludedPlans": null, "SkuId": E3_SKU}],
                    "LicensesToRemove": null, "LicenseWarnings": null,
                    "Attributes": {"ObjectType": "LicenseUpdate"}}),
        )
        .await;
    assert_eq!(again.status, 201, "{}", again.text);
    let now = app.get(&licenses_path(LITWARE, LITWARE_TAYLOR)).await;
    assert!(plans(&now).contains(&SKYPE_PLAN.to_owned()));
    assert_eq!(units(&app, LITWARE, E3_SKU).await, before, "no unit moves");
    let excluded = app
        .post(
            &updates_path(LITWARE, LITWARE_TAYLOR),
            &json!({"licensesToAssign": [{"skuId": E3_SKU, "excludedPlans": [SKYPE_PLAN]}]}),
        )
        .await;
    assert_eq!(
        excluded.body["licensesToAssign"][0]["excludedPlans"],
        json!([SKYPE_PLAN])
    );
}

#[tokio::test]
async fn one_update_assigns_and_removes_and_names_the_user_by_principal_name() {
    let app = TestApp::start().await;
    let atp_before = counts(&units(&app, LITWARE, ATP_SKU).await);
    let e3_before = counts(&units(&app, LITWARE, E3_SKU).await);
    app.create(
        &updates_path(LITWARE, "Jamie.Ortiz@litwareinc.onmicrosoft.com"),
        &json!({"licensesToAssign": [{"skuId": ATP_SKU}], "licensesToRemove": [E3_SKU]}),
    )
    .await;
    assert_eq!(
        counts(&units(&app, LITWARE, ATP_SKU).await)[4],
        atp_before[4] + 1
    );
    assert_eq!(
        counts(&units(&app, LITWARE, E3_SKU).await)[4],
        e3_before[4] - 1
    );
    let held = app.get(&licenses_path(LITWARE, LITWARE_JAMIE)).await;
    assert_eq!(held.body["totalCount"], 1);
    assert_eq!(held.body["items"][0]["productSku"]["id"], ATP_SKU);
}

#[tokio::test]
async fn licence_groups_choose_what_subscribed_skus_and_user_licences_list() {
    let app = TestApp::start().await;
    let default = app.get(&skus_path(LITWARE)).await;
    assert_eq!(default.body["totalCount"], 2);
    assert!(default.body.get("links").is_none(), "no links, no paging");
    let both = app
        .get(&format!(
            "{}?licenseGroupIds=Group1&licenseGroupIds=Group2",
            skus_path(LITWARE)
        ))
        .await;
    assert_eq!(both.body, default.body);
    let joined = app
        .get(&format!(
            "{}?LicenseGroupIds=group1,group2",
            skus_path(LITWARE)
        ))
        .await;
    assert_eq!(joined.body, default.body);
    let group2 = app
        .get(&format!("{}?licenseGroupIds=Group2", skus_path(LITWARE)))
        .await;
    assert_eq!(
        group2.body,
        json!({"totalCount": 0, "items": [], "attributes": {"objectType": "Collection"}})
    );
    let user_group2 = app
        .get(&format!(
            "{}?licenseGroupIds=Group2",
            licenses_path(LITWARE, LITWARE_TAYLOR)
        ))
        .await;
    assert_eq!(user_group2.body["totalCount"], 0);
    app.get(&format!("{}?licenseGroupIds=Group3", skus_path(LITWARE)))
        .await
        .assert_fault(400, 2000);
}

#[tokio::test]
async fn a_deleted_user_frees_its_units_and_a_restore_takes_them_back_only_while_units_allow() {
    let app = TestApp::start().await;
    let customer = app.new_customer("restore-test").await;
    let domain = "restore-test.onmicrosoft.com";
    app.subscribe(&customer, E3, 1).await;
    let first = new_user(&app, &customer, domain, "first").await;
    let second = new_user(&app, &customer, domain, "second").await;
    app.post(&updates_path(&customer, &first), &assign(E3_SKU))
        .await;
    let user = |id: &str| format!("/v1/customers/{customer}/users/{id}");
    app.delete(&user(&first)).await;
    assert_eq!(
        counts(&units(&app, &customer, E3_SKU).await),
        [1, 0, 0, 1, 0, 1]
    );
    app.create(&updates_path(&customer, &second), &assign(E3_SKU))
        .await;
    let restored = app.patch(&user(&first), &json!({"state": "active"})).await;
    restored.assert_ok();
    assert_eq!(
        app.get(&licenses_path(&customer, &first)).await.body["totalCount"],
        0,
        "no unit was left for the restored user's licence"
    );
    assert_eq!(
        counts(&units(&app, &customer, E3_SKU).await),
        [1, 0, 0, 1, 1, 0]
    );

    // With a unit free, the licence comes back with the user.
    app.post(
        &updates_path(&customer, &second),
        &json!({"licensesToRemove": [E3_SKU]}),
    )
    .await;
    app.post(&updates_path(&customer, &first), &assign(E3_SKU))
        .await;
    app.delete(&user(&first)).await;
    app.patch(&user(&first), &json!({"state": "active"}))
        .await
        .assert_ok();
    assert_eq!(
        app.get(&licenses_path(&customer, &first)).await.body["totalCount"],
        1
    );
}

/// The two calls of the TypeScript client (pliancy/microsoft-partnercenter-node): the user list
/// and the subscribed SKUs, compared with the shapes of the docs' examples as the reference
/// api-users-licenses gives them (§3.2, §5.2, §5.3), and with any recorded answers of these
/// calls in `../shared/contract`.
#[tokio::test]
async fn the_typescript_client_s_two_calls_answer_as_the_reference_shows() {
    let app = TestApp::start().await;
    // Litware's users all have a usage location, as the docs' first item does; an unset one is
    // left out (the docs' second item, and Contoso's Jordan Lee).
    let users = app.get(&format!("/v1/customers/{LITWARE}/users")).await;
    users.assert_ok();
    let skus = app.get(&skus_path(LITWARE)).await;
    skus.assert_ok();
    let link = json!({"uri": "/customers/c/users", "method": "GET", "headers": []});
    let documented_users = json!({
        "totalCount": 2,
        "items": [{
            "usageLocation": "US", "id": "u", "userPrincipalName": "u@d", "firstName": "f",
            "lastName": "l", "displayName": "d", "userDomainType": "none", "state": "active",
            "links": {"self": link}, "attributes": {"objectType": "CustomerUser"}
        }],
        "links": {"self": link},
        "attributes": {"objectType": "Collection"}
    });
    let documented_skus = json!({
        "totalCount": 1,
        "items": [{
            "availableUnits": 4, "activeUnits": 5, "consumedUnits": 1, "suspendedUnits": 0,
            "totalUnits": 5, "warningUnits": 0,
            "productSku": {"id": "s", "name": "n", "skuPartNumber": "EMS", "targetType": "User",
                           "licenseGroupId": "group1"},
            "servicePlans": [{"displayName": "d", "serviceName": "s", "id": "p",
                              "capabilityStatus": "Enabled", "targetType": "User"}],
            "capabilityStatus": "Enabled",
            "attributes": {"objectType": "SubscribedSku"}
        }],
        "attributes": {"objectType": "Collection"}
    });
    assert_eq!(shape_deviations(&documented_users, &users.body), []);
    assert_eq!(shape_deviations(&documented_skus, &skus.body), []);
    assert!(skus.body.get("links").is_none());
    // The client finds a user by its exact principal name on the first page.
    assert!(
        users.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["userPrincipalName"] == "admin@litwareinc.onmicrosoft.com")
    );
    for (recorded, answer) in recorded_answers(&users, &skus) {
        assert_eq!(
            shape_deviations(&recorded, &answer.body),
            [],
            "recorded answer"
        );
    }
}

/// The recorded answers of these two calls in `../shared/contract`, each with the mock's answer
/// to compare it with; none where nothing of this surface has been recorded.
fn recorded_answers<'a>(users: &'a Answer, skus: &'a Answer) -> Vec<(Value, &'a Answer)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/contract");
    let files = std::fs::read_dir(&root)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|folder| folder.path().is_dir())
        .flat_map(|folder| {
            std::fs::read_dir(folder.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|file| file.path());
    let mut found = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_ascii_lowercase();
        if !name.ends_with(".response.json") {
            continue;
        }
        let answer = if name.contains("subscribedsku") || name.contains("available-licenses") {
            skus
        } else if name.contains("users") && !name.contains("error") {
            users
        } else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        found.push((serde_json::from_str(&text).unwrap(), answer));
    }
    if found.is_empty() {
        eprintln!("note: ../shared/contract holds no recorded user list or subscribed SKUs");
    }
    found
}

#[tokio::test]
async fn units_follow_the_subscriptions_of_every_namespace_on_their_own() {
    let app = TestApp::start().await;
    let other = app.in_namespace("licences-elsewhere");
    app.set_status(CONTOSO, CONTOSO_E3, "suspended")
        .await
        .assert_ok();
    assert_eq!(counts(&units(&app, CONTOSO, E3_SKU).await)[0], 0);
    assert_eq!(counts(&units(&other, CONTOSO, E3_SKU).await)[0], 25);
}
