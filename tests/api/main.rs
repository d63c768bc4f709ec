//! Integration tests over real HTTP: every test starts its own mock on `127.0.0.1:0`.

mod auth;
mod binary;
mod contract;
mod customers;
mod embedding;
mod errors;
mod helpers;
mod paging;
mod profiles;
mod relationships;
