//! `/_mock/faults`: the namespace's fault rules.

use super::{Items, Target};
use crate::http::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::response::{created, ok};
use crate::namespace::faults::FaultRule;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

#[derive(Serialize)]
struct Created {
    id: String,
}

/// `POST /_mock/faults`: 201 `{"id": ...}`.
pub async fn add(
    Target(namespace): Target,
    JsonBody(rule): JsonBody<FaultRule>,
) -> Result<Response, ApiError> {
    rule.validate().map_err(ApiError::BadRequest)?;
    Ok(created(&Created {
        id: namespace.faults().add(rule),
    }))
}

/// `GET /_mock/faults`: every rule, with how many requests it matched and how often it fired.
pub async fn list(Target(namespace): Target) -> Response {
    ok(&Items {
        items: namespace.faults().list(),
    })
}

/// `DELETE /_mock/faults`: 204.
pub async fn clear(Target(namespace): Target) -> StatusCode {
    namespace.faults().clear();
    StatusCode::NO_CONTENT
}

/// `DELETE /_mock/faults/{id}`: 204.
pub async fn remove(
    Target(namespace): Target,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if namespace.faults().remove(&id) {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound(format!("Fault rule {id} not found.")))
    }
}
