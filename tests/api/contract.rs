//! Conformance with the request and response bodies recorded from the public Partner Center
//! docs, kept beside the project in `../shared/contract` (third-party data, read in place and
//! never copied): `customers/`, `subscriptions/` and `entitlements/`. For each recording whose
//! endpoint the mock serves, the equivalent request is replayed against a fresh seeded mock, and
//! the answer must have the recording's property names and JSON types at every level (values are
//! free; `objectType` must match, enum-like values must be spelled the same way). Recorded
//! request bodies, with the docs' ids replaced by the seed's, must be accepted.
//!
//! Names, types and spellings are compared by the library's comparer
//! (`partner_center_mock::conformance`), and deliberate differences are listed there, in
//! `DEVIATIONS`, each with its reason. Each folder has its test, which prints a report per file
//! and skips, saying so, where `../shared/contract` is absent, unless `PCMOCK_REQUIRE_CONTRACT` is
//! set (as `.ci/run` does), when it fails instead.

use crate::helpers::{
    ADATUM, ATP, AZURE_PLAN, Answer, BUSINESS_BASIC, BUSINESS_STANDARD, CONTOSO, CONTOSO_E3,
    CONTOSO_ESSENTIALS, CONTOSO_SUSPENDED_ESSENTIALS, E3, E3_TRIAL, ESSENTIALS, FABRIKAM,
    FABRIKAM_RI_ORDER, LITWARE, LITWARE_ADD_ON, LITWARE_BASE, LITWARE_ORDER, LITWARE_TRIAL,
    NORTHWIND, NORTHWIND_BASIC, RESELLER, RESERVED_VM, SOFTWARE, TAILSPIN, TAILSPIN_SOFTWARE_ORDER,
    TestApp, WOODGROVE,
};
use crate::prerequisite::CONTRACT;
use partner_center_mock::conformance::{DEVIATIONS, Deviation, shape_deviations};
use reqwest::Method;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Seeded ids the replays address, beside the ones the other tests share (seed-data/README.md).
const CONTOSO_BILLING_PROFILE: &str = "2b222222-2222-4222-8222-222222222222";
const CONTOSO_E3_ORDER: &str = "2d222222-2222-4222-8222-000000000001";
const CONTOSO_SUSPENDED_ORDER: &str = "2d222222-2222-4222-8222-000000000003";
const FABRIKAM_RESERVATION: &str = "3e333333-3333-4333-8333-000000000001";
const NORTHWIND_BASIC_ORDER: &str = "5d5555550001";
const LITWARE_TRIAL_ORDER: &str = "4d444444-4444-4444-8444-000000000002";
const RESELLER_MPN: &str = "7654321";

/// The docs' ids (left) and the ids of ours that play their part in a replay (right).
type Ids = &'static [(&'static str, &'static str)];

/// The docs' legacy subscription of the .NET SDK samples, played by Contoso's active E3.
const DOCS_LEGACY_AS_CONTOSO_E3: Ids = &[
    ("83ef9d05-4169-4ef9-9657-0e86b1eab1de", CONTOSO_E3),
    ("<subscriptionID>", CONTOSO_E3),
    ("6183db3d-6318-4e52-877e-25806e4971be", CONTOSO_E3_ORDER),
];
/// The same, played by Contoso's suspended subscription (for the reactivation).
const DOCS_LEGACY_AS_CONTOSO_SUSPENDED: Ids = &[
    (
        "83ef9d05-4169-4ef9-9657-0e86b1eab1de",
        CONTOSO_SUSPENDED_ESSENTIALS,
    ),
    (
        "6183db3d-6318-4e52-877e-25806e4971be",
        CONTOSO_SUSPENDED_ORDER,
    ),
];
/// The docs' new-commerce subscription, played by one ordered just before.
const DOCS_NCE_AS_ORDERED: Ids = &[
    ("a4c1340d-6911-4758-bba3-0c4c6007d161", "{subscription}"),
    ("34b37d7340cc", "{order}"),
];
/// The same, played by Northwind's, whose cancellation window has passed.
const DOCS_NCE_AS_NORTHWIND: Ids = &[
    ("a4c1340d-6911-4758-bba3-0c4c6007d161", NORTHWIND_BASIC),
    ("34b37d7340cc", NORTHWIND_BASIC_ORDER),
];
/// The docs' marketplace (SaaS) subscription: the mock sells none, so a new-commerce one plays it.
const DOCS_MARKETPLACE_AS_ORDERED: Ids = &[
    ("6e7aa601-629e-461b-8933-0898c3cc3c7c", "{subscription}"),
    ("ImxjLNL4_fOc-2KoyOxGTZcrlIquzls11", "{order}"),
    ("DZH318Z0BXWC:0001:DZH318Z0BMJX", BUSINESS_BASIC),
];
/// The docs' customer with a base subscription and an add-on, played by Litware.
const DOCS_ADD_ON_AS_LITWARE: Ids = &[
    ("4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04", LITWARE),
    ("1C2B75C1-74A5-472A-A729-7F8CEFC477F9", LITWARE_BASE),
    ("69829602-C219-40FD-A3D5-4150FCA41A19", LITWARE_ADD_ON),
    ("2828BE95-46BA-4F91-B2FD-0BEF192ECF60", ATP),
];
/// The docs' indirect-reseller customer and its partners of record, played by Woodgrove.
const DOCS_INDIRECT_AS_WOODGROVE: Ids = &[
    ("c501c3c4-d776-40ef-9ecf-9cefb59442c1", WOODGROVE),
    ("DB2E705F-B82A-4024-A3D5-D88E12F2DB35", E3),
    ("CFQ7TTC0LH0Z:0001:CFQ7TTC0K18P", BUSINESS_BASIC),
    ("4847383", RESELLER_MPN),
    ("873452", RESELLER_MPN),
];
/// The docs' transition target, played by Business Standard, which Business Basic upgrades to.
const DOCS_TARGET_AS_STANDARD: Ids = &[("CFQ7TTC0KZ59:0001:CFQ7TTC0KZ59", BUSINESS_STANDARD)];
/// The docs' legacy trial and its paid offer, played by Litware's E3 trial and Office 365 E3.
const DOCS_TRIAL_AS_LITWARE: Ids = &[
    ("C0BD2E08-11AC-4836-BDC7-3712E744922F", E3_TRIAL),
    ("031C9E47-4802-4248-838E-778FB1D2CC05", E3),
    ("D51A052E-043C-4A2A-AA37-2BB938CEF6C1", LITWARE_TRIAL_ORDER),
];
/// No docs' ids to replace.
const NO_IDS: Ids = &[];
/// The docs' indirect resellers of a cart's participants, played by Woodgrove's.
const DOCS_RESELLERS_AS_WOODGROVES: Ids = &[
    ("5357564", RESELLER_MPN),
    ("517285", RESELLER_MPN),
    ("5357563", RESELLER_MPN),
];
/// The docs' base subscription of an add-on bought alone, played by Contoso's active E3.
const DOCS_BASE_AS_CONTOSO_E3: Ids = &[("97555B61-7461-477A-A98C-9C76148783E4", CONTOSO_E3)];
/// The docs' Azure reservation, bought for the Azure subscription of a plan ordered just before.
const DOCS_RESERVATION_AS_ORDERED: Ids = &[
    ("DZH318Z0BQ4B:0047:DZH318Z0DSM8", RESERVED_VM),
    ("3D5ECED6-1151-44C7-AEE6-70A4BB725666", "{azure}"),
];

/// One recording and how it is replayed.
struct Case {
    folder: &'static str,
    file: &'static str,
    replay: Replay,
}

enum Replay {
    /// The request is made and its answer compared with the file.
    Answer(Request),
    /// The file is a request body with no recorded answer: it is sent and must be accepted.
    Accepted(Request),
    /// A recorded request body, sent where the named response file of its folder is replayed.
    RequestOf(&'static str),
    /// Not served by the mock, with the reason.
    NotServed(&'static str),
}

/// A request equivalent to a recorded one, made on a fresh mock with the default seed.
struct Request {
    setup: Option<Setup>,
    method: Method,
    /// May name what the setup made: `{order}`, `{subscription}`, `{azure}`.
    path: String,
    body: Option<Body>,
    /// The status the answer must have; any 2xx when `None`.
    status: Option<u16>,
}

/// A recorded request body (a path under the contract folder) and the docs' ids in it to replace.
struct Body {
    file: String,
    ids: Ids,
}

/// What must happen before the request.
enum Setup {
    /// `quantity` of `offer` ordered for `customer`, so that the replay acts on something fresh
    /// (a new-commerce subscription inside its cancellation window, an Azure plan).
    Order {
        customer: &'static str,
        offer: &'static str,
        quantity: u32,
    },
    /// The customer's reseller relationship removed.
    Released(&'static str),
    /// A cart made for `customer` from a recorded cart request.
    Cart {
        customer: &'static str,
        file: &'static str,
    },
    /// A transition of `source` made from a recorded transition request, with the docs' ids
    /// replaced.
    Transition {
        customer: &'static str,
        source: &'static str,
        file: &'static str,
        ids: Ids,
    },
}

/// The ids a setup made, filled into the paths and ids of a replay.
#[derive(Default)]
struct Made {
    order: String,
    subscription: String,
    azure: String,
    cart: String,
}

fn get(path: impl Into<String>) -> Request {
    Request {
        setup: None,
        method: Method::GET,
        path: path.into(),
        body: None,
        status: None,
    }
}

fn send(method: Method, path: impl Into<String>, file: String, ids: Ids) -> Request {
    Request {
        method,
        body: Some(Body { file, ids }),
        ..get(path)
    }
}

fn order(customer: &'static str, offer: &'static str, quantity: u32) -> Setup {
    Setup::Order {
        customer,
        offer,
        quantity,
    }
}

impl Request {
    fn after(self, setup: Setup) -> Self {
        Self {
            setup: Some(setup),
            ..self
        }
    }

    fn answered(self, status: u16) -> Self {
        Self {
            status: Some(status),
            ..self
        }
    }
}

/// The cases of one folder.
fn folder(name: &'static str, cases: Vec<(&'static str, Replay)>) -> Vec<Case> {
    cases
        .into_iter()
        .map(|(file, replay)| Case {
            folder: name,
            file,
            replay,
        })
        .collect()
}

fn cases() -> Vec<Case> {
    let mut all = customers_cases();
    all.extend(subscriptions_cases());
    all.extend(entitlements_cases());
    all
}

fn customers_cases() -> Vec<Case> {
    use Replay::{Accepted, Answer, NotServed, RequestOf};
    let file = |name: &str| format!("customers/{name}");
    let filter = |name: &str, value: Option<&str>| {
        let mut filter = read(&file(name));
        if let Some(value) = value {
            filter["Value"] = value.into();
        }
        let encoded: String =
            form_urlencoded::byte_serialize(filter.to_string().as_bytes()).collect();
        format!("/v1/customers?size=0&filter={encoded}")
    };
    let patch_customer = |name: &str, customer: &str| {
        send(
            Method::PATCH,
            format!("/v1/customers/{customer}"),
            file(name),
            &[],
        )
    };
    folder(
        "customers",
        vec![
            (
                "get-customer.response.json",
                Answer(get(format!("/v1/customers/{CONTOSO}"))),
            ),
            (
                "list-customers.response.json",
                Answer(get("/v1/customers?size=40")),
            ),
            (
                "list-customers-filter-by-name.query-filter.json",
                RequestOf("list-customers-filter-by-name.response.json"),
            ),
            (
                "list-customers-filter-by-name.response.json",
                Answer(get(filter(
                    "list-customers-filter-by-name.query-filter.json",
                    None,
                ))),
            ),
            (
                "list-customers-of-indirect-reseller.query-filter.json",
                RequestOf("list-customers-of-indirect-reseller.response.json"),
            ),
            (
                "list-customers-of-indirect-reseller.response.json",
                Answer(get(filter(
                    "list-customers-of-indirect-reseller.query-filter.json",
                    Some(RESELLER),
                ))),
            ),
            (
                "create-customer.request.json",
                RequestOf("create-customer.response.json"),
            ),
            (
                "create-customer.response.json",
                Answer(send(
                    Method::POST,
                    "/v1/customers",
                    file("create-customer.request.json"),
                    &[],
                )),
            ),
            (
                "create-customer-indirect-reseller.request.json",
                RequestOf("create-customer-indirect-reseller.response.json"),
            ),
            (
                "create-customer-indirect-reseller.response.json",
                Answer(send(
                    Method::POST,
                    "/v1/customers",
                    file("create-customer-indirect-reseller.request.json"),
                    &[],
                )),
            ),
            (
                "get-customer-company-profile.response.json",
                Answer(get(format!("/v1/customers/{CONTOSO}/profiles/company"))),
            ),
            (
                "get-customer-billing-profile.response.json",
                Answer(get(format!("/v1/customers/{CONTOSO}/profiles/billing"))),
            ),
            (
                "update-customer-billing-profile.request.json",
                RequestOf("update-customer-billing-profile.response.json"),
            ),
            (
                "update-customer-billing-profile.response.json",
                Answer(send(
                    Method::PUT,
                    format!("/v1/customers/{CONTOSO}/profiles/billing"),
                    file("update-customer-billing-profile.request.json"),
                    &[(
                        "a58ceba5-60ac-48e4-a0bc-2a855811807a",
                        CONTOSO_BILLING_PROFILE,
                    )],
                )),
            ),
            (
                "get-relationship-request.response.json",
                Answer(get("/v1/customers/relationshiprequests")),
            ),
            (
                "list-customer-relationships.response.json",
                Answer(get(format!("/v1/customers/{WOODGROVE}/relationships"))),
            ),
            (
                "collection-links-next-with-continuation.excerpt.json",
                Answer(get("/v1/customers?size=2")),
            ),
            (
                "error-2000-invalid-input.response.json",
                Answer(get("/v1/customers/not-a-guid").answered(400)),
            ),
            (
                "error-404-gateway.response.json",
                Answer(get("/v1/no-such-route").answered(404)),
            ),
            // Adatum's subscriptions are all suspended, so its relationship can be removed.
            (
                "patch-customer-remove-relationship.request.json",
                RequestOf("patch-customer-remove-relationship.response.json"),
            ),
            (
                "patch-customer-remove-relationship.request.dotnet-sdk-derived.json",
                Accepted(patch_customer(
                    "patch-customer-remove-relationship.request.dotnet-sdk-derived.json",
                    ADATUM,
                )),
            ),
            (
                "patch-customer-remove-relationship.response.json",
                Answer(patch_customer(
                    "patch-customer-remove-relationship.request.json",
                    ADATUM,
                )),
            ),
            (
                "patch-customer-remove-dap.request.json",
                Accepted(patch_customer(
                    "patch-customer-remove-dap.request.json",
                    CONTOSO,
                )),
            ),
            (
                "error-20002-no-relationship.response.json",
                Answer(
                    get(format!("/v1/customers/{ADATUM}"))
                        .after(Setup::Released(ADATUM))
                        .answered(403),
                ),
            ),
            (
                "error-800090-subscription-quantity.response.json",
                Answer(northwind_quantity_decrease()),
            ),
            (
                "error-throttled-429.response.json",
                NotServed("throttling comes from fault injection, not served yet"),
            ),
            (
                "error-3000-not-found.response.json",
                NotServed("partner lookup by MPN id (/v1/profiles/mpn) is not served"),
            ),
            (
                "add-verified-domain.request.json",
                NotServed("verified domains are not served"),
            ),
            (
                "add-verified-domain.response.json",
                NotServed("verified domains are not served"),
            ),
            (
                "validate-address.request.json",
                NotServed("address validation is not served"),
            ),
            (
                "validate-address.response.json",
                NotServed("address validation is not served"),
            ),
            (
                "get-customer-custom-domains.response.json",
                NotServed("GET /v1/customers/{id}/customDomains is not served"),
            ),
            (
                "list-partner-relationships.response.json",
                NotServed("GET /v1/relationships is not served"),
            ),
        ],
    )
}

/// The recorded new-commerce quantity decrease, sent to Northwind's subscription after its
/// window: both folders hold the 800090 answer it gets.
fn northwind_quantity_decrease() -> Request {
    send(
        Method::PATCH,
        format!("/v1/customers/{NORTHWIND}/subscriptions/{NORTHWIND_BASIC}"),
        "subscriptions/patch-subscription-quantity-nce.request.json".to_owned(),
        DOCS_NCE_AS_NORTHWIND,
    )
    .answered(400)
}

fn subscriptions_cases() -> Vec<Case> {
    use Replay::{Accepted, Answer, NotServed, RequestOf};
    let file = |name: &str| format!("subscriptions/{name}");
    let subscription =
        |customer: &str, id: &str| format!("/v1/customers/{customer}/subscriptions/{id}");
    let patch_subscription = |customer: &str, id: &str, name: &str, ids: Ids| {
        send(Method::PATCH, subscription(customer, id), file(name), ids)
    };
    // A new-commerce subscription of Northwind ordered just before, inside its window.
    let patch_fresh_nce = |name: &str, ids: Ids, quantity: u32| {
        patch_subscription(NORTHWIND, "{subscription}", name, ids).after(order(
            NORTHWIND,
            BUSINESS_BASIC,
            quantity,
        ))
    };
    let patch_order = |customer: &str, id: &str, name: &str, ids: Ids| {
        send(
            Method::PATCH,
            format!("/v1/customers/{customer}/orders/{id}"),
            file(name),
            ids,
        )
    };
    let post_cart = |customer: &str, name: &str, ids: Ids| {
        send(
            Method::POST,
            format!("/v1/customers/{customer}/carts"),
            file(name),
            ids,
        )
        .answered(201)
    };
    folder(
        "subscriptions",
        vec![
            (
                "get-offers.response.json",
                Answer(get("/v1/offers?country=US")),
            ),
            (
                "get-offer.response.json",
                Answer(get(format!("/v1/offers/{ESSENTIALS}?country=US"))),
            ),
            (
                "get-offer-addons.response.json",
                Answer(get(format!("/v1/offers/{E3}/addons?country=US"))),
            ),
            // The recorded orders are Azure reservations (billing cycle one_time), like Fabrikam's.
            (
                "get-order.response.json",
                Answer(get(format!(
                    "/v1/customers/{FABRIKAM}/orders/{FABRIKAM_RI_ORDER}"
                ))),
            ),
            (
                "get-orders.response.json",
                Answer(get(format!("/v1/customers/{FABRIKAM}/orders"))),
            ),
            (
                "get-orders-by-billingtype.response.json",
                Answer(get(format!(
                    "/v1/customers/{FABRIKAM}/orders?billingType=onetime"
                ))),
            ),
            (
                "get-subscriptions.response.json",
                Answer(get(format!("/v1/customers/{CONTOSO}/subscriptions"))),
            ),
            (
                "get-subscriptions-by-order.response.json",
                Answer(get(format!(
                    "/v1/customers/{CONTOSO}/subscriptions?order_id={CONTOSO_E3_ORDER}"
                ))),
            ),
            (
                "get-subscriptions-by-partner.response.json",
                Answer(get(format!(
                    "/v1/customers/{WOODGROVE}/subscriptions?mpn_id={RESELLER_MPN}"
                ))),
            ),
            (
                "get-subscription.response.json",
                Answer(
                    get(subscription(FABRIKAM, "{subscription}"))
                        .after(order(FABRIKAM, AZURE_PLAN, 1)),
                ),
            ),
            (
                "get-subscription-nce.response.json",
                Answer(get(subscription(NORTHWIND, "{subscription}")).after(order(
                    NORTHWIND,
                    BUSINESS_BASIC,
                    1,
                ))),
            ),
            (
                "get-subscription-addon.response.json",
                Answer(get(subscription(LITWARE, LITWARE_ADD_ON))),
            ),
            (
                "get-subscription-addons.response.json",
                Answer(get(format!(
                    "{}/addons",
                    subscription(LITWARE, LITWARE_BASE)
                ))),
            ),
            (
                "patch-subscription-suspend.request.json",
                RequestOf("patch-subscription-suspend.response.json"),
            ),
            (
                "patch-subscription-suspend.response.json",
                Answer(patch_subscription(
                    CONTOSO,
                    CONTOSO_E3,
                    "patch-subscription-suspend.request.json",
                    DOCS_LEGACY_AS_CONTOSO_E3,
                )),
            ),
            (
                "patch-subscription-reactivate.request.json",
                RequestOf("patch-subscription-reactivate.response.json"),
            ),
            (
                "patch-subscription-reactivate.response.json",
                Answer(patch_subscription(
                    CONTOSO,
                    CONTOSO_SUSPENDED_ESSENTIALS,
                    "patch-subscription-reactivate.request.json",
                    DOCS_LEGACY_AS_CONTOSO_SUSPENDED,
                )),
            ),
            (
                "patch-subscription-quantity.request.json",
                RequestOf("patch-subscription-quantity.response.json"),
            ),
            (
                "patch-subscription-quantity.response.json",
                Answer(patch_subscription(
                    CONTOSO,
                    CONTOSO_E3,
                    "patch-subscription-quantity.request.json",
                    DOCS_LEGACY_AS_CONTOSO_E3,
                )),
            ),
            (
                "patch-subscription-friendlyname.request.json",
                RequestOf("patch-subscription-friendlyname.response.json"),
            ),
            (
                "patch-subscription-friendlyname.response.json",
                Answer(patch_subscription(
                    CONTOSO,
                    CONTOSO_E3,
                    "patch-subscription-friendlyname.request.json",
                    DOCS_LEGACY_AS_CONTOSO_E3,
                )),
            ),
            // Ordered with 10 licences so that the recorded decrease to 1 is one.
            (
                "patch-subscription-quantity-nce.request.json",
                Accepted(patch_fresh_nce(
                    "patch-subscription-quantity-nce.request.json",
                    DOCS_NCE_AS_ORDERED,
                    10,
                )),
            ),
            (
                "patch-subscription-quantity-nce-decrease.error.json",
                Answer(northwind_quantity_decrease()),
            ),
            (
                "patch-subscription-autorenew-nce.request.json",
                Accepted(patch_fresh_nce(
                    "patch-subscription-autorenew-nce.request.json",
                    DOCS_NCE_AS_ORDERED,
                    1,
                )),
            ),
            (
                "patch-subscription-cancel-nce.request.json",
                Accepted(patch_fresh_nce(
                    "patch-subscription-cancel-nce.request.json",
                    DOCS_NCE_AS_ORDERED,
                    1,
                )),
            ),
            (
                "patch-subscription-autorenew.request.json",
                RequestOf("patch-subscription-autorenew.response.json"),
            ),
            (
                "patch-subscription-autorenew.response.json",
                Answer(patch_fresh_nce(
                    "patch-subscription-autorenew.request.json",
                    DOCS_MARKETPLACE_AS_ORDERED,
                    1,
                )),
            ),
            (
                "patch-subscription-cancel.request.json",
                RequestOf("patch-subscription-cancel.response.json"),
            ),
            (
                "patch-subscription-cancel.response.json",
                Answer(patch_fresh_nce(
                    "patch-subscription-cancel.request.json",
                    DOCS_MARKETPLACE_AS_ORDERED,
                    1,
                )),
            ),
            (
                "post-order.request.json",
                RequestOf("post-order.response.json"),
            ),
            (
                "post-order.response.json",
                Answer(send(
                    Method::POST,
                    format!("/v1/customers/{WOODGROVE}/orders"),
                    file("post-order.request.json"),
                    DOCS_INDIRECT_AS_WOODGROVE,
                )),
            ),
            (
                "post-order-attestation.request.json",
                RequestOf("post-order-attestation.response.json"),
            ),
            (
                "post-order-attestation.response.json",
                Answer(send(
                    Method::POST,
                    format!("/v1/customers/{WOODGROVE}/orders"),
                    file("post-order-attestation.request.json"),
                    DOCS_INDIRECT_AS_WOODGROVE,
                )),
            ),
            (
                "patch-order-addon.request.json",
                RequestOf("patch-order-addon.response.json"),
            ),
            (
                "patch-order-addon.response.json",
                Answer(patch_order(
                    LITWARE,
                    LITWARE_ORDER,
                    "patch-order-addon.request.json",
                    DOCS_ADD_ON_AS_LITWARE,
                )),
            ),
            (
                "patch-order-billingcycle.request.json",
                RequestOf("patch-order-billingcycle.response.json"),
            ),
            (
                "patch-order-billingcycle.response.json",
                Answer(patch_order(
                    LITWARE,
                    LITWARE_ORDER,
                    "patch-order-billingcycle.request.json",
                    DOCS_ADD_ON_AS_LITWARE,
                )),
            ),
            (
                "patch-order-cancel-sandbox.request.json",
                RequestOf("patch-order-cancel-sandbox.response.json"),
            ),
            (
                "patch-order-cancel-sandbox.response.json",
                Answer(patch_order(
                    FABRIKAM,
                    FABRIKAM_RI_ORDER,
                    "patch-order-cancel-sandbox.request.json",
                    &[("UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1", FABRIKAM_RI_ORDER)],
                )),
            ),
            (
                "patch-order-cancel-software.request.json",
                RequestOf("patch-order-cancel-software.response.json"),
            ),
            (
                "patch-order-cancel-software.response.json",
                Answer(patch_order(
                    TAILSPIN,
                    TAILSPIN_SOFTWARE_ORDER,
                    "patch-order-cancel-software.request.json",
                    &[
                        ("2y6dF_rVgDAXMxypQPPnTquuXhKVK_3N1", TAILSPIN_SOFTWARE_ORDER),
                        ("DG7GMGF0FKZV:0003:DG7GMGF0DWMS", SOFTWARE),
                    ],
                )),
            ),
            (
                "get-subscription-provisioningstatus.response.json",
                Answer(get(format!(
                    "{}/provisioningstatus",
                    subscription(CONTOSO, CONTOSO_E3)
                ))),
            ),
            (
                "get-subscription-registrationstatus.response.json",
                Answer(
                    get(format!(
                        "{}/registrationstatus",
                        subscription(FABRIKAM, "{subscription}")
                    ))
                    .after(order(FABRIKAM, AZURE_PLAN, 1)),
                ),
            ),
            (
                "get-subscription-azureentitlements.response.json",
                Answer(
                    get(format!(
                        "{}/azureEntitlements",
                        subscription(FABRIKAM, "{subscription}")
                    ))
                    .after(order(FABRIKAM, AZURE_PLAN, 1)),
                ),
            ),
            (
                "post-subscription-activate.response.json",
                NotServed(
                    "sandbox activation is not served: marketplace subscriptions are created active, and no source says what activation changes or how it refuses",
                ),
            ),
            // The suspended Business Essentials, so that the upgrade carries its error as the
            // recording's does.
            (
                "get-subscription-upgrades.response.json",
                Answer(get(format!(
                    "{}/upgrades",
                    subscription(CONTOSO, CONTOSO_SUSPENDED_ESSENTIALS)
                ))),
            ),
            (
                "post-subscription-upgrade.request.json",
                RequestOf("post-subscription-upgrade.response.json"),
            ),
            // The docs' target offer id is the seed's Business Premium.
            (
                "post-subscription-upgrade.response.json",
                Answer(send(
                    Method::POST,
                    format!("{}/upgrades", subscription(CONTOSO, CONTOSO_ESSENTIALS)),
                    file("post-subscription-upgrade.request.json"),
                    NO_IDS,
                )),
            ),
            (
                "get-subscription-transitioneligibilities.response.json",
                Answer(get(format!(
                    "{}/transitionEligibilities?eligibilityType=immediate",
                    subscription(NORTHWIND, NORTHWIND_BASIC)
                ))),
            ),
            (
                "get-subscription-transitions.response.json",
                Answer(
                    get(format!(
                        "{}/transitions",
                        subscription(NORTHWIND, NORTHWIND_BASIC)
                    ))
                    .after(Setup::Transition {
                        customer: NORTHWIND,
                        source: NORTHWIND_BASIC,
                        file: "subscriptions/post-subscription-transition.request.json",
                        ids: DOCS_TARGET_AS_STANDARD,
                    }),
                ),
            ),
            (
                "post-subscription-transition.request.json",
                RequestOf("post-subscription-transition.response.json"),
            ),
            (
                "post-subscription-transition.response.json",
                Answer(send(
                    Method::POST,
                    format!("{}/transitions", subscription(NORTHWIND, NORTHWIND_BASIC)),
                    file("post-subscription-transition.request.json"),
                    DOCS_TARGET_AS_STANDARD,
                )),
            ),
            (
                "get-subscription-conversions.response.json",
                Answer(get(format!(
                    "{}/conversions",
                    subscription(LITWARE, LITWARE_TRIAL)
                ))),
            ),
            (
                "post-subscription-conversion.request.json",
                RequestOf("post-subscription-conversion.response.json"),
            ),
            (
                "post-subscription-conversion.response.json",
                Answer(send(
                    Method::POST,
                    format!("{}/conversions", subscription(LITWARE, LITWARE_TRIAL)),
                    file("post-subscription-conversion.request.json"),
                    DOCS_TRIAL_AS_LITWARE,
                )),
            ),
            (
                "post-cart.request.json",
                RequestOf("post-cart.response.json"),
            ),
            (
                "post-cart.response.json",
                Answer(post_cart(ADATUM, "post-cart.request.json", NO_IDS)),
            ),
            (
                "post-cart-nce.request.json",
                RequestOf("post-cart-nce.response.json"),
            ),
            (
                "post-cart-nce.response.json",
                Answer(post_cart(ADATUM, "post-cart-nce.request.json", NO_IDS)),
            ),
            (
                "post-cart-attestation-participants.request.json",
                RequestOf("post-cart-attestation-participants.response.json"),
            ),
            (
                "post-cart-attestation-participants.response.json",
                Answer(post_cart(
                    WOODGROVE,
                    "post-cart-attestation-participants.request.json",
                    DOCS_RESELLERS_AS_WOODGROVES,
                )),
            ),
            (
                "post-cart-addons-new-base.request.json",
                RequestOf("post-cart-addons-new-base.response.json"),
            ),
            (
                "post-cart-addons-new-base.response.json",
                Answer(post_cart(
                    ADATUM,
                    "post-cart-addons-new-base.request.json",
                    NO_IDS,
                )),
            ),
            (
                "post-cart-addon-existing-base.request.json",
                RequestOf("post-cart-addon-existing-base.response.json"),
            ),
            (
                "post-cart-addon-existing-base.response.json",
                Answer(post_cart(
                    CONTOSO,
                    "post-cart-addon-existing-base.request.json",
                    DOCS_BASE_AS_CONTOSO_E3,
                )),
            ),
            (
                "post-cart-checkout.response.json",
                Answer(
                    Request {
                        method: Method::POST,
                        ..get(format!("/v1/customers/{ADATUM}/carts/{{cart}}/checkout"))
                    }
                    .after(Setup::Cart {
                        customer: ADATUM,
                        file: "subscriptions/post-cart.request.json",
                    })
                    .answered(201),
                ),
            ),
        ],
    )
}

fn entitlements_cases() -> Vec<Case> {
    use Replay::{Answer, RequestOf};
    let file = |name: &str| format!("entitlements/{name}");
    let reservation = |route: &str| {
        format!(
            "/v1/customers/{FABRIKAM}/artifacts/{route}/groups/{FABRIKAM_RI_ORDER}/lineitems/0/resource/{FABRIKAM_RESERVATION}"
        )
    };
    folder(
        "entitlements",
        vec![
            // The recording's first item, which every item is compared with, is a reservation.
            (
                "get-entitlements.response.json",
                Answer(get(format!("/v1/customers/{FABRIKAM}/entitlements"))),
            ),
            (
                "get-entitlements-software-showexpiry.response.json",
                Answer(get(format!(
                    "/v1/customers/{TAILSPIN}/entitlements?entitlementtype=software&showExpiry=true"
                ))),
            ),
            (
                "get-reservedinstance-artifact-details-v18.response.json",
                Answer(get(reservation("virtualmachinereservedinstance"))),
            ),
            (
                "get-reservedinstance-artifact-details-v19.response.json",
                Answer(get(reservation("reservedinstance"))),
            ),
            (
                "post-order-azure-reservation.request.json",
                RequestOf("post-order-azure-reservation.response.json"),
            ),
            (
                "post-order-azure-reservation.response.json",
                Answer(
                    send(
                        Method::POST,
                        format!("/v1/customers/{FABRIKAM}/orders"),
                        file("post-order-azure-reservation.request.json"),
                        DOCS_RESERVATION_AS_ORDERED,
                    )
                    .after(order(FABRIKAM, AZURE_PLAN, 1)),
                ),
            ),
        ],
    )
}

/// Where the recordings are kept, beside the project.
const CONTRACT_FOLDER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/contract");

/// The contract folder, where it exists (see [`CONTRACT`] for when its absence fails).
fn contract_dir() -> Option<PathBuf> {
    contract_dir_at(Path::new(CONTRACT_FOLDER), CONTRACT.is_required())
}

fn contract_dir_at(dir: &Path, required: bool) -> Option<PathBuf> {
    CONTRACT.found_when(
        required,
        dir.is_dir().then(|| dir.to_owned()),
        &format!(
            "{} is absent, so there is nothing to compare against",
            dir.display()
        ),
    )
}

fn read(relative: &str) -> Value {
    let path = Path::new(CONTRACT_FOLDER).join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
#[should_panic(expected = "PCMOCK_REQUIRE_CONTRACT is set but")]
fn a_missing_contract_folder_fails_when_the_contract_is_required() {
    contract_dir_at(&Path::new(CONTRACT_FOLDER).join("no-such-folder"), true);
}

#[test]
fn a_missing_contract_folder_is_skipped_when_the_contract_is_not_required() {
    assert_eq!(
        contract_dir_at(&Path::new(CONTRACT_FOLDER).join("no-such-folder"), false),
        None
    );
}

#[tokio::test]
async fn recorded_customer_responses_match_the_mock_in_names_and_types() {
    check_folder("customers").await;
}

#[tokio::test]
async fn recorded_subscription_order_and_offer_responses_match_the_mock_in_names_and_types() {
    check_folder("subscriptions").await;
}

#[tokio::test]
async fn recorded_entitlement_responses_match_the_mock_in_names_and_types() {
    check_folder("entitlements").await;
}

/// Replays every recording of `name`, prints the report, and fails on unlisted deviations,
/// refused requests, and listed deviations that no longer occur.
async fn check_folder(name: &str) {
    let Some(dir) = contract_dir() else {
        return;
    };
    let cases: Vec<Case> = cases().into_iter().filter(|c| c.folder == name).collect();
    assert_every_recording_has_a_replay(&dir.join(name), &cases);

    let mut failures = Vec::new();
    let mut occurred = Vec::new();
    let (mut matched, mut deviating, mut requests, mut not_served) = (0, 0, 0, 0);
    for case in &cases {
        let file = format!("{name}/{}", case.file);
        let deviations = match replay(case).await {
            Err(refused) => {
                println!("contract {file}: refused");
                failures.push(format!("{file}: {refused}"));
                continue;
            }
            Ok(Outcome::Noted(note)) => {
                println!("contract {file}: {note}");
                if note.starts_with("not served") {
                    not_served += 1;
                } else {
                    requests += 1;
                }
                continue;
            }
            Ok(Outcome::Compared(deviations)) => deviations,
        };
        let verdict = if deviations.is_empty() {
            matched += 1;
            "matched"
        } else {
            deviating += 1;
            "deviating"
        };
        println!("contract {file}: {verdict}");
        for Deviation { path, what } in deviations {
            match DEVIATIONS
                .iter()
                .find(|known| known.recording == file && known.path == path)
            {
                Some(known) => {
                    let reason = known.reason;
                    println!("    {path}: {what} (listed: {reason})");
                    occurred.push((file.clone(), path));
                }
                None => {
                    println!("    {path}: {what} (not listed)");
                    failures.push(format!("{file} {path}: {what}"));
                }
            }
        }
    }
    let folder_prefix = format!("{name}/");
    for known in DEVIATIONS {
        let (file, path) = (known.recording, known.path);
        if file.starts_with(&folder_prefix) && !occurred.iter().any(|(f, p)| f == file && p == path)
        {
            failures.push(format!("listed deviation no longer occurs: {file} {path}"));
        }
    }
    println!(
        "contract summary {name}: {} recordings: {matched} matched, {deviating} deviating, \
         {requests} request bodies accepted, {not_served} not served; \
         {} unexplained",
        cases.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "contract failures:\n{}",
        failures.join("\n")
    );
}

/// Every recording on disk has a decided replay, and each request file names a response of its
/// folder that is replayed.
fn assert_every_recording_has_a_replay(dir: &Path, cases: &[Case]) {
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json"))
        .collect();
    on_disk.sort();
    let undecided: Vec<&String> = on_disk
        .iter()
        .filter(|name| !cases.iter().any(|case| case.file == name.as_str()))
        .collect();
    assert!(
        undecided.is_empty(),
        "recordings with no replay decided: {undecided:?}"
    );
    for case in cases {
        if let Replay::RequestOf(response) = case.replay {
            let replayed = cases
                .iter()
                .any(|other| other.file == response && matches!(other.replay, Replay::Answer(_)));
            assert!(replayed, "{}: {response} is not replayed", case.file);
        }
    }
}

/// What replaying one case gave.
enum Outcome {
    /// Nothing to compare, with the note for the report.
    Noted(String),
    /// The answer's deviations from the recording.
    Compared(Vec<Deviation>),
}

async fn replay(case: &Case) -> Result<Outcome, String> {
    match &case.replay {
        Replay::NotServed(reason) => Ok(Outcome::Noted(format!("not served ({reason})"))),
        Replay::RequestOf(response) => {
            Ok(Outcome::Noted(format!("request, replayed with {response}")))
        }
        Replay::Accepted(request) => {
            perform(request).await?;
            Ok(Outcome::Noted(
                "request with no recorded answer, accepted".to_owned(),
            ))
        }
        Replay::Answer(request) => {
            let answer = perform(request).await?;
            let recorded = read(&format!("{}/{}", case.folder, case.file));
            Ok(Outcome::Compared(shape_deviations(&recorded, &answer.body)))
        }
    }
}

/// Makes `request` on a fresh mock, after its setup, and checks the status.
async fn perform(request: &Request) -> Result<Answer, String> {
    let app = TestApp::start().await;
    let made = match &request.setup {
        Some(setup) => setup.run(&app).await,
        None => Made::default(),
    };
    let path = made.fill(&request.path);
    let body = match &request.body {
        Some(body) => Some(body.prepare(&app, &path, &made).await),
        None => None,
    };
    let sent = body.as_ref().map(Value::to_string);
    let answer = app
        .call(request.method.clone(), &path, sent.clone(), &[])
        .await;
    let expected = match request.status {
        Some(status) => answer.status == status,
        None => (200..300).contains(&answer.status),
    };
    if expected {
        Ok(answer)
    } else {
        Err(format!(
            "{} {path} answered {} (expected {}): {}\n    sent: {}",
            request.method,
            answer.status,
            request.status.map_or("2xx".to_owned(), |s| s.to_string()),
            answer.text,
            sent.unwrap_or_default()
        ))
    }
}

impl Setup {
    async fn run(&self, app: &TestApp) -> Made {
        match self {
            Self::Order {
                customer,
                offer,
                quantity,
            } => {
                let order = app.order(customer, offer, *quantity).await;
                let subscription = order.body["lineItems"][0]["subscriptionId"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                // An Azure plan stands for an Azure subscription, which reservations name.
                let azure = if subscription.is_empty() {
                    String::new()
                } else {
                    let made = app.subscription(customer, &subscription).await;
                    made.body["entitlementId"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned()
                };
                Made {
                    order: order.body["id"].as_str().unwrap_or_default().to_owned(),
                    subscription,
                    azure,
                    ..Made::default()
                }
            }
            Self::Released(customer) => {
                let removed = app.remove_relationship(customer).await;
                assert_eq!(removed.status, 200, "setup: {}", removed.text);
                Made::default()
            }
            Self::Transition {
                customer,
                source,
                file,
                ids,
            } => {
                let mut body = read(file);
                for (docs, ours) in *ids {
                    substitute(&mut body, docs, ours);
                }
                let made = app
                    .post(
                        &format!("/v1/customers/{customer}/subscriptions/{source}/transitions"),
                        &body,
                    )
                    .await;
                assert_eq!(made.status, 200, "setup: {}", made.text);
                Made::default()
            }
            Self::Cart { customer, file } => {
                let cart = app
                    .post(&format!("/v1/customers/{customer}/carts"), &read(file))
                    .await;
                assert_eq!(cart.status, 201, "setup: {}", cart.text);
                Made {
                    cart: cart.body["id"].as_str().unwrap_or_default().to_owned(),
                    ..Made::default()
                }
            }
        }
    }
}

impl Made {
    fn fill(&self, text: &str) -> String {
        text.replace("{order}", &self.order)
            .replace("{subscription}", &self.subscription)
            .replace("{azure}", &self.azure)
            .replace("{cart}", &self.cart)
    }
}

impl Body {
    /// The recorded body with our ids in place of the docs' and a current etag in place of a
    /// placeholder, as a client would send it.
    async fn prepare(&self, app: &TestApp, path: &str, made: &Made) -> Value {
        let mut body = read(&self.file);
        for (docs, ours) in self.ids {
            substitute(&mut body, docs, &made.fill(ours));
        }
        current_etag(app, path, &mut body).await;
        body
    }
}

/// Replaces every string value equal to `docs` (ids compare case-insensitively). Only whole
/// values are replaced: ids inside read-only links are left, since the mock ignores them.
fn substitute(value: &mut Value, docs: &str, ours: &str) {
    match value {
        Value::String(text) if text.eq_ignore_ascii_case(docs) => *text = ours.to_owned(),
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| substitute(item, docs, ours)),
        Value::Object(map) => map
            .values_mut()
            .for_each(|item| substitute(item, docs, ours)),
        _ => {}
    }
}

/// Recorded update bodies carry a placeholder etag (`"<etag>"`, in either casing of
/// `attributes.etag`); the replay sends the current one, read from the resource it changes.
async fn current_etag(app: &TestApp, path: &str, body: &mut Value) {
    let Some(etag) =
        recorded_property(body, "attributes").and_then(|a| recorded_property(a, "etag"))
    else {
        return;
    };
    if etag
        .as_str()
        .is_some_and(|text| text.starts_with('<') && text.ends_with('>'))
    {
        *etag = app.get(path).await.body["attributes"]["etag"].clone();
    }
}

/// The property `name` of `value`, to change, in whichever casing the recording spells it.
fn recorded_property<'a>(value: &'a mut Value, name: &str) -> Option<&'a mut Value> {
    value
        .as_object_mut()?
        .iter_mut()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value)
}
