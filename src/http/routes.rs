//! Route registration: every route is added with the [`Operation`] that documents it, so the
//! router and the OpenAPI document are built from one list.

use super::AppState;
use crate::openapi::Operation;
use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodFilter, MethodRouter, on};

/// A router being built, and the operations it serves.
#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    operations: Vec<Operation>,
}

impl Routes {
    pub fn new() -> Self {
        Self::default()
    }

    /// Serves `operation` with `handler`.
    pub fn add<H, T>(self, operation: Operation, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(operation.method.clone())
            .expect("an operation's method is one the router can filter on");
        self.add_with(operation, on(filter, handler))
    }

    /// Serves `operation` with a method router that wraps the handler in layers of its own.
    pub fn add_with(mut self, operation: Operation, method_router: MethodRouter<AppState>) -> Self {
        self.router = self.router.route(operation.path, method_router);
        self.operations.push(operation);
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.operations.extend(other.operations);
        self
    }

    pub fn into_parts(self) -> (Router<AppState>, Vec<Operation>) {
        (self.router, self.operations)
    }
}

/// Every operation the mock serves, `/v1` and `/_mock`, in registration order.
pub fn operations() -> Vec<Operation> {
    let (_, v1) = super::v1_routes().into_parts();
    let (_, control) = crate::control::routes().into_parts();
    v1.into_iter().chain(control).collect()
}
