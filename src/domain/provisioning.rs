//! Provisioning: how long a catalog order takes to fulfil on the mock's clock (reference
//! api-new-commerce §6.1, §6.2, §11.3).
//!
//! A checkout or an order placed with a provisioning delay (the namespace's `provisioningDelay`
//! setting; zero completes at once) is `pending`, its lines `PrefulfillmentPending`, until the
//! clock passes its creation plus the delay; [`Customer::settle`] then marks it `completed` and
//! its lines `Fulfilled`. Everything the order buys exists from the start, so its new-commerce
//! lines name their subscriptions while it is pending, and those subscriptions report the
//! provisioning status `pending` until the order completes.

use super::customer::Customer;
use super::error::DomainError;
use super::ids::SubscriptionId;
use super::order::{Order, OrderStatus};
use chrono::{DateTime, Utc};
use std::sync::Arc;

crate::wire_enum! {
    /// An order line's provisioning `status`.
    pub enum LineProvisioningStatus {
        Fulfilled = 0 => "Fulfilled",
        Unfulfilled = 1 => "Unfulfilled",
        PrefulfillmentPending = 2 => "PrefulfillmentPending",
    }
}

crate::wire_enum! {
    /// A subscription's provisioning `status`.
    pub enum SubscriptionProvisioningStatus {
        Success = 0 => "success",
        Pending = 1 => "pending",
        Failed = 2 => "failed",
    }
}

impl Order {
    /// Its lines' provisioning status: unfulfilled once cancelled, pending while the order is,
    /// fulfilled otherwise.
    pub fn line_provisioning_status(&self) -> LineProvisioningStatus {
        match self.status {
            OrderStatus::Cancelled => LineProvisioningStatus::Unfulfilled,
            OrderStatus::Pending => LineProvisioningStatus::PrefulfillmentPending,
            OrderStatus::Completed | OrderStatus::Unknown => LineProvisioningStatus::Fulfilled,
        }
    }

    /// Whether the clock has passed the end of this pending order's provisioning.
    pub fn is_provisioned_by(&self, now: DateTime<Utc>) -> bool {
        self.status == OrderStatus::Pending && self.pending_until.is_some_and(|until| until <= now)
    }
}

impl Customer {
    /// `GET .../subscriptions/{id}/provisioningstatus`: `pending` while the order that created
    /// the subscription is, `success` otherwise.
    ///
    /// Errors: [`DomainError::SubscriptionNotFound`].
    pub fn subscription_provisioning_status(
        &self,
        id: SubscriptionId,
    ) -> Result<SubscriptionProvisioningStatus, DomainError> {
        let subscription = self.subscription(id)?;
        let pending = self
            .orders
            .iter()
            .any(|o| o.id == subscription.order_id && o.status == OrderStatus::Pending);
        Ok(if pending {
            SubscriptionProvisioningStatus::Pending
        } else {
            SubscriptionProvisioningStatus::Success
        })
    }

    /// Whether a pending order has finished provisioning at `now` without being marked so.
    pub fn has_provisioned_orders(&self, now: DateTime<Utc>) -> bool {
        self.orders.iter().any(|order| order.is_provisioned_by(now))
    }

    /// Marks `completed` every pending order whose provisioning has ended at `now`.
    pub fn complete_provisioned_orders(&mut self, now: DateTime<Utc>) {
        for order in self.orders.iter_mut().filter(|o| o.is_provisioned_by(now)) {
            let order = Arc::make_mut(order);
            order.status = OrderStatus::Completed;
            order.pending_until = None;
            order.version += 1;
        }
    }
}
