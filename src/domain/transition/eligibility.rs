//! `GET .../subscriptions/{id}/transitionEligibilities?eligibilityType=immediate|scheduled`
//! (reference api-new-commerce §5.1): each catalog item the subscription can transition to, with
//! whether each transition type is possible, and, for an immediate transition of a paid
//! subscription, the customer's subscriptions of that item it could transition into.

use super::TransitionType;
use super::terms::{months_of, source_item, targets};
use crate::domain::catalog::{CatalogItem, ProductCatalog};
use crate::domain::customer::Customer;
use crate::domain::error::DomainError;
use crate::domain::ids::SubscriptionId;
use crate::domain::provisioning::SubscriptionProvisioningStatus;
use crate::domain::subscription::{Subscription, SubscriptionStatus};
use chrono::{DateTime, Utc};

crate::wire_enum! {
    /// `eligibilityType`: a transition now, or one scheduled for the renewal.
    pub enum EligibilityType {
        /// A transition now.
        Immediate = 0 => "immediate",
        /// A transition at the next renewal.
        Scheduled = 1 => "scheduled",
    }
}

/// One catalog item the subscription can transition to.
#[derive(Debug, Clone)]
pub struct TransitionEligibility<'a> {
    /// The catalog item.
    pub item: CatalogItem<'a>,
    /// The seats that would move: all of the source's.
    pub quantity: u32,
    /// Whether each transition type is possible.
    pub eligibilities: Vec<EligibilityDetail>,
    /// The customer's subscriptions of the item (immediate transitions of paid subscriptions
    /// only).
    pub subscription_eligibilities: Vec<SubscriptionEligibility<'a>>,
}

/// Whether one transition type is possible, and why not.
#[derive(Debug, Clone)]
pub struct EligibilityDetail {
    /// Whether the transition type is possible.
    pub is_eligible: bool,
    /// The transition type.
    pub transition_type: TransitionType,
    /// Why it is not.
    pub errors: Vec<EligibilityError>,
}

/// `{code, description}`: a `TransitionErrorCode`, or a target-subscription check (1–4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EligibilityError {
    /// The error's code.
    pub code: u32,
    /// The error, in words.
    pub description: &'static str,
}

/// An existing subscription the seats could go to, with what stands in the way.
#[derive(Debug, Clone)]
pub struct SubscriptionEligibility<'a> {
    /// The subscription.
    pub subscription: &'a Subscription,
    /// Why the seats cannot go to it; empty when they can.
    pub errors: Vec<EligibilityError>,
}

const SOURCE_NOT_ACTIVE: EligibilityError = EligibilityError {
    code: 2,
    description: "Subscription can't be transitioned - source subscription isn't active.",
};
const SOURCE_NOT_PROVISIONED: EligibilityError = EligibilityError {
    code: 9,
    description: "Subscription can't be transitioned - source subscription isn't provisioned yet.",
};

/// Why an existing subscription cannot take a transition's seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TargetProblem {
    NotActive,
    /// Still being provisioned, or inside its cancellation window.
    NotReady,
    TermShorter,
    EndsEarlier,
}

impl TargetProblem {
    fn eligibility_error(self) -> EligibilityError {
        let (code, description) = match self {
            Self::NotActive => (1, "Subscription is not active."),
            Self::NotReady => (2, "Subscription is within cancellation window."),
            Self::TermShorter => (
                3,
                "The subscription's term duration is shorter than the source subscription's term duration.",
            ),
            Self::EndsEarlier => (
                4,
                "Subscription term end date is before the source subscription's term end date.",
            ),
        };
        EligibilityError { code, description }
    }

    /// The refusal of a transition into the subscription `target`.
    pub(super) fn refusal(self, target: SubscriptionId) -> DomainError {
        match self {
            Self::NotActive => DomainError::TransitionTargetNotActive(target),
            Self::NotReady => DomainError::TransitionTargetNotReady(target),
            Self::TermShorter => DomainError::TransitionTermShorter,
            Self::EndsEarlier => DomainError::TransitionTargetEndsEarlier(target),
        }
    }
}

impl Customer {
    /// The transitions `id` can make, per target catalog item sold in the customer's country.
    /// A legacy subscription, or one whose SKU names no upgrade target, has none.
    ///
    /// Errors: [`DomainError::SubscriptionNotFound`].
    pub fn transition_eligibilities<'a>(
        &'a self,
        id: SubscriptionId,
        kind: EligibilityType,
        products: &'a ProductCatalog,
        now: DateTime<Utc>,
    ) -> Result<Vec<TransitionEligibility<'a>>, DomainError> {
        let source = self.subscription(id)?;
        let Some(item) = source_item(products, source) else {
            return Ok(Vec::new());
        };
        let mut source_errors = Vec::new();
        if source.status != SubscriptionStatus::Active {
            source_errors.push(SOURCE_NOT_ACTIVE);
        }
        if self.subscription_provisioning_status(id)? == SubscriptionProvisioningStatus::Pending {
            source_errors.push(SOURCE_NOT_PROVISIONED);
        }
        let eligibilities: Vec<EligibilityDetail> = TransitionType::ALL
            .iter()
            .map(|transition_type| EligibilityDetail {
                is_eligible: source_errors.is_empty(),
                transition_type: *transition_type,
                errors: source_errors.clone(),
            })
            .collect();
        let existing = kind == EligibilityType::Immediate && !source.is_trial;
        Ok(targets(products, &item, self.market_country())
            .into_iter()
            .map(|target| TransitionEligibility {
                subscription_eligibilities: if existing {
                    self.subscription_eligibilities(source, &target.id(), now)
                } else {
                    Vec::new()
                },
                item: target,
                quantity: source.quantity,
                eligibilities: eligibilities.clone(),
            })
            .collect())
    }

    /// The customer's subscriptions of `item` other than `source`, deleted ones left out, each
    /// with the checks it fails.
    fn subscription_eligibilities<'a>(
        &'a self,
        source: &Subscription,
        item: &str,
        now: DateTime<Utc>,
    ) -> Vec<SubscriptionEligibility<'a>> {
        self.subscriptions
            .iter()
            .map(|s| &**s)
            .filter(|s| {
                s.id != source.id
                    && s.status != SubscriptionStatus::Deleted
                    && s.offer_id.eq_ignore_ascii_case(item)
            })
            .map(|subscription| SubscriptionEligibility {
                errors: self
                    .target_problems(subscription, source, now)
                    .into_iter()
                    .map(TargetProblem::eligibility_error)
                    .collect(),
                subscription,
            })
            .collect()
    }

    /// What keeps `target` from taking seats transitioned from `source`, in the documented
    /// order of the checks.
    pub(super) fn target_problems(
        &self,
        target: &Subscription,
        source: &Subscription,
        now: DateTime<Utc>,
    ) -> Vec<TargetProblem> {
        let mut problems = Vec::new();
        if target.status != SubscriptionStatus::Active {
            problems.push(TargetProblem::NotActive);
        }
        let in_window = target
            .cancellation_allowed_until_date
            .is_some_and(|until| now <= until);
        let provisioning = self
            .subscription_provisioning_status(target.id)
            .is_ok_and(|status| status == SubscriptionProvisioningStatus::Pending);
        if in_window || provisioning {
            problems.push(TargetProblem::NotReady);
        }
        if months_of(target) < months_of(source) {
            problems.push(TargetProblem::TermShorter);
        }
        if target.commitment_end_date < source.commitment_end_date {
            problems.push(TargetProblem::EndsEarlier);
        }
        problems
    }
}
