//! The product catalog (`/v1/products`): products, their SKUs, and the availabilities that make
//! a SKU purchasable in a market, with the reading rules and errors of the catalog pages
//! (reference api-new-commerce §2).
//!
//! Lookups by id compare ids case-insensitively. A listing shows what is sold in the market it is
//! read for ([`Market`]); a lookup of one resource needs only its country.

pub mod availability;
#[cfg(test)]
pub(crate) mod fixture;
pub mod item;
pub mod market;
pub mod product;
pub mod sku;
pub mod target_view;
pub(crate) mod validation;

pub use availability::{Availability, CatalogTerm};
pub use item::{CatalogItem, CatalogItemId};
pub use market::{Currency, Market, Segment, currency_of};
pub use product::{ItemType, Product};
pub use sku::Sku;
pub use target_view::TargetView;

use super::error::DomainError;
use serde::{Deserialize, Serialize};

/// Every product the partner can sell through the product catalog.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProductCatalog {
    /// The products, each with its SKUs and their availabilities.
    pub products: Vec<Product>,
}

impl ProductCatalog {
    /// `GET /v1/products?country&targetView&targetSegment`: the products of `view` with at least
    /// one availability the market shows.
    pub fn products(&self, view: TargetView, market: &Market) -> Vec<&Product> {
        self.products
            .iter()
            .filter(|product| view.includes(product) && shows_product(product, market))
            .collect()
    }

    /// `GET /v1/products/{id}?country`: a product sold in the market's country.
    ///
    /// Errors: [`DomainError::ProductNotFound`] (404 400013).
    pub fn product(&self, id: &str, market: &Market) -> Result<&Product, DomainError> {
        self.products
            .iter()
            .find(|product| product.id.eq_ignore_ascii_case(id.trim()))
            .filter(|product| sold_in(product.skus.iter().flat_map(|s| &s.availabilities), market))
            .ok_or_else(|| DomainError::ProductNotFound(id.to_owned()))
    }

    /// `GET /v1/products/{id}/skus?country&targetSegment`: the product's SKUs that have an
    /// availability the market shows.
    ///
    /// Errors: [`DomainError::ProductNotFound`] (404 400013).
    pub fn skus(&self, product_id: &str, market: &Market) -> Result<Vec<&Sku>, DomainError> {
        let product = self.product(product_id, market)?;
        Ok(product
            .skus
            .iter()
            .filter(|sku| shows_sku(sku, market))
            .collect())
    }

    /// `GET /v1/products/{id}/skus/{skuId}?country`.
    ///
    /// Errors: [`DomainError::ProductNotFound`] (404 400013), [`DomainError::SkuNotFound`]
    /// (404 400018).
    pub fn sku(
        &self,
        product_id: &str,
        sku_id: &str,
        market: &Market,
    ) -> Result<&Sku, DomainError> {
        self.product(product_id, market)?
            .sku(sku_id.trim())
            .filter(|sku| sold_in(&sku.availabilities, market))
            .ok_or_else(|| DomainError::SkuNotFound(sku_id.to_owned()))
    }

    /// `GET /v1/products/{id}/skus/{skuId}/availabilities?country&targetSegment`.
    ///
    /// Errors: as [`ProductCatalog::sku`].
    pub fn availabilities(
        &self,
        product_id: &str,
        sku_id: &str,
        market: &Market,
    ) -> Result<Vec<&Availability>, DomainError> {
        let sku = self.sku(product_id, sku_id, market)?;
        Ok(sku
            .availabilities
            .iter()
            .filter(|availability| shows_availability(availability, market))
            .collect())
    }

    /// `GET /v1/products/{id}/skus/{skuId}/availabilities/{availabilityId}?country`.
    ///
    /// Errors: as [`ProductCatalog::sku`], and [`DomainError::AvailabilityNotFound`]
    /// (404 400019).
    pub fn availability(
        &self,
        product_id: &str,
        sku_id: &str,
        availability_id: &str,
        market: &Market,
    ) -> Result<CatalogItem<'_>, DomainError> {
        self.sku(product_id, sku_id, market)?;
        let id = format!("{product_id}:{sku_id}:{availability_id}");
        self.item(&id)
            .filter(|item| item.availability.is_sold_in(market.country()))
            .ok_or_else(|| DomainError::AvailabilityNotFound(availability_id.to_owned()))
    }

    /// The catalog item `product:sku:availability`, in any market; `None` when the id is not
    /// one, names nothing, or names a product of a type the mock does not sell.
    pub fn item(&self, catalog_item_id: &str) -> Option<CatalogItem<'_>> {
        let id = CatalogItemId::parse(catalog_item_id)?;
        let product = self
            .products
            .iter()
            .find(|product| product.id.eq_ignore_ascii_case(id.product))?;
        let sku = product.sku(id.sku)?;
        let availability = sku.availability(id.availability)?;
        Some(CatalogItem {
            product,
            sku,
            availability,
            kind: product.kind()?,
        })
    }

    /// Every catalog item, in catalog order.
    pub fn items(&self) -> impl Iterator<Item = CatalogItem<'_>> {
        self.products.iter().flat_map(|product| {
            let kind = product.kind();
            product.skus.iter().flat_map(move |sku| {
                sku.availabilities.iter().filter_map(move |availability| {
                    Some(CatalogItem {
                        product,
                        sku,
                        availability,
                        kind: kind?,
                    })
                })
            })
        })
    }
}

fn sold_in<'a>(
    availabilities: impl IntoIterator<Item = &'a Availability>,
    market: &Market,
) -> bool {
    availabilities
        .into_iter()
        .any(|availability| availability.is_sold_in(market.country()))
}

fn shows_availability(availability: &Availability, market: &Market) -> bool {
    availability.is_sold_in(market.country()) && market.shows(availability.segment)
}

fn shows_sku(sku: &Sku, market: &Market) -> bool {
    sku.availabilities
        .iter()
        .any(|availability| shows_availability(availability, market))
}

fn shows_product(product: &Product, market: &Market) -> bool {
    product.skus.iter().any(|sku| shows_sku(sku, market))
}

#[cfg(test)]
mod tests {
    use super::fixture::{self, *};
    use super::*;

    fn us() -> Market {
        Market::new("US", None).unwrap()
    }

    fn listed(view: TargetView, market: &Market) -> Vec<String> {
        fixture::catalog()
            .products(view, market)
            .iter()
            .map(|p| p.id.clone())
            .collect()
    }

    #[test]
    fn new_commerce_products_are_listed_under_online_services_by_their_product_type() {
        let ids = listed(TargetView::OnlineServices, &us());
        assert_eq!(
            ids,
            [
                "CFQ7TTC0LH18",
                "CFQ7TTC0LF8R",
                "CFQ7TTC0ADD1",
                "CFQ7TTC0ATT1",
                "CFQ7TTC0TRL1",
                "CFQ7TTC0EDU1"
            ]
        );
        let catalog = fixture::catalog();
        assert!(
            catalog
                .products(TargetView::OnlineServices, &us())
                .iter()
                .all(|p| p.product_type.id == "OnlineServicesNCE")
        );
    }

    #[test]
    fn each_azure_view_lists_its_own_products() {
        assert_eq!(listed(TargetView::MicrosoftAzure, &us()), ["DZH318Z0BPS6"]);
        assert_eq!(
            listed(TargetView::AzureReservationsVm, &us()),
            ["DZH318Z0BQ3W"]
        );
        assert_eq!(
            listed(TargetView::AzureReservations, &us()),
            ["DZH318Z0BQ3W"]
        );
        assert!(listed(TargetView::AzureReservationsSql, &us()).is_empty());
        assert_eq!(
            listed(TargetView::Azure, &us()),
            ["DZH318Z0BPS6", "DZH318Z0BQ3W", "DZH318Z09V6F"]
        );
        assert_eq!(listed(TargetView::Software, &us()), ["DG7GMGF0DWTK"]);
        assert_eq!(
            listed(TargetView::SoftwarePerpetual, &us()),
            ["DG7GMGF0DWTK"]
        );
        assert_eq!(listed(TargetView::MarketplaceSaaS, &us()), ["DZH318Z0BXWC"]);
        assert!(listed(TargetView::SpecializedOffers, &us()).is_empty());
    }

    #[test]
    fn listings_show_only_what_the_country_and_segment_buy() {
        let gb = Market::new("gb", None).unwrap();
        assert_eq!(listed(TargetView::OnlineServices, &gb), ["CFQ7TTC0LH18"]);
        let education = Market::new("US", Some("education")).unwrap();
        assert_eq!(
            listed(TargetView::OnlineServices, &education),
            ["CFQ7TTC0EDU1"]
        );
        let catalog = fixture::catalog();
        let commercial = catalog
            .availabilities("CFQ7TTC0LH18", "0001", &us())
            .unwrap();
        assert_eq!(
            commercial.len(),
            1,
            "nonprofit is shown only when asked for"
        );
        let nonprofit = Market::new("US", Some("Nonprofit")).unwrap();
        let nonprofit = catalog
            .availabilities("cfq7ttc0lh18", "0001", &nonprofit)
            .unwrap();
        assert_eq!(nonprofit[0].id, "CFQ7TTC0NP01");
    }

    #[test]
    fn missing_products_skus_and_availabilities_are_their_own_errors() {
        let catalog = fixture::catalog();
        let market = us();
        assert_eq!(
            catalog.product("NOPE", &market),
            Err(DomainError::ProductNotFound("NOPE".to_owned()))
        );
        let gb = Market::new("GB", None).unwrap();
        assert!(matches!(
            catalog.product("DZH318Z0BPS6", &gb),
            Err(DomainError::ProductNotFound(_))
        ));
        assert!(matches!(
            catalog.skus("NOPE", &market),
            Err(DomainError::ProductNotFound(_))
        ));
        assert_eq!(
            catalog.sku("CFQ7TTC0LH18", "0009", &market),
            Err(DomainError::SkuNotFound("0009".to_owned()))
        );
        assert!(matches!(
            catalog.availability("CFQ7TTC0LH18", "0001", "NOPE", &market),
            Err(DomainError::AvailabilityNotFound(_))
        ));
        assert!(matches!(
            catalog.availability("CFQ7TTC0LH18", "0001", "CFQ7TTC0K971", &gb),
            Ok(item) if item.id() == BASIC
        ));
    }

    #[test]
    fn a_catalog_item_is_found_by_its_id_in_any_case_with_its_kind() {
        let catalog = fixture::catalog();
        let item = catalog.item(&BASIC.to_lowercase()).unwrap();
        assert_eq!(item.id(), BASIC);
        assert_eq!(item.kind, crate::domain::offer::OfferKind::NewCommerce);
        assert_eq!(
            catalog.item(SAVINGS_PLAN).unwrap().kind,
            crate::domain::offer::OfferKind::SavingsPlan
        );
        assert_eq!(
            catalog.item(RESERVED_VM).unwrap().kind,
            crate::domain::offer::OfferKind::ReservedInstance
        );
        assert_eq!(
            catalog.item(SAAS).unwrap().kind,
            crate::domain::offer::OfferKind::Marketplace
        );
        assert!(catalog.item("CFQ7TTC0LH18:0001:NOPE").is_none());
        assert!(catalog.item("MS-AZR-0145P").is_none());
        assert_eq!(catalog.items().count(), 12);
    }

    #[test]
    fn an_item_offers_billing_cycles_per_term_or_per_sku_when_terms_name_none() {
        use crate::domain::subscription::BillingCycle::{Annual, Monthly, OneTime, Triennial};
        let catalog = fixture::catalog();
        let basic = catalog.item(BASIC).unwrap();
        assert!(basic.offers_term("p1y"));
        assert!(!basic.offers_term("P3Y"));
        assert!(basic.offers_billing(Some("P1Y"), Annual));
        assert!(!basic.offers_billing(Some("P1M"), Annual));
        let e3 = catalog.item(E3).unwrap();
        assert!(e3.offers_billing(Some("P3Y"), Triennial));
        let reserved = catalog.item(RESERVED_VM).unwrap();
        assert!(reserved.offers_billing(Some("P1Y"), OneTime));
        assert!(!reserved.offers_billing(Some("P1Y"), Monthly));
    }

    #[test]
    fn an_item_is_bought_as_an_offer_with_the_sku_limits_and_the_first_term() {
        let catalog = fixture::catalog();
        let offer = catalog.item(BASIC).unwrap().offer();
        assert_eq!(offer.id, BASIC);
        assert_eq!(offer.maximum_quantity, 300);
        assert_eq!(offer.term_duration.as_deref(), Some("P1Y"));
        let add_on = catalog.item(PHONE_ADD_ON).unwrap().offer();
        assert!(add_on.is_add_on);
        assert_eq!(add_on.prerequisite_offers, ["CFQ7TTC0LF8R:0001"]);
        let plan = catalog.item(AZURE_PLAN).unwrap().offer();
        assert!(!plan.is_auto_renewable);
        assert_eq!(plan.unit_type, "Usage-based");
    }
}
