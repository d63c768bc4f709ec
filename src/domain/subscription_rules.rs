//! Changing a subscription (`PATCH .../subscriptions/{id}`) and what time does to it.
//!
//! The state machine (SPEC §5; reference: subscription status state machine):
//! `active -> suspended -> active`; `active -> deleted` only for new-commerce and marketplace
//! subscriptions inside their cancellation window; `deleted` is final; `expired` comes from the
//! clock at term end. Suspending a base subscription suspends its active add-ons; reactivating it
//! does not reactivate them. Likewise, suspending an Azure plan cancels its active Azure
//! subscriptions: Partner Center refuses the suspension while one is active (403 900115,
//! reference api-new-commerce §8.1), and the mock takes them down with the plan instead;
//! reactivating the plan does not bring them back.

use super::azure::AzureEntitlementStatus;
use super::customer::{Customer, SentAttributes};
use super::error::DomainError;
use super::ids::SubscriptionId;
use super::offer::Catalog;
use super::precondition::Precondition;
use super::subscription::{BillingCycle, Subscription, SubscriptionStatus};
use chrono::{DateTime, Duration, Months, Utc};
use serde::Deserialize;
use std::sync::Arc;

/// The days after purchase or renewal in which a new-commerce subscription can be cancelled or
/// reduced.
pub const CANCELLATION_WINDOW_DAYS: i64 = 7;

/// A subscription as a client sends it in a PATCH: sparse, or the whole resource as the .NET SDK
/// writes it. Default values (quantity 0, null or empty names, `unknown` billing cycle) are "not
/// given"; read-only properties are ignored.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionUpdate {
    pub status: Option<SubscriptionStatus>,
    pub quantity: Option<u32>,
    pub friendly_name: Option<String>,
    pub auto_renew_enabled: Option<bool>,
    pub billing_cycle: Option<BillingCycle>,
    pub attributes: Option<SentAttributes>,
}

/// The months of an ISO-8601 term (`P1M`, `P1Y`, `P3Y`); `None` for anything else.
pub fn term_months(term: &str) -> Option<u32> {
    let body = term
        .trim()
        .strip_prefix('P')
        .or_else(|| term.trim().strip_prefix('p'))?;
    let (count, unit) = body.split_at(body.len().checked_sub(1)?);
    let count: u32 = count.parse().ok()?;
    match unit {
        "M" | "m" => Some(count),
        "Y" | "y" => count.checked_mul(12),
        _ => None,
    }
    .filter(|months| (1..=120).contains(months))
}

/// `start` plus the term, or one year for a subscription without one.
pub fn term_end(start: DateTime<Utc>, term: Option<&str>) -> DateTime<Utc> {
    let months = term.and_then(term_months).unwrap_or(12);
    start
        .checked_add_months(Months::new(months))
        .unwrap_or(start)
}

impl Customer {
    fn subscription_index(&self, id: SubscriptionId) -> Result<usize, DomainError> {
        self.subscriptions
            .iter()
            .position(|s| s.id == id)
            .ok_or(DomainError::SubscriptionNotFound(id))
    }

    /// A subscription of this customer.
    pub fn subscription(&self, id: SubscriptionId) -> Result<&Subscription, DomainError> {
        self.subscription_index(id).map(|i| &*self.subscriptions[i])
    }

    /// `PATCH .../subscriptions/{id}`. A status that differs from the stored one is a status
    /// transition and nothing else; otherwise each property that differs is applied.
    pub fn update_subscription(
        &mut self,
        id: SubscriptionId,
        update: SubscriptionUpdate,
        precondition: Precondition,
        catalog: &Catalog,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        let index = self.subscription_index(id)?;
        let current = &self.subscriptions[index];
        precondition.check(current.version)?;
        if current.status == SubscriptionStatus::Deleted {
            return Err(DomainError::DeletedSubscriptionCannotBeUpdated(id));
        }
        match update.status.filter(|status| *status != current.status) {
            Some(target) => self.change_status(index, target, now),
            None => self.change_properties(index, update, catalog, now),
        }
    }

    fn change_status(
        &mut self,
        index: usize,
        target: SubscriptionStatus,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        use SubscriptionStatus::{Active, Deleted, Suspended};
        let subscription = &self.subscriptions[index];
        match (subscription.status, target) {
            (Active, Suspended) => {
                let id = subscription.id;
                for s in &mut self.subscriptions {
                    let is_base = s.id == id;
                    let is_active_add_on =
                        s.parent_subscription_id == Some(id) && s.status == Active;
                    if is_base || is_active_add_on {
                        let s = Arc::make_mut(s);
                        s.status = Suspended;
                        for azure in &mut s.azure_entitlements {
                            azure.status = AzureEntitlementStatus::Inactive;
                        }
                        s.version += 1;
                    }
                }
                Ok(())
            }
            (Suspended, Active) => {
                if let Some(parent) = subscription.parent_subscription_id {
                    let parent_active = self
                        .subscriptions
                        .iter()
                        .any(|s| s.id == parent && s.status == Active);
                    if !parent_active {
                        return Err(DomainError::ParentSubscriptionNotActive);
                    }
                }
                self.set_status(index, Active);
                Ok(())
            }
            (Active, Deleted)
                if subscription.is_new_commerce() || subscription.is_marketplace() =>
            {
                if subscription
                    .cancellation_allowed_until_date
                    .is_none_or(|until| now > until)
                {
                    return Err(DomainError::CancellationWindowPassed(
                        CANCELLATION_WINDOW_DAYS,
                    ));
                }
                self.set_status(index, Deleted);
                Ok(())
            }
            (Suspended, Deleted) => Err(DomainError::SuspendedSubscriptionCannotBeUpdated),
            _ => Err(DomainError::StatusCannotBeSet),
        }
    }

    fn set_status(&mut self, index: usize, status: SubscriptionStatus) {
        let subscription = Arc::make_mut(&mut self.subscriptions[index]);
        subscription.status = status;
        subscription.version += 1;
    }

    fn change_properties(
        &mut self,
        index: usize,
        update: SubscriptionUpdate,
        catalog: &Catalog,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        let subscription = &self.subscriptions[index];
        let quantity = update
            .quantity
            .filter(|q| *q != 0 && *q != subscription.quantity);
        let friendly_name = update
            .friendly_name
            .filter(|name| !name.trim().is_empty() && *name != subscription.friendly_name);
        let auto_renew = update
            .auto_renew_enabled
            .filter(|renew| *renew != subscription.auto_renew_enabled);
        let billing_cycle = update.billing_cycle.filter(|cycle| {
            *cycle != BillingCycle::Unknown && *cycle != subscription.billing_cycle
        });
        if quantity.is_none()
            && friendly_name.is_none()
            && auto_renew.is_none()
            && billing_cycle.is_none()
        {
            return Ok(());
        }
        match subscription.status {
            SubscriptionStatus::Active => {}
            SubscriptionStatus::Suspended => {
                return Err(DomainError::SuspendedSubscriptionCannotBeUpdated);
            }
            _ => return Err(DomainError::StatusCannotBeSet),
        }
        if billing_cycle.is_some() {
            return Err(DomainError::BillingCycleThroughSubscription);
        }
        if let Some(quantity) = quantity {
            if catalog
                .purchasable(&subscription.offer_id)
                .is_some_and(|item| !item.offer().allows_quantity(quantity))
            {
                return Err(DomainError::QuantityOutOfRange);
            }
            let window_closed = subscription
                .cancellation_allowed_until_date
                .is_none_or(|until| now > until);
            if subscription.is_new_commerce() && quantity < subscription.quantity && window_closed {
                return Err(DomainError::QuantityCannotBeDecreased);
            }
        }
        let subscription = Arc::make_mut(&mut self.subscriptions[index]);
        if let Some(quantity) = quantity {
            subscription.quantity = quantity;
        }
        if let Some(name) = friendly_name {
            subscription.friendly_name = name;
        }
        if let Some(renew) = auto_renew {
            subscription.auto_renew_enabled = renew;
        }
        subscription.version += 1;
        Ok(())
    }

    /// Whether time has passed a term end that [`Customer::settle_terms`] has not applied yet.
    pub fn terms_need_settling(&self, now: DateTime<Utc>) -> bool {
        self.subscriptions.iter().any(|s| term_is_over(s, now))
    }

    /// Applies what the clock did: at term end an active subscription with auto-renew on renews
    /// for another term (and gets a new cancellation window if it is new-commerce or
    /// marketplace); any other active or suspended subscription expires.
    pub fn settle_terms(&mut self, now: DateTime<Utc>) {
        for subscription in self
            .subscriptions
            .iter_mut()
            .filter(|s| term_is_over(s, now))
        {
            let subscription = Arc::make_mut(subscription);
            let renews = subscription.status == SubscriptionStatus::Active
                && subscription.auto_renew_enabled;
            if !renews {
                subscription.status = SubscriptionStatus::Expired;
                subscription.version += 1;
                continue;
            }
            while subscription.commitment_end_date < now {
                let renewed = subscription.commitment_end_date;
                let next = term_end(renewed, subscription.term_duration.as_deref());
                if next <= renewed {
                    // Dates cannot go further; the term simply ends.
                    subscription.status = SubscriptionStatus::Expired;
                    break;
                }
                subscription.commitment_end_date = next;
                if subscription.is_new_commerce() || subscription.is_marketplace() {
                    subscription.cancellation_allowed_until_date =
                        Some(renewed + Duration::days(CANCELLATION_WINDOW_DAYS));
                }
            }
            subscription.version += 1;
        }
    }
}

/// A term that has ended while the subscription is still active or suspended. Subscriptions
/// without a real end (`9999-...`, such as Azure) never end.
fn term_is_over(subscription: &Subscription, now: DateTime<Utc>) -> bool {
    use chrono::Datelike;
    matches!(
        subscription.status,
        SubscriptionStatus::Active | SubscriptionStatus::Suspended
    ) && subscription.commitment_end_date.year() < 9999
        && subscription.commitment_end_date < now
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_read_months_and_years() {
        assert_eq!(term_months("P1M"), Some(1));
        assert_eq!(term_months("P1Y"), Some(12));
        assert_eq!(term_months("P3Y"), Some(36));
        assert_eq!(term_months("1Year"), None);
        assert_eq!(term_months("P0Y"), None);
        assert_eq!(term_months("P"), None);
    }
}
