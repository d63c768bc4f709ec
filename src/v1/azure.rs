//! An Azure plan's Azure subscriptions (`/v1/customers/{id}/subscriptions/{id}/azureEntitlements`,
//! reference api-new-commerce §8.2) and registering an Azure subscription for Azure
//! reservations (`registrations`, `registrationstatus`, §6.4).

use super::auth::Caller;
use crate::domain::azure::AzureEntitlementCancellation;
use crate::domain::{CustomerId, SubscriptionId};
use crate::http::error::ApiError;
use crate::http::extract::{Ids, JsonBody};
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::views::azure::{AzureEntitlementView, RegistrationStatusView};
use crate::views::customer_uri;
use crate::wire::{Collection, Links};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// An Azure entitlement's id as the path gives it: any text, since an unknown one (GUID or not)
/// answers 404, code 800111.
type EntitlementId = String;

/// `GET /v1/customers/{id}/subscriptions/{subscriptionId}/azureEntitlements`: the Azure plan's
/// Azure subscriptions (none for any other subscription).
pub(super) async fn list(
    caller: Caller,
    Ids((id, subscription)): Ids<(CustomerId, SubscriptionId)>,
) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    let plan = customer.subscription(subscription)?;
    let items = plan
        .azure_entitlements
        .iter()
        .map(|e| AzureEntitlementView::new(id, subscription, e))
        .collect();
    let uri = format!(
        "{}/subscriptions/{subscription}/azureEntitlements",
        customer_uri(id)
    );
    Ok(ok(&Collection::new(items).with_links(Links::to_self(uri))))
}

/// `GET .../azureEntitlements/{entitlementId}`.
pub(super) async fn get(
    caller: Caller,
    Ids((id, subscription, entitlement)): Ids<(CustomerId, SubscriptionId, EntitlementId)>,
) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    let found = customer
        .subscription(subscription)?
        .azure_entitlement(&entitlement)?;
    Ok(ok(&AzureEntitlementView::new(id, subscription, found)))
}

/// `POST .../azureEntitlements/{entitlementId}/cancel` `{"cancellationReason": "compromise"}`:
/// 200 with the Azure subscription, `active` until the namespace's `provisioningDelay` has
/// passed on the mock's clock, `inactive` from then on.
pub(super) async fn cancel(
    caller: Caller,
    Ids((id, subscription, entitlement)): Ids<(CustomerId, SubscriptionId, EntitlementId)>,
    JsonBody(request): JsonBody<AzureEntitlementCancellation>,
) -> Result<Response, ApiError> {
    let reason = request.cancellation_reason.unwrap_or_default();
    let ((), customer) = caller
        .store
        .update_related_customer(id, |customer, context| {
            customer
                .cancel_azure_entitlement(
                    subscription,
                    &entitlement,
                    &reason,
                    context.now,
                    context.settings.provisioning_delay,
                )
                .map(|_| ())
        })?;
    let cancelled = customer
        .subscription(subscription)?
        .azure_entitlement(&entitlement)?;
    Ok(ok(&AzureEntitlementView::new(id, subscription, cancelled)))
}

/// `POST .../subscriptions/{subscriptionId}/registrations`: 202 with no body and the
/// registration status's address in `Location`.
pub(super) async fn register(
    caller: Caller,
    Ids((id, subscription)): Ids<(CustomerId, SubscriptionId)>,
) -> Result<Response, ApiError> {
    caller
        .store
        .update_related_customer(id, |customer, context| {
            customer.register_subscription(
                subscription,
                context.now,
                context.settings.provisioning_delay,
            )
        })?;
    let location = format!("/customers/{id}/subscriptions/{subscription}/registrationstatus");
    Ok((
        StatusCode::ACCEPTED,
        [
            (header::LOCATION, location),
            (header::CONTENT_LENGTH, "0".to_owned()),
        ],
    )
        .into_response())
}

/// `GET .../subscriptions/{subscriptionId}/registrationstatus`: `NotRegistered`, `Registering`
/// until the namespace's `provisioningDelay` has passed, then `Registered`.
pub(super) async fn registration_status(
    caller: Caller,
    Ids((id, subscription)): Ids<(CustomerId, SubscriptionId)>,
) -> Result<Response, ApiError> {
    let customer = caller.store.related_customer(id)?;
    let status = customer.registration_status(subscription, caller.store.clock().now())?;
    Ok(ok(&RegistrationStatusView::new(subscription, status)))
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/subscriptions/{subscription_id}/azureEntitlements",
                "listAzureEntitlements",
            )
            .summary("Lists an Azure plan's Azure subscriptions (Azure entitlements).")
            .ok::<Collection<AzureEntitlementView<'static>>>("The Azure subscriptions."),
            list,
        )
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/subscriptions/{subscription_id}/azureEntitlements/{entitlement_id}",
                "getAzureEntitlement",
            )
            .summary("Gets one of an Azure plan's Azure subscriptions.")
            .ok::<AzureEntitlementView<'static>>("The Azure subscription."),
            get,
        )
        .add(
            Operation::post(
                "/v1/customers/{customer_id}/subscriptions/{subscription_id}/azureEntitlements/{entitlement_id}/cancel",
                "cancelAzureEntitlement",
            )
            .summary("Cancels an Azure subscription of an Azure plan; it becomes inactive once the namespace's provisioningDelay has passed.")
            .body::<AzureEntitlementCancellation>()
            .ok::<AzureEntitlementView<'static>>("The Azure subscription, still active until the delay has passed."),
            cancel,
        )
        .add(
            Operation::post(
                "/v1/customers/{customer_id}/subscriptions/{subscription_id}/registrations",
                "registerSubscription",
            )
            .summary("Registers an Azure subscription for Azure reservations.")
            .empty(202, "Accepted; Location names the registration status."),
            register,
        )
        .add(
            Operation::get(
                "/v1/customers/{customer_id}/subscriptions/{subscription_id}/registrationstatus",
                "getSubscriptionRegistrationStatus",
            )
            .summary("Gets whether an Azure subscription is registered for Azure reservations.")
            .ok::<RegistrationStatusView>("The registration status."),
            registration_status,
        )
}
