//! The verifier (`partner-center-mock verify DIR`): replays a folder of recorded exchanges on a
//! fresh in-process mock and holds each answer against the recording with the one comparer
//! ([`crate::conformance::compare_answers`]).
//!
//! 1. The seed step makes a seed of the recorded `GET` answers, so that the ids
//!    the requests name exist in the mock.
//! 2. Each exchange is replayed in recorded order with its method, path, query, headers and body.
//!    A redacted `Authorization` is sent as an opaque bearer token (an App+User caller); a
//!    redacted continuation token is replaced by the one the mock gave on the previous page of
//!    the same path; other redacted headers are left out. Ids that a recorded `POST` made are
//!    learnt from the mock's answer and replaced in every later request and recording, so that a
//!    created customer or order is followed under the mock's id.
//! 3. Each answer is compared with the recording: status, Partner Center error `code`, then the
//!    body's names, types, ids and enum values ([`crate::conformance::compare_answers`]).
//!    Differences on the reviewed list ([`crate::conformance::DEVIATIONS`]) are explained; any
//!    other one is not. An answer that is the gateway's `404 Resource not found` means the mock
//!    has no such route: the exchange is *not served*, as is one whose upstream could not be
//!    reached while recording.

pub mod junit;
pub(crate) mod seed;

mod ids;
mod replay;

pub use replay::{Checked, Finding, Report, Verdict, VerifyError, verify};
