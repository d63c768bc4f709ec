//! Legacy → new-commerce migrations over HTTP: validation with its integer codes, a migration
//! that suspends the legacy subscription and completes on the clock, the partner's list paged
//! through the `MS-ContinuationToken` header, the events, and every refusal.

use crate::helpers::{
    ADATUM, CONTOSO, CONTOSO_E3, CONTOSO_ESSENTIALS, FABRIKAM, LITWARE, LITWARE_ADD_ON,
    LITWARE_BASE, LITWARE_ORDER, NORTHWIND, NORTHWIND_BASIC, OFFICE_E3_NCE, SEEDED_MIGRATION,
    TestApp,
};
use serde_json::{Value, json};

const ADATUM_E3: &str = "1c111111-1111-4111-8111-000000000001";
const DEFENDER_NCE: &str = "CFQ7TTC0LHSF:0001:CFQ7TTC0K9PL";

fn migrations_of(customer: &str) -> String {
    format!("/v1/customers/{customer}/migrations/newcommerce")
}

async fn migrate(app: &TestApp, customer: &str, body: Value) -> crate::helpers::Answer {
    app.post(&migrations_of(customer), &body).await
}

async fn validate(app: &TestApp, customer: &str, body: Value) -> Value {
    let answer = app
        .post(&format!("{}/validate", migrations_of(customer)), &body)
        .await;
    answer.assert_ok();
    answer.body
}

async fn now(app: &TestApp) -> chrono::DateTime<chrono::Utc> {
    let clock = app.get("/_mock/clock").await;
    clock.body["now"].as_str().unwrap().parse().unwrap()
}

fn codes(eligibility: &Value) -> Vec<i64> {
    eligibility["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_migration_suspends_the_legacy_subscription_and_completes_into_new_commerce_once_the_delay_passes()
 {
    let app = TestApp::start().await;
    app.settings(json!({"provisioningDelay": "PT1H"})).await;
    let legacy = app.subscription(CONTOSO, CONTOSO_E3).await;
    let started = migrate(
        &app,
        CONTOSO,
        json!({"CurrentSubscriptionId": CONTOSO_E3.to_uppercase(), "Quantity": 12,
               "ExternalReferenceId": "batch-7"}),
    )
    .await;
    assert_eq!(started.status, 201, "{}", started.text);
    let migration = &started.body;
    assert_eq!(migration["status"], "Processing");
    assert_eq!(migration["currentSubscriptionId"], CONTOSO_E3);
    assert_eq!(migration["customerTenantId"], CONTOSO);
    assert_eq!(migration["catalogItemId"], OFFICE_E3_NCE);
    assert_eq!(migration["quantity"], 12);
    assert_eq!(migration["termDuration"], "P1Y");
    assert_eq!(migration["billingCycle"], "Monthly");
    assert_eq!(migration["purchaseFullTerm"], false);
    assert_eq!(migration["externalReferenceId"], "batch-7");
    assert_eq!(
        migration["subscriptionEndDate"].as_str().unwrap()[..19],
        legacy.body["commitmentEndDate"].as_str().unwrap()[..19]
    );
    assert_eq!(
        migration["attributes"]["objectType"],
        "NewCommerceMigration"
    );
    assert!(migration.get("completedTime").is_none());
    assert!(migration.get("newCommerceSubscriptionId").is_none());
    let id = migration["id"].as_str().unwrap().to_owned();

    let suspended = app.subscription(CONTOSO, CONTOSO_E3).await;
    assert_eq!(suspended.body["status"], "suspended");
    let path = format!("{}/{id}", migrations_of(CONTOSO));
    assert_eq!(app.get(&path).await.body["status"], "Processing");
    let before = app
        .get(&format!("/v1/customers/{CONTOSO}/subscriptions"))
        .await;

    app.advance_seconds(3600).await;
    let completed = app.get(&path).await;
    completed.assert_ok();
    assert_eq!(completed.body["status"], "Completed");
    assert!(completed.body["completedTime"].is_string());
    let order = completed.body["newCommerceOrderId"].as_str().unwrap();
    assert_eq!(order.len(), 12);
    assert!(order.bytes().all(|b| b.is_ascii_hexdigit()));
    let new_id = completed.str("/newCommerceSubscriptionId");
    let bought = app.subscription(CONTOSO, new_id).await;
    bought.assert_ok();
    assert_eq!(bought.body["status"], "active");
    assert_eq!(bought.body["offerId"], OFFICE_E3_NCE);
    assert_eq!(bought.body["quantity"], 12);
    assert_eq!(bought.body["termDuration"], "P1Y");
    assert_eq!(bought.body["billingCycle"], "monthly");
    assert_eq!(bought.body["orderId"], order);
    assert_eq!(bought.body["productType"]["id"], "OnlineServicesNCE");
    assert_eq!(bought.body["migratedFromSubscriptionId"], CONTOSO_E3);
    assert_eq!(
        bought.body["commitmentEndDate"].as_str().unwrap()[..19],
        legacy.body["commitmentEndDate"].as_str().unwrap()[..19],
        "the legacy term's end is kept"
    );
    assert_eq!(bought.body["friendlyName"], legacy.body["friendlyName"]);
    assert!(bought.body["cancellationAllowedUntilDate"].is_string());
    let after = app
        .get(&format!("/v1/customers/{CONTOSO}/subscriptions"))
        .await;
    assert_eq!(
        after.body["totalCount"].as_u64().unwrap(),
        before.body["totalCount"].as_u64().unwrap() + 1
    );
    let placed = app
        .get(&format!("/v1/customers/{CONTOSO}/orders/{order}"))
        .await;
    placed.assert_ok();
    assert_eq!(placed.body["status"], "completed");
    assert_eq!(placed.body["lineItems"][0]["subscriptionId"], new_id);
    assert_eq!(
        app.subscription(CONTOSO, CONTOSO_E3).await.body["status"],
        "suspended"
    );
}

#[tokio::test]
async fn without_a_delay_a_migration_completes_at_the_next_read_and_a_full_term_starts_anew() {
    let app = TestApp::start().await;
    let started = migrate(
        &app,
        CONTOSO,
        json!({"currentSubscriptionId": CONTOSO_ESSENTIALS, "purchaseFullTerm": true,
               "termDuration": "P1M", "billingCycle": "monthly"}),
    )
    .await;
    assert_eq!(started.status, 201, "{}", started.text);
    assert_eq!(started.body["status"], "Processing");
    let id = started.body["id"].as_str().unwrap();
    let read = app.get(&format!("{}/{id}", migrations_of(CONTOSO))).await;
    assert_eq!(read.body["status"], "Completed");
    assert_eq!(read.body["completedTime"], read.body["startedTime"]);
    assert_eq!(read.body["termDuration"], "P1M");
    let bought = app
        .subscription(
            CONTOSO,
            read.body["newCommerceSubscriptionId"].as_str().unwrap(),
        )
        .await;
    assert_eq!(bought.body["offerId"], "CFQ7TTC0LH18:0001:CFQ7TTC0K971");
    let start = now(&app).await;
    let end: chrono::DateTime<chrono::Utc> = bought.str("/commitmentEndDate").parse().unwrap();
    assert!(
        end > start + chrono::Duration::days(27) && end < start + chrono::Duration::days(32),
        "a new one-month term: {end}"
    );
}

#[tokio::test]
async fn a_base_migrates_with_its_active_add_ons_as_one_bundle() {
    let app = TestApp::start().await;
    let eligibility = validate(
        &app,
        LITWARE,
        json!({"currentSubscriptionId": LITWARE_BASE}),
    )
    .await;
    assert_eq!(eligibility["isEligible"], true, "{eligibility}");
    assert_eq!(
        eligibility["addOnMigrations"][0]["catalogItemId"],
        DEFENDER_NCE
    );
    let started = migrate(
        &app,
        LITWARE,
        json!({"currentSubscriptionId": LITWARE_BASE,
               "addOnMigrations": [{"currentSubscriptionId": LITWARE_ADD_ON, "quantity": 2}]}),
    )
    .await;
    assert_eq!(started.status, 201, "{}", started.text);
    let add_on = &started.body["addOnMigrations"][0];
    assert_eq!(add_on["currentSubscriptionId"], LITWARE_ADD_ON);
    assert_eq!(add_on["quantity"], 2);
    for legacy in [LITWARE_BASE, LITWARE_ADD_ON] {
        assert_eq!(
            app.subscription(LITWARE, legacy).await.body["status"],
            "suspended"
        );
    }
    let id = started.body["id"].as_str().unwrap();
    let done = app.get(&format!("{}/{id}", migrations_of(LITWARE))).await;
    let base = done.body["newCommerceSubscriptionId"].as_str().unwrap();
    let add_on = done.str("/addOnMigrations/0/newCommerceSubscriptionId");
    let bought = app.subscription(LITWARE, add_on).await;
    assert_eq!(bought.body["offerId"], DEFENDER_NCE);
    assert_eq!(bought.body["parentSubscriptionId"], base);
    assert_eq!(bought.body["quantity"], 2);
}

#[tokio::test]
async fn validation_answers_ineligible_subscriptions_with_integer_codes() {
    let app = TestApp::start().await;
    let eligible = validate(&app, CONTOSO, json!({"currentSubscriptionId": CONTOSO_E3})).await;
    assert_eq!(eligible["isEligible"], true);
    assert_eq!(eligible["catalogItemId"], OFFICE_E3_NCE);
    assert_eq!(eligible["termDuration"], "P1Y");
    assert_eq!(eligible["billingCycle"], "Monthly");
    assert_eq!(eligible["errors"], json!([]));
    assert_eq!(eligible["addOnMigrations"], json!([]));
    assert_eq!(
        eligible["attributes"]["objectType"],
        "NewCommerceEligibility"
    );

    let suspended = validate(&app, ADATUM, json!({"currentSubscriptionId": ADATUM_E3})).await;
    assert_eq!(suspended["isEligible"], false);
    assert_eq!(codes(&suspended), [0]);

    let unsold = validate(
        &app,
        CONTOSO,
        json!({"currentSubscriptionId": CONTOSO_E3, "termDuration": "P1M", "billingCycle": "Annual"}),
    )
    .await;
    assert_eq!(codes(&unsold), [6]);

    let already = validate(
        &app,
        NORTHWIND,
        json!({"currentSubscriptionId": NORTHWIND_BASIC}),
    )
    .await;
    assert_eq!(codes(&already), [5]);
    assert!(already.get("catalogItemId").is_none());

    let azure = app.subscribe(CONTOSO, "MS-AZR-0145P", 1).await;
    let no_path = validate(&app, CONTOSO, json!({"currentSubscriptionId": azure})).await;
    assert_eq!(codes(&no_path), [5]);
    assert_eq!(
        no_path["errors"][0]["description"],
        "Subscription cannot be migrated to New Commerce because the equivalent offer is not yet available in New Commerce"
    );

    app.settings(json!({"provisioningDelay": "PT1H"})).await;
    let started = migrate(&app, CONTOSO, json!({"currentSubscriptionId": CONTOSO_E3})).await;
    assert_eq!(started.status, 201, "{}", started.text);
    let processing = validate(&app, CONTOSO, json!({"currentSubscriptionId": CONTOSO_E3})).await;
    assert_eq!(codes(&processing), [1, 0]);
}

#[tokio::test]
async fn an_add_on_without_a_new_commerce_path_blocks_its_bundle() {
    let app = TestApp::start().await;
    let ediscovery = "c94271d8-b431-4a25-a3c5-a57737a1c909";
    let ordered = app
        .patch(
            &format!("/v1/customers/{LITWARE}/orders/{LITWARE_ORDER}"),
            &json!({"lineItems": [{"offerId": ediscovery, "quantity": 1,
                                   "parentSubscriptionId": LITWARE_BASE}]}),
        )
        .await;
    ordered.assert_ok();
    let eligibility = validate(
        &app,
        LITWARE,
        json!({"currentSubscriptionId": LITWARE_BASE}),
    )
    .await;
    assert_eq!(codes(&eligibility), [4]);
    let blocked = eligibility["addOnMigrations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isEligible"] == false)
        .unwrap();
    assert_eq!(codes(blocked), [5]);
    app.assert_refused(
        400,
        900220,
        migrate(
            &app,
            LITWARE,
            json!({"currentSubscriptionId": LITWARE_BASE}),
        ),
    )
    .await;
}

#[tokio::test]
async fn the_migration_tools_pascal_case_body_with_blanks_and_nulls_is_taken() {
    let app = TestApp::start().await;
    let body = json!({
        "Id": "", "StartedTime": null, "CompletedTime": null,
        "CurrentSubscriptionId": CONTOSO_E3, "Status": "", "CustomerTenantId": "",
        "CatalogItemId": "", "NewCommerceSubscriptionId": "", "NewCommerceOrderId": "",
        "SubscriptionEndDate": null, "Quantity": 0, "TermDuration": "", "BillingCycle": "",
        "PurchaseFullTerm": false, "ExternalReferenceId": "", "AddOnMigrations": []
    });
    assert_eq!(
        validate(&app, CONTOSO, body.clone()).await["isEligible"],
        true
    );
    let started = migrate(&app, CONTOSO, body).await;
    assert_eq!(started.status, 201, "{}", started.text);
    let legacy = app.subscription(CONTOSO, CONTOSO_E3).await;
    assert_eq!(started.body["quantity"], legacy.body["quantity"]);
    assert!(started.body.get("externalReferenceId").is_none());
}

#[tokio::test]
async fn the_events_of_a_migration_come_in_the_documented_order() {
    let app = TestApp::start().await;
    let started = migrate(&app, CONTOSO, json!({"currentSubscriptionId": CONTOSO_E3})).await;
    let id = started.body["id"].as_str().unwrap();
    let events = app
        .get(&format!(
            "{}/events?migration_id={id}",
            migrations_of(CONTOSO)
        ))
        .await;
    events.assert_ok();
    let names: Vec<&str> = events
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["eventName"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "MigrationStarted",
            "NewCommerceSubscriptionCreated",
            "NewCommerceSubscriptionProvisioned",
            "MigrationCompleted"
        ]
    );
    for event in events.body.as_array().unwrap() {
        assert_eq!(event["newCommerceMigrationId"], id);
        assert_eq!(event["currentSubscriptionId"], CONTOSO_E3);
        assert_eq!(event["customerTenantId"], CONTOSO);
    }
    let by_subscription = app
        .get(&format!(
            "{}/events?CurrentSubscriptionId={}",
            migrations_of(CONTOSO),
            CONTOSO_E3.to_uppercase()
        ))
        .await;
    assert_eq!(by_subscription.body, events.body);
    app.get(&format!("{}/events", migrations_of(CONTOSO)))
        .await
        .assert_fault(400, 2000);
    let seeded = app
        .get(&format!(
            "{}/events?migration_id={SEEDED_MIGRATION}",
            migrations_of(FABRIKAM)
        ))
        .await;
    assert_eq!(seeded.body[1]["eventName"], "MigrationFailed");
}

#[tokio::test]
async fn the_partners_migrations_are_listed_and_paged_through_the_continuation_header() {
    let app = TestApp::start().await;
    for (customer, subscription) in [
        (CONTOSO, CONTOSO_E3),
        (CONTOSO, CONTOSO_ESSENTIALS),
        (LITWARE, LITWARE_BASE),
    ] {
        let started = migrate(
            &app,
            customer,
            json!({"currentSubscriptionId": subscription, "externalReferenceId": "Batch-9"}),
        )
        .await;
        assert_eq!(started.status, 201, "{}", started.text);
    }
    let first = app
        .get("/v1/migrations/newcommerce?ExternalReferenceId=batch-9&PageSize=2")
        .await;
    first.assert_ok();
    assert_eq!(first.body.as_array().unwrap().len(), 2);
    let token = first
        .header("MS-ContinuationToken")
        .expect("a token for the next page")
        .to_owned();
    let next = app
        .continued(
            "/v1/migrations/newcommerce?ExternalReferenceId=batch-9&PageSize=2",
            &token,
        )
        .await;
    next.assert_ok();
    let last = next.body.as_array().unwrap();
    assert_eq!(last.len(), 1);
    assert!(next.header("MS-ContinuationToken").is_none());
    let mut seen: Vec<&str> = first
        .body
        .as_array()
        .unwrap()
        .iter()
        .chain(last)
        .map(|m| m["currentSubscriptionId"].as_str().unwrap())
        .collect();
    seen.sort_unstable();
    assert_eq!(seen, [CONTOSO_E3, CONTOSO_ESSENTIALS, LITWARE_BASE]);

    let contoso = app
        .get(&format!(
            "/v1/migrations/newcommerce?customerTenantId={CONTOSO}"
        ))
        .await;
    assert_eq!(contoso.body.as_array().unwrap().len(), 2);
    let one = app
        .get(&format!(
            "/v1/migrations/newcommerce?CurrentSubscriptionId={LITWARE_ADD_ON}"
        ))
        .await;
    assert_eq!(one.body[0]["currentSubscriptionId"], LITWARE_BASE);
    let seeded = app
        .get("/v1/migrations/newcommerce?ExternalReferenceId=fabrikam-batch-1")
        .await;
    assert_eq!(seeded.body[0]["status"], "Failed");

    app.get("/v1/migrations/newcommerce")
        .await
        .assert_fault(400, 2000);
    app.get("/v1/migrations/newcommerce?CustomerTenantId=nope")
        .await
        .assert_fault(400, 2000);
    app.continued(
        &format!("/v1/migrations/newcommerce?CustomerTenantId={CONTOSO}"),
        &token,
    )
    .await
    .assert_fault(400, 2000);
    app.continued(
        "/v1/migrations/newcommerce?ExternalReferenceId=batch-9",
        "forged.token",
    )
    .await
    .assert_fault(400, 2000);
}

#[tokio::test]
async fn a_migration_is_refused_with_its_documented_code_and_changes_nothing() {
    let app = TestApp::start().await;
    let unknown = "0badc0de-0000-4000-8000-000000000000";
    let cases = [
        (CONTOSO, json!({"currentSubscriptionId": unknown}), 900224),
        (CONTOSO, json!({"currentSubscriptionId": "nope"}), 900224),
        (CONTOSO, json!({"currentSubscriptionId": ADATUM_E3}), 900224),
        (CONTOSO, json!({"CurrentSubscriptionId": ""}), 2000),
        (ADATUM, json!({"currentSubscriptionId": ADATUM_E3}), 900215),
        (
            NORTHWIND,
            json!({"currentSubscriptionId": NORTHWIND_BASIC}),
            900220,
        ),
        (
            CONTOSO,
            json!({"currentSubscriptionId": CONTOSO_E3, "termDuration": "P1M", "billingCycle": "annual"}),
            900222,
        ),
        (
            LITWARE,
            json!({"currentSubscriptionId": LITWARE_BASE, "addOnMigrations": [
                {"currentSubscriptionId": LITWARE_ADD_ON}, {"currentSubscriptionId": LITWARE_ADD_ON}]}),
            900248,
        ),
        (
            LITWARE,
            json!({"currentSubscriptionId": LITWARE_BASE, "addOnMigrations": [
                {"currentSubscriptionId": unknown}]}),
            900262,
        ),
    ];
    for (customer, body, code) in cases {
        app.assert_refused(400, code, migrate(&app, customer, body))
            .await;
    }
    let answer = app
        .assert_refused(
            400,
            900215,
            migrate(&app, ADATUM, json!({"currentSubscriptionId": ADATUM_E3})),
        )
        .await;
    assert_eq!(
        answer.header("X-Mock-Rule"),
        Some("migration-subscription-active")
    );
    app.get(&format!("{}/{}", migrations_of(CONTOSO), unknown))
        .await
        .assert_fault(404, 1000);
    app.get(&format!("{}/nope", migrations_of(CONTOSO)))
        .await
        .assert_fault(400, 2000);
}

#[tokio::test]
async fn a_second_migration_of_a_processing_subscription_is_refused() {
    let app = TestApp::start().await;
    app.settings(json!({"provisioningDelay": "PT6H"})).await;
    let started = migrate(&app, CONTOSO, json!({"currentSubscriptionId": CONTOSO_E3})).await;
    assert_eq!(started.status, 201, "{}", started.text);
    app.assert_refused(
        400,
        900216,
        migrate(&app, CONTOSO, json!({"currentSubscriptionId": CONTOSO_E3})),
    )
    .await;
}

#[tokio::test]
async fn the_last_day_of_a_term_needs_a_full_term() {
    let app = TestApp::start().await;
    let legacy = app.subscription(CONTOSO, CONTOSO_E3).await;
    let end: chrono::DateTime<chrono::Utc> = legacy.str("/commitmentEndDate").parse().unwrap();
    let until_last_day = (end - now(&app).await).num_seconds() - 12 * 3600;
    app.advance_seconds(until_last_day).await;
    app.assert_refused(
        400,
        900217,
        migrate(&app, CONTOSO, json!({"currentSubscriptionId": CONTOSO_E3})),
    )
    .await;
    let eligibility = validate(&app, CONTOSO, json!({"currentSubscriptionId": CONTOSO_E3})).await;
    assert_eq!(codes(&eligibility), [2]);
    let full_term = migrate(
        &app,
        CONTOSO,
        json!({"currentSubscriptionId": CONTOSO_E3, "purchaseFullTerm": true}),
    )
    .await;
    assert_eq!(full_term.status, 201, "{}", full_term.text);
}

#[tokio::test]
async fn a_processing_migration_survives_an_export_and_import_and_completes_afterwards() {
    let app = TestApp::start().await;
    app.settings(json!({"provisioningDelay": "PT1H"})).await;
    let started = migrate(&app, CONTOSO, json!({"currentSubscriptionId": CONTOSO_E3})).await;
    let id = started.body["id"].as_str().unwrap();
    let exported = app.state().await;
    app.post("/_mock/reset", &json!({})).await.assert_ok();
    app.get(&format!("{}/{id}", migrations_of(CONTOSO)))
        .await
        .assert_fault(404, 1000);
    app.put("/_mock/state", &exported).await.assert_ok();
    assert_eq!(
        app.get(&format!("{}/{id}", migrations_of(CONTOSO)))
            .await
            .body["status"],
        "Processing"
    );
    app.advance_seconds(3600).await;
    assert_eq!(
        app.get(&format!("{}/{id}", migrations_of(CONTOSO)))
            .await
            .body["status"],
        "Completed"
    );
}

#[tokio::test]
async fn creating_migrations_is_throttled_per_partner_and_validating_per_customer() {
    let app = TestApp::start().await;
    app.settings(json!({"throttling": "documented"})).await;
    let unknown = json!({"currentSubscriptionId": "0badc0de-0000-4000-8000-000000000000"});
    for _ in 0..100 {
        migrate(&app, CONTOSO, unknown.clone())
            .await
            .assert_fault(400, 900224);
    }
    let throttled = migrate(&app, LITWARE, unknown.clone()).await;
    assert_eq!(throttled.status, 429, "{}", throttled.text);
    assert!(throttled.header("Retry-After").is_some());
    let validation = app
        .post(&format!("{}/validate", migrations_of(LITWARE)), &unknown)
        .await;
    validation.assert_fault(400, 900224);
}
