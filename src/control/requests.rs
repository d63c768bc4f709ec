//! `/_mock/requests`: the namespace's request journal, filtered, as JSON or JSON Lines.

use super::Target;
use crate::http::error::ApiError;
use crate::http::extract::Query;
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::namespace::journal::Entry;
use crate::namespace::journal::Filter;
use crate::namespace::journal::Page;
use crate::openapi::Operation;
use crate::openapi::{JSON_LINES, ParameterKind};
use crate::wire::date;
use crate::wire::query::QueryParams;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

fn filter(params: &QueryParams) -> Result<Filter, ApiError> {
    let status = params
        .non_empty("status")
        .map(|raw| {
            raw.trim()
                .parse::<u16>()
                .map_err(|_| ApiError::BadRequest(format!("status '{raw}' is not an HTTP status.")))
        })
        .transpose()?;
    let since = params
        .non_empty("since")
        .map(|raw| {
            date::parse(raw).ok_or_else(|| {
                ApiError::BadRequest(format!("since '{raw}' is not an ISO-8601 date."))
            })
        })
        .transpose()?;
    Ok(Filter {
        method: params.non_empty("method").map(str::to_owned),
        path_prefix: params.non_empty("pathPrefix").map(str::to_owned),
        status,
        since,
        matched: params.flag("matched").map_err(ApiError::BadRequest)?,
    })
}

/// `GET /_mock/requests?method=&pathPrefix=&status=&since=&matched=`: oldest first, with the count of
/// entries the full journal dropped and its capacity.
pub(super) async fn list(
    Target(namespace): Target,
    Query(params): Query,
) -> Result<Response, ApiError> {
    Ok(ok(&namespace.journal().read(&filter(&params)?)))
}

/// `GET /_mock/requests.jsonl`: the same entries, one JSON object a line.
pub(super) async fn export(
    Target(namespace): Target,
    Query(params): Query,
) -> Result<Response, ApiError> {
    let page = namespace.journal().read(&filter(&params)?);
    let mut lines = String::new();
    for entry in &page.items {
        let line = serde_json::to_string(entry)
            .map_err(|e| ApiError::BadRequest(format!("an entry did not serialize: {e}")))?;
        lines.push_str(&line);
        lines.push('\n');
    }
    Ok((
        [(header::CONTENT_TYPE, HeaderValue::from_static(JSON_LINES))],
        lines,
    )
        .into_response())
}

/// `DELETE /_mock/requests`: 204.
pub(super) async fn clear(Target(namespace): Target) -> StatusCode {
    namespace.journal().clear();
    StatusCode::NO_CONTENT
}

/// The journal's filters, shared by the JSON and JSON Lines reads.
fn filtered(operation: Operation) -> Operation {
    operation
        .query("method", "Only requests with this method.")
        .query("pathPrefix", "Only requests whose path starts with this.")
        .query_of(
            "status",
            ParameterKind::Integer,
            "Only answers with this status.",
        )
        .query("since", "Only requests at or after this ISO-8601 time.")
        .query_of(
            "matched",
            ParameterKind::Boolean,
            "Only requests a route served (true), or only those no route served (false): the router's 404 and a wrong method's 405.",
        )
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            filtered(Operation::get("/_mock/requests", "listRequests"))
                .summary("The namespace's request journal, oldest first, with how many entries it dropped.")
                .ok::<Page>("The journal."),
            list,
        )
        .add(
            Operation::delete("/_mock/requests", "clearRequests")
                .summary("Empties the namespace's request journal.")
                .empty(204, "The journal is empty."),
            clear,
        )
        .add(
            filtered(Operation::get("/_mock/requests.jsonl", "exportRequests"))
                .summary("The same entries as JSON Lines.")
                .ok_lines::<Entry>("One entry a line."),
            export,
        )
}
