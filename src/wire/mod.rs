//! Partner Center's wire conventions, in one place: how request bodies are read, how enums
//! and dates are spelled, how etags, links, collections and continuation tokens look.
//!
//! Nothing here knows about HTTP; the `http` module puts these pieces on the wire.

pub mod body;
pub mod date;
pub mod duration;
pub mod enum_spelling;
pub mod etag;
pub mod fault;
pub mod paging;
pub mod path;
pub mod property;
pub mod query;
pub mod resource;

pub use body::{BodyError, read_body};
pub use resource::{Attributes, Collection, Link, Links, NamedLinks};
