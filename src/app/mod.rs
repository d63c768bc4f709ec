//! The application: the state every route shares, the assembled router, the list of every
//! operation served, and the request pipeline around them (path normalisation, the journal,
//! 404 and 405 answers, panics). It is the top layer: the surfaces below it ([`crate::v1`], [`crate::control`],
//! [`crate::dashboard`]) are written against [`Shared`] and never import it.

mod pipeline;
mod unmatched;

pub(crate) use pipeline::service;

use crate::domain::ids::IdSource;
use crate::http::error::ApiError;
use crate::http::state::Shared;
use crate::http::unmatched::Unmatched;
use crate::namespace::Namespaces;
use crate::openapi::Operation;
use crate::wire::paging::TokenSigner;
use axum::Router;
use axum::response::{IntoResponse, Response};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

/// What every handler shares: the namespaces, the admin token, the continuation-token signer and
/// the id source. Build one with [`MockPartnerCenterBuilder::into_state`](crate::MockPartnerCenterBuilder::into_state)
/// and serve it with [`serve`](crate::serve).
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    namespaces: Namespaces,
    admin_token: Option<String>,
    tokens: TokenSigner,
    ids: IdSource,
    started: Instant,
}

impl AppState {
    pub(crate) fn new(namespaces: Namespaces, ids: IdSource, admin_token: Option<String>) -> Self {
        Self(Arc::new(Inner {
            namespaces,
            admin_token,
            tokens: TokenSigner::new(),
            ids,
            started: Instant::now(),
        }))
    }
}

impl Shared for AppState {
    fn namespaces(&self) -> &Namespaces {
        &self.0.namespaces
    }

    fn admin_token(&self) -> Option<&str> {
        self.0.admin_token.as_deref()
    }

    fn tokens(&self) -> &TokenSigner {
        &self.0.tokens
    }

    fn ids(&self) -> &IdSource {
        &self.0.ids
    }

    fn started(&self) -> Instant {
        self.0.started
    }

    fn openapi(&self) -> &serde_json::Value {
        openapi_document()
    }
}

/// The OpenAPI 3.1 document of everything the mock serves, `/v1` and `/_mock`, as
/// `GET /_mock/openapi.json` answers it.
pub fn openapi_document() -> &'static serde_json::Value {
    static DOCUMENT: OnceLock<serde_json::Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| crate::openapi::document(&operations()))
}

/// Every operation the mock serves, `/v1` and `/_mock`, in registration order.
pub(crate) fn operations() -> Vec<Operation> {
    let (_, v1) = crate::v1::routes::<AppState>().into_parts();
    let (_, control) = crate::control::routes::<AppState>().into_parts();
    v1.into_iter().chain(control).collect()
}

/// The `/v1` routes with their conventions, the control plane under `/_mock`, and the dashboard.
pub(crate) fn router(state: AppState) -> Router {
    Router::new()
        .merge(crate::v1::router(state.clone()))
        .merge(crate::control::router(state.clone()))
        .merge(crate::dashboard::router())
        .fallback(route_not_found)
        .with_state(state)
}

async fn route_not_found() -> Response {
    let mut response = ApiError::RouteNotFound.into_response();
    response.extensions_mut().insert(Unmatched::default());
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_document_names_every_route_the_router_serves_and_nothing_else() {
        let registered: BTreeSet<(String, String)> = operations()
            .iter()
            .map(|operation| {
                (
                    operation.method.to_string().to_ascii_lowercase(),
                    operation.path.to_owned(),
                )
            })
            .collect();
        let documented: BTreeSet<(String, String)> = openapi_document()["paths"]
            .as_object()
            .expect("paths")
            .iter()
            .flat_map(|(path, item)| {
                let methods = item.as_object().expect("a path item").keys();
                methods.map(move |method| (method.clone(), path.clone()))
            })
            .collect();
        assert_eq!(registered, documented);
    }
}
