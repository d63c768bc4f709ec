//! The reviewed list of differences the mock keeps on purpose, each with its reason.
//!
//! An entry names the docs' recording it was found on (for the contract tests), the operation
//! it concerns (for `verify`, which replays exchanges recorded from a tenant) and the JSON path
//! of the difference. A difference that is on this list is explained; any other one is not.

/// One deliberate difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownDeviation {
    /// The docs' recording, as `folder/file` under the contract folder.
    pub recording: &'static str,
    /// The operation: a method and a route, with `{...}` for each id (`GET /v1/offers/{id}`).
    pub operation: &'static str,
    /// The JSON path, as the comparer writes it (`$.items[*].links.learnMore`).
    pub path: &'static str,
    /// Why the mock answers differently on purpose.
    pub reason: &'static str,
}

impl KnownDeviation {
    /// Whether this entry explains a difference at `json_path` in the answer to `method path`.
    pub fn explains(&self, method: &str, path: &str, json_path: &str) -> bool {
        self.path == json_path && operation_matches(self.operation, method, path)
    }
}

/// The entry that explains a difference at `json_path` in the answer to `method path`.
pub fn explanation(method: &str, path: &str, json_path: &str) -> Option<&'static KnownDeviation> {
    DEVIATIONS
        .iter()
        .find(|known| known.explains(method, path, json_path))
}

/// Whether `method path` is an instance of `operation` (`GET /v1/customers/{id}`). Route words
/// match in any case, and a trailing slash is ignored, as the mock's routes do.
pub(crate) fn operation_matches(operation: &str, method: &str, path: &str) -> bool {
    let Some((operation_method, route)) = operation.split_once(' ') else {
        return false;
    };
    if !operation_method.eq_ignore_ascii_case(method) {
        return false;
    }
    let route: Vec<&str> = route.trim_end_matches('/').split('/').collect();
    let path: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    route.len() == path.len()
        && route.iter().zip(&path).all(|(word, segment)| {
            (word.starts_with('{') && word.ends_with('}') && !segment.is_empty())
                || word.eq_ignore_ascii_case(segment)
        })
}

const PATCH_CUSTOMER: &str = "PATCH /v1/customers/{id}";
const GET_OFFERS: &str = "GET /v1/offers";
const GET_OFFER: &str = "GET /v1/offers/{id}";
const GET_OFFER_ADDONS: &str = "GET /v1/offers/{id}/addons";
const GET_ORDERS: &str = "GET /v1/customers/{id}/orders";
const POST_ORDER: &str = "POST /v1/customers/{id}/orders";
const PATCH_ORDER: &str = "PATCH /v1/customers/{id}/orders/{orderId}";
const GET_SUBSCRIPTIONS: &str = "GET /v1/customers/{id}/subscriptions";
const GET_SUBSCRIPTION: &str = "GET /v1/customers/{id}/subscriptions/{subscriptionId}";
const GET_SUBSCRIPTION_ADDONS: &str =
    "GET /v1/customers/{id}/subscriptions/{subscriptionId}/addons";
const POST_CART: &str = "POST /v1/customers/{id}/carts";
const CHECKOUT: &str = "POST /v1/customers/{id}/carts/{cartId}/checkout";
const PATCH_SUBSCRIPTION: &str = "PATCH /v1/customers/{id}/subscriptions/{subscriptionId}";
const GET_UPGRADES: &str = "GET /v1/customers/{id}/subscriptions/{subscriptionId}/upgrades";
const GET_TRANSITIONS: &str = "GET /v1/customers/{id}/subscriptions/{subscriptionId}/transitions";
const POST_TRANSITION: &str = "POST /v1/customers/{id}/subscriptions/{subscriptionId}/transitions";

const fn known(
    recording: &'static str,
    operation: &'static str,
    path: &'static str,
    reason: &'static str,
) -> KnownDeviation {
    KnownDeviation {
        recording,
        operation,
        path,
        reason,
    }
}

/// Differences the mock keeps on purpose.
pub const DEVIATIONS: &[KnownDeviation] = &[
    known(
        "subscriptions/post-cart.response.json",
        POST_CART,
        "$.lineItems[*].termDuration",
        PERPETUAL_NO_TERM,
    ),
    known(
        "subscriptions/post-cart-checkout.response.json",
        CHECKOUT,
        "$.orders[*].lineItems[*].termDuration",
        PERPETUAL_NO_TERM,
    ),
    known(
        "subscriptions/post-cart-checkout.response.json",
        CHECKOUT,
        "$.orders[*].lineItems[*].subscriptionId",
        "reservation and software lines buy entitlements and name no subscription, as the recording's own pending orders do; every order is compared with the recording's first, a completed Azure order",
    ),
    known(
        "subscriptions/post-cart-checkout.response.json",
        CHECKOUT,
        "$.orders[*].alternateId",
        LEGACY_CHECKOUT_ORDER,
    ),
    known(
        "subscriptions/post-cart-checkout.response.json",
        CHECKOUT,
        "$.orders[*].transactionType",
        LEGACY_CHECKOUT_ORDER,
    ),
    known(
        "subscriptions/post-cart-checkout.response.json",
        CHECKOUT,
        "$.orders[*].lineItems[*].transactionType",
        "order lines carry no transactionType (the recording's lines say \"New\")",
    ),
    known(
        "customers/patch-customer-remove-relationship.response.json",
        PATCH_CUSTOMER,
        "$",
        PASCAL_CASE,
    ),
    known(
        "subscriptions/get-offers.response.json",
        GET_OFFERS,
        "$.items[*].links.learnMore",
        LEARN_MORE,
    ),
    known(
        "subscriptions/get-offers.response.json",
        GET_OFFERS,
        "$.links.previous",
        "the mock answers every offer on one page; the docs' first page links a previous one",
    ),
    known(
        "subscriptions/get-offer.response.json",
        GET_OFFER,
        "$.links.learnMore",
        LEARN_MORE,
    ),
    known(
        "subscriptions/get-offer-addons.response.json",
        GET_OFFER_ADDONS,
        "$.items[*].links.learnMore",
        LEARN_MORE,
    ),
    known(
        "subscriptions/get-orders.response.json",
        GET_ORDERS,
        "$.items[*].lineItems[*].links.sku",
        "legacy license lines link only their subscription, as in the docs' post-order, add-on and billing-cycle answers; the recorded first order is a reservation",
    ),
    known(
        "subscriptions/get-subscriptions.response.json",
        GET_SUBSCRIPTIONS,
        "$.items[*].entitlementId",
        LICENSE_ENTITLEMENT_ID,
    ),
    known(
        "subscriptions/get-subscriptions-by-order.response.json",
        GET_SUBSCRIPTIONS,
        "$.items[*].entitlementId",
        LICENSE_ENTITLEMENT_ID,
    ),
    known(
        "subscriptions/get-subscription-addons.response.json",
        GET_SUBSCRIPTION_ADDONS,
        "$.items[*].entitlementId",
        LICENSE_ENTITLEMENT_ID,
    ),
    known(
        "subscriptions/get-subscription.response.json",
        GET_SUBSCRIPTION,
        "$.links.offer",
        "the recording is a legacy MS-AZR-0145P subscription linked to its offer; an Azure plan is a catalog item and links product, sku and availability",
    ),
    known(
        "subscriptions/get-subscription-nce.response.json",
        GET_SUBSCRIPTION,
        "$.renewalTermDuration",
        "empty in the docs (no renewal change asked for); the mock omits absent values (SPEC §2)",
    ),
    known(
        "subscriptions/get-subscription-nce.response.json",
        GET_SUBSCRIPTION,
        "$.partnerId",
        NO_PARTNER_OF_RECORD,
    ),
    known(
        "subscriptions/get-subscription-nce.response.json",
        GET_SUBSCRIPTION,
        "$.attentionNeeded",
        NCE_SAMPLE_ONLY,
    ),
    known(
        "subscriptions/get-subscription-nce.response.json",
        GET_SUBSCRIPTION,
        "$.actionTaken",
        NCE_SAMPLE_ONLY,
    ),
    known(
        "subscriptions/patch-subscription-suspend.response.json",
        PATCH_SUBSCRIPTION,
        "$",
        PASCAL_CASE,
    ),
    known(
        "subscriptions/patch-subscription-suspend.response.json",
        PATCH_SUBSCRIPTION,
        "$.Links.Entitlement",
        ENTITLEMENT_LINK,
    ),
    known(
        "subscriptions/patch-subscription-reactivate.response.json",
        PATCH_SUBSCRIPTION,
        "$",
        PASCAL_CASE,
    ),
    known(
        "subscriptions/patch-subscription-reactivate.response.json",
        PATCH_SUBSCRIPTION,
        "$.Links.Entitlement",
        ENTITLEMENT_LINK,
    ),
    known(
        "subscriptions/patch-subscription-quantity.response.json",
        PATCH_SUBSCRIPTION,
        "$",
        PASCAL_CASE,
    ),
    known(
        "subscriptions/patch-subscription-quantity.response.json",
        PATCH_SUBSCRIPTION,
        "$.Links.Entitlement",
        ENTITLEMENT_LINK,
    ),
    known(
        "subscriptions/patch-subscription-friendlyname.response.json",
        PATCH_SUBSCRIPTION,
        "$",
        PASCAL_CASE,
    ),
    known(
        "subscriptions/patch-subscription-friendlyname.response.json",
        PATCH_SUBSCRIPTION,
        "$.Links.Entitlement",
        ENTITLEMENT_LINK,
    ),
    known(
        "subscriptions/patch-subscription-autorenew.response.json",
        PATCH_SUBSCRIPTION,
        "$.partnerId",
        NO_PARTNER_OF_RECORD,
    ),
    known(
        "subscriptions/patch-subscription-cancel.response.json",
        PATCH_SUBSCRIPTION,
        "$.partnerId",
        NO_PARTNER_OF_RECORD,
    ),
    known(
        "subscriptions/post-order-attestation.response.json",
        POST_ORDER,
        "$.client",
        ORDER_CLIENT,
    ),
    known(
        "subscriptions/patch-order-billingcycle.response.json",
        PATCH_ORDER,
        "$.billingCycle",
        "the docs echo the request's PascalCase \"Annual\"; enums go out in lower snake case (SPEC §2)",
    ),
    known(
        "subscriptions/patch-order-cancel-software.response.json",
        PATCH_ORDER,
        "$.lineItems[*].termDuration",
        "perpetual software has no term (the docs' sandbox answer writes it empty); the recorded line is a 3-year SKU",
    ),
    known(
        "subscriptions/patch-order-cancel-software.response.json",
        PATCH_ORDER,
        "$.client",
        ORDER_CLIENT,
    ),
    known(
        "subscriptions/get-subscription-upgrades.response.json",
        GET_UPGRADES,
        "$.items[*].targetOffer.links.learnMore",
        LEARN_MORE,
    ),
    known(
        "subscriptions/get-subscription-upgrades.response.json",
        GET_UPGRADES,
        "$.items[*].targetOffer.isInternal",
        UPGRADE_SAMPLE_ONLY,
    ),
    known(
        "subscriptions/get-subscription-upgrades.response.json",
        GET_UPGRADES,
        "$.items[*].targetOffer.partnerQualifications",
        UPGRADE_SAMPLE_ONLY,
    ),
    known(
        "subscriptions/post-subscription-transition.response.json",
        POST_TRANSITION,
        "$",
        "the docs print FromCatalogItemId, ToCatalogItemId and Events in the .NET SDK's PascalCase; responses are camelCase (SPEC §2)",
    ),
    known(
        "subscriptions/get-subscription-transitions.response.json",
        GET_TRANSITIONS,
        "$",
        "the docs print FromCatalogItemId, ToCatalogItemId and Events in the .NET SDK's PascalCase; responses are camelCase (SPEC §2), under items (the SDK's Collection) and under transition (the docs' sample) alike",
    ),
];

// Reasons shared by several entries of DEVIATIONS.
const PERPETUAL_NO_TERM: &str = "perpetual software has no term, as in the recording's own software line; every line is compared with the recording's first";
const LEGACY_CHECKOUT_ORDER: &str = "a legacy order made by a checkout has no alternateId or transactionType, as legacy orders of POST /orders have none; catalog orders have both";
const PASCAL_CASE: &str = "the docs print this answer in the .NET SDK's PascalCase with nulls; responses are camelCase without nulls (SPEC §2)";
const LEARN_MORE: &str =
    "links.learnMore is an external marketing page; the offline mock invents no outside urls";
const LICENSE_ENTITLEMENT_ID: &str = "entitlementId names an Azure subscription, written for Azure plans; the one 2015 license sample copied here has one with no stated meaning";
const NO_PARTNER_OF_RECORD: &str = "empty in the docs (no reseller of record); the mock omits absent values and writes partnerId for indirect sales only";
const NCE_SAMPLE_ONLY: &str = "only in the 2021 new-commerce sample; in neither the SDK's Subscription model nor the resource docs";
const ENTITLEMENT_LINK: &str = "only the PascalCase samples link an entitlement (an internal /entitlements?key= uri no route serves); the GET samples do not";
const UPGRADE_SAMPLE_ONLY: &str = "only in the 2016 upgrade sample's target offer; in neither the SDK's Offer model nor the offer resource docs";
const ORDER_CLIENT: &str =
    "samples only (empty in one); in neither the SDK's Order model nor the order resource docs";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_match_ids_in_any_segment_and_words_in_any_case() {
        let op = "GET /v1/customers/{id}/subscriptions/{subscriptionId}";
        assert!(operation_matches(
            op,
            "get",
            "/v1/Customers/abc/subscriptions/def/"
        ));
        assert!(!operation_matches(
            op,
            "PATCH",
            "/v1/customers/abc/subscriptions/def"
        ));
        assert!(!operation_matches(
            op,
            "GET",
            "/v1/customers/abc/subscriptions"
        ));
        assert!(!operation_matches(
            op,
            "GET",
            "/v1/customers/abc/orders/def"
        ));
    }

    #[test]
    fn a_listed_difference_is_explained_only_for_its_operation_and_path() {
        let found = explanation("GET", "/v1/offers/123", "$.links.learnMore");
        assert_eq!(found.map(|k| k.reason), Some(LEARN_MORE));
        assert!(explanation("GET", "/v1/offers/123", "$.links.self").is_none());
        assert!(explanation("GET", "/v1/customers/1", "$.links.learnMore").is_none());
    }

    #[test]
    fn every_entry_names_a_recording_an_operation_and_a_reason() {
        for entry in DEVIATIONS {
            assert!(entry.recording.ends_with(".response.json"), "{entry:?}");
            assert!(entry.operation.contains(" /v1/"), "{entry:?}");
            assert!(entry.path.starts_with('$') && !entry.reason.is_empty());
        }
    }
}
