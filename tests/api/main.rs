//! Integration tests over real HTTP: every test starts its own mock on `127.0.0.1:0`.
#![expect(
    unreachable_pub,
    reason = "a test binary has no public surface; its modules share their helpers with `pub`"
)]

mod answer;
mod auth;
mod azure;
mod binary;
mod browser;
mod catalog;
mod client;
mod clock;
mod concurrency;
mod contract;
mod control;
mod coverage;
mod customers;
mod dashboard;
mod embedding;
mod errors;
mod harness;
mod helpers;
mod hostile;
mod licenses;
mod lifecycle;
mod memory;
mod migrations;
mod model;
mod openapi;
mod orders;
mod overrides;
mod paging;
mod persistence;
mod preconditions;
mod prerequisite;
mod profiles;
mod purchases;
mod recording;
mod relationships;
mod removal;
mod scale;
mod schema;
mod settings;
mod subscriptions;
mod throttling;
mod transitions;
mod unmatched;
mod upgrades;
mod users;
mod walkthrough;
