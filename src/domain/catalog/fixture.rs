//! A small catalog for the domain's tests: one product of every kind the mock sells.

use super::ProductCatalog;
use serde_json::json;

pub(crate) const BASIC: &str = "CFQ7TTC0LH18:0001:CFQ7TTC0K971";
pub(crate) const E3: &str = "CFQ7TTC0LF8R:0001:CFQ7TTC0LF01";
pub(crate) const PHONE_ADD_ON: &str = "CFQ7TTC0ADD1:0001:CFQ7TTC0ADA1";
pub(crate) const ATTESTED: &str = "CFQ7TTC0ATT1:0001:CFQ7TTC0ATA1";
pub(crate) const TRIAL: &str = "CFQ7TTC0TRL1:0001:CFQ7TTC0TRA1";
pub(crate) const AZURE_PLAN: &str = "DZH318Z0BPS6:0001:DZH318Z0BPXW";
pub(crate) const RESERVED_VM: &str = "DZH318Z0BQ3W:007J:DZH318Z0BJ4H";
pub(crate) const SAVINGS_PLAN: &str = "DZH318Z09V6F:0001:DZH318Z0BLD3";
pub(crate) const SOFTWARE: &str = "DG7GMGF0DWTK:0002:DG7GMGF0DVSV";
pub(crate) const SAAS: &str = "DZH318Z0BXWC:0002:DZH318Z0BMRV";

fn nce() -> serde_json::Value {
    json!({"id": "OnlineServicesNCE", "displayName": "OnlineServicesNCE"})
}

fn term(duration: &str, cycle: &str) -> serde_json::Value {
    json!({"duration": duration, "description": format!("{duration} {cycle}"), "billingCycle": cycle})
}

/// The catalog.
pub(crate) fn catalog() -> ProductCatalog {
    let us = json!(["US"]);
    let document = json!({"products": [
        {"id": "CFQ7TTC0LH18", "title": "Business Basic", "productType": nce(), "skus": [
            {"id": "0001", "title": "Business Basic", "minimumQuantity": 1, "maximumQuantity": 300,
             "supportedBillingCycles": ["annual", "monthly"], "availabilities": [
                {"id": "CFQ7TTC0K971", "countries": ["US", "GB"], "terms": [
                    term("P1Y", "annual"), term("P1Y", "monthly"), term("P1M", "monthly")]},
                {"id": "CFQ7TTC0NP01", "countries": us, "segment": "nonprofit",
                 "terms": [term("P1Y", "annual")]}]}]},
        {"id": "CFQ7TTC0LF8R", "title": "E3", "productType": nce(), "skus": [
            {"id": "0001", "title": "E3", "supportedBillingCycles": ["monthly", "annual", "triennial"],
             "availabilities": [{"id": "CFQ7TTC0LF01", "countries": us, "terms": [
                term("P1M", "monthly"), term("P1Y", "annual"), term("P3Y", "triennial")]}]}]},
        {"id": "CFQ7TTC0ADD1", "title": "Phone add-on", "productType": nce(), "skus": [
            {"id": "0001", "title": "Phone add-on", "supportedBillingCycles": ["monthly"],
             "dynamicAttributes": {"isAddon": true, "prerequisiteSkus": ["CFQ7TTC0LF8R:0001"]},
             "availabilities": [{"id": "CFQ7TTC0ADA1", "countries": us, "terms": [
                term("P1M", "monthly"), term("P1Y", "monthly")]}]}]},
        {"id": "CFQ7TTC0ATT1", "title": "Attested desktop", "productType": nce(), "skus": [
            {"id": "0001", "title": "Attested desktop", "supportedBillingCycles": ["monthly"],
             "attestationProperties": {"attestationType": "Windows", "enforceAttestation": true},
             "availabilities": [{"id": "CFQ7TTC0ATA1", "countries": us,
                "terms": [term("P1M", "monthly")]}]}]},
        {"id": "CFQ7TTC0TRL1", "title": "Premium trial", "productType": nce(), "skus": [
            {"id": "0001", "title": "Premium trial", "isTrial": true, "maximumQuantity": 25,
             "supportedBillingCycles": ["none"], "availabilities": [{"id": "CFQ7TTC0TRA1",
                "countries": us, "terms": [term("P1M", "none")]}]}]},
        {"id": "CFQ7TTC0EDU1", "title": "Faculty", "productType": nce(), "skus": [
            {"id": "0001", "title": "Faculty", "supportedBillingCycles": ["monthly"],
             "availabilities": [{"id": "CFQ7TTC0EDA1", "countries": us, "segment": "education",
                "terms": [term("P1M", "monthly")]}]}]},
        {"id": "DZH318Z0BPS6", "title": "Azure plan",
         "productType": {"id": "Azure", "displayName": "Azure"}, "skus": [
            {"id": "0001", "title": "Azure plan", "minimumQuantity": 1, "maximumQuantity": 1,
             "supportedBillingCycles": ["one_time"], "availabilities": [
                {"id": "DZH318Z0BPXW", "countries": us, "isRenewable": false}]}]},
        {"id": "DZH318Z0BQ3W", "title": "Reserved VM Instance, Dsv3 Series",
         "productType": {"id": "Azure", "displayName": "Azure",
            "subType": {"id": "VirtualMachines", "displayName": "VirtualMachines"}}, "skus": [
            {"id": "007J", "title": "Reserved VM Instance, 1 Year", "maximumQuantity": 100,
             "supportedBillingCycles": ["one_time"], "provisioningVariables": ["Scope", "SubscriptionId"],
             "availabilities": [{"id": "DZH318Z0BJ4H", "countries": us, "isRenewable": false,
                "terms": [{"duration": "P1Y", "description": "1 Year Prepaid"}]}]}]},
        {"id": "DZH318Z09V6F", "title": "Azure savings plan",
         "productType": {"id": "Azure", "displayName": "Azure",
            "subType": {"id": "SavingsPlan", "displayName": "SavingsPlan"}}, "skus": [
            {"id": "0001", "title": "Azure savings plan, 1 year", "minimumQuantity": 1,
             "maximumQuantity": 1, "supportedBillingCycles": ["one_time", "monthly"],
             "minimumPurchaseCommitment": {"grain": "Hourly",
                "currencyCode": {"code": "USD", "symbol": "$"}, "amount": "0.001"},
             "availabilities": [{"id": "DZH318Z0BLD3", "countries": us,
                "terms": [{"duration": "P1Y", "description": "1year"}]}]}]},
        {"id": "DG7GMGF0DWTK", "title": "Windows Server 2022 Standard",
         "productType": {"id": "Software", "displayName": "Software",
            "subType": {"id": "Perpetual", "displayName": "Perpetual"}}, "skus": [
            {"id": "0002", "title": "Windows Server 2022 Standard - 16 Core",
             "supportedBillingCycles": ["one_time"], "availabilities": [
                {"id": "DG7GMGF0DVSV", "countries": us, "isRenewable": false}]}]},
        {"id": "DZH318Z0BXWC", "title": "Web firewall", "productType": {"id": "SaaS", "displayName": "SaaS"},
         "isMicrosoftProduct": false, "publisherName": "Adventure Works", "skus": [
            {"id": "0002", "title": "Web firewall - Medium", "supportedBillingCycles": ["monthly", "annual"],
             "availabilities": [{"id": "DZH318Z0BMRV", "countries": us, "terms": [
                term("P1M", "monthly"), term("P1Y", "annual")]}]}]}
    ]});
    serde_json::from_value(document).expect("the test catalog reads")
}
