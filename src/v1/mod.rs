//! The Partner Center `/v1` surface: one module per resource with its routes, behind the
//! gateway that picks the namespace, journals the exchange and applies the namespace's
//! overrides and throttling, and the authentication that names the caller.

mod auth;
mod azure;
mod carts;
mod customer_filter;
mod customers;
mod directory_roles;
mod domains;
mod entitlements;
mod faults;
mod gateway;
mod idempotency;
mod journal;
mod licenses;
mod migrations;
mod offers;
mod orders;
mod overrides;
mod products;
mod profiles;
mod query_filter;
mod relationships;
mod seek;
mod subscriptions;
mod throttling;
mod transitions;
mod upgrades;
mod users;

pub(crate) use gateway::entrance;

use crate::http::extract::V1_BODY_LIMIT;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use tower::ServiceBuilder;

/// The `/v1` routes, documented, before the layers that give them their conventions.
pub(crate) fn routes<S: Shared>() -> Routes<S> {
    customers::routes()
        .merge(relationships::routes())
        .merge(profiles::routes())
        .merge(domains::routes())
        .merge(offers::routes())
        .merge(orders::routes())
        .merge(subscriptions::routes())
        .merge(transitions::routes())
        .merge(upgrades::routes())
        .merge(azure::routes())
        .merge(entitlements::routes())
        .merge(products::routes())
        .merge(carts::routes())
        .merge(users::routes())
        .merge(directory_roles::routes())
        .merge(licenses::routes())
        .merge(migrations::routes())
}

/// The `/v1` routes with their conventions: the gateway, then the body limit. Both are one
/// layer, as each layer of a router wraps every route once more, and every request clones the
/// route it takes, layers and all.
pub(crate) fn router<S: Shared>(state: S) -> Router<S> {
    let (v1, _) = routes().into_parts();
    v1.layer(
        ServiceBuilder::new()
            .layer(from_fn_with_state(state, gateway::gateway::<S>))
            .layer(DefaultBodyLimit::max(V1_BODY_LIMIT)),
    )
}
