//! `Subscription`.

use super::{catalog_item_links, customer_uri};
use crate::domain::offer::Catalog;
use crate::domain::provisioning::SubscriptionProvisioningStatus;
use crate::domain::subscription::scheduled::{ProductTerm, ScheduledNextTermInstructions};
use crate::domain::subscription::{
    BillingCycle, BillingType, ContractType, ProductType, SubscriptionStatus,
};
use crate::domain::{CustomerId, Subscription};
use crate::wire::date;
use crate::wire::etag::etag;
use crate::wire::{Attributes, NamedLinks};
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SubscriptionView<'a> {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entitlement_id: Option<&'a str>,
    pub offer_id: &'a str,
    pub offer_name: &'a str,
    pub friendly_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_type: Option<&'a ProductType>,
    pub quantity: u32,
    pub unit_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_subscription_id: Option<String>,
    pub has_purchasable_addons: bool,
    pub creation_date: String,
    pub effective_start_date: String,
    pub commitment_end_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancellation_allowed_until_date: Option<String>,
    pub status: SubscriptionStatus,
    pub auto_renew_enabled: bool,
    pub is_trial: bool,
    pub billing_type: BillingType,
    pub billing_cycle: BillingCycle,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<&'a str>,
    pub contract_type: ContractType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_options: Option<Vec<RefundOption>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refundable_quantity: Option<RefundableQuantity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_next_term_instructions: Option<ScheduledInstructionsView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub migrated_from_subscription_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_microsoft_product: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher_name: Option<String>,
    pub links: NamedLinks,
    pub order_id: &'a str,
    pub attributes: Attributes,
}

/// A new-commerce subscription's refund: in full until its cancellation window closes.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RefundOption {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub expires_at: String,
}

/// `refundableQuantity`: the seats that can still be reduced, batch by batch.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RefundableQuantity {
    pub total_quantity: u32,
    pub details: Vec<RefundableBatch>,
}

/// One batch of `refundableQuantity.details`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RefundableBatch {
    pub quantity: u32,
    pub allowed_until_date_time: String,
}

impl RefundableQuantity {
    fn of(subscription: &Subscription) -> Option<Self> {
        let batches = &subscription.lifecycle.refundable_batches;
        subscription.counts_seat_batches().then(|| Self {
            total_quantity: batches.iter().map(|batch| batch.quantity).sum(),
            details: batches
                .iter()
                .map(|batch| RefundableBatch {
                    quantity: batch.quantity,
                    allowed_until_date_time: date::format(&batch.allowed_until),
                })
                .collect(),
        })
    }
}

/// `scheduledNextTermInstructions`: `{product: ProductTerm, quantity, customTermEndDate?}`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ScheduledInstructionsView<'a> {
    pub product: &'a ProductTerm,
    pub quantity: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_term_end_date: Option<String>,
}

impl<'a> ScheduledInstructionsView<'a> {
    fn of(instructions: &'a ScheduledNextTermInstructions) -> Self {
        Self {
            product: &instructions.product,
            quantity: instructions.quantity,
            custom_term_end_date: instructions.custom_term_end_date.as_ref().map(date::format),
        }
    }
}

impl<'a> SubscriptionView<'a> {
    pub(crate) fn new(
        customer: CustomerId,
        subscription: &'a Subscription,
        catalog: &Catalog,
    ) -> Self {
        let id = subscription.id.to_string();
        let self_uri = format!("{}/subscriptions/{id}", customer_uri(customer));
        let mut links = NamedLinks::default();
        let catalog_item = subscription.offer_id.contains(':');
        // Marketplace products name their own publisher.
        let product = catalog
            .products()
            .item(&subscription.offer_id)
            .map(|item| item.product);
        if catalog_item {
            links = catalog_item_links(links, &subscription.offer_id);
        } else {
            links = links.with_get(
                "offer",
                format!("/v1/offers/{}?country=US", subscription.offer_id),
            );
        }
        if let Some(parent) = subscription.parent_subscription_id {
            links = links.with_get(
                "parentSubscription",
                format!("{}/subscriptions/{parent}", customer_uri(customer)),
            );
        }
        Self {
            entitlement_id: subscription.entitlement_id.as_deref(),
            offer_id: &subscription.offer_id,
            offer_name: &subscription.offer_name,
            friendly_name: &subscription.friendly_name,
            product_type: subscription.product_type.as_ref(),
            quantity: subscription.quantity,
            unit_type: &subscription.unit_type,
            parent_subscription_id: subscription.parent_subscription_id.map(|p| p.to_string()),
            has_purchasable_addons: catalog
                .offer(&subscription.offer_id)
                .is_some_and(|offer| !offer.add_ons.is_empty()),
            creation_date: date::format(&subscription.creation_date),
            effective_start_date: date::format(&subscription.effective_start_date),
            commitment_end_date: date::format(&subscription.commitment_end_date),
            cancellation_allowed_until_date: subscription
                .cancellation_allowed_until_date
                .as_ref()
                .map(date::format),
            status: subscription.status,
            auto_renew_enabled: subscription.auto_renew_enabled,
            is_trial: subscription.is_trial,
            billing_type: subscription.billing_type,
            billing_cycle: subscription.billing_cycle,
            term_duration: subscription.term_duration.as_deref(),
            contract_type: subscription.contract_type,
            partner_id: subscription.partner_id.as_deref(),
            refund_options: subscription
                .cancellation_allowed_until_date
                .filter(|_| subscription.is_new_commerce())
                .map(|until| {
                    vec![RefundOption {
                        kind: "Full",
                        expires_at: date::format(&until),
                    }]
                }),
            refundable_quantity: RefundableQuantity::of(subscription),
            scheduled_next_term_instructions: subscription
                .lifecycle
                .scheduled_next_term_instructions
                .as_deref()
                .map(ScheduledInstructionsView::of),
            migrated_from_subscription_id: subscription
                .lifecycle
                .migrated_from_subscription_id
                .map(|id| id.to_string()),
            is_microsoft_product: catalog_item
                .then(|| product.is_none_or(|p| p.is_microsoft_product)),
            publisher_name: catalog_item.then(|| {
                product.map_or_else(
                    || "Microsoft Corporation".to_owned(),
                    |p| p.publisher_name.clone(),
                )
            }),
            links: links.with_get("self", self_uri),
            order_id: &subscription.order_id,
            attributes: Attributes::with_etag("Subscription", etag(&id, subscription.version)),
            id,
        }
    }
}

/// `SubscriptionProvisioningStatus`: whether a subscription's purchase is provisioned.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SubscriptionProvisioningView<'a> {
    /// The SKU: a legacy offer id, or `product:sku` of a catalog item.
    pub sku_id: &'a str,
    pub status: SubscriptionProvisioningStatus,
    pub quantity: u32,
    #[serde(with = "crate::wire::date")]
    #[schemars(with = "crate::wire::date::WireDate")]
    pub end_date: DateTime<Utc>,
    pub attributes: Attributes,
}

impl<'a> SubscriptionProvisioningView<'a> {
    pub(crate) fn new(
        subscription: &'a Subscription,
        status: SubscriptionProvisioningStatus,
    ) -> Self {
        let sku_id = match subscription.offer_id.rsplit_once(':') {
            Some((product_and_sku, _)) => product_and_sku,
            None => &subscription.offer_id,
        };
        Self {
            sku_id,
            status,
            quantity: subscription.quantity,
            end_date: subscription.commitment_end_date,
            attributes: Attributes::of("SubscriptionProvisioningStatus"),
        }
    }
}
