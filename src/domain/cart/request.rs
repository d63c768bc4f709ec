//! A cart as a client sends it (`POST` and `PUT .../carts`), in any casing, and how its lines
//! become [`CartLineItem`]s. Missing required properties refuse the request; everything else a
//! line gets wrong is the line's `error` (see the `line_rules` module).

use super::line::{CartLineItem, Participant, RenewsTo};
use crate::domain::azure::PurchaseCommitment;
use crate::domain::error::DomainError;
use crate::domain::subscription::BillingCycle;
use serde::Deserialize;
use serde_json::{Map, Value};

/// The body of `POST /v1/customers/{id}/carts` and `PUT .../carts/{cartId}`. Server-owned
/// properties (`id`, timestamps, `status`, `orderGroup`, `error`) are ignored.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CartRequest {
    /// Whether the partner attests that the partners of record on the lines are right.
    pub partner_on_record_attestation_accepted: Option<bool>,
    /// The lines.
    pub line_items: Option<Vec<CartLineItemRequest>>,
}

/// A cart line as a client sends it.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CartLineItemRequest {
    /// The catalog item to buy: `productId:skuId:availabilityId`, or a legacy offer id.
    pub catalog_item_id: Option<String>,
    /// The name the subscription bought will carry.
    pub friendly_name: Option<String>,
    /// The seats (or units) to buy.
    pub quantity: Option<u32>,
    /// The currency of the customer's market.
    pub currency_code: Option<String>,
    /// How often the line is billed.
    pub billing_cycle: Option<BillingCycle>,
    /// The term to buy, as an ISO 8601 duration (`P1Y`).
    pub term_duration: Option<String>,
    /// The partners of record.
    pub participants: Option<Vec<ParticipantRequest>>,
    /// Product-specific values: the Azure subscription of a reservation, the scope of a savings plan.
    pub provisioning_context: Option<Map<String, Value>>,
    /// Legacy add-ons bought with the line.
    pub addon_items: Option<Vec<CartLineItemRequest>>,
    /// For a trial, the term it renews to.
    pub renews_to: Option<RenewsToRequest>,
    /// The promotion to apply.
    pub promotion_id: Option<String>,
    /// The end date to ask for the term, as sent.
    pub custom_term_end_date: Option<String>,
    /// Whether the customer accepted the attestation the product asks for.
    pub attestation_accepted: Option<bool>,
    /// For a savings plan, the hourly commitment.
    pub purchase_commitment: Option<PurchaseCommitmentRequest>,
}

/// A partner of record as a client sends it.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
pub struct ParticipantRequest {
    /// The participant's role (`transaction_reseller`).
    pub key: Option<String>,
    /// The participant's Partner Network (MPN) id.
    pub value: Option<String>,
}

/// `renewsTo` as a client sends it.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RenewsToRequest {
    /// The term, as an ISO 8601 duration (`P1Y`).
    pub term_duration: Option<String>,
}

/// `purchaseCommitment` of a savings-plan line; the amount may be a number or a string.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
pub struct PurchaseCommitmentRequest {
    /// The hourly amount, as a number or a string.
    pub amount: Option<Value>,
    /// The amount's currency.
    pub currency: Option<String>,
    /// The commitment's grain (`hourly`).
    pub grain: Option<String>,
}

impl CartRequest {
    /// The cart's lines, numbered from 0 in document order (add-on items right after their
    /// line), with `currencyCode` filled with `currency` where the client gave none.
    ///
    /// Errors: [`DomainError::InvalidInput`] naming the path of a missing `lineItems`,
    /// `catalogItemId`, `quantity` or `billingCycle`, or of a value that cannot be read.
    pub fn lines(&self, currency: &str) -> Result<Vec<CartLineItem>, DomainError> {
        let requests = self.line_items.as_deref().unwrap_or_default();
        if requests.is_empty() {
            return Err(DomainError::InvalidInput(
                "lineItems must hold at least one line item.".to_owned(),
            ));
        }
        let mut next_id = 0;
        requests
            .iter()
            .enumerate()
            .map(|(index, line)| line.read(&format!("lineItems[{index}]"), currency, &mut next_id))
            .collect()
    }
}

impl CartLineItemRequest {
    fn read(
        &self,
        path: &str,
        currency: &str,
        next_id: &mut u32,
    ) -> Result<CartLineItem, DomainError> {
        let required =
            |name: &str| DomainError::InvalidInput(format!("{path}.{name} is required."));
        let catalog_item_id = non_empty(self.catalog_item_id.as_deref())
            .ok_or_else(|| required("catalogItemId"))?
            .to_owned();
        let quantity = self.quantity.ok_or_else(|| required("quantity"))?;
        let billing_cycle = self
            .billing_cycle
            .filter(|cycle| *cycle != BillingCycle::Unknown)
            .ok_or_else(|| required("billingCycle"))?;
        let id = *next_id;
        *next_id += 1;
        let addon_items = self
            .addon_items
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(index, add_on)| {
                add_on.read(&format!("{path}.addonItems[{index}]"), currency, next_id)
            })
            .collect::<Result<_, _>>()?;
        Ok(CartLineItem {
            id,
            catalog_item_id,
            friendly_name: non_empty(self.friendly_name.as_deref()).map(str::to_owned),
            quantity,
            currency_code: non_empty(self.currency_code.as_deref())
                .map_or_else(|| currency.to_owned(), str::to_ascii_uppercase),
            billing_cycle,
            term_duration: non_empty(self.term_duration.as_deref()).map(str::to_ascii_uppercase),
            participants: self.participants(path)?,
            provisioning_context: self.provisioning_context(path)?,
            order_group: None,
            addon_items,
            renews_to: self
                .renews_to
                .as_ref()
                .and_then(|renews| non_empty(renews.term_duration.as_deref()))
                .map(|term| RenewsTo {
                    term_duration: term.to_ascii_uppercase(),
                }),
            promotion_id: non_empty(self.promotion_id.as_deref()).map(str::to_owned),
            custom_term_end_date: non_empty(self.custom_term_end_date.as_deref())
                .map(|text| {
                    crate::wire::date::parse(text).ok_or_else(|| {
                        DomainError::InvalidInput(format!(
                            "{path}.customTermEndDate '{text}' is not an ISO-8601 date."
                        ))
                    })
                })
                .transpose()?,
            attestation_accepted: self.attestation_accepted,
            purchase_commitment: self.purchase_commitment(path)?,
            error: None,
        })
    }

    fn participants(&self, path: &str) -> Result<Vec<Participant>, DomainError> {
        let participants = self.participants.as_deref().unwrap_or_default();
        participants
            .iter()
            .enumerate()
            .map(|(index, participant)| {
                match (
                    non_empty(participant.key.as_deref()),
                    non_empty(participant.value.as_deref()),
                ) {
                    (Some(key), Some(value)) => Ok(Participant {
                        key: key.to_ascii_lowercase(),
                        value: value.to_owned(),
                    }),
                    _ => Err(DomainError::InvalidInput(format!(
                        "{path}.participants[{index}] needs a key and a value."
                    ))),
                }
            })
            .collect()
    }

    /// Keys come back camel-cased (`ParentSubscriptionId` as `parentSubscriptionId`); values
    /// must be strings, and `null` ones are dropped.
    fn provisioning_context(&self, path: &str) -> Result<Map<String, Value>, DomainError> {
        let mut context = Map::new();
        for (key, value) in self.provisioning_context.iter().flatten() {
            match value {
                Value::Null => {}
                Value::String(text) => {
                    context.insert(camel_case(key), Value::String(text.clone()));
                }
                _ => {
                    return Err(DomainError::InvalidInput(format!(
                        "{path}.provisioningContext.{key} must be a string."
                    )));
                }
            }
        }
        Ok(context)
    }

    fn purchase_commitment(&self, path: &str) -> Result<Option<PurchaseCommitment>, DomainError> {
        let Some(commitment) = &self.purchase_commitment else {
            return Ok(None);
        };
        let amount = match &commitment.amount {
            Some(Value::Number(number)) => number.to_string(),
            Some(Value::String(text)) => text.trim().to_owned(),
            None | Some(Value::Null) => String::new(),
            Some(_) => {
                return Err(DomainError::InvalidInput(format!(
                    "{path}.purchaseCommitment.amount must be a number."
                )));
            }
        };
        Ok(Some(PurchaseCommitment {
            amount,
            currency: non_empty(commitment.currency.as_deref())
                .unwrap_or("usd")
                .to_ascii_lowercase(),
            grain: non_empty(commitment.grain.as_deref())
                .unwrap_or("hourly")
                .to_ascii_lowercase(),
        }))
    }
}

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|text| !text.is_empty())
}

fn camel_case(key: &str) -> String {
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::body::read_body;

    #[test]
    fn lines_are_numbered_through_their_add_ons_and_echo_camel_cased_context_keys() {
        let request: CartRequest = read_body(
            br#"{"LineItems":[{"Id":7,"CatalogItemId":"A","Quantity":3,"BillingCycle":"Monthly",
                "ProvisioningContext":{"ParentSubscriptionId":"x","Gone":null},
                "AddonItems":[{"Id":1,"CatalogItemId":"B","Quantity":2,"BillingCycle":"monthly"}]},
               {"catalogItemId":"C","quantity":1,"billingCycle":"one_time","termDuration":"p1y"}]}"#,
        )
        .unwrap();
        let lines = request.lines("USD").unwrap();
        assert_eq!(lines[0].id, 0);
        assert_eq!(lines[0].addon_items[0].id, 1);
        assert_eq!(lines[1].id, 2);
        assert_eq!(lines[0].billing_cycle, BillingCycle::Monthly);
        assert_eq!(lines[0].currency_code, "USD");
        assert_eq!(lines[0].context("parentsubscriptionid"), Some("x"));
        assert_eq!(
            lines[0].provisioning_context.keys().collect::<Vec<_>>(),
            ["parentSubscriptionId"]
        );
        assert_eq!(lines[1].term_duration.as_deref(), Some("P1Y"));
        assert!(lines[1].provisioning_context.is_empty());
    }

    #[test]
    fn a_missing_required_property_refuses_the_request_with_its_path() {
        let read = |body: &str| {
            read_body::<CartRequest>(body.as_bytes())
                .unwrap()
                .lines("USD")
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            read(r#"{"lineItems":[]}"#),
            "lineItems must hold at least one line item."
        );
        assert_eq!(
            read(r#"{"lineItems":[{"quantity":1,"billingCycle":"monthly"}]}"#),
            "lineItems[0].catalogItemId is required."
        );
        assert_eq!(
            read(
                r#"{"lineItems":[{"catalogItemId":"A","quantity":1,"billingCycle":"monthly",
                "addonItems":[{"catalogItemId":"B","billingCycle":"monthly"}]}]}"#
            ),
            "lineItems[0].addonItems[0].quantity is required."
        );
        assert_eq!(
            read(r#"{"lineItems":[{"catalogItemId":"A","quantity":1,"billingCycle":"unknown"}]}"#),
            "lineItems[0].billingCycle is required."
        );
    }
}
