//! `--state-file`: every namespace (its data and its clock) survives a restart.
//!
//! The file is written whole, atomically: to a temporary file beside it, flushed to disk, then
//! renamed over the old one, so that a crash at any moment leaves the old or the new complete
//! state, never a broken file. Writes are debounced (at most one per [`SAVE_INTERVAL`]) and one
//! last write happens on a graceful shutdown. A corrupt or unreadable file stops start-up. A
//! namespace dropped by the namespace bounds leaves the file at the next save, since the list of
//! namespaces is part of what the saver watches.

use crate::app::AppState;
use crate::http::state::Shared;
use crate::namespace::bounds::Refusal;
use crate::namespace::{NAME_RULE, Namespaces};
use crate::seed::{Seed, SeedDocument, export};
use crate::wire::BodyError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How often the saver looks for changes to write.
pub const SAVE_INTERVAL: Duration = Duration::from_millis(200);
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StateFile {
    version: u32,
    namespaces: BTreeMap<String, SavedNamespace>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SavedNamespace {
    /// How far the namespace's clock runs ahead of real time.
    clock_offset_ms: i64,
    state: SeedDocument,
}

/// Loads the namespaces saved in `path` into `namespaces`; `Ok(false)` when there is no file
/// yet. The error names the file and, for a corrupt one, the JSON path of the fault.
pub fn load(path: &Path, state: &AppState) -> Result<bool, String> {
    let namespaces = state.namespaces();
    let name = path.display();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(format!("cannot read state file {name}: {error}")),
    };
    let corrupt =
        |where_: &str, reason: &str| format!("corrupt state file {name}: at {where_}: {reason}");
    let value = crate::wire::body::parse_document(text.as_bytes())
        .map_err(|e| corrupt("(document)", &e.to_string()))?;
    let file: StateFile = crate::wire::body::read_value(value).map_err(|e| match e {
        BodyError::Invalid { path, reason } => corrupt(&path, &reason),
        other => corrupt("(document)", &other.to_string()),
    })?;
    if file.version != FORMAT_VERSION {
        return Err(corrupt(
            "version",
            &format!("version {} is not {FORMAT_VERSION}", file.version),
        ));
    }
    for (namespace_name, saved) in file.namespaces {
        let seed = Seed::from_document(&format!("{name} namespace {namespace_name}"), saved.state)
            .map_err(|e| {
                corrupt(
                    &format!("namespaces.{namespace_name}.state.{}", e.path),
                    &e.reason,
                )
            })?;
        let namespace = match namespaces.get(&namespace_name) {
            Some(existing) => {
                existing
                    .store()
                    .replace(seed.data_replacing(&existing.store().settings()));
                existing
            }
            None => namespaces
                .create_with(
                    &namespace_name,
                    seed.data_replacing(namespaces.seed().settings()),
                )
                .map_err(|refusal| match refusal {
                    Refusal::Full { limit, .. } => format!(
                        "state file {name} holds more namespaces than --max-namespaces allows ({limit})"
                    ),
                    Refusal::InvalidName | Refusal::Taken => corrupt(
                        "namespaces",
                        &format!("'{namespace_name}' is not a namespace name ({NAME_RULE})"),
                    ),
                })?,
        };
        namespace
            .store()
            .clock()
            .set_offset(chrono::Duration::milliseconds(saved.clock_offset_ms));
    }
    Ok(true)
}

/// Writes every namespace to `path`, atomically.
pub fn save(path: &Path, state: &AppState) -> std::io::Result<()> {
    let namespaces = state.namespaces();
    let file = StateFile {
        version: FORMAT_VERSION,
        namespaces: namespaces
            .all()
            .iter()
            .map(|namespace| {
                let saved = SavedNamespace {
                    clock_offset_ms: namespace.store().clock().offset().num_milliseconds(),
                    state: export(&namespace.store().snapshot()),
                };
                (namespace.name().to_owned(), saved)
            })
            .collect(),
    };
    let bytes = serde_json::to_vec(&file).map_err(std::io::Error::other)?;
    let temporary = temporary_path(path);
    {
        let mut out = std::fs::File::create(&temporary)?;
        out.write_all(&bytes)?;
        out.sync_all()?;
    }
    std::fs::rename(&temporary, path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Makes the rename itself durable; not every platform can open a directory.
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

/// What has changed since the last save: every namespace's generation and clock.
fn fingerprint(namespaces: &Namespaces) -> Vec<(String, u64, i64)> {
    namespaces
        .all()
        .iter()
        .map(|n| {
            (
                n.name().to_owned(),
                n.store().generation(),
                n.store().clock().offset().num_milliseconds(),
            )
        })
        .collect()
}

/// Saves `namespaces` to `path` whenever they change, until `stop` completes; then saves once
/// more, so that every answered write is on disk after a graceful shutdown.
pub async fn keep_saved(
    path: PathBuf,
    state: AppState,
    stop: impl std::future::Future<Output = ()>,
) {
    let mut saved = None;
    let mut ticks = tokio::time::interval(SAVE_INTERVAL);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            () = &mut stop => break,
        }
        let now = fingerprint(state.namespaces());
        if saved.as_ref() != Some(&now) {
            save_logged(&path, &state).await;
            saved = Some(now);
        }
    }
    save_logged(&path, &state).await;
}

async fn save_logged(path: &Path, state: &AppState) {
    let (path, state) = (path.to_owned(), state.clone());
    let outcome = tokio::task::spawn_blocking(move || save(&path, &state)).await;
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(error)) => tracing::error!(%error, "the state file could not be written"),
        Err(error) => tracing::error!(%error, "the state saver stopped"),
    }
}
