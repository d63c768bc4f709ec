//! Extractors that read requests with Partner Center's conventions and answer failures in its
//! error envelope.

use super::error::ApiError;
use crate::domain::{CustomerId, SubscriptionId};
use crate::wire::query::QueryParams;
use crate::wire::read_body;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// The most a `/v1` request body may hold.
pub const V1_BODY_LIMIT: usize = 1024 * 1024;

/// A JSON body read case-insensitively, with nulls as "not given" (see [`crate::wire::body`]).
pub struct JsonBody<T>(pub T);

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
pub struct Query(pub QueryParams);

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        Ok(Self(QueryParams::parse(parts.uri.query())))
    }
}

/// Parses a customer id from the path.
pub fn customer_id(raw: &str) -> Result<CustomerId, ApiError> {
    CustomerId::parse(raw).ok_or(ApiError::NotAGuid("Customer"))
}

/// Parses a subscription id from the path.
pub fn subscription_id(raw: &str) -> Result<SubscriptionId, ApiError> {
    SubscriptionId::parse(raw).ok_or(ApiError::NotAGuid("Subscription"))
}
