//! Listing and searching customers with seek paging.

use crate::helpers::{CONTOSO, RESELLER, TestApp, TestClient, WOODGROVE, page_through};
use partner_center_mock::MockPartnerCenter;
use std::collections::HashSet;

fn encoded(filter: &serde_json::Value) -> String {
    // As the .NET SDK does: WebUtility.UrlEncode, which writes a space as '+'.
    form_urlencoded::byte_serialize(filter.to_string().as_bytes()).collect()
}

#[tokio::test]
async fn a_list_page_has_the_collection_envelope_and_list_item_shape() {
    let app = TestApp::start().await;
    let page = app.get("/v1/customers?size=3").await;
    page.assert_ok();
    let body = &page.body;
    assert_eq!(body["totalCount"], 3);
    assert_eq!(body["attributes"]["objectType"], "Collection");
    assert_eq!(body["links"]["self"]["uri"], "/v1/customers?size=3");
    let item = &body["items"][0];
    assert_eq!(item["attributes"]["objectType"], "Customer");
    assert_eq!(
        item["companyProfile"]["attributes"]["objectType"],
        "CustomerCompanyProfile"
    );
    assert!(
        item.get("billingProfile").is_none(),
        "list items carry no billing profile"
    );
    assert!(item.get("allowDelegatedAccess").is_none());
    let next = &body["links"]["next"];
    assert_eq!(next["uri"], "/v1/customers?size=3&seekOperation=Next");
    assert_eq!(next["headers"][0]["key"], "MS-ContinuationToken");
    assert_eq!(next["headers"][0]["value"], body["continuationToken"]);
}

/// The id of every customer the store holds.
fn customer_ids(app: &TestApp) -> HashSet<String> {
    app.mock
        .store()
        .snapshot()
        .customers()
        .map(|c| c.id.to_string())
        .collect()
}

#[tokio::test]
async fn paging_through_every_customer_with_size_7_returns_each_exactly_once() {
    let app = TestApp::start().await;
    let expected = customer_ids(&app);
    assert!(expected.len() > 500);
    let seen = page_through(&app, "/v1/customers?size=7").await;
    let unique: HashSet<String> = seen.iter().cloned().collect();
    assert_eq!(seen.len(), unique.len(), "no customer is repeated");
    assert_eq!(unique, expected, "every customer is returned");
}

#[tokio::test]
async fn paging_neither_skips_nor_repeats_while_customers_come_and_go() {
    let app = TestApp::start().await;
    let first = app.get("/v1/customers?size=50").await;
    let existing = customer_ids(&app);
    // New customers arrive while the client pages.
    for n in 0..20 {
        let answer = app
            .post(
                "/v1/customers",
                &crate::helpers::new_customer(&format!("arrival{n}"), "Arrival"),
            )
            .await;
        assert_eq!(answer.status, 201);
    }
    let token = first.body["continuationToken"].as_str().unwrap().to_owned();
    let mut seen: Vec<String> = first
        .strings("/items", "id")
        .into_iter()
        .map(str::to_owned)
        .collect();
    let rest = app
        .continued("/v1/customers?size=50&seekOperation=Next", &token)
        .await;
    let next_uri = rest.str("/links/self/uri").to_owned();
    assert_eq!(next_uri, "/v1/customers?size=50");
    seen.extend(crate::helpers::page_through_from(&app, rest).await);
    let unique: HashSet<String> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "no customer is repeated");
    assert!(
        existing.is_subset(&unique),
        "no customer that existed is skipped"
    );
}

#[tokio::test]
async fn the_sdk_seek_query_without_size_continues_with_the_token_alone() {
    let app = TestApp::start().await;
    let first = app.get("/v1/customers?size=5").await;
    let token = first.body["continuationToken"].as_str().unwrap();
    let second = app
        .continued("/v1/customers?seekOperation=Next", token)
        .await;
    second.assert_ok();
    assert_eq!(second.body["totalCount"], 5);
    let last_of_first = first.body["items"][4]["id"].as_str().unwrap();
    let first_of_second = second.body["items"][0]["id"].as_str().unwrap();
    assert!(
        first_of_second > last_of_first,
        "the second page starts after the first"
    );
}

#[tokio::test]
async fn size_absent_or_zero_means_500_and_larger_sizes_are_capped() {
    let app = TestApp::start().await;
    for path in [
        "/v1/customers",
        "/v1/customers?size=0",
        "/v1/customers?size=100000",
    ] {
        let page = app.get(path).await;
        page.assert_ok();
        assert_eq!(page.body["totalCount"], 500, "{path}");
        assert_eq!(
            page.body["links"]["next"]["uri"],
            "/v1/customers?size=500&seekOperation=Next"
        );
    }
}

#[tokio::test]
async fn a_negative_or_non_numeric_size_is_refused() {
    let app = TestApp::start().await;
    for path in ["/v1/customers?size=-1", "/v1/customers?size=ten"] {
        app.get(path).await.assert_fault(400, 2000);
    }
}

#[tokio::test]
async fn seek_next_without_a_token_is_refused() {
    let app = TestApp::start().await;
    let answer = app.get("/v1/customers?seekOperation=Next").await;
    answer.assert_fault(400, 2000);
    assert!(answer.str("/description").contains("missing"));
}

#[tokio::test]
async fn a_forged_or_foreign_continuation_token_is_refused() {
    let app = TestApp::start().await;
    let next = "/v1/customers?seekOperation=Next";
    for forged in [
        "AQAAAA==",
        "eyJhZnRlciI6IjAwIiwic2l6ZSI6Nywic3F1ZXJ5IjoiIn0.AAAAAAAAAAA",
        "x.y.z",
    ] {
        let answer = app.continued(next, forged).await;
        answer.assert_fault(400, 2000);
        assert!(answer.str("/description").contains("invalid"));
    }
    // A token from another server is forged as far as this one knows.
    let other = MockPartnerCenter::start().await;
    let foreign = TestClient::at(&other.uri())
        .get("/v1/customers?size=2")
        .await
        .body;
    let token = foreign["continuationToken"].as_str().unwrap();
    app.continued(next, token).await.assert_fault(400, 2000);
    // A token bound to one query does not serve another.
    let page = app.get("/v1/customers?size=2").await;
    let token = page.body["continuationToken"].as_str().unwrap();
    let filter = encoded(
        &serde_json::json!({"Field": "CompanyName", "Value": "a", "Operator": "starts_with"}),
    );
    app.continued(&format!("{next}&filter={filter}"), token)
        .await
        .assert_fault(400, 2000);
    app.continued(&format!("{next}&size=3"), token)
        .await
        .assert_fault(400, 2000);
}

#[tokio::test]
async fn filtering_by_company_name_is_a_case_insensitive_prefix_match() {
    let app = TestApp::start().await;
    let filter = encoded(
        &serde_json::json!({"Field": "CompanyName", "Value": "contoso L", "Operator": "starts_with"}),
    );
    assert!(filter.contains('+'), "a space is sent as '+'");
    let page = app
        .get(&format!("/v1/customers?size=0&filter={filter}"))
        .await;
    page.assert_ok();
    let ids: Vec<&str> = page.strings("/items", "id");
    assert_eq!(ids, vec![CONTOSO]);
    assert!(page.body["links"].get("next").is_none());
}

#[tokio::test]
async fn filtering_by_domain_and_by_indirect_reseller() {
    let app = TestApp::start().await;
    let by_domain = encoded(
        &serde_json::json!({"Field": "Domain", "Value": "WOODGROVE", "Operator": "starts_with"}),
    );
    let page = app
        .get(&format!("/v1/customers?size=0&filter={by_domain}"))
        .await;
    assert_eq!(page.body["items"][0]["id"], WOODGROVE);
    assert_eq!(page.body["totalCount"], 1);
    let by_reseller = encoded(
        &serde_json::json!({"field": "IndirectReseller", "value": RESELLER, "operator": "StartsWith"}),
    );
    let page = app
        .get(&format!("/v1/customers?size=0&filter={by_reseller}"))
        .await;
    page.assert_ok();
    assert_eq!(page.body["totalCount"], 1);
    assert_eq!(page.body["items"][0]["id"], WOODGROVE);
}

#[tokio::test]
async fn paging_a_filtered_list_keeps_the_filter() {
    let app = TestApp::start().await;
    let filter = encoded(
        &serde_json::json!({"Field": "CompanyName", "Value": "a", "Operator": "starts_with"}),
    );
    let ids = page_through(&app, &format!("/v1/customers?size=4&filter={filter}")).await;
    let expected = app
        .mock
        .store()
        .snapshot()
        .customers()
        .filter(|c| {
            c.company_profile
                .company_name
                .to_lowercase()
                .starts_with('a')
        })
        .count();
    assert!(expected > 8, "the filter spans several pages");
    assert_eq!(ids.len(), expected);
}

#[tokio::test]
async fn a_filter_with_another_operator_is_refused() {
    let app = TestApp::start().await;
    for operator in ["equals", "substring"] {
        let filter = encoded(
            &serde_json::json!({"Field": "CompanyName", "Value": "a", "Operator": operator}),
        );
        let answer = app.get(&format!("/v1/customers?filter={filter}")).await;
        answer.assert_fault(400, 2000);
        assert_eq!(
            answer.body["description"],
            "Customer search only allows starts with and equals operation."
        );
    }
    let unknown =
        encoded(&serde_json::json!({"Field": "Color", "Value": "a", "Operator": "starts_with"}));
    app.get(&format!("/v1/customers?filter={unknown}"))
        .await
        .assert_fault(400, 2000);
    app.get("/v1/customers?filter=not-json")
        .await
        .assert_fault(400, 2000);
}
