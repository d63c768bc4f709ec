//! A namespace's answers to creating calls, by `MS-RequestId`: the same key replays the first
//! successful answer instead of creating twice, even when the two requests race. A failed
//! attempt is not remembered, so a corrected retry goes through.
//!
//! Keys are kept for the most recent [`REPLAY_CAPACITY`] creations, oldest forgotten first.

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use dashmap::DashMap;
use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::OnceCell;

/// How many creations are remembered.
pub(crate) const REPLAY_CAPACITY: usize = 10_000;

/// A request id, in lower case.
type Key = String;

#[derive(Debug, Clone)]
struct Stored {
    status: StatusCode,
    content_type: Option<HeaderValue>,
    body: Bytes,
}

/// The first successful answer of each creating call, by request id.
#[derive(Debug, Default)]
pub(crate) struct Replays {
    entries: DashMap<Key, Arc<OnceCell<Stored>>>,
    order: Mutex<VecDeque<Key>>,
}

impl Replays {
    /// Runs `create` once per request id, replaying its first success.
    pub(crate) async fn once<F, Fut>(&self, request_id: Option<&str>, create: F) -> Response
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Response>,
    {
        let Some(request_id) = request_id.filter(|id| !id.trim().is_empty()) else {
            return create().await;
        };
        let key = request_id.to_ascii_lowercase();
        let cell = self.cell(key);
        let outcome = cell
            .get_or_try_init(|| async {
                let response = create().await;
                if response.status().is_success() {
                    Ok(store(response).await)
                } else {
                    Err(response)
                }
            })
            .await;
        match outcome {
            Ok(stored) => replay(stored),
            Err(response) => response,
        }
    }

    /// Forgets every key.
    pub(crate) fn clear(&self) {
        self.entries.clear();
        self.order
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    fn cell(&self, key: Key) -> Arc<OnceCell<Stored>> {
        let mut fresh = false;
        let cell = Arc::clone(&self.entries.entry(key.clone()).or_insert_with(|| {
            fresh = true;
            Arc::new(OnceCell::new())
        }));
        if fresh {
            let mut order = self.order.lock().unwrap_or_else(PoisonError::into_inner);
            order.push_back(key);
            while order.len() > REPLAY_CAPACITY {
                if let Some(oldest) = order.pop_front() {
                    self.entries.remove(&oldest);
                }
            }
        }
        cell
    }
}

async fn store(response: Response) -> Stored {
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    Stored {
        status: parts.status,
        content_type: parts.headers.get(header::CONTENT_TYPE).cloned(),
        body,
    }
}

fn replay(stored: &Stored) -> Response {
    let mut response = (stored.status, Body::from(stored.body.clone())).into_response();
    if let Some(content_type) = &stored.content_type {
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, content_type.clone());
    }
    response
}
