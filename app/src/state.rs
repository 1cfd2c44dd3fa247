//! The state the router, the page renderer and the server functions share.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use search::Search;
use service::accounts::Accounts;
use service::instance::Instance;
use service::knowledge::Knowledge;
use service::limits::Limiter;
use std::sync::Arc;

/// Shared by the axum router, the page renderer and the server functions.
#[derive(Clone)]
pub struct AppState {
    pub knowledge: Arc<Knowledge>,
    pub accounts: Accounts,
    /// The session store the router's session layer uses.
    pub sessions: service::sessions::DbSessionStore,
    pub instance: Instance,
    pub limiter: Arc<Limiter>,
    pub search: Arc<Search>,
    pub translations: service::translations::Translations,
    pub media: service::media::Media,
    pub impact: service::impact::Impact,
    /// Page views and searches counted per day, with nothing about visitors.
    pub usage: Arc<service::usage::Usage>,
    pub federation: Arc<federation::Federation>,
    pub federation_worker: Arc<federation::worker::Worker>,
    /// Client addresses come from `X-Forwarded-For` (behind a reverse proxy).
    pub trust_proxy: bool,
    pub leptos_options: LeptosOptions,
    /// (method, path, summary) of every JSON API operation, for the API page; the
    /// server owns the OpenAPI document and hands its index to the pages.
    pub api_operations: Arc<Vec<(String, String, String)>>,
    pub started: std::time::Instant,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> Self {
        s.leptos_options.clone()
    }
}
