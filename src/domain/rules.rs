//! The business rules the mock enforces, each with an id, its condition, the error it raises and
//! the Partner Center source it follows. A refusal carries its rule's id in `X-Mock-Rule`, and
//! `GET /_mock/rules` lists this table.

use super::error::DomainError;
use serde::Serialize;

/// One business rule.
#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema)]
pub struct Rule {
    pub id: &'static str,
    pub condition: &'static str,
    pub error: &'static str,
    pub source: &'static str,
}

const REMOVE_RELATIONSHIP: &str = "https://learn.microsoft.com/partner-center/developer/remove-a-reseller-relationship-with-a-customer";
const SUBSCRIPTION_RESOURCES: &str =
    "https://learn.microsoft.com/partner-center/developer/subscription-resources";
const ERROR_CODES: &str = "https://learn.microsoft.com/partner-center/developer/error-codes";
const REMOVE_RELATIONSHIP_NEW_COMMERCE: &str =
    "https://learn.microsoft.com/partner-center/customers/remove-a-relationship";
const ASSIGN_LICENSES: &str =
    "https://learn.microsoft.com/partner-center/developer/assign-licenses-to-a-user";

pub const RULES: &[Rule] = &[
    Rule {
        id: "relationship-removal-active-subscriptions",
        condition: "Removing the reseller relationship while a subscription (add-ons included) is active, or a new-commerce subscription is neither deleted nor expired.",
        error: "400 900400",
        source: REMOVE_RELATIONSHIP,
    },
    Rule {
        id: "relationship-removal-reserved-instances",
        condition: "Removing the reseller relationship while an Azure reserved-instance entitlement's order is not cancelled.",
        error: "400 900401",
        source: REMOVE_RELATIONSHIP,
    },
    Rule {
        id: "relationship-removal-software-purchases",
        condition: "Removing the reseller relationship while a software purchase's order is not cancelled.",
        error: "400 900402",
        source: "https://learn.microsoft.com/partner-center/customers/remove-a-relationship",
    },
    Rule {
        id: "relationship-removal-savings-plans",
        condition: "Removing the reseller relationship while an Azure savings plan is neither deleted nor expired.",
        error: "400 900403",
        source: REMOVE_RELATIONSHIP_NEW_COMMERCE,
    },
    Rule {
        id: "relationship-removal-saas-subscriptions",
        condition: "Removing the reseller relationship while a marketplace (SaaS) subscription is neither deleted nor expired.",
        error: "400 900404",
        source: REMOVE_RELATIONSHIP_NEW_COMMERCE,
    },
    Rule {
        id: "relationship-removal-azure-plan-entitlements",
        condition: "Removing the reseller relationship while an Azure plan has an active Azure subscription, whatever the plan's own status.",
        error: "400 900405",
        source: REMOVE_RELATIONSHIP_NEW_COMMERCE,
    },
    Rule {
        id: "relationship-exists",
        condition: "Removing a reseller relationship that was already removed.",
        error: "400 3000",
        source: "https://github.com/microsoft/Partner-Center-PowerShell/issues/51",
    },
    Rule {
        id: "relationship-required",
        condition: "Any call on a customer whose reseller relationship was removed.",
        error: "403 20002",
        source: ERROR_CODES,
    },
    Rule {
        id: "subscription-deleted-is-final",
        condition: "Updating a deleted subscription.",
        error: "400 2011",
        source: ERROR_CODES,
    },
    Rule {
        id: "subscription-suspended-only-reactivates",
        condition: "Changing anything but the status of a suspended subscription.",
        error: "400 800091",
        source: ERROR_CODES,
    },
    Rule {
        id: "subscription-partner-settable-status",
        condition: "Setting a status a partner cannot set (pending, expired, disabled, none), deleting a legacy subscription, or changing the status of an expired one.",
        error: "400 800096",
        source: ERROR_CODES,
    },
    Rule {
        id: "subscription-quantity-limits",
        condition: "A quantity outside the offer's minimum and maximum.",
        error: "400 2002",
        source: ERROR_CODES,
    },
    Rule {
        id: "subscription-decrease-window",
        condition: "Decreasing a new-commerce subscription's quantity after its 7-day window.",
        error: "400 800090",
        source: "https://learn.microsoft.com/partner-center/developer/change-the-quantity-of-a-subscription",
    },
    Rule {
        id: "subscription-cancellation-window",
        condition: "Cancelling (deleting) a new-commerce subscription after its 7-day cancellation window.",
        error: "400 900117",
        source: "https://learn.microsoft.com/partner-center/developer/cancel-an-azure-marketplace-subscription",
    },
    Rule {
        id: "subscription-add-on-needs-active-parent",
        condition: "Reactivating an add-on whose base subscription is not active.",
        error: "409 27009",
        source: ERROR_CODES,
    },
    Rule {
        id: "subscription-billing-cycle-through-order",
        condition: "Changing the billing cycle through the subscription instead of its order.",
        error: "400 2054",
        source: SUBSCRIPTION_RESOURCES,
    },
    Rule {
        id: "etag-current",
        condition: "An etag (body attributes.etag or If-Match) that is not the resource's current one.",
        error: "400 2055",
        source: ERROR_CODES,
    },
    Rule {
        id: "order-cancel-catalog-only",
        condition: "Cancelling an order that holds license subscriptions; only reserved-instance and software orders cancel (integration sandbox).",
        error: "400 800063",
        source: "https://learn.microsoft.com/partner-center/developer/cancel-an-order-from-the-integration-sandbox",
    },
    Rule {
        id: "order-billing-cycle-active-subscriptions",
        condition: "Changing an order's billing cycle while one of its subscriptions is not active.",
        error: "400 6000",
        source: "https://learn.microsoft.com/partner-center/developer/change-the-billing-cycle",
    },
    Rule {
        id: "order-billing-cycle-supported",
        condition: "Changing an order's billing cycle to one an offer of the order does not support.",
        error: "400 6001",
        source: "https://learn.microsoft.com/partner-center/developer/change-the-billing-cycle",
    },
    Rule {
        id: "cart-lifetime",
        condition: "Reading, replacing or checking out a cart more than 7 days after its creation.",
        error: "404 800008",
        source: "https://learn.microsoft.com/partner-center/developer/create-a-cart",
    },
    Rule {
        id: "cart-checkout-once",
        condition: "Checking out a cart that was already checked out.",
        error: "400 800065",
        source: ERROR_CODES,
    },
    Rule {
        id: "cart-checkout-one-at-a-time",
        condition: "Checking out a cart while another request is checking it out.",
        error: "409 800064",
        source: ERROR_CODES,
    },
    Rule {
        id: "cart-checkout-without-line-errors",
        condition: "Checking out a cart while a line item has an error (checked again at checkout).",
        error: "400 800009",
        source: ERROR_CODES,
    },
    Rule {
        id: "cart-partner-attestation",
        condition: "Checking out a cart whose line items name participants without partnerOnRecordAttestationAccepted.",
        error: "400 900206",
        source: "https://learn.microsoft.com/partner-center/developer/create-a-cart",
    },
    Rule {
        id: "order-add-on-related",
        condition: "Buying an add-on that the parent subscription's offer does not offer.",
        error: "400 800029",
        source: "https://learn.microsoft.com/partner-center/developer/purchase-an-add-on-to-a-subscription",
    },
    Rule {
        id: "user-principal-name-unique",
        condition: "Creating a user, or renaming one, with a user principal name that an active or deleted user of the customer has.",
        error: "400 900407",
        source: "https://learn.microsoft.com/partner-center/developer/create-user-accounts-for-a-customer",
    },
    Rule {
        id: "license-update-one-group",
        condition: "A licence update that names SKUs of two licence groups.",
        error: "400 900408",
        source: ASSIGN_LICENSES,
    },
    Rule {
        id: "license-sku-subscribed",
        condition: "Assigning a licence of a product SKU the customer holds no subscription of.",
        error: "400 900409",
        source: ASSIGN_LICENSES,
    },
    Rule {
        id: "license-needs-usage-location",
        condition: "Assigning a licence to a user without a usage location.",
        error: "400 900410",
        source: "https://github.com/microsoft/Partner-Center-DotNet-Samples/issues/131",
    },
    Rule {
        id: "license-removal-assigned",
        condition: "Removing a licence the user does not hold.",
        error: "400 900411",
        source: ASSIGN_LICENSES,
    },
    Rule {
        id: "license-units-available",
        condition: "Assigning a licence of a product SKU with no unit available (availableUnits is 0 or less).",
        error: "400 60012",
        source: ASSIGN_LICENSES,
    },
];

impl DomainError {
    /// The id of the business rule that raised this error, if a rule did.
    pub fn rule(&self) -> Option<&'static str> {
        Some(match self {
            Self::ActiveSubscriptionsExist(_) => "relationship-removal-active-subscriptions",
            Self::ActiveReservedInstancesExist(_) => "relationship-removal-reserved-instances",
            Self::SoftwarePurchasesExist(_) => "relationship-removal-software-purchases",
            Self::ActiveSavingsPlansExist(_) => "relationship-removal-savings-plans",
            Self::ActiveSaasSubscriptionsExist(_) => "relationship-removal-saas-subscriptions",
            Self::AzurePlanEntitlementsActive(_) => "relationship-removal-azure-plan-entitlements",
            Self::RelationshipDoesNotExist => "relationship-exists",
            Self::NoCommerceRelationship { .. } => "relationship-required",
            Self::DeletedSubscriptionCannotBeUpdated(_) => "subscription-deleted-is-final",
            Self::SuspendedSubscriptionCannotBeUpdated => "subscription-suspended-only-reactivates",
            Self::StatusCannotBeSet => "subscription-partner-settable-status",
            Self::QuantityOutOfRange => "subscription-quantity-limits",
            Self::QuantityCannotBeDecreased => "subscription-decrease-window",
            Self::CancellationWindowPassed(_) => "subscription-cancellation-window",
            Self::ParentSubscriptionNotActive => "subscription-add-on-needs-active-parent",
            Self::BillingCycleThroughSubscription => "subscription-billing-cycle-through-order",
            Self::StaleEtag => "etag-current",
            Self::OrderCannotBeCancelled { .. } => "order-cancel-catalog-only",
            Self::BillingCycleNeedsActiveSubscriptions => {
                "order-billing-cycle-active-subscriptions"
            }
            Self::BillingCycleNotSupported => "order-billing-cycle-supported",
            Self::AddOnNotRelated => "order-add-on-related",
            Self::CartExpired(_) => "cart-lifetime",
            Self::CartAlreadySubmitted(_) => "cart-checkout-once",
            Self::CartBeingProcessed(_) => "cart-checkout-one-at-a-time",
            Self::CartHasErrors { .. } => "cart-checkout-without-line-errors",
            Self::PartnerAttestationMissing(_) => "cart-partner-attestation",
            Self::UserPrincipalNameInUse(_) => "user-principal-name-unique",
            Self::LicenseGroupsMixed => "license-update-one-group",
            Self::SkuNotSubscribed { .. } => "license-sku-subscribed",
            Self::UsageLocationRequired => "license-needs-usage-location",
            Self::LicenseNotAssigned { .. } => "license-removal-assigned",
            Self::LicenseQuotaExceeded(_) => "license-units-available",
            Self::InvalidInput(_)
            | Self::CustomerNotFound(_)
            | Self::DomainInUse(_)
            | Self::SubscriptionNotFound(_)
            | Self::OrderNotFound(_)
            | Self::OfferNotFound(_)
            | Self::InvalidOfferId(_)
            | Self::LineItemNumbers
            | Self::ReservationNotFound(_)
            | Self::TargetSegmentNotAllowed(_)
            | Self::TargetViewNotAllowed(_)
            | Self::ProductNotFound(_)
            | Self::SkuNotFound(_)
            | Self::AvailabilityNotFound(_)
            | Self::CartNotFound(_)
            | Self::AzureEntitlementNotFound(_) => return None,
            Self::UserNotFound(_)
            | Self::DirectoryRoleNotFound(_)
            | Self::NotARoleMember { .. } => return None,
        })
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
            DomainError::RelationshipDoesNotExist,
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
        ];
        for error in errors {
            let id = error.rule().unwrap();
            assert_eq!(RULES.iter().filter(|rule| rule.id == id).count(), 1, "{id}");
        }
        let mut ids: Vec<_> = RULES.iter().map(|rule| rule.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }
}
