//! `GET /_mock/settings` and `PUT /_mock/settings`: the namespace's settings (see
//! [`crate::settings`]).

use super::Target;
use crate::http::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::settings::SettingsDocument;
use axum::response::Response;

/// `GET /_mock/settings`: every setting of the namespace.
async fn get(Target(namespace): Target) -> Response {
    ok(&namespace.store().settings().document())
}

/// `PUT /_mock/settings`: merges the keys sent; one invalid key refuses the whole document.
async fn put(
    Target(namespace): Target,
    JsonBody(sent): JsonBody<SettingsDocument>,
) -> Result<Response, ApiError> {
    let settings = namespace
        .store()
        .update_settings(|current| current.merged(&sent))
        .map_err(|error| ApiError::BadRequest(error.0))?;
    Ok(ok(&settings.document()))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::get("/_mock/settings", "getSettings")
                .summary("The namespace's settings: provisioning delay and throttling.")
                .ok::<SettingsDocument>("Every setting."),
            get,
        )
        .add(
            Operation::put("/_mock/settings", "updateSettings")
                .summary("Merges the settings named; an invalid one refuses the whole document and changes nothing.")
                .body::<SettingsDocument>()
                .ok::<SettingsDocument>("Every setting after the change."),
            put,
        )
}
