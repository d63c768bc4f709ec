//! Serving the mock: [`serve`] runs it on a listener it is given, and [`MockPartnerCenter`] is
//! the handle Rust tests embed: it binds `127.0.0.1:0`, exposes the base uri and the state, and
//! shuts the server down when dropped.

use crate::app::{self, AppState};
use crate::domain::ids::IdSource;
use crate::http::state::Shared;
use crate::namespace::bounds::Bounds;
use crate::namespace::faults::FaultRule;
use crate::namespace::journal::{Entry, Filter, Page};
use crate::namespace::overrides::Rule;
use crate::namespace::overrides::pinned::OverrideRule;
use crate::namespace::overrides::recorded::{self, RecordedError};
use crate::namespace::{Namespace, Namespaces};
use crate::seed::{Seed, SeedDocument, export};
use crate::settings::Settings;
use crate::store::Store;
use axum::extract::Request;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The namespace requests use when they name none.
pub use crate::namespace::DEFAULT_NAMESPACE;

/// Serves the mock on `listener` until `shutdown` completes, then finishes the requests in flight.
///
/// It never binds: the caller chooses the address. [`MockPartnerCenter`] does this for tests; use
/// `serve` directly to control the listener or the shutdown.
///
/// ```
/// use partner_center_mock::{MockPartnerCenter, serve};
///
/// # #[tokio::main]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// let address = listener.local_addr()?;
/// let state = MockPartnerCenter::builder().no_seed().into_state();
/// let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
/// let server = tokio::spawn(serve(listener, state, async {
///     let _ = stopped.await;
/// }));
///
/// let client = reqwest::Client::builder().no_proxy().build()?;
/// let health = client.get(format!("http://{address}/_mock/health")).send().await?;
/// assert_eq!(health.status(), 200);
///
/// stop.send(()).unwrap();
/// server.await??; // a graceful stop ends `serve` with Ok
/// # Ok(()) }
/// ```
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let sweeper = state
        .namespaces()
        .bounds()
        .idle_ttl
        .map(|ttl| tokio::spawn(sweep_idle_namespaces(state.clone(), ttl)));
    let served = axum::serve(
        listener,
        axum::ServiceExt::<Request>::into_make_service(app::service(state)),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    if let Some(sweeper) = sweeper {
        sweeper.abort();
    }
    served
}

/// Drops the namespaces past their idle time-to-live, a few times per time-to-live (at most
/// once a second, at least once a minute). Real-time housekeeping, apart from any virtual clock.
async fn sweep_idle_namespaces(state: AppState, ttl: std::time::Duration) {
    let every = (ttl / 4).clamp(
        std::time::Duration::from_secs(1),
        std::time::Duration::from_secs(60),
    );
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        state.namespaces().sweep_idle();
    }
}

/// A running mock Partner Center, for embedding in tests.
///
/// Each handle serves on its own free loopback port and stops the server when dropped. Point a
/// Partner Center client at [`uri`](Self::uri); any bearer token is accepted on `/v1`.
///
/// ```
/// use partner_center_mock::MockPartnerCenter;
/// use serde_json::{Value, json};
///
/// # #[tokio::main]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let mock = MockPartnerCenter::start().await; // the default seed
/// let client = reqwest::Client::builder().no_proxy().build()?;
/// let contoso = format!("{}/v1/customers/22222222-2222-4222-8222-222222222222", mock.uri());
///
/// let customer: Value = client.get(&contoso).bearer_auth("any-token").send().await?.json().await?;
/// assert_eq!(customer["companyProfile"]["companyName"], "Contoso Ltd");
///
/// // Contoso Ltd has active subscriptions, so the relationship cannot be removed yet.
/// let refused = client
///     .patch(&contoso)
///     .bearer_auth("any-token")
///     .json(&json!({"relationshipToPartner": "none"}))
///     .send()
///     .await?;
/// assert_eq!(refused.status(), 400);
/// assert_eq!(
///     refused.headers()["x-mock-rule"],
///     "relationship-removal-active-subscriptions"
/// );
/// let fault: Value = refused.json().await?;
/// assert_eq!(fault["code"], 900400);
/// # Ok(()) }
/// ```
pub struct MockPartnerCenter {
    address: SocketAddr,
    state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
}

impl MockPartnerCenter {
    /// Starts a mock with the default seed (`seed-data/default.json`, 527 customers) on
    /// `127.0.0.1` and a free port.
    ///
    /// ```
    /// # #[tokio::main]
    /// # async fn main() {
    /// let mock = partner_center_mock::MockPartnerCenter::start().await;
    /// assert!(mock.uri().starts_with("http://127.0.0.1:"));
    /// assert_eq!(mock.store().snapshot().customer_count(), 528);
    /// # }
    /// ```
    ///
    /// # Panics
    /// When no loopback port can be bound; [`MockPartnerCenterBuilder::try_start`] returns the
    /// error instead.
    pub async fn start() -> Self {
        Self::builder().start().await
    }

    /// Chooses the seed and the id source before starting.
    ///
    /// With no seed and ids from a counter, a test knows every id the mock will hand out:
    ///
    /// ```
    /// use partner_center_mock::MockPartnerCenter;
    /// use serde_json::{Value, json};
    ///
    /// # #[tokio::main]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let mock = MockPartnerCenter::builder().no_seed().sequential_ids().start().await;
    /// assert_eq!(mock.store().snapshot().customer_count(), 0);
    ///
    /// let client = reqwest::Client::builder().no_proxy().build()?;
    /// let created: Value = client
    ///     .post(format!("{}/v1/customers", mock.uri()))
    ///     .bearer_auth("any-token")
    ///     .json(&json!({
    ///         "companyProfile": {"domain": "fourthcoffee"},
    ///         "billingProfile": {
    ///             "email": "owner@fourthcoffee.example", "culture": "en-US", "language": "en",
    ///             "companyName": "Fourth Coffee",
    ///             "defaultAddress": {"country": "US", "city": "Redmond", "state": "WA",
    ///                 "addressLine1": "1 Microsoft Way", "postalCode": "98052"}
    ///         }
    ///     }))
    ///     .send()
    ///     .await?
    ///     .json()
    ///     .await?;
    /// assert_eq!(created["id"], "00000000-0000-4000-8000-000000000001");
    /// assert_eq!(created["relationshipToPartner"], "reseller");
    /// # Ok(()) }
    /// ```
    pub fn builder() -> MockPartnerCenterBuilder {
        MockPartnerCenterBuilder::default()
    }

    /// The base uri, such as `http://127.0.0.1:49152`; Partner Center paths go after it.
    pub fn uri(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The address the mock listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The state of the `default` namespace, to arrange and inspect without HTTP.
    ///
    /// ```
    /// use partner_center_mock::MockPartnerCenter;
    /// use partner_center_mock::domain::{CustomerId, CustomerPartnerRelationship};
    ///
    /// # #[tokio::main]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let mock = MockPartnerCenter::start().await;
    /// let contoso = CustomerId::parse("22222222-2222-4222-8222-222222222222").unwrap();
    /// let customer = mock.store().customer(contoso)?;
    /// assert_eq!(customer.company_profile.company_name, "Contoso Ltd");
    /// assert_eq!(customer.relationship_to_partner, CustomerPartnerRelationship::Reseller);
    /// assert_eq!(customer.subscriptions.len(), 3);
    ///
    /// // Every blocker of the relationship removal (the removal-check route lists the same).
    /// assert_eq!(customer.removal_check().blockers.len(), 2);
    /// # Ok(()) }
    /// ```
    pub fn store(&self) -> Arc<Store> {
        Arc::clone(self.namespace(DEFAULT_NAMESPACE).store())
    }

    /// A partner namespace (its store, snapshots, journal and overrides), made from the seed if it
    /// is new.
    ///
    /// Requests pick a namespace with the `X-Mock-Partner` header, or with the `tid` claim of a
    /// JWT bearer token; each starts from the seed and never sees another's changes:
    ///
    /// ```
    /// use partner_center_mock::MockPartnerCenter;
    /// use partner_center_mock::domain::{CustomerId, CustomerPartnerRelationship};
    ///
    /// # #[tokio::main]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let mock = MockPartnerCenter::start().await;
    /// let client = reqwest::Client::builder().no_proxy().build()?;
    /// // Adatum Corporation has nothing that blocks the removal.
    /// let adatum = "11111111-1111-4111-8111-111111111111";
    /// let removed = client
    ///     .patch(format!("{}/v1/customers/{adatum}", mock.uri()))
    ///     .bearer_auth("any-token")
    ///     .header("X-Mock-Partner", "worker-1")
    ///     .json(&serde_json::json!({"relationshipToPartner": "none"}))
    ///     .send()
    ///     .await?;
    /// assert_eq!(removed.status(), 200);
    ///
    /// let id = CustomerId::parse(adatum).unwrap();
    /// let relationship = |namespace: &str| {
    ///     mock.namespace(namespace).store().customer(id).unwrap().relationship_to_partner
    /// };
    /// assert_eq!(relationship("worker-1"), CustomerPartnerRelationship::None);
    /// assert_eq!(relationship("default"), CustomerPartnerRelationship::Reseller);
    /// # Ok(()) }
    /// ```
    ///
    /// # Panics
    /// When `name` is not a valid namespace name (1 to 128 letters, digits, `-`, `_` or `.`), or
    /// when it is new and the namespace limit is reached with no namespace idle enough to make
    /// room (see [`MockPartnerCenterBuilder::max_namespaces`]).
    pub fn namespace(&self, name: &str) -> Arc<Namespace> {
        self.state
            .namespaces()
            .get_or_create(name)
            .unwrap_or_else(|refusal| panic!("namespace '{name}' refused: {refusal:?}"))
    }
}

/// The control plane, from Rust: the same operations as `/_mock`, without HTTP.
///
/// ```
/// use partner_center_mock::MockPartnerCenter;
/// use partner_center_mock::namespace::journal::Filter;
///
/// # #[tokio::main]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let mock = MockPartnerCenter::start().await;
/// let seeded = serde_json::to_value(mock.export_state())?;
///
/// let client = reqwest::Client::builder().no_proxy().build()?;
/// let adatum = format!("{}/v1/customers/11111111-1111-4111-8111-111111111111", mock.uri());
/// let removal = serde_json::json!({"relationshipToPartner": "none"});
/// client.patch(&adatum).bearer_auth("t").json(&removal).send().await?;
/// assert_ne!(serde_json::to_value(mock.export_state())?, seeded);
/// assert_eq!(mock.requests(&Filter::default()).items.len(), 1);
///
/// mock.reset(); // back to the seed; the journal stays
/// assert_eq!(serde_json::to_value(mock.export_state())?, seeded);
/// # Ok(()) }
/// ```
impl MockPartnerCenter {
    /// Puts the `default` namespace back to the seed (see `POST /_mock/reset`).
    pub fn reset(&self) {
        self.namespace(DEFAULT_NAMESPACE)
            .reset(self.state.namespaces().seed());
    }

    /// Puts every namespace back to the seed (`POST /_mock/reset?all=true`).
    pub fn reset_all(&self) {
        let namespaces = self.state.namespaces();
        for namespace in namespaces.all() {
            namespace.reset(namespaces.seed());
        }
    }

    /// The `default` namespace as a seed document (`GET /_mock/state`).
    pub fn export_state(&self) -> SeedDocument {
        export(&self.store().snapshot())
    }

    /// Replaces the `default` namespace's data with `seed` (`PUT /_mock/state`), and its settings
    /// with the seed's when the seed names them.
    pub fn import_state(&self, seed: &Seed) {
        let store = self.store();
        store.replace(seed.data_replacing(&store.settings()));
    }

    /// The `default` namespace's request journal (`GET /_mock/requests`).
    pub fn requests(&self, filter: &Filter) -> Page {
        self.namespace(DEFAULT_NAMESPACE).journal().read(filter)
    }

    /// The requests of the `default` namespace's journal that no route served (the router's 404
    /// and a wrong method's 405), oldest first, each with its nearest routes
    /// (`GET /_mock/requests?matched=false`). A test asserts that its client called nothing the
    /// mock does not serve:
    ///
    /// ```
    /// use partner_center_mock::MockPartnerCenter;
    ///
    /// # #[tokio::main]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let mock = MockPartnerCenter::start().await;
    /// let client = reqwest::Client::builder().no_proxy().build()?;
    /// let customers = format!("{}/v1/customers", mock.uri());
    /// client.get(&customers).bearer_auth("t").send().await?;
    /// assert!(mock.unmatched_requests().is_empty());
    ///
    /// let slip = format!("{customers}/22222222-2222-4222-8222-222222222222/subscription");
    /// let missed = client.get(&slip).bearer_auth("t").send().await?;
    /// assert_eq!(missed.status(), 404);
    /// let unmatched = mock.unmatched_requests();
    /// assert_eq!(unmatched.len(), 1);
    /// assert_eq!(
    ///     unmatched[0].nearest.as_deref().unwrap_or_default()[0],
    ///     "GET /v1/customers/{id}/subscriptions"
    /// );
    /// # Ok(()) }
    /// ```
    pub fn unmatched_requests(&self) -> Vec<Entry> {
        let filter = Filter {
            matched: Some(false),
            ..Filter::default()
        };
        self.requests(&filter).items
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

/// Configures a [`MockPartnerCenter`]: its seed, its id source, its journal and an admin token.
///
/// ```
/// use partner_center_mock::{MockPartnerCenter, Seed};
///
/// # #[tokio::main]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// // A seed document, here inline; `Seed::from_file` reads one from disk.
/// let seed = Seed::from_json(
///     "three-customers",
///     r#"{"partner": {"id": "p", "name": "Partner", "mpnId": "1"},
///         "generatedCustomers": {"count": 3, "seed": 7}}"#,
/// )?;
/// let mock = MockPartnerCenter::builder().seed(seed).start().await;
/// assert_eq!(mock.store().snapshot().customer_count(), 3);
///
/// let client = reqwest::Client::builder().no_proxy().build()?;
/// let page: serde_json::Value = client
///     .get(format!("{}/v1/customers", mock.uri()))
///     .bearer_auth("any-token")
///     .send()
///     .await?
///     .json()
///     .await?;
/// assert_eq!(page["totalCount"], 3);
/// # Ok(()) }
/// ```
#[derive(Default)]
pub struct MockPartnerCenterBuilder {
    seed: Option<Seed>,
    ids: Option<IdSource>,
    bounds: Bounds,
    admin_token: Option<String>,
    overrides: Vec<Rule>,
    settings: Option<Settings>,
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
        self.bounds.journal_capacity = capacity;
        self
    }

    /// Bounds every namespace's journal together to `bytes` (64 MiB by default, at least 1):
    /// over it, the oldest entries go first, whichever namespace holds them, and each journal
    /// counts what it lost as dropped. An entry larger than the whole budget is kept with its
    /// bodies cut to fit.
    pub fn journal_budget(mut self, bytes: usize) -> Self {
        self.bounds.journal_budget = bytes.max(1);
        self
    }

    /// Bounds how many namespaces may exist, `default` included (10,000 by default, at least
    /// 1). A request that would make one more drops the least recently used namespace idle for
    /// the [idle threshold](Self::namespace_idle_threshold) (never `default`, never one with a
    /// saved snapshot), or is refused with 503, code 900503.
    pub fn max_namespaces(mut self, limit: usize) -> Self {
        self.bounds.max_namespaces = limit.max(1);
        self
    }

    /// How long a namespace must have been unused, in real time, before it may be dropped to
    /// make room for a new one (10 minutes by default).
    pub fn namespace_idle_threshold(mut self, idle: std::time::Duration) -> Self {
        self.bounds.idle_threshold = idle;
        self
    }

    /// Drops namespaces unused, in real time, for longer than `ttl` (never `default`, never one
    /// with a saved snapshot). Off by default.
    pub fn namespace_idle_ttl(mut self, ttl: std::time::Duration) -> Self {
        self.bounds.idle_ttl = Some(ttl);
        self
    }

    /// Requires `Authorization: Bearer <token>` on the `/_mock` control plane (but its health).
    pub fn admin_token(mut self, token: impl Into<String>) -> Self {
        self.admin_token = Some(token.into()).filter(|t: &String| !t.is_empty());
        self
    }

    /// Starts every namespace with `settings` (see `GET /_mock/settings`) instead of the defaults.
    pub fn settings(mut self, settings: Settings) -> Self {
        self.settings = Some(settings);
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
        // The seed's own data when the settings are its own: a copy would index every customer
        // again only to drop the seed's index.
        let data = match self.settings {
            Some(settings) if settings != *seed.data().settings() => {
                Arc::new(seed.data().with_settings(settings))
            }
            _ => seed.data(),
        };
        let namespaces = Namespaces::new(data, self.bounds);
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
