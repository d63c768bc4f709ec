//! A cart line's `error`: the integer `CartErrorCode` and its description (reference
//! api-new-commerce §3.6). An invalid line does not fail the request that sent it; it carries one
//! of these, and the cart cannot be checked out until it is fixed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `CartErrorCode`, written as its integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CartErrorCode {
    CurrencyIsNotSupported,
    CatalogItemIdIsNotValid,
    QuotaNotAvailable,
    InventoryNotAvailable,
    ParticipantsIsNotSupportedForPartner,
    UnableToProcessCartLineItem,
    SubscriptionIsNotValid,
    SubscriptionIsNotEnabledForRi,
    SandboxLimitExceeded,
    InvalidInput,
    SubscriptionNotRegistered,
    AttestationNotAccepted,
    BillingPlanNotSupported,
    InvalidPromotionId,
    MaxAllowedSeatsPerSubscriptionExceeded,
    InvalidCustomTermEndDateProduct,
    InvalidCustomTermEndDate,
    BaseOfferSeatQuantityNotMet,
    MinimumAddOnSeatsNotMet,
    /// An add-on without a compatible base product.
    AddOnWithoutCompatibleBase,
    LegacyOfferNotEligibleForPurchase,
}

impl CartErrorCode {
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
    pub error_code: CartErrorCode,
    pub error_description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_information: Option<QuantityInformation>,
}

/// `additionalInformation` of a seat-limit error: how many seats may still be bought and how
/// many the line asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct QuantityInformation {
    pub available_quantity: u32,
    pub purchased_quantity: u32,
}

impl CartLineError {
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
