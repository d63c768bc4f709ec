//! `HEAD /v1/domains/{domain}`: 200 when a tenant owns the domain (it is taken), 404 when it is
//! free; no body either way.

use super::auth::Caller;
use axum::Extension;
use axum::extract::Path;
use axum::http::StatusCode;

pub async fn exists(
    Extension(caller): Extension<Caller>,
    Path(domain): Path<String>,
) -> StatusCode {
    if caller.store.domain_exists(domain.trim()) {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    }
}
