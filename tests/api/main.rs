//! Integration tests over real HTTP: every test starts its own mock on `127.0.0.1:0`.

mod auth;
mod binary;
mod catalog;
mod concurrency;
mod contract;
mod control;
mod coverage;
mod customers;
mod embedding;
mod errors;
mod fuzz;
mod harness;
mod helpers;
mod hostile;
mod model;
mod openapi;
mod orders;
mod paging;
mod persistence;
mod profiles;
mod recording;
mod relationships;
mod removal;
mod scale;
mod schema;
mod subscriptions;
