//! A namespace's throttling buckets: Partner Center's documented limits, counted per resource and
//! per partner (or per partner and customer), on the real or the virtual clock, with every window
//! divided by the namespace's time scale.
//!
//! Which requests count is decided at the edge (the `/v1` gateway names the resource and the
//! customer); this module only counts and answers with the time until the next admission.

pub(crate) mod limits;
mod window;

use crate::clock::Clock;
use crate::domain::CustomerId;
use crate::settings::{Settings, ThrottlingClock};
use limits::{Resource, Scope};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};
use window::Window;

/// Below this many buckets, idle ones are not looked for.
const SWEEP_FLOOR: usize = 1_024;

/// What shares a count: a resource, and the customer when the resource is counted per customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BucketKey {
    pub resource: Resource,
    /// The customer, for a resource counted per partner and customer.
    pub customer: Option<CustomerId>,
}

impl BucketKey {
    /// The bucket a request about `resource` counts in, `customer` being the one its path
    /// names; `None` when the resource is counted per customer and the path names none.
    pub(crate) fn new(resource: Resource, customer: Option<CustomerId>) -> Option<Self> {
        let customer = match resource.limit().scope {
            Scope::Partner => None,
            Scope::PartnerAndCustomer => Some(customer?),
        };
        Some(Self { resource, customer })
    }
}

/// By resource, then customer: an ordered map finds a bucket in a few comparisons of 16 bytes,
/// cheaper than hashing the key.
impl Ord for BucketKey {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.resource.number(), self.customer).cmp(&(other.resource.number(), other.customer))
    }
}

impl PartialOrd for BucketKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `subscriptions/<customer id>`, or the resource alone when counted per partner.
impl std::fmt::Display for BucketKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.customer {
            Some(customer) => write!(f, "{}/{customer}", self.resource),
            None => write!(f, "{}", self.resource),
        }
    }
}

/// A request the bucket could not admit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub bucket: BucketKey,
    /// Exactly how long until the bucket admits a request again.
    pub wait: Duration,
}

impl Refusal {
    /// The wait in whole seconds, rounded up and at least 1, as `Retry-After` gives it.
    pub(crate) fn retry_after_seconds(&self) -> u64 {
        let whole = self.wait.as_secs();
        let rounded = if self.wait.subsec_nanos() > 0 {
            whole + 1
        } else {
            whole
        };
        rounded.max(1)
    }
}

/// One bucket's use, as `GET /_mock/settings` reports it under `throttlingBuckets`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BucketUse {
    /// `<resource>/<customer id>`, as the `X-Mock-Throttled` header of a refusal names it.
    pub bucket: String,
    pub resource: Resource,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<CustomerId>,
    /// Requests admitted in the window that ends now.
    pub used: usize,
    pub limit: u32,
    /// The window's length in seconds, after the time scale.
    pub window_seconds: f64,
}

/// The clock and time scale the buckets' moments were taken with; when either changes, the
/// moments no longer compare, and every bucket starts afresh.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Basis {
    clock: ThrottlingClock,
    time_scale: f64,
}

impl Basis {
    fn of(settings: &Settings) -> Self {
        Self {
            clock: settings.throttling_clock,
            time_scale: settings.throttling_time_scale,
        }
    }
}

#[derive(Debug)]
struct Buckets {
    basis: Option<Basis>,
    windows: BTreeMap<BucketKey, Window>,
    /// The count of buckets at which idle ones are next looked for and dropped.
    sweep_at: usize,
}

impl Buckets {
    /// Drops the buckets whose window holds nothing any more, once there are many, so that
    /// memory follows the customers in use rather than every customer ever called.
    fn sweep(&mut self, now: Duration) {
        if self.windows.len() < self.sweep_at {
            return;
        }
        let time_scale = self.basis.map_or(1.0, |basis| basis.time_scale);
        self.windows.retain(|key, window| {
            window.used(now, key.resource.limit().scaled_window(time_scale)) > 0
        });
        self.sweep_at = (self.windows.len() * 2).max(SWEEP_FLOOR);
    }
}

/// A namespace's buckets.
#[derive(Debug)]
pub(crate) struct Throttle {
    /// Real-clock moments are measured from here.
    origin: Instant,
    buckets: Mutex<Buckets>,
}

impl Default for Throttle {
    fn default() -> Self {
        Self {
            origin: Instant::now(),
            buckets: Mutex::new(Buckets {
                basis: None,
                windows: BTreeMap::new(),
                sweep_at: SWEEP_FLOOR,
            }),
        }
    }
}

impl Throttle {
    /// Counts a request in `key`'s bucket, or refuses it (and counts nothing) when the bucket
    /// is full.
    ///
    /// # Errors
    /// The [`Refusal`], with the time until the bucket admits again.
    pub(crate) fn admit(
        &self,
        key: BucketKey,
        settings: &Settings,
        clock: &Clock,
    ) -> Result<(), Refusal> {
        let limit = key.resource.limit();
        let length = limit.scaled_window(settings.throttling_time_scale);
        let mut buckets = self.buckets(settings);
        // Read under the lock, so that admissions are stamped in the order they are made.
        let now = self.now(settings.throttling_clock, clock);
        buckets.sweep(now);
        let outcome = match buckets.windows.get_mut(&key) {
            Some(window) => window.admit(now, limit.requests, length),
            None => {
                let mut window = Window::default();
                let outcome = window.admit(now, limit.requests, length);
                buckets.windows.insert(key, window);
                outcome
            }
        };
        outcome.map_err(|wait| Refusal { bucket: key, wait })
    }

    /// Every bucket that admitted a request in its current window, in name order.
    pub(crate) fn usage(&self, settings: &Settings, clock: &Clock) -> Vec<BucketUse> {
        let time_scale = settings.throttling_time_scale;
        let mut buckets = self.buckets(settings);
        let now = self.now(settings.throttling_clock, clock);
        let mut usage: Vec<BucketUse> = buckets
            .windows
            .iter_mut()
            .filter_map(|(key, window)| {
                let limit = key.resource.limit();
                let length = limit.scaled_window(time_scale);
                let used = window.used(now, length);
                (used > 0).then(|| BucketUse {
                    bucket: key.to_string(),
                    resource: key.resource,
                    customer_id: key.customer,
                    used,
                    limit: limit.requests,
                    window_seconds: length.as_secs_f64(),
                })
            })
            .collect();
        usage.sort_by(|a, b| a.bucket.cmp(&b.bucket));
        usage
    }

    /// Forgets every count.
    pub(crate) fn clear(&self) {
        self.lock().windows.clear();
    }

    /// The present on the clock the settings name, as time since that clock's origin.
    fn now(&self, kind: ThrottlingClock, clock: &Clock) -> Duration {
        match kind {
            ThrottlingClock::Real => self.origin.elapsed(),
            ThrottlingClock::Virtual => {
                let now = clock.now();
                let seconds = u64::try_from(now.timestamp()).unwrap_or_default();
                Duration::new(seconds, now.timestamp_subsec_nanos())
            }
        }
    }

    /// The buckets, emptied first when the clock or the time scale changed since they were
    /// filled.
    fn buckets(&self, settings: &Settings) -> MutexGuard<'_, Buckets> {
        let mut buckets = self.lock();
        let basis = Some(Basis::of(settings));
        if buckets.basis != basis {
            buckets.windows.clear();
            buckets.basis = basis;
        }
        buckets
    }

    fn lock(&self) -> MutexGuard<'_, Buckets> {
        self.buckets.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Throttling;

    const CONTOSO: &str = "22222222-2222-4222-8222-222222222222";
    const WOODGROVE: &str = "77777777-7777-4777-8777-777777777777";

    fn key(resource: Resource, customer: &str) -> BucketKey {
        BucketKey::new(resource, CustomerId::parse(customer)).unwrap()
    }

    fn virtual_settings() -> Settings {
        Settings {
            throttling: Throttling::Documented,
            throttling_clock: ThrottlingClock::Virtual,
            ..Settings::default()
        }
    }

    fn fill(throttle: &Throttle, key: &BucketKey, settings: &Settings, clock: &Clock) {
        for _ in 0..key.resource.limit().requests {
            throttle.admit(*key, settings, clock).unwrap();
        }
    }

    #[test]
    fn a_full_bucket_refuses_until_its_window_slides_and_other_customers_go_on() {
        let (throttle, clock, settings) =
            (Throttle::default(), Clock::default(), virtual_settings());
        let contoso = key(Resource::Subscriptions, &CONTOSO.to_uppercase());
        fill(&throttle, &contoso, &settings, &clock);
        let refusal = throttle.admit(contoso, &settings, &clock).unwrap_err();
        assert_eq!(
            refusal.bucket.to_string(),
            format!("subscriptions/{CONTOSO}")
        );
        assert!(refusal.wait <= Duration::from_secs(60));
        assert!(refusal.retry_after_seconds() >= 59);
        let woodgrove = key(Resource::Subscriptions, WOODGROVE);
        throttle.admit(woodgrove, &settings, &clock).unwrap();
        let orders = key(Resource::Orders, CONTOSO);
        throttle.admit(orders, &settings, &clock).unwrap();
        clock.advance(chrono::Duration::seconds(60)).unwrap();
        throttle.admit(contoso, &settings, &clock).unwrap();
    }

    #[test]
    fn racing_threads_never_get_more_than_the_limit_through() {
        let (throttle, clock) = (Throttle::default(), Clock::default());
        let settings = Settings {
            throttling: Throttling::Documented,
            ..Settings::default()
        };
        let contoso = key(Resource::Subscriptions, CONTOSO);
        let admitted = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    for _ in 0..1_000 {
                        if throttle.admit(contoso, &settings, &clock).is_ok() {
                            admitted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                });
            }
        });
        assert_eq!(admitted.into_inner(), 500);
    }

    #[test]
    fn usage_names_each_bucket_with_what_it_admitted() {
        let (throttle, clock, settings) =
            (Throttle::default(), Clock::default(), virtual_settings());
        for customer in [WOODGROVE, CONTOSO, CONTOSO] {
            let bucket = key(Resource::Customers, customer);
            throttle.admit(bucket, &settings, &clock).unwrap();
        }
        let usage = throttle.usage(&settings, &clock);
        let named: Vec<_> = usage.iter().map(|u| (u.bucket.as_str(), u.used)).collect();
        assert_eq!(
            named,
            [
                (format!("customers/{CONTOSO}").as_str(), 2),
                (format!("customers/{WOODGROVE}").as_str(), 1)
            ]
        );
        assert_eq!(usage[0].limit, 500);
        assert!((usage[0].window_seconds - 60.0).abs() < f64::EPSILON);
        clock.advance(chrono::Duration::seconds(61)).unwrap();
        assert_eq!(throttle.usage(&settings, &clock), []);
    }

    #[test]
    fn the_time_scale_divides_the_window_and_a_change_of_basis_starts_afresh() {
        let (throttle, clock) = (Throttle::default(), Clock::default());
        let scaled = Settings {
            throttling_time_scale: 600.0,
            ..virtual_settings()
        };
        let orders = key(Resource::Orders, CONTOSO);
        fill(&throttle, &orders, &scaled, &clock);
        let refusal = throttle.admit(orders, &scaled, &clock).unwrap_err();
        assert!(refusal.wait <= Duration::from_millis(100));
        assert_eq!(refusal.retry_after_seconds(), 1);
        let real = Settings {
            throttling_clock: ThrottlingClock::Real,
            ..scaled
        };
        throttle.admit(orders, &real, &clock).unwrap();
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds_and_is_never_zero() {
        let refusal = |wait| Refusal {
            bucket: key(Resource::Orders, CONTOSO),
            wait,
        };
        assert_eq!(refusal(Duration::from_millis(1)).retry_after_seconds(), 1);
        assert_eq!(refusal(Duration::ZERO).retry_after_seconds(), 1);
        assert_eq!(refusal(Duration::from_secs(2)).retry_after_seconds(), 2);
        assert_eq!(
            refusal(Duration::from_millis(2_001)).retry_after_seconds(),
            3
        );
    }

    #[test]
    fn idle_buckets_are_dropped_once_there_are_many() {
        let (throttle, clock, settings) =
            (Throttle::default(), Clock::default(), virtual_settings());
        for n in 0..SWEEP_FLOOR {
            let customer = CustomerId(uuid::Uuid::from_u128(n as u128));
            let bucket = BucketKey::new(Resource::Customers, Some(customer)).unwrap();
            throttle.admit(bucket, &settings, &clock).unwrap();
        }
        clock.advance(chrono::Duration::seconds(60)).unwrap();
        throttle
            .admit(key(Resource::Customers, CONTOSO), &settings, &clock)
            .unwrap();
        assert_eq!(throttle.lock().windows.len(), 1);
    }
}
