#![recursion_limit = "256"]
//! The Leptos web crate: pages, components and the server functions behind them.
//! With `ssr` the server functions call the services; with `hydrate` only the domain
//! and the pages are compiled into the client bundle.

pub mod i18n;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod state;
pub mod ui;

pub use ui::{shell, App};
