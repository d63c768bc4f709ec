//! Order groups: the server groups the lines of a cart that can be ordered together, and checkout
//! creates one order per group (reference api-new-commerce §3.4).
//!
//! Lines are grouped by what their order is (legacy offers; new-commerce licences; the Azure
//! plan; reservations with perpetual software, as in the documented checkout; savings plans;
//! marketplace products) and by billing cycle, since an order has one. Legacy groups are named
//! `OMS-0`, `OMS-1`, ...; the others `0`, `1`, ... in the order they first appear. An add-on item
//! joins its line's group; a line whose catalog item is unknown joins none.

use super::line::CartLineItem;
use crate::domain::offer::{Catalog, OfferKind};
use crate::domain::subscription::BillingCycle;

/// What kind of order a line goes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OrderFamily {
    Legacy,
    NewCommerce,
    AzurePlan,
    ReservationsAndSoftware,
    SavingsPlan,
    Marketplace,
}

impl From<OfferKind> for OrderFamily {
    fn from(kind: OfferKind) -> Self {
        match kind {
            OfferKind::License => Self::Legacy,
            OfferKind::NewCommerce => Self::NewCommerce,
            OfferKind::AzurePlan => Self::AzurePlan,
            OfferKind::ReservedInstance | OfferKind::Software => Self::ReservationsAndSoftware,
            OfferKind::SavingsPlan => Self::SavingsPlan,
            OfferKind::Marketplace => Self::Marketplace,
        }
    }
}

/// Sets every line's `orderGroup`.
pub(crate) fn assign_order_groups(lines: &mut [CartLineItem], catalog: &Catalog) {
    let mut legacy: Vec<(OrderFamily, BillingCycle)> = Vec::new();
    let mut catalog_groups: Vec<(OrderFamily, BillingCycle)> = Vec::new();
    for line in lines {
        let family = catalog
            .purchasable(&line.catalog_item_id)
            .map(|item| OrderFamily::from(item.kind()));
        let group = family.map(|family| {
            let key = (family, line.billing_cycle);
            let (groups, prefix) = if family == OrderFamily::Legacy {
                (&mut legacy, "OMS-")
            } else {
                (&mut catalog_groups, "")
            };
            let index = groups.iter().position(|k| *k == key).unwrap_or_else(|| {
                groups.push(key);
                groups.len() - 1
            });
            format!("{prefix}{index}")
        });
        for add_on in &mut line.addon_items {
            add_on.order_group.clone_from(&group);
        }
        line.order_group = group;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::fixture::{BASIC, E3, RESERVED_VM, SAAS, SOFTWARE, TRIAL};
    use crate::domain::test_support::{self, LEGACY_ADD_ON, LEGACY_E3};
    use serde_json::json;

    fn groups(lines: serde_json::Value) -> Vec<Option<String>> {
        let request = test_support::cart_request(json!({ "lineItems": lines }));
        let mut lines = request.lines("USD").unwrap();
        assign_order_groups(&mut lines, &test_support::catalog());
        lines
            .iter()
            .flat_map(CartLineItem::with_add_ons)
            .map(|line| line.order_group.clone())
            .collect()
    }

    fn line(id: &str, cycle: &str) -> serde_json::Value {
        json!({"catalogItemId": id, "quantity": 1, "billingCycle": cycle})
    }

    #[test]
    fn lines_are_grouped_as_in_the_documented_mixed_cart() {
        let mut legacy = line(LEGACY_E3, "monthly");
        legacy["addonItems"] = json!([line(LEGACY_ADD_ON, "monthly")]);
        let names = groups(json!([
            legacy,
            line(RESERVED_VM, "one_time"),
            line(SOFTWARE, "one_time"),
            line(SAAS, "monthly"),
            line(TRIAL, "none"),
            line("NOPE:0001:NOPE", "monthly"),
        ]));
        let expected = [
            Some("OMS-0"),
            Some("OMS-0"),
            Some("0"),
            Some("0"),
            Some("1"),
            Some("2"),
            None,
        ];
        assert_eq!(names, expected.map(|name| name.map(str::to_owned)));
    }

    #[test]
    fn new_commerce_lines_share_a_group_per_billing_cycle() {
        let names = groups(json!([
            line(BASIC, "monthly"),
            line(E3, "monthly"),
            line(E3, "annual")
        ]));
        assert_eq!(
            names,
            [Some("0"), Some("0"), Some("1")].map(|n| n.map(str::to_owned))
        );
    }
}
