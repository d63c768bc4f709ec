//! The binary: its first stdout line, its flags, a bad seed, and a graceful stop on SIGTERM.

use crate::helpers::{TestClient, answer, fresh_dir, plain_client};
use reqwest::Method;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) const BINARY: &str = env!("CARGO_BIN_EXE_partner-center-mock");

/// Starts the binary on a free port (`PCMOCK_PORT=0`) and returns it with its base uri.
pub(crate) fn spawn(args: &[&str]) -> (std::process::Child, String) {
    let mut child = Command::new(BINARY)
        .args(args)
        .env("PCMOCK_PORT", "0")
        .env_remove("PCMOCK_HOST")
        .env_remove("PCMOCK_SEED")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let uri = line
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    assert!(uri.starts_with("http://127.0.0.1:"), "{uri}");
    (child, uri)
}

/// Runs the binary as `command` sets it up and checks that it stops at start-up without serving:
/// it fails, printing nothing on stdout. Gives what it printed on stderr.
pub(crate) fn refused_start_up(command: &mut Command) -> String {
    let output = command.output().expect("the binary runs");
    assert!(!output.status.success(), "the binary started");
    assert!(output.stdout.is_empty(), "nothing is printed on stdout");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub(crate) fn wait(child: &mut std::process::Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "the binary did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[tokio::test]
async fn the_binary_serves_the_seed_and_stops_gracefully_on_sigterm() {
    let (mut child, uri) = spawn(&[]);
    let client = TestClient::at(&uri);
    let health = client.get("/_mock/health").await.body;
    assert_eq!(health["status"], "ok");
    let page = client.get("/v1/customers").await.body;
    assert_eq!(page["totalCount"], 500);
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(wait(&mut child).success(), "a SIGTERM stop exits 0");
}

#[tokio::test]
async fn no_seed_serves_no_customers() {
    let (mut child, uri) = spawn(&["--no-seed"]);
    let client = plain_client();
    let response = client
        .get(format!("{uri}/v1/customers"))
        .bearer_auth("t")
        .send()
        .await
        .unwrap();
    let page = answer(&Method::GET, response).await;
    assert_eq!(page.body["totalCount"], 0, "{}", page.text);
    child.kill().unwrap();
    wait(&mut child);
}

#[test]
fn a_zero_negative_or_non_numeric_memory_bound_stops_start_up_naming_the_flag() {
    let cases: &[(&str, &str, &str)] = &[
        ("--journal-budget", "PCMOCK_JOURNAL_BUDGET", "0"),
        ("--journal-budget", "PCMOCK_JOURNAL_BUDGET", "-5MiB"),
        ("--journal-budget", "PCMOCK_JOURNAL_BUDGET", "lots"),
        ("--max-namespaces", "PCMOCK_MAX_NAMESPACES", "0"),
        ("--max-namespaces", "PCMOCK_MAX_NAMESPACES", "-3"),
        ("--max-namespaces", "PCMOCK_MAX_NAMESPACES", "ten"),
        ("--namespace-idle-ttl", "PCMOCK_NAMESPACE_IDLE_TTL", "0s"),
        ("--namespace-idle-ttl", "PCMOCK_NAMESPACE_IDLE_TTL", "soon"),
        (
            "--namespace-idle-threshold",
            "PCMOCK_NAMESPACE_IDLE_THRESHOLD",
            "-1m",
        ),
    ];
    for (flag, variable, value) in cases {
        let by_flag = Command::new(BINARY)
            .args(["--port", "0", flag, value])
            .output()
            .unwrap();
        let by_variable = Command::new(BINARY)
            .args(["--port", "0"])
            .env(variable, value)
            .output()
            .unwrap();
        for output in [by_flag, by_variable] {
            assert!(!output.status.success(), "{flag} {value} was taken");
            assert!(output.stdout.is_empty(), "nothing is printed on stdout");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.contains(flag), "{flag} {value}: {stderr}");
        }
    }
}

#[test]
fn an_invalid_seed_stops_start_up_naming_the_file_and_the_path() {
    let dir = fresh_dir("seed");
    let file = dir.path().join("broken-seed.json");
    std::fs::write(
        &file,
        r#"{"partner": {"id": "p", "name": "n", "mpnId": "1"}, "customers": [{"id": 7}]}"#,
    )
    .unwrap();
    let stderr = refused_start_up(
        Command::new(BINARY)
            .args(["--port", "0", "--seed"])
            .arg(&file),
    );
    assert!(stderr.contains("broken-seed.json"), "{stderr}");
    assert!(stderr.contains("customers[0].id"), "{stderr}");
}
