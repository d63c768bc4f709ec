//! The dashboard: one page, built into the binary, that shows a namespace's customers, their
//! subscriptions (with their terms, seat batches, scheduled changes and status history), orders
//! (pending ones marked), carts and entitlements, whether their reseller relationship could be
//! removed, the product catalog, the request journal (the requests no route served marked, with
//! their nearest routes, and a switch to show only those), and the harness controls (the clock
//! moved by a duration or to the namespace's next event among them).
//!
//! The page is a client of the `/_mock` JSON API and of `/v1`, like any other; it has no data
//! path of its own. It is served without the admin token (the page is where a person types it);
//! the routes it reads are not. Every view has its own address under `/_mock/ui`, so a failing
//! test can link to it: `/_mock/ui/customers/{id}` opens a customer, `/_mock/ui/catalog` the
//! catalog, `/_mock/ui/journal` the journal (`?matched=false` for only the requests no route
//! served), `/_mock/ui/harness` the controls, and
//! `?partner=NAME` picks the namespace on any of them.
//!
//! The page's own `/v1` reads carry `MS-PartnerCenter-Client: partner-center-mock-dashboard`: they are neither
//! journaled nor answered by fault rules, so that an open page never pushes a client's requests
//! out of the journal or uses up a rule meant for the client.

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

/// Where the page lives.
pub(crate) const PATH: &str = "/_mock/ui";

const INDEX: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");

/// Only the page's own script, style and calls back to the mock; nothing else loads or runs.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The page, its assets, and the redirect from `/`.
pub(crate) fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/", get(|| async { Redirect::temporary(PATH) }))
        .route(PATH, get(page))
        .route("/_mock/ui/", get(page))
        .route("/_mock/ui/assets/app.js", get(script))
        .route("/_mock/ui/assets/app.css", get(style))
        .route("/_mock/ui/{*view}", get(page))
}

async fn page() -> Response {
    asset("text/html; charset=utf-8", INDEX)
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
