//! Catalog items: `catalogItemId` = `{productId}:{skuId}:{availabilityId}`, the id a cart line or
//! an order line buys (reference api-new-commerce §2.3), and what buying one means to the order
//! fulfilment.

use super::availability::{Availability, CatalogTerm};
use super::product::Product;
use super::sku::Sku;
use crate::domain::offer::{Offer, OfferKind};
use crate::domain::subscription::BillingCycle;

/// The three parts of a `catalogItemId`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogItemId<'a> {
    /// The product's id.
    pub product: &'a str,
    /// The SKU's id.
    pub sku: &'a str,
    /// The availability's id.
    pub availability: &'a str,
}

impl<'a> CatalogItemId<'a> {
    /// Splits `product:sku:availability`; `None` for anything else, such as a legacy offer id.
    pub fn parse(text: &'a str) -> Option<Self> {
        let mut parts = text.trim().split(':');
        let (product, sku, availability) = (parts.next()?, parts.next()?, parts.next()?);
        let parts_present = [product, sku, availability].iter().all(|p| !p.is_empty());
        (parts.next().is_none() && parts_present).then_some(Self {
            product,
            sku,
            availability,
        })
    }
}

/// One purchasable availability, with its SKU and product.
#[derive(Debug, Clone, Copy)]
pub struct CatalogItem<'a> {
    /// The product.
    pub product: &'a Product,
    /// The SKU.
    pub sku: &'a Sku,
    /// The availability.
    pub availability: &'a Availability,
    /// What kind of purchase it is (licence, Azure plan, reservation, software, SaaS...).
    pub kind: OfferKind,
}

impl CatalogItem<'_> {
    /// The catalog item id, in the catalog's own spelling.
    pub fn id(&self) -> String {
        format!(
            "{}:{}:{}",
            self.product.id, self.sku.id, self.availability.id
        )
    }

    /// Whether the availability offers a term of `duration` (`P1M`, `P1Y`, `P3Y`).
    pub fn offers_term(&self, duration: &str) -> bool {
        self.availability.terms_of(duration).next().is_some()
    }

    /// Whether a purchase may be billed `cycle` for the term `duration`: a term of that duration
    /// names the cycle, or (reservations, savings plans and perpetual software, whose terms name
    /// none) the SKU supports it.
    pub fn offers_billing(&self, duration: Option<&str>, cycle: BillingCycle) -> bool {
        let named: Vec<&CatalogTerm> = match duration {
            Some(duration) => self
                .availability
                .terms_of(duration)
                .filter(|term| term.billing_cycle.is_some())
                .collect(),
            None => Vec::new(),
        };
        if named.is_empty() {
            self.sku.supported_billing_cycles.contains(&cycle)
        } else {
            named.iter().any(|term| term.billing_cycle == Some(cycle))
        }
    }

    /// The item as the order fulfilment sees it: an [`Offer`] whose limits and defaults are the
    /// SKU's and the availability's. A purchase without a term gets the availability's first.
    pub fn offer(&self) -> Offer {
        let sku = self.sku;
        Offer {
            id: self.id().into(),
            name: sku.title.clone(),
            description: sku.description.clone(),
            kind: self.kind,
            minimum_quantity: sku.minimum_quantity,
            maximum_quantity: sku.maximum_quantity,
            billing: self.kind.billing_type(),
            unit_type: self.kind.unit_type().into(),
            is_add_on: sku.is_add_on(),
            add_ons: Vec::new(),
            prerequisite_offers: sku
                .prerequisite_skus()
                .into_iter()
                .map(str::to_owned)
                .collect(),
            supported_billing_cycles: sku.supported_billing_cycles.clone(),
            is_auto_renewable: self.availability.is_renewable,
            term_duration: self
                .availability
                .terms
                .first()
                .map(|term| term.duration.clone()),
            category: None,
            new_commerce_successor: None,
            is_trial: sku.is_trial,
            upgrade_target_offers: Vec::new(),
            conversion_target_offers: Vec::new(),
            new_commerce_equivalent: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_item_ids_have_three_non_empty_parts() {
        let id = CatalogItemId::parse("CFQ7TTC0LH18:0001:CFQ7TTC0K971").unwrap();
        assert_eq!(
            (id.product, id.sku, id.availability),
            ("CFQ7TTC0LH18", "0001", "CFQ7TTC0K971")
        );
        for not_an_item in [
            "MS-AZR-0145P",
            "91fd106f-4b2c-4938-95ac-f54f74e9a239",
            "A:B",
            "A::C",
            "A:B:C:D",
        ] {
            assert!(CatalogItemId::parse(not_an_item).is_none(), "{not_an_item}");
        }
    }
}
