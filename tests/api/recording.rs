//! Recording a Partner Center through `partner-center-mock record`, and verifying the mock
//! against the recordings with `partner-center-mock verify`. Nothing outside this machine is
//! reachable, so the upstream is always local: another mock, or a small server that answers in
//! odd but real shapes. Every test that writes recordings checks the whole folder for the bearer
//! token it sent.

use crate::binary::{BINARY, wait};
use crate::helpers::{CONTOSO, E3, FABRIKAM, free_address, fresh_dir, plain_client};
use axum::extract::Request;
use axum::response::IntoResponse;
use partner_center_mock::MockPartnerCenter;
use partner_center_mock::recording::read_dir;
use reqwest::Method;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

/// A bearer token no file may contain.
fn bearer() -> String {
    format!("secret-bearer-{}", uuid::Uuid::new_v4())
}

/// The recording proxy, running: stopped with SIGTERM when dropped.
struct Proxy {
    child: Child,
    uri: String,
    /// What the proxy prints on stdout after its first line.
    rest: Option<std::thread::JoinHandle<String>>,
}

impl Proxy {
    fn start(upstream: &str, out: &Path, extra: &[&str]) -> Self {
        let mut child = Command::new(BINARY)
            .args(["record", "--upstream", upstream, "--port", "0", "--out"])
            .arg(out)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let uri = line
            .trim_end()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        let rest = std::thread::spawn(move || {
            use std::io::Read;
            let mut rest = String::new();
            let _ = stdout.read_to_string(&mut rest);
            rest
        });
        Self {
            child,
            uri,
            rest: Some(rest),
        }
    }

    /// Stops the proxy gracefully, waits for it, and checks that stdout carried nothing after
    /// its first line.
    fn stop(mut self) {
        terminate(&mut self.child);
        let rest = self.rest.take().unwrap().join().unwrap();
        assert!(rest.is_empty(), "stdout carries nothing else: {rest:?}");
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            terminate(&mut self.child);
        }
    }
}

fn terminate(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    assert!(wait(child).success(), "a SIGTERM stop exits 0");
}

/// Sends one request through `base` and returns the status, the headers and the body bytes.
async fn call(
    base: &str,
    token: &str,
    method: Method,
    path: &str,
    body: Option<&Value>,
) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let mut request = plain_client()
        .request(method, format!("{base}{path}"))
        .bearer_auth(token);
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.expect("an answer");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.bytes().await.unwrap().to_vec())
}

/// Every file in `dir`, with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    found.sort();
    found
}

/// No file of `dir` holds `secret`, in any of its bytes.
fn assert_nowhere(dir: &Path, secret: &str) {
    for (path, bytes) in files(dir) {
        let found = bytes
            .windows(secret.len())
            .any(|window| window == secret.as_bytes());
        assert!(!found, "{} holds {secret:?}", path.display());
    }
}

/// A Partner Center of odd but real shapes: PascalCase names, properties the mock does not
/// know, a header of its own; it remembers the `Authorization` it was sent.
async fn odd_upstream() -> (String, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&seen);
    let app = axum::Router::new().fallback(move |request: Request| {
        let kept = Arc::clone(&kept);
        async move {
            let auth = request
                .headers()
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            kept.lock().unwrap().push(auth);
            let method = request.method().to_string();
            let path = request.uri().path().to_owned();
            let sent = axum::body::to_bytes(request.into_body(), 1 << 20).await.unwrap();
            let sent: Value = serde_json::from_slice(&sent).unwrap_or(Value::Null);
            let body = json!({
                "Id": "0f0f0f0f-0000-4000-8000-000000000001",
                "CompanyProfile": {"CompanyName": "Odd Shapes Ltd", "Domain": "oddshapes.onmicrosoft.com"},
                "UserCredentials": {"UserName": "admin", "Password": "Upstream-P4ssword!"},
                "ExtraProperty": {"Nested": [1, 2, 3]},
                "Method": method,
                "Path": path,
                "Sent": sent,
                "Attributes": {"ObjectType": "Customer"}
            });
            let status = if method == "POST" { 201 } else { 200 };
            (
                axum::http::StatusCode::from_u16(status).unwrap(),
                [("x-odd-upstream", "yes"), ("content-type", "application/json")],
                body.to_string(),
            )
                .into_response()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let uri = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (uri, seen)
}

#[tokio::test]
async fn a_recording_session_captures_every_exchange_and_no_file_holds_the_bearer_token() {
    let (upstream, seen) = odd_upstream().await;
    let scratch = fresh_dir("record-odd");
    let out = scratch.path();
    let proxy = Proxy::start(&upstream, out, &[]);
    let token = bearer();
    let requests: Vec<(Method, String, Option<Value>)> = vec![
        (Method::GET, format!("/v1/customers/{CONTOSO}"), None),
        (Method::GET, "/v1/customers?size=3".to_owned(), None),
        (
            Method::POST,
            "/v1/customers".to_owned(),
            Some(json!({"CompanyProfile": {"Domain": "oddshapes"}})),
        ),
        (
            Method::PATCH,
            format!("/v1/customers/{CONTOSO}/subscriptions/abc"),
            Some(json!({"Status": "Suspended"})),
        ),
        (Method::DELETE, format!("/v1/customers/{CONTOSO}"), None),
    ];
    for (method, path, body) in &requests {
        let through = call(&proxy.uri, &token, method.clone(), path, body.as_ref()).await;
        let direct = call(&upstream, &token, method.clone(), path, body.as_ref()).await;
        assert_eq!(through.0, direct.0, "{method} {path}: the status");
        assert_eq!(
            through.2, direct.2,
            "{method} {path}: the body, byte for byte"
        );
        assert_eq!(through.1.get("x-odd-upstream").unwrap(), "yes");
        assert_eq!(
            through.1.get("content-type"),
            direct.1.get("content-type"),
            "{method} {path}"
        );
    }
    let expected = format!("Bearer {token}");
    assert!(
        seen.lock().unwrap().iter().all(|auth| *auth == expected),
        "the upstream gets the client's Authorization unchanged"
    );
    proxy.stop();

    let recorded = read_dir(out).unwrap();
    assert_eq!(recorded.len(), requests.len(), "one file per request");
    for ((_, exchange), (method, path, body)) in recorded.iter().zip(&requests) {
        assert_eq!(exchange.request.method, method.as_str());
        assert_eq!(
            format!(
                "{}{}",
                exchange.request.path,
                exchange
                    .request
                    .query
                    .as_ref()
                    .map(|q| format!("?{q}"))
                    .unwrap_or_default()
            ),
            *path
        );
        assert_eq!(exchange.request.payload.body, *body);
        assert_eq!(exchange.request.headers["authorization"], "<redacted>");
        assert_eq!(exchange.response.headers["x-odd-upstream"], "yes");
        let answered = exchange.response.payload.body.as_ref().unwrap();
        assert_eq!(answered["Path"], path.split('?').next().unwrap());
        assert_eq!(answered["UserCredentials"]["Password"], "<redacted>");
        assert!(exchange.duration_ms >= 0.0);
    }
    assert_eq!(recorded[2].1.response.status, 201);
    assert_nowhere(out, &token);
    assert_nowhere(out, "Upstream-P4ssword!");
}

#[tokio::test]
async fn scrubbing_maps_a_name_to_the_same_stand_in_in_every_file() {
    let upstream = MockPartnerCenter::start().await;
    let scratch = fresh_dir("record-scrub");
    let out = scratch.path();
    let proxy = Proxy::start(&upstream.uri(), out, &["--scrub"]);
    let token = bearer();
    for path in [
        format!("/v1/customers/{FABRIKAM}"),
        format!("/v1/customers/{FABRIKAM}/profiles/billing"),
    ] {
        let (status, _, body) = call(&proxy.uri, &token, Method::GET, &path, None).await;
        assert_eq!(status, 200);
        let body: Value = serde_json::from_slice(&body).unwrap();
        assert!(
            body.to_string().contains("Okafor"),
            "the client gets the real data"
        );
    }
    proxy.stop();

    let recorded = read_dir(out).unwrap();
    assert_eq!(recorded.len(), 2);
    let customer = recorded[0].1.response.payload.body.as_ref().unwrap();
    let profile = recorded[1].1.response.payload.body.as_ref().unwrap();
    let stand_in = customer["billingProfile"]["lastName"].as_str().unwrap();
    assert_ne!(stand_in, "Okafor");
    assert_eq!(
        profile["lastName"], stand_in,
        "the same stand-in in both files"
    );
    assert_eq!(customer["id"], FABRIKAM, "ids are kept");
    assert_eq!(profile["id"], customer["billingProfile"]["id"]);
    for original in [
        "Okafor",
        "Fabrikam Inc",
        "billing@fabrikaminc.onmicrosoft.com",
        "1 Main Street",
    ] {
        assert_nowhere(out, original);
    }
    assert_nowhere(out, &token);
}

#[tokio::test]
async fn redact_removes_the_given_path_and_the_administrator_password_never_reaches_the_disk() {
    let upstream = MockPartnerCenter::start().await;
    let scratch = fresh_dir("record-redact");
    let out = scratch.path();
    let proxy = Proxy::start(
        &upstream.uri(),
        out,
        &[
            "--redact",
            "companyProfile.domain",
            "--redact",
            "billingProfile.email",
        ],
    );
    let token = bearer();
    let mut customer = crate::helpers::new_customer("redactedcoffee", "Redacted Coffee");
    customer["billingProfile"]["email"] = json!("owner@redactedcoffee.example");
    let (status, _, body) = call(
        &proxy.uri,
        &token,
        Method::POST,
        "/v1/customers",
        Some(&customer),
    )
    .await;
    assert_eq!(status, 201);
    let created: Value = serde_json::from_slice(&body).unwrap();
    let password = created["userCredentials"]["password"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(password.len() >= 8, "the client gets the password");
    let (status, _, _) = call(
        &proxy.uri,
        &token,
        Method::GET,
        "/v1/customers?size=2",
        None,
    )
    .await;
    assert_eq!(status, 200);
    proxy.stop();

    let recorded = read_dir(out).unwrap();
    assert_eq!(recorded.len(), 2);
    let answer = recorded[0].1.response.payload.body.as_ref().unwrap();
    assert_eq!(answer["userCredentials"]["password"], "<redacted>");
    assert_eq!(answer["billingProfile"]["email"], "<redacted>");
    assert_eq!(
        answer["userCredentials"]["userName"],
        created["userCredentials"]["userName"]
    );
    let sent = recorded[0].1.request.payload.body.as_ref().unwrap();
    assert_eq!(sent["billingProfile"]["email"], "<redacted>");
    let page = recorded[1].1.response.payload.body.as_ref().unwrap();
    for item in page["items"].as_array().unwrap() {
        assert_eq!(
            item["companyProfile"]["domain"], "<redacted>",
            "at every index"
        );
    }
    assert_nowhere(out, &password);
    assert_nowhere(out, "owner@redactedcoffee.example");
    assert_nowhere(out, &token);
}

#[tokio::test]
async fn an_unreachable_upstream_gives_a_partner_center_502_and_is_recorded() {
    let closed = free_address();
    let scratch = fresh_dir("record-unreachable");
    let out = scratch.path();
    let proxy = Proxy::start(&format!("http://{closed}"), out, &[]);
    let token = bearer();
    let (status, headers, body) = call(
        &proxy.uri,
        &token,
        Method::GET,
        &format!("/v1/offers/{E3}?country=US"),
        None,
    )
    .await;
    assert_eq!(status, 502);
    assert_eq!(
        headers.get("content-type").unwrap(),
        "application/json; charset=utf-8"
    );
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        body["code"],
        partner_center_mock::record::UPSTREAM_UNREACHABLE
    );
    assert!(
        body["description"]
            .as_str()
            .unwrap()
            .contains("could not be reached")
    );
    assert_eq!(body["data"], json!([]));
    assert_eq!(body["source"], "PartnerFD");
    proxy.stop();

    let recorded = read_dir(out).unwrap();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].1.response.status, 502);
    assert_eq!(recorded[0].1.response.payload.body.as_ref(), Some(&body));
    assert_eq!(recorded[0].1.request.query.as_deref(), Some("country=US"));
    assert_nowhere(out, &token);
}

/// Runs `partner-center-mock verify` on `dir`, with more arguments, and returns its exit status
/// and its stdout lines.
fn verify(dir: &Path, extra: &[&str]) -> (std::process::ExitStatus, Vec<String>, String) {
    let output = Command::new(BINARY)
        .arg("verify")
        .arg(dir)
        .args(extra)
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (
        output.status,
        stdout.lines().map(str::to_owned).collect(),
        stderr,
    )
}

#[tokio::test]
async fn verify_on_recordings_of_the_mock_itself_matches_every_exchange() {
    let upstream = MockPartnerCenter::start().await;
    let scratch = fresh_dir("verify-self");
    let out = scratch.path();
    let proxy = Proxy::start(&upstream.uri(), out, &[]);
    let token = bearer();
    let get = |path: String| {
        let (uri, token) = (proxy.uri.clone(), token.clone());
        async move {
            let (status, _, body) = call(&uri, &token, Method::GET, &path, None).await;
            (
                status,
                serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null),
            )
        }
    };
    assert_eq!(get("/v1/customers?size=5".to_owned()).await.0, 200);
    for customer in [FABRIKAM, CONTOSO] {
        for tail in ["", "/profiles/billing", "/subscriptions", "/orders"] {
            let (status, _) = get(format!("/v1/customers/{customer}{tail}")).await;
            assert_eq!(status, 200, "{customer}{tail}");
        }
    }
    assert_eq!(
        get(format!("/v1/customers/{FABRIKAM}/entitlements"))
            .await
            .0,
        200
    );
    assert_eq!(get(format!("/v1/offers/{E3}?country=US")).await.0, 200);
    let unknown = "0e000000-0000-4000-8000-0000000000ff";
    assert_eq!(get(format!("/v1/customers/{unknown}")).await.0, 404);
    let order = json!({"referenceCustomerId": CONTOSO, "lineItems": [
        {"lineItemNumber": 0, "offerId": E3, "quantity": 3, "friendlyName": "E3 for verify"}]});
    let (status, _, placed) = call(
        &proxy.uri,
        &token,
        Method::POST,
        &format!("/v1/customers/{CONTOSO}/orders"),
        Some(&order),
    )
    .await;
    assert_eq!(status, 201);
    let placed: Value = serde_json::from_slice(&placed).unwrap();
    let order_id = placed["id"].as_str().unwrap().to_owned();
    let subscription = placed["lineItems"][0]["subscriptionId"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        get(format!("/v1/customers/{CONTOSO}/orders/{order_id}"))
            .await
            .0,
        200
    );
    let (status, _, _) = call(
        &proxy.uri,
        &token,
        Method::PATCH,
        &format!("/v1/customers/{CONTOSO}/subscriptions/{subscription}"),
        Some(&json!({"status": "suspended"})),
    )
    .await;
    assert_eq!(status, 200);
    let (status, suspended) = get(format!(
        "/v1/customers/{CONTOSO}/subscriptions/{subscription}"
    ))
    .await;
    assert_eq!(
        (status, suspended["status"].as_str()),
        (200, Some("suspended"))
    );
    proxy.stop();

    let recorded = read_dir(out).unwrap().len();
    assert_eq!(recorded, 16, "one file per request");
    let reports = fresh_dir("junit");
    let junit = reports.path().join("verify.xml");
    let (status, lines, stderr) = verify(out, &["--junit", junit.to_str().unwrap()]);
    assert_eq!(
        lines.len(),
        recorded + 1,
        "one line per exchange, then the summary: {lines:#?}"
    );
    for line in &lines[..recorded] {
        assert!(line.starts_with("matched "), "{line}\n{stderr}");
    }
    assert_eq!(
        lines.last().unwrap(),
        &format!("verify: {recorded} matched, 0 deviating, 0 not served")
    );
    assert!(status.success(), "{stderr}");
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert_eq!(xml.matches("<testcase ").count(), recorded);
    assert!(
        !xml.contains("<failure") && !xml.contains("<skipped"),
        "{xml}"
    );
    assert_nowhere(out, &token);
}

/// A Partner Center that answers as `target` does, but with `relationshipToPartner` renamed.
async fn renaming_upstream(target: String) -> String {
    let app = axum::Router::new().fallback(move |request: Request| {
        let target = target.clone();
        async move {
            let uri = format!(
                "{target}{}",
                request.uri().path_and_query().map_or("", |p| p.as_str())
            );
            let mut onward = plain_client().request(request.method().clone(), uri);
            if let Some(auth) = request.headers().get("authorization") {
                onward = onward.header("authorization", auth);
            }
            let body = axum::body::to_bytes(request.into_body(), 1 << 20)
                .await
                .unwrap();
            let answer = onward.body(body).send().await.unwrap();
            let status = answer.status();
            let text = answer.text().await.unwrap();
            let text = text.replace("\"relationshipToPartner\"", "\"relationshipWithPartner\"");
            (
                status,
                [("content-type", "application/json; charset=utf-8")],
                text,
            )
                .into_response()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let uri = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    uri
}

#[tokio::test]
async fn verify_reports_a_renamed_property_by_its_json_path_and_fails() {
    let mock = MockPartnerCenter::start().await;
    let upstream = renaming_upstream(mock.uri()).await;
    let scratch = fresh_dir("verify-renamed");
    let out = scratch.path();
    let proxy = Proxy::start(&upstream, out, &[]);
    let token = bearer();
    for path in [
        format!("/v1/customers/{CONTOSO}"),
        format!("/v1/offers/{E3}?country=US"),
        format!("/v1/customers/{CONTOSO}/nothing-here"),
    ] {
        call(&proxy.uri, &token, Method::GET, &path, None).await;
    }
    proxy.stop();

    let reports = fresh_dir("junit");
    let junit = reports.path().join("verify.xml");
    let (status, lines, stderr) = verify(out, &["--junit", junit.to_str().unwrap()]);
    assert!(
        !status.success(),
        "an unexplained deviation fails: {lines:#?}"
    );
    assert!(stderr.contains("1 unexplained deviations"), "{stderr}");
    assert_eq!(lines.len(), 4, "{lines:#?}");
    for (line, start) in lines.iter().zip([
        "deviating 000001-GET-customers-",
        "matched 000002-GET-offers-",
        "not served 000003-GET-",
    ]) {
        assert!(line.starts_with(start), "{line}");
    }
    assert!(
        lines[0].contains("$.relationshipWithPartner missing (unexplained)"),
        "{}",
        lines[0]
    );
    assert_eq!(lines[3], "verify: 1 matched, 1 deviating, 1 not served");
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert_eq!(xml.matches("<failure ").count(), 1, "{xml}");
    assert_eq!(xml.matches("<skipped ").count(), 1, "{xml}");
    assert!(xml.contains("$.relationshipWithPartner missing"), "{xml}");
    assert_nowhere(out, &token);
}

#[test]
fn verify_refuses_an_unreadable_recording_naming_the_file() {
    let scratch = fresh_dir("verify-broken");
    let out = scratch.path();
    std::fs::write(out.join("000001-GET-customers.json"), "{\"time\": 3").unwrap();
    let (status, lines, stderr) = verify(out, &[]);
    assert!(!status.success());
    assert!(lines.is_empty(), "{lines:?}");
    assert!(stderr.contains("000001-GET-customers.json"), "{stderr}");
}
