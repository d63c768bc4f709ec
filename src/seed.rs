//! Seed documents: loading, validating, generating the bulk customers, and exporting.
//!
//! A seed document is one JSON object: the partner, the customers (each with its subscriptions,
//! orders and entitlements, in the API's wire shapes), optionally a `generatedCustomers`
//! block that asks for bulk customers to be made at start-up, so the file stays short, and
//! optionally the namespace's `settings` (the defaults when absent).
//! `seed-data/README.md` documents the format and the default set.

use crate::domain::catalog::ProductCatalog;
use crate::domain::catalog::validation as catalog_validation;
use crate::domain::offer::{Catalog, Offer};
use crate::domain::{Customer, Partner, SubscriptionId};
use crate::settings::{Settings, SettingsDocument};
use crate::store::{ClockRelative, Data};
use crate::wire::BodyError;
use crate::wire::body::read_value;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Arc;

mod generate;

pub use generate::generate;

/// The default data set, built into the binary.
pub(crate) const DEFAULT_SEED: &str = include_str!("../seed-data/default.json");
/// The name the default data set is reported under in errors.
pub(crate) const DEFAULT_SEED_NAME: &str = "seed-data/default.json";
/// The default product catalog, served when a seed document has no `catalog`.
pub(crate) const DEFAULT_CATALOG: &str = include_str!("../seed-data/catalog.json");
/// The name the default product catalog is reported under in errors.
pub(crate) const DEFAULT_CATALOG_NAME: &str = "seed-data/catalog.json";

/// A seed document.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SeedDocument {
    /// The partner the mock acts as: its id, name and indirect resellers.
    pub partner: Partner,
    /// The legacy offer list (`/v1/offers`).
    #[serde(default)]
    pub offers: Vec<Offer>,
    /// The product catalog (`/v1/products`); absent means the default catalog.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<ProductCatalog>,
    /// The customers, each with everything it owns.
    #[serde(default)]
    pub customers: Vec<Customer>,
    /// Customers whose dates are written as of `writtenAt` and follow the clock: each namespace
    /// gets them moved to its own day (see [`ClockRelative`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock_relative_customers: Option<ClockRelative>,
    /// Customers to generate on top of `customers`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_customers: Option<GeneratedCustomers>,
    /// The namespace's settings, as `GET /_mock/settings` names them; absent keys take their
    /// defaults. An import without `settings` keeps the namespace's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<SettingsDocument>,
}

/// Asks for `count` realistic customers, made deterministically from `seed`: at most 1,000,000
/// customers, 100 subscriptions each and 1,000,000 subscriptions in all.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GeneratedCustomers {
    /// How many customers to generate.
    pub count: usize,
    /// The seed of the generator: the same seed gives the same customers.
    #[serde(default)]
    pub seed: u64,
    /// Subscriptions per generated customer.
    #[serde(default = "one")]
    pub subscriptions_each: usize,
}

const fn one() -> usize {
    1
}

impl GeneratedCustomers {
    pub(crate) const MAX_COUNT: usize = 1_000_000;
    pub(crate) const MAX_SUBSCRIPTIONS_EACH: usize = 100;
    pub(crate) const MAX_SUBSCRIPTIONS: usize = 1_000_000;

    /// Refuses a request the mock could not hold: the field at fault and why.
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.count > Self::MAX_COUNT {
            return Err(("count", format!("at most {} customers", Self::MAX_COUNT)));
        }
        if self.subscriptions_each > Self::MAX_SUBSCRIPTIONS_EACH {
            return Err((
                "subscriptionsEach",
                format!(
                    "at most {} subscriptions each",
                    Self::MAX_SUBSCRIPTIONS_EACH
                ),
            ));
        }
        if self.count * self.subscriptions_each > Self::MAX_SUBSCRIPTIONS {
            return Err((
                "subscriptionsEach",
                format!("at most {} subscriptions in all", Self::MAX_SUBSCRIPTIONS),
            ));
        }
        Ok(())
    }
}

/// Why a seed could not be loaded. The message names the file and the JSON path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid seed {source_name}: at {path}: {reason}")]
pub struct SeedError {
    /// The file (or other source) the seed was read from.
    pub source_name: String,
    /// The JSON path of the value at fault.
    pub path: String,
    /// What is wrong with it.
    pub reason: String,
}

/// A validated seed, ready to start namespaces from.
#[derive(Debug, Clone)]
pub struct Seed {
    data: Arc<Data>,
    /// Whether the document named settings, rather than leaving them at their defaults.
    names_settings: bool,
}

impl Seed {
    /// The default data set.
    pub fn default_set() -> Self {
        Self::from_json(DEFAULT_SEED_NAME, DEFAULT_SEED).expect("the built-in seed is valid")
    }

    /// No customers at all, with the default partner.
    pub fn empty() -> Self {
        let document = SeedDocument::selling_as(&Self::default_set().data, Vec::new());
        Self::from_document("(empty seed)", document).expect("an empty seed is valid")
    }

    /// Reads a seed file.
    pub fn from_file(path: &Path) -> Result<Self, SeedError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| SeedError {
            source_name: name.clone(),
            path: "(file)".to_owned(),
            reason: e.to_string(),
        })?;
        Self::from_json(&name, &text)
    }

    /// Reads a seed document from JSON text; `source_name` names it in errors.
    pub fn from_json(source_name: &str, text: &str) -> Result<Self, SeedError> {
        let error = |path: String, reason: String| SeedError {
            source_name: source_name.to_owned(),
            path,
            reason,
        };
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| error("(document)".to_owned(), e.to_string()))?;
        let document: SeedDocument = read_value(value).map_err(|e| match e {
            BodyError::Invalid { path, reason } => error(path, reason),
            other => error("(document)".to_owned(), other.to_string()),
        })?;
        Self::from_document(source_name, document)
    }

    /// Validates a parsed document and generates its bulk customers.
    pub fn from_document(source_name: &str, document: SeedDocument) -> Result<Self, SeedError> {
        let error = |path: String, reason: String| SeedError {
            source_name: source_name.to_owned(),
            path,
            reason,
        };
        for (index, customer) in document.customers.iter().enumerate() {
            check_customer(customer)
                .and_then(|()| crate::domain::users::check_users(customer))
                .map_err(|(path, reason)| error(format!("customers[{index}].{path}"), reason))?;
        }
        let mut customers = document.customers;
        if let Some(generated) = &document.generated_customers {
            generated
                .check()
                .map_err(|(field, reason)| error(format!("generatedCustomers.{field}"), reason))?;
            customers.extend(generate(generated));
        }
        let products = match document.catalog {
            Some(products) => {
                catalog_validation::validate(&products)
                    .map_err(|(path, reason)| error(format!("catalog.{path}"), reason))?;
                products
            }
            None => default_catalog()?,
        };
        check_offers(&document.offers, &products)
            .map_err(|(path, reason)| error(format!("offers{path}"), reason))?;
        let catalog = Catalog::new(document.offers, products);
        let settings = match &document.settings {
            Some(sent) => Settings::default()
                .merged(sent)
                .map_err(|e| error(format!("settings.{}", e.key), e.message))?,
            None => Settings::default(),
        };
        let mut data = Data::new(document.partner, catalog, customers)
            .map_err(|(index, e)| error(format!("customers[{index}]"), e.to_string()))?;
        if settings != *data.settings() {
            data = data.with_settings(settings);
        }
        if let Some(relative) = document.clock_relative_customers {
            for (index, customer) in relative.customers.iter().enumerate() {
                check_customer(customer)
                    .and_then(|()| crate::domain::users::check_users(customer))
                    .map_err(|(path, reason)| {
                        error(
                            format!("clockRelativeCustomers.customers[{index}].{path}"),
                            reason,
                        )
                    })?;
            }
            data = data.with_clock_relative(relative).map_err(|(index, e)| {
                error(
                    format!("clockRelativeCustomers.customers[{index}]"),
                    e.to_string(),
                )
            })?;
        }
        Ok(Self {
            data: Arc::new(data),
            names_settings: document.settings.is_some(),
        })
    }

    /// The validated data each namespace starts from.
    pub fn data(&self) -> Arc<Data> {
        Arc::clone(&self.data)
    }

    /// The data to replace a namespace's with, whose settings are `current`: the document's
    /// settings when it names them, else the namespace keeps its own.
    pub(crate) fn data_replacing(&self, current: &Settings) -> Arc<Data> {
        if self.names_settings || self.data.settings() == current {
            self.data()
        } else {
            Arc::new(self.data.with_settings(current.clone()))
        }
    }
}

/// The default product catalog (`seed-data/catalog.json`), read and checked.
pub fn default_catalog() -> Result<ProductCatalog, SeedError> {
    let error = |path: String, reason: String| SeedError {
        source_name: DEFAULT_CATALOG_NAME.to_owned(),
        path,
        reason,
    };
    let value: serde_json::Value = serde_json::from_str(DEFAULT_CATALOG)
        .map_err(|e| error("(document)".to_owned(), e.to_string()))?;
    let catalog: ProductCatalog = read_value(value).map_err(|e| match e {
        BodyError::Invalid { path, reason } => error(path, reason),
        other => error("(document)".to_owned(), other.to_string()),
    })?;
    catalog_validation::validate(&catalog).map_err(|(path, reason)| error(path, reason))?;
    Ok(catalog)
}

/// A retired legacy offer names the catalog item that replaces it, and a legacy offer still sold
/// the one its subscriptions migrate to; the fault's path starts at the offer's index.
fn check_offers(offers: &[Offer], products: &ProductCatalog) -> Result<(), (String, String)> {
    for (index, offer) in offers.iter().enumerate() {
        let named = [
            ("newCommerceSuccessor", &offer.new_commerce_successor),
            ("newCommerceEquivalent", &offer.new_commerce_equivalent),
        ];
        for (field, item) in named {
            if let Some(item) = item
                && products.item(item).is_none()
            {
                return Err((
                    format!("[{index}].{field}"),
                    format!("'{item}' is no catalog item of the product catalog"),
                ));
            }
        }
    }
    Ok(())
}

/// Exports a namespace as a seed document: every customer written out. The export is
/// deterministic, so it can be diffed and committed: customers, and every list inside them, in
/// ascending id order (order lines by line number, entitlements by order and line).
pub fn export(data: &Data) -> SeedDocument {
    SeedDocument {
        settings: Some(data.settings().document()),
        ..SeedDocument::selling_as(data, data.customers().map(|c| in_id_order(c)).collect())
    }
}

impl SeedDocument {
    /// A document with `customers`, whose partner, offers and product catalog are `data`'s, and
    /// no settings of its own.
    pub(crate) fn selling_as(data: &Data, customers: Vec<Customer>) -> Self {
        let catalog = data.catalog();
        Self {
            partner: data.partner().clone(),
            offers: catalog.offers().to_vec(),
            catalog: Some(catalog.products().clone()),
            customers,
            clock_relative_customers: None,
            generated_customers: None,
            settings: None,
        }
    }
}

fn in_id_order(customer: &Customer) -> Customer {
    let mut customer = customer.clone();
    customer.subscriptions.sort_by_key(|s| s.id);
    customer.carts.sort_by_key(|cart| cart.id);
    customer.transitions.sort_by_key(|t| t.operation_id);
    customer.migrations.sort_by_key(|migration| migration.id);
    customer.users.sort_by_key(|user| user.id);
    customer
        .subscription_registrations
        .sort_by_key(|registration| registration.subscription_id);
    customer.orders.sort_by(|a, b| a.id.cmp(&b.id));
    for order in &mut customer.orders {
        if !order
            .line_items
            .is_sorted_by_key(|line| line.line_item_number)
        {
            Arc::make_mut(order)
                .line_items
                .sort_by_key(|line| line.line_item_number);
        }
    }
    customer.entitlements.sort_by(|a, b| {
        let key = |e: &crate::domain::Entitlement| {
            (
                e.reference_order.id.clone(),
                e.reference_order.line_item_id.clone(),
                e.product_id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    customer
}

/// Checks what serde cannot: references inside a customer.
fn check_customer(customer: &Customer) -> Result<(), (String, String)> {
    let ids: Vec<SubscriptionId> = customer.subscriptions.iter().map(|s| s.id).collect();
    for (index, subscription) in customer.subscriptions.iter().enumerate() {
        if ids.iter().filter(|id| **id == subscription.id).count() > 1 {
            return Err((
                format!("subscriptions[{index}].id"),
                format!("subscription id {} appears twice", subscription.id),
            ));
        }
        if let Some(parent) = subscription.parent_subscription_id
            && !ids.contains(&parent)
        {
            return Err((
                format!("subscriptions[{index}].parentSubscriptionId"),
                format!("no subscription {parent} in this customer"),
            ));
        }
        if !customer
            .orders
            .iter()
            .any(|o| o.id == subscription.order_id)
        {
            return Err((
                format!("subscriptions[{index}].orderId"),
                format!("no order {} in this customer", subscription.order_id),
            ));
        }
    }
    for (index, cart) in customer.carts.iter().enumerate() {
        if customer.carts[..index]
            .iter()
            .any(|other| other.id == cart.id)
        {
            return Err((
                format!("carts[{index}].id"),
                format!("cart id {} appears twice", cart.id),
            ));
        }
    }
    for (index, transition) in customer.transitions.iter().enumerate() {
        for (field, id) in [
            ("fromSubscriptionId", transition.from_subscription_id),
            ("toSubscriptionId", transition.to_subscription_id),
        ] {
            if !ids.contains(&id) {
                return Err((
                    format!("transitions[{index}].{field}"),
                    format!("no subscription {id} in this customer"),
                ));
            }
        }
    }
    for (index, registration) in customer.subscription_registrations.iter().enumerate() {
        let subscription = registration.subscription_id;
        let field = format!("subscriptionRegistrations[{index}].subscriptionId");
        if !ids.contains(&subscription) {
            return Err((
                field,
                format!("no subscription {subscription} in this customer"),
            ));
        }
        if customer.subscription_registrations[..index]
            .iter()
            .any(|other| other.subscription_id == subscription)
        {
            return Err((
                field,
                format!("subscription {subscription} is registered twice"),
            ));
        }
    }
    for (index, entitlement) in customer.entitlements.iter().enumerate() {
        let order = &entitlement.reference_order.id;
        if !customer.orders.iter().any(|o| o.id == order.as_str()) {
            return Err((
                format!("entitlements[{index}].referenceOrder.id"),
                format!("no order {order} in this customer"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_seed_loads_with_more_than_a_page_of_customers() {
        let seed = Seed::default_set();
        assert!(seed.data().customer_count() > 500);
    }

    #[test]
    fn named_customers_have_users_within_their_seats_and_generated_ones_none() {
        let data = Seed::default_set().data();
        let mut named = 0;
        for customer in data.customers() {
            if customer.users.is_empty() {
                continue;
            }
            named += 1;
            for units in customer.subscribed_skus() {
                assert!(
                    units.available_units() >= 0,
                    "{} holds more {} licences than it has units",
                    customer.company_profile.company_name,
                    units.sku.name
                );
            }
        }
        assert_eq!(named, 7, "each named customer has users");
        let generated = generate(&GeneratedCustomers {
            count: 5,
            seed: 1,
            subscriptions_each: 1,
        });
        assert!(generated.iter().all(|customer| customer.users.is_empty()));
    }

    #[test]
    fn every_offer_a_product_sku_is_sold_as_is_sold_by_the_default_seed() {
        let data = Seed::default_set().data();
        let catalog = data.catalog();
        for sku in crate::domain::licensing::product_skus::PRODUCT_SKUS {
            for sold in sku.sold_as {
                let known = catalog.offer(sold).is_some()
                    || catalog.products().items().any(|item| {
                        item.id()
                            .to_ascii_lowercase()
                            .starts_with(&format!("{}:", sold.to_ascii_lowercase()))
                    });
                assert!(known, "{} is sold as {sold}, which nothing sells", sku.name);
            }
        }
    }

    #[test]
    fn a_seeded_user_outside_the_customer_s_domains_names_its_path() {
        let mut document: SeedDocument = serde_json::from_str(DEFAULT_SEED).unwrap();
        document.generated_customers = None;
        let mut user = (*document.customers[1].users[1]).clone();
        user.user_principal_name = "pat@elsewhere.example".to_owned();
        document.customers[1].users[1] = Arc::new(user);
        let error = Seed::from_document("users.json", document).unwrap_err();
        assert_eq!(error.path, "customers[1].users[1].userPrincipalName");
    }

    #[test]
    fn a_seeded_term_that_is_not_one_names_its_path() {
        let mut document: serde_json::Value = serde_json::from_str(DEFAULT_SEED).unwrap();
        document["customers"][0]["subscriptions"][1]["termDuration"] = "1Year".into();
        let error = Seed::from_json("terms.json", &document.to_string()).unwrap_err();
        assert_eq!(error.path, "customers[0].subscriptions[1].termDuration");
        assert!(
            error.reason.contains("'1Year' is not a term"),
            "{}",
            error.reason
        );
    }

    #[test]
    fn generation_is_deterministic() {
        let spec = GeneratedCustomers {
            count: 3,
            seed: 7,
            subscriptions_each: 2,
        };
        assert_eq!(generate(&spec), generate(&spec));
    }

    #[test]
    fn an_invalid_seed_names_the_file_and_the_path() {
        let error = Seed::from_json(
            "bad.json",
            r#"{"partner":{"id":"p","name":"n","mpnId":"1"},"customers":[{"id":"nope"}]}"#,
        )
        .unwrap_err();
        assert_eq!(error.source_name, "bad.json");
        assert_eq!(error.path, "customers[0].id");
        assert!(
            error
                .to_string()
                .starts_with("invalid seed bad.json: at customers[0].id")
        );
    }

    #[test]
    fn export_then_load_gives_the_same_customers() {
        let seed = Seed::default_set();
        let document = export(&seed.data());
        let text = serde_json::to_string(&document).unwrap();
        let again = Seed::from_json("export", &text).unwrap();
        let before: Vec<_> = seed.data().customers().cloned().collect();
        let after: Vec<_> = again.data().customers().cloned().collect();
        assert_eq!(before, after);
    }

    #[test]
    fn the_default_catalog_sells_every_kind_of_product() {
        use crate::domain::offer::OfferKind;
        let data = Seed::default_set().data();
        let products = data.catalog().products();
        assert!(products.products.len() >= 20);
        for kind in [
            OfferKind::NewCommerce,
            OfferKind::AzurePlan,
            OfferKind::ReservedInstance,
            OfferKind::SavingsPlan,
            OfferKind::Software,
            OfferKind::Marketplace,
        ] {
            assert!(products.items().any(|item| item.kind == kind), "{kind}");
        }
        let items: Vec<_> = products.items().collect();
        assert!(items.iter().any(|item| item.sku.is_trial));
        assert!(items.iter().any(|item| item.sku.is_add_on()));
        assert!(items.iter().any(|item| item.sku.requires_attestation()));
        for term in ["P1M", "P1Y", "P3Y"] {
            assert!(items.iter().any(|item| item.offers_term(term)), "{term}");
        }
        assert!(products.item("DZH318Z0BPS6:0001:DZH318Z0BPXW").is_some());
    }

    /// Every catalog item id a recorded cart or order request names, and every offer id a cart
    /// line names, can be bought from the default seed.
    #[test]
    fn the_default_seed_sells_what_the_recorded_requests_buy() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/contract");
        if !dir.is_dir() {
            eprintln!("skipped: ../shared/contract is absent, so there are no recorded requests");
            return;
        }
        let data = Seed::default_set().data();
        let mut checked = 0;
        for folder in ["subscriptions", "entitlements"] {
            for entry in std::fs::read_dir(dir.join(folder)).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if !name.ends_with(".request.json") {
                    continue;
                }
                let body: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                for id in bought_ids(&body, name.starts_with("post-cart")) {
                    assert!(
                        data.catalog().purchasable(&id).is_some(),
                        "{name} buys {id}, which the default seed does not sell"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked >= 15, "only {checked} ids found");
    }

    /// The `catalogItemId`s of a body, its `offerId`s that are catalog item ids, and on carts its
    /// legacy offer ids too.
    fn bought_ids(value: &serde_json::Value, cart: bool) -> Vec<String> {
        let mut ids = Vec::new();
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    if let Some(id) = value.as_str() {
                        let item = key.eq_ignore_ascii_case("catalogItemId");
                        let offer =
                            key.eq_ignore_ascii_case("offerId") && (cart || id.contains(':'));
                        if item || offer {
                            ids.push(id.to_owned());
                        }
                    }
                    ids.extend(bought_ids(value, cart));
                }
            }
            serde_json::Value::Array(items) => {
                ids.extend(items.iter().flat_map(|item| bought_ids(item, cart)));
            }
            _ => {}
        }
        ids
    }

    #[test]
    fn a_seed_without_a_catalog_sells_the_default_one_and_its_export_carries_it() {
        let seed = Seed::from_json(
            "small.json",
            r#"{"partner":{"id":"p","name":"n","mpnId":"1"}}"#,
        )
        .unwrap();
        let data = seed.data();
        assert_eq!(
            data.catalog().products(),
            Seed::default_set().data().catalog().products()
        );
        let document = export(&data);
        assert!(document.catalog.is_some());
        let text = serde_json::to_string(&document).unwrap();
        let again = Seed::from_json("export", &text).unwrap();
        assert_eq!(again.data().catalog(), data.catalog());
    }

    #[test]
    fn a_seed_with_its_own_catalog_sells_that_one() {
        let seed = Seed::from_json(
            "own.json",
            r#"{"partner":{"id":"p","name":"n","mpnId":"1"},"catalog":{"products":[
                {"id":"P1","title":"Only","productType":{"id":"OnlineServicesNCE","displayName":"OnlineServicesNCE"},
                 "skus":[{"id":"S1","title":"Only","supportedBillingCycles":["monthly"],
                   "availabilities":[{"id":"A1","countries":["US"],"terms":[{"duration":"P1M","billingCycle":"Monthly"}]}]}]}]}}"#,
        )
        .unwrap();
        let data = seed.data();
        assert_eq!(data.catalog().products().items().count(), 1);
        assert!(data.catalog().purchasable("p1:s1:a1").is_some());
    }

    #[test]
    fn a_bad_catalog_names_the_json_path_of_its_fault() {
        let error = Seed::from_json(
            "bad.json",
            r#"{"partner":{"id":"p","name":"n","mpnId":"1"},"catalog":{"products":[
                {"id":"P1","title":"Box","productType":{"id":"Hardware","displayName":"Hardware"},"skus":[]}]}}"#,
        )
        .unwrap_err();
        assert_eq!(error.path, "catalog.products[0].productType.id");
        let error = Seed::from_json(
            "bad.json",
            r#"{"partner":{"id":"p","name":"n","mpnId":"1"},"catalog":{"products":[{"id":"P1"}]}}"#,
        )
        .unwrap_err();
        assert_eq!(error.path, "catalog.products[0]");
        let error = Seed::from_json(
            "bad.json",
            r#"{"partner":{"id":"p","name":"n","mpnId":"1"},"catalog":{"products":[
                {"id":"P1","title":"Only","productType":{"id":"OnlineServicesNCE","displayName":"OnlineServicesNCE"},
                 "skus":[{"id":"S1","title":"Only","supportedBillingCycles":["monthly"],
                   "availabilities":[{"id":"A1","countries":["US"],"terms":[{"duration":"3Years"}]}]}]}]}}"#,
        )
        .unwrap_err();
        assert_eq!(
            error.path,
            "catalog.products[0].skus[0].availabilities[0].terms[0].duration"
        );
        assert!(
            error.reason.contains("'3Years' is not a term"),
            "{}",
            error.reason
        );
        let error = Seed::from_json(
            "bad.json",
            r#"{"partner":{"id":"p","name":"n","mpnId":"1"},"offers":[{"id":"x","name":"X",
                "kind":"license","billing":"license","newCommerceSuccessor":"NOPE:0001:NOPE"}]}"#,
        )
        .unwrap_err();
        assert_eq!(error.path, "offers[0].newCommerceSuccessor");
    }
}
