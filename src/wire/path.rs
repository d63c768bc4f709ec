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

/// Rewrites a `/v1` path into its canonical form. Other paths are returned unchanged.
pub(crate) fn normalize(path: &str) -> Option<String> {
    let mut segments = path.split('/').skip(1);
    let first = segments.next()?;
    if !first.eq_ignore_ascii_case("v1") {
        return None;
    }
    let mut out = String::with_capacity(path.len());
    for segment in std::iter::once(first).chain(segments) {
        if segment.is_empty() {
            continue;
        }
        out.push('/');
        match FIXED_SEGMENTS
            .iter()
            .find(|fixed| fixed.eq_ignore_ascii_case(segment))
        {
            Some(fixed) => out.push_str(fixed),
            None => out.push_str(segment),
        }
    }
    (out != path).then_some(out)
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
