//! Partner Center's wire conventions, in one place: how request bodies are read, how enums
//! and dates are spelled, how etags, links, collections and continuation tokens look.
//!
//! Nothing here knows about HTTP; the `http` module puts these pieces on the wire.

pub(crate) mod body;
pub(crate) mod date;
pub(crate) mod duration;
pub(crate) mod enum_spelling;
pub(crate) mod etag;
pub(crate) mod fault;
#[cfg(test)]
mod fuzz;
pub(crate) mod paging;
pub(crate) mod path;
pub(crate) mod property;
pub(crate) mod query;
pub(crate) mod resource;

pub(crate) use body::{BodyError, read_body};
pub(crate) use resource::{Attributes, Collection, Link, Links, NamedLinks};
