//! The Rust embedding API: start, seed choice, state access, shutdown on drop.

use crate::helpers::TestApp;
use partner_center_mock::{MockPartnerCenter, Seed};

#[tokio::test]
async fn a_mock_without_seed_has_no_customers() {
    let app = TestApp::with(MockPartnerCenter::builder().no_seed()).await;
    let page = app.get("/v1/customers").await;
    page.assert_ok();
    assert_eq!(page.body["totalCount"], 0);
    assert!(page.body["links"].get("next").is_none());
}

#[tokio::test]
async fn a_custom_seed_is_served() {
    let seed = Seed::from_json(
        "inline",
        r#"{"partner": {"id": "p", "name": "Partner", "mpnId": "1"},
            "generatedCustomers": {"count": 3, "seed": 1}}"#,
    )
    .unwrap();
    let app = TestApp::with(MockPartnerCenter::builder().seed(seed)).await;
    assert_eq!(app.get("/v1/customers").await.body["totalCount"], 3);
}

#[tokio::test]
async fn sequential_ids_make_new_customers_predictable() {
    let app = TestApp::with(MockPartnerCenter::builder().sequential_ids()).await;
    let created = app
        .post(
            "/v1/customers",
            &crate::helpers::new_customer("predictable", "Predictable"),
        )
        .await;
    assert_eq!(created.body["id"], "00000000-0000-4000-8000-000000000001");
}

#[tokio::test]
async fn the_state_can_be_read_without_http() {
    let mock = MockPartnerCenter::start().await;
    let store = mock.store();
    let contoso = crate::helpers::CONTOSO
        .parse()
        .map(partner_center_mock::domain::CustomerId)
        .unwrap();
    let customer = store.customer(contoso).unwrap();
    assert_eq!(customer.company_profile.company_name, "Contoso Ltd");
    assert!(!customer.subscriptions.is_empty());
    assert!(
        mock.namespace("other").store().customer(contoso).is_ok(),
        "a new namespace starts from the seed"
    );
}

#[tokio::test]
async fn dropping_the_mock_shuts_the_server_down() {
    let mock = MockPartnerCenter::start().await;
    let address = mock.address();
    assert!(tokio::net::TcpStream::connect(address).await.is_ok());
    drop(mock);
    let mut refused = false;
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(address).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(refused, "the port is closed after drop");
}

#[tokio::test]
async fn the_control_plane_works_from_rust_without_http() {
    use partner_center_mock::namespace::faults::FaultRule;
    use partner_center_mock::namespace::journal::Filter;
    let app = TestApp::start().await;
    let seed = app.mock.export_state();
    app.new_customer("embedded").await;
    assert_eq!(app.mock.requests(&Filter::default()).items.len(), 1);
    app.mock.reset();
    assert_eq!(
        serde_json::to_value(app.mock.export_state()).unwrap(),
        serde_json::to_value(&seed).unwrap()
    );
    let id = app
        .mock
        .add_fault(FaultRule {
            path: "/v1/customers".into(),
            status: Some(503),
            times: Some(1),
            ..FaultRule::default()
        })
        .unwrap();
    assert!(id.starts_with("fault-"));
    app.get("/v1/customers").await.assert_fault(503, 800003);
    assert!(app.mock.add_fault(FaultRule::default()).is_err());
    let before = app.mock.store().clock().now();
    app.mock.advance_clock(chrono::Duration::days(2)).unwrap();
    assert!(
        app.mock
            .advance_clock(chrono::Duration::days(3_000_000))
            .is_err()
    );
    assert!(app.mock.store().clock().now() - before >= chrono::Duration::days(2));
    let empty = Seed::from_json(
        "inline",
        r#"{"partner": {"id": "p", "name": "P", "mpnId": "1"}}"#,
    )
    .unwrap();
    app.mock.import_state(&empty);
    assert_eq!(app.get("/v1/customers").await.body["totalCount"], 0);
}

#[tokio::test]
async fn an_imported_seed_sets_the_settings_it_names_and_keeps_the_rest() {
    use partner_center_mock::settings::{Settings, Throttling};
    let documented = Settings {
        throttling: Throttling::Documented,
        ..Settings::default()
    };
    let app = TestApp::with(MockPartnerCenter::builder().settings(documented.clone())).await;
    let seed = |settings: &str| {
        Seed::from_json(
            "inline",
            &format!(r#"{{"partner": {{"id": "p", "name": "P", "mpnId": "1"}}{settings}}}"#),
        )
        .unwrap()
    };
    app.mock.import_state(&seed(""));
    assert_eq!(*app.mock.store().settings(), documented);
    app.mock
        .import_state(&seed(r#", "settings": {"throttlingTimeScale": 60}"#));
    let imported = app.mock.store().settings();
    assert_eq!(
        imported.throttling,
        Throttling::Off,
        "absent keys take their defaults"
    );
    assert!((imported.throttling_time_scale - 60.0).abs() < f64::EPSILON);
}
