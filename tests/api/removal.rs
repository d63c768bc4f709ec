//! Removing the reseller relationship: the clean-up story, each refusal, the precedence of the
//! rules, what removal does, and sandbox deletion.

use crate::helpers::*;
use serde_json::json;

fn ids(answer: &Answer) -> Vec<String> {
    let mut ids: Vec<String> = answer.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn the_clean_up_story_ends_with_the_customer_gone() {
    let app = TestApp::start().await;
    let customer = app.new_customer("cleanupstory").await;
    let licenses = app.subscribe(&customer, E3, 5).await;
    let essentials = app.subscribe(&customer, ESSENTIALS, 2).await;
    app.subscribe(&customer, AZURE_PLAN, 1).await;
    let reservation = app.order(&customer, RESERVED_VM, 1).await;
    let reservation_order = reservation.body["id"].as_str().unwrap().to_owned();
    let azure_plan = app
        .get(&format!("/v1/customers/{customer}/subscriptions"))
        .await
        .body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["offerId"] == AZURE_PLAN)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // 1. Refused, naming every active subscription.
    let refused = app.remove_relationship(&customer).await;
    refused.assert_fault(400, 900400);
    assert_eq!(
        refused.header("x-mock-rule"),
        Some("relationship-removal-active-subscriptions")
    );
    let mut expected = vec![licenses.clone(), essentials.clone(), azure_plan.clone()];
    expected.sort();
    assert_eq!(ids(&refused), expected);
    for id in &expected {
        assert!(refused.str("/description").contains(id.as_str()));
    }

    // 2. Cancel the Azure plan's Azure subscription (the plan is not suspended while it is
    //    active), and suspend them: still refused, now naming the reserved-instance order.
    let azure = app
        .get(&format!(
            "/v1/customers/{customer}/subscriptions/{azure_plan}/azureEntitlements"
        ))
        .await
        .str("/items/0/id")
        .to_owned();
    app.post(
        &format!(
            "/v1/customers/{customer}/subscriptions/{azure_plan}/azureEntitlements/{azure}/cancel"
        ),
        &json!({"cancellationReason": "compromise"}),
    )
    .await
    .assert_ok();
    for id in &expected {
        app.set_status(&customer, id, "suspended").await.assert_ok();
    }
    let refused = app.remove_relationship(&customer).await;
    refused.assert_fault(400, 900401);
    assert_eq!(ids(&refused), vec![reservation_order.clone()]);
    assert_eq!(
        refused.body["description"],
        format!(
            "Customer relationship cannot be removed due to active Azure reserved instances.Please cancel the following orders: {reservation_order}"
        )
    );

    // 3. Cancel the order: the removal goes through.
    app.cancel_order(&customer, &reservation_order)
        .await
        .assert_ok();
    let removed = app.remove_relationship(&customer).await;
    removed.assert_ok();
    assert_eq!(removed.body["relationshipToPartner"], "none");
    assert_eq!(removed.body["id"], customer);
    assert_eq!(removed.body["allowDelegatedAccess"], false);

    // 4. Gone from the list, and every call on it answers 403 code 20002.
    let all = page_through(&app, "/v1/customers").await;
    assert!(!all.contains(&customer));
    for path in [
        "",
        "/subscriptions",
        "/orders",
        "/entitlements",
        "/profiles/billing",
        "/profiles/company",
    ] {
        app.get(&format!("/v1/customers/{customer}{path}"))
            .await
            .assert_fault(403, 20002);
    }
    app.set_status(&customer, &licenses, "active")
        .await
        .assert_fault(403, 20002);
    let order = json!({"lineItems": [{"offerId": E3, "quantity": 1}]});
    app.post(&format!("/v1/customers/{customer}/orders"), &order)
        .await
        .assert_fault(403, 20002);
    // A repeated removal is told the relationship does not exist.
    app.remove_relationship(&customer)
        .await
        .assert_fault(400, 3000);
}

#[tokio::test]
async fn a_refused_removal_names_the_active_subscriptions_and_changes_nothing() {
    let app = TestApp::start().await;
    let refused = app
        .assert_refused(400, 900400, app.remove_relationship(CONTOSO))
        .await;
    assert_eq!(
        ids(&refused),
        vec![
            "2c222222-2222-4222-8222-000000000001",
            "2c222222-2222-4222-8222-000000000002"
        ],
        "the suspended subscription does not block"
    );
}

#[tokio::test]
async fn a_reserved_instance_alone_blocks_the_removal() {
    let app = TestApp::start().await;
    let refused = app
        .assert_refused(400, 900401, app.remove_relationship(FABRIKAM))
        .await;
    assert_eq!(ids(&refused), vec![FABRIKAM_RI_ORDER]);
}

#[tokio::test]
async fn a_software_purchase_alone_blocks_the_removal() {
    let app = TestApp::start().await;
    let refused = app
        .assert_refused(400, 900402, app.remove_relationship(TAILSPIN))
        .await;
    assert_eq!(
        refused.header("x-mock-rule"),
        Some("relationship-removal-software-purchases")
    );
    assert_eq!(ids(&refused), vec![TAILSPIN_SOFTWARE_ORDER]);

    app.patch(
        &format!("/v1/customers/{TAILSPIN}/orders/{TAILSPIN_SOFTWARE_ORDER}"),
        &json!({"id": TAILSPIN_SOFTWARE_ORDER, "status": "cancelled"}),
    )
    .await
    .assert_ok();
    app.remove_relationship(TAILSPIN).await.assert_ok();
}

#[tokio::test]
async fn suspended_new_commerce_subscriptions_still_block_the_removal() {
    let app = TestApp::start().await;
    let refused = app.remove_relationship(NORTHWIND).await;
    refused.assert_fault(400, 900400);
    assert_eq!(
        ids(&refused),
        vec![
            "5c555555-5555-4555-8555-000000000001",
            "5c555555-5555-4555-8555-000000000002"
        ]
    );
}

#[tokio::test]
async fn the_rules_refuse_in_their_fixed_order_and_the_check_lists_every_blocker() {
    let app = TestApp::start().await;
    let customer = app.new_customer("everyblocker").await;
    let subscription = app.subscribe(&customer, E3, 1).await;
    let reserved = app
        .order(&customer, RESERVED_VM, 1)
        .await
        .str("/id")
        .to_owned();
    let software = app
        .order(&customer, SOFTWARE, 1)
        .await
        .str("/id")
        .to_owned();

    app.remove_relationship(&customer)
        .await
        .assert_fault(400, 900400);
    let check = app
        .get(&format!("/_mock/customers/{customer}/removal-check"))
        .await;
    check.assert_ok();
    assert_eq!(check.body["removable"], false);
    assert_eq!(
        check.body["rule"],
        "relationship-removal-active-subscriptions"
    );
    assert_eq!(
        check.body["blockers"],
        json!([
            {"kind": "subscription", "id": subscription},
            {"kind": "reservedInstance", "id": reserved},
            {"kind": "softwarePurchase", "id": software},
        ])
    );

    app.set_status(&customer, &subscription, "suspended")
        .await
        .assert_ok();
    app.remove_relationship(&customer)
        .await
        .assert_fault(400, 900401);
    app.cancel_order(&customer, &reserved).await.assert_ok();
    app.remove_relationship(&customer)
        .await
        .assert_fault(400, 900402);
    app.cancel_order(&customer, &software).await.assert_ok();
    let check = app
        .get(&format!("/_mock/customers/{customer}/removal-check"))
        .await;
    assert_eq!(check.body, json!({"removable": true}));
    app.remove_relationship(&customer).await.assert_ok();
}

#[tokio::test]
async fn a_releasable_customer_is_released_and_can_be_taken_back() {
    let app = TestApp::start().await;
    let removed = app.remove_relationship(ADATUM).await;
    removed.assert_ok();
    assert_eq!(removed.body["relationshipToPartner"], "none");
    app.get(&format!("/v1/customers/{ADATUM}"))
        .await
        .assert_fault(403, 20002);
    let accepted = app
        .post_empty(&format!("/_mock/customers/{ADATUM}/relationship/accept"))
        .await;
    accepted.assert_ok();
    assert_eq!(accepted.body["relationshipToPartner"], "reseller");
    app.get(&format!("/v1/customers/{ADATUM}"))
        .await
        .assert_ok();
}

#[tokio::test]
async fn the_dotnet_sdk_removal_body_reads_like_the_camel_case_one() {
    let app = TestApp::start().await;
    let body = json!({
        "Id": null, "CommerceId": null, "CompanyProfile": null, "BillingProfile": null,
        "RelationshipToPartner": "none", "AllowDelegatedAccess": null, "UserCredentials": null,
        "CustomDomains": null, "AssociatedPartnerId": null, "Attributes": {"ObjectType": "Customer"}
    });
    app.patch(&format!("/v1/customers/{CONTOSO}"), &body)
        .await
        .assert_fault(400, 900400);
    let removed = app.patch(&format!("/v1/customers/{ADATUM}/"), &body).await;
    removed.assert_ok();
    assert_eq!(removed.body["relationshipToPartner"], "none");
}

#[tokio::test]
async fn removing_delegated_access_keeps_the_relationship() {
    let app = TestApp::start().await;
    let body = json!({"AllowDelegatedAccess": false, "attributes": {"objectType": "Customer"}});
    let answer = app.patch(&format!("/v1/customers/{CONTOSO}"), &body).await;
    answer.assert_ok();
    assert_eq!(answer.body["allowDelegatedAccess"], false);
    assert_eq!(answer.body["relationshipToPartner"], "reseller");
    let read = app.get(&format!("/v1/customers/{CONTOSO}")).await;
    assert_eq!(read.body["allowDelegatedAccess"], false);
    let grant = app
        .patch(
            &format!("/v1/customers/{CONTOSO}"),
            &json!({"allowDelegatedAccess": true}),
        )
        .await;
    grant.assert_fault(400, 2000);
    app.patch(&format!("/v1/customers/{CONTOSO}"), &json!({}))
        .await
        .assert_fault(400, 2000);
    app.patch(
        &format!("/v1/customers/{CONTOSO}"),
        &json!({"relationshipToPartner": "advisor"}),
    )
    .await
    .assert_fault(400, 2000);
    app.patch(
        &format!("/v1/customers/{CONTOSO}"),
        &json!({"relationshipToPartner": "friends"}),
    )
    .await
    .assert_fault(400, 2000);
}

#[tokio::test]
async fn the_relationship_operations_are_app_user_only() {
    let app = TestApp::start().await.with_token(app_token("default"));
    let answer = app.remove_relationship(ADATUM).await;
    answer.assert_fault(403, 900329);
    let app = app.with_token(user_token("default"));
    app.get(&format!("/v1/customers/{ADATUM}"))
        .await
        .assert_ok();
}

#[tokio::test]
async fn sandbox_deletion_is_refused_while_reserved_instances_are_active() {
    let app = TestApp::start().await;
    let refused = app
        .assert_refused(
            400,
            900401,
            app.delete(&format!("/v1/customers/{FABRIKAM}")),
        )
        .await;
    assert!(refused.str("/description").contains(FABRIKAM_RI_ORDER));

    let deleted = app.delete(&format!("/v1/customers/{ADATUM}")).await;
    assert_eq!(deleted.status, 204);
    assert!(deleted.text.is_empty());
    app.get(&format!("/v1/customers/{ADATUM}"))
        .await
        .assert_fault(404, 1000);
    let domain = app.domain("adatumcorp.onmicrosoft.com").await;
    assert_eq!(domain.status, 404, "the tenant's domain is free again");
}

#[tokio::test]
async fn the_rules_are_listed_with_their_sources() {
    let app = TestApp::start().await;
    let rules = app.get("/_mock/rules").await;
    rules.assert_ok();
    let items = rules.body["items"].as_array().unwrap();
    assert!(items.len() >= 10);
    for rule in items {
        for field in ["id", "condition", "error", "source"] {
            assert!(
                rule[field].as_str().is_some_and(|v| !v.is_empty()),
                "{rule}"
            );
        }
    }
    assert!(
        items
            .iter()
            .any(|r| r["id"] == "relationship-removal-active-subscriptions")
    );
}

/// The refusal each removal rule answers with: the blocker kind it names and its code.
fn removal_rule(rule: &str) -> (&'static str, i64) {
    match rule {
        "relationship-removal-active-subscriptions" => ("subscription", 900400),
        "relationship-removal-reserved-instances" => ("reservedInstance", 900401),
        "relationship-removal-software-purchases" => ("softwarePurchase", 900402),
        other => panic!("{other} is not a relationship-removal rule"),
    }
}

#[tokio::test]
async fn the_removal_check_and_the_removal_agree_on_every_seeded_customer() {
    let app = TestApp::start().await;
    let seed = serde_json::to_value(app.mock.export_state()).unwrap();
    let customers: Vec<&str> = seed["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(customers.len() > 500, "{} customers", customers.len());

    let mut outcomes = std::collections::BTreeMap::<String, usize>::new();
    for (index, customer) in customers.iter().enumerate() {
        // Each customer in its own namespace, so every try starts from the seed.
        let partner = app.in_namespace(&format!("removal-{index}"));
        let check_path = format!("/_mock/customers/{customer}/removal-check");
        let customer_path = format!("/v1/customers/{customer}");
        let check = partner.get(&check_path).await;
        check.assert_ok();
        let released = json!({"relationshipToPartner": "none"});
        let remove = || partner.patch(&customer_path, &released);
        let removal = remove().await;

        if check.body["removable"] == true {
            assert_eq!(check.body, json!({"removable": true}), "{customer}");
            removal.assert_ok();
            assert_eq!(removal.body["relationshipToPartner"], "none", "{customer}");
            // Afterwards both say there is no relationship left to remove.
            let after = partner.get(&check_path).await;
            assert_eq!(after.body["removable"], false, "{customer}");
            assert_eq!(after.body["rule"], "relationship-exists", "{customer}");
            let again = remove().await;
            again.assert_fault(400, 3000);
            assert_eq!(again.header("x-mock-rule"), Some("relationship-exists"));
            *outcomes.entry("removable".to_owned()).or_default() += 1;
            continue;
        }

        assert_eq!(check.body["removable"], false, "{customer}: {}", check.text);
        let rule = check.body["rule"]
            .as_str()
            .unwrap_or_else(|| panic!("{customer}: a blocked check names its rule"));
        let (kind, code) = removal_rule(rule);
        removal.assert_fault(400, code);
        assert_eq!(removal.header("x-mock-rule"), Some(rule), "{customer}");

        let blockers = check.body["blockers"].as_array().unwrap();
        let kinds: Vec<&str> = blockers
            .iter()
            .map(|b| b["kind"].as_str().unwrap())
            .collect();
        let first = ["subscription", "reservedInstance", "softwarePurchase"]
            .into_iter()
            .find(|k| kinds.contains(k));
        assert_eq!(
            first,
            Some(kind),
            "{customer}: the rule is the first that blocks"
        );
        let mut named: Vec<String> = blockers
            .iter()
            .filter(|b| b["kind"] == kind)
            .map(|b| b["id"].as_str().unwrap().to_owned())
            .collect();
        named.sort();
        assert_eq!(
            ids(&removal),
            named,
            "{customer}: the refusal names the blockers"
        );

        // The refusal changed nothing: the check still answers the same.
        let after = partner.get(&check_path).await;
        assert_eq!(after.body, check.body, "{customer}");
        *outcomes.entry(rule.to_owned()).or_default() += 1;
    }

    // The seed holds a customer for every outcome, so each branch above was taken.
    for outcome in [
        "removable",
        "relationship-removal-active-subscriptions",
        "relationship-removal-reserved-instances",
        "relationship-removal-software-purchases",
    ] {
        assert!(
            outcomes.contains_key(outcome),
            "no {outcome} customer: {outcomes:?}"
        );
    }
    assert_eq!(outcomes.values().sum::<usize>(), customers.len());
}
