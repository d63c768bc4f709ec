//! Whether a legacy subscription can move to new commerce, and what it would become
//! (`POST .../migrations/newcommerce/validate`; reference api-new-commerce §5.5): the plan a
//! validation answers and a migration carries out.
//!
//! The checks, each an integer eligibility code of Microsoft's migration tool:
//! - 1: a migration is already processing the subscription;
//! - 0: the subscription is not active;
//! - 5: its offer names no new-commerce equivalent the catalog sells (or it is new commerce
//!   already, or it is an add-on whose base has not moved yet);
//! - 2: it is in the last 24 hours of its term and no full term is bought;
//! - 6: the term and billing cycle asked for (or carried over) are not sold together;
//! - 4 (base only): an add-on of the bundle cannot migrate.
//!
//! Never raised: 3 (the mock's legacy subscriptions carry no promotions), 7 (the one-month rule
//! is off in the integration sandbox, whose behaviour the mock follows) and 8.

use super::request::{Asked, MigrationRequest};
use crate::domain::catalog::CatalogItem;
use crate::domain::customer::Customer;
use crate::domain::error::DomainError;
use crate::domain::ids::SubscriptionId;
use crate::domain::offer::{Catalog, OfferKind};
use crate::domain::subscription::{BillingCycle, Subscription, SubscriptionStatus};
use crate::domain::term::Term;
use chrono::{DateTime, Duration, Utc};

/// `NewCommerceEligibilityErrorCode`, written as its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EligibilityErrorCode {
    /// 0: the subscription is not active.
    SubscriptionStatusNotActive = 0,
    /// 1: the subscription is being processed (an order or a migration is in flight).
    SubscriptionBeingProcessingInOms = 1,
    /// 2: the subscription's term ends too soon.
    SubscriptionTooCloseToTermEnd = 2,
    /// 3: the subscription carries promotions.
    SubscriptionPromotionsPresent = 3,
    /// 4: the subscription's add-ons cannot migrate with it.
    SubscriptionAddOnsPresent = 4,
    /// 5: no new-commerce product replaces the legacy offer.
    NewCommerceProductUnavailable = 5,
    /// 6: the new-commerce product does not offer the term and billing cycle asked.
    TermDurationBillingCycleCombinationNotSupported = 6,
    /// 7: the subscription has been active for less than a month.
    SubscriptionActiveForLessThanOneMonth = 7,
    /// 8: trade restrictions do not allow the migration.
    TradeStatusNotAllowed = 8,
}

impl EligibilityErrorCode {
    /// The number Partner Center writes.
    pub const fn number(self) -> u8 {
        self as u8
    }
}

/// One reason a subscription cannot migrate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EligibilityError {
    /// The reason's code.
    pub code: EligibilityErrorCode,
    /// The reason, in words.
    pub description: String,
}

/// The answer of a validation for one subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCommerceEligibility {
    /// The legacy subscription.
    pub current_subscription_id: SubscriptionId,
    /// The new-commerce catalog item it would become.
    pub catalog_item_id: Option<String>,
    /// The new-commerce term, as an ISO 8601 duration (`P1Y`).
    pub term_duration: Option<String>,
    /// The new-commerce billing cycle.
    pub billing_cycle: BillingCycle,
    /// The end date asked for the new-commerce term.
    pub custom_term_end_date: Option<DateTime<Utc>>,
    /// Why it cannot migrate; empty when it can.
    pub errors: Vec<EligibilityError>,
    /// The same answer for each add-on migrating with it.
    pub add_on_migrations: Vec<NewCommerceEligibility>,
}

impl NewCommerceEligibility {
    /// Whether the subscription can migrate (no errors).
    pub fn is_eligible(&self) -> bool {
        self.errors.is_empty()
    }
}

/// What one legacy subscription of a migration becomes, as planned now.
#[derive(Debug, Clone)]
pub(super) struct Planned<'a> {
    pub subscription: &'a Subscription,
    /// The new-commerce successor, when there is one.
    pub item: Option<CatalogItem<'a>>,
    pub quantity: u32,
    pub term_duration: Option<String>,
    pub billing_cycle: BillingCycle,
    pub end_date: DateTime<Utc>,
    pub custom_term_end_date: Option<DateTime<Utc>>,
    /// For an add-on migrating alone: the new-commerce subscription its base became.
    pub parent: Option<SubscriptionId>,
    pub errors: Vec<EligibilityError>,
}

/// A migration as planned: the base (or an add-on alone) and the add-ons of its bundle.
#[derive(Debug, Clone)]
pub(super) struct Plan<'a> {
    pub base: Planned<'a>,
    pub add_ons: Vec<Planned<'a>>,
}

impl Planned<'_> {
    fn eligibility(&self, add_ons: Vec<NewCommerceEligibility>) -> NewCommerceEligibility {
        NewCommerceEligibility {
            current_subscription_id: self.subscription.id,
            catalog_item_id: self.item.as_ref().map(CatalogItem::id),
            term_duration: self.term_duration.clone(),
            billing_cycle: self.billing_cycle,
            custom_term_end_date: self.custom_term_end_date,
            errors: self.errors.clone(),
            add_on_migrations: add_ons,
        }
    }
}

impl Plan<'_> {
    /// The validation's answer.
    pub(super) fn eligibility(&self) -> NewCommerceEligibility {
        self.base.eligibility(
            self.add_ons
                .iter()
                .map(|add_on| add_on.eligibility(Vec::new()))
                .collect(),
        )
    }

    /// Why a migration of this plan is refused: the base's first reason, else the first reason
    /// of an add-on (the base's code 4 only sums those up).
    pub(super) fn refusal(&self) -> Option<DomainError> {
        let base = self
            .base
            .errors
            .iter()
            .find(|e| e.code != EligibilityErrorCode::SubscriptionAddOnsPresent)
            .map(|error| (&self.base, error));
        let add_on = || {
            self.add_ons
                .iter()
                .find_map(|add_on| add_on.errors.first().map(|error| (add_on, error)))
        };
        base.or_else(add_on)
            .map(|(planned, error)| DomainError::MigrationIneligible {
                subscription: planned.subscription.id,
                code: error.code,
                description: error.description.clone(),
            })
    }
}

/// What a plan reads besides the customer.
pub(super) struct Planning<'a> {
    pub catalog: &'a Catalog,
    pub now: DateTime<Utc>,
    pub purchase_full_term: bool,
}

impl Customer {
    /// `POST .../migrations/newcommerce/validate`: whether the subscription the request names
    /// (with its active add-ons) can migrate, and to what.
    ///
    /// Errors: [`DomainError::InvalidInput`] for a body without `currentSubscriptionId`, an
    /// unreadable value, a quantity the catalog item does not allow, or a custom term end date
    /// outside the new term; [`DomainError::MigrationSubscriptionNotFound`] (400 900224) for a
    /// subscription the customer does not have; [`DomainError::MigrationAddOnDuplicated`]
    /// (400 900248) for an add-on listed twice (or the base listed as an add-on);
    /// [`DomainError::MigrationAddOnNotActive`] (400 900262) for a listed add-on that is not an
    /// active add-on of the base.
    pub fn validate_migration(
        &self,
        request: &MigrationRequest,
        catalog: &Catalog,
        now: DateTime<Utc>,
    ) -> Result<NewCommerceEligibility, DomainError> {
        let planning = Planning {
            catalog,
            now,
            purchase_full_term: request.purchases_full_term(),
        };
        Ok(self.plan_migration(request, &planning)?.eligibility())
    }

    /// The plan of the migration `request` asks for. The bundle is the subscription named and
    /// every active add-on of it: those the request lists take the values it gives, the others
    /// carry theirs over.
    ///
    /// Errors: as [`Customer::validate_migration`].
    pub(super) fn plan_migration<'a>(
        &'a self,
        request: &MigrationRequest,
        planning: &Planning<'a>,
    ) -> Result<Plan<'a>, DomainError> {
        let asked = request.asked("")?;
        let base = asked
            .subscription()
            .and_then(|id| self.subscription(id).ok())
            .ok_or_else(|| {
                DomainError::MigrationSubscriptionNotFound(asked.current_subscription_id.clone())
            })?;
        let mut bundle: Vec<(&Subscription, Asked)> = Vec::new();
        for add_on in request.asked_add_ons()? {
            let raw = add_on.current_subscription_id.clone();
            let id = add_on.subscription();
            if id == Some(base.id) || bundle.iter().any(|(s, _)| Some(s.id) == id) {
                return Err(DomainError::MigrationAddOnDuplicated(raw));
            }
            let subscription = id
                .and_then(|id| self.subscription(id).ok())
                .filter(|s| {
                    s.parent_subscription_id == Some(base.id)
                        && s.status == SubscriptionStatus::Active
                })
                .ok_or(DomainError::MigrationAddOnNotActive(raw))?;
            bundle.push((subscription, add_on));
        }
        for add_on in self.active_add_ons_of(base.id) {
            if !bundle.iter().any(|(s, _)| s.id == add_on.id) {
                bundle.push((add_on, Asked::carrying_over(add_on.id)));
            }
        }
        let add_ons = bundle
            .iter()
            .map(|(subscription, asked)| self.plan_one(subscription, asked, planning, false))
            .collect::<Result<Vec<_>, _>>()?;
        let mut base = self.plan_one(base, &asked, planning, true)?;
        if let Some(blocked) = add_ons.iter().find(|a| !a.errors.is_empty()) {
            base.errors.push(EligibilityError {
                code: EligibilityErrorCode::SubscriptionAddOnsPresent,
                description: format!(
                    "Add-on subscription {} cannot be migrated to New Commerce, and add-ons migrate with their base.",
                    blocked.subscription.id
                ),
            });
        }
        Ok(Plan { base, add_ons })
    }

    fn active_add_ons_of(&self, base: SubscriptionId) -> impl Iterator<Item = &Subscription> {
        self.subscriptions.iter().map(|s| &**s).filter(move |s| {
            s.parent_subscription_id == Some(base) && s.status == SubscriptionStatus::Active
        })
    }

    /// The plan for one subscription; `alone` for the one the request names.
    fn plan_one<'a>(
        &'a self,
        subscription: &'a Subscription,
        asked: &Asked,
        planning: &Planning<'a>,
        alone: bool,
    ) -> Result<Planned<'a>, DomainError> {
        let now = planning.now;
        let mut errors = Vec::new();
        let mut fail = |code, description: String| {
            errors.push(EligibilityError { code, description });
        };
        let id = subscription.id;
        if self.migrations.iter().any(|m| m.is_processing(id)) {
            fail(
                EligibilityErrorCode::SubscriptionBeingProcessingInOms,
                format!("Subscription {id} is already being migrated to New Commerce."),
            );
        }
        if subscription.status != SubscriptionStatus::Active {
            fail(
                EligibilityErrorCode::SubscriptionStatusNotActive,
                format!(
                    "Subscription {id} cannot be migrated to New Commerce because it is {}, not active.",
                    subscription.status
                ),
            );
        }
        let item = successor(subscription, planning.catalog);
        let parent = if alone {
            subscription
                .parent_subscription_id
                .map(|base| self.new_commerce_successor_of(base))
        } else {
            None
        };
        if item.is_none() {
            fail(
                EligibilityErrorCode::NewCommerceProductUnavailable,
                "Subscription cannot be migrated to New Commerce because the equivalent offer is not yet available in New Commerce".to_owned(),
            );
        } else if parent == Some(None) {
            fail(
                EligibilityErrorCode::NewCommerceProductUnavailable,
                format!(
                    "Add-on subscription {id} can migrate alone only once its base subscription is in New Commerce."
                ),
            );
        }
        if !planning.purchase_full_term
            && now + Duration::hours(24) > subscription.commitment_end_date
        {
            fail(
                EligibilityErrorCode::SubscriptionTooCloseToTermEnd,
                format!(
                    "Subscription {id} is in the last 24 hours of its term; migrate it with purchaseFullTerm, or after it renews."
                ),
            );
        }
        let billing_cycle = asked.billing_cycle.unwrap_or(subscription.billing_cycle);
        let quantity = asked.quantity.unwrap_or(subscription.quantity);
        let Some(item) = item else {
            return Ok(Planned {
                subscription,
                item: None,
                quantity,
                term_duration: asked.term_duration.clone(),
                billing_cycle,
                end_date: subscription.commitment_end_date,
                custom_term_end_date: asked.custom_term_end_date,
                parent: None,
                errors,
            });
        };
        let term = asked
            .term_duration
            .clone()
            .or_else(|| subscription.term_duration.as_deref().map(str::to_owned))
            .unwrap_or_else(|| default_term(&item));
        if !item.offers_term(&term) || !item.offers_billing(Some(&term), billing_cycle) {
            fail(
                EligibilityErrorCode::TermDurationBillingCycleCombinationNotSupported,
                format!(
                    "{} is not sold for the term {term} billed {billing_cycle}.",
                    item.id()
                ),
            );
        }
        if !item.sku.allows_quantity(quantity) {
            return Err(DomainError::InvalidInput(format!(
                "quantity {quantity} of subscription {id} is outside {}..{} for {}.",
                item.sku.minimum_quantity,
                item.sku.maximum_quantity,
                item.id()
            )));
        }
        let full_term_end = Term::end_or_year(Term::parse(&term).as_ref(), now);
        let end_date = match asked.custom_term_end_date {
            Some(date) if date <= now || date > full_term_end => {
                return Err(DomainError::InvalidInput(format!(
                    "customTermEndDate of subscription {id} must fall after now and within the new term."
                )));
            }
            Some(date) => date,
            None if planning.purchase_full_term => full_term_end,
            None => subscription.commitment_end_date,
        };
        Ok(Planned {
            subscription,
            item: Some(item),
            quantity,
            term_duration: Some(term),
            billing_cycle,
            end_date,
            custom_term_end_date: asked.custom_term_end_date,
            parent: parent.flatten(),
            errors,
        })
    }

    /// The active new-commerce subscription that legacy subscription `legacy` became, if any.
    fn new_commerce_successor_of(&self, legacy: SubscriptionId) -> Option<SubscriptionId> {
        self.migrations
            .iter()
            .filter_map(|m| {
                m.subscriptions()
                    .find(|s| s.current_subscription_id == legacy)?
                    .new_commerce_subscription_id
            })
            .find(|id| {
                self.subscription(*id)
                    .is_ok_and(|s| s.status == SubscriptionStatus::Active)
            })
    }
}

impl Asked {
    /// An add-on of the bundle the request does not list: every value carried over.
    fn carrying_over(id: SubscriptionId) -> Self {
        Self {
            current_subscription_id: id.to_string(),
            quantity: None,
            term_duration: None,
            billing_cycle: None,
            custom_term_end_date: None,
        }
    }
}

/// The new-commerce catalog item a legacy subscription moves to: its offer's equivalent, when
/// the product catalog sells it as a new-commerce licence. A subscription that is new commerce
/// already has none.
fn successor<'a>(subscription: &Subscription, catalog: &'a Catalog) -> Option<CatalogItem<'a>> {
    if subscription.product_type.is_some() {
        return None;
    }
    let successor = catalog.offer(&subscription.offer_id)?.migrates_to()?;
    catalog
        .products()
        .item(successor)
        .filter(|item| item.kind == OfferKind::NewCommerce)
}

/// The term a legacy subscription takes when none is asked for: a year where the item sells one
/// (legacy licences ran for a year), else the item's first.
fn default_term(item: &CatalogItem<'_>) -> String {
    if item.offers_term("P1Y") {
        "P1Y".to_owned()
    } else {
        item.availability
            .terms
            .first()
            .map_or_else(|| "P1Y".to_owned(), |term| term.duration.to_string())
    }
}
