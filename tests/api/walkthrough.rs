//! The client guide's walk-throughs run as written: the curl script against the binary (with the
//! output the guide shows), the licence report against the binary (likewise), and the embedded
//! example's clean-up against an embedded mock.

use crate::binary::{spawn, wait};
use crate::helpers::*;
use std::path::Path;
use std::process::Command;

/// Whether `program --version` runs here.
fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

#[test]
fn the_curl_walkthrough_removes_a_blocked_customer_against_the_binary() {
    if let Some(missing) = ["curl", "python3"].into_iter().find(|p| !installed(p)) {
        println!("skipped: the removal walk-through needs {missing}, which is not installed");
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/removal-walkthrough.sh");
    let (mut child, uri) = spawn(&[]);
    let output = Command::new("bash")
        .arg(&script)
        .arg(&uri)
        .env("NO_PROXY", "*")
        .env_remove("PCMOCK_URL")
        .env_remove("PCMOCK_PARTNER")
        .env_remove("PCMOCK_ADMIN_TOKEN")
        .output()
        .expect("bash runs the script");
    child.kill().unwrap();
    wait(&mut child);

    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the walk-through failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    for step in [
        "X-Mock-Rule: relationship-removal-active-subscriptions",
        "relationshipToPartner: none",
        "every step answered as expected",
    ] {
        assert!(stdout.contains(step), "no {step:?} in:\n{stdout}");
    }
    assert_eq!(
        guide_output(),
        stdout,
        "docs/clients.md shows the script's output as it is"
    );
}

/// The script's output as docs/clients.md shows it: the `text` block after "Its output".
fn guide_output() -> String {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/clients.md"))
            .expect("docs/clients.md");
    let (_, after) = guide
        .split_once("Its output against the default seed:")
        .expect("the guide shows the walk-through's output");
    let block = after
        .split_once("```text\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .expect("a text block")
        .0;
    block.to_owned()
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
    let (_, shown) = section
        .split_once("The report against the default seed:")
        .expect("the guide shows the report's output");
    let shown = shown
        .split_once("```text\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .expect("a text block")
        .0;
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
            &[LITWARE_BASE, LITWARE_ADD_ON],
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
