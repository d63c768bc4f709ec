//! Bearer authentication for `/v1`, and who the caller is.
//!
//! Every `/v1` request needs `Authorization: Bearer <non-empty>`. A token that is a JWT is read,
//! never verified: `tid` picks the partner namespace, an `exp` in the past is refused, and a
//! token with no user in it is app-only. The namespace is the `X-Mock-Partner` header, else the
//! token's `tid`, else `default`.

use crate::http::error::ApiError;
use crate::http::headers::{PARTNER_HEADER, bearer_token};
use crate::http::state::Shared;
use crate::namespace::{DEFAULT_NAMESPACE, NAME_RULE, Namespace};
use crate::store::Store;
use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use std::sync::Arc;
use uuid::Uuid;

/// The authenticated caller of a `/v1` request.
#[derive(Clone)]
pub(crate) struct Caller {
    /// The partner namespace the request acts on.
    pub(crate) namespace: Arc<Namespace>,
    /// The namespace's store.
    pub(crate) store: Arc<Store>,
    /// The token carries no user: App-only authentication.
    pub(crate) app_only: bool,
    /// Who the caller is: the token's `oid` claim, else [`ANONYMOUS_USER`]. Carts record it as
    /// `lastModifiedUser`.
    pub(crate) user: Uuid,
    /// The tenant the token's `tid` claim names, if any. A partner's indirect reseller is known
    /// by it (see [`crate::domain::partner::Partner::is_indirect_reseller`]).
    pub(crate) tenant: Option<String>,
}

/// The user object id of a caller whose token names none: an opaque token, or a JWT without
/// `oid`.
pub(crate) const ANONYMOUS_USER: Uuid = Uuid::from_u128(0x0000_0000_0000_4000_8000_6d6f_636b_7573);

impl Caller {
    /// Refuses App-only tokens on operations documented as App+User only.
    pub(crate) fn require_user(&self) -> Result<(), ApiError> {
        if self.app_only {
            Err(ApiError::AppOnly)
        } else {
            Ok(())
        }
    }
}

/// The claims of a JWT the mock reads.
#[derive(Debug, Default, Deserialize)]
struct Claims {
    tid: Option<String>,
    oid: Option<String>,
    exp: Option<i64>,
    scp: Option<serde_json::Value>,
    upn: Option<String>,
    unique_name: Option<String>,
    idtyp: Option<String>,
}

impl Claims {
    /// Reads the payload of a JWT; `None` when the token is not one.
    fn read(token: &str) -> Option<Self> {
        let mut parts = token.split('.');
        let (Some(_header), Some(payload), Some(_signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    fn is_app_only(&self) -> bool {
        let app = self
            .idtyp
            .as_deref()
            .is_some_and(|kind| kind.eq_ignore_ascii_case("app"));
        let user = self.scp.is_some() || self.upn.is_some() || self.unique_name.is_some();
        app || !user
    }

    fn has_expired(&self) -> bool {
        self.exp
            .is_some_and(|exp| exp < chrono::Utc::now().timestamp())
    }
}

/// The request's partner namespace: the `X-Mock-Partner` header, else the bearer token's `tid`,
/// else `default`.
pub(super) fn requested_namespace(
    state: &impl Shared,
    headers: &HeaderMap,
) -> Result<Arc<Namespace>, ApiError> {
    let named = headers
        .get(PARTNER_HEADER)
        .map(|value| value.to_str().map_err(|_| invalid_namespace()))
        .transpose()?;
    let claims = bearer_token(headers).and_then(Claims::read);
    let name = named
        .or_else(|| claims.as_ref().and_then(|c| c.tid.as_deref()))
        .unwrap_or(DEFAULT_NAMESPACE);
    state
        .namespaces()
        .get_or_create(name)
        .map_err(|refusal| ApiError::namespace_limit(&refusal).unwrap_or_else(invalid_namespace))
}

/// The caller of a `/v1` handler, authenticated once its route and method have matched (so a
/// wrong method is a 405 with or without a token). Handlers take it as their first argument, so
/// authentication is checked before the path and the body are read.
impl<S: Shared> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let namespace = match parts.extensions.get::<Arc<Namespace>>() {
            Some(namespace) => Arc::clone(namespace),
            None => requested_namespace(state, &parts.headers)?,
        };
        caller(namespace, &parts.headers)
    }
}

fn caller(namespace: Arc<Namespace>, headers: &HeaderMap) -> Result<Caller, ApiError> {
    let token = bearer_token(headers).ok_or(ApiError::Unauthorized(
        "Partner Token missing in request context",
    ))?;
    let claims = Claims::read(token);
    if claims.as_ref().is_some_and(Claims::has_expired) {
        return Err(ApiError::Unauthorized("The access token has expired."));
    }
    let user = claims
        .as_ref()
        .and_then(|claims| claims.oid.as_deref())
        .and_then(crate::domain::ids::parse_guid)
        .unwrap_or(ANONYMOUS_USER);
    Ok(Caller {
        store: Arc::clone(namespace.store()),
        namespace,
        app_only: claims.as_ref().is_some_and(Claims::is_app_only),
        user,
        tenant: claims.and_then(|claims| claims.tid),
    })
}

fn invalid_namespace() -> ApiError {
    ApiError::BadRequest(format!(
        "The {} header must be {NAME_RULE}.",
        PARTNER_HEADER.as_str()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(payload: &str) -> String {
        format!("e30.{}.sig", URL_SAFE_NO_PAD.encode(payload))
    }

    #[test]
    fn app_only_tokens_are_told_apart_from_user_tokens() {
        let read = |p: &str| Claims::read(&jwt(p)).unwrap();
        assert!(read(r#"{"tid":"t","roles":["x"]}"#).is_app_only());
        assert!(read(r#"{"scp":"user_impersonation","idtyp":"app"}"#).is_app_only());
        assert!(!read(r#"{"scp":"user_impersonation","upn":"a@b.c"}"#).is_app_only());
        assert!(!read(r#"{"unique_name":"a@b.c"}"#).is_app_only());
        assert!(Claims::read("opaque-token").is_none());
    }

    #[test]
    fn expired_tokens_are_noticed() {
        assert!(Claims::read(&jwt(r#"{"exp":1}"#)).unwrap().has_expired());
        assert!(
            !Claims::read(&jwt(r#"{"exp":99999999999}"#))
                .unwrap()
                .has_expired()
        );
    }
}
