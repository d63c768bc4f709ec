//! Serving the mock: [`serve`] runs it on a listener it is given, and [`MockPartnerCenter`] is
//! the handle Rust tests embed: it binds `127.0.0.1:0`, exposes the base uri and the state, and
//! shuts the server down when dropped.

use crate::domain::ids::IdSource;
use crate::http::{self, AppState};
use crate::namespace::faults::FaultRule;
use crate::namespace::journal::{Filter, Page};
use crate::namespace::overrides::Rule;
use crate::namespace::overrides::pinned::OverrideRule;
use crate::namespace::overrides::recorded::{self, RecordedError};
use crate::namespace::{Namespace, Namespaces};
use crate::seed::{Seed, SeedDocument, export};
use crate::store::Store;
use axum::extract::Request;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The namespace requests use when they name none.
pub use crate::http::auth::DEFAULT_NAMESPACE;

/// Serves the mock on `listener` until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = http::router(state).layer(tower_http::catch_panic::CatchPanicLayer::custom(
        http::error::panic_answer,
    ));
    let app = tower::ServiceExt::map_response(
        tower::ServiceExt::map_request(router, http::normalize_path),
        http::headers::describe_method_not_allowed,
    );
    axum::serve(
        listener,
        axum::ServiceExt::<Request>::into_make_service(app),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// A running mock Partner Center, for embedding in tests.
///
/// ```no_run
/// # async fn example() {
/// use partner_center_mock::MockPartnerCenter;
/// let mock = MockPartnerCenter::start().await;
/// let customers = format!("{}/v1/customers", mock.uri());
/// # let _ = customers;
/// # }
/// ```
pub struct MockPartnerCenter {
    address: SocketAddr,
    state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
}

impl MockPartnerCenter {
    /// Starts a mock with the default seed on `127.0.0.1` and a free port.
    pub async fn start() -> Self {
        Self::builder().start().await
    }

    /// Chooses the seed and the id source before starting.
    pub fn builder() -> MockPartnerCenterBuilder {
        MockPartnerCenterBuilder::default()
    }

    /// The base uri, such as `http://127.0.0.1:49152`; Partner Center paths go after it.
    pub fn uri(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The state of the `default` namespace, to arrange and inspect without HTTP.
    pub fn store(&self) -> Arc<Store> {
        Arc::clone(self.namespace(DEFAULT_NAMESPACE).store())
    }

    /// A partner namespace (its store, snapshots, journal and overrides), made from the seed if it
    /// is new.
    ///
    /// # Panics
    /// When `name` is not a valid namespace name (1 to 128 letters, digits, `-`, `_` or `.`).
    pub fn namespace(&self, name: &str) -> Arc<Namespace> {
        self.state
            .namespaces()
            .get_or_create(name)
            .unwrap_or_else(|| panic!("'{name}' is not a valid namespace name"))
    }
}

/// The control plane, from Rust: the same operations as `/_mock`, without HTTP.
impl MockPartnerCenter {
    /// Puts the `default` namespace back to the seed (see `POST /_mock/reset`).
    pub fn reset(&self) {
        self.state.reset(&self.namespace(DEFAULT_NAMESPACE));
    }

    /// Puts every namespace back to the seed (`POST /_mock/reset?all=true`).
    pub fn reset_all(&self) {
        for namespace in self.state.namespaces().all() {
            self.state.reset(&namespace);
        }
    }

    /// The `default` namespace as a seed document (`GET /_mock/state`).
    pub fn export_state(&self) -> SeedDocument {
        export(&self.store().snapshot())
    }

    /// Replaces the `default` namespace's data with `seed` (`PUT /_mock/state`).
    pub fn import_state(&self, seed: &Seed) {
        self.store().replace(seed.data());
    }

    /// The `default` namespace's request journal (`GET /_mock/requests`).
    pub fn requests(&self, filter: &Filter) -> Page {
        self.namespace(DEFAULT_NAMESPACE).journal().read(filter)
    }

    /// Adds a fault rule to the `default` namespace and returns its id (`POST /_mock/faults`).
    ///
    /// # Errors
    /// The rule's first fault, as `POST /_mock/faults` would describe it.
    pub fn add_fault(&self, rule: FaultRule) -> Result<String, String> {
        let rule = rule.into_rule()?;
        Ok(self.namespace(DEFAULT_NAMESPACE).overrides().add(rule))
    }

    /// Pins an answer in the `default` namespace and returns its id (`POST /_mock/overrides`).
    ///
    /// # Errors
    /// What is wrong with the rule, as `POST /_mock/overrides` would describe it.
    pub fn add_override(&self, rule: OverrideRule) -> Result<String, String> {
        let rule = rule.into_rule()?;
        Ok(self.namespace(DEFAULT_NAMESPACE).overrides().add(rule))
    }

    /// Moves the `default` namespace's clock forward (`POST /_mock/clock/advance`).
    ///
    /// # Errors
    /// When the clock would pass the year 9000.
    pub fn advance_clock(&self, by: chrono::Duration) -> Result<(), crate::clock::ClockError> {
        self.store().clock().advance(by)
    }
}

impl Drop for MockPartnerCenter {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// Configures a [`MockPartnerCenter`].
#[derive(Default)]
pub struct MockPartnerCenterBuilder {
    seed: Option<Seed>,
    ids: Option<IdSource>,
    journal_capacity: Option<usize>,
    admin_token: Option<String>,
    overrides: Vec<Rule>,
}

impl MockPartnerCenterBuilder {
    /// Serves `seed` instead of the default data set.
    pub fn seed(mut self, seed: Seed) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Starts with no customers at all.
    pub fn no_seed(self) -> Self {
        self.seed(Seed::empty())
    }

    /// Draws new ids from a counter (`00000000-0000-4000-8000-000000000001`, ...) instead of at random.
    pub fn sequential_ids(mut self) -> Self {
        self.ids = Some(IdSource::sequential());
        self
    }

    /// Keeps the last `capacity` requests of each namespace in its journal (1,000 by default);
    /// 0 turns the journal off.
    pub fn journal_capacity(mut self, capacity: usize) -> Self {
        self.journal_capacity = Some(capacity);
        self
    }

    /// Requires `Authorization: Bearer <token>` on the `/_mock` control plane (but its health).
    pub fn admin_token(mut self, token: impl Into<String>) -> Self {
        self.admin_token = Some(token.into()).filter(|t: &String| !t.is_empty());
        self
    }

    /// Pins the exchanges recorded in `dir` as overrides of the `default` namespace: each answers
    /// its method and path, those for the same method and path in recorded order, once each, and
    /// the last one until removed. The query string is not matched.
    ///
    /// # Errors
    /// When a file cannot be read, is not a recorded exchange, or holds an answer that cannot be
    /// pinned; the message names the file.
    pub fn recorded_overrides(
        mut self,
        dir: impl AsRef<std::path::Path>,
    ) -> Result<Self, RecordedError> {
        self.overrides.extend(recorded::from_dir(dir.as_ref())?);
        Ok(self)
    }

    /// The application state this configuration serves.
    pub fn into_state(self) -> AppState {
        let seed = self.seed.unwrap_or_else(Seed::default_set);
        let capacity = self
            .journal_capacity
            .unwrap_or(crate::namespace::journal::DEFAULT_CAPACITY);
        let namespaces = Namespaces::new(seed.data(), capacity);
        if let Some(default) = namespaces.get(DEFAULT_NAMESPACE) {
            for rule in self.overrides {
                default.overrides().add(rule);
            }
        }
        AppState::new(namespaces, self.ids.unwrap_or_default(), self.admin_token)
    }

    /// Binds `127.0.0.1:0` and serves in the background.
    ///
    /// # Panics
    /// When no loopback port can be bound.
    pub async fn start(self) -> MockPartnerCenter {
        self.try_start()
            .await
            .expect("the mock could not bind a loopback port")
    }

    /// Like [`MockPartnerCenterBuilder::start`], returning the bind error instead of panicking.
    pub async fn try_start(self) -> std::io::Result<MockPartnerCenter> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let state = self.into_state();
        let (shutdown, stopped) = oneshot::channel::<()>();
        let served = state.clone();
        tokio::spawn(async move {
            let stopped = async {
                let _ = stopped.await;
            };
            if let Err(error) = serve(listener, served, stopped).await {
                tracing::error!(%error, "the embedded mock stopped");
            }
        });
        Ok(MockPartnerCenter {
            address,
            state,
            shutdown: Some(shutdown),
        })
    }
}
