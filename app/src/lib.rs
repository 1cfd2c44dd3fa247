#![recursion_limit = "256"]
//! ThingData: shared components, pages, server functions and the domain.
//! Server-only parts (storage, revisions, services) sit behind the `ssr` feature.

pub mod domain;
pub mod federation;
pub mod i18n;
pub mod instance;
pub mod server_fns;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod accounts;
pub mod audit;
#[cfg(feature = "ssr")]
pub mod limits;
#[cfg(feature = "ssr")]
pub mod openapi;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod revision;
pub mod search;
#[cfg(feature = "ssr")]
pub mod secrets;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod storage;

pub use ui::{shell, App};
