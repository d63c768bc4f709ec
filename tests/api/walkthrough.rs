//! The client guide's walk-throughs run as written: the curl script against the binary.

use crate::binary::{spawn, wait};
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
}
