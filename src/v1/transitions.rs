//! `/v1/customers/{id}/subscriptions/{subscriptionId}/transitionEligibilities` and
//! `.../transitions`: new-commerce upgrades and trial conversions (reference api-new-commerce
//! §5.1–§5.3).

use super::auth::Caller;
use crate::domain::fulfilment::Fulfilment;
use crate::domain::ids::parse_guid;
use crate::domain::transition::{EligibilityType, TransitionContext, TransitionRequest};
use crate::domain::{CustomerId, SubscriptionId};
use crate::http::error::ApiError;
use crate::http::extract::{Ids, JsonBody, Query};
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::views::customer_uri;
use crate::views::transition::{TransitionCollection, TransitionEligibilityView, TransitionView};
use crate::wire::{Collection, Links};
use axum::extract::State;
use axum::response::Response;

/// `GET .../transitionEligibilities?eligibilityType=immediate|scheduled` (immediate by default).
pub(super) async fn eligibilities(
    caller: Caller,
    Ids((id, subscription)): Ids<(CustomerId, SubscriptionId)>,
    Query(params): Query,
) -> Result<Response, ApiError> {
    let kind = match params.non_empty("eligibilityType").map(str::trim) {
        None => EligibilityType::Immediate,
        Some(raw) => EligibilityType::from_wire(raw).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "eligibilityType '{raw}' is not valid: immediate or scheduled."
            ))
        })?,
    };
    let customer = caller.store.related_customer(id)?;
    let catalog = caller.store.catalog();
    let now = caller.store.clock().now();
    let found = customer.transition_eligibilities(subscription, kind, catalog.products(), now)?;
    let items = found.iter().map(TransitionEligibilityView::new).collect();
    let uri = format!(
        "{}/subscriptions/{subscription}/transitionEligibilities?eligibilityType={kind}",
        customer_uri(id)
    );
    Ok(ok(&Collection::new(items).with_links(Links::to_self(uri))))
}

/// `POST .../transitions`: 200 with the transition and its `Started` event.
pub(super) async fn create<S: Shared>(
    State(state): State<S>,
    caller: Caller,
    Ids((id, subscription)): Ids<(CustomerId, SubscriptionId)>,
    JsonBody(request): JsonBody<TransitionRequest>,
) -> Result<Response, ApiError> {
    let (transition, _) = caller
        .store
        .update_related_customer(id, |customer, context| {
            let transition = TransitionContext {
                fulfilment: Fulfilment {
                    catalog: context.catalog,
                    now: context.now,
                    ids: state.ids(),
                },
                provisioning_delay: context.settings.provisioning_delay,
                renewal_duration: context.settings.renewal_duration,
            };
            customer.transition_subscription(subscription, request, &transition)
        })?;
    Ok(ok(&TransitionView::new(&transition)))
}

/// `GET .../transitions[?operationId=]` (the docs' `operation-id` too): the subscription's
/// transitions, as source or target, oldest first.
pub(super) async fn list(
    caller: Caller,
    Ids((id, subscription)): Ids<(CustomerId, SubscriptionId)>,
    Query(params): Query,
) -> Result<Response, ApiError> {
    let operation = params
        .non_empty("operationId")
        .or_else(|| params.non_empty("operation-id"))
        .map(|raw| {
            parse_guid(raw)
                .ok_or_else(|| ApiError::BadRequest(format!("operationId '{raw}' must be a GUID.")))
        })
        .transpose()?;
    let customer = caller.store.related_customer(id)?;
    let transitions = customer.transitions_of(subscription, operation)?;
    let uri = format!(
        "{}/subscriptions/{subscription}/transitions",
        customer_uri(id)
    );
    Ok(ok(&TransitionCollection::new(&transitions, uri)))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/subscriptions/{subscription_id}/transitionEligibilities",
                "getSubscriptionTransitionEligibilities",
            )
            .summary("Lists the catalog items a subscription can transition to, with the customer's subscriptions of each it could transition into.")
            .query("eligibilityType", "immediate (default) or scheduled.")
            .ok::<Collection<TransitionEligibilityView<'static>>>("The eligible transitions."),
            eligibilities,
        )
        .add(
            Operation::post(
                "/v1/customers/{customer_id}/subscriptions/{subscription_id}/transitions",
                "transitionSubscription",
            )
            .summary("Upgrades a subscription, all its seats or some, to a catalog item, or converts a new-commerce trial.")
            .body::<TransitionRequest>()
            .ok::<TransitionView<'static>>("The transition, its conversion started."),
            create::<S>,
        )
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/subscriptions/{subscription_id}/transitions",
                "listSubscriptionTransitions",
            )
            .summary("Lists a subscription's transitions with their events.")
            .query("operationId", "Only the transition of this operation.")
            .ok::<TransitionCollection<'static>>("The transitions."),
            list,
        )
}
