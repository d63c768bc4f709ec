//! Checks of a product catalog beyond its JSON shape, so that a seed with a bad catalog stops
//! start-up with the JSON path of the fault.

use super::ProductCatalog;
use super::availability::Availability;
use super::product::Product;
use super::sku::{IS_ADD_ON, PREREQUISITE_SKUS, Sku, UPGRADE_TARGET_OFFERS};
use crate::domain::subscription::BillingCycle;
use serde_json::Value;

/// A fault: the JSON path inside the catalog and why it is wrong.
pub(crate) type Fault = (String, String);

/// Checks every product: ids (letters and digits, unique among their siblings), known product
/// types, quantity limits, billing cycles, markets, terms, and add-on prerequisites that name
/// SKUs of the catalog.
pub(crate) fn validate(catalog: &ProductCatalog) -> Result<(), Fault> {
    for (index, product) in catalog.products.iter().enumerate() {
        let path = format!("products[{index}]");
        check_id(&product.id, &format!("{path}.id"))?;
        let earlier = &catalog.products[..index];
        if earlier
            .iter()
            .any(|p| p.id.eq_ignore_ascii_case(&product.id))
        {
            return Err(fault(
                &path,
                "id",
                format!("product id {} appears twice", product.id),
            ));
        }
        check_product(catalog, product, &path)?;
    }
    Ok(())
}

fn check_product(catalog: &ProductCatalog, product: &Product, path: &str) -> Result<(), Fault> {
    if product.kind().is_none() {
        return Err(fault(
            path,
            "productType.id",
            format!(
                "unknown product type '{}', expected OnlineServicesNCE, Azure, Software or SaaS",
                product.product_type.id
            ),
        ));
    }
    if product.skus.is_empty() {
        return Err(fault(
            path,
            "skus",
            "a product needs at least one SKU".to_owned(),
        ));
    }
    for (index, sku) in product.skus.iter().enumerate() {
        let path = format!("{path}.skus[{index}]");
        check_id(&sku.id, &format!("{path}.id"))?;
        if product.skus[..index]
            .iter()
            .any(|s| s.id.eq_ignore_ascii_case(&sku.id))
        {
            return Err(fault(
                &path,
                "id",
                format!("SKU id {} appears twice", sku.id),
            ));
        }
        check_sku(catalog, sku, &path)?;
    }
    Ok(())
}

fn check_sku(catalog: &ProductCatalog, sku: &Sku, path: &str) -> Result<(), Fault> {
    if sku.minimum_quantity == 0 || sku.minimum_quantity > sku.maximum_quantity {
        return Err(fault(
            path,
            "minimumQuantity",
            "the minimum quantity must be at least 1 and at most the maximum".to_owned(),
        ));
    }
    if sku.supported_billing_cycles.is_empty()
        || sku
            .supported_billing_cycles
            .contains(&BillingCycle::Unknown)
    {
        return Err(fault(
            path,
            "supportedBillingCycles",
            "list at least one billing cycle, none of them unknown".to_owned(),
        ));
    }
    check_add_on(catalog, sku, path)?;
    if let Some(commitment) = &sku.minimum_purchase_commitment {
        if commitment.amount.trim().parse::<f64>().is_err() {
            return Err(fault(
                path,
                "minimumPurchaseCommitment.amount",
                format!("'{}' is not a decimal number", commitment.amount),
            ));
        }
    }
    if sku.availabilities.is_empty() {
        return Err(fault(
            path,
            "availabilities",
            "a SKU needs at least one availability".to_owned(),
        ));
    }
    for (index, availability) in sku.availabilities.iter().enumerate() {
        let path = format!("{path}.availabilities[{index}]");
        check_id(&availability.id, &format!("{path}.id"))?;
        let earlier = &sku.availabilities[..index];
        if earlier
            .iter()
            .any(|a| a.id.eq_ignore_ascii_case(&availability.id))
        {
            return Err(fault(
                &path,
                "id",
                format!("availability id {} appears twice", availability.id),
            ));
        }
        check_availability(sku, availability, &path)?;
    }
    Ok(())
}

/// `isAddon` is a boolean; `prerequisiteSkus` and `upgradeTargetOffers` list `product:sku`
/// strings naming SKUs of the catalog, and an add-on names at least one base SKU.
fn check_add_on(catalog: &ProductCatalog, sku: &Sku, path: &str) -> Result<(), Fault> {
    if sku
        .dynamic_attribute(IS_ADD_ON)
        .is_some_and(|v| !v.is_boolean())
    {
        return Err(fault(
            path,
            &format!("dynamicAttributes.{IS_ADD_ON}"),
            "expected true or false".to_owned(),
        ));
    }
    let prerequisites = check_sku_list(catalog, sku, path, PREREQUISITE_SKUS)?;
    check_sku_list(catalog, sku, path, UPGRADE_TARGET_OFFERS)?;
    if sku.is_add_on() && prerequisites == 0 {
        return Err(fault(
            path,
            &format!("dynamicAttributes.{PREREQUISITE_SKUS}"),
            "an add-on names at least one base SKU".to_owned(),
        ));
    }
    Ok(())
}

/// The dynamic attribute `key`, when given, is an array of `product:sku` strings that each name a
/// SKU of the catalog; returns how many it names.
fn check_sku_list(
    catalog: &ProductCatalog,
    sku: &Sku,
    path: &str,
    key: &str,
) -> Result<usize, Fault> {
    let attribute = format!("dynamicAttributes.{key}");
    let named: Vec<&str> = match sku.dynamic_attribute(key) {
        None => Vec::new(),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
            items.iter().filter_map(Value::as_str).collect()
        }
        Some(_) => {
            return Err(fault(
                path,
                &attribute,
                "expected an array of \"product:sku\" strings".to_owned(),
            ));
        }
    };
    for (index, named_sku) in named.iter().enumerate() {
        let known = named_sku.split_once(':').is_some_and(|(product, sku)| {
            catalog
                .products
                .iter()
                .any(|p| p.id.eq_ignore_ascii_case(product) && p.sku(sku).is_some())
        });
        if !known {
            return Err(fault(
                path,
                &format!("{attribute}[{index}]"),
                format!("'{named_sku}' names no SKU of the catalog"),
            ));
        }
    }
    Ok(named.len())
}

fn check_availability(sku: &Sku, availability: &Availability, path: &str) -> Result<(), Fault> {
    if availability.countries.is_empty() {
        return Err(fault(
            path,
            "countries",
            "list at least one country".to_owned(),
        ));
    }
    for (index, country) in availability.countries.iter().enumerate() {
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(fault(
                path,
                &format!("countries[{index}]"),
                format!("'{country}' is not a two-letter ISO country code"),
            ));
        }
    }
    for (index, term) in availability.terms.iter().enumerate() {
        let path = format!("{path}.terms[{index}]");
        if let Some(cycle) = term.billing_cycle {
            if !sku.supported_billing_cycles.contains(&cycle) {
                return Err(fault(
                    &path,
                    "billingCycle",
                    format!("the SKU does not support the billing cycle {cycle}"),
                ));
            }
        }
        for (p, policy) in term.cancellation_policies.iter().enumerate() {
            for (r, refund) in policy.refund_options.iter().enumerate() {
                if crate::wire::duration::parse(&refund.expires_after).is_none() {
                    return Err(fault(
                        &path,
                        &format!("cancellationPolicies[{p}].refundOptions[{r}].expiresAfter"),
                        format!("'{}' is not an ISO-8601 duration", refund.expires_after),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Ids are letters and digits: they are joined with `:` into catalog item ids.
fn check_id(id: &str, path: &str) -> Result<(), Fault> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err((
            path.to_owned(),
            format!("'{id}' is not an id of letters and digits"),
        ));
    }
    Ok(())
}

fn fault(path: &str, field: &str, reason: String) -> Fault {
    (format!("{path}.{field}"), reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::fixture;

    fn fault_of(change: impl FnOnce(&mut ProductCatalog)) -> Fault {
        let mut catalog = fixture::catalog();
        change(&mut catalog);
        validate(&catalog).unwrap_err()
    }

    #[test]
    fn the_test_catalog_is_valid() {
        assert_eq!(validate(&fixture::catalog()), Ok(()));
    }

    #[test]
    fn a_bad_catalog_names_the_path_of_its_fault() {
        let (path, _) = fault_of(|c| c.products[1].product_type.id = "Hardware".to_owned());
        assert_eq!(path, "products[1].productType.id");
        let (path, _) = fault_of(|c| c.products[2].id = "cfq7ttc0lh18".to_owned());
        assert_eq!(path, "products[2].id");
        let (path, _) = fault_of(|c| c.products[0].skus[0].id = "00:1".to_owned());
        assert_eq!(path, "products[0].skus[0].id");
        let (path, _) = fault_of(|c| c.products[0].skus[0].minimum_quantity = 301);
        assert_eq!(path, "products[0].skus[0].minimumQuantity");
        let (path, _) = fault_of(|c| {
            c.products[0].skus[0].availabilities[1].countries = vec!["USA".to_owned()]
        });
        assert_eq!(path, "products[0].skus[0].availabilities[1].countries[0]");
        let (path, _) = fault_of(|c| {
            c.products[0].skus[0].availabilities[0].terms[2].billing_cycle =
                Some(BillingCycle::Triennial)
        });
        assert_eq!(
            path,
            "products[0].skus[0].availabilities[0].terms[2].billingCycle"
        );
    }

    #[test]
    fn upgrade_targets_name_existing_skus() {
        let (path, reason) = fault_of(|c| {
            c.products[0].skus[0].dynamic_attributes.insert(
                UPGRADE_TARGET_OFFERS.to_owned(),
                serde_json::json!(["CFQ7TTC0LF8R:0001", "NOPE:0001"]),
            );
        });
        assert_eq!(
            path,
            "products[0].skus[0].dynamicAttributes.upgradeTargetOffers[1]"
        );
        assert!(reason.contains("NOPE:0001"));
    }

    #[test]
    fn an_add_on_names_existing_base_skus() {
        let (path, reason) = fault_of(|c| {
            c.products[2].skus[0].dynamic_attributes.insert(
                PREREQUISITE_SKUS.to_owned(),
                serde_json::json!(["CFQ7TTC0LF8R:0009"]),
            );
        });
        assert_eq!(
            path,
            "products[2].skus[0].dynamicAttributes.prerequisiteSkus[0]"
        );
        assert!(reason.contains("CFQ7TTC0LF8R:0009"));
        let (path, _) = fault_of(|c| {
            c.products[2].skus[0]
                .dynamic_attributes
                .remove(PREREQUISITE_SKUS);
        });
        assert_eq!(
            path,
            "products[2].skus[0].dynamicAttributes.prerequisiteSkus"
        );
        let (path, _) = fault_of(|c| {
            c.products[2].skus[0]
                .dynamic_attributes
                .insert(IS_ADD_ON.to_owned(), serde_json::json!("yes"));
        });
        assert_eq!(path, "products[2].skus[0].dynamicAttributes.isAddon");
    }
}
