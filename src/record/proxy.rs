//! The proxy's one route: send the request on, return the answer, record the exchange.

use super::redact::{BodyPaths, REDACTED, is_secret_header};
use super::scrub::Scrubber;
use crate::recording::folder::Folder;
use crate::recording::{Exchange, Payload, RecordedRequest, RecordedResponse};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::json;
use std::collections::BTreeMap;
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpListener;

/// The Partner Center error code of the 502 answered when the upstream cannot be reached
/// (mock-defined: Partner Center publishes none for its gateway's failures).
pub const UPSTREAM_UNREACHABLE: u32 = 900_502;

/// How long the upstream may take to accept a connection, and to answer in full.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const ANSWER_TIMEOUT: Duration = Duration::from_secs(120);
/// The largest request body sent on.
const BODY_LIMIT: usize = 64 * 1024 * 1024;

/// Headers that belong to one connection, not to the request (RFC 9110 §7.6.1).
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// What `record` is told.
#[derive(Debug, Clone)]
pub struct RecordOptions {
    /// The upstream base url, such as `https://api.partnercenter.microsoft.com`.
    pub upstream: String,
    /// The folder the recordings go to; made when missing.
    pub out: PathBuf,
    /// Extra dotted body paths to redact, beside `userCredentials.password` and
    /// `passwordProfile.password`.
    pub redact: Vec<String>,
    /// Whether to pseudonymise personal data in bodies.
    pub scrub: bool,
}

/// A recording session: the upstream, the folder and what to remove before writing.
#[derive(Debug)]
pub struct Recorder {
    upstream: String,
    client: reqwest::Client,
    folder: Folder,
    redact: BodyPaths,
    scrubber: Option<Scrubber>,
}

impl Recorder {
    /// Checks the options and opens the folder.
    ///
    /// # Errors
    /// An upstream that is not an http(s) url, a bad `--redact` path, or a folder that cannot be
    /// made, each with a message naming it.
    pub fn new(options: &RecordOptions) -> Result<Self, String> {
        let url = reqwest::Url::parse(&options.upstream)
            .map_err(|e| format!("--upstream {}: {e}", options.upstream))?;
        if !matches!(url.scheme(), "http" | "https") || url.query().is_some() {
            return Err(format!(
                "--upstream {}: expected an http or https base url without a query",
                options.upstream
            ));
        }
        let redact = BodyPaths::new(&options.redact)?;
        let folder = Folder::open(&options.out)
            .map_err(|e| format!("cannot write to {}: {e}", options.out.display()))?;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(ANSWER_TIMEOUT)
            .build()
            .map_err(|e| format!("cannot make the upstream client: {e}"))?;
        Ok(Self {
            upstream: options.upstream.trim_end_matches('/').to_owned(),
            client,
            folder,
            redact,
            scrubber: options.scrub.then(Scrubber::new),
        })
    }

    /// A body as it may be written: redacted, then scrubbed.
    fn clean(&self, bytes: &[u8]) -> Payload {
        let mut payload = Payload::from_bytes(bytes);
        if let Some(body) = &mut payload.body {
            self.redact.apply(body);
            if let Some(scrubber) = &self.scrubber {
                scrubber.apply(body);
            }
        }
        payload
    }
}

/// Serves the proxy on `listener` until `shutdown` completes, then finishes (and records) the
/// exchanges in flight.
pub async fn serve(
    listener: TcpListener,
    recorder: Arc<Recorder>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = axum::Router::new().fallback(forward).with_state(recorder);
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}

async fn forward(State(recorder): State<Arc<Recorder>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    if !is_partner_center(&path) {
        let not_found = json!({"statusCode": 404, "message": "Resource not found"});
        return into_response(json_parts(StatusCode::NOT_FOUND, &not_found));
    }
    let sequence = recorder.folder.take_sequence();
    let time = chrono::Utc::now();
    let started = Instant::now();
    let method = request.method().clone();
    let query = request.uri().query().map(str::to_owned);
    let headers = request.headers().clone();
    let body = match axum::body::to_bytes(request.into_body(), BODY_LIMIT).await {
        Ok(body) => body,
        Err(error) => {
            let too_large =
                partner_center_error(StatusCode::PAYLOAD_TOO_LARGE, 2000, &error.to_string());
            return into_response(too_large);
        }
    };
    let url = match &query {
        Some(query) => format!("{}{path}?{query}", recorder.upstream),
        None => format!("{}{path}", recorder.upstream),
    };
    let sent = recorder
        .client
        .request(method.clone(), &url)
        .headers(onward_request_headers(&headers))
        .body(body.clone())
        .send()
        .await;
    let answer = match sent {
        Ok(response) => {
            let status = response.status();
            let headers = answer_headers(response.headers());
            match response.bytes().await {
                Ok(bytes) => (status, headers, bytes),
                Err(error) => unreachable_answer(&error),
            }
        }
        Err(error) => unreachable_answer(&error),
    };
    let (status, answer_headers, answer_body) = answer;
    let exchange = Exchange {
        time,
        duration_ms: started.elapsed().as_secs_f64() * 1000.0,
        request: RecordedRequest {
            method: method.to_string(),
            path,
            query,
            headers: recorded_headers(&headers),
            payload: recorder.clean(&body),
        },
        response: RecordedResponse {
            status: status.as_u16(),
            headers: recorded_headers(&answer_headers),
            payload: recorder.clean(&answer_body),
        },
    };
    let writing = Arc::clone(&recorder);
    match tokio::task::spawn_blocking(move || writing.folder.write(sequence, &exchange)).await {
        Ok(Ok(written)) => tracing::debug!(file = %written.display(), "recorded"),
        Ok(Err(error)) => tracing::error!(%error, sequence, "the exchange could not be recorded"),
        Err(error) => tracing::error!(%error, sequence, "the exchange could not be recorded"),
    }
    into_response((status, answer_headers, answer_body))
}

fn is_partner_center(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower == "/v1" || lower.starts_with("/v1/")
}

fn is_hop_by_hop(name: &HeaderName) -> bool {
    HOP_BY_HOP.contains(&name.as_str())
}

/// The client's headers as the upstream gets them.
fn onward_request_headers(headers: &HeaderMap) -> HeaderMap {
    let mut onward = HeaderMap::new();
    for (name, value) in headers {
        let dropped = is_hop_by_hop(name)
            || name == header::HOST
            || name == header::CONTENT_LENGTH
            || name == header::ACCEPT_ENCODING;
        if !dropped {
            onward.append(name.clone(), value.clone());
        }
    }
    onward
}

/// The upstream's headers as the client gets them; the length is set again from the body.
fn answer_headers(headers: &HeaderMap) -> HeaderMap {
    let mut answer = HeaderMap::new();
    for (name, value) in headers {
        if !is_hop_by_hop(name) && name != header::CONTENT_LENGTH {
            answer.append(name.clone(), value.clone());
        }
    }
    answer
}

/// Headers as a recording keeps them: lower-case names, repeated values joined, credentials
/// redacted.
fn recorded_headers(headers: &HeaderMap) -> BTreeMap<String, String> {
    let mut recorded: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in headers {
        let text = if is_secret_header(name.as_str()) {
            REDACTED.to_owned()
        } else {
            String::from_utf8_lossy(value.as_bytes()).into_owned()
        };
        recorded
            .entry(name.as_str().to_owned())
            .and_modify(|joined| {
                if text != REDACTED {
                    joined.push_str(", ");
                    joined.push_str(&text);
                }
            })
            .or_insert(text);
    }
    recorded
}

/// The 502 answered for an upstream that cannot be reached.
fn unreachable_answer(error: &reqwest::Error) -> (StatusCode, HeaderMap, Bytes) {
    tracing::warn!(%error, "the upstream could not be reached");
    let reason = if error.is_timeout() {
        "it did not answer in time"
    } else if error.is_connect() {
        "no connection could be made"
    } else {
        "its answer could not be read"
    };
    partner_center_error(
        StatusCode::BAD_GATEWAY,
        UPSTREAM_UNREACHABLE,
        &format!("The upstream Partner Center could not be reached: {reason} ({error})."),
    )
}

/// An answer in Partner Center's error envelope.
fn partner_center_error(
    status: StatusCode,
    code: u32,
    description: &str,
) -> (StatusCode, HeaderMap, Bytes) {
    let body = json!({"code": code, "description": description, "data": [], "source": "PartnerFD"});
    json_parts(status, &body)
}

fn json_parts(status: StatusCode, body: &serde_json::Value) -> (StatusCode, HeaderMap, Bytes) {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    (status, headers, Bytes::from(body.to_string()))
}

fn into_response((status, headers, body): (StatusCode, HeaderMap, Bytes)) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}
