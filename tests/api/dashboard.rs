//! The dashboard at `/_mock/ui`, in a real headless Chromium (see [`crate::browser`]), and the
//! way it is served.

use crate::binary::spawn;
use crate::browser::Browser;
use crate::helpers::*;
use partner_center_mock::{MockPartnerCenter, MockPartnerCenterBuilder};
use serde_json::json;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Where the screenshot `name` that people look at is written.
fn screenshot_path(name: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join(format!("dashboard-{name}.png"))
}

fn page(app: &TestApp, view: &str) -> String {
    app.url(&format!("/_mock/ui{view}"))
}

/// A browser on `view` of a new mock built by `builder`; `None` where Chromium is missing.
async fn open_with(builder: MockPartnerCenterBuilder, view: &str) -> Option<(Browser, TestApp)> {
    let browser = Browser::open().await?;
    let app = TestApp::with(builder).await;
    browser.goto(&page(&app, view)).await;
    Some((browser, app))
}

/// A browser on `view` of a new mock with the default seed.
async fn open(view: &str) -> Option<(Browser, TestApp)> {
    open_with(MockPartnerCenter::builder(), view).await
}

/// The removal verdict the page shows: its `data-verdict`, once the page has one.
async fn verdict_becomes(browser: &Browser, verdict: &str) {
    browser
        .until_data(
            &format!("the verdict '{verdict}'"),
            "#verdict",
            "verdict",
            verdict,
        )
        .await;
}

async fn blocker_ids(browser: &Browser) -> Vec<String> {
    let mut ids: Vec<String> = serde_json::from_value(
        browser
            .run("return [...document.querySelectorAll('#blockers li')].map(li => li.dataset.blockerId)")
            .await,
    )
    .unwrap();
    ids.sort();
    ids
}

#[tokio::test]
async fn the_root_redirects_to_the_page_which_is_served_without_the_token_under_a_strict_policy() {
    let app = TestApp::with(MockPartnerCenter::builder().admin_token("s3cret")).await;
    let client = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let root = client.get(app.url("/")).send().await.unwrap();
    assert_eq!(root.status(), 307);
    assert_eq!(root.headers()["location"], "/_mock/ui");
    for (path, kind) in [
        ("/_mock/ui", "text/html"),
        (
            "/_mock/ui/customers/22222222-2222-4222-8222-222222222222",
            "text/html",
        ),
        ("/_mock/ui/journal?partner=blue", "text/html"),
        ("/_mock/ui/catalog?targetView=Azure", "text/html"),
        ("/_mock/ui/assets/app.js", "text/javascript"),
        ("/_mock/ui/assets/app.css", "text/css"),
    ] {
        let answer = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(answer.status(), 200, "{path}");
        let headers = answer.headers();
        assert!(
            headers["content-type"].to_str().unwrap().starts_with(kind),
            "{path}"
        );
        let policy = headers["content-security-policy"].to_str().unwrap();
        assert!(policy.contains("default-src 'none'") && policy.contains("script-src 'self'"));
        assert!(!policy.contains("unsafe"), "{policy}");
    }
    // The data the page reads is not open.
    let partners = client.get(app.url("/_mock/partners")).send().await.unwrap();
    assert_eq!(partners.status(), 401);
}

#[tokio::test]
async fn the_binary_shows_the_seed_customers_at_its_root_and_fetches_nothing_from_elsewhere() {
    let Some(browser) = Browser::open().await else {
        return;
    };
    let (mut mock, uri) = spawn(&[]);
    browser.goto(&format!("{uri}/")).await;
    browser.element("#customer-rows tr").await;
    assert_eq!(
        browser.client.current_url().await.unwrap().path(),
        "/_mock/ui"
    );
    browser
        .until_count("a full first page", "#customer-rows tr", 25)
        .await;
    let names = browser.texts("#customer-rows tr td:first-child").await;
    assert!(names.iter().all(|name| !name.is_empty()));
    // The counts are filled in from the customers' subscriptions.
    browser
        .until(
            "every count",
            "return [...document.querySelectorAll('td[data-count]')].every(td => td.textContent !== '…')",
        )
        .await;
    let fetched = browser.fetched().await;
    assert!(fetched.len() >= 4, "{fetched:?}");
    for address in &fetched {
        assert!(
            address.starts_with(&format!("{uri}/")),
            "the page fetched {address} from outside the mock"
        );
    }
    browser.close().await;
    let _ = mock.kill();
    let _ = mock.wait();
}

#[tokio::test]
async fn the_search_narrows_the_list_with_the_api_filter_and_the_pager_moves_on() {
    let Some((browser, _app)) = open("").await else {
        return;
    };
    browser
        .until_count("a full first page", "#customer-rows tr", 25)
        .await;
    let first_page = browser.texts("#customer-rows tr td:first-child").await;
    browser.click("#next-page").await;
    browser
        .until(
            "the second page",
            &format!(
                "return document.querySelector('#customer-rows tr td')?.textContent !== {}",
                json!(first_page[0])
            ),
        )
        .await;

    browser.type_into("#search", "contoso").await;
    browser
        .until_count("only Contoso", "#customer-rows tr", 1)
        .await;
    assert_eq!(
        browser.texts("#customer-rows tr td:first-child").await,
        ["Contoso Ltd"]
    );
    // Contoso's two active subscriptions, counted from /v1.
    browser
        .until_text(
            "Contoso's counts",
            "td[data-count=active-subscriptions]",
            "2",
        )
        .await;
    assert!(
        browser
            .client
            .current_url()
            .await
            .unwrap()
            .query()
            .unwrap()
            .contains("q=contoso"),
        "the search is part of the address"
    );

    // By domain, with the same starts-with matching as the API.
    let field = browser.element("#search-field").await;
    field.select_by_value("domain").await.unwrap();
    let search = browser.element("#search").await;
    search.clear().await.unwrap();
    search.send_keys("fabrikam").await.unwrap();
    browser
        .until(
            "only Fabrikam",
            "return [...document.querySelectorAll('#customer-rows tr td:nth-child(2)')].map(td => td.textContent).join() === 'fabrikaminc.onmicrosoft.com'",
        )
        .await;
    browser.close().await;
}

#[tokio::test]
async fn the_customer_page_shows_each_sku_s_units_and_the_users_with_their_licences_live() {
    let Some((browser, app)) = open(&format!("/customers/{CONTOSO}")).await else {
        return;
    };
    let consumed = format!("#licence-table tr[data-sku-id=\"{E3_SKU}\"] td[data-units=consumed]");
    browser.element(&consumed).await;
    assert_eq!(browser.texts(&consumed).await, ["2"]);
    assert_eq!(
        browser
            .texts("#user-table tr[data-user-id] td:first-child")
            .await
            .len(),
        4
    );
    let priya_e3 =
        format!("#user-table tr[data-user-id=\"{CONTOSO_PRIYA}\"] div[data-sku-id=\"{E3_SKU}\"]");
    assert!(browser.texts(&priya_e3).await.is_empty());

    app.create(
        &format!("/v1/customers/{CONTOSO}/users/{CONTOSO_PRIYA}/licenseupdates"),
        &json!({"licensesToAssign": [{"skuId": E3_SKU}]}),
    )
    .await;
    browser
        .until_text("E3's consumed units rising to 3", &consumed, "3")
        .await;
    assert_eq!(browser.texts(&priya_e3).await, ["Office 365 E3"]);
    browser.close().await;
}

#[tokio::test]
async fn an_order_placed_through_v1_appears_on_the_open_customer_page_within_two_seconds() {
    let Some((browser, app)) = open(&format!("/customers/{ADATUM}")).await else {
        return;
    };
    verdict_becomes(&browser, "removable").await;
    browser.element("[data-subscription-id]").await;

    let ordered = Instant::now();
    let subscription = app.subscribe(ADATUM, E3, 3).await;
    browser
        .until(
            "the new subscription",
            &format!(
                "return !!document.querySelector('[data-subscription-id=\"{subscription}\"]')"
            ),
        )
        .await;
    verdict_becomes(&browser, "blocked").await;
    let live = ordered.elapsed();
    assert!(live < Duration::from_secs(2), "the page took {live:?}");
    assert_eq!(blocker_ids(&browser).await, [subscription.as_str()]);
    let status = browser
        .run(&format!(
            "return document.querySelector('[data-subscription-id=\"{subscription}\"]').dataset.status"
        ))
        .await;
    assert_eq!(status, "active");

    // The page's own reads were not journaled: only the test's order is.
    let journal = app.get("/_mock/requests").await;
    let paths: Vec<&str> = journal.strings("/items", "path");
    assert_eq!(paths, [format!("/v1/customers/{ADATUM}/orders")]);
    browser.close().await;
}

#[tokio::test]
async fn the_verdict_names_the_blocking_subscriptions_until_they_are_suspended_and_the_removal_then_succeeds()
 {
    let Some((browser, app)) = open(&format!("/customers/{CONTOSO}")).await else {
        return;
    };
    verdict_becomes(&browser, "blocked").await;
    assert_eq!(
        browser.texts("#verdict-rule").await,
        ["relationship-removal-active-subscriptions"]
    );
    assert_eq!(
        blocker_ids(&browser).await,
        [CONTOSO_E3, CONTOSO_ESSENTIALS]
    );
    browser
        .until(
            "the rule's condition and error",
            "return document.querySelector('#verdict-rule-detail')?.textContent.endsWith('400 900400')",
        )
        .await;
    assert_eq!(
        browser.texts("[data-fact='Company name']").await,
        ["Contoso Ltd"]
    );
    browser.screenshot(&screenshot_path("customer")).await;

    for subscription in [CONTOSO_E3, CONTOSO_ESSENTIALS] {
        app.set_status(CONTOSO, subscription, "suspended")
            .await
            .assert_ok();
    }
    verdict_becomes(&browser, "removable").await;
    assert!(blocker_ids(&browser).await.is_empty());
    app.remove_relationship(CONTOSO).await.assert_ok();
    browser.close().await;
}

#[tokio::test]
async fn a_request_made_outside_the_browser_shows_up_in_the_journal_with_its_bodies() {
    let Some((browser, app)) = open("/journal").await else {
        return;
    };
    browser.element("#journal").await;
    app.remove_relationship(CONTOSO)
        .await
        .assert_fault(400, 900400);
    browser.element("#journal-rows tr").await;
    let cells = browser.texts("#journal-rows tr:first-child td").await;
    assert_eq!(cells[1], "PATCH");
    assert_eq!(cells[2], format!("/v1/customers/{CONTOSO}"));
    assert_eq!(cells[3], "400");
    assert_eq!(cells[4], "relationship-removal-active-subscriptions");
    browser.click("#journal-rows tr:first-child").await;
    browser.element("#journal-detail pre").await;
    let shown = browser.texts("#journal-detail pre").await.join("\n");
    assert!(
        shown.contains("\"relationshipToPartner\": \"none\""),
        "{shown}"
    );
    assert!(shown.contains("900400"), "{shown}");
    assert!(shown.contains("x-mock-rule"), "{shown}");

    // A fault's answer is marked, newest first.
    app.post(
        "/_mock/faults",
        &json!({"path": "/v1/customers/*", "status": 503, "times": 1}),
    )
    .await;
    app.get(&format!("/v1/customers/{CONTOSO}")).await;
    browser
        .until_data(
            "the fault's mark on the newest row",
            "#journal-rows tr:first-child [data-injected]",
            "injected",
            "fault-1",
        )
        .await;
    // So is an override's.
    app.post(
        "/_mock/overrides",
        &json!({"method": "GET", "path": "/v1/customers/*", "status": 200, "body": {"pinned": true}, "times": 1}),
    )
    .await;
    app.get(&format!("/v1/customers/{CONTOSO}")).await;
    browser
        .until_text(
            "the override's mark on the newest row",
            "#journal-rows tr:first-child [data-injected]",
            "override override-1",
        )
        .await;
    browser.close().await;
}

#[tokio::test]
async fn the_page_ships_the_unmatched_marks_and_the_control_that_shows_only_them() {
    let app = TestApp::start().await;
    let script = plain_client()
        .get(app.url("/_mock/ui/assets/app.js"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for piece in [
        "journal-unmatched-only",
        "data-unmatched",
        "data-nearest",
        "data-documented",
        "matched",
    ] {
        assert!(script.contains(piece), "the page's script lacks {piece}");
    }
    let page = plain_client()
        .get(app.url("/_mock/ui/journal?matched=false"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
}

#[tokio::test]
async fn unmatched_requests_are_marked_with_their_nearest_routes_and_can_be_shown_alone() {
    let Some((browser, app)) = open("/journal").await else {
        return;
    };
    browser.element("#journal").await;
    app.get(&format!("/v1/customers/{CONTOSO}"))
        .await
        .assert_ok();
    let support = format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_E3}/supportcontact");
    assert_eq!(app.get(&support).await.status, 404);
    app.get(&format!("/v1/customers/{CONTOSO}/subscription"))
        .await;
    browser
        .until_count("three rows", "#journal-rows tr", 3)
        .await;
    // The newest row: a plural slip, marked with its nearest route.
    let newest = browser
        .texts("#journal-rows tr:first-child [data-unmatched]")
        .await;
    assert_eq!(newest, ["no route (404)"]);
    let nearest = data(
        &browser,
        "#journal-rows tr:first-child [data-nearest]",
        "nearest",
    )
    .await;
    assert_eq!(nearest[0], "GET /v1/customers/{id}/subscriptions");
    // The documented route the mock does not emulate says so.
    let documented = data(
        &browser,
        "#journal-rows tr:nth-child(2) [data-documented]",
        "documented",
    )
    .await;
    assert_eq!(
        documented,
        ["GET /v1/customers/{id}/subscriptions/{subscriptionId}/supportcontact"]
    );
    // The served request carries no mark.
    assert!(
        browser
            .texts("#journal-rows tr:nth-child(3) [data-unmatched]")
            .await
            .is_empty()
    );

    browser.click("#journal-unmatched-only").await;
    browser
        .until(
            "only the unmatched rows",
            &format!("return {VISIBLE_ROWS} === 2"),
        )
        .await;
    let address = browser.run("return location.search").await;
    assert!(
        address.as_str().unwrap().contains("matched=false"),
        "{address}"
    );
    browser
        .screenshot(&screenshot_path("journal-unmatched"))
        .await;

    // The view has its own address, which opens with only the unmatched rows.
    browser.goto(&page(&app, "/journal?matched=false")).await;
    browser
        .until(
            "the control checked and only the unmatched rows",
            &format!(
                "return document.querySelector('#journal-unmatched-only')?.checked === true \
                 && {VISIBLE_ROWS} === 2"
            ),
        )
        .await;
    browser.click("#journal-unmatched-only").await;
    browser
        .until("every row again", &format!("return {VISIBLE_ROWS} === 3"))
        .await;
    browser.close().await;
}

/// How many journal rows the page shows.
const VISIBLE_ROWS: &str = "[...document.querySelectorAll('#journal-rows tr')].filter(r => r.offsetParent !== null).length";

#[tokio::test]
async fn a_throttled_answer_is_marked_in_the_journal() {
    let Some((browser, app)) = open("/journal").await else {
        return;
    };
    app.settings(json!({"throttling": "documented", "throttlingClock": "virtual"}))
        .await;
    let path = format!("/v1/customers/{CONTOSO}");
    for _ in 0..500 {
        app.get(&path).await.assert_ok();
    }
    assert_eq!(app.get(&path).await.status, 429);
    browser
        .until_text(
            "the throttled mark on the newest row",
            "#journal-rows tr:first-child [data-throttled]",
            &format!("throttled customers/{CONTOSO}"),
        )
        .await;
    browser.close().await;
}

#[tokio::test]
async fn a_hostile_company_name_is_shown_as_text_and_opens_no_dialog() {
    let Some((browser, app)) = open("").await else {
        return;
    };
    let hostile = "<img src=x onerror=alert(1)>";
    let created = app
        .call(
            reqwest::Method::POST,
            "/v1/customers",
            Some(new_customer("hostilename", hostile).to_string()),
            &[("X-Mock-Partner", "hostile")],
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let id = created.body["id"].as_str().unwrap();

    browser
        .goto(&page(&app, &format!("/customers/{id}?partner=hostile")))
        .await;
    browser.element("[data-fact='Company name']").await;
    assert_eq!(browser.texts("h1").await, [hostile]);
    browser
        .until(
            "the namespace picker, from /_mock/partners",
            "return [...document.querySelectorAll('#partner option')].some(o => o.selected && o.textContent === 'hostile (529 customers)')",
        )
        .await;
    assert_eq!(browser.texts("[data-fact='Company name']").await, [hostile]);
    browser.goto(&page(&app, "?partner=hostile&q=%3Cimg")).await;
    browser
        .until_count("the hostile customer in the list", "#customer-rows tr", 1)
        .await;
    assert_eq!(browser.texts("#customer-rows td a").await, [hostile]);
    assert_eq!(browser.run("return document.images.length").await, 0);
    assert!(!browser.dialog_is_open().await, "a dialog opened");
    // The default namespace does not have it.
    browser.goto(&page(&app, "?q=%3Cimg")).await;
    browser.element("#customers").await;
    browser
        .until_text("no match", ".status", "No customer matches.")
        .await;
    browser.close().await;
}

#[tokio::test]
async fn with_an_admin_token_the_page_shows_only_the_prompt_until_the_token_is_entered() {
    let Some((browser, _app)) = open_with(
        MockPartnerCenter::builder().admin_token("s3cret"),
        &format!("/customers/{CONTOSO}"),
    )
    .await
    else {
        return;
    };
    browser.element("#token-form").await;
    let shown = browser.run("return document.body.innerText").await;
    assert!(!shown.as_str().unwrap().contains("Contoso"), "{shown}");
    assert_eq!(
        browser
            .run("return document.querySelectorAll('header, table, #verdict').length")
            .await,
        0
    );
    assert!(
        !browser.dialog_is_open().await,
        "the prompt is in the page, not a dialog"
    );

    browser.type_into("#admin-token", "wrong").await;
    browser.click("#token-form button").await;
    browser
        .until_text_contains("the refusal", "#token-form .error", "refused")
        .await;
    browser.type_into("#admin-token", "s3cret").await;
    browser.click("#token-form button").await;
    verdict_becomes(&browser, "blocked").await;
    browser.close().await;
}

#[tokio::test]
async fn the_harness_controls_save_and_restore_snapshots_add_faults_and_advance_the_clock() {
    let Some((browser, app)) = open("/harness?partner=harness").await else {
        return;
    };
    let harness = app.in_namespace("harness");

    browser
        .type_into("#snapshot-form input[name=name]", "before")
        .await;
    browser.click("#snapshot-form button").await;
    browser.element("[data-snapshot=before]").await;

    browser
        .type_into("#fault-form input[name=path]", "/v1/customers")
        .await;
    browser
        .type_into("#fault-form input[name=status]", "503")
        .await;
    browser.click("#fault-form button").await;
    browser.element("[data-fault]").await;
    let faulted = harness.get("/v1/customers").await;
    assert_eq!(faulted.status, 503);
    browser.click("[data-fault] button").await;
    browser
        .until("no fault", "return !document.querySelector('[data-fault]')")
        .await;
    let listed = harness.get("/_mock/faults").await;
    assert_eq!(listed.body["items"], json!([]));

    // Overrides are listed and removed alike.
    harness
        .post(
            "/_mock/overrides",
            &json!({"path": "/v1/customers", "status": 200, "body": {}}),
        )
        .await;
    browser.goto(&page(&app, "/harness?partner=harness")).await;
    browser.click("[data-override=override-1] button").await;
    browser
        .until(
            "no override",
            "return !document.querySelector('[data-override]')",
        )
        .await;
    let listed = harness.get("/_mock/overrides").await;
    assert_eq!(listed.body["items"], json!([]));

    let before = browser.texts("#clock-now").await;
    browser
        .type_into("#clock-form input[name=duration]", "P8D")
        .await;
    browser.click("#clock-form button").await;
    browser
        .until(
            "the clock moved",
            &format!(
                "return document.querySelector('#clock-now').textContent !== {}",
                json!(before[0])
            ),
        )
        .await;
    let clock = harness.get("/_mock/clock").await;
    let now = chrono::DateTime::parse_from_rfc3339(clock.body["now"].as_str().unwrap()).unwrap();
    assert!(now > chrono::Utc::now() + chrono::Duration::days(7));

    // A customer made after the snapshot is gone once it is restored.
    let customer = format!(
        "/v1/customers/{}",
        harness.new_customer("aftersnapshot").await
    );
    browser.click("[data-snapshot=before] button").await;
    browser
        .until_text_contains("the restore", "#harness-status", "Restore before: done")
        .await;
    let gone = harness.get(&customer).await;
    assert_eq!(gone.status, 404, "{}", gone.text);

    browser.click("#reset").await;
    browser
        .until_text_contains("the reset", "#harness-status", "Reset: done")
        .await;
    browser.close().await;
}

#[tokio::test]
async fn add_ons_sit_under_their_base_and_reserved_instances_block_by_their_order() {
    let Some((browser, app)) = open(&format!("/customers/{LITWARE}")).await else {
        return;
    };
    browser.element("#subscription-table").await;
    let rows: Vec<String> = serde_json::from_value(
        browser
            .run("return [...document.querySelectorAll('#subscription-table tbody tr')].map(tr => tr.dataset.subscriptionId + (tr.classList.contains('add-on') ? ' add-on' : ''))")
            .await,
    )
    .unwrap();
    let base = rows
        .iter()
        .position(|r| r == LITWARE_BASE)
        .expect("the base");
    assert_eq!(
        rows[base + 1],
        format!("{LITWARE_ADD_ON} add-on"),
        "{rows:?}"
    );

    browser
        .goto(&page(&app, &format!("/customers/{FABRIKAM}")))
        .await;
    verdict_becomes(&browser, "blocked").await;
    assert_eq!(
        browser.texts("#verdict-rule").await,
        ["relationship-removal-reserved-instances"]
    );
    let blocker = browser
        .run("return [...document.querySelectorAll('#blockers li')].map(li => `${li.dataset.blockerKind} ${li.dataset.blockerId}`)")
        .await;
    assert_eq!(
        blocker,
        json!([format!("reservedInstance {FABRIKAM_RI_ORDER}")])
    );
    let reserved = browser
        .texts("#entitlement-table tr[data-entitlement-type=reservedinstance] td:nth-child(5)")
        .await;
    assert_eq!(reserved.len(), 1);
    assert!(
        reserved[0].contains("3e333333-3333-4333-8333-000000000001"),
        "{reserved:?}"
    );
    browser.close().await;
}

/// A cart body of one line buying `quantity` of `catalog_item` monthly for a year.
fn one_line(catalog_item: &str, quantity: u32, name: &str) -> serde_json::Value {
    json!({"lineItems": [{
        "catalogItemId": catalog_item,
        "friendlyName": name,
        "quantity": quantity,
        "billingCycle": "monthly",
        "termDuration": "P1Y"
    }]})
}

#[tokio::test]
async fn the_customer_page_lists_the_seeded_cart_and_shows_a_new_carts_line_error_as_text() {
    let Some((browser, app)) = open(&format!("/customers/{FABRIKAM}")).await else {
        return;
    };
    let seeded = format!("[data-cart-id='{FABRIKAM_CART}']");
    browser
        .until_data(
            "Fabrikam's seeded cart, active",
            &seeded,
            "status",
            "Active",
        )
        .await;
    let line = format!("{seeded} tr[data-catalog-item-id='{BUSINESS_BASIC}'] td");
    let cells = browser.texts(&line).await;
    assert!(cells[0].starts_with(BUSINESS_BASIC), "{cells:?}");
    assert!(
        cells[0].contains("Business Basic for the sales team"),
        "{cells:?}"
    );
    assert_eq!(cells[1], "5");
    assert_eq!(cells[2], "P1Y · monthly");
    assert_eq!(cells[3], "", "the seeded line has no error");
    let heading = browser.texts(&format!("{seeded} h3")).await;
    assert!(
        heading[0].contains("expires 2100-01-01 00:00:00Z"),
        "{heading:?}"
    );

    // A cart made outside the browser, with a line the catalog does not sell and a hostile name.
    let hostile = "<img src=x onerror=alert(1)>";
    let bad = app
        .new_cart(FABRIKAM, &one_line("CFQ7TTC0XXXX:0001:NOPE", 2, hostile))
        .await
        .body;
    let code = bad["lineItems"][0]["error"]["errorCode"].clone();
    assert_eq!(code, 10001, "{bad}");
    let cart = format!("[data-cart-id='{}']", bad["id"].as_str().unwrap());
    browser
        .until_data(
            "the new cart's line error",
            &format!("{cart} [data-error-code]"),
            "errorCode",
            "10001",
        )
        .await;
    let error = browser.texts(&format!("{cart} [data-error-code]")).await;
    let description = bad["lineItems"][0]["error"]["errorDescription"]
        .as_str()
        .unwrap();
    assert_eq!(error, [format!("10001 {description}")]);
    let name = browser.texts(&format!("{cart} td small")).await;
    assert_eq!(name, [hostile]);
    assert_eq!(browser.texts("#carts h2").await, ["Carts (2)"]);
    assert_eq!(browser.run("return document.images.length").await, 0);
    assert!(!browser.dialog_is_open().await, "a dialog opened");
    browser.close().await;
}

#[tokio::test]
async fn under_a_provisioning_delay_a_checkouts_order_shows_as_pending_until_the_clock_passes_it() {
    let Some((browser, app)) = open(&format!("/customers/{ADATUM}")).await else {
        return;
    };
    browser.element("#order-table, #orders p").await;
    app.settings(json!({"provisioningDelay": "PT10M"})).await;
    let cart = app
        .new_cart(ADATUM, &one_line(BUSINESS_BASIC, 2, "Pending seats"))
        .await;
    let checkout = app.checkout(ADATUM, cart.str("/id")).await;
    assert_eq!(checkout.status, 201, "{}", checkout.text);
    let order = checkout.str("/orders/0/id").to_owned();
    let subscription = checkout
        .str("/orders/0/lineItems/0/subscriptionId")
        .to_owned();
    let order_status =
        format!("return document.querySelector(\"[data-order-id='{order}']\")?.dataset.status");
    let badge = format!(
        "document.querySelector(\"[data-subscription-id='{subscription}'] [data-pending-order='{order}']\")"
    );
    browser
        .until(
            "the order, pending, and its subscription marked",
            &format!("{order_status} === 'pending' && !!{badge}"),
        )
        .await;
    assert_eq!(
        browser
            .texts(&format!(
                "[data-subscription-id='{subscription}'] [data-pending-order]"
            ))
            .await,
        ["pending"]
    );
    let ordered = format!("[data-cart-id='{}']", cart.str("/id"));
    browser
        .until_data("the cart, ordered", &ordered, "status", "Ordered")
        .await;

    // Not yet: the delay has not passed.
    app.advance("PT9M").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(browser.run(&order_status).await, "pending");
    app.advance("PT1M").await;
    browser
        .until(
            "the order, completed, and no pending mark",
            &format!("{order_status} === 'completed' && !{badge}"),
        )
        .await;
    assert_eq!(
        browser
            .run(&format!(
                "return document.querySelector(\"[data-subscription-id='{subscription}']\")?.dataset.status"
            ))
            .await,
        "active"
    );
    assert!(browser.texts("[data-pending-order]").await.is_empty());
    browser.close().await;
}

#[tokio::test]
async fn the_catalog_lists_business_basic_under_online_services_with_its_catalog_item_id() {
    let Some((browser, _app)) = open("/catalog").await else {
        return;
    };
    assert_eq!(browser.texts("header nav a.current").await, ["Catalog"]);
    let options: Vec<String> = serde_json::from_value(
        browser
            .run("return [...document.querySelectorAll('#target-view option')].map(o => o.value)")
            .await,
    )
    .unwrap();
    for view in [
        "OnlineServices",
        "Azure",
        "MicrosoftAzure",
        "AzureReservations",
        "Software",
        "MarketplaceSaaS",
    ] {
        assert!(options.iter().any(|o| o == view), "{view} in {options:?}");
    }
    let row = format!("[data-product-id=CFQ7TTC0LH18] tr[data-catalog-item-id='{BUSINESS_BASIC}']");
    browser.element(&row).await;
    assert_eq!(
        browser.texts("[data-product-id=CFQ7TTC0LH18] h2").await,
        ["Microsoft 365 Business Basic"]
    );
    let cells = browser.texts(&format!("{row} td")).await;
    assert!(cells[0].starts_with("0001"), "{cells:?}");
    assert!(cells[1].starts_with("CFQ7TTC0K971"), "{cells:?}");
    assert_eq!(
        browser.texts(&format!("{row} .term")).await,
        ["P1Y · annual", "P1Y · monthly", "P1M · monthly"]
    );
    assert_eq!(
        browser.texts(&format!("{row} code.copyable")).await,
        [BUSINESS_BASIC]
    );

    // Another view replaces the list, and the address keeps the choice.
    let view = browser.element("#target-view").await;
    view.select_by_value("MicrosoftAzure").await.unwrap();
    browser
        .until(
            "only the Azure plan",
            "return [...document.querySelectorAll('[data-product-id]')].map(p => p.dataset.productId).join() === 'DZH318Z0BPS6'",
        )
        .await;
    let address = browser.client.current_url().await.unwrap();
    assert!(
        address
            .query()
            .unwrap()
            .contains("targetView=MicrosoftAzure"),
        "{address}"
    );

    // A country the catalog does not sell in shows nothing.
    let country = browser.element("#country").await;
    country.clear().await.unwrap();
    country.send_keys("ZZ").await.unwrap();
    browser.click("#catalog-form button").await;
    browser
        .until(
            "no products",
            "return document.querySelector('.status')?.textContent === 'No products in this view and country.' && !document.querySelector('[data-product-id]')",
        )
        .await;
    browser.close().await;
}

async fn buy(app: &TestApp, customer: &str, quantity: u32, term: &str) -> String {
    app.subscribe_for(customer, BUSINESS_BASIC, quantity, term)
        .await
}

async fn patch_whole(
    app: &TestApp,
    customer: &str,
    subscription: &str,
    changes: serde_json::Value,
) {
    app.patch_whole(customer, subscription, changes)
        .await
        .assert_ok();
}

/// `attribute` of every element matching `css`.
async fn data(browser: &Browser, css: &str, attribute: &str) -> Vec<String> {
    let script = format!(
        "return [...document.querySelectorAll({})].map(e => e.dataset[{}])",
        json!(css),
        json!(attribute)
    );
    serde_json::from_value(browser.run(&script).await).expect("a list of strings")
}

#[tokio::test]
async fn a_new_commerce_subscription_shows_its_term_seats_scheduled_changes_and_history_and_the_harness_moves_to_its_expiry()
 {
    let Some((browser, app)) = open_with(MockPartnerCenter::builder().no_seed(), "/harness").await
    else {
        return;
    };
    let customer = app.new_customer("lifecyclepage").await;
    // A yearly subscription with seats added, then a change scheduled for its next term.
    let yearly = buy(&app, &customer, 2, "P1Y").await;
    patch_whole(&app, &customer, &yearly, json!({"quantity": 5})).await;
    patch_whole(
        &app,
        &customer,
        &yearly,
        json!({"scheduledNextTermInstructions": {
            "product": {
                "productId": "CFQ7TTC0LH18", "skuId": "0001", "availabilityId": "CFQ7TTC0K971",
                "billingCycle": "Monthly", "termDuration": "P1Y"
            },
            "quantity": 10
        }}),
    )
    .await;
    // A monthly one, suspended and reactivated, that will not renew.
    let monthly = buy(&app, &customer, 1, "P1M").await;
    app.set_status(&customer, &monthly, "suspended")
        .await
        .assert_ok();
    app.set_status(&customer, &monthly, "active")
        .await
        .assert_ok();
    app.patch(
        &format!("/v1/customers/{customer}/subscriptions/{monthly}"),
        &json!({"autoRenewEnabled": false}),
    )
    .await
    .assert_ok();
    let bought = app.subscription(&customer, &yearly).await.body;

    let customer_page = page(&app, &format!("/customers/{customer}"));
    browser.goto(&customer_page).await;
    let yearly_card = format!("[data-lifecycle-for='{yearly}']");
    let monthly_card = format!("[data-lifecycle-for='{monthly}']");
    browser
        .element(&format!("{yearly_card} [data-batch]"))
        .await;
    assert_eq!(
        data(&browser, &format!("{yearly_card} [data-batch]"), "batch").await,
        ["2", "3"]
    );
    let texts = browser.texts(&format!("{yearly_card} [data-batch]")).await;
    assert!(
        texts[0].starts_with("2 seats, reducible until "),
        "{texts:?}"
    );
    let scheduled = format!("{yearly_card} [data-part=scheduled]");
    assert_eq!(
        data(&browser, &scheduled, "scheduledQuantity").await,
        ["10"]
    );
    assert_eq!(
        data(&browser, &scheduled, "scheduledItem").await,
        [BUSINESS_BASIC]
    );
    assert!(browser.texts(&scheduled).await[0].contains("P1Y · monthly"));
    assert_eq!(
        data(
            &browser,
            &format!("{monthly_card} [data-part=history] li"),
            "status"
        )
        .await,
        ["suspended", "active"]
    );
    // The term and the cancellation window, as /v1 reads them.
    let row = format!("[data-subscription-id='{yearly}']");
    assert_eq!(
        data(&browser, &format!("{row} [data-term]"), "term").await,
        ["P1Y"]
    );
    assert_eq!(
        data(
            &browser,
            &format!("{row} [data-cancellable-until]"),
            "cancellableUntil"
        )
        .await,
        [bought["cancellationAllowedUntilDate"].as_str().unwrap()]
    );
    let term = browser.texts(&format!("{row} [data-term]")).await;
    let start = bought["effectiveStartDate"]
        .as_str()
        .unwrap()
        .replace('T', " ");
    assert!(term[0].contains(&start[..10]), "{term:?} {start}");
    assert_eq!(
        data(&browser, &format!("{row} [data-next-event]"), "nextEvent").await,
        ["renewal"]
    );
    assert_eq!(
        data(
            &browser,
            &format!("[data-subscription-id='{monthly}'] [data-next-event]"),
            "nextEvent"
        )
        .await,
        ["expired"]
    );

    // The harness moves the clock to the monthly subscription's expiry, the namespace's next event.
    browser.goto(&page(&app, "/harness")).await;
    browser
        .until_data("the next event", "#next-event", "change", "expired")
        .await;
    browser.click("#advance-to-next-event").await;
    browser
        .until_text_contains(
            "the move",
            "#harness-status",
            "Advance to the next event: done",
        )
        .await;
    let expired = app.subscription(&customer, &monthly).await.body;
    assert_eq!(expired["status"], "expired");

    browser.goto(&customer_page).await;
    let label = format!("[data-subscription-id='{monthly}'] [data-status-label]");
    browser
        .until_text("the expired subscription", &label, "Expired")
        .await;
    assert_eq!(
        data(
            &browser,
            &format!("{monthly_card} [data-part=history] li"),
            "status"
        )
        .await,
        ["suspended", "active", "expired"]
    );
    let history = browser
        .texts(&format!("{monthly_card} [data-part=history] li"))
        .await;
    assert!(history[2].ends_with("Expired"), "{history:?}");
    assert_eq!(
        data(
            &browser,
            &format!("{monthly_card} [data-part=next-lapse-step]"),
            "status"
        )
        .await,
        ["disabled"]
    );
    let lapse = browser
        .texts(&format!("{monthly_card} [data-part=next-lapse-step]"))
        .await;
    assert!(lapse[0].contains("Disabled on "), "{lapse:?}");
    // A month on, the yearly subscription's seat windows have closed; its scheduled change stays.
    assert!(
        browser
            .texts(&format!("{yearly_card} [data-batch]"))
            .await
            .is_empty()
    );
    assert_eq!(
        data(&browser, &scheduled, "scheduledQuantity").await,
        ["10"]
    );
    browser.screenshot(&screenshot_path("lifecycle")).await;
    browser.close().await;
}
