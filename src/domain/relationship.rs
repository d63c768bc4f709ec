//! The reseller relationship: removing it, which three rules can refuse, removing delegated
//! admin access, and restoring the relationship (reference: remove a reseller relationship with a
//! customer; SPEC §5).

use super::customer::{Customer, CustomerPartnerRelationship};
use super::error::DomainError;
use super::subscription::SubscriptionStatus;
use serde::{Deserialize, Serialize};

/// The body of `PATCH /v1/customers/{id}`: what the partner changes about its relationship.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomerPatch {
    pub relationship_to_partner: Option<CustomerPartnerRelationship>,
    pub allow_delegated_access: Option<bool>,
}

/// What keeps a relationship from being removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum BlockerKind {
    /// An active subscription, or a new-commerce one that is neither deleted nor expired.
    Subscription,
    /// An Azure reserved-instance entitlement whose order is not cancelled.
    ReservedInstance,
    /// A software purchase whose order is not cancelled.
    SoftwarePurchase,
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
    /// subscriptions (900400), reserved instances (900401), software (900402).
    pub fn refusal(&self) -> Option<DomainError> {
        let ids = |kind: BlockerKind| -> Vec<String> {
            self.blockers
                .iter()
                .filter(|b| b.kind == kind)
                .map(|b| b.id.clone())
                .collect()
        };
        let subscriptions = ids(BlockerKind::Subscription);
        let reserved = ids(BlockerKind::ReservedInstance);
        let software = ids(BlockerKind::SoftwarePurchase);
        if !subscriptions.is_empty() {
            Some(DomainError::ActiveSubscriptionsExist(subscriptions))
        } else if !reserved.is_empty() {
            Some(DomainError::ActiveReservedInstancesExist(reserved))
        } else if !software.is_empty() {
            Some(DomainError::SoftwarePurchasesExist(software))
        } else {
            None
        }
    }
}

impl Customer {
    /// Whether the order `id` of this customer is cancelled.
    pub fn order_is_cancelled(&self, id: &str) -> bool {
        self.orders.iter().any(|o| o.id == id && o.is_cancelled())
    }

    /// Everything that blocks removing the reseller relationship right now.
    pub fn removal_check(&self) -> RemovalCheck {
        let mut blockers: Vec<Blocker> = self
            .subscriptions
            .iter()
            .filter(|s| {
                s.status == SubscriptionStatus::Active
                    || (s.is_new_commerce()
                        && !matches!(
                            s.status,
                            SubscriptionStatus::Deleted | SubscriptionStatus::Expired
                        ))
            })
            .map(|s| Blocker {
                kind: BlockerKind::Subscription,
                id: s.id.to_string(),
            })
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
                let listed = blockers.iter().any(|b| b.kind == kind && &b.id == order);
                if !listed && !self.order_is_cancelled(order) {
                    blockers.push(Blocker {
                        kind,
                        id: order.clone(),
                    });
                }
            }
        }
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
    pub fn apply_patch(
        &mut self,
        patch: CustomerPatch,
        partner_id: &str,
    ) -> Result<(), DomainError> {
        match patch.relationship_to_partner {
            Some(CustomerPartnerRelationship::None) => return self.remove_reseller_relationship(),
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
    /// instances are active, with the reserved-instance text.
    pub fn check_sandbox_deletion(&self) -> Result<(), DomainError> {
        let reserved: Vec<String> = self
            .removal_check()
            .blockers
            .into_iter()
            .filter(|b| b.kind == BlockerKind::ReservedInstance)
            .map(|b| b.id)
            .collect();
        if reserved.is_empty() {
            Ok(())
        } else {
            Err(DomainError::ActiveReservedInstancesExist(reserved))
        }
    }
}
