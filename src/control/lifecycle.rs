//! `GET /_mock/customers/{id}/subscriptions/lifecycle`: what the model keeps of each
//! subscription's life that Partner Center does not answer in full — every seat batch with its
//! window, the scheduled next-term changes as stored, the statuses taken and when — and what the
//! clock does to it next.

use super::Items;
use super::Target;
use super::clock::ChangeView;
use crate::domain::subscription::{Lifecycle, StatusChange, SubscriptionStatus};
use crate::domain::{CustomerId, Subscription};
use crate::http::error::ApiError;
use crate::http::extract::Ids;
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use axum::response::Response;
use serde::Serialize;

/// One subscription's life over time.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct LifecycleView<'a> {
    subscription_id: String,
    status: SubscriptionStatus,
    #[serde(flatten)]
    lifecycle: &'a Lifecycle,
    /// A lapsed new-commerce subscription: the status it takes next, and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_lapse_step: Option<StatusChange>,
    /// What the clock does to it next by itself, and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_event: Option<ChangeView>,
}

impl<'a> LifecycleView<'a> {
    fn of(subscription: &'a Subscription) -> Self {
        Self {
            subscription_id: subscription.id.to_string(),
            status: subscription.status,
            lifecycle: &subscription.lifecycle,
            next_lapse_step: subscription
                .next_lapse_step()
                .map(|(status, at)| StatusChange { status, at }),
            next_event: subscription
                .next_clock_change()
                .map(|(change, at)| ChangeView::of(change, at)),
        }
    }
}

/// The lifecycle of each of the customer's subscriptions, in the order `/v1` lists them.
pub(super) async fn lifecycles(
    Target(namespace): Target,
    Ids(id): Ids<CustomerId>,
) -> Result<Response, ApiError> {
    let customer = namespace.store().customer(id)?;
    let items: Vec<_> = customer
        .subscriptions
        .iter()
        .map(|subscription| LifecycleView::of(subscription))
        .collect();
    Ok(ok(&Items { items: &items }))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new().add(
        Operation::get(
            "/_mock/customers/{customer_id}/subscriptions/lifecycle",
            "listSubscriptionLifecycles",
        )
        .summary("Each subscription's refundable seat batches, scheduled next-term changes as stored, status history, next lapse step and next clock event.")
        .ok::<Items<LifecycleView<'static>>>("One entry a subscription."),
        lifecycles,
    )
}
