//! `HEAD /v1/domains/{domain}`: 200 when a tenant owns the domain (it is taken), 404 when it is
//! free; no body either way.

use super::auth::Caller;
use crate::http::extract::Ids;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use axum::http::StatusCode;

pub(super) async fn exists(caller: Caller, Ids(domain): Ids<String>) -> StatusCode {
    if caller.store.domain_exists(domain.trim()) {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    }
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new().add(
        Operation::head("/v1/domains/{domain}", "checkDomain")
            .summary("Tells whether a domain is taken: 200 when it is, 404 when it is free.")
            .empty(200, "The domain is taken.")
            .empty(404, "The domain is available."),
        exists,
    )
}
