//! The control plane's data tools: namespaces, reset, export and import, snapshots, forks, clock.

use crate::helpers::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn two_namespaces_never_see_each_others_customers_or_clock() {
    let app = TestApp::start().await;
    let (a, b) = (app.in_namespace("a"), app.in_namespace("b"));
    let id = a.new_customer("onlya").await;
    let path = format!("/v1/customers/{id}");
    a.get(&path).await.assert_ok();
    b.get(&path).await.assert_fault(404, 1000);

    let before_b = b.get("/_mock/clock").await.body["now"].clone();
    a.advance("P30D").await;
    let a_now = a.get("/_mock/clock").await.body["now"].clone();
    let b_now = b.get("/_mock/clock").await.body["now"].clone();
    assert!(a_now.as_str().unwrap() > "2026", "{a_now}");
    assert!(
        b_now.as_str() < a_now.as_str(),
        "b's clock did not move: {before_b} {b_now} {a_now}"
    );

    let partners = app.get("/_mock/partners").await;
    let names: Vec<&str> = partners.strings("/items", "name");
    for name in ["a", "b", "default"] {
        assert!(names.contains(&name), "{names:?}");
    }
    let a = partners.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "a")
        .unwrap();
    let b = partners.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "b")
        .unwrap();
    assert_eq!(
        a["customers"].as_u64().unwrap(),
        b["customers"].as_u64().unwrap() + 1
    );
}

#[tokio::test]
async fn reset_restores_the_seed() {
    let app = TestApp::start().await;
    let seed = app.get("/_mock/state").await.body;
    app.new_customer("resetme").await;
    app.remove_relationship(ADATUM).await.assert_ok();
    app.in_namespace("default")
        .post("/_mock/clock/advance", &json!({"seconds": 86400}))
        .await;
    assert_ne!(app.get("/_mock/state").await.body, seed);
    let reset = app.post_empty("/_mock/reset").await;
    reset.assert_ok();
    assert_eq!(app.get("/_mock/state").await.body, seed);
    app.get(&format!("/v1/customers/{ADATUM}"))
        .await
        .assert_ok();

    // ?all=true resets every namespace.
    let other = app.in_namespace("other");
    other
        .post("/_mock/clock/advance", &json!({"duration": "P1D"}))
        .await;
    other.new_customer("otherns").await;
    app.post_empty("/_mock/reset?all=true").await.assert_ok();
    assert_eq!(other.state().await, seed);
}

#[tokio::test]
async fn export_then_import_is_an_identity_and_the_export_is_deterministic() {
    let app = TestApp::start().await;
    let customer = app.new_customer("exported").await;
    app.subscribe(&customer, E3, 3).await;
    app.order(&customer, RESERVED_VM, 1).await;
    app.set_status(CONTOSO, "2c222222-2222-4222-8222-000000000001", "suspended")
        .await
        .assert_ok();
    let exported = app.get("/_mock/state").await;
    exported.assert_ok();
    let ids: Vec<&str> = exported.strings("/customers", "id");
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "customers in ascending id order");

    let other = TestApp::with(partner_center_mock::MockPartnerCenter::builder().no_seed()).await;
    let imported = other.put("/_mock/state", &exported.body).await;
    imported.assert_ok();
    assert_eq!(imported.body["customers"], ids.len());
    assert_eq!(other.get("/_mock/state").await.body, exported.body);
    assert_eq!(
        other
            .get(&format!("/v1/customers/{customer}/subscriptions"))
            .await
            .body,
        app.get(&format!("/v1/customers/{customer}/subscriptions"))
            .await
            .body
    );
    // The export is a seed: the same bytes twice.
    assert_eq!(app.get("/_mock/state").await.text, exported.text);
}

#[tokio::test]
async fn an_invalid_state_document_is_refused_and_changes_nothing() {
    let app = TestApp::start().await;
    let answer = app
        .assert_refused(
            400,
            2000,
            app.put(
                "/_mock/state",
                &json!({"partner": {"id": "p"}, "customers": []}),
            ),
        )
        .await;
    assert!(
        answer.str("/description").contains("partner"),
        "{}",
        answer.text
    );
    app.assert_refused(
        400,
        2000,
        app.call(Method::PUT, "/_mock/state", Some("{".to_owned()), &[]),
    )
    .await;
}

/// Found by schemathesis: a seed document asking for trillions of generated customers made the
/// mock try to allocate them all, and abort.
#[tokio::test]
async fn a_state_document_asking_for_too_many_generated_customers_is_refused() {
    let app = TestApp::start().await;
    let partner = app.state().await["partner"].clone();
    for (generated, field) in [
        (
            json!({"count": 3_477_314_521_327_650_u64, "seed": 299_177, "subscriptionsEach": 830_300}),
            "generatedCustomers.count",
        ),
        (
            json!({"count": 10, "subscriptionsEach": 830_300}),
            "generatedCustomers.subscriptionsEach",
        ),
        (
            json!({"count": 1_000_000, "subscriptionsEach": 2}),
            "generatedCustomers.subscriptionsEach",
        ),
    ] {
        let answer = app
            .assert_refused(
                400,
                2000,
                app.put(
                    "/_mock/state",
                    &json!({"partner": partner, "generatedCustomers": generated}),
                ),
            )
            .await;
        let description = answer.body["description"].as_str().unwrap();
        assert!(description.contains(field), "{}", answer.text);
    }
}

#[tokio::test]
async fn a_snapshot_restores_exactly() {
    let app = TestApp::start().await;
    let saved = app
        .create("/_mock/snapshots", &json!({"name": "before-cleanup"}))
        .await;
    assert_eq!(saved.body["name"], "before-cleanup");
    let state = app.get("/_mock/state").await.body;
    app.remove_relationship(ADATUM).await.assert_ok();
    app.new_customer("aftersnapshot").await;
    assert_ne!(app.get("/_mock/state").await.body, state);
    app.post_empty("/_mock/snapshots/before-cleanup/restore")
        .await
        .assert_ok();
    assert_eq!(app.get("/_mock/state").await.body, state);

    let list = app.get("/_mock/snapshots").await;
    assert_eq!(list.body["items"][0]["name"], "before-cleanup");
    assert_eq!(
        app.delete("/_mock/snapshots/before-cleanup").await.status,
        204
    );
    app.post_empty("/_mock/snapshots/before-cleanup/restore")
        .await
        .assert_fault(404, 1000);
    app.delete("/_mock/snapshots/before-cleanup")
        .await
        .assert_fault(404, 1000);
    app.post("/_mock/snapshots", &json!({"name": "no spaces"}))
        .await
        .assert_fault(400, 2000);
}

#[tokio::test]
async fn a_fork_diverges_independently() {
    let app = TestApp::start().await;
    app.new_customer("beforefork").await;
    app.create("/_mock/partners/default/fork", &json!({"to": "copy"}))
        .await;
    let original = app.get("/_mock/state").await.body;
    let copy = app.in_namespace("copy");
    assert_eq!(copy.state().await, original);

    app.remove_relationship(ADATUM).await.assert_ok();
    let in_copy = copy.get(&format!("/v1/customers/{ADATUM}")).await;
    in_copy.assert_ok();
    assert_eq!(in_copy.body["relationshipToPartner"], "reseller");
    copy.patch(
        &format!("/v1/customers/{CONTOSO}"),
        &json!({"allowDelegatedAccess": false}),
    )
    .await
    .assert_ok();
    assert_eq!(
        app.get(&format!("/v1/customers/{CONTOSO}")).await.body["allowDelegatedAccess"],
        true
    );

    app.post("/_mock/partners/default/fork", &json!({"to": "copy"}))
        .await
        .assert_fault(409, 2000);
    app.post("/_mock/partners/nowhere/fork", &json!({"to": "x"}))
        .await
        .assert_fault(404, 1000);
}

#[tokio::test]
async fn advancing_the_clock_eight_days_closes_a_new_commerce_window() {
    let app = TestApp::start().await;
    let customer = app.new_customer("clockwindow").await;
    let subscription = app.subscribe(&customer, BUSINESS_BASIC, 2).await;
    let before = app.get("/_mock/clock").await.str("/now").to_owned();
    let advanced = app
        .post("/_mock/clock/advance", &json!({"duration": "P8D"}))
        .await;
    advanced.assert_ok();
    assert!(advanced.body["now"].as_str().unwrap() > before.as_str());
    app.set_status(&customer, &subscription, "deleted")
        .await
        .assert_fault(400, 900117);
    for bad in [
        json!({"duration": "eight days"}),
        json!({"seconds": -5}),
        json!({}),
        json!({"duration": "P1D", "seconds": 1}),
    ] {
        app.post("/_mock/clock/advance", &bad)
            .await
            .assert_fault(400, 2000);
    }
}
