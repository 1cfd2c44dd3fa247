use crate::accounts::Accounts;
use crate::instance::Instance;
use crate::limits::Limiter;
use crate::search::Search;
use crate::service::Knowledge;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Shared by the axum router, the page renderer and the server functions.
#[derive(Clone)]
pub struct AppState {
    pub knowledge: Arc<Knowledge>,
    pub accounts: Accounts,
    pub instance: Instance,
    pub limiter: Arc<Limiter>,
    pub search: Arc<Search>,
    pub federation: Arc<crate::federation::service::Federation>,
    pub federation_worker: Arc<crate::federation::worker::Worker>,
    /// Client addresses come from `X-Forwarded-For` (behind a reverse proxy).
    pub trust_proxy: bool,
    pub leptos_options: LeptosOptions,
    pub started: std::time::Instant,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> Self {
        s.leptos_options.clone()
    }
}
