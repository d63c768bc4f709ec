//! Extractors that read requests with Partner Center's conventions and answer failures in its
//! error envelope.

use super::error::ApiError;
use crate::domain::ids::{DirectoryRoleId, OfferId, OrderId, UserId};
use crate::domain::{CustomerId, SubscriptionId};
use crate::wire::query::QueryParams;
use crate::wire::read_body;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// The most a `/v1` request body may hold.
pub(crate) const V1_BODY_LIMIT: usize = 1024 * 1024;

/// A JSON body read case-insensitively, with nulls as "not given" (see [`crate::wire::body`]).
pub(crate) struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::PayloadTooLarge(V1_BODY_LIMIT)
                } else {
                    ApiError::BadRequest(rejection.body_text())
                }
            })?;
        Ok(Self(read_body(&bytes)?))
    }
}

/// The query string, names matched case-insensitively.
pub(crate) struct Query(pub QueryParams);

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        Ok(Self(QueryParams::parse(parts.uri.query())))
    }
}

/// An id as a route's path names it, read at the edge: a GUID id refuses anything else with
/// 400, code 2000 (`Customer Id must be a GUID.`).
pub(crate) trait PathId: Sized {
    /// Reads the id, or says why it is not one.
    fn from_path(raw: String) -> Result<Self, ApiError>;
}

impl PathId for CustomerId {
    fn from_path(raw: String) -> Result<Self, ApiError> {
        Self::parse(&raw).ok_or(ApiError::NotAGuid("Customer"))
    }
}

impl PathId for SubscriptionId {
    fn from_path(raw: String) -> Result<Self, ApiError> {
        Self::parse(&raw).ok_or(ApiError::NotAGuid("Subscription"))
    }
}

impl PathId for UserId {
    fn from_path(raw: String) -> Result<Self, ApiError> {
        Self::parse(&raw).ok_or(ApiError::NotAGuid("User"))
    }
}

impl PathId for DirectoryRoleId {
    fn from_path(raw: String) -> Result<Self, ApiError> {
        Self::parse(&raw).ok_or(ApiError::NotAGuid("Directory role"))
    }
}

impl PathId for String {
    fn from_path(raw: String) -> Result<Self, ApiError> {
        Ok(raw)
    }
}

/// Order ids have no fixed shape: any text is one, and an unknown one is not found (404).
impl PathId for OrderId {
    fn from_path(raw: String) -> Result<Self, ApiError> {
        Ok(raw.into())
    }
}

/// Offer ids have no fixed shape: any text is one, and an unknown one is not found (404).
impl PathId for OfferId {
    fn from_path(raw: String) -> Result<Self, ApiError> {
        Ok(raw.into())
    }
}

/// The ids in a route's path, typed, in the order the route names them: `Ids(customer)` or
/// `Ids((customer, subscription))`. Handlers take it after the caller, so authentication is
/// checked before the path is read.
pub(crate) struct Ids<T>(pub(crate) T);

/// The path's parameter values, in order.
async fn path_values<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
) -> Result<Vec<String>, ApiError> {
    let Path(values) = Path::<Vec<String>>::from_request_parts(parts, state)
        .await
        .map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    Ok(values)
}

impl<S: Send + Sync, T: PathId> FromRequestParts<S> for Ids<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let mut values = path_values(parts, state).await?.into_iter();
        Ok(Self(T::from_path(values.next().unwrap_or_default())?))
    }
}

macro_rules! ids_of_a_path {
    ($($id:ident),+) => {
        impl<S: Send + Sync, $($id: PathId),+> FromRequestParts<S> for Ids<($($id,)+)> {
            type Rejection = ApiError;

            async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
                let mut values = path_values(parts, state).await?.into_iter();
                Ok(Self(($($id::from_path(values.next().unwrap_or_default())?,)+)))
            }
        }
    };
}

ids_of_a_path!(A, B);
ids_of_a_path!(A, B, C);
ids_of_a_path!(A, B, C, D);
