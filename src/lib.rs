//! # partner-center-mock
//!
//! An offline, stateful, in-memory fake of the Microsoft Partner Center REST API: customers, their
//! profiles and relationships, and (in the seed) the subscriptions, orders and entitlements that
//! belong to them, with the users of their directories and the licences assigned to them. Client
//! code points its base URL at the mock and is integration-tested with no network, no credentials
//! and no sandbox quota.
//!
//! Use it three ways:
//! - as a local development server: `cargo run --release` serves the built-in seed on
//!   `http://127.0.0.1:8080`;
//! - as a test fixture, either that process or embedded in Rust tests with
//!   [`MockPartnerCenter::start`];
//! - for contract testing against recorded Partner Center responses: the docs' samples, or a
//!   tenant's own exchanges, recorded with `partner-center-mock record` and replayed with
//!   `partner-center-mock verify`.
//!
//! ```
//! use partner_center_mock::MockPartnerCenter;
//!
//! # #[tokio::main]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mock = MockPartnerCenter::start().await;
//! let client = reqwest::Client::builder().no_proxy().build()?;
//! let page: serde_json::Value = client
//!     .get(format!("{}/v1/customers?size=10", mock.uri()))
//!     .bearer_auth("any-token") // any bearer token is accepted
//!     .send()
//!     .await?
//!     .json()
//!     .await?;
//! assert_eq!(page["totalCount"], 10);
//! # Ok(()) }
//! ```
//!
//! `docs/clients.md` in the repository shows how to point other clients at the mock (the .NET
//! SDK, PowerShell, Python, curl), which tokens it accepts, and walks through the relationship
//! removal step by step.
//!
//! # Layout
//! Each layer imports only from the layers below it: the binary, then `app` and [`server`], then
//! the surfaces (`v1`, [`control`], `dashboard`), then `http` and [`openapi`], then [`namespace`]
//! and [`store`], then [`domain`], [`wire`] and [`views`].
//!
//! - [`domain`]: the Partner Center model and its rules, plain Rust and serde.
//! - [`store`]: one namespace's customers, checked and changed atomically.
//! - [`settings`]: a namespace's settings (provisioning delay, throttling).
//! - [`namespace`]: partner namespaces, isolated from each other, with their snapshots, request
//!   journals, overrides (fault rules and pinned answers) and throttling buckets, within their
//!   memory bounds (a journal budget across namespaces, a namespace limit).
//! - [`wire`]: the wire conventions (lenient request reading, enum spelling, dates, etags, paging).
//! - [`views`]: the response shape of each resource.
//! - `app`: the shared state, the assembled router, the list of every operation, and the
//!   pipeline around them (path normalisation, 405 answers, panics).
//! - `v1`: the Partner Center `/v1` resources, behind the gateway (namespace, journal,
//!   overrides, throttling), authentication and idempotency.
//! - [`control`]: the `/_mock` control plane.
//! - `dashboard`: the web page over the control plane, at `/_mock/ui`.
//! - `http`: the shared HTTP helpers: the error table, extractors, answers, headers, the route
//!   registry.
//! - [`openapi`]: the OpenAPI document, built from the operation list it is given.
//! - [`seed`]: seed documents: load, validate, generate, export.
//! - [`persistence`]: the `--state-file` that keeps every namespace across restarts.
//! - [`conformance`]: the comparer of recorded and mock answers, and the reviewed deviations.
//! - [`record`]: the recording proxy of `partner-center-mock record` (feature `record`).
//! - [`recording`]: recorded exchanges, the files that `record` writes and `verify` replays.
//! - [`verify`]: `partner-center-mock verify`: recordings to a seed, replay, verdicts, JUnit
//!   (feature `record`).
//!
//! # Features
//! - `cli` (default): the binary's flags and log output, and `record`.
//! - `record`: the recording proxy and the verifier, which bring an HTTP client with TLS.
//!
//! An embedder that needs only the mock turns both off: `default-features = false`.
//! - [`server`]: [`serve`] and the embeddable [`MockPartnerCenter`].

mod app;
pub mod clock;
pub mod conformance;
pub mod control;
mod dashboard;
pub mod domain;
mod http;
pub mod namespace;
pub mod openapi;
pub mod persistence;
#[cfg(feature = "record")]
pub mod record;
pub mod recording;
pub mod seed;
pub mod server;
pub mod settings;
pub mod store;
mod v1;
#[cfg(feature = "record")]
pub mod verify;
pub mod views;
pub mod wire;

pub use app::{AppState, openapi_document};
pub use seed::{Seed, SeedError};
pub use server::{MockPartnerCenter, MockPartnerCenterBuilder, serve};
