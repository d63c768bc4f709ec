//! The rules a cart line must meet to be bought (reference api-new-commerce §3.3, §3.6, §3.7,
//! §8.3, §8.4). Each rule names the condition it checks and the `CartErrorCode` it sets; the first
//! rule a line breaks gives its `error`. A line's error never fails the request: it only keeps
//! the cart from being checked out.

use super::line::{CartLineItem, ENTITLEMENT_ID, PARENT_SUBSCRIPTION_ID, SCOPE, SUBSCRIPTION_ID};
use super::line_error::{CartErrorCode as Code, CartLineError, QuantityInformation};
use crate::domain::catalog::{CatalogItem, CatalogItemId, currency_of};
use crate::domain::customer::Customer;
use crate::domain::ids::{SubscriptionId, parse_guid};
use crate::domain::offer::{Catalog, Offer, OfferKind, Purchasable};
use crate::domain::partner::Partner;
use crate::domain::subscription::{Subscription, SubscriptionStatus};
use crate::domain::term::Term;
use chrono::{DateTime, Datelike, Utc};

/// The participant keys a line may carry.
const PARTICIPANT_KEYS: &[&str] = &[
    "transaction_reseller",
    "additional_transaction_reseller",
    "consumption_reseller",
];
/// At most this many additional resellers (EU/EFTA) on a line.
const MAX_ADDITIONAL_RESELLERS: usize = 5;

/// What the rules read: the buying customer, what the partner sells, and the clock.
pub(crate) struct LineRules<'a> {
    pub customer: &'a Customer,
    pub catalog: &'a Catalog,
    pub partner: &'a Partner,
    pub now: DateTime<Utc>,
    /// Every line of the cart, for add-ons whose base is bought with them.
    pub lines: &'a [CartLineItem],
}

type Checked = Result<(), CartLineError>;

/// Where an add-on's base is: a line of the same cart, or a subscription of the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AddOnBase {
    Line(u32),
    Subscription(SubscriptionId),
}

impl LineRules<'_> {
    fn country(&self) -> &str {
        self.customer.market_country()
    }

    /// Sets the `error` of every line (and add-on item) that breaks a rule, and clears it on the
    /// others.
    pub(crate) fn check_all(&self, lines: &mut [CartLineItem]) {
        for line in lines.iter_mut() {
            line.error = self.check(line, None).err();
            let base = line.clone();
            for add_on in &mut line.addon_items {
                add_on.error = self.check(add_on, Some(&base)).err();
            }
        }
    }

    /// The base of the add-on `line` (an add-on item of `enclosing`, if given); `None` when the
    /// line is no add-on or has no valid base.
    pub(crate) fn add_on_base(
        &self,
        line: &CartLineItem,
        enclosing: Option<&CartLineItem>,
    ) -> Option<AddOnBase> {
        match self.catalog.purchasable(&line.catalog_item_id)? {
            Purchasable::Item(item) if item.sku.is_add_on() => {
                self.new_commerce_base(line, enclosing, item).ok()
            }
            Purchasable::Offer(offer) if offer.is_add_on => {
                self.legacy_base(line, enclosing, offer).ok()
            }
            Purchasable::Item(_) | Purchasable::Offer(_) => None,
        }
    }

    /// The first rule `line` breaks; `base` is the line an add-on item is bought with.
    pub(crate) fn check(&self, line: &CartLineItem, base: Option<&CartLineItem>) -> Checked {
        let purchasable = self
            .catalog
            .purchasable(&line.catalog_item_id)
            .ok_or_else(|| {
                error(
                    Code::CatalogItemIdIsNotValid,
                    format!("Catalog item ID {} isn't valid.", line.catalog_item_id),
                )
            })?;
        match purchasable {
            Purchasable::Item(item) => self.check_item(line, base, item),
            Purchasable::Offer(offer) => self.check_offer(line, base, offer),
        }
    }

    fn check_item(
        &self,
        line: &CartLineItem,
        base: Option<&CartLineItem>,
        item: CatalogItem<'_>,
    ) -> Checked {
        self.sold_to_the_customer(line, item)?;
        self.in_the_market_currency(line)?;
        quantity_within_limits(line, item.sku.minimum_quantity, item.sku.maximum_quantity)?;
        term_and_billing_offered(line, item)?;
        attestation_accepted(line, item)?;
        promotion_known(line)?;
        self.participants_allowed(line)?;
        self.custom_term_end_date_valid(line, item)?;
        match item.kind {
            OfferKind::ReservedInstance => reservation_scoped(line)?,
            OfferKind::SavingsPlan => self.savings_plan_scoped(line, item)?,
            _ => {}
        }
        if item.sku.is_add_on() {
            self.new_commerce_base(line, base, item).map(|_| ())
        } else {
            not_an_add_on_item(line, base)
        }
    }

    fn check_offer(
        &self,
        line: &CartLineItem,
        base: Option<&CartLineItem>,
        offer: &Offer,
    ) -> Checked {
        still_sold(offer)?;
        self.in_the_market_currency(line)?;
        quantity_within_limits(line, offer.minimum_quantity, offer.maximum_quantity)?;
        if !offer.supported_billing_cycles.contains(&line.billing_cycle) {
            return Err(error(
                Code::BillingPlanNotSupported,
                format!(
                    "Billing cycle {} isn't supported by offer {}.",
                    line.billing_cycle, offer.id
                ),
            ));
        }
        promotion_known(line)?;
        self.participants_allowed(line)?;
        if offer.is_add_on {
            self.legacy_base(line, base, offer).map(|_| ())
        } else {
            not_an_add_on_item(line, base)
        }
    }

    /// The availability is purchasable and sold in the customer's country (10006, 10001).
    fn sold_to_the_customer(&self, line: &CartLineItem, item: CatalogItem<'_>) -> Checked {
        if !item.availability.is_purchasable {
            return Err(error(
                Code::UnableToProcessCartLineItem,
                format!("Catalog item {} isn't purchasable.", line.catalog_item_id),
            ));
        }
        let country = self.country();
        if !item.availability.is_sold_in(country) {
            return Err(error(
                Code::CatalogItemIdIsNotValid,
                format!(
                    "Catalog item ID {} isn't valid in the customer's country {country}.",
                    line.catalog_item_id
                ),
            ));
        }
        Ok(())
    }

    /// A `currencyCode` sent is the customer's market currency (10000).
    fn in_the_market_currency(&self, line: &CartLineItem) -> Checked {
        let currency = currency_of(self.country());
        if line.currency_code.eq_ignore_ascii_case(&currency.code) {
            Ok(())
        } else {
            Err(error(
                Code::CurrencyIsNotSupported,
                format!(
                    "Currency {} isn't supported; the customer buys in {}.",
                    line.currency_code, currency.code
                ),
            ))
        }
    }

    /// Participants use the documented keys, name at most five additional resellers, and come
    /// from a partner that sells through indirect resellers (10010, 10004).
    fn participants_allowed(&self, line: &CartLineItem) -> Checked {
        if line.participants.is_empty() {
            return Ok(());
        }
        if let Some(unknown) = line
            .participants
            .iter()
            .find(|p| !PARTICIPANT_KEYS.contains(&p.key.as_str()))
        {
            return Err(error(
                Code::InvalidInput,
                format!("Participant key {} isn't valid.", unknown.key),
            ));
        }
        let additional = line
            .participants
            .iter()
            .filter(|p| p.key == "additional_transaction_reseller")
            .count();
        if additional > MAX_ADDITIONAL_RESELLERS {
            return Err(error(
                Code::InvalidInput,
                format!(
                    "At most {MAX_ADDITIONAL_RESELLERS} additional transaction resellers are allowed."
                ),
            ));
        }
        if self.partner.indirect_resellers.is_empty() {
            return Err(error(
                Code::ParticipantsIsNotSupportedForPartner,
                "Participants aren't supported for this partner.",
            ));
        }
        Ok(())
    }

    /// A `customTermEndDate` is for new-commerce licences only (10016), and falls inside the
    /// first term on a calendar month end or on the end date of an active, non-trial new-commerce
    /// subscription of the customer (10017).
    fn custom_term_end_date_valid(&self, line: &CartLineItem, item: CatalogItem<'_>) -> Checked {
        let Some(end) = line.custom_term_end_date else {
            return Ok(());
        };
        if item.kind != OfferKind::NewCommerce {
            return Err(error(
                Code::InvalidCustomTermEndDateProduct,
                format!(
                    "Catalog item {} can't be bought with a custom term end date.",
                    line.catalog_item_id
                ),
            ));
        }
        let date = end.date_naive();
        let month_end = date.succ_opt().is_some_and(|next| next.day() == 1);
        let coterminous = self.customer.subscriptions.iter().any(|s| {
            s.is_new_commerce()
                && !s.is_trial
                && s.status == SubscriptionStatus::Active
                && s.commitment_end_date.date_naive() == date
        });
        let within_term = end > self.now
            && end
                <= Term::end_or_year(
                    line.term_duration.as_deref().and_then(Term::parse).as_ref(),
                    self.now,
                );
        if (month_end || coterminous) && within_term {
            Ok(())
        } else {
            Err(error(
                Code::InvalidCustomTermEndDate,
                format!(
                    "Custom term end date {date} matches neither a calendar month end nor the end of an active new-commerce subscription within the term."
                ),
            ))
        }
    }

    /// A savings plan commits an hourly amount no lower than the SKU's minimum (10010), over an
    /// Azure plan of the customer with an active Azure subscription (`scope: shared`,
    /// `subscriptionId`) or over one active Azure subscription (`scope: single`,
    /// `entitlementId`) (10007).
    fn savings_plan_scoped(&self, line: &CartLineItem, item: CatalogItem<'_>) -> Checked {
        let amount = line
            .purchase_commitment
            .as_ref()
            .and_then(|c| c.amount.parse::<f64>().ok())
            .filter(|amount| amount.is_finite() && *amount > 0.0)
            .ok_or_else(|| {
                error(
                    Code::InvalidInput,
                    "A savings plan needs a purchaseCommitment with a positive amount.",
                )
            })?;
        let minimum = item
            .sku
            .minimum_purchase_commitment
            .as_ref()
            .and_then(|c| c.amount.trim().parse::<f64>().ok())
            .unwrap_or(0.0);
        if amount < minimum {
            return Err(error(
                Code::InvalidInput,
                format!("The hourly commitment must be at least {minimum}."),
            ));
        }
        let active_plans = || {
            self.customer.subscriptions.iter().filter(|s| {
                s.status == SubscriptionStatus::Active && s.has_active_azure_entitlements()
            })
        };
        let scope = line.context(SCOPE).unwrap_or("shared");
        let covered = if scope.eq_ignore_ascii_case("shared") {
            let plan = line.context(SUBSCRIPTION_ID).and_then(parse_guid);
            active_plans().any(|s| Some(s.id.0) == plan)
        } else if scope.eq_ignore_ascii_case("single") {
            let entitlement = line.context(ENTITLEMENT_ID).and_then(parse_guid);
            active_plans().any(|s| {
                s.azure_entitlements.iter().any(|e| {
                    e.is_active() && parse_guid(&e.id) == entitlement && entitlement.is_some()
                })
            })
        } else {
            return Err(error(
                Code::InvalidInput,
                format!("Scope {scope} isn't valid; use shared or single."),
            ));
        };
        if covered {
            Ok(())
        } else {
            Err(error(
                Code::SubscriptionIsNotValid,
                "A savings plan needs an active Azure plan of the customer with an active Azure subscription.",
            ))
        }
    }

    /// A new-commerce add-on is bought on a compatible base (a SKU its `prerequisiteSkus` name):
    /// the subscription its `parentSubscriptionId` names (10007 when that is not an active
    /// subscription of the customer), else a line of the cart, else an active subscription of the
    /// customer (400041 when there is none). It has no more seats than a base line (10018).
    fn new_commerce_base(
        &self,
        line: &CartLineItem,
        base: Option<&CartLineItem>,
        item: CatalogItem<'_>,
    ) -> Result<AddOnBase, CartLineError> {
        let compatible = |catalog_item_id: &str| {
            CatalogItemId::parse(catalog_item_id)
                .is_some_and(|id| item.sku.has_prerequisite(id.product, id.sku))
        };
        if let Some(parent) = line.context(PARENT_SUBSCRIPTION_ID) {
            let parent = self.active_subscription(parent)?;
            return if compatible(&parent.offer_id) {
                Ok(AddOnBase::Subscription(parent.id))
            } else {
                Err(no_compatible_base())
            };
        }
        let base_line = base
            .into_iter()
            .chain(self.lines)
            .find(|other| other.id != line.id && compatible(&other.catalog_item_id));
        if let Some(base_line) = base_line {
            return seats_within_base(line, base_line).map(|()| AddOnBase::Line(base_line.id));
        }
        self.customer
            .subscriptions
            .iter()
            .find(|s| s.status == SubscriptionStatus::Active && compatible(&s.offer_id))
            .map(|s| AddOnBase::Subscription(s.id))
            .ok_or_else(no_compatible_base)
    }

    /// A legacy add-on is bought as an add-on item of a line whose offer offers it, or on the
    /// subscription its `parentSubscriptionId` names (10007 when that is not an active
    /// subscription of the customer); else 400041. It has no more seats than its base line
    /// (10018).
    fn legacy_base(
        &self,
        line: &CartLineItem,
        base: Option<&CartLineItem>,
        add_on: &Offer,
    ) -> Result<AddOnBase, CartLineError> {
        let offers_it = |offer_id: &str| {
            self.catalog
                .purchasable(offer_id)
                .is_some_and(|base| base.offer().offers_add_on(&add_on.id))
        };
        if let Some(base) = base {
            return if offers_it(&base.catalog_item_id) {
                seats_within_base(line, base).map(|()| AddOnBase::Line(base.id))
            } else {
                Err(no_compatible_base())
            };
        }
        match line.context(PARENT_SUBSCRIPTION_ID) {
            Some(parent) => {
                let parent = self.active_subscription(parent)?;
                if offers_it(&parent.offer_id) {
                    Ok(AddOnBase::Subscription(parent.id))
                } else {
                    Err(no_compatible_base())
                }
            }
            None => Err(no_compatible_base()),
        }
    }

    /// The active subscription `id` of the customer (10007 otherwise).
    fn active_subscription(&self, id: &str) -> Result<&Subscription, CartLineError> {
        parse_guid(id)
            .and_then(|guid| self.customer.subscription(SubscriptionId(guid)).ok())
            .filter(|s| s.status == SubscriptionStatus::Active)
            .ok_or_else(|| {
                error(
                    Code::SubscriptionIsNotValid,
                    format!("Subscription {id} isn't an active subscription of the customer."),
                )
            })
    }
}

/// A retired legacy offer is bought through its new-commerce successor instead (500600).
fn still_sold(offer: &Offer) -> Checked {
    match &offer.new_commerce_successor {
        Some(successor) => Err(error(
            Code::LegacyOfferNotEligibleForPurchase,
            format!(
                "Offer {} isn't eligible for purchase any more. Buy the new-commerce catalog item {successor} instead.",
                offer.id
            ),
        )),
        None => Ok(()),
    }
}

/// The quantity is within the SKU's or offer's limits: below the minimum is invalid input
/// (10010), above the maximum exceeds the seats allowed per subscription (10015, with the
/// seats available and asked for).
fn quantity_within_limits(line: &CartLineItem, minimum: u32, maximum: u32) -> Checked {
    if line.quantity < minimum.max(1) {
        return Err(error(
            Code::InvalidInput,
            format!(
                "Quantity {} is below the minimum of {minimum}.",
                line.quantity
            ),
        ));
    }
    if line.quantity > maximum {
        return Err(CartLineError {
            additional_information: Some(QuantityInformation {
                available_quantity: maximum,
                purchased_quantity: line.quantity,
            }),
            ..error(
                Code::MaxAllowedSeatsPerSubscriptionExceeded,
                format!(
                    "Quantity {} exceeds the maximum of {maximum} seats per subscription.",
                    line.quantity
                ),
            )
        });
    }
    Ok(())
}

/// A term product names one of its availability's terms, and a product without terms names none;
/// the billing cycle is one the term (or, for terms that name none, the SKU) offers. A missing
/// term is invalid input (10010); a term or billing cycle not offered is an unsupported billing
/// plan (10013).
fn term_and_billing_offered(line: &CartLineItem, item: CatalogItem<'_>) -> Checked {
    let has_terms = !item.availability.terms.is_empty();
    match line.term_duration.as_deref() {
        None if has_terms => {
            return Err(error(
                Code::InvalidInput,
                format!(
                    "termDuration is required for catalog item {}.",
                    line.catalog_item_id
                ),
            ));
        }
        Some(term) if !item.offers_term(term) => {
            return Err(error(
                Code::BillingPlanNotSupported,
                format!(
                    "Term {term} isn't offered for catalog item {}.",
                    line.catalog_item_id
                ),
            ));
        }
        _ => {}
    }
    if item.offers_billing(line.term_duration.as_deref(), line.billing_cycle) {
        Ok(())
    } else {
        Err(error(
            Code::BillingPlanNotSupported,
            format!(
                "Billing cycle {} isn't offered for catalog item {} with term {}.",
                line.billing_cycle,
                line.catalog_item_id,
                line.term_duration.as_deref().unwrap_or("none")
            ),
        ))
    }
}

/// A SKU that enforces attestation is bought with `attestationAccepted: true` (10012).
fn attestation_accepted(line: &CartLineItem, item: CatalogItem<'_>) -> Checked {
    if item.sku.requires_attestation() && line.attestation_accepted != Some(true) {
        return Err(error(
            Code::AttestationNotAccepted,
            format!(
                "Catalog item {} requires attestation acceptance.",
                line.catalog_item_id
            ),
        ));
    }
    Ok(())
}

/// The mock runs no promotions, so any `promotionId` is unknown (10014).
fn promotion_known(line: &CartLineItem) -> Checked {
    match &line.promotion_id {
        Some(promotion) => Err(error(
            Code::InvalidPromotionId,
            format!("Promotion {promotion} isn't valid."),
        )),
        None => Ok(()),
    }
}

/// A reservation names the Azure subscription it is for (`subscriptionId`) and a scope of
/// `shared` or `single` when it gives one (10010).
fn reservation_scoped(line: &CartLineItem) -> Checked {
    if line.context(SUBSCRIPTION_ID).and_then(parse_guid).is_none() {
        return Err(error(
            Code::InvalidInput,
            "A reservation needs provisioningContext.subscriptionId, the GUID of the Azure subscription it is for.",
        ));
    }
    match line.context(SCOPE) {
        Some(scope)
            if !scope.eq_ignore_ascii_case("shared") && !scope.eq_ignore_ascii_case("single") =>
        {
            Err(error(
                Code::InvalidInput,
                format!("Scope {scope} isn't valid; use shared or single."),
            ))
        }
        _ => Ok(()),
    }
}

/// Only add-ons are bought as add-on items (10010).
fn not_an_add_on_item(line: &CartLineItem, base: Option<&CartLineItem>) -> Checked {
    match base {
        Some(_) => Err(error(
            Code::InvalidInput,
            format!(
                "{} isn't an add-on, so it can't be an add-on item.",
                line.catalog_item_id
            ),
        )),
        None => Ok(()),
    }
}

/// An add-on has no more seats than the base line it is bought with (10018).
fn seats_within_base(line: &CartLineItem, base: &CartLineItem) -> Checked {
    if line.quantity <= base.quantity {
        Ok(())
    } else {
        Err(error(
            Code::BaseOfferSeatQuantityNotMet,
            format!(
                "The add-on's {} seats exceed the {} seats of its base.",
                line.quantity, base.quantity
            ),
        ))
    }
}

fn no_compatible_base() -> CartLineError {
    error(
        Code::AddOnWithoutCompatibleBase,
        "The addon is not purchasable without a compatible base product",
    )
}

fn error(code: Code, description: impl Into<String>) -> CartLineError {
    CartLineError::new(code, description)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cart::CartErrorCode;
    use crate::domain::catalog::fixture::{
        self, ATTESTED, AZURE_PLAN, BASIC, E3, PHONE_ADD_ON, RESERVED_VM, SAAS, SAVINGS_PLAN,
        SOFTWARE, TRIAL,
    };
    use crate::domain::ids::IdSource;
    use crate::domain::test_support::{
        self, LEGACY_ADD_ON, LEGACY_E3, LEGACY_RETIRED, add_azure_plan, add_subscription, customer,
        now, partner,
    };
    use serde_json::json;
    use std::sync::Arc;

    /// The error rules give the first line of a cart sent with `lines`, for `customer`.
    fn first_error_for(
        customer: &Customer,
        catalog: &Catalog,
        lines: serde_json::Value,
    ) -> Option<CartLineError> {
        let request = test_support::cart_request(json!({ "lineItems": lines }));
        let mut lines = request.lines("USD").unwrap();
        let all = lines.clone();
        let partner = test_support::partner();
        let rules = LineRules {
            customer,
            catalog,
            partner: &partner,
            now: now(),
            lines: &all,
        };
        rules.check_all(&mut lines);
        let first = &lines[0];
        first
            .error
            .clone()
            .or_else(|| first.addon_items.iter().find_map(|a| a.error.clone()))
    }

    fn first_error(lines: serde_json::Value) -> Option<CartLineError> {
        first_error_for(&customer(), &test_support::catalog(), lines)
    }

    fn code_of(lines: serde_json::Value) -> Option<u32> {
        first_error(lines).map(|e| e.error_code.code())
    }

    fn line(id: &str, quantity: u32, cycle: &str, term: Option<&str>) -> serde_json::Value {
        let mut line = json!({"catalogItemId": id, "quantity": quantity, "billingCycle": cycle});
        if let Some(term) = term {
            line["termDuration"] = json!(term);
        }
        line
    }

    #[test]
    fn valid_lines_of_every_kind_carry_no_error() {
        let ids = IdSource::sequential();
        let mut customer = customer();
        let (plan, _) = add_azure_plan(&mut customer, &ids);
        let catalog = test_support::catalog();
        let mut reservation = line(RESERVED_VM, 1, "one_time", Some("P1Y"));
        reservation["provisioningContext"] =
            json!({"SubscriptionId": ids.guid().to_string(), "Scope": "shared"});
        let mut savings = line(SAVINGS_PLAN, 1, "monthly", Some("P1Y"));
        savings["provisioningContext"] =
            json!({"scope": "shared", "subscriptionId": plan.to_string()});
        savings["purchaseCommitment"] =
            json!({"amount": 0.5, "grain": "hourly", "currency": "usd"});
        let mut attested = line(ATTESTED, 1, "monthly", Some("P1M"));
        attested["attestationAccepted"] = json!(true);
        for valid in [
            line(BASIC, 5, "Monthly", Some("P1M")),
            line(E3, 10, "triennial", Some("P3Y")),
            line(TRIAL, 25, "none", Some("P1M")),
            line(AZURE_PLAN, 1, "one_time", None),
            reservation,
            savings,
            line(SOFTWARE, 2, "one_time", None),
            line(SAAS, 1, "annual", Some("P1Y")),
            line(LEGACY_E3, 3, "monthly", Some("P1Y")),
            attested,
        ] {
            let error = first_error_for(&customer, &catalog, json!([valid.clone()]));
            assert_eq!(error, None, "{valid}");
        }
    }

    #[test]
    fn an_unknown_catalog_item_is_10001() {
        let error = first_error(json!([line(
            "CFQ7TTC0LH18:0001:NOPE",
            1,
            "monthly",
            Some("P1M")
        )]))
        .unwrap();
        assert_eq!(error.error_code, CartErrorCode::CatalogItemIdIsNotValid);
        assert_eq!(
            error.error_description,
            "Catalog item ID CFQ7TTC0LH18:0001:NOPE isn't valid."
        );
    }

    #[test]
    fn an_item_not_sold_in_the_customers_country_is_10001() {
        let mut customer = customer();
        std::sync::Arc::make_mut(&mut customer.billing_profile)
            .default_address
            .country = Some("DE".into());
        let mut e3 = line(E3, 1, "monthly", Some("P1M"));
        e3["currencyCode"] = json!("EUR");
        let error = first_error_for(&customer, &test_support::catalog(), json!([e3])).unwrap();
        assert_eq!(error.error_code.code(), 10001);
        assert!(error.error_description.contains("DE"));
    }

    #[test]
    fn a_currency_other_than_the_customers_is_10000() {
        let mut basic = line(BASIC, 1, "monthly", Some("P1M"));
        basic["currencyCode"] = json!("EUR");
        assert_eq!(code_of(json!([basic])), Some(10000));
    }

    #[test]
    fn an_availability_that_is_not_purchasable_is_10006() {
        let mut products = fixture::catalog();
        products.products[0].skus[0].availabilities[0].is_purchasable = false;
        let catalog = Catalog::new(Vec::new(), products);
        let error = first_error_for(
            &customer(),
            &catalog,
            json!([line(BASIC, 1, "monthly", Some("P1M"))]),
        );
        assert_eq!(error.map(|e| e.error_code.code()), Some(10006));
    }

    #[test]
    fn a_quantity_below_the_minimum_is_10010_and_above_the_maximum_is_10015() {
        assert_eq!(
            code_of(json!([line(BASIC, 0, "monthly", Some("P1M"))])),
            Some(10010)
        );
        let error = first_error(json!([line(BASIC, 301, "monthly", Some("P1M"))])).unwrap();
        assert_eq!(error.error_code.code(), 10015);
        assert_eq!(
            error.additional_information,
            Some(QuantityInformation {
                available_quantity: 300,
                purchased_quantity: 301
            })
        );
        assert_eq!(
            code_of(json!([line(LEGACY_E3, 501, "monthly", None)])),
            Some(10015)
        );
    }

    #[test]
    fn a_missing_term_is_10010_and_a_term_or_billing_cycle_not_offered_is_10013() {
        assert_eq!(
            code_of(json!([line(BASIC, 1, "monthly", None)])),
            Some(10010)
        );
        assert_eq!(
            code_of(json!([line(BASIC, 1, "monthly", Some("P3Y"))])),
            Some(10013)
        );
        assert_eq!(
            code_of(json!([line(BASIC, 1, "annual", Some("P1M"))])),
            Some(10013)
        );
        assert_eq!(
            code_of(json!([line(RESERVED_VM, 1, "monthly", Some("P1Y"))])),
            Some(10013)
        );
        assert_eq!(
            code_of(json!([line(SOFTWARE, 1, "one_time", Some("P1Y"))])),
            Some(10013)
        );
        assert_eq!(
            code_of(json!([line(LEGACY_E3, 1, "one_time", None)])),
            Some(10013)
        );
    }

    #[test]
    fn a_sku_that_enforces_attestation_without_it_is_10012() {
        let mut attested = line(ATTESTED, 1, "monthly", Some("P1M"));
        assert_eq!(code_of(json!([attested.clone()])), Some(10012));
        attested["attestationAccepted"] = json!(false);
        assert_eq!(code_of(json!([attested])), Some(10012));
    }

    #[test]
    fn any_promotion_is_unknown_10014() {
        let mut basic = line(BASIC, 1, "monthly", Some("P1M"));
        basic["promotionId"] = json!("39NFJQT1PJQB:0001:39NFJQT1Q5KN");
        assert_eq!(code_of(json!([basic])), Some(10014));
    }

    #[test]
    fn participants_need_known_keys_at_most_five_additional_and_an_indirect_provider() {
        let with = |participants: serde_json::Value| {
            let mut basic = line(BASIC, 1, "monthly", Some("P1M"));
            basic["participants"] = participants;
            basic
        };
        let reseller = json!([{"key": "transaction_reseller", "value": "5357564"}]);
        assert_eq!(code_of(json!([with(reseller.clone())])), None);
        assert_eq!(
            code_of(json!([with(json!([{"key": "distributor", "value": "1"}]))])),
            Some(10010)
        );
        let six: Vec<_> = (0..6)
            .map(|i| json!({"key": "additional_transaction_reseller", "value": i.to_string()}))
            .collect();
        assert_eq!(code_of(json!([with(json!(six))])), Some(10010));
        let catalog = test_support::catalog();
        let customer = customer();
        let request = test_support::cart_request(json!({"lineItems": [with(reseller)]}));
        let mut lines = request.lines("USD").unwrap();
        let all = lines.clone();
        let mut direct = partner();
        direct.indirect_resellers.clear();
        LineRules {
            customer: &customer,
            catalog: &catalog,
            partner: &direct,
            now: now(),
            lines: &all,
        }
        .check_all(&mut lines);
        assert_eq!(
            lines[0].error.as_ref().map(|e| e.error_code.code()),
            Some(10004)
        );
    }

    #[test]
    fn a_custom_term_end_date_is_10016_off_new_commerce_and_10017_off_a_month_end() {
        let with_end = |id: &str, cycle: &str, term: &str, end: &str| {
            let mut line = line(id, 1, cycle, Some(term));
            line["customTermEndDate"] = json!(end);
            line
        };
        assert_eq!(
            code_of(json!([with_end(SAAS, "monthly", "P1M", "2026-03-31")])),
            Some(10016)
        );
        assert_eq!(
            code_of(json!([with_end(BASIC, "monthly", "P1Y", "2026-03-31")])),
            None
        );
        assert_eq!(
            code_of(json!([with_end(BASIC, "monthly", "P1Y", "2026-03-30")])),
            Some(10017)
        );
        assert_eq!(
            code_of(json!([with_end(BASIC, "monthly", "P1M", "2026-05-31")])),
            Some(10017)
        );
        let ids = IdSource::sequential();
        let mut customer = customer();
        add_subscription(&mut customer, &ids, E3, 1);
        let coterminous = customer.subscriptions[0]
            .commitment_end_date
            .date_naive()
            .to_string();
        let error = first_error_for(
            &customer,
            &test_support::catalog(),
            json!([with_end(BASIC, "monthly", "P1Y", &coterminous)]),
        );
        assert_eq!(error, None, "co-terminous with {coterminous}");
    }

    #[test]
    fn a_reservation_without_its_azure_subscription_is_10010() {
        assert_eq!(
            code_of(json!([line(RESERVED_VM, 1, "one_time", Some("P1Y"))])),
            Some(10010)
        );
        let mut reservation = line(RESERVED_VM, 1, "one_time", Some("P1Y"));
        reservation["provisioningContext"] = json!({"subscriptionId": "1C461A25-F729-4FA5-AADB-280947DD05E8", "scope": "everywhere"});
        assert_eq!(code_of(json!([reservation])), Some(10010));
    }

    #[test]
    fn a_savings_plan_needs_a_commitment_10010_and_an_active_azure_plan_10007() {
        let ids = IdSource::sequential();
        let mut customer = customer();
        let (plan, entitlement) = add_azure_plan(&mut customer, &ids);
        let catalog = test_support::catalog();
        let savings = |context: serde_json::Value, amount: serde_json::Value| {
            let mut line = line(SAVINGS_PLAN, 1, "one_time", Some("P1Y"));
            line["provisioningContext"] = context;
            line["purchaseCommitment"] = json!({"amount": amount});
            line
        };
        let code = |line: serde_json::Value| {
            first_error_for(&customer, &catalog, json!([line])).map(|e| e.error_code.code())
        };
        let shared = json!({"scope": "shared", "subscriptionId": plan.to_string()});
        assert_eq!(code(savings(shared.clone(), json!("0.25"))), None);
        assert_eq!(code(savings(shared.clone(), json!("0.0001"))), Some(10010));
        assert_eq!(code(savings(shared.clone(), json!(null))), Some(10010));
        let single = json!({"scope": "single", "entitlementId": entitlement});
        assert_eq!(code(savings(single, json!(1))), None);
        let elsewhere = json!({"scope": "shared", "subscriptionId": ids.guid().to_string()});
        assert_eq!(code(savings(elsewhere, json!(1))), Some(10007));
        let without_plan = first_error_for(
            &test_support::customer(),
            &catalog,
            json!([savings(shared, json!(1))]),
        );
        assert_eq!(without_plan.map(|e| e.error_code.code()), Some(10007));
    }

    #[test]
    fn a_new_commerce_add_on_without_a_compatible_base_is_400041() {
        let add_on = line(PHONE_ADD_ON, 5, "monthly", Some("P1M"));
        let error = first_error(json!([add_on.clone()])).unwrap();
        assert_eq!(error.error_code.code(), 400041);
        assert_eq!(
            error.error_description,
            "The addon is not purchasable without a compatible base product"
        );
        assert_eq!(
            code_of(json!([
                add_on.clone(),
                line(BASIC, 5, "monthly", Some("P1M"))
            ])),
            Some(400041)
        );
        assert_eq!(
            code_of(json!([add_on.clone(), line(E3, 5, "monthly", Some("P1M"))])),
            None
        );
        let ids = IdSource::sequential();
        let mut customer = customer();
        add_subscription(&mut customer, &ids, E3, 5);
        let error = first_error_for(&customer, &test_support::catalog(), json!([add_on]));
        assert_eq!(error, None, "an active E3 subscription is a base");
    }

    #[test]
    fn an_add_on_on_a_named_parent_needs_an_active_compatible_subscription() {
        let ids = IdSource::sequential();
        let mut customer = customer();
        let e3 = add_subscription(&mut customer, &ids, E3, 5);
        let basic = add_subscription(&mut customer, &ids, BASIC, 5);
        let catalog = test_support::catalog();
        let on = |parent: String| {
            let mut add_on = line(PHONE_ADD_ON, 1, "monthly", Some("P1M"));
            add_on["provisioningContext"] = json!({"ParentSubscriptionId": parent});
            first_error_for(&customer, &catalog, json!([add_on])).map(|e| e.error_code.code())
        };
        assert_eq!(on(e3.to_string().to_uppercase()), None);
        assert_eq!(on(basic.to_string()), Some(400041));
        assert_eq!(on(ids.guid().to_string()), Some(10007));
        Arc::make_mut(&mut customer.subscriptions[0]).status = SubscriptionStatus::Suspended;
        let mut add_on = line(PHONE_ADD_ON, 1, "monthly", Some("P1M"));
        add_on["provisioningContext"] = json!({"parentSubscriptionId": e3.to_string()});
        let suspended = first_error_for(&customer, &catalog, json!([add_on]));
        assert_eq!(suspended.map(|e| e.error_code.code()), Some(10007));
    }

    #[test]
    fn an_add_on_with_more_seats_than_its_base_line_is_10018() {
        let add_on = line(PHONE_ADD_ON, 6, "monthly", Some("P1M"));
        assert_eq!(
            code_of(json!([add_on, line(E3, 5, "monthly", Some("P1M"))])),
            Some(10018)
        );
        let mut e3 = line(LEGACY_E3, 3, "monthly", None);
        e3["addonItems"] = json!([line(LEGACY_ADD_ON, 4, "monthly", None)]);
        assert_eq!(code_of(json!([e3])), Some(10018));
    }

    #[test]
    fn a_legacy_add_on_is_bought_as_an_add_on_item_of_a_base_that_offers_it() {
        let mut e3 = line(LEGACY_E3, 3, "monthly", None);
        e3["addonItems"] = json!([line(LEGACY_ADD_ON, 2, "monthly", None)]);
        assert_eq!(code_of(json!([e3])), None);
        assert_eq!(
            code_of(json!([line(LEGACY_ADD_ON, 2, "monthly", None)])),
            Some(400041)
        );
        let mut basic = line(BASIC, 3, "monthly", Some("P1M"));
        basic["addonItems"] = json!([line(LEGACY_ADD_ON, 2, "monthly", None)]);
        assert_eq!(code_of(json!([basic])), Some(400041));
        let mut e3 = line(LEGACY_E3, 3, "monthly", None);
        e3["addonItems"] = json!([line(BASIC, 2, "monthly", Some("P1M"))]);
        assert_eq!(code_of(json!([e3])), Some(10010));
    }

    #[test]
    fn a_retired_legacy_offer_is_500600_naming_its_successor() {
        let error = first_error(json!([line(LEGACY_RETIRED, 1, "monthly", None)])).unwrap();
        assert_eq!(error.error_code.code(), 500600);
        assert!(error.error_description.contains(BASIC));
    }
}
