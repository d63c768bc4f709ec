//! The test-harness control plane under `/_mock`.

use crate::http::AppState;
use crate::http::response::ok;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use serde::Serialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Health {
    status: &'static str,
    version: &'static str,
    uptime_seconds: u64,
}

/// `GET /_mock/health`: answers as soon as the port is bound.
async fn health(State(state): State<AppState>) -> Response {
    ok(&Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        uptime_seconds: state.started().elapsed().as_secs(),
    })
}
