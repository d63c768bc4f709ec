//! Bad input and the Partner Center error shapes: each refusal leaves the state as it was.

use crate::helpers::{CONTOSO, TestApp, answer, new_customer, plain_client};
use reqwest::Method;

#[tokio::test]
async fn malformed_json_is_refused_and_creates_nothing() {
    let app = TestApp::start().await;
    for body in [
        "{\"companyProfile\": {",
        "not json",
        "",
        "[1,2",
        "{\"a\":1} trailing",
    ] {
        app.assert_refused(
            400,
            2000,
            app.call(Method::POST, "/v1/customers", Some(body.to_owned()), &[]),
        )
        .await;
    }
    let not_utf8 = async {
        let response = plain_client()
            .post(app.url("/v1/customers"))
            .bearer_auth("t")
            .body(vec![b'{', b'"', 0xff, 0xfe, b'"', b'}'])
            .send()
            .await
            .unwrap();
        answer(&Method::POST, response).await
    };
    app.assert_refused(400, 2000, not_utf8).await;
}

#[tokio::test]
async fn a_wrong_type_names_the_field_path() {
    let app = TestApp::start().await;
    let mut body = new_customer("wrongtype", "Wrong Type");
    body["BillingProfile"] = serde_json::json!({"DefaultAddress": {"City": 42}});
    body.as_object_mut().unwrap().remove("billingProfile");
    let answer = app.post("/v1/customers", &body).await;
    answer.assert_fault(400, 2000);
    let description = answer.body["description"].as_str().unwrap();
    assert!(
        description.contains("billingProfile.defaultAddress.city"),
        "{description}"
    );
}

#[tokio::test]
async fn a_non_guid_customer_id_is_refused() {
    let app = TestApp::start().await;
    for id in ["not-a-guid", "12345", "22222222222242228222222222222222"] {
        let answer = app.get(&format!("/v1/customers/{id}")).await;
        answer.assert_fault(400, 2000);
        assert_eq!(answer.body["description"], "Customer Id must be a GUID.");
    }
}

#[tokio::test]
async fn an_unknown_customer_is_not_found() {
    let app = TestApp::start().await;
    let id = "0badc0de-0000-4000-8000-000000000000";
    for path in [
        format!("/v1/customers/{id}"),
        format!("/v1/customers/{id}/profiles/company"),
        format!("/v1/customers/{id}/profiles/billing"),
        format!("/v1/customers/{id}/relationships"),
    ] {
        let answer = app.get(&path).await;
        answer.assert_fault(404, 1000);
        assert_eq!(
            answer.body["description"],
            format!("Customer {id} not found.")
        );
    }
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_413_and_creates_nothing() {
    let app = TestApp::start().await;
    let mut body = new_customer("oversized", "Oversized");
    body["padding"] = "x".repeat(1024 * 1024 + 10).into();
    let answer = app
        .assert_refused(413, 2000, app.post("/v1/customers", &body))
        .await;
    assert!(answer.str("/description").contains("1048576"));
}

#[tokio::test]
async fn an_unknown_route_gets_the_gateway_404() {
    let app = TestApp::start().await;
    for path in ["/v1/nothing-here", "/v1/customers/x/y/z", "/elsewhere"] {
        let answer = app
            .get_with(
                path,
                &[("MS-RequestId", "6f9619ff-8b86-d011-b42d-00c04fc964ff")],
            )
            .await;
        assert_eq!(answer.status, 404);
        assert_eq!(
            answer.header("ms-requestid"),
            Some("6f9619ff-8b86-d011-b42d-00c04fc964ff")
        );
        assert_eq!(
            answer.body,
            serde_json::json!({"statusCode": 404, "message": "Resource not found"})
        );
    }
}

#[tokio::test]
async fn a_wrong_method_gets_405_listing_the_allowed_ones() {
    let app = TestApp::start().await;
    let answer = app
        .call(
            Method::DELETE,
            &format!("/v1/customers/{CONTOSO}/profiles/billing"),
            None,
            &[],
        )
        .await;
    answer.assert_fault(405, 2000);
    assert!(
        answer.str("/description").contains("GET, HEAD, PUT"),
        "{}",
        answer.text
    );
    assert_eq!(answer.header("allow"), Some("GET,HEAD,PUT"));
}

#[tokio::test]
async fn answers_echo_the_request_and_correlation_ids() {
    let app = TestApp::start().await;
    let request_id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    let correlation_id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    let answer = app
        .get_with(
            &format!("/v1/customers/{CONTOSO}"),
            &[
                ("MS-RequestId", request_id),
                ("MS-CorrelationId", correlation_id),
            ],
        )
        .await;
    assert_eq!(answer.header("ms-requestid"), Some(request_id));
    assert_eq!(answer.header("ms-correlationid"), Some(correlation_id));
    assert!(answer.header("ms-cv").is_some());
    assert!(answer.header("ms-serverid").is_some());
    assert!(answer.header("date").is_some());
    let fresh = app.get("/v1/customers/not-a-guid").await;
    let generated = fresh.header("ms-requestid").unwrap();
    assert!(partner_center_mock::domain::ids::parse_guid(generated).is_some());
    assert!(fresh.header("ms-correlationid").is_some());
}
