//! Path normalisation: Partner Center matches paths case-insensitively and with or without a
//! trailing slash (the sandbox docs write `/v1/Customers/{id}`, the removal docs end in `/`).
//!
//! Only the fixed words of the API are folded to their spelling here; ids keep theirs, because
//! catalog order ids are case-sensitive.

/// The fixed path words of the `/v1` surface.
const FIXED_SEGMENTS: &[&str] = &[
    "v1",
    "customers",
    "profiles",
    "company",
    "billing",
    "domains",
    "relationships",
    "relationshiprequests",
    "subscriptions",
    "addons",
    "transitionEligibilities",
    "transitions",
    "upgrades",
    "conversions",
    "azureEntitlements",
    "cancel",
    "registrations",
    "registrationstatus",
    "orders",
    "provisioningstatus",
    "offers",
    "entitlements",
    "artifacts",
    "reservedinstance",
    "virtualmachinereservedinstance",
    "groups",
    "lineitems",
    "resource",
];

/// Whether `path`, in its canonical form, is on the `/v1` surface.
pub(crate) fn is_v1(path: &str) -> bool {
    path == "/v1" || path.starts_with("/v1/")
}

/// Rewrites a `/v1` path into its canonical form. Other paths, and paths already canonical, are
/// returned as `None` without allocating.
pub(crate) fn normalize(path: &str) -> Option<String> {
    let first = segments(path).next()?;
    if !first.eq_ignore_ascii_case("v1") || is_canonical(path) {
        return None;
    }
    let mut out = String::with_capacity(path.len());
    for segment in segments(path).filter(|segment| !segment.is_empty()) {
        out.push('/');
        out.push_str(fixed_spelling(segment).unwrap_or(segment));
    }
    Some(out)
}

/// The segments of an absolute path, after its leading `/`.
fn segments(path: &str) -> impl Iterator<Item = &str> {
    // A set of one rather than a `char`: paths are short, and comparing them character by
    // character is cheaper than setting up a `memchr` for each segment.
    path.split(['/']).skip(1)
}

/// Whether `path` has no empty segment and spells each fixed word as the API does.
fn is_canonical(path: &str) -> bool {
    segments(path).all(|segment| {
        !segment.is_empty() && fixed_spelling(segment).is_none_or(|fixed| fixed == segment)
    })
}

/// The API's spelling of `segment`, when it is one of the fixed words.
fn fixed_spelling(segment: &str) -> Option<&'static str> {
    FIXED_SEGMENTS
        .iter()
        .find(|fixed| fixed.eq_ignore_ascii_case(segment))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn fixed_words_fold_and_trailing_slashes_go() {
        assert_eq!(
            normalize("/V1/Customers/ABC/Profiles/Billing/").as_deref(),
            Some("/v1/customers/ABC/profiles/billing")
        );
        assert_eq!(normalize("/v1/customers"), None);
        assert_eq!(normalize("/v1"), None);
        assert_eq!(normalize("/v1/").as_deref(), Some("/v1"));
        assert_eq!(
            normalize("/v1//customers").as_deref(),
            Some("/v1/customers")
        );
        assert_eq!(normalize("/_mock/health"), None);
        assert_eq!(normalize("/v1/customers/x/orders/YxH1q4K"), None);
        assert_eq!(
            normalize("/v1/customers/c/subscriptions/s/transitioneligibilities").as_deref(),
            Some("/v1/customers/c/subscriptions/s/transitionEligibilities")
        );
        assert_eq!(
            normalize("/v1/Customers/c/Subscriptions/s/AzureEntitlements/E/CANCEL").as_deref(),
            Some("/v1/customers/c/subscriptions/s/azureEntitlements/E/cancel")
        );
        assert_eq!(
            normalize("/v1/customers/c/subscriptions/s/azureentitlements").as_deref(),
            Some("/v1/customers/c/subscriptions/s/azureEntitlements")
        );
    }
}
