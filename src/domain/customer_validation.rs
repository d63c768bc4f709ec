//! The checks a customer's create request and billing-profile updates pass: required fields,
//! lengths, e-mail addresses, cultures, domains and billing addresses, each refused as invalid
//! input naming the field.

use super::customer::Address;
use super::error::DomainError;

impl Address {
    /// Checks the documented limits of a billing address (reference: utility resources, Address).
    pub(super) fn validate(&self, path: &str) -> Result<(), DomainError> {
        let country = required(self.country.as_deref(), &format!("{path}.country"))?;
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(invalid(format!(
                "{path}.country must be a two-letter ISO country code."
            )));
        }
        let line1 = required(
            self.address_line1.as_deref(),
            &format!("{path}.addressLine1"),
        )?;
        check_length(line1, 1, 200, &format!("{path}.addressLine1"))?;
        required(self.city.as_deref(), &format!("{path}.city"))?;
        if let Some(line2) = &self.address_line2 {
            check_length(line2, 0, 200, &format!("{path}.addressLine2"))?;
        }
        for (name, value) in [
            ("firstName", &self.first_name),
            ("lastName", &self.last_name),
        ] {
            if let Some(value) = value {
                check_length(value, 1, 50, &format!("{path}.{name}"))?;
            }
        }
        Ok(())
    }
}

/// A domain as Partner Center takes it: a bare prefix becomes `<prefix>.onmicrosoft.com`.
pub(crate) fn normalize_domain(domain: &str) -> Result<String, DomainError> {
    let domain = domain.trim();
    let full = if domain.contains('.') {
        domain.to_owned()
    } else {
        format!("{domain}.onmicrosoft.com")
    };
    let valid_label = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if full.len() > 253 || !full.split('.').all(valid_label) {
        return Err(invalid(format!(
            "companyProfile.domain '{domain}' is not a valid domain name."
        )));
    }
    Ok(full)
}

/// `EN-US` is stored as `en-US`, as the service echoes it.
pub(super) fn normalize_culture(culture: &str) -> Result<String, DomainError> {
    let mut parts = culture.trim().split('-');
    let (Some(language), region, None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(invalid(format!("'{culture}' is not a valid culture.")));
    };
    let letters =
        |s: &str| (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic());
    if !letters(language) || !region.is_none_or(letters) {
        return Err(invalid(format!("'{culture}' is not a valid culture.")));
    }
    Ok(match region {
        Some(region) => format!(
            "{}-{}",
            language.to_ascii_lowercase(),
            region.to_ascii_uppercase()
        ),
        None => language.to_ascii_lowercase(),
    })
}

pub(super) fn check_email(email: &str, path: &str) -> Result<(), DomainError> {
    match email.split_once('@') {
        Some((local, host)) if !local.is_empty() && host.contains('.') => Ok(()),
        _ => Err(invalid(format!(
            "{path} '{email}' is not a valid e-mail address."
        ))),
    }
}

pub(super) fn check_length(
    value: &str,
    min: usize,
    max: usize,
    path: &str,
) -> Result<(), DomainError> {
    let length = value.chars().count();
    if (min..=max).contains(&length) {
        Ok(())
    } else {
        Err(invalid(format!(
            "{path} must be between {min} and {max} characters long."
        )))
    }
}

pub(super) fn required<'a>(value: Option<&'a str>, path: &str) -> Result<&'a str, DomainError> {
    value
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| missing(path))
}

pub(super) fn required_owned(value: Option<String>, path: &str) -> Result<String, DomainError> {
    value
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| missing(path))
}

/// A required field not given: invalid input naming it.
pub(super) fn missing(path: &str) -> DomainError {
    invalid(format!("{path} is required."))
}

/// Invalid input saying `message`.
pub(super) fn invalid(message: String) -> DomainError {
    DomainError::InvalidInput(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_get_the_onmicrosoft_suffix_when_bare() {
        assert_eq!(
            normalize_domain("contoso").unwrap(),
            "contoso.onmicrosoft.com"
        );
        assert_eq!(
            normalize_domain("xyz.ccsctp.net").unwrap(),
            "xyz.ccsctp.net"
        );
        assert!(normalize_domain("bad domain").is_err());
        assert!(normalize_domain("a..b").is_err());
    }

    #[test]
    fn cultures_are_normalised() {
        assert_eq!(normalize_culture("EN-US").unwrap(), "en-US");
        assert_eq!(normalize_culture("en").unwrap(), "en");
        assert!(normalize_culture("english-us").is_err());
    }
}
