//! The headers the mock reads and writes: the bearer token, the partner namespace, the
//! dashboard's client name, and the headers every answer carries.
//!
//! `MS-RequestId` and `MS-CorrelationId` are echoed (a new GUID where the request had none);
//! `MS-CV` and `MS-ServerId` are added, as in recorded Partner Center responses (the HTTP server
//! adds `Date`).

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::response::Response;
use uuid::Uuid;

pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("ms-requestid");
pub(crate) const CORRELATION_ID: HeaderName = HeaderName::from_static("ms-correlationid");
const CV: HeaderName = HeaderName::from_static("ms-cv");
const SERVER_ID: HeaderName = HeaderName::from_static("ms-serverid");
/// The header that names the partner namespace explicitly.
pub(crate) const PARTNER_HEADER: HeaderName = HeaderName::from_static("x-mock-partner");
/// The header a Partner Center client names itself with; the dashboard sends [`DASHBOARD_CLIENT`].
pub(crate) const CLIENT_HEADER: HeaderName = HeaderName::from_static("ms-partnercenter-client");
/// The name the dashboard gives itself in [`CLIENT_HEADER`].
pub(crate) const DASHBOARD_CLIENT: &str = "partner-center-mock-dashboard";

/// The token of an `Authorization: Bearer <token>` header, when there is a non-empty one.
pub(crate) fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Whether a request comes from the dashboard page itself.
pub(crate) fn is_dashboard_request(headers: &HeaderMap) -> bool {
    headers
        .get(CLIENT_HEADER)
        .is_some_and(|value| value.as_bytes() == DASHBOARD_CLIENT.as_bytes())
}

/// Partner Center's response headers for one request, read from it before it is served.
pub(crate) struct AnswerIds {
    request_id: HeaderValue,
    correlation_id: HeaderValue,
}

impl AnswerIds {
    /// The ids `request` is answered with: its own, or new GUIDs.
    pub(crate) fn of(request: &Request) -> Self {
        Self {
            request_id: echoed(request.headers(), &REQUEST_ID),
            correlation_id: echoed(request.headers(), &CORRELATION_ID),
        }
    }

    /// Adds the ids, a new `MS-CV` and `MS-ServerId` to `response`.
    pub(crate) fn write(self, mut response: Response) -> Response {
        let headers = response.headers_mut();
        headers.insert(REQUEST_ID, self.request_id);
        headers.insert(CORRELATION_ID, self.correlation_id);
        headers.insert(CV, correlation_vector());
        headers.insert(SERVER_ID, HeaderValue::from_static("0000MOCK"));
        // `Date` is added by the HTTP server itself, from a cached clock.
        response
    }
}

/// The request's value of `name`, or a new GUID.
fn echoed(headers: &HeaderMap, name: &HeaderName) -> HeaderValue {
    headers
        .get(name)
        .filter(|value| !value.is_empty())
        .cloned()
        .unwrap_or_else(|| {
            let mut text = Uuid::encode_buffer();
            let guid = Uuid::new_v4().hyphenated().encode_lower(&mut text);
            HeaderValue::from_str(guid).expect("a GUID is a valid header")
        })
}

/// `MS-CV`: 16 hex digits of a new GUID, then `.0`. Written on the stack; the header value is
/// the only allocation.
fn correlation_vector() -> HeaderValue {
    let mut text = Uuid::encode_buffer();
    let hex = Uuid::new_v4().simple().encode_lower(&mut text).as_bytes();
    let mut vector = [b'.'; 18];
    vector[..16].copy_from_slice(&hex[..16]);
    vector[17] = b'0';
    HeaderValue::from_bytes(&vector).expect("hex is a valid header")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_correlation_vector_is_sixteen_hex_digits_then_dot_zero() {
        let vector = correlation_vector();
        let text = vector.to_str().unwrap();
        assert_eq!(text.len(), 18);
        assert!(text[..16].bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(text.ends_with(".0"));
    }

    #[test]
    fn a_missing_request_id_is_answered_with_a_new_guid() {
        let value = echoed(&HeaderMap::new(), &REQUEST_ID);
        assert!(Uuid::parse_str(value.to_str().unwrap()).is_ok());
    }
}
