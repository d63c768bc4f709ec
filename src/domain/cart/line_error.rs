//! A cart line's `error`: the integer `CartErrorCode` and its description (reference
//! api-new-commerce §3.6). An invalid line does not fail the request that sent it; it carries one
//! of these, and the cart cannot be checked out until it is fixed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `CartErrorCode`, written as its integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CartErrorCode {
    /// 10000: the currency is not the customer's market's.
    CurrencyIsNotSupported,
    /// 10001: the catalog item id is not one the catalog sells.
    CatalogItemIdIsNotValid,
    /// 10002: no quota is left.
    QuotaNotAvailable,
    /// 10003: the product is not available.
    InventoryNotAvailable,
    /// 10004: the partner cannot name participants.
    ParticipantsIsNotSupportedForPartner,
    /// 10006: the line cannot be processed.
    UnableToProcessCartLineItem,
    /// 10007: the Azure subscription named is not valid.
    SubscriptionIsNotValid,
    /// 10008: the Azure subscription named is not enabled for reservations.
    SubscriptionIsNotEnabledForRi,
    /// 10009: a sandbox limit is exceeded.
    SandboxLimitExceeded,
    /// 10010: a value of the line is not valid.
    InvalidInput,
    /// 10011: the Azure subscription named is not registered for reservations.
    SubscriptionNotRegistered,
    /// 10012: the attestation the product asks for is not accepted.
    AttestationNotAccepted,
    /// 10013: the billing cycle is not one the availability offers.
    BillingPlanNotSupported,
    /// 10014: the promotion id is not valid.
    InvalidPromotionId,
    /// 10015: the seats exceed the most a subscription may hold.
    MaxAllowedSeatsPerSubscriptionExceeded,
    /// 10016: the product takes no custom term end date.
    InvalidCustomTermEndDateProduct,
    /// 10017: the custom term end date is not valid.
    InvalidCustomTermEndDate,
    /// 10018: the add-on's seats exceed its base subscription's.
    BaseOfferSeatQuantityNotMet,
    /// 10019: the add-on needs more seats.
    MinimumAddOnSeatsNotMet,
    /// An add-on without a compatible base product.
    AddOnWithoutCompatibleBase,
    /// 500600: the legacy offer can no longer be bought.
    LegacyOfferNotEligibleForPurchase,
}

impl CartErrorCode {
    /// Every code, in declaration order.
    pub const ALL: &'static [Self] = &[
        Self::CurrencyIsNotSupported,
        Self::CatalogItemIdIsNotValid,
        Self::QuotaNotAvailable,
        Self::InventoryNotAvailable,
        Self::ParticipantsIsNotSupportedForPartner,
        Self::UnableToProcessCartLineItem,
        Self::SubscriptionIsNotValid,
        Self::SubscriptionIsNotEnabledForRi,
        Self::SandboxLimitExceeded,
        Self::InvalidInput,
        Self::SubscriptionNotRegistered,
        Self::AttestationNotAccepted,
        Self::BillingPlanNotSupported,
        Self::InvalidPromotionId,
        Self::MaxAllowedSeatsPerSubscriptionExceeded,
        Self::InvalidCustomTermEndDateProduct,
        Self::InvalidCustomTermEndDate,
        Self::BaseOfferSeatQuantityNotMet,
        Self::MinimumAddOnSeatsNotMet,
        Self::AddOnWithoutCompatibleBase,
        Self::LegacyOfferNotEligibleForPurchase,
    ];

    /// The integer Partner Center writes.
    pub const fn code(self) -> u32 {
        match self {
            Self::CurrencyIsNotSupported => 10000,
            Self::CatalogItemIdIsNotValid => 10001,
            Self::QuotaNotAvailable => 10002,
            Self::InventoryNotAvailable => 10003,
            Self::ParticipantsIsNotSupportedForPartner => 10004,
            Self::UnableToProcessCartLineItem => 10006,
            Self::SubscriptionIsNotValid => 10007,
            Self::SubscriptionIsNotEnabledForRi => 10008,
            Self::SandboxLimitExceeded => 10009,
            Self::InvalidInput => 10010,
            Self::SubscriptionNotRegistered => 10011,
            Self::AttestationNotAccepted => 10012,
            Self::BillingPlanNotSupported => 10013,
            Self::InvalidPromotionId => 10014,
            Self::MaxAllowedSeatsPerSubscriptionExceeded => 10015,
            Self::InvalidCustomTermEndDateProduct => 10016,
            Self::InvalidCustomTermEndDate => 10017,
            Self::BaseOfferSeatQuantityNotMet => 10018,
            Self::MinimumAddOnSeatsNotMet => 10019,
            Self::AddOnWithoutCompatibleBase => 400041,
            Self::LegacyOfferNotEligibleForPurchase => 500600,
        }
    }

    /// The code Partner Center writes as `code`.
    pub fn from_code(code: u32) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|member| member.code() == code)
    }
}

impl Serialize for CartErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.code())
    }
}

impl<'de> Deserialize<'de> for CartErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = u32::deserialize(deserializer)?;
        Self::from_code(code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown cart error code {code}")))
    }
}

impl schemars::JsonSchema for CartErrorCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CartErrorCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<u32> = Self::ALL.iter().map(|code| code.code()).collect();
        schemars::json_schema!({"type": "integer", "enum": codes})
    }
}

/// `error` on a cart line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CartLineError {
    /// The error's code.
    pub error_code: CartErrorCode,
    /// The error, in words.
    pub error_description: String,
    /// For a seat-limit error, the seats still available and those asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_information: Option<QuantityInformation>,
}

/// `additionalInformation` of a seat-limit error: how many seats may still be bought and how
/// many the line asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct QuantityInformation {
    /// The seats that may still be bought.
    pub available_quantity: u32,
    /// The seats the line asked for.
    pub purchased_quantity: u32,
}

impl CartLineError {
    /// An error with `error_code` and its description.
    pub fn new(error_code: CartErrorCode, error_description: impl Into<String>) -> Self {
        Self {
            error_code,
            error_description: error_description.into(),
            additional_information: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cart_error_codes_travel_as_integers() {
        let error = CartLineError::new(CartErrorCode::AddOnWithoutCompatibleBase, "no base");
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["errorCode"], 400041);
        let back: CartLineError = serde_json::from_value(json).unwrap();
        assert_eq!(back, error);
        assert!(serde_json::from_value::<CartErrorCode>(serde_json::json!(10005)).is_err());
        let codes: std::collections::HashSet<u32> =
            CartErrorCode::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(codes.len(), CartErrorCode::ALL.len());
    }
}
