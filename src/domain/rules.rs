//! The business rules the mock enforces, each written once: its id, the condition it refuses,
//! the status and Partner Center code of the refusal, and the source it follows. A refusal
//! carries its rule's id in `X-Mock-Rule`, `GET /_mock/rules` lists this table, and the error
//! table reads each refusal's status and code from here ([`DomainError::refusal`]).

use super::error::DomainError;
use super::migration::EligibilityErrorCode as Code;
use serde::Serialize;

/// One business rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Rule {
    /// The rule's id, as the `X-Mock-Rule` header of a refusal names it.
    pub id: &'static str,
    /// The condition the rule refuses, in words.
    pub condition: &'static str,
    /// The refusal, `<status> <code>`, as `/_mock/rules` writes it.
    pub error: &'static str,
    /// The Partner Center docs page (or recording) the rule follows.
    pub source: &'static str,
    /// The HTTP status of the refusal.
    #[serde(skip)]
    pub status: u16,
    /// The Partner Center code of the refusal.
    #[serde(skip)]
    pub code: u32,
}

/// Declares each rule as a constant, and [`RULES`], every rule in the order listed.
macro_rules! rules {
    ($($name:ident = $id:literal, $status:literal $code:literal, $condition:literal, $source:expr;)+) => {
        $(
            #[doc = $condition]
            pub const $name: Rule = Rule {
                id: $id,
                condition: $condition,
                error: concat!($status, " ", $code),
                source: $source,
                status: $status,
                code: $code,
            };
        )+

        /// Every rule, in the order `/_mock/rules` lists them.
        pub const RULES: &[Rule] = &[$($name),+];
    };
}

const REMOVE_RELATIONSHIP: &str = "https://learn.microsoft.com/partner-center/developer/remove-a-reseller-relationship-with-a-customer";
const SUBSCRIPTION_RESOURCES: &str =
    "https://learn.microsoft.com/partner-center/developer/subscription-resources";
const ERROR_CODES: &str = "https://learn.microsoft.com/partner-center/developer/error-codes";
const REMOVE_RELATIONSHIP_NEW_COMMERCE: &str =
    "https://learn.microsoft.com/partner-center/customers/remove-a-relationship";
const TRANSITION: &str =
    "https://learn.microsoft.com/partner-center/developer/transition-a-new-commerce-subscription";
const ASSIGN_LICENSES: &str =
    "https://learn.microsoft.com/partner-center/developer/assign-licenses-to-a-user";
const MIGRATE_TO_NEW_COMMERCE: &str =
    "https://learn.microsoft.com/partner-center/customers/migrate-subscriptions-to-new-commerce";

rules! {
    RELATIONSHIP_REMOVAL_ACTIVE_SUBSCRIPTIONS = "relationship-removal-active-subscriptions", 400 900400,
        "Removing the reseller relationship while a subscription (add-ons included) is active, or a new-commerce subscription is neither deleted, expired nor disabled.",
        REMOVE_RELATIONSHIP;
    RELATIONSHIP_REMOVAL_RESERVED_INSTANCES = "relationship-removal-reserved-instances", 400 900401,
        "Removing the reseller relationship, or deleting the customer in the integration sandbox, while an Azure reserved-instance entitlement's order is not cancelled.",
        REMOVE_RELATIONSHIP;
    RELATIONSHIP_REMOVAL_SOFTWARE_PURCHASES = "relationship-removal-software-purchases", 400 900402,
        "Removing the reseller relationship while a software purchase's order is not cancelled.",
        "https://learn.microsoft.com/partner-center/customers/remove-a-relationship";
    RELATIONSHIP_REMOVAL_SAVINGS_PLANS = "relationship-removal-savings-plans", 400 900403,
        "Removing the reseller relationship while an Azure savings plan is neither deleted, expired nor disabled.",
        REMOVE_RELATIONSHIP_NEW_COMMERCE;
    RELATIONSHIP_REMOVAL_SAAS_SUBSCRIPTIONS = "relationship-removal-saas-subscriptions", 400 900404,
        "Removing the reseller relationship while a marketplace (SaaS) subscription is neither deleted, expired nor disabled.",
        REMOVE_RELATIONSHIP_NEW_COMMERCE;
    RELATIONSHIP_REMOVAL_AZURE_PLAN_ENTITLEMENTS = "relationship-removal-azure-plan-entitlements", 400 900405,
        "Removing the reseller relationship, or deleting the customer in the integration sandbox, while an Azure plan has an active Azure subscription, whatever the plan's own status.",
        REMOVE_RELATIONSHIP_NEW_COMMERCE;
    RELATIONSHIP_REMOVAL_INDIRECT_RESELLER = "relationship-removal-indirect-reseller", 403 900406,
        "Removing the reseller relationship as an indirect reseller (a token whose tid is one of the partner's indirect resellers); the indirect provider removes it.",
        REMOVE_RELATIONSHIP_NEW_COMMERCE;
    RELATIONSHIP_EXISTS = "relationship-exists", 400 3000,
        "Removing a reseller relationship that was already removed.",
        "https://github.com/microsoft/Partner-Center-PowerShell/issues/51";
    RELATIONSHIP_REQUIRED = "relationship-required", 403 20002,
        "Any call on a customer whose reseller relationship was removed.",
        ERROR_CODES;
    SUBSCRIPTION_DELETED_IS_FINAL = "subscription-deleted-is-final", 400 2011,
        "Updating a deleted subscription.",
        ERROR_CODES;
    SUBSCRIPTION_SUSPENDED_ONLY_REACTIVATES = "subscription-suspended-only-reactivates", 400 800091,
        "Changing anything but the status of a suspended subscription.",
        ERROR_CODES;
    SUBSCRIPTION_PARTNER_SETTABLE_STATUS = "subscription-partner-settable-status", 400 800096,
        "Setting a status a partner cannot set (pending, expired, disabled, none), deleting a legacy subscription, changing the status of an expired legacy one, or changing a disabled new-commerce one.",
        ERROR_CODES;
    SUBSCRIPTION_QUANTITY_LIMITS = "subscription-quantity-limits", 400 2002,
        "A quantity outside the offer's minimum and maximum.",
        ERROR_CODES;
    SUBSCRIPTION_DECREASE_WINDOW = "subscription-decrease-window", 400 800090,
        "Decreasing a new-commerce subscription's quantity by more seats than its open batches hold (each batch of seats is reducible for 7 days from its purchase, increase or renewal).",
        "https://learn.microsoft.com/partner-center/developer/change-the-quantity-of-a-subscription";
    SUBSCRIPTION_EXPIRED_READ_ONLY = "subscription-expired-read-only", 400 900277,
        "Changing a new-commerce subscription that has expired (auto-renew was off at its term end).",
        ERROR_CODES;
    SUBSCRIPTION_RENEWING = "subscription-renewing", 409 800082,
        "Changing a subscription while its renewal completes (the renewalDuration setting after its new term starts).",
        ERROR_CODES;
    SUBSCRIPTION_CUSTOM_END_IN_NEXT_TERM = "subscription-custom-end-in-next-term", 400 900245,
        "Scheduling a custom term end date outside the first renewed term.",
        ERROR_CODES;
    SUBSCRIPTION_CUSTOM_END_ALIGNED = "subscription-custom-end-aligned", 400 900246,
        "Scheduling a custom term end date that is neither a calendar month end nor the end date of an active, non-trial new-commerce subscription.",
        ERROR_CODES;
    SUBSCRIPTION_CANCELLATION_WINDOW = "subscription-cancellation-window", 400 900117,
        "Cancelling (deleting) a new-commerce subscription after its 7-day cancellation window.",
        "https://learn.microsoft.com/partner-center/developer/cancel-an-azure-marketplace-subscription";
    SUBSCRIPTION_ADD_ON_NEEDS_ACTIVE_PARENT = "subscription-add-on-needs-active-parent", 409 27009,
        "Reactivating an add-on whose base subscription is not active.",
        ERROR_CODES;
    SUBSCRIPTION_AZURE_PLAN_SUSPENSION = "subscription-azure-plan-suspension", 403 900115,
        "Suspending an Azure plan while one of its Azure subscriptions is active (a cancelled one included until it becomes inactive).",
        "https://learn.microsoft.com/partner-center/developer/create-azure-plan";
    SUBSCRIPTION_REGISTRATION_AZURE_ONLY = "subscription-registration-azure-only", 400 800011,
        "Registering for Azure reservations a subscription that is not an Azure one (an Azure plan or a legacy Azure subscription).",
        "https://learn.microsoft.com/partner-center/developer/register-a-subscription";
    SUBSCRIPTION_BILLING_CYCLE_THROUGH_ORDER = "subscription-billing-cycle-through-order", 400 2054,
        "Changing the billing cycle through the subscription instead of its order.",
        SUBSCRIPTION_RESOURCES;
    ETAG_CURRENT = "etag-current", 400 2055,
        "An etag (body attributes.etag or If-Match) that is not the resource's current one.",
        ERROR_CODES;
    ORDER_CANCEL_CATALOG_ONLY = "order-cancel-catalog-only", 400 800063,
        "Cancelling an order that holds license subscriptions; only reserved-instance and software orders cancel (integration sandbox).",
        "https://learn.microsoft.com/partner-center/developer/cancel-an-order-from-the-integration-sandbox";
    ORDER_BILLING_CYCLE_ACTIVE_SUBSCRIPTIONS = "order-billing-cycle-active-subscriptions", 400 6000,
        "Changing an order's billing cycle while one of its subscriptions is not active.",
        "https://learn.microsoft.com/partner-center/developer/change-the-billing-cycle";
    ORDER_BILLING_CYCLE_SUPPORTED = "order-billing-cycle-supported", 400 6001,
        "Changing an order's billing cycle to one an offer of the order does not support.",
        "https://learn.microsoft.com/partner-center/developer/change-the-billing-cycle";
    CART_LIFETIME = "cart-lifetime", 404 800008,
        "Reading, replacing or checking out a cart more than 7 days after its creation.",
        "https://learn.microsoft.com/partner-center/developer/create-a-cart";
    CART_CHECKOUT_ONCE = "cart-checkout-once", 400 800065,
        "Checking out a cart that was already checked out.",
        ERROR_CODES;
    CART_CHECKOUT_ONE_AT_A_TIME = "cart-checkout-one-at-a-time", 409 800064,
        "Checking out a cart while another request is checking it out.",
        ERROR_CODES;
    CART_CHECKOUT_WITHOUT_LINE_ERRORS = "cart-checkout-without-line-errors", 400 800009,
        "Checking out a cart while a line item has an error (checked again at checkout).",
        ERROR_CODES;
    CART_PARTNER_ATTESTATION = "cart-partner-attestation", 400 900206,
        "Checking out a cart whose line items name participants without partnerOnRecordAttestationAccepted.",
        "https://learn.microsoft.com/partner-center/developer/create-a-cart";
    ORDER_ADD_ON_RELATED = "order-add-on-related", 400 800029,
        "Buying an add-on that the parent subscription's offer does not offer.",
        "https://learn.microsoft.com/partner-center/developer/purchase-an-add-on-to-a-subscription";
    USER_PRINCIPAL_NAME_UNIQUE = "user-principal-name-unique", 400 900407,
        "Creating a user, or renaming one, with a user principal name that an active or deleted user of the customer has.",
        "https://learn.microsoft.com/partner-center/developer/create-user-accounts-for-a-customer";
    LICENSE_UPDATE_ONE_GROUP = "license-update-one-group", 400 900408,
        "A licence update that names SKUs of two licence groups.",
        ASSIGN_LICENSES;
    LICENSE_SKU_SUBSCRIBED = "license-sku-subscribed", 400 900409,
        "Assigning a licence of a product SKU the customer holds no subscription of.",
        ASSIGN_LICENSES;
    LICENSE_NEEDS_USAGE_LOCATION = "license-needs-usage-location", 400 900410,
        "Assigning a licence to a user without a usage location.",
        "https://github.com/microsoft/Partner-Center-DotNet-Samples/issues/131";
    LICENSE_REMOVAL_ASSIGNED = "license-removal-assigned", 400 900411,
        "Removing a licence the user does not hold.",
        ASSIGN_LICENSES;
    LICENSE_UNITS_AVAILABLE = "license-units-available", 400 60012,
        "Assigning a licence of a product SKU with no unit available (availableUnits is 0 or less).",
        ASSIGN_LICENSES;
    TRANSITION_UPGRADE_PATH = "transition-upgrade-path", 400 900412,
        "Transitioning a subscription to a catalog item its SKU's upgradeTargetOffers do not name, upgrading a legacy subscription to an offer its offer's upgradeTargetOffers do not name, or converting a trial to an offer that is not one of its conversion offers.",
        TRANSITION;
    TRANSITION_TARGET_NOT_SOURCE = "transition-target-not-source", 400 900259,
        "A transition into an existing subscription (toSubscriptionId) that is the source itself.",
        ERROR_CODES;
    TRANSITION_TARGET_ACTIVE = "transition-target-active", 400 900258,
        "A transition into an existing subscription that is not active.",
        ERROR_CODES;
    TRANSITION_TARGET_SAME_ITEM = "transition-target-same-item", 400 900260,
        "A transition into an existing subscription of another catalog item than toCatalogItemId.",
        ERROR_CODES;
    TRANSITION_TARGET_READY = "transition-target-ready", 400 900261,
        "A transition into an existing subscription that is still being provisioned or is inside its cancellation window.",
        ERROR_CODES;
    TRANSITION_TERM_NOT_SHORTER = "transition-term-not-shorter", 400 900267,
        "A transition to a term, or into a subscription with a term, shorter than the source subscription's.",
        ERROR_CODES;
    TRANSITION_TARGET_ENDS_LATER = "transition-target-ends-later", 400 900236,
        "A transition into an existing subscription whose term ends before the source subscription's.",
        ERROR_CODES;
    TRANSITION_TERM_OFFERED = "transition-term-offered", 400 900268,
        "A transition to a term duration that is not an ISO-8601 term the target catalog item offers.",
        ERROR_CODES;
    TRANSITION_BILLING_CYCLE_WITHIN_TERM = "transition-billing-cycle-within-term", 400 900270,
        "A transition billed less often than its term ends (annual on P1M, triennial on P1M or P1Y).",
        ERROR_CODES;
    TRANSITION_BILLING_CYCLE_OFFERED = "transition-billing-cycle-offered", 400 900269,
        "A transition with a billing cycle that is unknown or that the target catalog item does not offer for the term.",
        ERROR_CODES;
    TRANSITION_TRIAL_TERM = "transition-trial-term", 400 800107,
        "Converting a new-commerce trial with a term other than its conversion term (P1Y where the target offers it, else the target's first).",
        ERROR_CODES;
    MIGRATION_SUBSCRIPTION_ACTIVE = "migration-subscription-active", 400 900215,
        "Migrating a legacy subscription (or an add-on of its bundle) that is not active.",
        MIGRATE_TO_NEW_COMMERCE;
    MIGRATION_ONE_AT_A_TIME = "migration-one-at-a-time", 400 900216,
        "Migrating a subscription a migration is still processing.",
        MIGRATE_TO_NEW_COMMERCE;
    MIGRATION_NOT_IN_LAST_DAY = "migration-not-in-last-day", 400 900217,
        "Migrating a subscription in the last 24 hours of its term without purchaseFullTerm.",
        MIGRATE_TO_NEW_COMMERCE;
    MIGRATION_NEW_COMMERCE_SUCCESSOR = "migration-new-commerce-successor", 400 900220,
        "Migrating a subscription whose offer names no new-commerce catalog item (or a new-commerce subscription, or an add-on alone whose base has not migrated).",
        MIGRATE_TO_NEW_COMMERCE;
    MIGRATION_TERM_AND_BILLING_SOLD = "migration-term-and-billing-sold", 400 900222,
        "Migrating with a term and billing cycle (asked for or carried over) the catalog item does not sell together.",
        MIGRATE_TO_NEW_COMMERCE;
    MIGRATION_ADD_ONS_LISTED_ONCE = "migration-add-ons-listed-once", 400 900248,
        "Listing an add-on twice in addOnMigrations, or the base subscription as an add-on.",
        ERROR_CODES;
    MIGRATION_ADD_ONS_ACTIVE = "migration-add-ons-active", 400 900262,
        "Listing in addOnMigrations a subscription that is not an active add-on of the base.",
        ERROR_CODES;
}

/// How a domain error answers: a business rule's refusal, or an error no rule raises, with its
/// status and Partner Center code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A business rule's refusal.
    Rule(&'static Rule),
    /// An error no rule raises.
    Error {
        /// The HTTP status.
        status: u16,
        /// The Partner Center code.
        code: u32,
    },
}

const fn error(status: u16, code: u32) -> Refusal {
    Refusal::Error { status, code }
}

impl DomainError {
    /// The rule that refused, or the status and code of an error no rule raises. One exhaustive
    /// match, so a new error forces a decision here.
    pub const fn refusal(&self) -> Refusal {
        match self {
            Self::ActiveSubscriptionsExist(_) => {
                Refusal::Rule(&RELATIONSHIP_REMOVAL_ACTIVE_SUBSCRIPTIONS)
            }
            Self::ActiveReservedInstancesExist(_) => {
                Refusal::Rule(&RELATIONSHIP_REMOVAL_RESERVED_INSTANCES)
            }
            Self::SoftwarePurchasesExist(_) => {
                Refusal::Rule(&RELATIONSHIP_REMOVAL_SOFTWARE_PURCHASES)
            }
            Self::ActiveSavingsPlansExist(_) => Refusal::Rule(&RELATIONSHIP_REMOVAL_SAVINGS_PLANS),
            Self::ActiveSaasSubscriptionsExist(_) => {
                Refusal::Rule(&RELATIONSHIP_REMOVAL_SAAS_SUBSCRIPTIONS)
            }
            Self::AzurePlanEntitlementsActive(_) => {
                Refusal::Rule(&RELATIONSHIP_REMOVAL_AZURE_PLAN_ENTITLEMENTS)
            }
            Self::IndirectResellerCannotRemoveRelationship => {
                Refusal::Rule(&RELATIONSHIP_REMOVAL_INDIRECT_RESELLER)
            }
            Self::RelationshipDoesNotExist => Refusal::Rule(&RELATIONSHIP_EXISTS),
            Self::NoCommerceRelationship { .. } => Refusal::Rule(&RELATIONSHIP_REQUIRED),
            Self::DeletedSubscriptionCannotBeUpdated(_) => {
                Refusal::Rule(&SUBSCRIPTION_DELETED_IS_FINAL)
            }
            Self::SuspendedSubscriptionCannotBeUpdated => {
                Refusal::Rule(&SUBSCRIPTION_SUSPENDED_ONLY_REACTIVATES)
            }
            Self::StatusCannotBeSet => Refusal::Rule(&SUBSCRIPTION_PARTNER_SETTABLE_STATUS),
            Self::QuantityOutOfRange => Refusal::Rule(&SUBSCRIPTION_QUANTITY_LIMITS),
            Self::QuantityCannotBeDecreased => Refusal::Rule(&SUBSCRIPTION_DECREASE_WINDOW),
            Self::CancellationWindowPassed(_) => Refusal::Rule(&SUBSCRIPTION_CANCELLATION_WINDOW),
            Self::SubscriptionExpiring => Refusal::Rule(&SUBSCRIPTION_EXPIRED_READ_ONLY),
            Self::SubscriptionRenewing => Refusal::Rule(&SUBSCRIPTION_RENEWING),
            Self::CustomTermEndDateOutsideTerm => {
                Refusal::Rule(&SUBSCRIPTION_CUSTOM_END_IN_NEXT_TERM)
            }
            Self::CustomTermEndDateNotAligned => Refusal::Rule(&SUBSCRIPTION_CUSTOM_END_ALIGNED),
            Self::ParentSubscriptionNotActive => {
                Refusal::Rule(&SUBSCRIPTION_ADD_ON_NEEDS_ACTIVE_PARENT)
            }
            Self::AzurePlanHasActiveAzureSubscriptions => {
                Refusal::Rule(&SUBSCRIPTION_AZURE_PLAN_SUSPENSION)
            }
            Self::NotAnAzureSubscription(_) => Refusal::Rule(&SUBSCRIPTION_REGISTRATION_AZURE_ONLY),
            Self::BillingCycleThroughSubscription => {
                Refusal::Rule(&SUBSCRIPTION_BILLING_CYCLE_THROUGH_ORDER)
            }
            Self::StaleEtag => Refusal::Rule(&ETAG_CURRENT),
            Self::OrderCannotBeCancelled { .. } => Refusal::Rule(&ORDER_CANCEL_CATALOG_ONLY),
            Self::BillingCycleNeedsActiveSubscriptions => {
                Refusal::Rule(&ORDER_BILLING_CYCLE_ACTIVE_SUBSCRIPTIONS)
            }
            Self::BillingCycleNotSupported => Refusal::Rule(&ORDER_BILLING_CYCLE_SUPPORTED),
            Self::AddOnNotRelated => Refusal::Rule(&ORDER_ADD_ON_RELATED),
            Self::CartExpired(_) => Refusal::Rule(&CART_LIFETIME),
            Self::CartAlreadySubmitted(_) => Refusal::Rule(&CART_CHECKOUT_ONCE),
            Self::CartBeingProcessed(_) => Refusal::Rule(&CART_CHECKOUT_ONE_AT_A_TIME),
            Self::CartHasErrors { .. } => Refusal::Rule(&CART_CHECKOUT_WITHOUT_LINE_ERRORS),
            Self::PartnerAttestationMissing(_) => Refusal::Rule(&CART_PARTNER_ATTESTATION),
            Self::UserPrincipalNameInUse(_) => Refusal::Rule(&USER_PRINCIPAL_NAME_UNIQUE),
            Self::LicenseGroupsMixed => Refusal::Rule(&LICENSE_UPDATE_ONE_GROUP),
            Self::SkuNotSubscribed { .. } => Refusal::Rule(&LICENSE_SKU_SUBSCRIBED),
            Self::UsageLocationRequired => Refusal::Rule(&LICENSE_NEEDS_USAGE_LOCATION),
            Self::LicenseNotAssigned { .. } => Refusal::Rule(&LICENSE_REMOVAL_ASSIGNED),
            Self::LicenseQuotaExceeded(_) => Refusal::Rule(&LICENSE_UNITS_AVAILABLE),
            Self::NotAnUpgradePath { .. } => Refusal::Rule(&TRANSITION_UPGRADE_PATH),
            Self::TransitionTargetIsSource(_) => Refusal::Rule(&TRANSITION_TARGET_NOT_SOURCE),
            Self::TransitionTargetNotActive(_) => Refusal::Rule(&TRANSITION_TARGET_ACTIVE),
            Self::TransitionTargetOtherItem(_) => Refusal::Rule(&TRANSITION_TARGET_SAME_ITEM),
            Self::TransitionTargetNotReady(_) => Refusal::Rule(&TRANSITION_TARGET_READY),
            Self::TransitionTermShorter => Refusal::Rule(&TRANSITION_TERM_NOT_SHORTER),
            Self::TransitionTargetEndsEarlier(_) => Refusal::Rule(&TRANSITION_TARGET_ENDS_LATER),
            Self::TransitionTermInvalid(_) => Refusal::Rule(&TRANSITION_TERM_OFFERED),
            Self::TransitionBillingCycleLongerThanTerm => {
                Refusal::Rule(&TRANSITION_BILLING_CYCLE_WITHIN_TERM)
            }
            Self::TransitionBillingCycleInvalid(_) => {
                Refusal::Rule(&TRANSITION_BILLING_CYCLE_OFFERED)
            }
            Self::TrialTermChange => Refusal::Rule(&TRANSITION_TRIAL_TERM),
            Self::MigrationIneligible { code, .. } => match code {
                Code::SubscriptionStatusNotActive => Refusal::Rule(&MIGRATION_SUBSCRIPTION_ACTIVE),
                Code::SubscriptionBeingProcessingInOms => Refusal::Rule(&MIGRATION_ONE_AT_A_TIME),
                Code::SubscriptionTooCloseToTermEnd => Refusal::Rule(&MIGRATION_NOT_IN_LAST_DAY),
                Code::NewCommerceProductUnavailable | Code::SubscriptionAddOnsPresent => {
                    Refusal::Rule(&MIGRATION_NEW_COMMERCE_SUCCESSOR)
                }
                Code::TermDurationBillingCycleCombinationNotSupported => {
                    Refusal::Rule(&MIGRATION_TERM_AND_BILLING_SOLD)
                }
                // Never raised: the mock's legacy subscriptions carry no promotions, it follows
                // the integration sandbox (no one-month rule), and it knows no trade status.
                Code::SubscriptionPromotionsPresent => error(400, 900218),
                Code::SubscriptionActiveForLessThanOneMonth => error(403, 900226),
                Code::TradeStatusNotAllowed => error(400, 900221),
            },
            Self::MigrationAddOnDuplicated(_) => Refusal::Rule(&MIGRATION_ADD_ONS_LISTED_ONCE),
            Self::MigrationAddOnNotActive(_) => Refusal::Rule(&MIGRATION_ADD_ONS_ACTIVE),
            Self::MigrationSubscriptionNotFound(_) => error(400, 900224),
            Self::MigrationNotFound(_) => error(404, 1000),
            Self::InvalidInput(_) => error(400, 2000),
            Self::LineItemNumbers => error(400, 800071),
            Self::CustomerNotFound(_) => error(404, 1000),
            Self::OfferNotFound(_) => error(404, 1000),
            Self::ReservationNotFound(_) => error(404, 1000),
            Self::DomainInUse(_) => error(409, 2000),
            Self::SubscriptionNotFound(_) => error(404, 20003),
            Self::OrderNotFound(_) => error(404, 20000),
            Self::InvalidOfferId(_) => error(400, 800004),
            Self::TargetSegmentNotAllowed(_) => error(403, 400030),
            Self::TargetViewNotAllowed(_) => error(403, 400036),
            Self::ProductNotFound(_) => error(404, 400013),
            Self::SkuNotFound(_) => error(404, 400018),
            Self::AvailabilityNotFound(_) => error(404, 400019),
            Self::CartNotFound(_) => error(404, 800008),
            Self::AzureEntitlementNotFound(_) => error(404, 800111),
            Self::InvalidCancellationReason(_) => error(400, 900307),
            Self::UserNotFound(_) => error(404, 60002),
            Self::DirectoryRoleNotFound(_) => error(404, 1000),
            Self::NotARoleMember { .. } => error(404, 1000),
        }
    }

    /// The id of the business rule that raised this error, if a rule did.
    pub const fn rule(&self) -> Option<&'static str> {
        match self.refusal() {
            Refusal::Rule(rule) => Some(rule.id),
            Refusal::Error { .. } => None,
        }
    }

    /// The HTTP status and Partner Center code this error answers with.
    pub const fn status_and_code(&self) -> (u16, u32) {
        match self.refusal() {
            Refusal::Rule(rule) => (rule.status, rule.code),
            Refusal::Error { status, code } => (status, code),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::SubscriptionId;

    #[test]
    fn every_rule_an_error_names_is_listed_once() {
        let cart = crate::domain::ids::CartId(uuid::Uuid::nil());
        let errors = [
            DomainError::ActiveSubscriptionsExist(vec![]),
            DomainError::ActiveReservedInstancesExist(vec![]),
            DomainError::SoftwarePurchasesExist(vec![]),
            DomainError::ActiveSavingsPlansExist(vec![]),
            DomainError::ActiveSaasSubscriptionsExist(vec![]),
            DomainError::AzurePlanEntitlementsActive(vec![]),
            DomainError::IndirectResellerCannotRemoveRelationship,
            DomainError::RelationshipDoesNotExist,
            DomainError::AzurePlanHasActiveAzureSubscriptions,
            DomainError::NotAnAzureSubscription(SubscriptionId(uuid::Uuid::nil())),
            DomainError::DeletedSubscriptionCannotBeUpdated(SubscriptionId(uuid::Uuid::nil())),
            DomainError::SuspendedSubscriptionCannotBeUpdated,
            DomainError::StatusCannotBeSet,
            DomainError::QuantityOutOfRange,
            DomainError::QuantityCannotBeDecreased,
            DomainError::CancellationWindowPassed(7),
            DomainError::ParentSubscriptionNotActive,
            DomainError::BillingCycleThroughSubscription,
            DomainError::StaleEtag,
            DomainError::BillingCycleNeedsActiveSubscriptions,
            DomainError::BillingCycleNotSupported,
            DomainError::AddOnNotRelated,
            DomainError::CartExpired(cart),
            DomainError::CartAlreadySubmitted(cart),
            DomainError::CartBeingProcessed(cart),
            DomainError::CartHasErrors {
                cart,
                lines: vec![],
            },
            DomainError::PartnerAttestationMissing(cart),
            DomainError::CartExpired(crate::domain::ids::CartId(uuid::Uuid::nil())),
            DomainError::UserPrincipalNameInUse(String::new()),
            DomainError::LicenseGroupsMixed,
            DomainError::SkuNotSubscribed {
                field: String::new(),
                sku: uuid::Uuid::nil(),
            },
            DomainError::UsageLocationRequired,
            DomainError::LicenseNotAssigned {
                field: String::new(),
                sku: uuid::Uuid::nil(),
            },
            DomainError::LicenseQuotaExceeded(vec![]),
            DomainError::NotAnUpgradePath {
                from: SubscriptionId(uuid::Uuid::nil()),
                to: String::new(),
            },
            DomainError::TransitionTargetIsSource(SubscriptionId(uuid::Uuid::nil())),
            DomainError::TransitionTargetNotActive(SubscriptionId(uuid::Uuid::nil())),
            DomainError::TransitionTargetOtherItem(SubscriptionId(uuid::Uuid::nil())),
            DomainError::TransitionTargetNotReady(SubscriptionId(uuid::Uuid::nil())),
            DomainError::TransitionTermShorter,
            DomainError::TransitionTargetEndsEarlier(SubscriptionId(uuid::Uuid::nil())),
            DomainError::TransitionTermInvalid(String::new()),
            DomainError::TransitionBillingCycleLongerThanTerm,
            DomainError::TransitionBillingCycleInvalid(String::new()),
            DomainError::TrialTermChange,
            DomainError::MigrationAddOnDuplicated(String::new()),
            DomainError::MigrationAddOnNotActive(String::new()),
        ];
        let migrations = [
            Code::SubscriptionStatusNotActive,
            Code::SubscriptionBeingProcessingInOms,
            Code::SubscriptionTooCloseToTermEnd,
            Code::NewCommerceProductUnavailable,
            Code::TermDurationBillingCycleCombinationNotSupported,
        ]
        .map(|code| DomainError::MigrationIneligible {
            subscription: SubscriptionId(uuid::Uuid::nil()),
            code,
            description: String::new(),
        });
        for error in errors.into_iter().chain(migrations) {
            let Refusal::Rule(rule) = error.refusal() else {
                panic!("{error:?} is raised by a rule")
            };
            assert!(RULES.contains(rule), "{} is listed", rule.id);
            assert_eq!(error.status_and_code(), (rule.status, rule.code));
            assert_eq!(error.rule(), Some(rule.id));
        }
        let mut ids: Vec<_> = RULES.iter().map(|rule| rule.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }

    #[test]
    fn every_refusal_is_a_client_error_written_as_the_rules_list_writes_it() {
        for rule in RULES {
            assert!((400..500).contains(&rule.status), "{}", rule.id);
            assert_eq!(rule.error, format!("{} {}", rule.status, rule.code));
        }
        let plain = [
            DomainError::InvalidInput(String::new()),
            DomainError::CustomerNotFound(crate::domain::CustomerId(uuid::Uuid::nil())),
            DomainError::LineItemNumbers,
        ];
        for error in plain {
            assert_eq!(error.rule(), None, "{error:?}");
            let (status, _) = error.status_and_code();
            assert!((400..500).contains(&status), "{error:?}");
        }
    }
}
