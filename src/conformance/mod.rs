//! Conformance: how an answer of the mock is held against a recorded answer of Partner Center.
//!
//! [`compare_answers`] is the one comparer. The contract tests use it on the bodies recorded from
//! the public docs, and `verify` on exchanges recorded from a tenant. [`DEVIATIONS`] is the
//! reviewed list of differences the mock keeps on purpose, each with its reason.

pub(crate) mod compare;
pub(crate) mod deviations;

pub use compare::{Deviation, Values, compare_answers, shape_deviations};
pub use deviations::{DEVIATIONS, KnownDeviation, explanation};
