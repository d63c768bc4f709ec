//! `GET /_mock/settings` and `PUT /_mock/settings`: the namespace's settings (see
//! [`crate::settings`]), answered with the use of each throttling bucket.

use super::Target;
use crate::http::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::namespace::Namespace;
use crate::namespace::throttle::BucketUse;
use crate::openapi::Operation;
use crate::settings::{Settings, SettingsDocument, Throttling};
use axum::response::Response;
use serde::Serialize;

/// Every setting, and the throttling buckets in use. `throttlingBuckets` is read-only: a PUT
/// that sends it back has it ignored.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct SettingsView {
    #[serde(flatten)]
    settings: SettingsDocument,
    /// Each bucket that admitted a request in its current window; empty while throttling is off.
    throttling_buckets: Vec<BucketUse>,
}

impl SettingsView {
    fn of(namespace: &Namespace, settings: &Settings) -> Self {
        let throttling_buckets = match settings.throttling {
            Throttling::Off => Vec::new(),
            Throttling::Documented => namespace
                .throttle()
                .usage(settings, namespace.store().clock()),
        };
        Self {
            settings: settings.document(),
            throttling_buckets,
        }
    }
}

/// `GET /_mock/settings`: every setting of the namespace.
async fn get(Target(namespace): Target) -> Response {
    ok(&SettingsView::of(&namespace, &namespace.store().settings()))
}

/// `PUT /_mock/settings`: merges the keys sent; one invalid key refuses the whole document.
async fn put(
    Target(namespace): Target,
    JsonBody(sent): JsonBody<SettingsDocument>,
) -> Result<Response, ApiError> {
    let settings = namespace
        .store()
        .update_settings(|current| current.merged(&sent))
        .map_err(|error| ApiError::BadRequest(error.to_string()))?;
    Ok(ok(&SettingsView::of(&namespace, &settings)))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::get("/_mock/settings", "getSettings")
                .summary("The namespace's settings: provisioning delay and throttling, with the use of each throttling bucket.")
                .ok::<SettingsView>("Every setting, and the throttling buckets in use."),
            get,
        )
        .add(
            Operation::put("/_mock/settings", "updateSettings")
                .summary("Merges the settings named; an invalid one refuses the whole document and changes nothing. `throttlingBuckets` is read-only and ignored.")
                .body::<SettingsDocument>()
                .ok::<SettingsView>("Every setting after the change, and the throttling buckets in use."),
            put,
        )
}
