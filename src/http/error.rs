//! The single table from errors to HTTP answers.
//!
//! Partner Center errors use the ApiFault envelope
//! `{"code": <int>, "description": "...", "data": [...], "source": "PartnerFD"}`; the gateway in
//! front of it answers unknown routes and throttling with `{"statusCode": N, "message": "..."}`.
//! Every domain error's status and code come from the one exhaustive table in the domain's rules
//! (`DomainError::refusal`), so a new error forces a decision there.

use crate::domain::DomainError;
use crate::namespace::bounds::Refusal;
use crate::wire::BodyError;
use crate::wire::fault::{Fault, GatewayFault};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Every way a `/v1` request can fail.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(transparent)]
    Body(#[from] BodyError),
    /// A query parameter or header that is not acceptable (code 2000).
    #[error("{0}")]
    BadRequest(String),
    /// An id in the path that is not a GUID where one is required.
    #[error("{0} Id must be a GUID.")]
    NotAGuid(&'static str),
    #[error("The request body is larger than the limit of {0} bytes.")]
    PayloadTooLarge(usize),
    #[error("The method is not allowed on this resource. Allowed methods: {0}.")]
    MethodNotAllowed(String),
    /// No or an unusable bearer token (code 800001).
    #[error("{0}")]
    Unauthorized(&'static str),
    /// An App+User-only operation called with an app-only token (code 900329).
    #[error("This resource does not support application-only authentication.")]
    AppOnly,
    /// A control-plane resource (snapshot, namespace) that does not exist (404, code 1000).
    #[error("{0}")]
    NotFound(String),
    /// A control-plane resource that already exists (409, code 2000).
    #[error("{0}")]
    Conflict(String),
    /// An answer a fault rule asked for.
    #[error("{description}")]
    Injected {
        rule: String,
        status: StatusCode,
        code: u32,
        description: String,
        retry_after: Option<u64>,
    },
    /// The gateway's answer for a route that does not exist.
    #[error("Resource not found")]
    RouteNotFound,
    /// A request that would make one namespace more than the mock's limit, when none may be
    /// dropped to make room (503, mock-defined code 900503).
    #[error("{0}")]
    NamespaceLimit(String),
    /// A request over a documented rate limit: the bucket that refused it, and the whole
    /// seconds until it admits again.
    #[error("Rate limit is exceeded. Try again in {retry_after} seconds.")]
    Throttled { bucket: String, retry_after: u64 },
}

impl ApiError {
    /// The status, Partner Center code and `data` of a Partner Center-shaped error.
    fn fault(&self) -> (StatusCode, u32, Vec<String>) {
        match self {
            Self::Domain(error) => {
                let (status, code) = domain_fault(error);
                (status, code, error.data().to_vec())
            }
            Self::Body(_) | Self::BadRequest(_) | Self::NotAGuid(_) => {
                (StatusCode::BAD_REQUEST, 2000, vec![])
            }
            Self::PayloadTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, 2000, vec![]),
            Self::MethodNotAllowed(_) => (StatusCode::METHOD_NOT_ALLOWED, 2000, vec![]),
            Self::Unauthorized(_) => (StatusCode::UNAUTHORIZED, 800001, vec![]),
            Self::AppOnly => (StatusCode::FORBIDDEN, 900329, vec![]),
            Self::NotFound(_) => (StatusCode::NOT_FOUND, 1000, vec![]),
            Self::Conflict(_) => (StatusCode::CONFLICT, 2000, vec![]),
            Self::NamespaceLimit(_) => (StatusCode::SERVICE_UNAVAILABLE, 900503, vec![]),
            Self::Injected { status, code, .. } => (*status, *code, vec![]),
            Self::RouteNotFound => (StatusCode::NOT_FOUND, 0, vec![]),
            Self::Throttled { .. } => (StatusCode::TOO_MANY_REQUESTS, 0, vec![]),
        }
    }
}

impl ApiError {
    /// The answer to a namespace refused by the namespace limit; `None` for the other refusals,
    /// which each caller words for itself.
    pub(crate) fn namespace_limit(refusal: &Refusal) -> Option<Self> {
        match refusal {
            Refusal::Full {
                limit,
                idle_threshold,
            } => Some(Self::NamespaceLimit(Refusal::full_description(
                *limit,
                *idle_threshold,
            ))),
            Refusal::InvalidName | Refusal::Taken => None,
        }
    }

    /// Throttling answers in the gateway's shape; every other injected error is an ApiFault.
    fn injected_body(&self) -> Response {
        let Self::Injected {
            status,
            code,
            description,
            ..
        } = self
        else {
            unreachable!("called on injected faults only")
        };
        if *status == StatusCode::TOO_MANY_REQUESTS {
            return gateway_answer(*status, description.clone());
        }
        let fault = Fault {
            code: *code,
            description: description.clone(),
            data: vec![],
            source: "PartnerFD",
        };
        super::response::json(*status, &fault)
    }
}

/// An answer in the gateway's `{"statusCode": N, "message": "..."}` envelope.
fn gateway_answer(status: StatusCode, message: String) -> Response {
    let body = GatewayFault {
        status_code: status.as_u16(),
        message,
    };
    super::response::json(status, &body)
}

/// The answer to a request whose handler panicked: 500 in the ApiFault envelope, logged; the
/// server keeps serving.
pub(crate) fn panic_answer(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let reason = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown");
    tracing::error!(reason, "a handler panicked");
    let fault = Fault {
        code: 800003,
        description: "Unexpected service error".to_owned(),
        data: vec![],
        source: "PartnerFD",
    };
    super::response::json(StatusCode::INTERNAL_SERVER_ERROR, &fault)
}

/// The status and Partner Center code of a domain error, from the rule table
/// ([`DomainError::refusal`]).
fn domain_fault(error: &DomainError) -> (StatusCode, u32) {
    let (status, code) = error.status_and_code();
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
        code,
    )
}

pub(crate) use crate::namespace::journal::{FAULT_HEADER, RULE_HEADER, THROTTLED_HEADER};

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if matches!(self, Self::RouteNotFound) {
            return gateway_answer(StatusCode::NOT_FOUND, self.to_string());
        }
        if let Self::Throttled {
            bucket,
            retry_after,
        } = &self
        {
            let mut response = gateway_answer(StatusCode::TOO_MANY_REQUESTS, self.to_string());
            let headers = response.headers_mut();
            headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
            if let Ok(bucket) = HeaderValue::from_str(bucket) {
                headers.insert(THROTTLED_HEADER, bucket);
            }
            return response;
        }
        if let Self::Injected {
            rule, retry_after, ..
        } = &self
        {
            let mut response = self.injected_body();
            let headers = response.headers_mut();
            if let Ok(rule) = HeaderValue::from_str(rule) {
                headers.insert(FAULT_HEADER, rule);
            }
            if let Some(seconds) = retry_after {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*seconds));
            }
            return response;
        }
        let (status, code, data) = self.fault();
        let fault = Fault {
            code,
            description: self.to_string(),
            data,
            source: "PartnerFD",
        };
        let mut response = super::response::json(status, &fault);
        if let Self::Domain(error) = &self
            && let Some(rule) = error.rule()
        {
            response
                .headers_mut()
                .insert(RULE_HEADER, HeaderValue::from_static(rule));
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("OAuth realm=urn:cpsvc:cpid:mock"),
            );
        }
        response
    }
}
