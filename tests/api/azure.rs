//! Azure plans over HTTP: their Azure subscriptions (`azureEntitlements`) listed, read and
//! cancelled on the virtual clock; suspending a plan refused while one is active (900115);
//! registering Azure subscriptions for reservations; the sandbox deletion and the relationship
//! removal refused while an Azure plan holds an active Azure subscription; the savings plan,
//! marketplace and Azure plan blockers named by `removal-check`; and an indirect reseller's
//! removal refused (900406).

use crate::helpers::*;
use serde_json::{Value, json};

const SAVINGS_PLAN: &str = "DZH318Z09V6F:0001:DZH318Z0BLD3";
const SAAS: &str = "DZH318Z0BXWC:0002:DZH318Z0BMRV";
/// Fabrikam's seeded Azure plan, registered, with its one Azure subscription cancelled.
const FABRIKAM_PLAN: &str = "3c333333-3333-4333-8333-000000000002";
const FABRIKAM_AZURE: &str = "3a333333-3333-4333-8333-000000000001";
const FABRIKAM_E3: &str = "3c333333-3333-4333-8333-000000000001";

fn plan_path(customer: &str, plan: &str) -> String {
    format!("/v1/customers/{customer}/subscriptions/{plan}")
}

/// Buys an Azure plan for `customer`: its subscription id and its Azure subscription's id.
async fn azure_plan(client: &TestClient, customer: &str) -> (String, String) {
    let plan = client.subscribe(customer, AZURE_PLAN, 1).await;
    let listed = client
        .get(&format!("{}/azureEntitlements", plan_path(customer, &plan)))
        .await;
    listed.assert_ok();
    let azure = listed.body["items"][0]["id"].as_str().unwrap().to_owned();
    (plan, azure)
}

/// Reads one of the plan's Azure subscriptions.
async fn azure_subscription(
    client: &TestClient,
    customer: &str,
    plan: &str,
    azure: &str,
) -> Answer {
    client
        .get(&format!(
            "{}/azureEntitlements/{azure}",
            plan_path(customer, plan)
        ))
        .await
}

async fn cancel(
    client: &TestClient,
    customer: &str,
    plan: &str,
    azure: &str,
    reason: &str,
) -> Answer {
    client
        .post(
            &format!(
                "{}/azureEntitlements/{azure}/cancel",
                plan_path(customer, plan)
            ),
            &json!({"cancellationReason": reason}),
        )
        .await
}

#[tokio::test]
async fn an_azure_plans_azure_subscriptions_are_listed_and_read_in_any_path_casing() {
    let app = TestApp::start().await;
    let (plan, azure) = azure_plan(&app, CONTOSO).await;
    let listed = app
        .get(&format!(
            "/v1/Customers/{CONTOSO}/Subscriptions/{}/azureentitlements",
            plan.to_uppercase()
        ))
        .await;
    listed.assert_ok();
    assert_eq!(listed.body["totalCount"], 1, "{}", listed.text);
    assert_eq!(listed.body["attributes"]["objectType"], "Collection");
    let item = &listed.body["items"][0];
    assert_eq!(item["status"], "active");
    assert_eq!(item["subscriptionId"], plan);
    assert_eq!(item["friendlyName"], "Azure subscription 1");
    let one = app
        .get(&format!(
            "{}/AZUREENTITLEMENTS/{}",
            plan_path(CONTOSO, &plan),
            azure.to_uppercase()
        ))
        .await;
    one.assert_ok();
    assert_eq!(one.body["id"], azure);
    assert_eq!(one.body["attributes"]["objectType"], "AzureEntitlement");
    // Any other subscription has none.
    let none = app
        .get(&format!(
            "{}/azureEntitlements",
            plan_path(FABRIKAM, FABRIKAM_E3)
        ))
        .await;
    none.assert_ok();
    assert_eq!(none.body["totalCount"], 0);
}

#[tokio::test]
async fn an_unknown_azure_subscription_or_cancellation_reason_is_refused_and_changes_nothing() {
    let app = TestApp::start().await;
    let (plan, azure) = azure_plan(&app, CONTOSO).await;
    let unknown = "0b0b0b0b-0000-4000-8000-000000000000";
    let unknown_path = format!("{}/azureEntitlements/{unknown}", plan_path(CONTOSO, &plan));
    app.assert_refused(404, 800111, app.get(&unknown_path))
        .await;
    app.assert_refused(
        404,
        800111,
        cancel(&app, CONTOSO, &plan, unknown, "compromise"),
    )
    .await;
    app.assert_refused(
        404,
        800111,
        cancel(&app, CONTOSO, &plan, "not-a-guid", "compromise"),
    )
    .await;
    let refused = app
        .assert_refused(400, 900307, cancel(&app, CONTOSO, &plan, &azure, "boredom"))
        .await;
    assert_eq!(
        refused.body["description"],
        "Cancellation reason 'boredom is invalid."
    );
    let cancel_path = format!(
        "{}/azureEntitlements/{azure}/cancel",
        plan_path(CONTOSO, &plan)
    );
    let empty = json!({});
    app.assert_refused(400, 900307, app.post(&cancel_path, &empty))
        .await;
    let unknown_plan = "0c0c0c0c-0000-4000-8000-000000000000";
    app.assert_refused(
        404,
        20003,
        cancel(&app, CONTOSO, unknown_plan, &azure, "other"),
    )
    .await;
}

#[tokio::test]
async fn a_cancelled_azure_subscription_stays_active_until_the_provisioning_delay_has_passed() {
    let app = TestApp::start().await;
    let (plan, azure) = azure_plan(&app, CONTOSO).await;
    app.settings(json!({"provisioningDelay": "PT10M"})).await;
    let answered = cancel(&app, CONTOSO, &plan, &azure, "Compromise").await;
    answered.assert_ok();
    assert_eq!(answered.body["status"], "active", "{}", answered.text);
    assert_eq!(answered.body["subscriptionId"], plan);
    // Still active, so the plan cannot be suspended yet, and cancelling again changes nothing.
    app.assert_refused(403, 900115, app.set_status(CONTOSO, &plan, "suspended"))
        .await;
    let before = app.state().await;
    cancel(&app, CONTOSO, &plan, &azure, "dispute")
        .await
        .assert_ok();
    assert_eq!(app.state().await, before);
    app.advance("PT9M").await;
    let read = azure_subscription(&app, CONTOSO, &plan, &azure).await;
    assert_eq!(read.body["status"], "active");
    app.advance("PT1M").await;
    let read = azure_subscription(&app, CONTOSO, &plan, &azure).await;
    assert_eq!(read.body["status"], "inactive", "{}", read.text);
    let suspended = app.set_status(CONTOSO, &plan, "suspended").await;
    suspended.assert_ok();
    assert_eq!(suspended.body["status"], "suspended");
}

#[tokio::test]
async fn suspending_an_azure_plan_with_an_active_azure_subscription_is_refused() {
    let app = TestApp::start().await;
    let (plan, azure) = azure_plan(&app, CONTOSO).await;
    let refused = app
        .assert_refused(403, 900115, app.set_status(CONTOSO, &plan, "suspended"))
        .await;
    assert_eq!(
        refused.header("x-mock-rule"),
        Some("subscription-azure-plan-suspension")
    );
    // Without a delay the cancellation answers inactive at once, and the plan then suspends.
    let cancelled = cancel(&app, CONTOSO, &plan, &azure, "other").await;
    assert_eq!(cancelled.body["status"], "inactive", "{}", cancelled.text);
    app.set_status(CONTOSO, &plan, "suspended")
        .await
        .assert_ok();
    // Reactivating the plan does not bring the Azure subscription back.
    app.set_status(CONTOSO, &plan, "active").await.assert_ok();
    let read = azure_subscription(&app, CONTOSO, &plan, &azure).await;
    assert_eq!(read.body["status"], "inactive");
}

#[tokio::test]
async fn the_sandbox_deletion_is_refused_while_an_azure_plan_holds_an_active_azure_subscription() {
    let app = TestApp::start().await;
    let (plan, azure) = azure_plan(&app, ADATUM).await;
    let refused = app
        .assert_refused(400, 900405, app.delete(&format!("/v1/customers/{ADATUM}")))
        .await;
    assert_eq!(refused.body["data"], json!([plan]));
    assert_eq!(
        refused.header("x-mock-rule"),
        Some("relationship-removal-azure-plan-entitlements")
    );
    cancel(&app, ADATUM, &plan, &azure, "compromise")
        .await
        .assert_ok();
    let deleted = app.delete(&format!("/v1/customers/{ADATUM}")).await;
    assert_eq!(deleted.status, 204, "{}", deleted.text);
    assert_eq!(
        app.get(&format!("/v1/customers/{ADATUM}")).await.status,
        404
    );
}

#[tokio::test]
async fn the_reserved_instance_refusal_comes_first_in_the_sandbox_deletion() {
    let app = TestApp::start().await;
    azure_plan(&app, FABRIKAM).await;
    app.assert_refused(
        400,
        900401,
        app.delete(&format!("/v1/customers/{FABRIKAM}")),
    )
    .await;
}

#[tokio::test]
async fn an_azure_subscription_registers_for_reservations_once_the_delay_has_passed() {
    let app = TestApp::start().await;
    let (plan, _) = azure_plan(&app, CONTOSO).await;
    let status_path = format!("{}/registrationstatus", plan_path(CONTOSO, &plan));
    let before = app.get(&status_path).await;
    before.assert_ok();
    assert_eq!(
        before.body,
        json!({"subscriptionId": plan, "status": "NotRegistered",
               "attributes": {"objectType": "SubscriptionRegistrationStatus"}})
    );
    app.settings(json!({"provisioningDelay": "PT5M"})).await;
    let accepted = app
        .post_empty(&format!("{}/Registrations", plan_path(CONTOSO, &plan)))
        .await;
    assert_eq!(accepted.status, 202, "{}", accepted.text);
    assert_eq!(accepted.text, "");
    assert_eq!(accepted.header("content-length"), Some("0"));
    assert_eq!(
        accepted.header("location").map(str::to_owned),
        Some(format!(
            "/customers/{CONTOSO}/subscriptions/{plan}/registrationstatus"
        ))
    );
    assert_eq!(app.get(&status_path).await.body["status"], "Registering");
    // Registering again changes nothing.
    let state = app.state().await;
    let again = app
        .post(
            &format!("{}/registrations", plan_path(CONTOSO, &plan)),
            &json!({}),
        )
        .await;
    assert_eq!(again.status, 202);
    assert_eq!(app.state().await, state);
    app.advance("PT5M").await;
    assert_eq!(app.get(&status_path).await.body["status"], "Registered");
    // The export carries the registration, and importing it back keeps it.
    let exported = app.state().await;
    let customer = exported_customer(&exported, CONTOSO);
    assert_eq!(
        customer["subscriptionRegistrations"][0]["subscriptionId"],
        plan
    );
    app.put("/_mock/state", &exported).await.assert_ok();
    assert_eq!(app.get(&status_path).await.body["status"], "Registered");
}

#[tokio::test]
async fn only_an_azure_subscription_can_be_registered() {
    let app = TestApp::start().await;
    let empty = json!({});
    let licence = format!("{}/registrations", plan_path(FABRIKAM, FABRIKAM_E3));
    let refused = app
        .assert_refused(400, 800011, app.post(&licence, &empty))
        .await;
    assert_eq!(
        refused.header("x-mock-rule"),
        Some("subscription-registration-azure-only")
    );
    let unknown = format!(
        "{}/registrations",
        plan_path(FABRIKAM, "0d0d0d0d-0000-4000-8000-000000000000")
    );
    app.assert_refused(404, 20003, app.post(&unknown, &empty))
        .await;
    // The seed's Azure plan is registered, and its cancelled Azure subscription is inactive.
    let seeded = app
        .get(&format!(
            "{}/registrationstatus",
            plan_path(FABRIKAM, FABRIKAM_PLAN)
        ))
        .await;
    assert_eq!(seeded.body["status"], "Registered", "{}", seeded.text);
    let azure = azure_subscription(&app, FABRIKAM, FABRIKAM_PLAN, FABRIKAM_AZURE).await;
    assert_eq!(azure.body["status"], "inactive");
}

#[tokio::test]
async fn a_state_file_without_registrations_still_loads() {
    let app = TestApp::start().await;
    let mut state = app.state().await;
    for customer in state["customers"].as_array_mut().unwrap() {
        customer
            .as_object_mut()
            .unwrap()
            .remove("subscriptionRegistrations");
    }
    app.put("/_mock/state", &state).await.assert_ok();
    let status = app
        .get(&format!(
            "{}/registrationstatus",
            plan_path(FABRIKAM, FABRIKAM_PLAN)
        ))
        .await;
    assert_eq!(status.body["status"], "NotRegistered", "{}", status.text);
}

/// Buys, through one cart, a savings plan over `plan` and a marketplace subscription.
async fn savings_plan_and_saas(app: &TestApp, customer: &str, plan: &str) -> Vec<String> {
    let body = json!({"lineItems": [
        {"id": 0, "catalogItemId": SAVINGS_PLAN, "quantity": 1, "billingCycle": "one_time",
         "termDuration": "P1Y",
         "provisioningContext": {"scope": "shared", "subscriptionId": plan},
         "purchaseCommitment": {"amount": "1.5", "grain": "hourly", "currency": "usd"}},
        {"id": 1, "catalogItemId": SAAS, "quantity": 1, "billingCycle": "monthly",
         "termDuration": "P1M"}
    ]});
    let cart = app.new_cart(customer, &body).await;
    for line in cart.body["lineItems"].as_array().unwrap() {
        assert!(line.get("error").is_none(), "{}", cart.text);
    }
    let checkout = app.checkout(customer, cart.str("/id")).await;
    assert_eq!(checkout.status, 201, "{}", checkout.text);
    let mut bought = Vec::new();
    for order in checkout.body["orders"].as_array().unwrap() {
        for line in order["lineItems"].as_array().unwrap() {
            bought.push(line["subscriptionId"].as_str().unwrap().to_owned());
        }
    }
    bought
}

async fn blocker_kinds(app: &TestApp, customer: &str) -> Vec<(String, String)> {
    let check = app
        .get(&format!("/_mock/customers/{customer}/removal-check"))
        .await;
    check.assert_ok();
    check.body["blockers"]
        .as_array()
        .map(|blockers| {
            blockers
                .iter()
                .map(|b| {
                    (
                        b["kind"].as_str().unwrap().to_owned(),
                        b["id"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn delete_subscription(app: &TestApp, customer: &str, id: &str) {
    app.set_status(customer, id, "deleted").await.assert_ok();
}

#[tokio::test]
async fn savings_plans_marketplace_subscriptions_and_azure_plans_block_the_removal_in_that_order() {
    let app = TestApp::start().await;
    let (plan, azure) = azure_plan(&app, ADATUM).await;
    let bought = savings_plan_and_saas(&app, ADATUM, &plan).await;
    let subscriptions: Vec<Value> = {
        let listed = app
            .get(&format!("/v1/customers/{ADATUM}/subscriptions"))
            .await;
        listed.body["items"].as_array().unwrap().clone()
    };
    let of_type = |billing: &str| {
        subscriptions
            .iter()
            .find(|s| {
                s["billingType"] == billing
                    && bought.contains(&s["id"].as_str().unwrap().to_owned())
            })
            .map(|s| s["id"].as_str().unwrap().to_owned())
    };
    let savings = of_type("benefit").expect("a savings plan was bought");
    let saas = bought.iter().find(|id| **id != savings).unwrap().clone();
    // The Azure plan itself is an active subscription: suspending it needs its Azure
    // subscription cancelled, so it stays active and blocks first.
    let kinds = blocker_kinds(&app, ADATUM).await;
    assert_eq!(
        kinds,
        vec![
            ("subscription".to_owned(), plan.clone()),
            ("savingsPlan".to_owned(), savings.clone()),
            ("saasSubscription".to_owned(), saas.clone()),
            ("azurePlan".to_owned(), plan.clone()),
        ]
    );
    app.assert_refused(400, 900400, app.remove_relationship(ADATUM))
        .await;
    // With the plan suspended (its Azure subscription pending cancellation would refuse it),
    // the savings plan answers next.
    app.settings(json!({"provisioningDelay": "PT10M"})).await;
    cancel(&app, ADATUM, &plan, &azure, "compromise")
        .await
        .assert_ok();
    app.assert_refused(403, 900115, app.set_status(ADATUM, &plan, "suspended"))
        .await;
    let refused = app
        .assert_refused(400, 900400, app.remove_relationship(ADATUM))
        .await;
    assert_eq!(refused.body["data"], json!([plan]));
    app.advance("PT10M").await;
    app.set_status(ADATUM, &plan, "suspended").await.assert_ok();
    let refused = app
        .assert_refused(400, 900403, app.remove_relationship(ADATUM))
        .await;
    assert_eq!(refused.body["data"], json!([savings]));
    assert_eq!(
        refused.header("x-mock-rule"),
        Some("relationship-removal-savings-plans")
    );
    // A savings plan is managed in the Azure portal, not through Partner Center: it stops
    // blocking once it ends, here by an imported state.
    let mut state = app.state().await;
    for customer in state["customers"].as_array_mut().unwrap() {
        for subscription in customer["subscriptions"]
            .as_array_mut()
            .into_iter()
            .flatten()
        {
            if subscription["id"] == savings.as_str() {
                subscription["status"] = json!("expired");
            }
        }
    }
    app.put("/_mock/state", &state).await.assert_ok();
    let refused = app
        .assert_refused(400, 900404, app.remove_relationship(ADATUM))
        .await;
    assert_eq!(refused.body["data"], json!([saas]));
    delete_subscription(&app, ADATUM, &saas).await;
    assert!(blocker_kinds(&app, ADATUM).await.is_empty());
    app.remove_relationship(ADATUM).await.assert_ok();
}

#[tokio::test]
async fn an_azure_plans_active_azure_subscription_blocks_the_removal_whatever_the_plans_status() {
    let app = TestApp::start().await;
    // An imported state can hold a suspended plan whose Azure subscription is still active.
    let (plan, _) = azure_plan(&app, ADATUM).await;
    let mut state = app.state().await;
    for customer in state["customers"].as_array_mut().unwrap() {
        for subscription in customer["subscriptions"]
            .as_array_mut()
            .into_iter()
            .flatten()
        {
            if subscription["id"] == plan {
                subscription["status"] = json!("suspended");
            }
        }
    }
    app.put("/_mock/state", &state).await.assert_ok();
    assert_eq!(
        blocker_kinds(&app, ADATUM).await,
        vec![("azurePlan".to_owned(), plan.clone())]
    );
    let refused = app
        .assert_refused(400, 900405, app.remove_relationship(ADATUM))
        .await;
    assert_eq!(refused.body["data"], json!([plan]));
}

#[tokio::test]
async fn an_indirect_reseller_cannot_remove_a_reseller_relationship() {
    let app = TestApp::start().await;
    let reseller = app.in_namespace("default").with_token(user_token(RESELLER));
    // Refused before any blocker is looked at: Adatum could otherwise be released.
    let refused = reseller
        .assert_refused(403, 900406, reseller.remove_relationship(ADATUM))
        .await;
    assert_eq!(
        refused.header("x-mock-rule"),
        Some("relationship-removal-indirect-reseller")
    );
    reseller
        .assert_refused(403, 900406, reseller.remove_relationship(CONTOSO))
        .await;
    // The tenant is matched whatever its case; another tenant is the partner's own user.
    let shouting = app
        .in_namespace("default")
        .with_token(user_token(&RESELLER.to_uppercase()));
    shouting
        .assert_refused(403, 900406, shouting.remove_relationship(ADATUM))
        .await;
    let partner = app
        .in_namespace("default")
        .with_token(user_token("9c6f1b2e-4a57-4d0e-9b1a-2f6e1d5c7a10"));
    partner.remove_relationship(ADATUM).await.assert_ok();
}
