//! The `thingdata` server: configuration, start-up, the axum router and the JSON API.

pub mod api;
pub mod config;
pub mod demo;
pub mod router;

use app::revision::InstanceKey;
use app::service::Knowledge;
use app::storage::Store;
use config::Settings;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Storage(#[from] app::storage::StorageError),
    #[error(transparent)]
    Key(#[from] app::revision::KeyError),
    #[error("cannot create the data directory {0}: {1}")]
    DataDir(String, std::io::Error),
}

/// Everything the router needs, for the given settings.
pub async fn app_state(settings: &Settings) -> Result<app::state::AppState, StartError> {
    let knowledge = open(settings).await?;
    Ok(app::state::AppState {
        accounts: app::accounts::Accounts::new(knowledge.store().clone()),
        knowledge,
        leptos_options: router::leptos_options(&settings.site_root),
        started: std::time::Instant::now(),
    })
}

/// Opens the database (running migrations) and loads or creates the instance key.
pub async fn open(settings: &Settings) -> Result<Arc<Knowledge>, StartError> {
    std::fs::create_dir_all(&settings.data_dir)
        .map_err(|e| StartError::DataDir(settings.data_dir.display().to_string(), e))?;
    let store = Store::connect(&settings.database_url()).await?;
    store.migrate().await?;
    let key = InstanceKey::load_or_create(&settings.data_dir.join("instance.key"))?;
    Ok(Arc::new(Knowledge::new(store, key, &settings.public_url())))
}
