//! The reseller relationship: removing it, which seven rules can refuse, removing delegated admin
//! access, and restoring the relationship (reference: remove a reseller relationship with a
//! customer; api-new-commerce §9; SPEC §5 and "Refinements for the new-commerce round").

use super::customer::{Customer, CustomerPartnerRelationship};
use super::error::DomainError;
use super::partner::Partner;
use super::subscription::{Subscription, SubscriptionStatus};
use serde::{Deserialize, Serialize};

/// The body of `PATCH /v1/customers/{id}`: what the partner changes about its relationship.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomerPatch {
    pub relationship_to_partner: Option<CustomerPartnerRelationship>,
    pub allow_delegated_access: Option<bool>,
}

/// What keeps a relationship from being removed, in the order the rules are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum BlockerKind {
    /// An active subscription (add-ons included), or a new-commerce one that is neither deleted
    /// nor expired, since a suspended new-commerce subscription is still billed. Savings plans
    /// and marketplace subscriptions have rules of their own.
    Subscription,
    /// An Azure reserved-instance entitlement whose order is not cancelled.
    ReservedInstance,
    /// A software purchase whose order is not cancelled.
    SoftwarePurchase,
    /// An Azure savings plan that is neither deleted nor expired.
    SavingsPlan,
    /// A marketplace (SaaS) subscription that is neither deleted nor expired.
    SaasSubscription,
    /// An Azure plan with an active Azure subscription, whatever the plan's own status.
    AzurePlan,
}

impl BlockerKind {
    /// Every kind, in the precedence of the refusals: 900400 through 900405.
    pub const PRECEDENCE: [Self; 6] = [
        Self::Subscription,
        Self::ReservedInstance,
        Self::SoftwarePurchase,
        Self::SavingsPlan,
        Self::SaasSubscription,
        Self::AzurePlan,
    ];

    /// The refusal of a removal that blockers of this kind, `ids`, stop.
    fn refusal(self, ids: Vec<String>) -> DomainError {
        match self {
            Self::Subscription => DomainError::ActiveSubscriptionsExist(ids),
            Self::ReservedInstance => DomainError::ActiveReservedInstancesExist(ids),
            Self::SoftwarePurchase => DomainError::SoftwarePurchasesExist(ids),
            Self::SavingsPlan => DomainError::ActiveSavingsPlansExist(ids),
            Self::SaasSubscription => DomainError::ActiveSaasSubscriptionsExist(ids),
            Self::AzurePlan => DomainError::AzurePlanEntitlementsActive(ids),
        }
    }
}

/// One blocker: a subscription's id, or the order id of a reserved instance or software purchase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Blocker {
    pub kind: BlockerKind,
    pub id: String,
}

/// Every blocker of a relationship removal, in the order the rules are checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemovalCheck {
    pub blockers: Vec<Blocker>,
}

impl RemovalCheck {
    /// The refusal the removal answers with: the first rule that blocks, in the precedence
    /// subscriptions (900400), reserved instances (900401), software (900402), savings plans
    /// (900403), marketplace subscriptions (900404), Azure plans with active Azure subscriptions
    /// (900405).
    pub fn refusal(&self) -> Option<DomainError> {
        BlockerKind::PRECEDENCE.into_iter().find_map(|kind| {
            let ids: Vec<String> = self
                .blockers
                .iter()
                .filter(|b| b.kind == kind)
                .map(|b| b.id.clone())
                .collect();
            (!ids.is_empty()).then(|| kind.refusal(ids))
        })
    }
}

/// A subscription that is still billed or can be: neither deleted nor lapsed (expired or
/// disabled).
fn is_live(subscription: &Subscription) -> bool {
    !matches!(
        subscription.status,
        SubscriptionStatus::Deleted | SubscriptionStatus::Expired | SubscriptionStatus::Disabled
    )
}

/// What kind of blocker `subscription` is, if it blocks.
fn subscription_blocker(subscription: &Subscription) -> Option<BlockerKind> {
    if subscription.is_savings_plan() {
        is_live(subscription).then_some(BlockerKind::SavingsPlan)
    } else if subscription.is_marketplace() {
        is_live(subscription).then_some(BlockerKind::SaasSubscription)
    } else {
        let active = subscription.status == SubscriptionStatus::Active;
        (active || (subscription.is_new_commerce() && is_live(subscription)))
            .then_some(BlockerKind::Subscription)
    }
}

impl Customer {
    /// Whether the order `id` of this customer is cancelled.
    pub fn order_is_cancelled(&self, id: &str) -> bool {
        self.orders.iter().any(|o| o.id == id && o.is_cancelled())
    }

    /// Everything that blocks removing the reseller relationship right now, in the order of
    /// `BlockerKind::PRECEDENCE`: subscriptions, savings plans, marketplace subscriptions and
    /// Azure plans by subscription id, reserved instances and software by order id.
    pub fn removal_check(&self) -> RemovalCheck {
        let mut blockers: Vec<Blocker> = self
            .subscriptions
            .iter()
            .filter_map(|s| {
                subscription_blocker(s).map(|kind| Blocker {
                    kind,
                    id: s.id.to_string(),
                })
            })
            .chain(
                self.subscriptions
                    .iter()
                    .filter(|s| s.has_active_azure_entitlements())
                    .map(|s| Blocker {
                        kind: BlockerKind::AzurePlan,
                        id: s.id.to_string(),
                    }),
            )
            .collect();
        for (kind, is_kind) in [
            (
                BlockerKind::ReservedInstance,
                super::entitlement::Entitlement::is_reserved_instance as fn(&_) -> bool,
            ),
            (
                BlockerKind::SoftwarePurchase,
                super::entitlement::Entitlement::is_software,
            ),
        ] {
            for entitlement in self.entitlements.iter().filter(|e| is_kind(e)) {
                let order = &entitlement.reference_order.id;
                let listed = blockers
                    .iter()
                    .any(|b| b.kind == kind && b.id == order.as_str());
                if !listed && !self.order_is_cancelled(order) {
                    blockers.push(Blocker {
                        kind,
                        id: order.to_string(),
                    });
                }
            }
        }
        blockers.sort_by_key(|b| BlockerKind::PRECEDENCE.iter().position(|k| *k == b.kind));
        RemovalCheck { blockers }
    }

    /// `PATCH /v1/customers/{id}` with `relationshipToPartner: "none"`. Refused while anything
    /// blocks it (see [`Customer::removal_check`]) and when there is no relationship to remove.
    /// On success delegated admin access goes with it.
    pub fn remove_reseller_relationship(&mut self) -> Result<(), DomainError> {
        if !self.is_related() {
            return Err(DomainError::RelationshipDoesNotExist);
        }
        if let Some(refusal) = self.removal_check().refusal() {
            return Err(refusal);
        }
        self.relationship_to_partner = CustomerPartnerRelationship::None;
        self.allow_delegated_access = false;
        Ok(())
    }

    /// `PATCH /v1/customers/{id}`: removes the reseller relationship (`relationshipToPartner:
    /// "none"`) or delegated admin access (`allowDelegatedAccess: false`, reference: remove DAP).
    /// A value equal to the stored one is not a change.
    ///
    /// `caller_tenant` is the tenant the caller's token names: an indirect reseller of the
    /// partner cannot remove the relationship (403 900406, reference api-new-commerce §9), and
    /// is told so before anything else is checked.
    pub fn apply_patch(
        &mut self,
        patch: CustomerPatch,
        partner: &Partner,
        caller_tenant: Option<&str>,
    ) -> Result<(), DomainError> {
        let partner_id = partner.id.as_str();
        match patch.relationship_to_partner {
            Some(CustomerPartnerRelationship::None) => {
                if partner.is_indirect_reseller(caller_tenant) {
                    return Err(DomainError::IndirectResellerCannotRemoveRelationship);
                }
                return self.remove_reseller_relationship();
            }
            Some(other) if other != self.relationship_to_partner => {
                self.ensure_related(partner_id)?;
                return Err(DomainError::InvalidInput(format!(
                    "relationshipToPartner can only be changed to none, not to {other}."
                )));
            }
            _ => {}
        }
        self.ensure_related(partner_id)?;
        match patch.allow_delegated_access {
            Some(false) => {
                self.allow_delegated_access = false;
                Ok(())
            }
            Some(true) if !self.allow_delegated_access => Err(DomainError::InvalidInput(
                "Delegated admin access cannot be granted through the API; the customer accepts a relationship request instead.".to_owned(),
            )),
            Some(true) => Ok(()),
            None if patch.relationship_to_partner.is_some() => Ok(()),
            None => Err(DomainError::InvalidInput(
                "The request changes nothing: send relationshipToPartner \"none\" or allowDelegatedAccess false.".to_owned(),
            )),
        }
    }

    /// The customer accepts a reseller relationship request again.
    pub fn restore_reseller_relationship(&mut self) {
        self.relationship_to_partner = CustomerPartnerRelationship::Reseller;
    }

    /// `DELETE /v1/customers/{id}` in the integration sandbox: refused while Azure reserved
    /// instances are active, with the reserved-instance text (900401), then while an Azure plan
    /// holds an active Azure subscription (900405; Partner-Center-PowerShell issue 215, where a
    /// customer with only an Azure plan was refused until its Azure subscriptions were
    /// cancelled). Both answer as the relationship removal does.
    pub fn check_sandbox_deletion(&self) -> Result<(), DomainError> {
        let check = self.removal_check();
        [BlockerKind::ReservedInstance, BlockerKind::AzurePlan]
            .into_iter()
            .find_map(|kind| {
                let ids: Vec<String> = check
                    .blockers
                    .iter()
                    .filter(|b| b.kind == kind)
                    .map(|b| b.id.clone())
                    .collect();
                (!ids.is_empty()).then(|| kind.refusal(ids))
            })
            .map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::fixture::{
        AZURE_PLAN, BASIC, RESERVED_VM, SAAS, SAVINGS_PLAN, SOFTWARE,
    };
    use crate::domain::ids::SubscriptionId;
    use crate::domain::order::OrderStatus;
    use crate::domain::order::{Fulfilment, OrderRequest};
    use crate::domain::test_support::{Shop, line, now};
    use serde_json::json;
    use std::sync::Arc;

    /// A customer holding one purchase of every kind that blocks a removal.
    struct Holdings {
        shop: Shop,
        licence: SubscriptionId,
        reservation_order: crate::domain::ids::OrderId,
        software_order: crate::domain::ids::OrderId,
        plan: SubscriptionId,
        savings_plan: SubscriptionId,
        saas: SubscriptionId,
    }

    impl Holdings {
        fn buy() -> Self {
            let mut shop = Shop::new();
            let bought = |shop: &mut Shop, line: serde_json::Value| {
                let result = shop.buy(json!([line]));
                let order = &result.orders[0];
                (order.id.clone(), order.line_items[0].subscription_id)
            };
            let (_, licence) = bought(&mut shop, line(BASIC, 2, "monthly", Some("P1M")));
            let mut reservation = line(RESERVED_VM, 1, "one_time", Some("P1Y"));
            reservation["provisioningContext"] =
                json!({"subscriptionId": "1c461a25-f729-4fa5-aadb-280947dd05e8"});
            let (reservation_order, _) = bought(&mut shop, reservation);
            let (software_order, _) = bought(&mut shop, line(SOFTWARE, 1, "one_time", None));
            let (_, plan) = bought(&mut shop, line(AZURE_PLAN, 1, "one_time", None));
            let plan = plan.unwrap();
            let mut savings = line(SAVINGS_PLAN, 1, "one_time", Some("P1Y"));
            savings["provisioningContext"] =
                json!({"scope": "shared", "subscriptionId": plan.to_string()});
            savings["purchaseCommitment"] = json!({"amount": "1.5"});
            let (_, savings_plan) = bought(&mut shop, savings);
            let (_, saas) = bought(&mut shop, line(SAAS, 1, "monthly", Some("P1M")));
            Self {
                shop,
                licence: licence.unwrap(),
                reservation_order,
                software_order,
                plan,
                savings_plan: savings_plan.unwrap(),
                saas: saas.unwrap(),
            }
        }

        fn customer(&mut self) -> &mut crate::domain::Customer {
            &mut self.shop.customer
        }

        fn set_status(&mut self, id: SubscriptionId, status: SubscriptionStatus) {
            self.shop.set_status(id, status);
        }

        fn cancel_order(&mut self, id: &str) {
            let request = OrderRequest {
                status: Some(OrderStatus::Cancelled),
                ..OrderRequest::default()
            };
            let Shop {
                catalog,
                ids,
                customer,
                ..
            } = &mut self.shop;
            let fulfilment = Fulfilment {
                catalog,
                now: now(),
                ids,
            };
            customer
                .update_order(
                    &id.into(),
                    request,
                    crate::domain::Precondition::Any,
                    &fulfilment,
                )
                .unwrap();
        }
    }

    fn kinds(check: &RemovalCheck) -> Vec<BlockerKind> {
        let mut kinds: Vec<BlockerKind> = check.blockers.iter().map(|b| b.kind).collect();
        kinds.dedup();
        kinds
    }

    #[test]
    fn the_removal_check_lists_every_kind_of_blocker_in_precedence_order() {
        let holdings = Holdings::buy();
        let check = holdings.shop.customer.removal_check();
        assert_eq!(kinds(&check), BlockerKind::PRECEDENCE);
        let ids = |kind: BlockerKind| -> Vec<String> {
            check
                .blockers
                .iter()
                .filter(|b| b.kind == kind)
                .map(|b| b.id.clone())
                .collect()
        };
        assert_eq!(
            ids(BlockerKind::Subscription),
            [holdings.licence.to_string(), holdings.plan.to_string()]
        );
        assert_eq!(
            ids(BlockerKind::ReservedInstance),
            [holdings.reservation_order.as_str()]
        );
        assert_eq!(
            ids(BlockerKind::SoftwarePurchase),
            [holdings.software_order.as_str()]
        );
        assert_eq!(
            ids(BlockerKind::SavingsPlan),
            [holdings.savings_plan.to_string()]
        );
        assert_eq!(
            ids(BlockerKind::SaasSubscription),
            [holdings.saas.to_string()]
        );
        assert_eq!(ids(BlockerKind::AzurePlan), [holdings.plan.to_string()]);
    }

    #[test]
    fn the_refusals_follow_their_precedence_as_each_blocker_is_cleared() {
        let mut holdings = Holdings::buy();
        let refusal = |h: &mut Holdings| h.customer().remove_reseller_relationship().unwrap_err();
        assert_eq!(
            refusal(&mut holdings),
            DomainError::ActiveSubscriptionsExist(vec![
                holdings.licence.to_string(),
                holdings.plan.to_string()
            ])
        );
        holdings.set_status(holdings.licence, SubscriptionStatus::Deleted);
        // A plan that is no longer active while its Azure subscription runs on, as a seed or an
        // import can hold it (a suspension through PATCH would cancel the Azure subscription).
        let plan = holdings.plan;
        let index = holdings
            .customer()
            .subscriptions
            .iter()
            .position(|s| s.id == plan)
            .unwrap();
        Arc::make_mut(&mut holdings.customer().subscriptions[index]).status =
            SubscriptionStatus::Suspended;
        assert_eq!(
            refusal(&mut holdings),
            DomainError::ActiveReservedInstancesExist(vec![holdings.reservation_order.to_string()])
        );
        let order = holdings.reservation_order.clone();
        holdings.cancel_order(&order);
        assert_eq!(
            refusal(&mut holdings),
            DomainError::SoftwarePurchasesExist(vec![holdings.software_order.to_string()])
        );
        let order = holdings.software_order.clone();
        holdings.cancel_order(&order);
        let savings_plan = holdings.savings_plan;
        let refused = refusal(&mut holdings);
        assert_eq!(
            refused,
            DomainError::ActiveSavingsPlansExist(vec![savings_plan.to_string()])
        );
        assert_eq!(refused.data(), [savings_plan.to_string()]);
        // Savings plans are cancelled in the Azure portal, outside Partner Center.
        let index = holdings
            .customer()
            .subscriptions
            .iter()
            .position(|s| s.id == savings_plan)
            .unwrap();
        Arc::make_mut(&mut holdings.customer().subscriptions[index]).status =
            SubscriptionStatus::Deleted;
        assert_eq!(
            refusal(&mut holdings),
            DomainError::ActiveSaasSubscriptionsExist(vec![holdings.saas.to_string()])
        );
        holdings.set_status(holdings.saas, SubscriptionStatus::Deleted);
        assert_eq!(
            refusal(&mut holdings),
            DomainError::AzurePlanEntitlementsActive(vec![holdings.plan.to_string()])
        );
        let plan = holdings.plan;
        let azure = holdings.shop.subscription(Some(plan)).azure_entitlements[0]
            .id
            .clone();
        let cancelled = holdings
            .customer()
            .cancel_azure_entitlement(
                plan,
                &azure.to_uppercase(),
                "Compromise",
                now(),
                chrono::Duration::zero(),
            )
            .unwrap();
        assert!(!cancelled.is_active());
        assert_eq!(holdings.customer().removal_check(), RemovalCheck::default());
        holdings.customer().remove_reseller_relationship().unwrap();
        assert!(!holdings.shop.customer.is_related());
    }

    #[test]
    fn a_suspended_new_commerce_subscription_still_blocks_and_an_expired_one_does_not() {
        let mut holdings = Holdings::buy();
        holdings.set_status(holdings.licence, SubscriptionStatus::Suspended);
        let check = holdings.shop.customer.removal_check();
        assert!(
            check
                .blockers
                .iter()
                .any(|b| b.id == holdings.licence.to_string())
        );
        let licence = holdings.licence;
        let index = holdings
            .customer()
            .subscriptions
            .iter()
            .position(|s| s.id == licence)
            .unwrap();
        Arc::make_mut(&mut holdings.customer().subscriptions[index]).status =
            SubscriptionStatus::Expired;
        let check = holdings.shop.customer.removal_check();
        assert!(!check.blockers.iter().any(|b| b.id == licence.to_string()));
    }

    #[test]
    fn an_azure_plan_is_suspended_only_once_its_azure_subscriptions_are_inactive() {
        let mut shop = Shop::new();
        let result = shop.buy(json!([line(AZURE_PLAN, 1, "one_time", None)]));
        let plan = result.orders[0].line_items[0].subscription_id.unwrap();
        let check = shop.customer.removal_check();
        assert_eq!(
            kinds(&check),
            [BlockerKind::Subscription, BlockerKind::AzurePlan]
        );
        let suspend = crate::domain::subscription::update::SubscriptionUpdate {
            status: Some(SubscriptionStatus::Suspended),
            ..Default::default()
        };
        let before = shop.customer.clone();
        assert_eq!(
            shop.update(plan, suspend),
            Err(DomainError::AzurePlanHasActiveAzureSubscriptions)
        );
        assert_eq!(shop.customer, before);
        let azure = shop.subscription(Some(plan)).azure_entitlements[0]
            .id
            .clone();
        let delay = chrono::Duration::minutes(10);
        let answered = shop
            .customer
            .cancel_azure_entitlement(plan, &azure, "other", now(), delay)
            .unwrap();
        assert!(answered.is_active(), "active until the delay has passed");
        assert!(!shop.customer.needs_settling(now()));
        shop.customer.settle(now() + delay);
        assert!(
            !shop
                .subscription(Some(plan))
                .has_active_azure_entitlements()
        );
        shop.set_status(plan, SubscriptionStatus::Suspended);
        assert_eq!(shop.customer.removal_check(), RemovalCheck::default());
        assert_eq!(
            shop.customer
                .cancel_azure_entitlement(plan, "not-an-id", "other", now(), delay),
            Err(DomainError::AzureEntitlementNotFound(
                "not-an-id".to_owned()
            ))
        );
        assert_eq!(
            shop.customer
                .cancel_azure_entitlement(plan, &azure, "boredom", now(), delay),
            Err(DomainError::InvalidCancellationReason("boredom".to_owned()))
        );
    }
}
