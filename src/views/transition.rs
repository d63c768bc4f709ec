//! `TransitionEligibility` and `Transition` (reference api-new-commerce §5.1–§5.3).

use crate::domain::subscription::BillingCycle;
use crate::domain::transition::eligibility::{
    EligibilityDetail, EligibilityError, SubscriptionEligibility,
};
use crate::domain::transition::{
    Transition, TransitionEligibility, TransitionEventName, TransitionEventStatus, TransitionType,
};
use crate::wire::{Attributes, Links, date};
use serde::Serialize;

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TransitionEligibilityView<'a> {
    pub catalog_item_id: String,
    pub title: &'a str,
    pub description: &'a str,
    pub quantity: u32,
    pub eligibilities: Vec<EligibilityDetailView>,
    pub subscription_eligibilities: Vec<SubscriptionEligibilityView<'a>>,
    pub attributes: Attributes,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EligibilityDetailView {
    pub is_eligible: bool,
    pub transition_type: TransitionType,
    pub errors: Vec<EligibilityErrorView>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct EligibilityErrorView {
    pub code: u32,
    pub description: &'static str,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SubscriptionEligibilityView<'a> {
    pub is_eligible: bool,
    pub subscription_id: String,
    pub subscription_friendly_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscription_term_duration: Option<&'a str>,
    pub subscription_billing_cycle: BillingCycle,
    pub errors: Vec<EligibilityErrorView>,
}

fn errors(errors: &[EligibilityError]) -> Vec<EligibilityErrorView> {
    errors
        .iter()
        .map(|e| EligibilityErrorView {
            code: e.code,
            description: e.description,
        })
        .collect()
}

impl<'a> TransitionEligibilityView<'a> {
    pub(crate) fn new(eligibility: &TransitionEligibility<'a>) -> Self {
        let sku = eligibility.item.sku;
        Self {
            catalog_item_id: eligibility.item.id(),
            title: &sku.title,
            description: &sku.description,
            quantity: eligibility.quantity,
            eligibilities: eligibility
                .eligibilities
                .iter()
                .map(|detail: &EligibilityDetail| EligibilityDetailView {
                    is_eligible: detail.is_eligible,
                    transition_type: detail.transition_type,
                    errors: errors(&detail.errors),
                })
                .collect(),
            subscription_eligibilities: eligibility
                .subscription_eligibilities
                .iter()
                .map(
                    |existing: &SubscriptionEligibility<'a>| SubscriptionEligibilityView {
                        is_eligible: existing.errors.is_empty(),
                        subscription_id: existing.subscription.id.to_string(),
                        subscription_friendly_name: &existing.subscription.friendly_name,
                        subscription_term_duration: existing.subscription.term_duration.as_deref(),
                        subscription_billing_cycle: existing.subscription.billing_cycle,
                        errors: errors(&existing.errors),
                    },
                )
                .collect(),
            attributes: Attributes::of("TransitionEligibility"),
        }
    }
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TransitionView<'a> {
    pub operation_id: String,
    pub from_catalog_item_id: &'a str,
    pub from_subscription_id: String,
    pub to_catalog_item_id: &'a str,
    pub to_subscription_id: String,
    pub quantity: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<&'a str>,
    /// Capitalised, as the transition pages write it (`Monthly`).
    pub billing_cycle: String,
    pub transition_type: TransitionType,
    pub events: Vec<TransitionEventView>,
    pub attributes: Attributes,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct TransitionEventView {
    pub name: TransitionEventName,
    pub status: TransitionEventStatus,
    pub timestamp: String,
    pub attributes: Attributes,
}

/// `Monthly`, `Annual`, `Triennial`, ...: the lower snake spelling in Pascal case.
fn pascal(cycle: BillingCycle) -> String {
    cycle
        .as_wire()
        .split('_')
        .map(|word| {
            let mut letters = word.chars();
            letters.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + letters.as_str()
            })
        })
        .collect()
}

impl<'a> TransitionView<'a> {
    pub(crate) fn new(transition: &'a Transition) -> Self {
        Self {
            operation_id: transition.operation_id.to_string(),
            from_catalog_item_id: &transition.from_catalog_item_id,
            from_subscription_id: transition.from_subscription_id.to_string(),
            to_catalog_item_id: &transition.to_catalog_item_id,
            to_subscription_id: transition.to_subscription_id.to_string(),
            quantity: transition.quantity,
            term_duration: transition.term_duration.as_deref(),
            billing_cycle: pascal(transition.billing_cycle),
            transition_type: transition.transition_type,
            events: transition
                .events
                .iter()
                .map(|event| TransitionEventView {
                    name: event.name,
                    status: event.status,
                    timestamp: date::format(&event.timestamp),
                    attributes: Attributes::of("TransitionEvent"),
                })
                .collect(),
            attributes: Attributes::of("Transition"),
        }
    }
}

/// `GET .../transitions`: a Collection with `items`, as the .NET SDK reads it, and the same list
/// under `transition`, as the docs' sample writes it.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TransitionCollection<'a> {
    pub total_count: usize,
    pub items: Vec<TransitionView<'a>>,
    pub transition: Vec<TransitionView<'a>>,
    pub links: Links,
    pub attributes: Attributes,
}

impl<'a> TransitionCollection<'a> {
    pub(crate) fn new(transitions: &[&'a Transition], self_uri: String) -> Self {
        let views = || transitions.iter().map(|t| TransitionView::new(t)).collect();
        Self {
            total_count: transitions.len(),
            items: views(),
            transition: views(),
            links: Links::to_self(self_uri),
            attributes: Attributes::of("Collection"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transition_billing_cycles_are_written_in_pascal_case() {
        assert_eq!(pascal(BillingCycle::Monthly), "Monthly");
        assert_eq!(pascal(BillingCycle::OneTime), "OneTime");
    }
}
