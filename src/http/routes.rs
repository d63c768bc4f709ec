//! Route registration: every route is added with the [`Operation`] that documents it, so the
//! router and the OpenAPI document are built from one list.

use crate::openapi::Operation;
use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodFilter, MethodRouter, on};

/// A router being built, and the operations it serves.
pub(crate) struct Routes<S> {
    router: Router<S>,
    operations: Vec<Operation>,
}

impl<S: Clone + Send + Sync + 'static> Routes<S> {
    pub(crate) fn new() -> Self {
        Self {
            router: Router::new(),
            operations: Vec::new(),
        }
    }

    /// Serves `operation` with `handler`.
    pub(crate) fn add<H, T>(self, operation: Operation, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(operation.method.clone())
            .expect("an operation's method is one the router can filter on");
        self.add_with(operation, on(filter, handler))
    }

    /// Serves `operation` with a method router that wraps the handler in layers of its own.
    pub(crate) fn add_with(mut self, operation: Operation, method_router: MethodRouter<S>) -> Self {
        self.router = self.router.route(operation.path, method_router);
        self.operations.push(operation);
        self
    }

    pub(crate) fn merge(mut self, other: Routes<S>) -> Self {
        self.router = self.router.merge(other.router);
        self.operations.extend(other.operations);
        self
    }

    pub(crate) fn into_parts(self) -> (Router<S>, Vec<Operation>) {
        (self.router, self.operations)
    }
}
