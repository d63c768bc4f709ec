//! Seek paging as Partner Center's lists do it: `size`, `seekOperation=Next` with the
//! `MS-ContinuationToken` header, and the `links.next` that leads there. The customer list and
//! the lists inside a customer (users, role members) share these pieces; each list's cursor says
//! what its token must belong to.

use crate::http::error::ApiError;
use crate::wire::paging::{Cursor, TokenSigner};
use crate::wire::query::QueryParams;
use crate::wire::{Collection, Link, Links};
use axum::http::HeaderMap;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The largest page of any list.
pub(super) const MAX_PAGE_SIZE: usize = 500;
/// The header that carries a continuation token.
pub(super) const CONTINUATION_HEADER: &str = "MS-ContinuationToken";

crate::wire_enum! {
    /// `seekOperation` (.NET SDK `SeekOperation`).
    pub(super) enum SeekOperation {
        Next = 0 => "next",
        Previous = 1 => "previous",
        First = 2 => "first",
        Last = 3 => "last",
        PageIndex = 4 => "page_index",
    }
}

/// Where a list request starts: at the beginning, or after the page a checked token ended.
pub(super) enum Start<Q> {
    First,
    Next(Cursor<Q>),
}

/// Reads `seekOperation` and, for `Next`, the continuation token, which must be one this server
/// issued for a cursor of type `Q`. `list` names the list in errors.
pub(super) fn start<Q: DeserializeOwned>(
    tokens: &TokenSigner,
    params: &QueryParams,
    headers: &HeaderMap,
    list: &str,
) -> Result<Start<Q>, ApiError> {
    let seek = params
        .non_empty("seekOperation")
        .map(|raw| {
            SeekOperation::from_wire(raw)
                .ok_or_else(|| ApiError::BadRequest(format!("seekOperation '{raw}' is not valid.")))
        })
        .transpose()?;
    match seek {
        None | Some(SeekOperation::First) => Ok(Start::First),
        Some(SeekOperation::Next) => {
            let token = headers
                .get(CONTINUATION_HEADER)
                .and_then(|value| value.to_str().ok())
                .filter(|token| !token.trim().is_empty())
                .ok_or_else(|| {
                    ApiError::BadRequest(
                        "The continuation token is missing: send the MS-ContinuationToken header with seekOperation=Next."
                            .to_owned(),
                    )
                })?;
            tokens.check(token).map(Start::Next).ok_or_else(|| {
                ApiError::BadRequest("The continuation token is invalid.".to_owned())
            })
        }
        Some(other) => Err(ApiError::BadRequest(format!(
            "seekOperation '{other}' is not supported for {list}; use Next."
        ))),
    }
}

/// The refusal of a token sent with a query other than the one it was issued for.
pub(super) fn token_of_another_query() -> ApiError {
    ApiError::BadRequest("The continuation token is invalid for this query.".to_owned())
}

/// `size`: absent or `0` means the list's default; larger than 500 is 500; negative or not a
/// number is refused. Returns `None` when the client left the size to the server.
pub(super) fn page_size(raw: Option<&str>) -> Result<Option<usize>, ApiError> {
    let Some(raw) = raw.map(str::trim).filter(|raw| !raw.is_empty()) else {
        return Ok(None);
    };
    let invalid = || {
        ApiError::BadRequest(format!(
            "size '{raw}' is not valid: it must be a non-negative integer."
        ))
    };
    if raw.starts_with('-') {
        return Err(invalid());
    }
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    let digits = raw.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(None);
    }
    let size = digits.parse::<usize>().unwrap_or(usize::MAX);
    Ok(Some(size.min(MAX_PAGE_SIZE)))
}

/// Where a page of a list held in memory starts: its size, its query, and the key of the last
/// item of the page before.
pub(super) struct ListPosition<Q, K> {
    pub size: usize,
    pub query: Q,
    pub after: Option<K>,
}

/// Reads `size`, `seekOperation` and the continuation token of a list held in memory. A first
/// page answers `first`; a following page answers the token's query, which `matches` must
/// accept (the same resource, and whatever the client sent again), with the same size when one
/// is sent.
pub(super) fn list_position<Q: DeserializeOwned, K: DeserializeOwned>(
    tokens: &TokenSigner,
    params: &QueryParams,
    headers: &HeaderMap,
    list: &str,
    first: Q,
    matches: impl Fn(&Q) -> bool,
    default_size: usize,
) -> Result<ListPosition<Q, K>, ApiError> {
    let size = page_size(params.get("size"))?;
    match start::<Q>(tokens, params, headers, list)? {
        Start::First => Ok(ListPosition {
            size: size.unwrap_or(default_size),
            query: first,
            after: None,
        }),
        Start::Next(cursor) => {
            let same_size = size.is_none_or(|size| size == cursor.size);
            let after = serde_json::from_str::<K>(&cursor.after).ok();
            match (same_size && matches(&cursor.query), after) {
                (true, Some(after)) => Ok(ListPosition {
                    size: cursor.size,
                    query: cursor.query,
                    after: Some(after),
                }),
                _ => Err(token_of_another_query()),
            }
        }
    }
}

/// A page of a list held in memory and already in its order, as a collection of views: up to
/// the position's size of items after the position's key. `key` gives each item its place; keys
/// grow along the list, or shrink along it when `descending`. When more follow, the collection
/// links to the next page at `{self_uri}?size=N&seekOperation=Next`.
pub(super) fn list_page<T, V, E, Q: Serialize, K: Serialize + Ord>(
    tokens: &TokenSigner,
    items: Vec<T>,
    position: ListPosition<Q, K>,
    key: impl Fn(&T) -> K,
    descending: bool,
    view: impl Fn(&T) -> Result<V, E>,
    self_uri: String,
) -> Result<Collection<V>, E> {
    let (page, more) = page_after(
        items,
        &key,
        position.after.as_ref(),
        descending,
        position.size,
    );
    let next = page.last().filter(|_| more).map(|last| {
        let cursor = Cursor {
            after: serde_json::to_string(&key(last)).unwrap_or_default(),
            size: position.size,
            query: position.query,
        };
        (
            format!("{self_uri}?size={}&seekOperation=Next", position.size),
            cursor,
        )
    });
    let items = page.iter().map(view).collect::<Result<_, _>>()?;
    Ok(collection(tokens, items, self_uri, next))
}

/// Up to `size` items after the one whose key is `after`, and whether more follow.
pub(super) fn page_after<T, K: Ord>(
    items: Vec<T>,
    key: impl Fn(&T) -> K,
    after: Option<&K>,
    descending: bool,
    size: usize,
) -> (Vec<T>, bool) {
    let is_past = |item: &T| match after {
        None => true,
        Some(after) if descending => key(item) < *after,
        Some(after) => key(item) > *after,
    };
    let mut rest = items.into_iter().filter(is_past);
    let page: Vec<T> = rest.by_ref().take(size).collect();
    let more = rest.next().is_some();
    (page, more)
}

/// A page as a collection: `links.self` to `self_uri`, and when more follow, a top-level
/// `continuationToken` and `links.next` to `next_uri` with the token in its headers.
pub(super) fn collection<T, Q: Serialize>(
    tokens: &TokenSigner,
    items: Vec<T>,
    self_uri: String,
    next: Option<(String, Cursor<Q>)>,
) -> Collection<T> {
    let mut links = Links::to_self(self_uri);
    let mut collection = Collection::new(items);
    if let Some((next_uri, cursor)) = next {
        let token = tokens.issue(&cursor);
        links.next = Some(Link::get(next_uri).with_header(CONTINUATION_HEADER, token.clone()));
        collection = collection.with_continuation(token);
    }
    collection.with_links(links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_follow_the_documented_bounds() {
        assert_eq!(page_size(None).unwrap(), None);
        assert_eq!(page_size(Some("0")).unwrap(), None);
        assert_eq!(page_size(Some("7")).unwrap(), Some(7));
        assert_eq!(page_size(Some("501")).unwrap(), Some(500));
        assert_eq!(
            page_size(Some("99999999999999999999999")).unwrap(),
            Some(500)
        );
        assert!(page_size(Some("-1")).is_err());
        assert!(page_size(Some("ten")).is_err());
    }

    #[test]
    fn a_page_starts_after_the_key_in_either_direction() {
        let items = vec!["a", "b", "c", "d"];
        let key = |item: &&str| (*item).to_owned();
        assert_eq!(
            page_after(items.clone(), key, None, false, 2),
            (vec!["a", "b"], true)
        );
        assert_eq!(
            page_after(items.clone(), key, Some(&"b".to_owned()), false, 2),
            (vec!["c", "d"], false)
        );
        let reversed: Vec<_> = items.into_iter().rev().collect();
        assert_eq!(
            page_after(reversed, key, Some(&"c".to_owned()), true, 5),
            (vec!["b", "a"], false)
        );
    }
}
