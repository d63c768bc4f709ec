//! The routes the endpoint tables of the Partner Center reference name, each with the reference
//! file and the row that names it. The fidelity matrix lists every one of them: the ones the mock
//! serves with their fidelity, the others as not emulated.
//!
//! Paths are written as the matrix writes them (`{id}` for the customer, `{subscriptionId}`,
//! `{orderId}` and so on), whatever the reference calls the placeholder. A row that names several
//! routes (P8, P9, S17) lists them all; a route named by several rows appears in each, and the
//! matrix joins their sources. Query-string variants of one route (S1 to S3) are the one route.
//! `qualification(s)` in api-customers.md 5.17 is read as both spellings; the out-of-scope row of
//! api-subscriptions.md §3 names its migration routes without methods, and they are taken from
//! api-new-commerce.md M1 to M7 instead.

/// One row of a reference's endpoint table and the routes it names.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row {
    /// `reference/<file> <row>`, the row as the file names it.
    pub source: &'static str,
    /// `(method, path)`, in the matrix's spelling.
    pub routes: &'static [(&'static str, &'static str)],
}

const fn row(source: &'static str, routes: &'static [(&'static str, &'static str)]) -> Row {
    Row { source, routes }
}

/// Every row of the endpoint tables of `reference/api-customers.md` (§5),
/// `api-subscriptions.md` (§3 and §5.1), `api-new-commerce.md` (§2.1, §3.1 and §5.5) and
/// `api-users-licenses.md` (§2 and §6), in the files' order.
pub(crate) const DOCUMENTED: &[Row] = &[
    // api-customers.md §5.
    row(
        "reference/api-customers.md 5.1",
        &[("GET", "/v1/customers")],
    ),
    row(
        "reference/api-customers.md 5.2",
        &[("GET", "/v1/customers/{id}")],
    ),
    row(
        "reference/api-customers.md 5.3",
        &[("POST", "/v1/customers")],
    ),
    row(
        "reference/api-customers.md 5.4",
        &[("GET", "/v1/customers/{id}/profiles/company")],
    ),
    row(
        "reference/api-customers.md 5.5",
        &[("GET", "/v1/customers/{id}/profiles/billing")],
    ),
    row(
        "reference/api-customers.md 5.6",
        &[("PUT", "/v1/customers/{id}/profiles/billing")],
    ),
    row(
        "reference/api-customers.md 5.7",
        &[("PATCH", "/v1/customers/{id}")],
    ),
    row(
        "reference/api-customers.md 5.8",
        &[("DELETE", "/v1/customers/{id}")],
    ),
    row(
        "reference/api-customers.md 5.9",
        &[("GET", "/v1/customers/relationshiprequests")],
    ),
    row(
        "reference/api-customers.md 5.10",
        &[("GET", "/v1/customers/{id}/relationships")],
    ),
    row(
        "reference/api-customers.md 5.11",
        &[("GET", "/v1/relationships")],
    ),
    row(
        "reference/api-customers.md 5.12",
        &[("HEAD", "/v1/domains/{domain}")],
    ),
    row(
        "reference/api-customers.md 5.13",
        &[(
            "GET",
            "/v1/validations/checkdomainavailability/{domainPrefix}",
        )],
    ),
    row(
        "reference/api-customers.md 5.14",
        &[("POST", "/v1/customers/{id}/verifieddomain")],
    ),
    row(
        "reference/api-customers.md 5.15",
        &[("POST", "/v1/validations/address")],
    ),
    row(
        "reference/api-customers.md 5.16",
        &[
            ("GET", "/v1/customers/{id}/customDomains"),
            ("GET", "/v1/customers/{id}/organization"),
        ],
    ),
    row(
        "reference/api-customers.md 5.17",
        &[
            ("GET", "/v1/customers/{id}/managedservices"),
            ("GET", "/v1/customers/{id}/qualification"),
            ("GET", "/v1/customers/{id}/qualifications"),
            ("PUT", "/v1/customers/{id}/qualification"),
            ("PUT", "/v1/customers/{id}/qualifications"),
            ("GET", "/v1/customers/all/validations"),
            ("GET", "/v1/countryvalidationrules/{country}"),
        ],
    ),
    // api-subscriptions.md §3.
    row(
        "reference/api-subscriptions.md S1",
        &[("GET", "/v1/customers/{id}/subscriptions")],
    ),
    row(
        "reference/api-subscriptions.md S2",
        &[("GET", "/v1/customers/{id}/subscriptions")],
    ),
    row(
        "reference/api-subscriptions.md S3",
        &[("GET", "/v1/customers/{id}/subscriptions")],
    ),
    row(
        "reference/api-subscriptions.md S4",
        &[("GET", "/v1/customers/{id}/subscriptions/{subscriptionId}")],
    ),
    row(
        "reference/api-subscriptions.md S5",
        &[(
            "GET",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/addons",
        )],
    ),
    row(
        "reference/api-subscriptions.md S6",
        &[("PATCH", "/v1/customers/{id}/subscriptions/{subscriptionId}")],
    ),
    row(
        "reference/api-subscriptions.md S7",
        &[(
            "GET",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/provisioningstatus",
        )],
    ),
    row(
        "reference/api-subscriptions.md S8",
        &[(
            "POST",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/registrations",
        )],
    ),
    row(
        "reference/api-subscriptions.md S9",
        &[(
            "GET",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/registrationstatus",
        )],
    ),
    row(
        "reference/api-subscriptions.md S10",
        &[(
            "GET",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/upgrades",
        )],
    ),
    row(
        "reference/api-subscriptions.md S11",
        &[(
            "POST",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/upgrades",
        )],
    ),
    row(
        "reference/api-subscriptions.md S12",
        &[(
            "GET",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/transitionEligibilities",
        )],
    ),
    row(
        "reference/api-subscriptions.md S13",
        &[(
            "POST",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/transitions",
        )],
    ),
    row(
        "reference/api-subscriptions.md S14",
        &[(
            "GET",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/transitions",
        )],
    ),
    row(
        "reference/api-subscriptions.md S15",
        &[
            (
                "GET",
                "/v1/customers/{id}/subscriptions/{subscriptionId}/conversions",
            ),
            (
                "POST",
                "/v1/customers/{id}/subscriptions/{subscriptionId}/conversions",
            ),
        ],
    ),
    row(
        "reference/api-subscriptions.md S16",
        &[
            (
                "GET",
                "/v1/customers/{id}/subscriptions/{subscriptionId}/supportcontact",
            ),
            (
                "PUT",
                "/v1/customers/{id}/subscriptions/{subscriptionId}/supportcontact",
            ),
        ],
    ),
    row(
        "reference/api-subscriptions.md S17",
        &[
            (
                "GET",
                "/v1/customers/{id}/subscriptions/{subscriptionId}/azureEntitlements",
            ),
            (
                "GET",
                "/v1/customers/{id}/subscriptions/{subscriptionId}/azureEntitlements/{entitlementId}",
            ),
            (
                "POST",
                "/v1/customers/{id}/subscriptions/{subscriptionId}/azureEntitlements/{entitlementId}/cancel",
            ),
        ],
    ),
    row(
        "reference/api-subscriptions.md S18",
        &[(
            "POST",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/activate",
        )],
    ),
    row(
        "reference/api-subscriptions.md S19",
        &[(
            "GET",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/activationlinks",
        )],
    ),
    row(
        "reference/api-subscriptions.md §3 out-of-scope row",
        &[
            ("GET", "/v1/customers/{id}/subscriptions/overage"),
            ("PUT", "/v1/customers/{id}/subscriptions/overage"),
            ("GET", "/v1/customers/{id}/subscriptions/usagerecords"),
            (
                "GET",
                "/v1/customers/{id}/subscriptions/{subscriptionId}/usagesummary",
            ),
            (
                "GET",
                "/v1/customers/{id}/subscriptions/{subscriptionId}/resourceusagerecords",
            ),
            (
                "GET",
                "/v1/customers/{id}/subscriptions/{subscriptionId}/meterusagerecords",
            ),
            (
                "GET",
                "/v1/customers/{id}/subscriptions/{subscriptionId}/utilizations/azure",
            ),
            ("GET", "/v1/customers/{id}/subscribedskus"),
        ],
    ),
    // api-subscriptions.md §5.1, whose rows carry no ids.
    row(
        "reference/api-subscriptions.md §5.1",
        &[
            ("POST", "/v1/customers/{id}/orders"),
            ("GET", "/v1/customers/{id}/orders"),
            ("GET", "/v1/customers/{id}/orders/{orderId}"),
            ("PATCH", "/v1/customers/{id}/orders/{orderId}"),
            (
                "GET",
                "/v1/customers/{id}/orders/{orderId}/provisioningstatus",
            ),
            (
                "GET",
                "/v1/customers/{id}/orders/{orderId}/lineitems/{n}/activationlinks",
            ),
            ("GET", "/v1/customers/{id}/orders/{orderId}/activationlinks"),
            ("POST", "/v1/customers/{id}/carts"),
            ("PUT", "/v1/customers/{id}/carts/{cartId}"),
            ("POST", "/v1/customers/{id}/carts/{cartId}/checkout"),
            ("GET", "/v1/offers"),
            ("GET", "/v1/offers/{id}"),
            ("GET", "/v1/offers/{id}/addons"),
            ("GET", "/v1/customers/{id}/offers"),
            ("GET", "/v1/offercategories"),
        ],
    ),
    // api-new-commerce.md §2.1.
    row(
        "reference/api-new-commerce.md P1",
        &[("GET", "/v1/products")],
    ),
    row(
        "reference/api-new-commerce.md P2",
        &[("GET", "/v1/products/{id}")],
    ),
    row(
        "reference/api-new-commerce.md P3",
        &[("GET", "/v1/products/{id}/skus")],
    ),
    row(
        "reference/api-new-commerce.md P4",
        &[("GET", "/v1/products/{id}/skus/{skuId}")],
    ),
    row(
        "reference/api-new-commerce.md P5",
        &[("GET", "/v1/products/{id}/skus/{skuId}/availabilities")],
    ),
    row(
        "reference/api-new-commerce.md P6",
        &[(
            "GET",
            "/v1/products/{id}/skus/{skuId}/availabilities/{availabilityId}",
        )],
    ),
    row(
        "reference/api-new-commerce.md P7",
        &[("GET", "/v1/customers/{id}/products")],
    ),
    row(
        "reference/api-new-commerce.md P8",
        &[
            ("GET", "/v1/customers/{id}/products/{productId}"),
            ("GET", "/v1/customers/{id}/products/{productId}/skus"),
            (
                "GET",
                "/v1/customers/{id}/products/{productId}/skus/{skuId}",
            ),
            (
                "GET",
                "/v1/customers/{id}/products/{productId}/skus/{skuId}/availabilities",
            ),
            (
                "GET",
                "/v1/customers/{id}/products/{productId}/skus/{skuId}/availabilities/{availabilityId}",
            ),
        ],
    ),
    row(
        "reference/api-new-commerce.md P9",
        &[
            ("GET", "/v1/productpromotions"),
            ("GET", "/v1/productpromotions/{id}"),
            ("POST", "/v1/customers/{id}/promotionEligibilities"),
            ("POST", "/v1/extensions/product/checkinventory"),
        ],
    ),
    // api-new-commerce.md §3.1.
    row(
        "reference/api-new-commerce.md K1",
        &[("POST", "/v1/customers/{id}/carts")],
    ),
    row(
        "reference/api-new-commerce.md K2",
        &[("GET", "/v1/customers/{id}/carts/{cartId}")],
    ),
    row(
        "reference/api-new-commerce.md K3",
        &[("PUT", "/v1/customers/{id}/carts/{cartId}")],
    ),
    row(
        "reference/api-new-commerce.md K4",
        &[("POST", "/v1/customers/{id}/carts/{cartId}/checkout")],
    ),
    row(
        "reference/api-new-commerce.md K5",
        &[("POST", "/v1/customers/{id}/orders")],
    ),
    // api-new-commerce.md §5.5.
    row(
        "reference/api-new-commerce.md M1",
        &[("POST", "/v1/customers/{id}/migrations/newcommerce/validate")],
    ),
    row(
        "reference/api-new-commerce.md M2",
        &[("POST", "/v1/customers/{id}/migrations/newcommerce")],
    ),
    row(
        "reference/api-new-commerce.md M3",
        &[(
            "GET",
            "/v1/customers/{id}/migrations/newcommerce/{migrationId}",
        )],
    ),
    row(
        "reference/api-new-commerce.md M4",
        &[("GET", "/v1/migrations/newcommerce")],
    ),
    row(
        "reference/api-new-commerce.md M5",
        &[("GET", "/v1/customers/{id}/migrations/newcommerce/events")],
    ),
    row(
        "reference/api-new-commerce.md M6",
        &[(
            "POST",
            "/v1/customers/{id}/migrations/newcommerce/schedules",
        )],
    ),
    row(
        "reference/api-new-commerce.md M7",
        &[
            (
                "PUT",
                "/v1/customers/{id}/migrations/newcommerce/schedules/{scheduleId}",
            ),
            (
                "GET",
                "/v1/customers/{id}/migrations/newcommerce/schedules/{scheduleId}",
            ),
            (
                "POST",
                "/v1/customers/{id}/migrations/newcommerce/schedules/{scheduleId}/cancel",
            ),
            ("GET", "/v1/migrations/newcommerce/schedules"),
        ],
    ),
    // api-users-licenses.md §2.
    row(
        "reference/api-users-licenses.md U1",
        &[("GET", "/v1/customers/{id}/users")],
    ),
    row(
        "reference/api-users-licenses.md U2",
        &[("GET", "/v1/customers/{id}/users/{userId}")],
    ),
    row(
        "reference/api-users-licenses.md U3",
        &[("POST", "/v1/customers/{id}/users")],
    ),
    row(
        "reference/api-users-licenses.md U4",
        &[("PATCH", "/v1/customers/{id}/users/{userId}")],
    ),
    row(
        "reference/api-users-licenses.md U5",
        &[("PATCH", "/v1/customers/{id}/users/{userId}")],
    ),
    row(
        "reference/api-users-licenses.md U6",
        &[("PATCH", "/v1/customers/{id}/users/{userId}/resetpassword")],
    ),
    row(
        "reference/api-users-licenses.md U7",
        &[("DELETE", "/v1/customers/{id}/users/{userId}")],
    ),
    row(
        "reference/api-users-licenses.md R1",
        &[("GET", "/v1/customers/{id}/users/{userId}/directoryroles")],
    ),
    row(
        "reference/api-users-licenses.md R2",
        &[("GET", "/v1/customers/{id}/directoryroles")],
    ),
    row(
        "reference/api-users-licenses.md R3",
        &[(
            "GET",
            "/v1/customers/{id}/directoryroles/{roleId}/usermembers",
        )],
    ),
    row(
        "reference/api-users-licenses.md R4",
        &[(
            "POST",
            "/v1/customers/{id}/directoryroles/{roleId}/usermembers",
        )],
    ),
    row(
        "reference/api-users-licenses.md R5",
        &[(
            "DELETE",
            "/v1/customers/{id}/directoryroles/{roleId}/usermembers/{userId}",
        )],
    ),
    row(
        "reference/api-users-licenses.md L1",
        &[("GET", "/v1/customers/{id}/subscribedskus")],
    ),
    row(
        "reference/api-users-licenses.md L2",
        &[("GET", "/v1/customers/{id}/users/{userId}/licenses")],
    ),
    row(
        "reference/api-users-licenses.md L3",
        &[("POST", "/v1/customers/{id}/users/{userId}/licenseupdates")],
    ),
    row(
        "reference/api-users-licenses.md A1",
        &[
            ("GET", "/v1/customers/{id}/analytics/licenses/usage"),
            ("GET", "/v1/customers/{id}/analytics/licenses/deployment"),
        ],
    ),
    // api-users-licenses.md §6.
    row(
        "reference/api-users-licenses.md S1",
        &[("GET", "/v1/customers/{id}/subscriptions/usagerecords")],
    ),
    row(
        "reference/api-users-licenses.md S2",
        &[(
            "GET",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/usagerecords/resources",
        )],
    ),
    row(
        "reference/api-users-licenses.md S3",
        &[(
            "GET",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/resourceusagerecords",
        )],
    ),
    row(
        "reference/api-users-licenses.md S4",
        &[(
            "GET",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/meterusagerecords",
        )],
    ),
    row(
        "reference/api-users-licenses.md S5",
        &[(
            "GET",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/usagesummary",
        )],
    ),
    row(
        "reference/api-users-licenses.md S6",
        &[
            ("GET", "/v1/customers/{id}/usagesummary"),
            ("GET", "/v1/customers/{id}/usagebudget"),
            ("PATCH", "/v1/customers/{id}/usagebudget"),
            ("GET", "/v1/customers/usagerecords"),
            ("GET", "/v1/usagesummary"),
        ],
    ),
    row(
        "reference/api-users-licenses.md S7",
        &[(
            "GET",
            "/v1/customers/{id}/subscriptions/{subscriptionId}/utilizations/azure",
        )],
    ),
];
