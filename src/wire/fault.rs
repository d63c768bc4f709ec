//! The two error envelopes on the wire: Partner Center's ApiFault
//! `{"code": <int>, "description": "...", "data": [...], "source": "PartnerFD"}`, and the
//! gateway's `{"statusCode": N, "message": "..."}` for unknown routes and throttling.

use serde::Serialize;

/// The ApiFault envelope.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct Fault {
    pub code: u32,
    pub description: String,
    pub data: Vec<String>,
    pub source: &'static str,
}

/// The gateway's envelope.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GatewayFault {
    pub status_code: u16,
    pub message: String,
}
