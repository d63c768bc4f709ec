//! Markets: the country and customer segment a catalog page is read for, and the currency a
//! country buys in (reference api-new-commerce §2.2).

use crate::domain::error::DomainError;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// `targetSegment` and an availability's `segment`.
    #[derive(Default)]
    pub enum Segment {
        /// Businesses.
        #[default]
        Commercial = 0 => "commercial",
        /// Schools and universities.
        Education = 1 => "education",
        /// Government bodies.
        Government = 2 => "government",
        /// Non-profit organisations; listed only when asked for.
        Nonprofit = 3 => "nonprofit",
    }
}

/// What a catalog page is read for: a country and, optionally, one customer segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Market {
    country: String,
    segment: Option<Segment>,
}

impl Market {
    /// Reads the `country` and `targetSegment` query values.
    ///
    /// Errors: [`DomainError::InvalidInput`] when the country is not two letters;
    /// [`DomainError::TargetSegmentNotAllowed`] (403 400030) for a segment that does not exist.
    pub fn new(country: &str, segment: Option<&str>) -> Result<Self, DomainError> {
        let country = country.trim();
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(DomainError::InvalidInput(format!(
                "country '{country}' is not a two-letter ISO country code."
            )));
        }
        let segment = segment
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                Segment::from_wire(s)
                    .ok_or_else(|| DomainError::TargetSegmentNotAllowed(s.to_owned()))
            })
            .transpose()?;
        Ok(Self {
            country: country.to_ascii_uppercase(),
            segment,
        })
    }

    /// The country, in upper case.
    pub fn country(&self) -> &str {
        &self.country
    }

    /// The customer segment asked for, if any.
    pub fn segment(&self) -> Option<Segment> {
        self.segment
    }

    /// Whether a listing for this market shows an availability of `segment`: the segment asked
    /// for, or every segment but nonprofit when none was, since nonprofit availabilities must be
    /// asked for explicitly (reference: get a list of availabilities for a SKU).
    pub fn shows(&self, segment: Segment) -> bool {
        match self.segment {
            Some(asked) => asked == segment,
            None => segment != Segment::Nonprofit,
        }
    }
}

/// `defaultCurrency` / `currencyCode`: `{code: "USD", symbol: "$"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Currency {
    /// The ISO 4217 code (`USD`).
    pub code: String,
    /// The symbol (`$`).
    pub symbol: String,
}

/// The currency a country buys in; US dollars where the mock knows no other.
pub fn currency_of(country: &str) -> Currency {
    const EURO: (&str, &str) = ("EUR", "€");
    let (code, symbol) = match country.to_ascii_uppercase().as_str() {
        "CA" => ("CAD", "$"),
        "GB" => ("GBP", "£"),
        "AU" => ("AUD", "$"),
        "NZ" => ("NZD", "$"),
        "JP" => ("JPY", "¥"),
        "CH" => ("CHF", "CHF"),
        "DE" | "FR" | "NL" | "IE" | "ES" | "IT" | "BE" | "AT" | "FI" | "PT" => EURO,
        _ => ("USD", "$"),
    };
    Currency {
        code: code.to_owned(),
        symbol: symbol.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_market_reads_the_country_in_any_case_and_refuses_an_unknown_segment() {
        let market = Market::new("us", Some("Education")).unwrap();
        assert_eq!(market.country(), "US");
        assert_eq!(market.segment(), Some(Segment::Education));
        assert!(matches!(
            Market::new("USA", None),
            Err(DomainError::InvalidInput(_))
        ));
        assert_eq!(
            Market::new("US", Some("military")),
            Err(DomainError::TargetSegmentNotAllowed("military".to_owned()))
        );
    }

    #[test]
    fn nonprofit_availabilities_are_shown_only_when_asked_for() {
        let any = Market::new("US", None).unwrap();
        assert!(any.shows(Segment::Commercial));
        assert!(any.shows(Segment::Education));
        assert!(!any.shows(Segment::Nonprofit));
        let nonprofit = Market::new("US", Some("nonprofit")).unwrap();
        assert!(nonprofit.shows(Segment::Nonprofit));
        assert!(!nonprofit.shows(Segment::Commercial));
    }

    #[test]
    fn countries_buy_in_their_currency() {
        assert_eq!(currency_of("gb").code, "GBP");
        assert_eq!(currency_of("DE").symbol, "€");
        assert_eq!(currency_of("ZZ").code, "USD");
    }
}
