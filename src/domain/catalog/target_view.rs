//! `targetView`: which part of the catalog a product listing shows (reference
//! api-new-commerce §2.2). There is no new-commerce view: new-commerce products are listed under
//! `OnlineServices` and recognised by their product type `OnlineServicesNCE`.

use super::product::{
    AZURE_PRODUCT_TYPE, MARKETPLACE_PRODUCT_TYPE, Product, SAVINGS_PLAN_SUB_TYPE,
    SOFTWARE_PRODUCT_TYPE,
};
use crate::domain::error::DomainError;
use crate::domain::subscription::NEW_COMMERCE_PRODUCT_TYPE;

crate::wire_enum! {
    /// The documented `targetView` values, read case-insensitively.
    pub enum TargetView {
        /// Azure products.
        Azure = 0 => "Azure",
        /// Azure reservations.
        AzureReservations = 1 => "AzureReservations",
        /// Azure virtual machine reservations.
        AzureReservationsVm = 2 => "AzureReservationsVM",
        /// Azure SQL reservations.
        AzureReservationsSql = 3 => "AzureReservationsSQL",
        /// Azure Cosmos DB reservations.
        AzureReservationsCosmosDb = 4 => "AzureReservationsCosmosDb",
        /// The Azure plan.
        MicrosoftAzure = 5 => "MicrosoftAzure",
        /// Online services (Microsoft 365, Dynamics 365...), new commerce.
        OnlineServices = 6 => "OnlineServices",
        /// Software.
        Software = 7 => "Software",
        /// SUSE Linux software.
        SoftwareSuseLinux = 8 => "SoftwareSUSELinux",
        /// Perpetual software.
        SoftwarePerpetual = 9 => "SoftwarePerpetual",
        /// Software subscriptions.
        SoftwareSubscriptions = 10 => "SoftwareSubscriptions",
        /// Specialised offers.
        SpecializedOffers = 11 => "SpecializedOffers",
        /// Marketplace SaaS offers.
        MarketplaceSaaS = 12 => "MarketplaceSaaS",
    }
}

/// The reservation sub-types of each reservation view.
const VM_SUB_TYPE: &str = "VirtualMachines";
const SQL_SUB_TYPE: &str = "SqlDatabases";
const COSMOS_DB_SUB_TYPE: &str = "CosmosDb";

impl TargetView {
    /// Reads a `targetView` value. The docs' misspelling `AzureAzureReservationsVM` (two of its
    /// examples) is taken as `AzureReservationsVM`.
    ///
    /// Errors: [`DomainError::TargetViewNotAllowed`] (403 400036) for any other value.
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("AzureAzureReservationsVM") {
            return Ok(Self::AzureReservationsVm);
        }
        Self::from_wire(text).ok_or_else(|| DomainError::TargetViewNotAllowed(text.to_owned()))
    }

    /// Whether a listing of this view shows `product`:
    /// `OnlineServices` the new-commerce licence products; `MicrosoftAzure` the Azure plan;
    /// `Azure` every Azure product; `AzureReservations` the reservations, and each
    /// `AzureReservations...` view those of its sub-type; `Software` every software product and
    /// `SoftwarePerpetual`, `SoftwareSubscriptions`, `SoftwareSUSELinux` those of that sub-type;
    /// `MarketplaceSaaS` the marketplace products; `SpecializedOffers` nothing the mock sells.
    pub fn includes(self, product: &Product) -> bool {
        let product_type = &product.product_type;
        let sub_type_is = |sub: &str| {
            product_type
                .sub_type_id()
                .is_some_and(|id| id.eq_ignore_ascii_case(sub))
        };
        let azure = product_type.is(AZURE_PRODUCT_TYPE);
        let reservation =
            azure && product_type.sub_type.is_some() && !sub_type_is(SAVINGS_PLAN_SUB_TYPE);
        let software = product_type.is(SOFTWARE_PRODUCT_TYPE);
        match self {
            Self::OnlineServices => product_type.is(NEW_COMMERCE_PRODUCT_TYPE),
            Self::MicrosoftAzure => azure && product_type.sub_type.is_none(),
            Self::Azure => azure,
            Self::AzureReservations => reservation,
            Self::AzureReservationsVm => reservation && sub_type_is(VM_SUB_TYPE),
            Self::AzureReservationsSql => reservation && sub_type_is(SQL_SUB_TYPE),
            Self::AzureReservationsCosmosDb => reservation && sub_type_is(COSMOS_DB_SUB_TYPE),
            Self::Software => software,
            Self::SoftwarePerpetual => software && sub_type_is("Perpetual"),
            Self::SoftwareSubscriptions => software && sub_type_is("Subscriptions"),
            Self::SoftwareSuseLinux => software && sub_type_is("SUSELinux"),
            Self::MarketplaceSaaS => product_type.is(MARKETPLACE_PRODUCT_TYPE),
            Self::SpecializedOffers => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_views_are_read_in_any_case_and_unknown_ones_are_not_allowed() {
        assert_eq!(
            TargetView::parse("onlineservices").unwrap(),
            TargetView::OnlineServices
        );
        assert_eq!(
            TargetView::parse("AzureAzureReservationsVM").unwrap(),
            TargetView::AzureReservationsVm
        );
        assert_eq!(
            TargetView::parse("OnlineServicesNCE"),
            Err(DomainError::TargetViewNotAllowed(
                "OnlineServicesNCE".to_owned()
            ))
        );
    }
}
