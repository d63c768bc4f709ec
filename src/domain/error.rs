//! Domain errors: each is a fact about the request or the state. The `http::error` module maps
//! every one of them to a status and a Partner Center error code, and those that a business rule
//! raises name the rule (see [`super::rules`]).

use super::ids::{CartId, CustomerId, DirectoryRoleId, MigrationId, SubscriptionId, UserId};
use super::migration::EligibilityErrorCode;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A required property is missing or a value breaks a documented limit.
    #[error("{0}")]
    InvalidInput(String),
    #[error("Customer {0} not found.")]
    CustomerNotFound(CustomerId),
    /// The partner's reseller relationship with the customer was removed.
    #[error(
        "The partner id {partner} has no commerce relationship with the customer id {customer}."
    )]
    NoCommerceRelationship {
        partner: String,
        customer: CustomerId,
    },
    #[error("The relationship between the partner and customer does not exist")]
    RelationshipDoesNotExist,
    #[error("The domain {0} is already in use.")]
    DomainInUse(String),
    #[error("Etag is no longer valid")]
    StaleEtag,
    #[error("Subscription with id {0} not found.")]
    SubscriptionNotFound(SubscriptionId),
    #[error("Order Id not found")]
    OrderNotFound(String),
    #[error("Offer {0} not found.")]
    OfferNotFound(String),
    #[error("Invalid offer Id")]
    InvalidOfferId(String),
    #[error("Customer relationship cannot be removed due to active subscriptions. Please suspend the following subscriptions: {}", .0.join(", "))]
    ActiveSubscriptionsExist(Vec<String>),
    #[error("Customer relationship cannot be removed due to active Azure reserved instances.Please cancel the following orders: {}", .0.join(", "))]
    ActiveReservedInstancesExist(Vec<String>),
    #[error("Customer relationship cannot be removed due to active software purchases. Please cancel the following orders: {}", .0.join(", "))]
    SoftwarePurchasesExist(Vec<String>),
    #[error("Customer relationship cannot be removed due to active Azure savings plans. Please cancel the following subscriptions: {}", .0.join(", "))]
    ActiveSavingsPlansExist(Vec<String>),
    #[error("Customer relationship cannot be removed due to active marketplace subscriptions. Please cancel the following subscriptions: {}", .0.join(", "))]
    ActiveSaasSubscriptionsExist(Vec<String>),
    #[error("Customer relationship cannot be removed due to active Azure subscriptions. Please cancel the Azure subscriptions of the following Azure plans: {}", .0.join(", "))]
    AzurePlanEntitlementsActive(Vec<String>),
    #[error("Subscription with id {0} and deleted status cannot be updated.")]
    DeletedSubscriptionCannotBeUpdated(SubscriptionId),
    #[error("Cannot update a subscription with suspended status")]
    SuspendedSubscriptionCannotBeUpdated,
    #[error("Subscription quantity is not within minimum and maximum allowed quantity")]
    QuantityOutOfRange,
    #[error("Subscription quantity cannot be decreased.")]
    QuantityCannotBeDecreased,
    #[error(
        "Your subscription is in the process of being expired. No further updates are allowed on this subscription."
    )]
    SubscriptionExpiring,
    #[error("Subscription is not ready to be updated. Try again after sometime")]
    SubscriptionRenewing,
    #[error(
        "The custom term end date must fall within the first renewed term of the subscription."
    )]
    CustomTermEndDateOutsideTerm,
    #[error(
        "The custom term end date must match the end date of an active, non-trial new-commerce subscription or a calendar month end."
    )]
    CustomTermEndDateNotAligned,
    #[error(
        "You have passed your {0}-day cancellation window. We are unable to cancel your purchase"
    )]
    CancellationWindowPassed(i64),
    #[error("Cannot enable a child subscription, when the parent subscription is not Active")]
    ParentSubscriptionNotActive,
    #[error("Cannot update the status for this subscription")]
    StatusCannotBeSet,
    #[error(
        "The billing cycle for an existing subscription cannot be updated using update-subscription operation. Please use update-Order operation"
    )]
    BillingCycleThroughSubscription,
    #[error(
        "This order {order} cannot be cancelled. Use PATCH /customers/{customer}/subscriptions/<subscriptionId> to suspend subscriptions"
    )]
    OrderCannotBeCancelled { order: String, customer: CustomerId },
    #[error(
        "The billing cycle could not be changed because the order contains one or more subscriptions that are not active"
    )]
    BillingCycleNeedsActiveSubscriptions,
    #[error(
        "The billing cycle could not be changed because one of the order's Offer Ids does not support the billing term"
    )]
    BillingCycleNotSupported,
    #[error("The add-on is not related to the specified parent subscription")]
    AddOnNotRelated,
    #[error("Line Item number should be from 0 to number of line items count")]
    LineItemNumbers,
    #[error("Reservation {0} not found.")]
    ReservationNotFound(String),
    /// A catalog page read for a segment that does not exist.
    #[error("Access to the requested targetSegment is not allowed.")]
    TargetSegmentNotAllowed(String),
    /// A product listing of a view that does not exist.
    #[error("Access to the requested targetView is not allowed.")]
    TargetViewNotAllowed(String),
    #[error("Product was not found.")]
    ProductNotFound(String),
    #[error("Sku was not found.")]
    SkuNotFound(String),
    #[error("Availability not found.")]
    AvailabilityNotFound(String),
    #[error("Unable to retrieve cart ID {0}.")]
    CartNotFound(CartId),
    /// A cart whose 7 days are over: answered as an unknown one.
    #[error("Unable to retrieve cart ID {0}.")]
    CartExpired(CartId),
    #[error("Azure entitlement with ID {0} isn't found.")]
    AzureEntitlementNotFound(String),
    /// A cancellation reason other than those the Azure entitlement cancel accepts (the
    /// service's text, quote and all).
    #[error("Cancellation reason '{0} is invalid.")]
    InvalidCancellationReason(String),
    #[error(
        "Azure plan cannot be moved to suspended state since you have one or more Azure Subscriptions in the active state"
    )]
    AzurePlanHasActiveAzureSubscriptions,
    /// Registering for Azure reservations a subscription that is not an Azure one.
    #[error("This subscription is not a valid Azure subscription")]
    NotAnAzureSubscription(SubscriptionId),
    /// An indirect reseller asked to remove a reseller relationship: only its indirect provider
    /// (or a direct partner) can.
    #[error(
        "An indirect reseller cannot remove the reseller relationship with a customer. The indirect provider removes it."
    )]
    IndirectResellerCannotRemoveRelationship,
    #[error("Cannot check out an already submitted cart {0}.")]
    CartAlreadySubmitted(CartId),
    /// A checkout of a cart another checkout is processing right now.
    #[error("Cart {0} is being processed by another request")]
    CartBeingProcessed(CartId),
    /// A checkout of a cart with lines in error; `lines` are their ids.
    #[error("Error in Cart item(s): cart {cart} has errors on line items {}.", .lines.join(", "))]
    CartHasErrors { cart: CartId, lines: Vec<String> },
    /// A checkout whose lines name participants without the partner-of-record attestation.
    #[error("Partner Attestation is missing")]
    PartnerAttestationMissing(CartId),
    /// An unknown, deleted or purged user (by id or user principal name).
    #[error("User object ID isn't found")]
    UserNotFound(String),
    #[error("Another object with the same value for property userPrincipalName already exists.")]
    UserPrincipalNameInUse(String),
    #[error("Directory role {0} not found.")]
    DirectoryRoleNotFound(DirectoryRoleId),
    #[error("User {user} is not a member of the directory role {role}.")]
    NotARoleMember { role: DirectoryRoleId, user: UserId },
    #[error("A license update can assign and remove licenses of one license group only.")]
    LicenseGroupsMixed,
    #[error("{field}: the customer has no subscription of the product SKU {sku}.")]
    SkuNotSubscribed { field: String, sku: Uuid },
    #[error("License assignment cannot be done for user with invalid usage location.")]
    UsageLocationRequired,
    #[error("{field}: the user holds no license of the product SKU {sku}.")]
    LicenseNotAssigned { field: String, sku: Uuid },
    /// A transition, legacy upgrade or trial conversion to something that is not one of the
    /// subscription's upgrade or conversion targets.
    #[error(
        "Subscription {from} cannot be transitioned to {to}: it is not an available transition path."
    )]
    NotAnUpgradePath { from: SubscriptionId, to: String },
    #[error(
        "The target transition ToSubscriptionId field is invalid. Target subscription must be active."
    )]
    TransitionTargetNotActive(SubscriptionId),
    #[error(
        "The target transition ToSubscriptionId field is invalid. Target subscription id can't be the same as the source subscription ID."
    )]
    TransitionTargetIsSource(SubscriptionId),
    #[error(
        "The target transition ToSubscriptionId field is invalid. Target subscription CommitmentEndDate must be later than source subscription"
    )]
    TransitionTargetEndsEarlier(SubscriptionId),
    #[error(
        "The target transition ToSubscriptionId field is invalid. Target subscription must have the same CatalogItemId as in the transition request."
    )]
    TransitionTargetOtherItem(SubscriptionId),
    /// The target subscription is still being provisioned or is inside its cancellation window.
    #[error(
        "The target transition ToSubscriptionId field is invalid. The target subscription is not ready to be upgraded. Please try again after sometime."
    )]
    TransitionTargetNotReady(SubscriptionId),
    #[error(
        "Target transition can't have a term duration shorter than that of the source subscription."
    )]
    TransitionTermShorter,
    #[error("The term duration on the target transition is invalid.")]
    TransitionTermInvalid(String),
    #[error("The billing cycle is invalid.")]
    TransitionBillingCycleInvalid(String),
    #[error("The billing cycle cannot be longer than the term.")]
    TransitionBillingCycleLongerThanTerm,
    #[error("Term changes are not supported for trial offers.")]
    TrialTermChange,
    /// No unit of a SKU is left to assign; `data` holds the service's exception line.
    #[error(
        "We&#39;re sorry, it looks like you've run out of licenses. Buy more licenses, and then try again."
    )]
    LicenseQuotaExceeded(Vec<String>),
    /// A migration or validation naming a subscription the customer does not have.
    #[error("Subscription {0} was not found.")]
    MigrationSubscriptionNotFound(String),
    /// A migration refused for an eligibility reason of the subscription (or of an add-on of
    /// its bundle).
    #[error("{description}")]
    MigrationIneligible {
        subscription: SubscriptionId,
        code: EligibilityErrorCode,
        description: String,
    },
    #[error("Add-on subscription {0} is listed more than once in addOnMigrations.")]
    MigrationAddOnDuplicated(String),
    #[error("Add-on subscription {0} is not an active add-on of the subscription being migrated.")]
    MigrationAddOnNotActive(String),
    #[error("New commerce migration {0} was not found.")]
    MigrationNotFound(MigrationId),
}

impl DomainError {
    /// The ids a refusal lists in its `data`.
    pub fn data(&self) -> &[String] {
        match self {
            Self::ActiveSubscriptionsExist(ids)
            | Self::ActiveReservedInstancesExist(ids)
            | Self::SoftwarePurchasesExist(ids)
            | Self::ActiveSavingsPlansExist(ids)
            | Self::ActiveSaasSubscriptionsExist(ids)
            | Self::AzurePlanEntitlementsActive(ids)
            | Self::CartHasErrors { lines: ids, .. } => ids,
            Self::LicenseQuotaExceeded(ids) => ids,
            _ => &[],
        }
    }

    /// Out of units of `sku`: the refusal with the line Partner Center puts in `data`.
    pub fn license_quota_exceeded(customer: CustomerId, sku: Uuid) -> Self {
        Self::LicenseQuotaExceeded(vec![format!(
            "LicenseQuotaExceededException : Subscription with Account {customer} and SKU {sku} does not have any available licenses left."
        )])
    }
}
