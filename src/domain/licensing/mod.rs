//! Licences: the product SKUs licences are of, the units a customer's subscriptions give it per
//! SKU, and assigning them to users (reference api-users-licenses §5).

pub mod product_skus;
pub mod units;
pub mod update;

pub use product_skus::{ProductSku, ServicePlan, TargetType, product_sku, sku_of_offer};
pub use units::SubscribedSku;
pub use update::{LicenseChanges, LicenseUpdate};

crate::wire_enum! {
    /// `licenseGroupId` (.NET SDK `LicenseGroupId`): `group1` is the licences Entra ID manages,
    /// `group2` Minecraft's.
    pub enum LicenseGroup {
        /// No licence group.
        None = 0 => "none",
        /// Licences Entra ID manages.
        Group1 = 1 => "group1",
        /// Minecraft Education licences.
        Group2 = 2 => "group2",
    }
}
