//! A migration as a client sends it (`POST .../migrations/newcommerce` and `.../validate`), in
//! any casing. Microsoft's own migration tool posts `System.Text.Json` defaults: PascalCase with
//! every property present, so empty strings, `null`s, a quantity of 0 and .NET's default date
//! all mean "not given" (reference api-new-commerce §1.1), and output-only properties (`Id`,
//! `Status`, `StartedTime`, `NewCommerceSubscriptionId`, ...) are ignored.

use crate::domain::error::DomainError;
use crate::domain::ids::{SubscriptionId, parse_guid};
use crate::domain::subscription::BillingCycle;
use chrono::{DateTime, Datelike, Utc};
use serde::Deserialize;
use serde_json::Value;

/// The body of a migration or a validation: a `NewCommerceMigration`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MigrationRequest {
    /// The legacy subscription to migrate (required).
    pub current_subscription_id: Option<String>,
    /// Seats in new commerce; the legacy quantity when not given.
    pub quantity: Option<u32>,
    /// `P1M`, `P1Y` or `P3Y`; the legacy term when not given.
    pub term_duration: Option<String>,
    /// `Monthly`, `Annual`, ...; the legacy billing cycle when not given.
    pub billing_cycle: Option<String>,
    /// Start a new term instead of keeping the legacy term's end.
    pub purchase_full_term: Option<bool>,
    /// An end date for the new-commerce term.
    pub custom_term_end_date: Option<String>,
    /// The client's own reference, to find its migrations by.
    pub external_reference_id: Option<String>,
    /// Add-ons migrating with the base, a flat list.
    #[schemars(with = "Option<Vec<Value>>")]
    pub add_on_migrations: Option<Vec<MigrationRequest>>,
}

/// What a request asks for one subscription, read: every value given or absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// The legacy subscription's id, as sent.
    pub current_subscription_id: String,
    /// The seats to migrate.
    pub quantity: Option<u32>,
    /// The new-commerce term, as an ISO 8601 duration (`P1Y`).
    pub term_duration: Option<String>,
    /// The new-commerce billing cycle.
    pub billing_cycle: Option<BillingCycle>,
    /// The end date asked for the new-commerce term.
    pub custom_term_end_date: Option<DateTime<Utc>>,
}

impl Asked {
    /// The subscription the request names, when its id is a GUID.
    pub fn subscription(&self) -> Option<SubscriptionId> {
        parse_guid(self.current_subscription_id.trim()).map(SubscriptionId)
    }
}

impl MigrationRequest {
    /// What the request asks for the subscription it names, at `path` in the body.
    ///
    /// Errors: [`DomainError::InvalidInput`] naming the path of a missing
    /// `currentSubscriptionId`, or of a billing cycle or date that cannot be read.
    pub fn asked(&self, path: &str) -> Result<Asked, DomainError> {
        let current_subscription_id = given(self.current_subscription_id.as_deref())
            .ok_or_else(|| {
                DomainError::InvalidInput(format!("{path}currentSubscriptionId is required."))
            })?
            .to_owned();
        let billing_cycle = given(self.billing_cycle.as_deref())
            .map(|raw| {
                BillingCycle::from_wire(raw)
                    .filter(|cycle| *cycle != BillingCycle::Unknown)
                    .ok_or_else(|| {
                        DomainError::InvalidInput(format!(
                            "{path}billingCycle '{raw}' is not a billing cycle."
                        ))
                    })
            })
            .transpose()?;
        let custom_term_end_date = given(self.custom_term_end_date.as_deref())
            .map(|raw| {
                crate::wire::date::parse(raw).ok_or_else(|| {
                    DomainError::InvalidInput(format!(
                        "{path}customTermEndDate '{raw}' is not a date."
                    ))
                })
            })
            .transpose()?
            .filter(|date| date.year() != crate::wire::date::DOTNET_DEFAULT_YEAR);
        Ok(Asked {
            current_subscription_id,
            quantity: self.quantity.filter(|quantity| *quantity > 0),
            term_duration: given(self.term_duration.as_deref()).map(str::to_ascii_uppercase),
            billing_cycle,
            custom_term_end_date,
        })
    }

    /// What the request asks for each add-on it lists, in order.
    ///
    /// Errors: as [`MigrationRequest::asked`], for an add-on.
    pub fn asked_add_ons(&self) -> Result<Vec<Asked>, DomainError> {
        self.add_on_migrations
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(index, add_on)| add_on.asked(&format!("addOnMigrations[{index}].")))
            .collect()
    }

    /// Whether the migration buys a full new term (`purchaseFullTerm`).
    pub fn purchases_full_term(&self) -> bool {
        self.purchase_full_term.unwrap_or(false)
    }

    /// The external reference id, when one is given.
    pub fn external_reference(&self) -> Option<String> {
        given(self.external_reference_id.as_deref()).map(str::to_owned)
    }
}

/// A value that is neither absent nor blank.
fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::read_body;

    #[test]
    fn the_migration_tools_full_pascal_case_body_reads_its_blanks_as_not_given() {
        let body = br#"{"Id": "", "StartedTime": null, "CompletedTime": null,
            "CurrentSubscriptionId": "2C222222-2222-4222-8222-000000000001", "Status": "",
            "CustomerTenantId": "", "CatalogItemId": "", "NewCommerceSubscriptionId": "",
            "NewCommerceOrderId": "", "SubscriptionEndDate": null, "Quantity": 0,
            "TermDuration": "", "BillingCycle": "", "PurchaseFullTerm": false,
            "ExternalReferenceId": "", "CustomTermEndDate": "0001-01-01T00:00:00",
            "AddOnMigrations": []}"#;
        let request: MigrationRequest = read_body(body).unwrap();
        let asked = request.asked("").unwrap();
        assert_eq!(
            asked,
            Asked {
                current_subscription_id: "2C222222-2222-4222-8222-000000000001".to_owned(),
                quantity: None,
                term_duration: None,
                billing_cycle: None,
                custom_term_end_date: None,
            }
        );
        assert!(asked.subscription().is_some());
        assert!(!request.purchases_full_term());
        assert_eq!(request.external_reference(), None);
        assert!(request.asked_add_ons().unwrap().is_empty());
    }

    #[test]
    fn given_values_are_read_in_any_spelling() {
        let body = br#"{"currentSubscriptionId": "x", "quantity": 4, "termDuration": "p1y",
            "billingCycle": "Annual", "addOnMigrations": [{"CurrentSubscriptionId": "y",
            "BillingCycle": "monthly"}]}"#;
        let request: MigrationRequest = read_body(body).unwrap();
        let asked = request.asked("").unwrap();
        assert_eq!(asked.quantity, Some(4));
        assert_eq!(asked.term_duration.as_deref(), Some("P1Y"));
        assert_eq!(asked.billing_cycle, Some(BillingCycle::Annual));
        let add_ons = request.asked_add_ons().unwrap();
        assert_eq!(add_ons[0].billing_cycle, Some(BillingCycle::Monthly));
    }

    #[test]
    fn a_missing_subscription_or_an_unknown_billing_cycle_is_invalid_input() {
        let missing: MigrationRequest = read_body(br#"{"CurrentSubscriptionId": ""}"#).unwrap();
        assert!(matches!(
            missing.asked(""),
            Err(DomainError::InvalidInput(message)) if message.contains("currentSubscriptionId")
        ));
        let cycle: MigrationRequest =
            read_body(br#"{"currentSubscriptionId": "x", "billingCycle": "weekly"}"#).unwrap();
        assert!(cycle.asked("").is_err());
    }
}
