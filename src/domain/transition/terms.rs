//! What a transition may move to: the catalog items a subscription's SKU names in
//! `dynamicAttributes.upgradeTargetOffers`, and the term and billing cycle a new or upgraded
//! subscription gets (reference api-new-commerce §5.2, §11.13; error codes 900267–900270,
//! 800107).

use crate::domain::catalog::{CatalogItem, ProductCatalog};
use crate::domain::error::DomainError;
use crate::domain::subscription::{BillingCycle, Subscription};
use crate::domain::term::Term;

/// The catalog item a subscription was bought as, when it was bought from the product catalog.
pub(super) fn source_item<'c>(
    products: &'c ProductCatalog,
    source: &Subscription,
) -> Option<CatalogItem<'c>> {
    products.item(&source.offer_id)
}

/// Every catalog item `source` can transition to in `country`: the availabilities, sold there
/// in the source's segment, of each SKU its SKU names as an upgrade target, in the order named.
pub(super) fn targets<'c>(
    products: &'c ProductCatalog,
    source: &CatalogItem<'_>,
    country: &str,
) -> Vec<CatalogItem<'c>> {
    let mut items = Vec::new();
    for named in source.sku.upgrade_targets() {
        let Some((product_id, sku_id)) = named.split_once(':') else {
            continue;
        };
        let Some(product) = products
            .products
            .iter()
            .find(|product| product.id.eq_ignore_ascii_case(product_id))
        else {
            continue;
        };
        let (Some(sku), Some(kind)) = (product.sku(sku_id), product.kind()) else {
            continue;
        };
        for availability in &sku.availabilities {
            let item = CatalogItem {
                product,
                sku,
                availability,
                kind,
            };
            if sells(source, &item, country) {
                items.push(item);
            }
        }
    }
    items
}

/// Whether `target` is one of the items `source` can transition to in `country`.
pub(super) fn is_target(source: &CatalogItem<'_>, target: &CatalogItem<'_>, country: &str) -> bool {
    source.sku.upgrades_to(&target.product.id, &target.sku.id) && sells(source, target, country)
}

/// Whether `target`'s availability is sold in `country`, in the source's segment.
pub(super) fn sells(source: &CatalogItem<'_>, target: &CatalogItem<'_>, country: &str) -> bool {
    target.availability.is_sold_in(country)
        && target.availability.is_purchasable
        && target.availability.segment == source.availability.segment
}

/// The months of a subscription's term; a subscription without one counts as none.
pub(super) fn months_of(subscription: &Subscription) -> u32 {
    subscription.term_duration.as_ref().map_or(0, Term::months)
}

/// How many months one billing period lasts; `None` for cycles without periods.
fn cycle_months(cycle: BillingCycle) -> Option<u32> {
    match cycle {
        BillingCycle::Monthly => Some(1),
        BillingCycle::Annual => Some(12),
        BillingCycle::Biennial => Some(24),
        BillingCycle::Triennial => Some(36),
        BillingCycle::Unknown | BillingCycle::None | BillingCycle::OneTime => None,
    }
}

/// The term a new-commerce trial converts to: a year where the target offers one, else the
/// target's first term.
fn conversion_term(target: &CatalogItem<'_>) -> Option<Term> {
    let terms = &target.availability.terms;
    terms
        .iter()
        .find(|term| term.duration.eq_ignore_ascii_case("P1Y"))
        .or_else(|| terms.first())
        .map(|term| term.duration.clone())
}

/// The term of a transition to `target`: the one asked for, else the source's when the target
/// offers it, else the target's first that is not shorter. A trial converts to its conversion
/// term only.
///
/// Errors: [`DomainError::TrialTermChange`] (800107), [`DomainError::TransitionTermShorter`]
/// (900267), [`DomainError::TransitionTermInvalid`] (900268).
pub(super) fn term(
    asked: Option<&str>,
    source: &Subscription,
    target: &CatalogItem<'_>,
) -> Result<Term, DomainError> {
    let offered = |duration: &str| {
        target
            .availability
            .terms_of(duration)
            .next()
            .map(|term| term.duration.clone())
    };
    if source.is_trial {
        let conversion = conversion_term(target)
            .ok_or_else(|| DomainError::TransitionTermInvalid(String::new()))?;
        return match asked {
            Some(asked) if !asked.trim().eq_ignore_ascii_case(&conversion) => {
                Err(DomainError::TrialTermChange)
            }
            _ => Ok(conversion),
        };
    }
    let least = months_of(source);
    match asked {
        Some(asked) => {
            let months = Term::parse(asked)
                .map(|term| term.months())
                .ok_or_else(|| DomainError::TransitionTermInvalid(asked.to_owned()))?;
            if months < least {
                return Err(DomainError::TransitionTermShorter);
            }
            offered(asked.trim())
                .ok_or_else(|| DomainError::TransitionTermInvalid(asked.to_owned()))
        }
        None => source
            .term_duration
            .as_deref()
            .and_then(offered)
            .or_else(|| {
                target
                    .availability
                    .terms
                    .iter()
                    .find(|term| term.duration.months() >= least)
                    .map(|term| term.duration.clone())
            })
            .ok_or(DomainError::TransitionTermShorter),
    }
}

/// The billing cycle of a transition to `target` for `term`: the one asked for, else the
/// source's when the target offers it for the term, else monthly, else the first the term names.
///
/// Errors: [`DomainError::TransitionBillingCycleLongerThanTerm`] (900270),
/// [`DomainError::TransitionBillingCycleInvalid`] (900269).
pub(super) fn billing_cycle(
    asked: Option<&str>,
    term: &Term,
    source: &Subscription,
    target: &CatalogItem<'_>,
) -> Result<BillingCycle, DomainError> {
    let offered = |cycle: BillingCycle| target.offers_billing(Some(term.as_str()), cycle);
    match asked {
        Some(asked) => {
            let cycle = BillingCycle::from_wire(asked.trim())
                .ok_or_else(|| DomainError::TransitionBillingCycleInvalid(asked.to_owned()))?;
            let term_length = term.months();
            if cycle_months(cycle).is_some_and(|months| months > term_length) {
                return Err(DomainError::TransitionBillingCycleLongerThanTerm);
            }
            if offered(cycle) {
                Ok(cycle)
            } else {
                Err(DomainError::TransitionBillingCycleInvalid(asked.to_owned()))
            }
        }
        None => [source.billing_cycle, BillingCycle::Monthly]
            .into_iter()
            .find(|cycle| offered(*cycle))
            .or_else(|| {
                target
                    .availability
                    .terms_of(term)
                    .find_map(|t| t.billing_cycle)
            })
            .ok_or_else(|| DomainError::TransitionBillingCycleInvalid(String::new())),
    }
}
