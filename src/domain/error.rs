//! Domain errors: each is a fact about the request or the state. The `http::error` module maps
//! every one of them to a status and a Partner Center error code, and those that a business rule
//! raises name the rule (see [`super::rules`]).

use super::ids::{CartId, CustomerId, DirectoryRoleId, MigrationId, SubscriptionId, UserId};
use super::migration::EligibilityErrorCode;
use uuid::Uuid;

/// Why the model refused a request: each variant is a fact about the request or the state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A required property is missing or a value breaks a documented limit.
    #[error("{0}")]
    InvalidInput(String),
    /// The customer does not exist (or not for this partner).
    #[error("Customer {0} not found.")]
    CustomerNotFound(CustomerId),
    /// The partner's reseller relationship with the customer was removed.
    #[error(
        "The partner id {partner} has no commerce relationship with the customer id {customer}."
    )]
    NoCommerceRelationship {
        /// The partner's id.
        partner: String,
        /// The customer's tenant id.
        customer: CustomerId,
    },
    /// The customer has no reseller relationship with the partner to remove.
    #[error("The relationship between the partner and customer does not exist")]
    RelationshipDoesNotExist,
    /// Another customer already has the domain.
    #[error("The domain {0} is already in use.")]
    DomainInUse(String),
    /// The etag sent is not the resource's current one.
    #[error("Etag is no longer valid")]
    StaleEtag,
    /// The customer has no subscription with the id.
    #[error("Subscription with id {0} not found.")]
    SubscriptionNotFound(SubscriptionId),
    /// The customer has no order with the id.
    #[error("Order Id not found")]
    OrderNotFound(String),
    /// The catalog has no offer with the id.
    #[error("Offer {0} not found.")]
    OfferNotFound(String),
    /// The offer id is not one the catalog can sell.
    #[error("Invalid offer Id")]
    InvalidOfferId(String),
    /// The relationship cannot be removed while these subscriptions are active.
    #[error("Customer relationship cannot be removed due to active subscriptions. Please suspend the following subscriptions: {}", .0.join(", "))]
    ActiveSubscriptionsExist(Vec<String>),
    /// The relationship cannot be removed while these Azure reservation orders are active.
    #[error("Customer relationship cannot be removed due to active Azure reserved instances.Please cancel the following orders: {}", .0.join(", "))]
    ActiveReservedInstancesExist(Vec<String>),
    /// The relationship cannot be removed while these software orders are active.
    #[error("Customer relationship cannot be removed due to active software purchases. Please cancel the following orders: {}", .0.join(", "))]
    SoftwarePurchasesExist(Vec<String>),
    /// The relationship cannot be removed while these Azure savings plans are active.
    #[error("Customer relationship cannot be removed due to active Azure savings plans. Please cancel the following subscriptions: {}", .0.join(", "))]
    ActiveSavingsPlansExist(Vec<String>),
    /// The relationship cannot be removed while these marketplace (SaaS) subscriptions are active.
    #[error("Customer relationship cannot be removed due to active marketplace subscriptions. Please cancel the following subscriptions: {}", .0.join(", "))]
    ActiveSaasSubscriptionsExist(Vec<String>),
    /// The relationship cannot be removed while these Azure plans hold active Azure subscriptions.
    #[error("Customer relationship cannot be removed due to active Azure subscriptions. Please cancel the Azure subscriptions of the following Azure plans: {}", .0.join(", "))]
    AzurePlanEntitlementsActive(Vec<String>),
    /// A deleted subscription cannot change.
    #[error("Subscription with id {0} and deleted status cannot be updated.")]
    DeletedSubscriptionCannotBeUpdated(SubscriptionId),
    /// A suspended subscription can only be reactivated.
    #[error("Cannot update a subscription with suspended status")]
    SuspendedSubscriptionCannotBeUpdated,
    /// The quantity is outside the SKU's minimum and maximum.
    #[error("Subscription quantity is not within minimum and maximum allowed quantity")]
    QuantityOutOfRange,
    /// The decrease goes beyond the seats still inside their cancellation window.
    #[error("Subscription quantity cannot be decreased.")]
    QuantityCannotBeDecreased,
    /// The subscription has expired (auto-renew was off at term end) and takes no change.
    #[error(
        "Your subscription is in the process of being expired. No further updates are allowed on this subscription."
    )]
    SubscriptionExpiring,
    /// The subscription's renewal is still completing.
    #[error("Subscription is not ready to be updated. Try again after sometime")]
    SubscriptionRenewing,
    /// The custom term end date is outside the first renewed term.
    #[error(
        "The custom term end date must fall within the first renewed term of the subscription."
    )]
    CustomTermEndDateOutsideTerm,
    /// The custom term end date is neither a month end nor another active subscription's end date.
    #[error(
        "The custom term end date must match the end date of an active, non-trial new-commerce subscription or a calendar month end."
    )]
    CustomTermEndDateNotAligned,
    /// The cancellation window, of this many days, is over.
    #[error(
        "You have passed your {0}-day cancellation window. We are unable to cancel your purchase"
    )]
    CancellationWindowPassed(i64),
    /// An add-on cannot be reactivated while its parent subscription is not active.
    #[error("Cannot enable a child subscription, when the parent subscription is not Active")]
    ParentSubscriptionNotActive,
    /// The subscription does not take this status change.
    #[error("Cannot update the status for this subscription")]
    StatusCannotBeSet,
    /// A subscription's billing cycle changes through its order, not through the subscription.
    #[error(
        "The billing cycle for an existing subscription cannot be updated using update-subscription operation. Please use update-Order operation"
    )]
    BillingCycleThroughSubscription,
    /// The order cannot be cancelled; its subscriptions are suspended instead.
    #[error(
        "This order {order} cannot be cancelled. Use PATCH /customers/{customer}/subscriptions/<subscriptionId> to suspend subscriptions"
    )]
    OrderCannotBeCancelled {
        /// The order's id.
        order: String,
        /// The customer's tenant id.
        customer: CustomerId,
    },
    /// The order's billing cycle cannot change while one of its subscriptions is not active.
    #[error(
        "The billing cycle could not be changed because the order contains one or more subscriptions that are not active"
    )]
    BillingCycleNeedsActiveSubscriptions,
    /// One of the order's offers does not take the billing cycle.
    #[error(
        "The billing cycle could not be changed because one of the order's Offer Ids does not support the billing term"
    )]
    BillingCycleNotSupported,
    /// The add-on's offer is not an add-on of the parent subscription's offer.
    #[error("The add-on is not related to the specified parent subscription")]
    AddOnNotRelated,
    /// The line item numbers are not 0 up to the number of lines.
    #[error("Line Item number should be from 0 to number of line items count")]
    LineItemNumbers,
    /// The customer has no reservation with the id.
    #[error("Reservation {0} not found.")]
    ReservationNotFound(String),
    /// A catalog page read for a segment that does not exist.
    #[error("Access to the requested targetSegment is not allowed.")]
    TargetSegmentNotAllowed(String),
    /// A product listing of a view that does not exist.
    #[error("Access to the requested targetView is not allowed.")]
    TargetViewNotAllowed(String),
    /// The catalog has no product with the id.
    #[error("Product was not found.")]
    ProductNotFound(String),
    /// The product has no SKU with the id.
    #[error("Sku was not found.")]
    SkuNotFound(String),
    /// The SKU has no availability with the id.
    #[error("Availability not found.")]
    AvailabilityNotFound(String),
    /// The customer has no cart with the id.
    #[error("Unable to retrieve cart ID {0}.")]
    CartNotFound(CartId),
    /// A cart whose 7 days are over: answered as an unknown one.
    #[error("Unable to retrieve cart ID {0}.")]
    CartExpired(CartId),
    /// The customer has no Azure entitlement with the id.
    #[error("Azure entitlement with ID {0} isn't found.")]
    AzureEntitlementNotFound(String),
    /// A cancellation reason other than those the Azure entitlement cancel accepts (the
    /// service's text, quote and all).
    #[error("Cancellation reason '{0} is invalid.")]
    InvalidCancellationReason(String),
    /// An Azure plan cannot be suspended while it holds an active Azure subscription.
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
    /// The cart has already been checked out.
    #[error("Cannot check out an already submitted cart {0}.")]
    CartAlreadySubmitted(CartId),
    /// A checkout of a cart another checkout is processing right now.
    #[error("Cart {0} is being processed by another request")]
    CartBeingProcessed(CartId),
    /// A checkout of a cart with lines in error; `lines` are their ids.
    #[error("Error in Cart item(s): cart {cart} has errors on line items {}.", .lines.join(", "))]
    CartHasErrors {
        /// The cart's id.
        cart: CartId,
        /// The ids of the lines in error.
        lines: Vec<String>,
    },
    /// A checkout whose lines name participants without the partner-of-record attestation.
    #[error("Partner Attestation is missing")]
    PartnerAttestationMissing(CartId),
    /// An unknown, deleted or purged user (by id or user principal name).
    #[error("User object ID isn't found")]
    UserNotFound(String),
    /// Another user already has the user principal name.
    #[error("Another object with the same value for property userPrincipalName already exists.")]
    UserPrincipalNameInUse(String),
    /// The directory has no role with the id.
    #[error("Directory role {0} not found.")]
    DirectoryRoleNotFound(DirectoryRoleId),
    /// The user is not a member of the role.
    #[error("User {user} is not a member of the directory role {role}.")]
    NotARoleMember {
        /// The role's id.
        role: DirectoryRoleId,
        /// The user's id.
        user: UserId,
    },
    /// A licence update mixes licence groups.
    #[error("A license update can assign and remove licenses of one license group only.")]
    LicenseGroupsMixed,
    /// A licence names a product SKU the customer has no subscription of.
    #[error("{field}: the customer has no subscription of the product SKU {sku}.")]
    SkuNotSubscribed {
        /// The request property that names the SKU.
        field: String,
        /// The product SKU's id.
        sku: Uuid,
    },
    /// Licences need the user's usage location.
    #[error("License assignment cannot be done for user with invalid usage location.")]
    UsageLocationRequired,
    /// A licence to remove is not assigned to the user.
    #[error("{field}: the user holds no license of the product SKU {sku}.")]
    LicenseNotAssigned {
        /// The request property that names the SKU.
        field: String,
        /// The product SKU's id.
        sku: Uuid,
    },
    /// A transition, legacy upgrade or trial conversion to something that is not one of the
    /// subscription's upgrade or conversion targets.
    #[error(
        "Subscription {from} cannot be transitioned to {to}: it is not an available transition path."
    )]
    NotAnUpgradePath {
        /// The source subscription.
        from: SubscriptionId,
        /// The target the request named.
        to: String,
    },
    /// The transition's target subscription is not active.
    #[error(
        "The target transition ToSubscriptionId field is invalid. Target subscription must be active."
    )]
    TransitionTargetNotActive(SubscriptionId),
    /// The transition's target subscription is its source.
    #[error(
        "The target transition ToSubscriptionId field is invalid. Target subscription id can't be the same as the source subscription ID."
    )]
    TransitionTargetIsSource(SubscriptionId),
    /// The transition's target subscription ends before its source.
    #[error(
        "The target transition ToSubscriptionId field is invalid. Target subscription CommitmentEndDate must be later than source subscription"
    )]
    TransitionTargetEndsEarlier(SubscriptionId),
    /// The transition's target subscription is of another catalog item than the one named.
    #[error(
        "The target transition ToSubscriptionId field is invalid. Target subscription must have the same CatalogItemId as in the transition request."
    )]
    TransitionTargetOtherItem(SubscriptionId),
    /// The target subscription is still being provisioned or is inside its cancellation window.
    #[error(
        "The target transition ToSubscriptionId field is invalid. The target subscription is not ready to be upgraded. Please try again after sometime."
    )]
    TransitionTargetNotReady(SubscriptionId),
    /// The transition's term is shorter than the source subscription's.
    #[error(
        "Target transition can't have a term duration shorter than that of the source subscription."
    )]
    TransitionTermShorter,
    /// The transition's term duration is not one the target offers.
    #[error("The term duration on the target transition is invalid.")]
    TransitionTermInvalid(String),
    /// The transition's billing cycle is not one the target offers.
    #[error("The billing cycle is invalid.")]
    TransitionBillingCycleInvalid(String),
    /// The transition's billing cycle is longer than its term.
    #[error("The billing cycle cannot be longer than the term.")]
    TransitionBillingCycleLongerThanTerm,
    /// A trial's term cannot change.
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
        /// The subscription (or add-on) that is not eligible.
        subscription: SubscriptionId,
        /// The eligibility error.
        code: EligibilityErrorCode,
        /// The eligibility error's description.
        description: String,
    },
    /// An add-on is listed twice in the migration.
    #[error("Add-on subscription {0} is listed more than once in addOnMigrations.")]
    MigrationAddOnDuplicated(String),
    /// An add-on of the migration is not an active add-on of the subscription.
    #[error("Add-on subscription {0} is not an active add-on of the subscription being migrated.")]
    MigrationAddOnNotActive(String),
    /// The customer has no migration with the id.
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
