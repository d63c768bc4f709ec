//! `Product`: a grouping of purchasable goods or services (reference api-new-commerce §2.3). A
//! product is not bought itself; its SKUs' availabilities are.

use super::sku::Sku;
use crate::domain::offer::OfferKind;
use crate::domain::subscription::NEW_COMMERCE_PRODUCT_TYPE;
use serde::{Deserialize, Serialize};

/// The `productType.id` of Azure products: the Azure plan, reservations and savings plans.
pub const AZURE_PRODUCT_TYPE: &str = "Azure";
/// The `productType.id` of software products.
pub const SOFTWARE_PRODUCT_TYPE: &str = "Software";
/// The `productType.id` of marketplace SaaS products (mock-defined spelling).
pub const MARKETPLACE_PRODUCT_TYPE: &str = "SaaS";
/// The `productType.subType.id` of Azure savings plans.
pub const SAVINGS_PLAN_SUB_TYPE: &str = "SavingsPlan";

/// A product of the catalog, with its SKUs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    /// Twelve upper-case letters and digits, such as `CFQ7TTC0LH18`.
    pub id: String,
    /// The product's name.
    pub title: String,
    /// The product, in words.
    #[serde(default)]
    pub description: String,
    /// The product's type (`OnlineServices`, `Azure`, `Software`...).
    pub product_type: ItemType,
    /// Whether Microsoft publishes it.
    #[serde(default = "yes")]
    pub is_microsoft_product: bool,
    /// Who publishes it.
    #[serde(default = "microsoft")]
    pub publisher_name: String,
    /// The SKUs.
    pub skus: Vec<Sku>,
}

const fn yes() -> bool {
    true
}

fn microsoft() -> String {
    "Microsoft Corporation".to_owned()
}

/// `ItemType`: `{"id": "Azure", "displayName": "Azure", "subType": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ItemType {
    /// The type's id.
    pub id: String,
    /// The type's name.
    pub display_name: String,
    /// A finer type (an Azure reservation's `VirtualMachines`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_type: Option<Box<ItemType>>,
}

impl ItemType {
    /// Whether the type's id is `id`, in any case.
    pub fn is(&self, id: &str) -> bool {
        self.id.eq_ignore_ascii_case(id)
    }

    /// The sub-type's id, if the type has one.
    pub fn sub_type_id(&self) -> Option<&str> {
        self.sub_type.as_deref().map(|sub| sub.id.as_str())
    }
}

impl Product {
    /// What buying this product creates, read from its product type (reference
    /// api-new-commerce §3.8): `OnlineServicesNCE` a new-commerce subscription; `Azure` without a
    /// sub-type the Azure plan, with sub-type `SavingsPlan` a savings plan, with any other
    /// sub-type (`VirtualMachines`, `SqlDatabases`, ...) a reservation; `Software` a software
    /// entitlement; `SaaS` a marketplace subscription. `None` for a type the mock does not sell.
    pub fn kind(&self) -> Option<OfferKind> {
        let product_type = &self.product_type;
        if product_type.is(NEW_COMMERCE_PRODUCT_TYPE) {
            Some(OfferKind::NewCommerce)
        } else if product_type.is(AZURE_PRODUCT_TYPE) {
            Some(match product_type.sub_type_id() {
                None => OfferKind::AzurePlan,
                Some(sub) if sub.eq_ignore_ascii_case(SAVINGS_PLAN_SUB_TYPE) => {
                    OfferKind::SavingsPlan
                }
                Some(_) => OfferKind::ReservedInstance,
            })
        } else if product_type.is(SOFTWARE_PRODUCT_TYPE) {
            Some(OfferKind::Software)
        } else if product_type.is(MARKETPLACE_PRODUCT_TYPE) {
            Some(OfferKind::Marketplace)
        } else {
            None
        }
    }

    /// The SKU `id` of this product; ids compare case-insensitively.
    pub fn sku(&self, id: &str) -> Option<&Sku> {
        self.skus.iter().find(|sku| sku.id.eq_ignore_ascii_case(id))
    }
}
