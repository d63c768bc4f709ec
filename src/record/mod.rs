//! The recording proxy (`partner-center-mock record`): every `/v1` request is sent on to a real
//! Partner Center (the upstream), its answer goes back to the client unchanged, and the exchange
//! is written to a folder of recordings ([`crate::recording`]), redacted and, when asked,
//! scrubbed before anything reaches the disk.
//!
//! - The request goes to the upstream base url + path + query, with its method, body and headers,
//!   less the hop-by-hop ones, `Host`, `Content-Length` (set again) and `Accept-Encoding` (so
//!   that the upstream answers uncompressed and the recording holds the body as JSON).
//! - The answer comes back with its status, body and headers, less the hop-by-hop ones.
//!   Redirects are passed back, not followed.
//! - An upstream that cannot be reached (connection refused, timeout, TLS failure) gives the
//!   client a 502 in Partner Center's error envelope, code [`UPSTREAM_UNREACHABLE`], which is
//!   recorded like any answer.
//! - Each file is flushed to the disk before the answer is returned, so a session stopped at any
//!   moment has recorded every answer its client received.
//! - Other paths than `/v1` are not sent on: they get the gateway's 404 and are not recorded.

mod proxy;
pub(crate) mod redact;
pub(crate) mod scrub;

pub use proxy::{RecordOptions, Recorder, UPSTREAM_UNREACHABLE, serve};
