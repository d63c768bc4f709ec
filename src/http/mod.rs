//! The HTTP surface: the `/v1` Partner Center routes, one module per resource, on top of the
//! shared wire conventions (`headers`, `auth`, `extract`, `error`).

pub mod auth;
mod customers;
mod domains;
mod entitlements;
pub mod error;
pub mod extract;
mod faults;
pub mod headers;
pub mod idempotency;
mod journal;
mod offers;
mod orders;
mod profiles;
mod relationships;
pub mod response;
mod subscriptions;

use crate::domain::ids::IdSource;
use crate::namespace::{Namespace, Namespaces};
use crate::wire::paging::TokenSigner;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, head};
use error::ApiError;
use extract::V1_BODY_LIMIT;
use idempotency::Replays;
use std::sync::Arc;
use std::time::Instant;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

struct Shared {
    namespaces: Namespaces,
    admin_token: Option<String>,
    tokens: TokenSigner,
    ids: IdSource,
    replays: Replays,
    started: Instant,
}

impl AppState {
    pub fn new(namespaces: Namespaces, ids: IdSource, admin_token: Option<String>) -> Self {
        Self(Arc::new(Shared {
            namespaces,
            admin_token,
            tokens: TokenSigner::new(),
            ids,
            replays: Replays::default(),
            started: Instant::now(),
        }))
    }

    pub fn namespaces(&self) -> &Namespaces {
        &self.0.namespaces
    }

    /// The token `/_mock` data routes require, when one is set.
    pub fn admin_token(&self) -> Option<&str> {
        self.0.admin_token.as_deref()
    }

    pub fn tokens(&self) -> &TokenSigner {
        &self.0.tokens
    }

    pub fn ids(&self) -> &IdSource {
        &self.0.ids
    }

    pub fn replays(&self) -> &Replays {
        &self.0.replays
    }

    pub fn started(&self) -> Instant {
        self.0.started
    }

    /// Puts a namespace back to the seed, with its clock at real time and its idempotency keys
    /// forgotten. Its snapshots, journal and fault rules stay.
    pub fn reset(&self, namespace: &Namespace) {
        namespace.store().replace(self.namespaces().seed());
        namespace.store().clock().reset();
        self.replays().forget_namespace(namespace.name());
    }
}

/// The `/v1` routes with their conventions, and the control plane under `/_mock`.
pub fn router(state: AppState) -> Router {
    let v1 = Router::new()
        .route(
            "/v1/customers",
            get(customers::list).post(customers::create),
        )
        .route(
            "/v1/customers/relationshiprequests",
            get(relationships::request_link),
        )
        .route(
            "/v1/customers/{customer_id}",
            get(customers::get)
                .patch(customers::update)
                .delete(customers::delete),
        )
        .route(
            "/v1/customers/{customer_id}/profiles/company",
            get(profiles::company),
        )
        .route(
            "/v1/customers/{customer_id}/profiles/billing",
            get(profiles::billing).put(profiles::update_billing),
        )
        .route(
            "/v1/customers/{customer_id}/relationships",
            get(relationships::of_customer),
        )
        .route("/v1/domains/{domain}", head(domains::exists))
        .route("/v1/offers", get(offers::list))
        .route("/v1/offers/{offer_id}", get(offers::get))
        .route("/v1/offers/{offer_id}/addons", get(offers::add_ons))
        .route(
            "/v1/customers/{customer_id}/orders",
            get(orders::list).post(orders::create),
        )
        .route(
            "/v1/customers/{customer_id}/orders/{order_id}",
            get(orders::get).patch(orders::update),
        )
        .route(
            "/v1/customers/{customer_id}/orders/{order_id}/provisioningstatus",
            get(orders::provisioning_status),
        )
        .route(
            "/v1/customers/{customer_id}/subscriptions",
            get(subscriptions::list),
        )
        .route(
            "/v1/customers/{customer_id}/subscriptions/{subscription_id}",
            get(subscriptions::get).patch(subscriptions::update),
        )
        .route(
            "/v1/customers/{customer_id}/subscriptions/{subscription_id}/addons",
            get(subscriptions::add_ons),
        )
        .route(
            "/v1/customers/{customer_id}/entitlements",
            get(entitlements::list),
        )
        .route(
            "/v1/customers/{customer_id}/artifacts/reservedinstance/groups/{order_id}/lineitems/{line}/resource/{resource}",
            get(entitlements::reservation),
        )
        .route(
            "/v1/customers/{customer_id}/artifacts/virtualmachinereservedinstance/groups/{order_id}/lineitems/{line}/resource/{resource}",
            get(entitlements::reservation),
        )
        .route_layer(from_fn(auth::authenticate))
        .layer(DefaultBodyLimit::max(V1_BODY_LIMIT))
        .layer(from_fn(faults::inject))
        .layer(from_fn(journal::record))
        .layer(from_fn_with_state(state.clone(), auth::resolve_namespace));
    Router::new()
        .merge(v1)
        .nest("/_mock", crate::control::router(state.clone()))
        .fallback(route_not_found)
        .layer(from_fn(headers::partner_center_headers))
        .with_state(state)
}

async fn route_not_found() -> Response {
    ApiError::RouteNotFound.into_response()
}

/// Rewrites a `/v1` path to its canonical form before routing (see [`crate::wire::path`]).
pub fn normalize_path(mut request: Request) -> Request {
    if let Some(path) = crate::wire::path::normalize(request.uri().path()) {
        let rebuilt = match request.uri().query() {
            Some(query) => format!("{path}?{query}"),
            None => path,
        };
        if let Ok(uri) = rebuilt.parse() {
            *request.uri_mut() = uri;
        }
    }
    request
}
