//! What the mock's clock does to a customer: subscription terms end (renewing or expiring them),
//! carts expire, pending orders finish provisioning, transitions complete, cancelled Azure
//! subscriptions become inactive, processing migrations complete, and deleted users are purged
//! after 30 days.
//! The store applies it to a customer before any rule reads or changes it, so that every rule
//! sees the present.

use super::customer::Customer;
use chrono::{DateTime, Utc};

impl Customer {
    /// Whether time has done something to this customer that [`Customer::settle`] has not
    /// applied yet.
    pub fn needs_settling(&self, now: DateTime<Utc>) -> bool {
        self.terms_need_settling(now)
            || self.has_expired_carts(now)
            || self.has_provisioned_orders(now)
            || self.has_completed_transitions(now)
            || self.has_due_azure_cancellations(now)
            || self.has_due_migrations(now)
            || self.users_need_purging(now)
    }

    /// Applies what the clock did up to `now`.
    pub fn settle(&mut self, now: DateTime<Utc>) {
        self.settle_terms(now);
        self.drop_expired_carts(now);
        self.complete_provisioned_orders(now);
        self.complete_transitions(now);
        self.complete_azure_cancellations(now);
        self.complete_due_migrations(now);
        self.purge_deleted_users(now);
    }
}
