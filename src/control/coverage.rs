//! The fidelity matrix: every Partner Center operation the mock serves, how faithful it is, its
//! known deviations and their sources, and (see the `matrix` module) every other route the
//! reference documents, as not emulated. `GET /_mock/coverage` serves it, and the matrix in
//! `docs/fidelity.md` is rendered from it (a test keeps the two the same).

use super::matrix::matrix;
use crate::http::response::ok;
use axum::response::Response;
use serde::Serialize;

/// How closely an operation follows Partner Center.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Fidelity {
    /// Shapes, statuses and rules as documented.
    Exact,
    /// As documented, with the listed differences.
    Approximated,
    /// The documentation does not say; the mock's own answer is listed.
    MockDefined,
    /// Documented, but not served: the deviations say what a request for it gets instead.
    NotEmulated,
}

/// One operation.
#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema)]
pub(crate) struct Operation {
    /// The HTTP method.
    pub method: &'static str,
    /// The route, with `{...}` for each path parameter.
    pub path: &'static str,
    /// How closely the mock follows Partner Center here.
    pub fidelity: Fidelity,
    /// The known differences from Partner Center, in words; empty when none are known.
    pub deviations: &'static str,
    /// The Partner Center developer docs pages (or SDK operations) the behaviour follows.
    pub sources: &'static str,
}

const fn op(
    method: &'static str,
    path: &'static str,
    fidelity: Fidelity,
    deviations: &'static str,
    sources: &'static str,
) -> Operation {
    Operation {
        method,
        path,
        fidelity,
        deviations,
        sources,
    }
}

use Fidelity::{Approximated, Exact, MockDefined};

/// The operations the mock serves, in the matrix's order.
pub(crate) const OPERATIONS: &[Operation] = &[
    op(
        "GET",
        "/v1/customers",
        Approximated,
        "Customers in ascending id order; continuation tokens are the mock's own (signed, bound to size and filter); seekOperation Previous, Last and PageIndex answer 400.",
        "get-a-list-of-customers; get-a-customer-by-name; Partner-Center-PowerShell issue 379",
    ),
    op(
        "GET",
        "/v1/customers/{id}",
        Approximated,
        "An unknown id answers 404, code 1000; the real answer is not documented.",
        "get-a-customer-by-id",
    ),
    op(
        "POST",
        "/v1/customers",
        Approximated,
        "relationshipToPartner is reseller (the direct-create sample shows none); a taken domain answers 409, code 2000; a bare domain prefix gets .onmicrosoft.com.",
        "create-a-customer; create-a-customer-for-an-indirect-reseller",
    ),
    op(
        "PATCH",
        "/v1/customers/{id}",
        MockDefined,
        "The refusal codes 900400 to 900406 are the mock's (the real codes are not published; the reserved-instance text is the service's); an indirect reseller is a caller whose token's tid is one of the partner's indirect resellers; the answer is camelCase where the docs print the request echoed in PascalCase.",
        "remove-a-reseller-relationship-with-a-customer; remove-dap; Partner-Center-PowerShell issues 51 and 215",
    ),
    op(
        "DELETE",
        "/v1/customers/{id}",
        Approximated,
        "Refused with code 900401 while reserved instances are active, then 900405 while an Azure plan has an active Azure subscription (the real status and code are not shown).",
        "delete-a-customer-account-from-the-integration-sandbox; Partner-Center-PowerShell issue 215",
    ),
    op(
        "GET",
        "/v1/customers/{id}/profiles/company",
        Exact,
        "",
        "get-a-customer-s-company-profile",
    ),
    op(
        "GET",
        "/v1/customers/{id}/profiles/billing",
        Approximated,
        "The etag is base64 of {id, version}, as subscription etags; a docs sample shows a decimal string.",
        "get-all-of-a-customer-s-billing-profiles",
    ),
    op(
        "PUT",
        "/v1/customers/{id}/profiles/billing",
        Approximated,
        "A stale etag answers 400, code 2055 (the mapping is inferred); null properties keep their values.",
        "update-a-customer-s-billing-profile",
    ),
    op(
        "GET",
        "/v1/customers/{id}/relationships",
        Approximated,
        "The reseller's name and MPN id appear only when the seed knows the reseller.",
        "get-indirect-resellers-of-a-customer",
    ),
    op(
        "GET",
        "/v1/customers/relationshiprequests",
        Exact,
        "",
        "request-reseller-relationship",
    ),
    op(
        "HEAD",
        "/v1/domains/{domain}",
        Exact,
        "",
        "verify-domain-availability",
    ),
    op(
        "GET",
        "/v1/offers",
        Approximated,
        "The catalog is the seed's and the same in every country; offers carry no learnMore link.",
        "get-a-list-of-offers-for-a-market",
    ),
    op(
        "GET",
        "/v1/offers/{id}",
        Approximated,
        "An unknown offer answers 404, code 1000.",
        "get-an-offer-by-id",
    ),
    op(
        "GET",
        "/v1/offers/{id}/addons",
        Approximated,
        "As the offer list.",
        "get-addon-offers-by-offer-id",
    ),
    op(
        "POST",
        "/v1/customers/{id}/orders",
        Approximated,
        "Orders are fulfilled at once (completed, never pending); all lines of an order are of one kind; prerequisites are listed, not enforced.",
        "create-an-order; create-an-order-for-a-customer-of-an-indirect-reseller; purchase-azure-reservations",
    ),
    op(
        "GET",
        "/v1/customers/{id}/orders",
        Exact,
        "billingType filters by the order's billing cycle.",
        "get-all-of-a-customer-s-orders; get-a-list-of-orders-by-customer-and-billing-cycle-type",
    ),
    op(
        "GET",
        "/v1/customers/{id}/orders/{orderId}",
        Exact,
        "",
        "get-an-order-by-id",
    ),
    op(
        "PATCH",
        "/v1/customers/{id}/orders/{orderId}",
        Approximated,
        "Cancelling a software order cancels the whole order rather than the named lines.",
        "purchase-an-add-on-to-a-subscription; change-the-billing-cycle; cancel-an-order-from-the-integration-sandbox; cancel-software-purchases",
    ),
    op(
        "GET",
        "/v1/customers/{id}/orders/{orderId}/provisioningstatus",
        Approximated,
        "Lines are Fulfilled at once, Unfulfilled once cancelled.",
        "order-resources",
    ),
    op(
        "GET",
        "/v1/customers/{id}/subscriptions",
        Exact,
        "order_id and mpn_id filters.",
        "get-all-of-a-customer-s-subscriptions; get-a-list-of-subscriptions-by-order; get-all-subscriptions-by-partner",
    ),
    op(
        "GET",
        "/v1/customers/{id}/subscriptions/{subscriptionId}",
        Exact,
        "",
        "get-a-subscription-by-id",
    ),
    op(
        "GET",
        "/v1/customers/{id}/subscriptions/{subscriptionId}/addons",
        Exact,
        "",
        "get-a-list-of-add-ons-for-a-subscription",
    ),
    op(
        "GET",
        "/v1/customers/{id}/subscriptions/{subscriptionId}/azureEntitlements",
        Approximated,
        "Items carry links.self and attributes (the sample shows neither); any other subscription answers an empty collection.",
        "get-a-list-of-azure-entitlements-for-subscription",
    ),
    op(
        "GET",
        "/v1/customers/{id}/subscriptions/{subscriptionId}/azureEntitlements/{entitlementId}",
        Exact,
        "",
        "get-an-azure-entitlement-for-a-subscription",
    ),
    op(
        "POST",
        "/v1/customers/{id}/subscriptions/{subscriptionId}/azureEntitlements/{entitlementId}/cancel",
        Approximated,
        "Becomes inactive once the namespace's provisioningDelay has passed (the service takes about 10 minutes; with the default PT0S the answer is already inactive); reasons compromise, dispute and other, else 400, code 900307; an empty body is 400, code 2000.",
        "cancel-an-azure-subscription",
    ),
    op(
        "POST",
        "/v1/customers/{id}/subscriptions/{subscriptionId}/registrations",
        Approximated,
        "Only Azure subscriptions (an Azure plan, or legacy Azure, billed by usage) register; any other answers 400, code 800011; registering again changes nothing.",
        "register-a-subscription",
    ),
    op(
        "GET",
        "/v1/customers/{id}/subscriptions/{subscriptionId}/registrationstatus",
        Approximated,
        "Registering until the namespace's provisioningDelay has passed, then Registered.",
        "get-subscription-registration-status",
    ),
    op(
        "PATCH",
        "/v1/customers/{id}/subscriptions/{subscriptionId}",
        Approximated,
        "202 with Location only for a quantity change while a provisioning delay is set, the change visible at once; suspending a base suspends its active add-ons (not documented); an Azure plan with an active Azure subscription is not suspended (403, code 900115); the new-commerce windows are 7 days (cancellation 900117, seat batches 800090); scheduled changes that break the catalog answer 2000 naming the field; nextChargeInstructions are not modelled.",
        "suspend-a-subscription; reactivate-a-suspended-a-subscription; change-the-quantity-of-a-subscription; update-a-subscription-by-id; create-scheduled-changes; cancel-an-azure-marketplace-subscription; error-codes",
    ),
    op(
        "GET",
        "/v1/customers/{id}/entitlements",
        Approximated,
        "Entitlements of cancelled orders are no longer listed.",
        "get-a-collection-of-entitlements",
    ),
    op(
        "GET",
        "/v1/customers/{id}/artifacts/reservedinstance/groups/{orderId}/lineitems/{n}/resource/{resourceId}",
        Approximated,
        "Reservations are listed under both reservations and virtualMachineReservations.",
        "get-a-collection-of-entitlements",
    ),
    op(
        "GET",
        "/v1/customers/{id}/artifacts/virtualmachinereservedinstance/groups/{orderId}/lineitems/{n}/resource/{resourceId}",
        Approximated,
        "The older (SDK v1.8) spelling of the artifact link; it answers with the newer contract, the same as the reservedinstance link, not the deprecated VM-only shape.",
        "get-a-collection-of-entitlements",
    ),
    op(
        "GET",
        "/v1/products",
        Approximated,
        "The whole listing in one collection, with no paging (none is documented); targetView and targetSegment are read case-insensitively; reservationScope is not read.",
        "get-a-list-of-products",
    ),
    op("GET", "/v1/products/{id}", Exact, "", "get-a-product-by-id"),
    op(
        "GET",
        "/v1/products/{id}/skus",
        Approximated,
        "The whole listing in one collection; reservationScope is not read.",
        "get-a-list-of-skus-for-a-product",
    ),
    op(
        "GET",
        "/v1/products/{id}/skus/{skuId}",
        Exact,
        "",
        "get-a-sku-by-id",
    ),
    op(
        "GET",
        "/v1/products/{id}/skus/{skuId}/availabilities",
        Approximated,
        "Without targetSegment every segment but nonprofit is listed, as documented; reservationScope is not read.",
        "get-a-list-of-availabilities-for-a-sku",
    ),
    op(
        "GET",
        "/v1/products/{id}/skus/{skuId}/availabilities/{availabilityId}",
        Exact,
        "",
        "get-an-availability-by-id",
    ),
    op(
        "GET",
        "/v1/customers/{id}/products",
        Approximated,
        "Read for the country of the customer's billing address; always Product-shaped, including for targetView=MicrosoftAzure, where the docs show SKU-shaped items.",
        "get-a-list-of-products-by-customer",
    ),
    op(
        "GET",
        "/v1/customers/{id}/products/{productId}",
        Approximated,
        "Read for the country of the customer's billing address.",
        "get-a-product-by-customer (SDK GetCustomerProduct)",
    ),
    op(
        "GET",
        "/v1/customers/{id}/products/{productId}/skus",
        Approximated,
        "Read for the country of the customer's billing address.",
        "get-a-list-of-skus-for-a-product-by-customer",
    ),
    op(
        "GET",
        "/v1/customers/{id}/products/{productId}/skus/{skuId}",
        Approximated,
        "Read for the country of the customer's billing address.",
        "get-a-sku-by-id-by-customer (SDK GetCustomerSku)",
    ),
    op(
        "GET",
        "/v1/customers/{id}/products/{productId}/skus/{skuId}/availabilities",
        Approximated,
        "Read for the country of the customer's billing address.",
        "get-a-list-of-availabilities-for-a-sku-by-customer (SDK GetCustomerAvailabilities)",
    ),
    op(
        "GET",
        "/v1/customers/{id}/products/{productId}/skus/{skuId}/availabilities/{availabilityId}",
        Approximated,
        "Read for the country of the customer's billing address.",
        "get-an-availability-by-id-by-customer (SDK GetCustomerAvailability)",
    ),
    op(
        "POST",
        "/v1/customers/{id}/carts",
        Approximated,
        "A line that breaks a rule carries an error with its integer code (the code for each case is the mock's choice where the docs give none; an unknown catalog item is 10001); no pricing is written on lines; lastModifiedUser is the token's oid, else a fixed id.",
        "create-a-cart; cart-resources; create-a-cart-with-add-ons",
    ),
    op(
        "GET",
        "/v1/customers/{id}/carts/{cartId}",
        Approximated,
        "An unknown or expired cart (7 days of the mock's clock) answers 404, code 800008.",
        "cart-resources (SDK GetCart)",
    ),
    op(
        "PUT",
        "/v1/customers/{id}/carts/{cartId}",
        Approximated,
        "Answers 201, as the docs print it; client-sent timestamps are ignored; a cart already checked out answers 400, code 2000.",
        "update-a-cart",
    ),
    op(
        "POST",
        "/v1/customers/{id}/carts/{cartId}/checkout",
        MockDefined,
        "All or nothing: a cart with a line in error answers 400, code 800009, and creates nothing; orderErrors is always empty; orders stay pending for the namespace's provisioningDelay (none by default); a checkout racing another answers 409, code 800064.",
        "checkout-a-cart; error-codes",
    ),
    op(
        "GET",
        "/v1/customers/{id}/subscriptions/{subscriptionId}/provisioningstatus",
        Approximated,
        "pending while the order that bought the subscription is pending (the namespace's provisioningDelay), else success; never failed; skuId is the legacy offer id or product:sku of a catalog item.",
        "get-subscription-provisioning-status",
    ),
    op(
        "GET",
        "/v1/customers/{id}/subscriptions/{subscriptionId}/transitionEligibilities",
        Approximated,
        "Targets are the catalog items of the SKUs the source SKU names in dynamicAttributes.upgradeTargetOffers, sold in the customer's country and segment; both transition types are eligible unless the source is not active (code 2) or not provisioned (code 9); subscriptionEligibilities lists the customer's subscriptions of each target for immediate transitions of paid subscriptions, checked 1 to 4; no operationId.",
        "transition-a-new-commerce-subscription; transition-resources",
    ),
    op(
        "POST",
        "/v1/customers/{id}/subscriptions/{subscriptionId}/transitions",
        MockDefined,
        "Full upgrades keep the id, partial ones buy a co-terminous subscription through the order fulfilment, toSubscriptionId adds the seats there; no cancellation window afterwards; one Conversion event, Completed after the namespace's provisioningDelay; a target that is not an upgrade path answers 400, code 900412 (the mock's); a source that is not active answers as a PATCH of it does; a trial converts only to its conversion term (800107 otherwise).",
        "transition-a-new-commerce-subscription; transition-resources; error-codes; create-a-new-subscription",
    ),
    op(
        "GET",
        "/v1/customers/{id}/subscriptions/{subscriptionId}/transitions",
        Approximated,
        "A Collection with items, as the .NET SDK reads it, and the same list under transition, as the docs print it; camelCase; event status Started without the samples' trailing space; operationId and operation-id both filter.",
        "get-transitions; transition-resources",
    ),
    op(
        "GET",
        "/v1/customers/{id}/subscriptions/{subscriptionId}/upgrades",
        Approximated,
        "Targets are the legacy offers the source offer names in upgradeTargetOffers, each upgrade_only with the source's seats; not eligible (code 2) when the source is not active; targetOffer carries no learnMore link.",
        "transition-a-subscription; upgrade-resources",
    ),
    op(
        "POST",
        "/v1/customers/{id}/subscriptions/{subscriptionId}/upgrades",
        MockDefined,
        "The path names the source (as the SDK sends it); the target offer is bought as a new subscription and the seats leave the source, which is suspended when none are left; licenseErrors is always empty; a target that is not an upgrade answers 400, code 900412.",
        "transition-a-subscription; upgrade-resources",
    ),
    op(
        "GET",
        "/v1/customers/{id}/subscriptions/{subscriptionId}/conversions",
        Approximated,
        "The legacy trial offer's conversionTargetOffers; empty for any other subscription, new-commerce trials included (they convert through transitions); App+User only.",
        "get-a-list-of-trial-conversion-offers",
    ),
    op(
        "POST",
        "/v1/customers/{id}/subscriptions/{subscriptionId}/conversions",
        Approximated,
        "The trial's id names the paid subscription, which starts a new term; refusals answer 4xx rather than a ConversionResult with an error; App+User only.",
        "convert-a-trial-subscription-to-paid",
    ),
    op(
        "GET",
        "/v1/customers/{id}/users",
        Approximated,
        "Users by display name, then id (sortField and sortDirection change the order); a page holds 100 users unless size says otherwise, at most 500; continuation tokens are the mock's own; the filter takes Field UserState or UserStatus with the equals operator only.",
        "get-a-list-of-all-user-accounts-for-a-customer; view-a-deleted-user; Partner-Center-PowerShell issue 384",
    ),
    op(
        "POST",
        "/v1/customers/{id}/users",
        Approximated,
        "Answers 201 (the docs' example shows 200) with links.self and no nulls; a user principal name already used, by an active or a deleted user, answers 400 with the mock's code 900407; the name's domain must be one of the customer's.",
        "create-user-accounts-for-a-customer",
    ),
    op(
        "GET",
        "/v1/customers/{id}/users/{userId}",
        Approximated,
        "An unknown or deleted user answers 404, code 60002.",
        "get-a-user-account-by-id; error-codes",
    ),
    op(
        "PATCH",
        "/v1/customers/{id}/users/{userId}",
        Approximated,
        "state active restores a deleted user and changes nothing else; state inactive answers 400, code 2000; read-only properties are ignored.",
        "update-user-accounts-for-a-customer; restore-a-user-for-a-customer",
    ),
    op(
        "DELETE",
        "/v1/customers/{id}/users/{userId}",
        Approximated,
        "The user is inactive for 30 days of the mock's clock, then purged; its licences stop counting at once and come back on a restore while units allow.",
        "delete-user-accounts-for-a-customer; view-a-deleted-user",
    ),
    op(
        "PATCH",
        "/v1/customers/{id}/users/{userId}/resetpassword",
        Approximated,
        "forceChangePassword is echoed as sent (the docs' example answers false for true); the password is checked for presence and length only.",
        "reset-user-password-for-a-customer",
    ),
    op(
        "GET",
        "/v1/customers/{id}/users/{userId}/directoryroles",
        Approximated,
        "Role names as the docs print them (User Account Administrator).",
        "get-user-roles-for-a-customer",
    ),
    op(
        "GET",
        "/v1/customers/{id}/directoryroles",
        MockDefined,
        "Six role templates (Global, User Account, Helpdesk, Service Support and Billing Administrator, Directory Readers); the docs show no example.",
        "get-user-roles-for-a-customer",
    ),
    op(
        "GET",
        "/v1/customers/{id}/directoryroles/{roleId}/usermembers",
        Approximated,
        "Members by display name, then id; a page holds 100 members unless size says otherwise.",
        "get-user-roles-for-a-customer",
    ),
    op(
        "POST",
        "/v1/customers/{id}/directoryroles/{roleId}/usermembers",
        Approximated,
        "Only the body's id is read; a member added again answers 201 again; an unknown role answers 404, code 1000 (mock-defined).",
        "set-user-roles-for-a-customer",
    ),
    op(
        "DELETE",
        "/v1/customers/{id}/directoryroles/{roleId}/usermembers/{userId}",
        Approximated,
        "A user who is not a member answers 404, code 1000 (mock-defined).",
        "remove-customer-user-from-a-role",
    ),
    op(
        "GET",
        "/v1/customers/{id}/subscribedskus",
        Approximated,
        "Units come from this partner's subscriptions only (the real list also counts other channels'); expired units are warning units, suspended and disabled ones suspended units; availableUnits goes below 0 after a cut; product SKUs come from the mock's built-in list.",
        "get-a-list-of-available-licenses; get-a-list-of-available-licenses-by-license-group; Partner-Center-PowerShell issue 330",
    ),
    op(
        "GET",
        "/v1/customers/{id}/users/{userId}/licenses",
        Approximated,
        "Each licence lists its SKU's service plans less the excluded ones, each Assigned.",
        "check-which-licenses-are-assigned-to-a-user; get-licenses-assigned-to-a-user-by-license-group",
    ),
    op(
        "POST",
        "/v1/customers/{id}/users/{userId}/licenseupdates",
        MockDefined,
        "The refusal codes 900408 to 900411 are the mock's; running out of units is 60012 with the service's text and data; licenseWarnings is always empty; the partner-token and Conditional Access refusals (900316, 900309) are never raised.",
        "assign-licenses-to-a-user; error-codes; Partner-Center-DotNet-Samples issue 131",
    ),
    op(
        "POST",
        "/v1/customers/{id}/migrations/newcommerce/validate",
        MockDefined,
        "Eligibility codes 0, 1, 2, 4, 5 and 6 are raised (3, 7 and 8 never: no promotions on legacy subscriptions, integration-sandbox rules, no trade status); a legacy offer's new-commerce equivalent is its seed's newCommerceEquivalent (or the newCommerceSuccessor of a retired one); the bundle is the subscription and its active add-ons; an unknown subscription answers 400, code 900224.",
        "validate-subscription-for-migration; migrate-subscriptions-to-new-commerce; NCE Bulk Migration Tool Models.cs",
    ),
    op(
        "POST",
        "/v1/customers/{id}/migrations/newcommerce",
        MockDefined,
        "Answers 201 with status Processing; the legacy subscriptions are suspended at once and the migration completes after the namespace's provisioningDelay of virtual time (at the next read when zero), never fails on its own; refusals 900215, 900216, 900217, 900220, 900222, 900224, 900248 and 900262; 900218, 900221, 900223, 900226 and 900247 are never raised; SMB seat caps are not enforced.",
        "create-migration; migrate-subscriptions-to-new-commerce; error-codes",
    ),
    op(
        "GET",
        "/v1/customers/{id}/migrations/newcommerce/events",
        Approximated,
        "migration_id or current_subscription_id (also spelled MigrationId, CurrentSubscriptionId) is required; events carry attributes.objectType; a migration records MigrationStarted, then NewCommerceSubscriptionCreated, NewCommerceSubscriptionProvisioned and MigrationCompleted at its completion.",
        "get-migration-events",
    ),
    op(
        "GET",
        "/v1/customers/{id}/migrations/newcommerce/{migrationId}",
        Approximated,
        "An unknown migration answers 404, code 1000 (mock-defined); currentSubscriptionId is written in lower case.",
        "get-new-commerce-migration",
    ),
    op(
        "GET",
        "/v1/migrations/newcommerce",
        Approximated,
        "Oldest first; PageSize defaults to 300 (and is capped there); continuation tokens are the mock's own, bound to the filters and the page size; no filter answers 400, code 2000.",
        "query-migrated-subscriptions (SDK NewCommerceMigrationCollectionOperations)",
    ),
];

/// The matrix as the Markdown table in `docs/fidelity.md` (a test holds the page to it, and
/// prints the table to paste when they differ).
#[cfg(test)]
fn markdown_table() -> String {
    let mut table = String::from(
        "| operation | fidelity | known deviations | sources (Partner Center developer docs pages, reference rows) |\n|---|---|---|---|\n",
    );
    for entry in &matrix().items {
        let fidelity = match entry.fidelity {
            Exact => "exact",
            Approximated => "approximated",
            MockDefined => "mock-defined",
            Fidelity::NotEmulated => "not emulated",
        };
        let deviations = if entry.deviations.is_empty() {
            "none known"
        } else {
            &entry.deviations
        };
        table.push_str(&format!(
            "| `{} {}` | {fidelity} | {deviations} | {} |\n",
            entry.method, entry.path, entry.sources
        ));
    }
    table
}

/// The sentence that quotes the matrix's counts, as `docs/fidelity.md` and the README write it.
#[cfg(test)]
fn markdown_counts() -> String {
    let counts = matrix().counts;
    format!(
        "The reference's endpoint tables document **{} routes**; the mock serves **{} operations** \
         and does not emulate **{} documented routes**.",
        counts.documented, counts.served, counts.not_emulated
    )
}

/// `GET /_mock/coverage`: the fidelity matrix and its counts.
pub(crate) async fn coverage() -> Response {
    ok(matrix())
}

#[cfg(test)]
mod tests {
    use super::{markdown_counts, markdown_table};

    fn page(name: &str) -> String {
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name))
            .unwrap()
    }

    #[test]
    fn the_fidelity_page_holds_the_matrix_and_its_counts_as_rendered() {
        let fidelity = page("docs/fidelity.md");
        let table = markdown_table();
        assert!(
            fidelity.contains(&table),
            "docs/fidelity.md must hold the fidelity matrix exactly as rendered:\n{table}"
        );
        let counts = markdown_counts();
        for name in ["docs/fidelity.md", "README.md"] {
            assert!(
                page(name).contains(&counts),
                "{name} must quote the counts as rendered:\n{counts}"
            );
        }
    }
}
