//! The limits Partner Center documents for the throttled resources: how many requests a window
//! of how long admits, and whether the count is kept per partner or per partner and customer.
//!
//! The customer, order and subscription resource pages each document 500 requests a minute "per
//! tenant identifier", and the throttling guidance says that calls for other customers keep
//! working; the mock counts each resource per partner and customer. Carts take the same limit, as
//! the resource their checkout orders from. New-commerce migrations document their own: 100
//! creations per partner in 5 minutes, and 450 validations per partner and customer in 5 minutes
//! (reference api-new-commerce §7, §11.15).

use std::time::Duration;

crate::wire_enum! {
    /// A throttled Partner Center resource: each has its own count.
    pub(crate) enum Resource {
        Customers = 0 => "customers",
        Orders = 1 => "orders",
        Subscriptions = 2 => "subscriptions",
        Carts = 3 => "carts",
        /// Creating new-commerce migrations.
        Migrations = 4 => "migrations",
        /// Validating new-commerce migrations.
        MigrationValidations = 5 => "migration_validations",
    }
}

/// Who shares a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Scope {
    /// Every request of the partner.
    Partner,
    /// The partner's requests about one customer.
    PartnerAndCustomer,
}

/// A documented limit: at most `requests` in any `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limit {
    pub requests: u32,
    pub window: Duration,
    pub scope: Scope,
}

const PER_CUSTOMER_MINUTE: Limit = Limit {
    requests: 500,
    window: Duration::from_secs(60),
    scope: Scope::PartnerAndCustomer,
};

const MIGRATIONS_PER_PARTNER: Limit = Limit {
    requests: 100,
    window: Duration::from_secs(300),
    scope: Scope::Partner,
};

const MIGRATION_VALIDATIONS_PER_CUSTOMER: Limit = Limit {
    requests: 450,
    window: Duration::from_secs(300),
    scope: Scope::PartnerAndCustomer,
};

impl Resource {
    /// The documented limit of the resource.
    pub(crate) const fn limit(self) -> Limit {
        match self {
            Self::Customers | Self::Orders | Self::Subscriptions | Self::Carts => {
                PER_CUSTOMER_MINUTE
            }
            Self::Migrations => MIGRATIONS_PER_PARTNER,
            Self::MigrationValidations => MIGRATION_VALIDATIONS_PER_CUSTOMER,
        }
    }
}

impl Limit {
    /// The window as the mock measures it: divided by the namespace's time scale.
    pub(crate) fn scaled_window(&self, time_scale: f64) -> Duration {
        Duration::try_from_secs_f64(self.window.as_secs_f64() / time_scale).unwrap_or(self.window)
    }
}
