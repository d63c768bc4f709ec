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
//! # Public surface
//! The crate root holds what an embedder starts from: [`MockPartnerCenter`] (the handle) and
//! [`MockPartnerCenterBuilder`], [`serve`] for a listener of your own, the [`Seed`] to start
//! from, the id types ([`CustomerId`], [`SubscriptionId`], [`CartId`], [`UserId`]), the
//! [`Rule`]s a refusal names in its `X-Mock-Rule` header and the [`DomainError`] it carries.
//!
//! The public modules are what those hand out, for reading and changing state without HTTP
//! through [`MockPartnerCenter::store`] and [`MockPartnerCenter::namespace`]:
//! - [`domain`]: the Partner Center model and its rules, plain Rust and serde.
//! - [`store`]: one namespace's customers, checked and changed atomically.
//! - [`namespace`]: a partner namespace, with its request journal and its overrides (fault rules
//!   and pinned answers), within the namespaces' memory bounds (a journal budget across
//!   namespaces, a namespace limit).
//! - [`settings`]: a namespace's settings (provisioning delay, throttling).
//! - [`seed`]: seed documents: load, validate, generate, export.
//! - [`clock`]: a namespace's clock, which tests move forward.
//! - [`recording`]: recorded exchanges, the files that `record` writes, `verify` replays and
//!   pinned answers are read from.
//! - [`conformance`]: the comparer of recorded and mock answers, and the reviewed deviations.
//! - [`persistence`]: the `--state-file` that keeps every namespace across restarts.
//! - [`record`]: the recording proxy of `partner-center-mock record` (feature `record`).
//! - [`verify`]: `partner-center-mock verify`: recordings to a seed, replay, verdicts, JUnit
//!   (feature `record`).
//!
//! Everything else is private to the crate.
//!
//! # Layout
//! Each layer imports only from the layers below it: the binary, then `app` and `server`, then
//! the surfaces (`v1`, `control`, `dashboard`), then `http` and `openapi`, then [`namespace`]
//! and [`store`], then [`domain`], `wire` and `views`.
//!
//! - `app`: the shared state, the assembled router, the list of every operation, and the
//!   pipeline around them (path normalisation, 405 answers, panics).
//! - `server`: [`serve`] and the embeddable [`MockPartnerCenter`].
//! - `v1`: the Partner Center `/v1` resources, behind the gateway (namespace, journal,
//!   overrides, throttling), authentication and idempotency.
//! - `control`: the `/_mock` control plane.
//! - `dashboard`: the web page over the control plane, at `/_mock/ui`.
//! - `http`: the shared HTTP helpers: the error table, extractors, answers, headers, the route
//!   registry.
//! - `openapi`: the OpenAPI document ([`openapi_document`]), built from the operation list it is
//!   given.
//! - `wire`: the wire conventions (lenient request reading, enum spelling, dates, etags, paging).
//! - `views`: the response shape of each resource.
//! - the public modules above.
//!
//! # Features
//! - `cli` (default): the binary's flags and log output, and `record`.
//! - `record`: the recording proxy and the verifier, which bring an HTTP client with TLS.
//!
//! An embedder that needs only the mock turns both off: `default-features = false`.

mod app;
pub mod clock;
pub mod conformance;
mod control;
mod dashboard;
pub mod domain;
mod http;
pub mod namespace;
mod openapi;
pub mod persistence;
#[cfg(feature = "record")]
pub mod record;
pub mod recording;
pub mod seed;
mod server;
pub mod settings;
pub mod store;
mod v1;
#[cfg(feature = "record")]
pub mod verify;
mod views;
mod wire;

use wire::enum_spelling::wire_enum;

/// The state [`serve`] serves: every namespace, the id source and the admin token; made by
/// [`MockPartnerCenterBuilder::into_state`].
pub use app::AppState;
/// The OpenAPI 3.1 document of every route the mock serves, as `GET /_mock/openapi.json` answers
/// it.
pub use app::openapi_document;
/// Why the model refused a change: the rule broken, which gives the status and Partner Center
/// code of the answer.
pub use domain::DomainError;
/// A cart's id.
pub use domain::ids::CartId;
/// A customer's id: its tenant id.
pub use domain::ids::CustomerId;
/// A subscription's id.
pub use domain::ids::SubscriptionId;
/// A user's id in the customer's directory.
pub use domain::ids::UserId;
/// Every rule the model enforces, each once, with its status and Partner Center code.
pub use domain::rules::RULES;
/// One rule the model enforces: its id (the `X-Mock-Rule` header of a refusal), condition,
/// source, status and Partner Center code.
pub use domain::rules::Rule;
/// The media type of the JSON Lines answers (`GET /_mock/requests.jsonl`); the OpenAPI
/// document gives the schema of each line as `x-itemSchema`.
pub use openapi::JSON_LINES;
/// A validated seed: the partner, the catalog, the customers and the settings a namespace
/// starts from.
pub use seed::Seed;
/// Why a seed could not be loaded, naming the file and the JSON path.
pub use seed::SeedError;
/// The namespace of a request that names none in its `X-Mock-Partner` header.
pub use server::DEFAULT_NAMESPACE;
/// The mock, started in-process on `127.0.0.1` on a free port, for a test to point its client at.
pub use server::MockPartnerCenter;
/// Sets up a [`MockPartnerCenter`]: seed, settings, ids, journal, admin token, overrides.
pub use server::MockPartnerCenterBuilder;
/// Serves the mock on a listener the caller bound, until `shutdown` completes.
pub use server::serve;
