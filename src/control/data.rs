//! The namespace's data: partners, reset, state export and import, snapshots and forks.

use super::{Items, Target};
use crate::http::error::ApiError;
use crate::http::extract::{JsonBody, Query};
use crate::http::response::{created, ok};
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::namespace::{NAME_RULE, Namespace};
use crate::openapi::{Operation, ParameterKind};
use crate::seed::SeedDocument;
use crate::seed::{Seed, export};
use crate::wire::date;
use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::put;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The most a `PUT /_mock/state` body may hold.
pub(super) const STATE_BODY_LIMIT: usize = 256 * 1024 * 1024;

#[derive(Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct NamespaceView {
    name: String,
    customers: usize,
    /// When a request last used the namespace, in real time (not the namespace's clock).
    #[serde(serialize_with = "date::serialize")]
    #[schemars(with = "date::WireDate")]
    last_used: DateTime<Utc>,
    /// The estimated bytes the namespace's journal holds.
    journal_bytes: usize,
}

impl NamespaceView {
    fn of(namespace: &Namespace) -> Self {
        Self {
            name: namespace.name().to_owned(),
            customers: namespace.store().snapshot().customer_count(),
            last_used: namespace.last_used(),
            journal_bytes: namespace.journal().bytes(),
        }
    }
}

/// `GET /_mock/partners`: every namespace, its number of customers, its last use and the size of
/// its journal.
pub(super) async fn partners<S: Shared>(State(state): State<S>) -> Response {
    let items: Vec<_> = state
        .namespaces()
        .all()
        .iter()
        .map(|n| NamespaceView::of(n))
        .collect();
    ok(&Items { items: &items })
}

/// `POST /_mock/reset[?all=true]`: back to the seed, with the clock at real time and the
/// idempotency keys forgotten. Snapshots, the journal and fault rules stay.
pub(super) async fn reset<S: Shared>(
    State(state): State<S>,
    Target(namespace): Target,
    Query(params): Query,
) -> Result<Response, ApiError> {
    let all = params
        .flag("all")
        .map_err(ApiError::BadRequest)?
        .unwrap_or(false);
    let targets = if all {
        state.namespaces().all()
    } else {
        vec![namespace]
    };
    for namespace in &targets {
        namespace.reset(state.namespaces().seed());
    }
    let items: Vec<_> = targets.iter().map(|n| NamespaceView::of(n)).collect();
    Ok(ok(&Items { items: &items }))
}

/// `GET /_mock/state`: the namespace as a seed document; importing it gives the same state.
pub(super) async fn export_state(Target(namespace): Target) -> Response {
    ok(&export(&namespace.store().snapshot()))
}

/// `PUT /_mock/state`: replaces the namespace's data with a seed document, and its settings with
/// the document's when it names them.
pub(super) async fn import_state(
    Target(namespace): Target,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge(STATE_BODY_LIMIT)
        } else {
            ApiError::BadRequest(rejection.body_text())
        }
    })?;
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::BadRequest("The seed document is not UTF-8.".to_owned()))?;
    let seed =
        Seed::from_json("request body", text).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let store = namespace.store();
    store.replace(seed.data_replacing(&store.settings()));
    Ok(ok(&NamespaceView::of(&namespace)))
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
pub(super) struct Named {
    name: Option<String>,
    to: Option<String>,
}

#[derive(Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct SnapshotView {
    name: String,
    customers: usize,
    created_at: String,
}

impl SnapshotView {
    fn new(name: String, snapshot: &crate::namespace::Snapshot) -> Self {
        Self {
            name,
            customers: snapshot.data.customer_count(),
            created_at: date::format(&snapshot.created),
        }
    }
}

fn valid_name(name: Option<String>, what: &str) -> Result<String, ApiError> {
    name.filter(|n| crate::namespace::is_valid_name(n))
        .ok_or_else(|| ApiError::BadRequest(format!("{what} must be {NAME_RULE}.")))
}

/// `POST /_mock/snapshots` `{"name": ...}`: 201.
pub(super) async fn save_snapshot(
    Target(namespace): Target,
    JsonBody(named): JsonBody<Named>,
) -> Result<Response, ApiError> {
    let name = valid_name(named.name, "name")?;
    let snapshot = namespace.save_snapshot(&name);
    Ok(created(&SnapshotView::new(name, &snapshot)))
}

/// `GET /_mock/snapshots`.
pub(super) async fn list_snapshots(Target(namespace): Target) -> Response {
    let items: Vec<_> = namespace
        .list_snapshots()
        .into_iter()
        .map(|(name, snapshot)| SnapshotView::new(name, &snapshot))
        .collect();
    ok(&Items { items: &items })
}

fn no_snapshot(name: &str) -> ApiError {
    ApiError::NotFound(format!("Snapshot {name} not found."))
}

/// `POST /_mock/snapshots/{name}/restore`.
pub(super) async fn restore_snapshot(
    Target(namespace): Target,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    if !namespace.restore_snapshot(&name) {
        return Err(no_snapshot(&name));
    }
    Ok(ok(&NamespaceView::of(&namespace)))
}

/// `DELETE /_mock/snapshots/{name}`: 204.
pub(super) async fn delete_snapshot(
    Target(namespace): Target,
    Path(name): Path<String>,
) -> Result<StatusCode, ApiError> {
    if namespace.delete_snapshot(&name) {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(no_snapshot(&name))
    }
}

/// `POST /_mock/partners/{name}/fork` `{"to": ...}`: a new namespace with a copy of `{name}`'s
/// data and clock; 201.
pub(super) async fn fork<S: Shared>(
    State(state): State<S>,
    Path(source): Path<String>,
    JsonBody(named): JsonBody<Named>,
) -> Result<Response, ApiError> {
    let to = valid_name(named.to, "to")?;
    let source: Arc<Namespace> = state
        .namespaces()
        .get(&source)
        .ok_or_else(|| ApiError::NotFound(format!("Namespace {source} not found.")))?;
    let copy = state
        .namespaces()
        .create_with(&to, source.store().snapshot())
        .map_err(|refusal| {
            ApiError::namespace_limit(&refusal)
                .unwrap_or_else(|| ApiError::Conflict(format!("Namespace {to} already exists.")))
        })?;
    copy.store()
        .clock()
        .set_offset(source.store().clock().offset());
    Ok(created(&NamespaceView::of(&copy)))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::get("/_mock/partners", "listNamespaces")
                .summary("Every partner namespace, its number of customers, its last use (real time) and the bytes its journal holds.")
                .ok::<Items<NamespaceView>>("The namespaces."),
            partners::<S>,
        )
        .add(
            Operation::post("/_mock/partners/{name}/fork", "forkNamespace")
                .summary("Copies a namespace into a new one, `{\"to\": \"<name>\"}`.")
                .body::<Named>()
                .created::<NamespaceView>("The new namespace."),
            fork::<S>,
        )
        .add(
            Operation::post("/_mock/reset", "reset")
                .summary(
                    "Puts the namespace (or, with `all=true`, every namespace) back to the seed.",
                )
                .query_of("all", ParameterKind::Boolean, "Reset every namespace.")
                .ok::<Items<NamespaceView>>("The namespaces reset."),
            reset::<S>,
        )
        .add(
            Operation::get("/_mock/state", "exportState")
                .summary("The namespace as a seed document, in ascending id order.")
                .ok::<SeedDocument>("The seed document."),
            export_state,
        )
        .add_with(
            Operation::put("/_mock/state", "importState")
                .summary("Replaces the namespace's data with a seed document.")
                .body::<SeedDocument>()
                .ok::<NamespaceView>("The namespace after the import."),
            put(import_state).layer(DefaultBodyLimit::max(STATE_BODY_LIMIT)),
        )
        .add(
            Operation::get("/_mock/snapshots", "listSnapshots")
                .summary("The namespace's named snapshots.")
                .ok::<Items<SnapshotView>>("The snapshots."),
            list_snapshots,
        )
        .add(
            Operation::post("/_mock/snapshots", "saveSnapshot")
                .summary(
                    "Saves the namespace's data as a named snapshot, `{\"name\": \"<name>\"}`.",
                )
                .body::<Named>()
                .created::<SnapshotView>("The snapshot."),
            save_snapshot,
        )
        .add(
            Operation::post("/_mock/snapshots/{name}/restore", "restoreSnapshot")
                .summary("Puts the namespace's data back to a snapshot.")
                .ok::<NamespaceView>("The namespace after the restore."),
            restore_snapshot,
        )
        .add(
            Operation::delete("/_mock/snapshots/{name}", "deleteSnapshot")
                .summary("Forgets a snapshot.")
                .empty(204, "The snapshot is gone."),
            delete_snapshot,
        )
}
