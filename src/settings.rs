//! A namespace's settings: how long new-commerce orders stay pending and renewals take to
//! complete, and whether Partner Center's documented throttling applies, on which clock and how
//! fast.
//!
//! `GET /_mock/settings` answers the whole document and `PUT /_mock/settings` merges the keys it
//! names: every key is checked before any is applied, so an invalid one changes nothing. A reset
//! keeps the settings; snapshots, forks, exports and imports carry them. Each key has a flag and
//! an environment twin that set it for every namespace at start.

use crate::wire::duration;
use chrono::Duration;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// `throttling`: whether requests are throttled as Partner Center documents.
    pub enum Throttling {
        /// No throttling.
        Off = 0 => "off",
        /// Throttled as Partner Center documents.
        Documented = 1 => "documented",
    }
}

crate::wire_enum! {
    /// `throttlingClock`: the clock throttling windows are measured on.
    pub enum ThrottlingClock {
        /// Windows measured in real time.
        Real = 0 => "real",
        /// Windows measured on the namespace's clock.
        Virtual = 1 => "virtual",
    }
}

/// One namespace's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Virtual time between a checkout and the fulfilment of its orders, and how long a
    /// migration to new commerce processes; zero fulfils at once.
    pub provisioning_delay: Duration,
    /// Virtual time a renewal takes to complete; changes in that time get 409 800082.
    pub renewal_duration: Duration,
    /// Whether requests are throttled.
    pub throttling: Throttling,
    /// Every throttling window is divided by this number (at least 1).
    pub throttling_time_scale: f64,
    /// The clock throttling windows run on.
    pub throttling_clock: ThrottlingClock,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            provisioning_delay: Duration::zero(),
            renewal_duration: Duration::zero(),
            throttling: Throttling::Off,
            throttling_time_scale: 1.0,
            throttling_clock: ThrottlingClock::Real,
        }
    }
}

/// The settings on the wire: every key when answered, any subset when sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SettingsDocument {
    /// An ISO-8601 duration of virtual time, such as `PT0S` or `PT5M`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provisioning_delay: Option<String>,
    /// An ISO-8601 duration of virtual time, such as `PT0S` or `PT2H`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renewal_duration: Option<String>,
    /// `off` or `documented`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub throttling: Option<String>,
    /// A number of at least 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub throttling_time_scale: Option<f64>,
    /// `real` or `virtual`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub throttling_clock: Option<String>,
}

/// A setting that cannot be taken: the key, and a message that names it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SettingsError {
    /// The setting's key, as `GET /_mock/settings` names it.
    pub key: &'static str,
    /// What is wrong with the value, naming the key.
    pub message: String,
}

impl SettingsError {
    fn new(key: &'static str, message: String) -> Self {
        Self { key, message }
    }
}

impl Settings {
    /// The whole document, every key present.
    pub fn document(&self) -> SettingsDocument {
        SettingsDocument {
            provisioning_delay: Some(duration::format(self.provisioning_delay)),
            renewal_duration: Some(duration::format(self.renewal_duration)),
            throttling: Some(self.throttling.as_wire().to_owned()),
            throttling_time_scale: Some(self.throttling_time_scale),
            throttling_clock: Some(self.throttling_clock.as_wire().to_owned()),
        }
    }

    /// These settings with the keys `sent` names replaced, or the first key that is invalid.
    ///
    /// # Errors
    /// A [`SettingsError`] naming the key and what it takes.
    pub fn merged(&self, sent: &SettingsDocument) -> Result<Self, SettingsError> {
        let mut merged = self.clone();
        if let Some(text) = &sent.provisioning_delay {
            merged.provisioning_delay = virtual_time("provisioningDelay", text)?;
        }
        if let Some(text) = &sent.renewal_duration {
            merged.renewal_duration = virtual_time("renewalDuration", text)?;
        }
        if let Some(text) = &sent.throttling {
            merged.throttling = Throttling::from_wire(text).ok_or_else(|| {
                SettingsError::new(
                    "throttling",
                    format!("throttling '{text}' is not valid: it is off or documented."),
                )
            })?;
        }
        if let Some(scale) = sent.throttling_time_scale {
            if !(scale.is_finite() && scale >= 1.0) {
                return Err(SettingsError::new(
                    "throttlingTimeScale",
                    format!(
                        "throttlingTimeScale {scale} is not valid: it is a number of at least 1."
                    ),
                ));
            }
            merged.throttling_time_scale = scale;
        }
        if let Some(text) = &sent.throttling_clock {
            merged.throttling_clock = ThrottlingClock::from_wire(text).ok_or_else(|| {
                SettingsError::new(
                    "throttlingClock",
                    format!("throttlingClock '{text}' is not valid: it is real or virtual."),
                )
            })?;
        }
        Ok(merged)
    }
}

/// A span of virtual time: an ISO-8601 duration that is not negative.
fn virtual_time(key: &'static str, text: &str) -> Result<Duration, SettingsError> {
    duration::parse(text)
        .filter(|span| *span >= Duration::zero())
        .ok_or_else(|| {
            SettingsError::new(
                key,
                format!("{key} '{text}' is not an ISO-8601 duration such as PT0S or PT5M."),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_written_in_full() {
        let document = Settings::default().document();
        assert_eq!(
            serde_json::to_value(&document).unwrap(),
            serde_json::json!({
                "provisioningDelay": "PT0S",
                "renewalDuration": "PT0S",
                "throttling": "off",
                "throttlingTimeScale": 1.0,
                "throttlingClock": "real"
            })
        );
    }

    #[test]
    fn a_merge_takes_the_named_keys_and_keeps_the_rest() {
        let sent = SettingsDocument {
            provisioning_delay: Some("PT5M".to_owned()),
            throttling_clock: Some("Virtual".to_owned()),
            ..SettingsDocument::default()
        };
        let merged = Settings::default().merged(&sent).unwrap();
        assert_eq!(merged.provisioning_delay, Duration::minutes(5));
        assert_eq!(merged.throttling_clock, ThrottlingClock::Virtual);
        assert_eq!(merged.throttling, Throttling::Off);
    }

    #[test]
    fn an_invalid_key_is_named_and_nothing_is_taken() {
        for (sent, key) in [
            (
                SettingsDocument {
                    provisioning_delay: Some("5 minutes".into()),
                    ..Default::default()
                },
                "provisioningDelay",
            ),
            (
                SettingsDocument {
                    throttling: Some("always".into()),
                    ..Default::default()
                },
                "throttling",
            ),
            (
                SettingsDocument {
                    throttling_time_scale: Some(0.5),
                    ..Default::default()
                },
                "throttlingTimeScale",
            ),
            (
                SettingsDocument {
                    throttling_clock: Some("wall".into()),
                    ..Default::default()
                },
                "throttlingClock",
            ),
        ] {
            let error = Settings::default().merged(&sent).unwrap_err();
            assert_eq!(error.key, key);
            assert!(error.message.starts_with(key), "{error}");
        }
    }
}
