//! The integration tests: one binary, a module per area. Each test drives the real
//! router (or the real binary) with a real database: SQLite by default, PostgreSQL
//! when TEST_DATABASE_URL is set.

// clippy.toml allows unwrap in `#[test]` functions; the helpers here are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod api;
mod authorization;
mod category_merge;
mod category_split;
mod common;
mod contention;
mod convergence;
mod delivery;
mod events;
mod factors;
mod federation;
mod fuzz;
mod graph_view;
mod history;
mod hostile;
mod impact;
mod languages;
mod media;
mod media_pages;
mod media_store;
mod merging;
mod moderation;
mod ords;
mod pages;
mod search;
mod security;
mod sessions;
mod site;
mod tags;
mod taxonomy;
mod tls;
mod translations;
mod usage;
mod verify;
mod vocabularies;
mod xss;
