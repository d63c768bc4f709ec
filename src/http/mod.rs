//! The shared HTTP helpers every surface uses: the error table, extractors, JSON answers,
//! headers, the route registry, and what handlers may ask of the application's state.
//!
//! Nothing here knows a resource: the `/v1` resources live in [`crate::v1`], the control plane in
//! [`crate::control`], and [`crate::app`] puts them together.

pub(crate) mod error;
pub(crate) mod extract;
pub(crate) mod headers;
pub(crate) mod preconditions;
pub(crate) mod response;
pub(crate) mod routes;
pub(crate) mod state;
pub(crate) mod unmatched;
