//! Customer users and directory roles over HTTP: listing (paging, the state filter, sorting),
//! creating, reading, changing, resetting passwords, deleting and restoring, purging after 30
//! days, role membership, and the conventions every customer route follows (App+User only, 403
//! after the relationship is removed, carried by reset, snapshots and exports).

use crate::helpers::*;
use reqwest::Method;
use serde_json::{Value, json};

/// Contoso's seeded users (seed-data/README.md).
const CONTOSO_ALEX: &str = "2f222222-2222-4222-8222-000000000002";
const GLOBAL_ADMINISTRATOR: &str = "62e90394-69f5-4237-9190-012177145e10";
const HELPDESK_ADMINISTRATOR: &str = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const UNKNOWN: &str = "0f000000-0000-4000-8000-000000000000";

fn users(customer: &str) -> String {
    format!("/v1/customers/{customer}/users")
}

fn user(customer: &str, user: &str) -> String {
    format!("/v1/customers/{customer}/users/{user}")
}

/// A create body for `local@contosoltd.onmicrosoft.com`.
fn new_user(local: &str, display_name: &str) -> Value {
    json!({
        "usageLocation": "US",
        "userPrincipalName": format!("{local}@contosoltd.onmicrosoft.com"),
        "firstName": "Test",
        "lastName": "User",
        "displayName": display_name,
        "immutableId": format!("{local}-immutable"),
        "passwordProfile": {"password": "abCD123*", "forceChangePassword": true},
        "attributes": {"objectType": "CustomerUser"}
    })
}

/// Creates a user in `customer` and returns its id.
async fn create(app: &TestClient, customer: &str, body: &Value) -> String {
    let created = app.create(&users(customer), body).await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.body["id"].as_str().unwrap().to_owned()
}

fn ids(page: &Answer) -> Vec<String> {
    page.strings("/items", "id")
        .into_iter()
        .map(str::to_owned)
        .collect()
}

fn names(page: &Answer, field: &str) -> Vec<String> {
    page.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[field].as_str().unwrap().to_owned())
        .collect()
}

/// The state filter as the .NET SDK sends it: URL-encoded JSON with `+` for spaces.
fn inactive_filter(field: &str) -> String {
    let filter = json!({"Field": field, "Value": "Inactive", "Operator": "equals"}).to_string();
    form_urlencoded::byte_serialize(filter.as_bytes()).collect()
}

#[tokio::test]
async fn a_customer_s_users_are_listed_by_display_name_in_a_collection_with_links() {
    let app = TestApp::start().await;
    let page = app.get(&users(CONTOSO)).await;
    page.assert_ok();
    assert_eq!(page.body["totalCount"], 4);
    assert_eq!(page.body["attributes"]["objectType"], "Collection");
    assert_eq!(
        page.body["links"]["self"]["uri"],
        format!("/v1/customers/{CONTOSO}/users")
    );
    assert!(page.body["links"].get("next").is_none());
    assert_eq!(
        names(&page, "displayName"),
        [
            "Alex Johnson",
            "Cam Rivera",
            "Jordan Lee",
            "Priya Natarajan"
        ]
    );
    let alex = &page.body["items"][0];
    assert_eq!(alex["id"], CONTOSO_ALEX);
    assert_eq!(alex["state"], "active");
    assert_eq!(alex["userDomainType"], "none");
    assert_eq!(alex["attributes"]["objectType"], "CustomerUser");
    assert_eq!(alex["links"]["self"]["uri"], user(CONTOSO, CONTOSO_ALEX));
    assert!(alex.get("passwordProfile").is_none());
    let jordan = &page.body["items"][2];
    assert!(
        jordan.get("usageLocation").is_none(),
        "an unset usage location is omitted"
    );
}

#[tokio::test]
async fn a_created_user_is_read_back_and_only_the_create_answer_shows_its_password() {
    let app = TestApp::start().await;
    let created = app
        .post(&users(CONTOSO), &new_user("pat.doe", "Pat Doe"))
        .await;
    let id = created.body["id"].as_str().unwrap();
    assert_eq!(
        created.body["passwordProfile"],
        json!({"password": "abCD123*", "forceChangePassword": true})
    );
    assert_eq!(created.body["state"], "active");
    assert_eq!(created.body["usageLocation"], "US");
    assert_eq!(created.body["links"]["self"]["uri"], user(CONTOSO, id));
    let read = app.get(&user(CONTOSO, id)).await;
    read.assert_ok();
    assert!(read.body.get("passwordProfile").is_none());
    assert_eq!(
        read.body["userPrincipalName"],
        "pat.doe@contosoltd.onmicrosoft.com"
    );
    assert_eq!(read.body["immutableId"], "pat.doe-immutable");
    assert!(ids(&app.get(&users(CONTOSO)).await).contains(&id.to_owned()));
}

#[tokio::test]
async fn the_dotnet_sdk_s_create_body_with_nulls_and_a_trailing_slash_is_taken() {
    let app = TestApp::start().await;
    let body = json!({
        "UsageLocation": "us", "UserPrincipalName": "sdk.user@contosoltd.onmicrosoft.com",
        "FirstName": null, "LastName": null, "DisplayName": "SDK User",
        "PasswordProfile": {"Password": "abCD123*", "ForceChangePassword": false},
        "LastDirectorySyncTime": null, "UserDomainType": "none", "State": "active",
        "SoftDeletionTime": null, "Id": null, "Links": null,
        "Attributes": {"ObjectType": "CustomerUser"}
    });
    let created = app.create(&format!("{}/", users(CONTOSO)), &body).await;
    assert_eq!(created.body["usageLocation"], "US");
    assert!(created.body.get("firstName").is_none());
}

#[tokio::test]
async fn a_user_principal_name_already_used_is_refused_with_900407_and_changes_nothing() {
    let app = TestApp::start().await;
    let taken = new_user("ALEX.JOHNSON", "Another Alex");
    let refused = app
        .assert_refused(400, 900407, app.post(&users(CONTOSO), &taken))
        .await;
    assert_eq!(
        refused.header("x-mock-rule"),
        Some("user-principal-name-unique")
    );
    // A deleted user keeps its name for its 30 days.
    app.delete(&user(CONTOSO, CONTOSO_ALEX)).await;
    app.assert_refused(400, 900407, app.post(&users(CONTOSO), &taken))
        .await;
    // Renaming onto a name in use is refused the same way.
    let rename = json!({"userPrincipalName": "admin@contosoltd.onmicrosoft.com"});
    let jordan = "2f222222-2222-4222-8222-000000000004";
    app.assert_refused(400, 900407, app.patch(&user(CONTOSO, jordan), &rename))
        .await;
}

#[tokio::test]
async fn bad_create_bodies_are_refused_with_400_naming_the_field() {
    let app = TestApp::start().await;
    let mut cases: Vec<(Value, &str)> = Vec::new();
    let mut with = |field: &str, value: Value, named: &'static str| {
        let mut body = new_user("bad.case", "Bad Case");
        body[field] = value;
        cases.push((body, named));
    };
    with(
        "userPrincipalName",
        json!("no-at-sign"),
        "userPrincipalName",
    );
    with(
        "userPrincipalName",
        json!("pat@fabrikaminc.onmicrosoft.com"),
        "userPrincipalName",
    );
    with(
        "userPrincipalName",
        json!(".pat@contosoltd.onmicrosoft.com"),
        "userPrincipalName",
    );
    with("userPrincipalName", json!(7), "userPrincipalName");
    with("displayName", json!(null), "displayName");
    with("displayName", json!("   "), "displayName");
    with("usageLocation", json!("USA"), "usageLocation");
    with("passwordProfile", json!(null), "passwordProfile");
    with(
        "passwordProfile",
        json!({"password": ""}),
        "passwordProfile.password",
    );
    with("firstName", json!("x".repeat(65)), "firstName");
    let mut missing = new_user("bad.case", "Bad Case");
    missing.as_object_mut().unwrap().remove("userPrincipalName");
    cases.push((missing, "userPrincipalName"));
    for (body, named) in cases {
        let refused = app
            .assert_refused(400, 2000, app.post(&users(CONTOSO), &body))
            .await;
        let description = refused.body["description"].as_str().unwrap();
        assert!(
            description.contains(named),
            "{named} is named in: {description}"
        );
    }
}

#[tokio::test]
async fn unknown_users_answer_404_60002_and_non_guid_ids_400() {
    let app = TestApp::start().await;
    let unknown = user(CONTOSO, UNKNOWN);
    let body = json!({"displayName": "x", "passwordProfile": {"password": "abCD123*"}});
    let requests = [
        app.get(&unknown).await,
        app.patch(&unknown, &body).await,
        app.patch(&format!("{unknown}/resetpassword"), &body).await,
        app.delete(&unknown).await,
        app.get(&format!("{unknown}/directoryroles")).await,
        app.get(&format!("{unknown}/licenses")).await,
    ];
    for answer in requests {
        answer.assert_fault(404, 60002);
        assert_eq!(answer.body["description"], "User object ID isn't found");
    }
    let refused = app
        .assert_refused(400, 2000, app.delete(&user(CONTOSO, "not-a-guid")))
        .await;
    assert_eq!(refused.body["description"], "User Id must be a GUID.");
    app.get(&user(UNKNOWN, CONTOSO_ALEX))
        .await
        .assert_fault(404, 1000);
}

#[tokio::test]
async fn a_deleted_user_is_listed_only_with_the_state_filter_and_a_restore_brings_it_back() {
    let app = TestApp::start().await;
    let deleted = app.delete(&user(CONTOSO, CONTOSO_ALEX)).await;
    assert_eq!(deleted.status, 204, "{}", deleted.text);
    assert!(deleted.text.is_empty());
    app.get(&user(CONTOSO, CONTOSO_ALEX))
        .await
        .assert_fault(404, 60002);
    assert!(!ids(&app.get(&users(CONTOSO)).await).contains(&CONTOSO_ALEX.to_owned()));
    for field in ["UserState", "UserStatus"] {
        let inactive = app
            .get(&format!(
                "{}?size=0&filter={}",
                users(CONTOSO),
                inactive_filter(field)
            ))
            .await;
        inactive.assert_ok();
        assert_eq!(ids(&inactive), [CONTOSO_ALEX]);
        assert_eq!(inactive.body["items"][0]["state"], "inactive");
        assert!(inactive.body["items"][0]["softDeletionTime"].is_string());
    }
    // Deleting it again, or changing it, is answered as for an unknown user.
    app.assert_refused(404, 60002, app.delete(&user(CONTOSO, CONTOSO_ALEX)))
        .await;
    app.assert_refused(
        404,
        60002,
        app.patch(&user(CONTOSO, CONTOSO_ALEX), &json!({"displayName": "x"})),
    )
    .await;
    // The restore body of the docs (PascalCase).
    let restored = app
        .patch(
            &user(CONTOSO, CONTOSO_ALEX),
            &json!({"State": "active", "Attributes": {"ObjectType": "CustomerUser"}}),
        )
        .await;
    restored.assert_ok();
    assert_eq!(restored.body["state"], "active");
    assert!(restored.body.get("softDeletionTime").is_none());
    assert_eq!(restored.body["displayName"], "Alex Johnson");
    let roles = app
        .get(&format!("{}/directoryroles", user(CONTOSO, CONTOSO_ALEX)))
        .await;
    assert_eq!(roles.body["totalCount"], 1, "its role comes back with it");
}

#[tokio::test]
async fn a_deleted_user_is_purged_after_30_days_and_can_no_longer_be_restored() {
    let app = TestApp::start().await;
    app.delete(&user(CONTOSO, CONTOSO_ALEX)).await;
    app.advance_clock(29);
    let filtered = format!("{}?filter={}", users(CONTOSO), inactive_filter("UserState"));
    assert_eq!(app.get(&filtered).await.body["totalCount"], 1);
    app.advance_clock(2);
    assert_eq!(app.get(&filtered).await.body["totalCount"], 0);
    app.assert_refused(
        404,
        60002,
        app.patch(&user(CONTOSO, CONTOSO_ALEX), &json!({"state": "active"})),
    )
    .await;
    // Its name is free again.
    create(&app, CONTOSO, &new_user("alex.johnson", "Alex Again")).await;
}

#[tokio::test]
async fn an_update_changes_the_given_properties_and_ignores_read_only_ones() {
    let app = TestApp::start().await;
    let mut body = app.get(&user(CONTOSO, CONTOSO_ALEX)).await.body;
    body["usageLocation"] = "gb".into();
    body["displayName"] = "Alex J.".into();
    body["userDomainType"] = "federated".into();
    body["id"] = UNKNOWN.into();
    body["passwordProfile"] = json!({"password": "N3w-secret", "forceChangePassword": false});
    let updated = app.patch(&user(CONTOSO, CONTOSO_ALEX), &body).await;
    updated.assert_ok();
    assert_eq!(updated.body["usageLocation"], "GB");
    assert_eq!(updated.body["displayName"], "Alex J.");
    assert_eq!(updated.body["userDomainType"], "none");
    assert_eq!(updated.body["id"], CONTOSO_ALEX);
    assert!(updated.body.get("passwordProfile").is_none());
    assert_eq!(
        app.get(&user(CONTOSO, CONTOSO_ALEX)).await.body,
        updated.body
    );
    let renamed = app
        .patch(
            &user(CONTOSO, CONTOSO_ALEX),
            &json!({"userPrincipalName": "alex@contosoltd.onmicrosoft.com"}),
        )
        .await;
    renamed.assert_ok();
    assert_eq!(
        renamed.body["userPrincipalName"],
        "alex@contosoltd.onmicrosoft.com"
    );
    let refused = app
        .assert_refused(
            400,
            2000,
            app.patch(&user(CONTOSO, CONTOSO_ALEX), &json!({"state": "inactive"})),
        )
        .await;
    assert!(refused.str("/description").contains("state"));
    app.assert_refused(
        400,
        2000,
        app.patch(
            &user(CONTOSO, CONTOSO_ALEX),
            &json!({"usageLocation": "Narnia"}),
        ),
    )
    .await;
}

#[tokio::test]
async fn a_password_reset_echoes_the_new_password_profile() {
    let app = TestApp::start().await;
    let path = format!("{}/resetpassword", user(CONTOSO, CONTOSO_ALEX));
    let reset = app
        .patch(
            &path,
            &json!({"passwordProfile": {"password": "Fresh-123", "forceChangePassword": true},
                    "attributes": {"objectType": "CustomerUser"}}),
        )
        .await;
    reset.assert_ok();
    assert_eq!(reset.body["id"], CONTOSO_ALEX);
    assert_eq!(reset.body["passwordProfile"]["password"], "Fresh-123");
    let refused = app
        .assert_refused(400, 2000, app.patch(&path, &json!({"passwordProfile": {}})))
        .await;
    assert!(
        refused
            .str("/description")
            .contains("passwordProfile.password")
    );
}

#[tokio::test]
async fn users_page_with_continuation_tokens_as_the_sdk_enumerator_follows_them() {
    let app = TestApp::start().await;
    for n in 0..5 {
        create(
            &app,
            CONTOSO,
            &new_user(&format!("paged{n}"), &format!("Paged {n}")),
        )
        .await;
    }
    let first = app.get(&format!("{}?size=3", users(CONTOSO))).await;
    first.assert_ok();
    assert_eq!(first.body["totalCount"], 3);
    let next = &first.body["links"]["next"];
    assert_eq!(
        next["uri"],
        format!("/v1/customers/{CONTOSO}/users?size=3&seekOperation=Next")
    );
    assert_eq!(next["headers"][0]["key"], "MS-ContinuationToken");
    assert_eq!(first.body["continuationToken"], next["headers"][0]["value"]);
    let all = list_all(&app, &format!("{}?size=3", users(CONTOSO))).await;
    let mut seen: Vec<&str> = all.iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(seen.len(), 9);
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 9, "no user is listed twice");

    // The SDK's seek query: no size, the token alone.
    let token = first.body["continuationToken"].as_str().unwrap();
    let seek = app
        .continued(&format!("{}?seekOperation=Next", users(CONTOSO)), token)
        .await;
    seek.assert_ok();
    assert_eq!(seek.body["totalCount"], 3);
    // A token is the list's own: not another customer's, not another query's, never forged.
    for (path, token) in [
        (users(LITWARE), token.to_owned()),
        (
            format!("{}?filter={}", users(CONTOSO), inactive_filter("UserState")),
            token.to_owned(),
        ),
        (users(CONTOSO), "forged.token".to_owned()),
    ] {
        app.call(
            Method::GET,
            &format!(
                "{path}{}seekOperation=Next",
                if path.contains('?') { "&" } else { "?" }
            ),
            None,
            &[("MS-ContinuationToken", &token)],
        )
        .await
        .assert_fault(400, 2000);
    }
    app.get(&format!("{}?seekOperation=Next", users(CONTOSO)))
        .await
        .assert_fault(400, 2000);
}

#[tokio::test]
async fn users_sort_by_principal_name_in_either_direction() {
    let app = TestApp::start().await;
    let page = app
        .get(&format!(
            "{}?sortField=UserPrincipalName&sortDirection=Descending",
            users(CONTOSO)
        ))
        .await;
    page.assert_ok();
    let upns = names(&page, "userPrincipalName");
    let mut expected = upns.clone();
    expected.sort();
    expected.reverse();
    assert_eq!(upns, expected);
    assert_eq!(upns[0], "priya.natarajan@contosoltd.onmicrosoft.com");
    for bad in [
        "sortField=Age",
        "sortDirection=Sideways",
        "size=-1",
        "filter=%7B",
    ] {
        app.get(&format!("{}?{bad}", users(CONTOSO)))
            .await
            .assert_fault(400, 2000);
    }
    let starts_with = json!({"Field": "UserState", "Value": "Inactive", "Operator": "starts_with"});
    let encoded: String =
        form_urlencoded::byte_serialize(starts_with.to_string().as_bytes()).collect();
    app.get(&format!("{}?filter={encoded}", users(CONTOSO)))
        .await
        .assert_fault(400, 2000);
}

#[tokio::test]
async fn directory_roles_list_their_members_and_membership_changes() {
    let app = TestApp::start().await;
    let roles = app
        .get(&format!("/v1/customers/{CONTOSO}/directoryroles"))
        .await;
    roles.assert_ok();
    assert_eq!(roles.body["totalCount"], 6);
    assert!(
        roles.body.get("links").is_none(),
        "role lists carry no links"
    );
    assert_eq!(
        roles.body["items"][0]["attributes"]["objectType"],
        "DirectoryRole"
    );
    let admin_roles = app
        .get(&format!("{}/directoryroles", user(CONTOSO, CONTOSO_ADMIN)))
        .await;
    assert_eq!(admin_roles.body["items"][0]["id"], GLOBAL_ADMINISTRATOR);
    assert_eq!(admin_roles.body["items"][0]["name"], "Global Administrator");

    let members =
        format!("/v1/customers/{CONTOSO}/directoryroles/{HELPDESK_ADMINISTRATOR}/usermembers");
    assert_eq!(app.get(&members).await.body["totalCount"], 0);
    let body = json!({"Id": CONTOSO_ALEX, "DisplayName": "Alex Johnson",
        "UserPrincipalName": "alex.johnson@contosoltd.onmicrosoft.com",
        "Attributes": {"ObjectType": "UserMember"}});
    for _ in 0..2 {
        let added = app.create(&members, &body).await;
        assert_eq!(added.body["roleId"], HELPDESK_ADMINISTRATOR);
        assert_eq!(added.body["id"], CONTOSO_ALEX);
        assert_eq!(added.body["attributes"]["objectType"], "UserMember");
    }
    let listed = app.get(&members).await;
    assert_eq!(ids(&listed), [CONTOSO_ALEX]);
    assert!(listed.body["links"]["self"].is_object());
    let removed = app.delete(&format!("{members}/{CONTOSO_ALEX}")).await;
    assert_eq!(removed.status, 204, "{}", removed.text);
    app.assert_refused(404, 1000, app.delete(&format!("{members}/{CONTOSO_ALEX}")))
        .await;
    let unknown_role = format!("/v1/customers/{CONTOSO}/directoryroles/{UNKNOWN}/usermembers");
    app.assert_refused(404, 1000, app.post(&unknown_role, &body))
        .await;
    app.assert_refused(404, 60002, app.post(&members, &json!({"id": UNKNOWN})))
        .await;
    app.assert_refused(400, 2000, app.post(&members, &json!({"id": "alex"})))
        .await;
    app.assert_refused(400, 2000, app.post(&members, &json!({})))
        .await;
}

#[tokio::test]
async fn role_members_page_with_continuation_tokens() {
    let app = TestApp::start().await;
    let members =
        format!("/v1/customers/{CONTOSO}/directoryroles/{HELPDESK_ADMINISTRATOR}/usermembers");
    for n in 0..3 {
        let id = create(
            &app,
            CONTOSO,
            &new_user(&format!("helper{n}"), &format!("Helper {n}")),
        )
        .await;
        app.create(&members, &json!({"id": id})).await;
    }
    let all = list_all(&app, &format!("{members}?size=2")).await;
    assert_eq!(all.len(), 3);
    assert_eq!(all[0]["displayName"], "Helper 0");
}

#[tokio::test]
async fn app_only_tokens_are_refused_on_user_routes() {
    let app = TestApp::start().await;
    let app_only = app.with_token(app_token("partner-tenant"));
    let body = new_user("app.only", "App Only");
    app_only
        .assert_refused(403, 900329, app_only.post(&users(CONTOSO), &body))
        .await;
    for path in [
        users(CONTOSO),
        user(CONTOSO, CONTOSO_ALEX),
        format!("/v1/customers/{CONTOSO}/directoryroles"),
        format!("/v1/customers/{CONTOSO}/subscribedskus"),
        format!("{}/licenses", user(CONTOSO, CONTOSO_ALEX)),
    ] {
        app_only.get(&path).await.assert_fault(403, 900329);
    }
}

#[tokio::test]
async fn user_routes_answer_20002_once_the_relationship_is_removed() {
    let app = TestApp::start().await;
    app.remove_relationship(ADATUM).await.assert_ok();
    app.get(&users(ADATUM)).await.assert_fault(403, 20002);
    app.get(&format!("/v1/customers/{ADATUM}/subscribedskus"))
        .await
        .assert_fault(403, 20002);
    app.assert_refused(
        403,
        20002,
        app.post(&users(ADATUM), &new_user("late", "Too Late")),
    )
    .await;
}

#[tokio::test]
async fn users_are_part_of_the_namespace_s_data_for_reset_snapshots_and_exports() {
    let app = TestApp::start().await;
    let id = create(&app, CONTOSO, &new_user("kept", "Kept User")).await;
    app.create("/_mock/snapshots", &json!({"name": "with-user"}))
        .await;
    app.post("/_mock/reset", &json!({})).await;
    app.get(&user(CONTOSO, &id)).await.assert_fault(404, 60002);
    app.get(&user(CONTOSO, CONTOSO_ALEX)).await.assert_ok();
    app.post("/_mock/snapshots/with-user/restore", &json!({}))
        .await;
    app.get(&user(CONTOSO, &id)).await.assert_ok();

    let exported = app.state().await;
    let contoso = exported_customer(&exported, CONTOSO);
    assert!(
        contoso["users"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["id"] == id)
    );
    let fresh = TestApp::start().await;
    let imported = fresh.put("/_mock/state", &exported).await;
    imported.assert_ok();
    assert_eq!(
        fresh.state().await,
        exported,
        "export then import is an identity"
    );
    fresh.get(&user(CONTOSO, &id)).await.assert_ok();

    let other = app.in_namespace("users-elsewhere");
    other
        .get(&user(CONTOSO, &id))
        .await
        .assert_fault(404, 60002);
}

#[tokio::test]
async fn creating_a_user_with_the_same_request_id_creates_it_once() {
    let app = TestApp::start().await;
    let body = new_user("once", "Only Once").to_string();
    let request_id = "5b4d7a4e-51b5-4d6a-8f0a-2a8f3f0b9c01";
    let first = app
        .call(
            Method::POST,
            &users(CONTOSO),
            Some(body.clone()),
            &[("MS-RequestId", request_id)],
        )
        .await;
    let again = app
        .call(
            Method::POST,
            &users(CONTOSO),
            Some(body),
            &[("MS-RequestId", request_id)],
        )
        .await;
    assert_eq!(first.status, 201, "{}", first.text);
    assert_eq!(again.body, first.body);
    assert_eq!(app.get(&users(CONTOSO)).await.body["totalCount"], 5);
}

#[tokio::test]
async fn generated_customers_have_no_users() {
    let app = TestApp::start().await;
    let named = [
        ADATUM, CONTOSO, FABRIKAM, LITWARE, NORTHWIND, TAILSPIN, WOODGROVE,
    ];
    let page = app.get("/v1/customers?size=500").await;
    let generated = page.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .find(|id| !named.contains(id))
        .unwrap()
        .to_owned();
    let listed = app.get(&users(&generated)).await;
    listed.assert_ok();
    assert_eq!(listed.body["totalCount"], 0);
}
