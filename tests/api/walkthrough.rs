//! The client guide's walk-throughs run as written: the curl scripts against the binary (with the
//! output the guide shows), the licence report against the binary (likewise), and the embedded
//! examples against an embedded mock.

use crate::binary::{spawn, wait};
use crate::helpers::*;
use partner_center_mock::domain::cart::CartStatus;
use serde_json::json;
use std::path::Path;
use std::process::Command;

/// Whether `program --version` runs here.
fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

/// Whether the curl walk-throughs can run here; says why not when they cannot.
fn curl_and_python_installed() -> bool {
    match ["curl", "python3"].into_iter().find(|p| !installed(p)) {
        Some(missing) => {
            println!("skipped: the curl walk-throughs need {missing}, which is not installed");
            false
        }
        None => true,
    }
}

/// Runs `examples/{script}` against the mock at `uri`; gives whether it succeeded, its stdout
/// and its stderr.
fn run_script(script: &str, uri: &str) -> (bool, String, String) {
    let output = Command::new("bash")
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples")
                .join(script),
        )
        .arg(uri)
        .env("NO_PROXY", "*")
        .env_remove("PCMOCK_URL")
        .env_remove("PCMOCK_PARTNER")
        .env_remove("PCMOCK_ADMIN_TOKEN")
        .output()
        .expect("bash runs the script");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_curl_walkthrough_removes_a_blocked_customer_against_the_binary() {
    if !curl_and_python_installed() {
        return;
    }
    let (mut child, uri) = spawn(&[]);
    let (succeeded, stdout, stderr) = run_script("removal-walkthrough.sh", &uri);
    child.kill().unwrap();
    wait(&mut child);

    assert!(succeeded, "the walk-through failed:\n{stdout}\n{stderr}");
    for step in [
        "X-Mock-Rule: relationship-removal-active-subscriptions",
        "relationshipToPartner: none",
        "every step answered as expected",
    ] {
        assert!(stdout.contains(step), "no {step:?} in:\n{stdout}");
    }
    assert_eq!(
        guide_output("Its output against the default seed:"),
        stdout,
        "docs/clients.md shows the script's output as it is"
    );
}

#[tokio::test]
async fn the_curl_purchase_walkthrough_buys_cancels_and_removes_against_the_binary() {
    if !curl_and_python_installed() {
        return;
    }
    let (mut child, uri) = spawn(&[]);
    let (succeeded, stdout, stderr) = run_script("purchase-walkthrough.sh", &uri);
    assert!(succeeded, "the walk-through failed:\n{stdout}\n{stderr}");
    for step in [
        "lineItems[0].error.errorCode: 10001",
        "X-Mock-Rule: cart-checkout-without-line-errors",
        "orders[0].status: completed",
        "X-Mock-Rule: relationship-removal-active-subscriptions",
        "relationshipToPartner: none",
        "every step answered as expected",
    ] {
        assert!(stdout.contains(step), "no {step:?} in:\n{stdout}");
    }
    assert_eq!(
        guide_output("The purchase walk-through's output against the default seed:"),
        stdout,
        "docs/clients.md shows the script's output as it is"
    );

    // A step that answers otherwise stops the script with a non-zero exit. Fault rules outlive
    // the script's reset, so a refused checkout meets it at its first checkout.
    let namespace = TestClient::at(&uri).in_namespace("purchase-walkthrough");
    let fault = json!({"method": "POST", "path": format!("/v1/customers/{ADATUM}/carts/*"),
        "status": 409, "code": 800064, "description": "Cart is being processed by another request"});
    assert_eq!(namespace.post("/_mock/faults", &fault).await.status, 201);
    let (succeeded, stdout, stderr) = run_script("purchase-walkthrough.sh", &uri);
    child.kill().unwrap();
    wait(&mut child);
    assert!(
        !succeeded,
        "the walk-through ignored a refused checkout:\n{stdout}"
    );
    assert!(
        stderr.contains("FAILED: expected HTTP 400, got 409"),
        "{stdout}\n{stderr}"
    );
    assert!(
        !stdout.contains("every step answered as expected"),
        "{stdout}"
    );
}

/// A script's output as docs/clients.md shows it: the `text` block after `heading`.
fn guide_output(heading: &str) -> String {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/clients.md"))
            .expect("docs/clients.md");
    text_block_after(&guide, heading).to_owned()
}

/// The `text` block that follows `heading` in `page`.
fn text_block_after<'a>(page: &'a str, heading: &str) -> &'a str {
    let (_, after) = page
        .split_once(heading)
        .unwrap_or_else(|| panic!("no {heading:?} in the guide"));
    after
        .split_once("```text\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .expect("a text block")
        .0
}

#[test]
fn the_licence_report_of_the_guide_prints_what_the_guide_shows() {
    if !installed("python3") {
        println!("skipped: the licence report needs python3, which is not installed");
        return;
    }
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/clients.md"))
            .expect("docs/clients.md");
    let (_, section) = guide
        .split_once("## A licence report")
        .expect("the guide has a licence report");
    let block = |opening: &str| -> String {
        section
            .split_once(opening)
            .and_then(|(_, rest)| rest.split_once("```"))
            .map(|(block, _)| block.to_owned())
            .unwrap_or_else(|| panic!("no {opening:?} block in the licence report"))
    };
    let script = block("```python\n");
    let shown = text_block_after(section, "The report against the default seed:");
    let (mut child, uri) = spawn(&[]);
    let script = script.replace("http://127.0.0.1:8080", &uri);
    let output = Command::new("python3")
        .arg("-c")
        .arg(&script)
        .env("NO_PROXY", "*")
        .output()
        .expect("python3 runs the report");
    child.kill().unwrap();
    wait(&mut child);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the licence report failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        stdout, shown,
        "docs/clients.md shows the report's output as it is"
    );
}

#[path = "../../examples/embedded.rs"]
#[expect(
    unreachable_pub,
    reason = "an example is a binary of its own, whose items are `pub` at its root"
)]
#[expect(
    dead_code,
    reason = "the example's main runs under cargo run, not here"
)]
mod embedded;

#[tokio::test]
async fn the_embedded_example_clears_each_kind_of_blocker_and_removes_the_customer() {
    let cases: [(Option<&str>, i64, &str, &[&str]); 4] = [
        (
            None,
            900400,
            "relationship-removal-active-subscriptions",
            &[],
        ),
        (
            Some("Litware"),
            900400,
            "relationship-removal-active-subscriptions",
            &[LITWARE_BASE, LITWARE_ADD_ON, LITWARE_TRIAL],
        ),
        (
            Some("Fabrikam"),
            900401,
            "relationship-removal-reserved-instances",
            &[FABRIKAM_RI_ORDER],
        ),
        (
            Some("Tailspin"),
            900402,
            "relationship-removal-software-purchases",
            &[TAILSPIN_SOFTWARE_ORDER],
        ),
    ];
    for (company, code, rule, cleared) in cases {
        let app = TestApp::start().await;
        let removal = embedded::remove_a_blocked_customer(&app.mock, company)
            .await
            .unwrap_or_else(|e| panic!("the example failed for {company:?}: {e}"));
        assert_eq!(removal.refusal, (code, rule.to_owned()), "{company:?}");
        if let Some(company) = company {
            assert!(removal.company.starts_with(company), "{removal:?}");
            assert_eq!(removal.cleared, cleared, "{removal:?}");
        } else {
            assert!(!removal.cleared.is_empty(), "{removal:?}");
        }
        let customer = format!("/v1/customers/{}", removal.customer);
        app.get(&customer).await.assert_fault(403, 20002);
        app.remove_relationship(&removal.customer)
            .await
            .assert_fault(400, 3000);
    }
}

#[path = "../../examples/purchase.rs"]
#[expect(
    unreachable_pub,
    reason = "an example is a binary of its own, whose items are `pub` at its root"
)]
#[expect(
    dead_code,
    reason = "the example's main runs under cargo run, not here"
)]
#[expect(
    clippy::duplicate_mod,
    reason = "each example brings the client the Rust examples share, as its own binary needs it"
)]
mod purchase;

#[tokio::test]
async fn the_purchase_example_buys_cancels_and_removes_adatum() {
    let app = TestApp::start().await;
    let bought = purchase::buy_cancel_and_remove(&app.mock)
        .await
        .unwrap_or_else(|e| panic!("the example failed: {e}"));
    assert_eq!(bought.catalog_item, BUSINESS_BASIC);
    assert_eq!(bought.line_error, 10001);
    assert_eq!(
        bought.refusal,
        (
            900400,
            "relationship-removal-active-subscriptions".to_owned()
        )
    );

    app.get(&format!("/v1/customers/{ADATUM}/carts/{}", bought.cart))
        .await
        .assert_fault(403, 20002);
    let adatum = app
        .mock
        .store()
        .customer(partner_center_mock::domain::CustomerId::parse(ADATUM).unwrap())
        .unwrap();
    let cart = adatum
        .carts
        .iter()
        .find(|cart| cart.id.to_string() == bought.cart)
        .expect("the cart is kept");
    assert_eq!(cart.status, CartStatus::Ordered);
    let order = adatum
        .orders
        .iter()
        .find(|order| order.id == bought.order.as_str())
        .expect("the order is kept");
    let lines = &order.line_items;
    assert_eq!(lines.len(), 1, "{order:?}");
    assert_eq!(
        lines[0].subscription_id.map(|id| id.to_string()),
        Some(bought.subscription),
    );
}
