//! `/_mock/faults`: the namespace's fault rules.

use super::{Items, Target};
use crate::http::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::response::{created, ok};
use crate::http::routes::Routes;
use crate::namespace::faults::ArmedRule;
use crate::namespace::faults::FaultRule;
use crate::openapi::Operation;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

#[derive(Serialize, schemars::JsonSchema)]
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
        items: &namespace.faults().list(),
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

pub(super) fn routes() -> Routes {
    Routes::new()
        .add(
            Operation::get("/_mock/faults", "listFaults")
                .summary("The namespace's fault rules, with how many requests each matched and how often it fired.")
                .ok::<Items<ArmedRule>>("The rules."),
            list,
        )
        .add(
            Operation::post("/_mock/faults", "addFault")
                .summary("Adds a fault rule for matching `/v1` requests.")
                .body::<FaultRule>()
                .created::<Created>("The rule's id."),
            add,
        )
        .add(
            Operation::delete("/_mock/faults", "clearFaults")
                .summary("Removes every fault rule.")
                .empty(204, "No rules remain."),
            clear,
        )
        .add(
            Operation::delete("/_mock/faults/{id}", "removeFault")
                .summary("Removes one fault rule.")
                .empty(204, "The rule is gone."),
            remove,
        )
}
