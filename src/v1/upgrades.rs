//! `/v1/customers/{id}/subscriptions/{subscriptionId}/upgrades` and `.../conversions`: legacy
//! upgrades and legacy trial conversions (reference api-subscriptions §3 rows S10, S11, S15).

use super::auth::Caller;
use crate::domain::conversion::ConversionRequest;
use crate::domain::fulfilment::Fulfilment;
use crate::domain::upgrade::UpgradeRequest;
use crate::domain::{CustomerId, SubscriptionId};
use crate::http::error::ApiError;
use crate::http::extract::{Ids, JsonBody};
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::views::customer_uri;
use crate::views::upgrade::{ConversionResultView, ConversionView, UpgradeResultView, UpgradeView};
use crate::wire::{Collection, Links};
use axum::extract::State;
use axum::response::Response;

/// `GET .../upgrades`: the offers the subscription can be upgraded to.
pub(super) async fn upgrades(
    caller: Caller,
    Ids((id, subscription)): Ids<(CustomerId, SubscriptionId)>,
) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    let catalog = caller.store.catalog();
    let found = customer.upgrades(subscription, &catalog)?;
    let country = customer.market_country();
    let items = found
        .iter()
        .map(|upgrade| UpgradeView::new(&catalog, upgrade, country))
        .collect();
    let uri = format!("{}/subscriptions/{subscription}/upgrades", customer_uri(id));
    Ok(ok(&Collection::new(items).with_links(Links::to_self(uri))))
}

/// `POST .../upgrades` with one `Upgrade` of the list: 200 with the `UpgradeResult`.
pub(super) async fn upgrade<S: Shared>(
    State(state): State<S>,
    caller: Caller,
    Ids((id, subscription)): Ids<(CustomerId, SubscriptionId)>,
    JsonBody(request): JsonBody<UpgradeRequest>,
) -> Result<Response, ApiError> {
    let (outcome, _) = caller
        .store
        .update_related_customer(id, |customer, context| {
            let fulfilment = Fulfilment {
                catalog: context.catalog,
                now: context.now,
                ids: state.ids(),
            };
            customer.upgrade_subscription(subscription, request, &fulfilment)
        })?;
    Ok(ok(&UpgradeResultView::new(&outcome)))
}

/// `GET .../conversions` (App+User only): the paid offers a legacy trial converts to.
pub(super) async fn conversions(
    caller: Caller,
    Ids((id, subscription)): Ids<(CustomerId, SubscriptionId)>,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let customer = caller.store.related_customer(id)?;
    let catalog = caller.store.catalog();
    let found = customer.conversions(subscription, &catalog)?;
    let items = found.iter().map(ConversionView::new).collect();
    let uri = format!(
        "{}/subscriptions/{subscription}/conversions",
        customer_uri(id)
    );
    Ok(ok(&Collection::new(items).with_links(Links::to_self(uri))))
}

/// `POST .../conversions` (App+User only) with one `Conversion` of the list: 200 with the
/// `ConversionResult`; the trial's id now names the paid subscription.
pub(super) async fn convert(
    caller: Caller,
    Ids((id, subscription)): Ids<(CustomerId, SubscriptionId)>,
    JsonBody(request): JsonBody<ConversionRequest>,
) -> Result<Response, ApiError> {
    caller.require_user()?;
    let (outcome, _) = caller
        .store
        .update_related_customer(id, |customer, context| {
            customer.convert_trial(subscription, request, context.catalog, context.now)
        })?;
    Ok(ok(&ConversionResultView::new(&outcome)))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    const UPGRADES: &str = "/v1/customers/{customer_id}/subscriptions/{subscription_id}/upgrades";
    const CONVERSIONS: &str =
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/conversions";
    Routes::new()
        .add(
            Operation::get(UPGRADES, "listSubscriptionUpgrades")
                .summary("Lists the legacy offers a legacy subscription can be upgraded to.")
                .ok::<Collection<UpgradeView<'static>>>("The upgrades."),
            upgrades,
        )
        .add(
            Operation::post(UPGRADES, "upgradeSubscription")
                .summary("Upgrades a legacy subscription to one of its upgrade offers; the path names the source subscription.")
                .body::<UpgradeRequest>()
                .ok::<UpgradeResultView>("The source and the new target subscription."),
            upgrade::<S>,
        )
        .add(
            Operation::get(CONVERSIONS, "listTrialConversions")
                .summary("Lists the paid offers a legacy trial converts to (App+User only).")
                .ok::<Collection<ConversionView<'static>>>("The conversions."),
            conversions,
        )
        .add(
            Operation::post(CONVERSIONS, "convertTrial")
                .summary("Converts a legacy trial to a paid subscription with the same id (App+User only).")
                .body::<ConversionRequest>()
                .ok::<ConversionResultView<'static>>("The converted subscription."),
            convert,
        )
}
