//! The `thingdata` server: configuration, start-up, the axum router and the JSON API.

pub mod api;
pub mod caching;
pub mod cli;
pub mod config;
pub mod demo;
pub mod discovery;
pub mod guard;
pub mod impact_files;
pub mod input_guard;
pub mod router;
pub mod s2s;
pub mod tls;
pub mod uploads;
pub mod usage;

use config::Settings;
use search::Search;
use service::keys;
use service::knowledge::Knowledge;
use service::limits::Limiter;
use service::secrets::SecretBox;
use std::sync::Arc;
use storage::Store;

/// In the library, so the server, the benchmarks and the tests all run on it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Storage(#[from] storage::StorageError),
    #[error(transparent)]
    Key(#[from] service::keys::KeyError),
    #[error("cannot create the data directory {0}: {1}")]
    DataDir(String, std::io::Error),
    #[error("refusing to start: {0}")]
    Secret(#[from] service::secrets::SecretError),
    #[error(transparent)]
    Search(#[from] search::SearchError),
    #[error(transparent)]
    Service(#[from] service::knowledge::ServiceError),
    #[error("media storage: {0}")]
    Media(#[from] media::MediaError),
}

/// Everything the router needs, for the given settings. Starts the search indexer,
/// which keeps this node's index in `<data dir>/search` up to date with the log, and
/// the federation worker.
pub async fn app_state(settings: &Settings) -> Result<app::state::AppState, StartError> {
    let (store, knowledge) = open_parts(settings).await?;
    let seeded = knowledge.seed_taxonomy().await?;
    if seeded > 0 {
        tracing::info!(categories = seeded, "seeded the category taxonomy");
    }
    // Before serving, so no edit made meanwhile races with it.
    let filed = knowledge.file_matching_once().await?;
    let read = knowledge.fill_vocabulary_texts_once().await?;
    if read > 0 {
        tracing::info!(
            entries = read,
            "read the material and tool texts of older entries"
        );
    }
    if filed > 0 {
        tracing::info!(entries = filed, "filed entries under matching categories");
    }
    let limiter = Arc::new(Limiter::new(settings.limits.clone()));
    let (search, writer) = Search::open(&Search::dir_in(&settings.data_dir), store.clone())?;
    search::spawn_indexer(search.clone(), writer);
    let instance = service::instance::Instance::load(store.clone()).await?;
    let transport = Arc::new(s2s::client::HttpTransport::new(knowledge.clone()));
    let media = media_service(settings, store.clone())?;
    let federation = Arc::new(federation::Federation::new(
        knowledge.clone(),
        store.clone(),
        instance.clone(),
        transport,
        media.clone(),
    ));
    let federation_worker = federation::worker::spawn_worker(federation.clone());
    let api_operations = Arc::new(api::openapi::operations(&api::openapi::document(
        env!("CARGO_PKG_VERSION"),
        &domain::vocab::Vocabularies::default(),
    )));
    Ok(app::state::AppState {
        search,
        federation,
        federation_worker,
        accounts: service::accounts::Accounts::new(store.clone(), limiter.clone()),
        translations: service::translations::Translations::new(store.clone()),
        impact: service::impact::Impact::new(store.clone()),
        usage: service::usage::Usage::new(store.clone()),
        media,
        sessions: service::sessions::DbSessionStore::new(store),
        instance,
        limiter,
        trust_proxy: settings.trust_proxy,
        knowledge,
        leptos_options: router::leptos_options(&settings.site_root),
        api_operations,
        started: std::time::Instant::now(),
    })
}

/// Media files under `<data dir>/media`, or in the store `[media] url` names, within
/// the `[limits]`.
pub fn media_service(
    settings: &Settings,
    store: Store,
) -> Result<service::media::Media, StartError> {
    let blobs = match &settings.media.url {
        Some(url) => media::BlobStore::open(
            url,
            settings
                .media
                .options
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        )?,
        None => media::BlobStore::local(&settings.data_dir.join("media"))?,
    };
    let l = &settings.limits;
    let limits = media::ProcessLimits {
        max_bytes: l.media_max_bytes,
        max_pixels: l.media_max_pixels,
        max_width: l.media_max_width,
        max_height: l.media_max_height,
        max_frames: l.media_max_frames,
        max_alloc: l.media_max_decode_bytes,
    };
    let quotas = service::media::Quotas {
        per_user: l.media_quota_per_user_bytes,
        instance: l.media_quota_bytes,
    };
    Ok(service::media::Media::new(store, blobs, limits, quotas))
}

pub const KEY_FILE: &str = "instance.key";

/// The key that seals the instance's secrets.
pub fn secrets(settings: &Settings) -> Result<SecretBox, StartError> {
    Ok(SecretBox::load(
        settings.secret_key.as_ref().map(|s| s.0.as_str()),
        &settings.data_dir,
    )?)
}

/// Work that runs beside the server: re-reading the instance settings, so a change an
/// admin saves on one app node reaches the others within a few seconds, writing the
/// page views counted since the last round, and, every hour, removing media files no
/// revision names (any node may; the database decides which go).
pub fn spawn_background(state: &app::state::AppState, media_grace: std::time::Duration) {
    let media = state.media.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            match media.collect_garbage(media_grace, false).await {
                Ok(removed) if !removed.is_empty() => {
                    tracing::info!("removed {} unused media file(s)", removed.len());
                }
                Ok(_) => {}
                Err(e) => tracing::warn!("media clean-up failed: {e}"),
            }
        }
    });
    let instance = state.instance.clone();
    let translations = state.translations.clone();
    let usage = state.usage.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(5));
        loop {
            every.tick().await;
            if let Err(e) = instance.reload().await {
                tracing::warn!("cannot re-read the instance settings: {e}");
            }
            if let Err(e) = translations.flush().await {
                tracing::warn!("cannot record page views: {e}");
            }
            if let Err(e) = usage.flush().await {
                tracing::warn!("cannot store the usage counts yet: {e}");
            }
        }
    });
}

/// Account management for the command line, without the rest of a running instance
/// (so it works beside a running server).
pub async fn accounts(settings: &Settings) -> Result<service::accounts::Accounts, StartError> {
    let store = open_store(settings).await?;
    let limiter = Arc::new(Limiter::new(settings.limits.clone()));
    Ok(service::accounts::Accounts::new(store, limiter))
}

/// `thingdata reindex`: rebuilds this node's search index from the database, printing
/// progress to standard error. The server must not be running on the same data
/// directory (it holds the index).
pub async fn reindex(settings: &Settings) -> Result<u64, StartError> {
    let store = open_store(settings).await?;
    let (search, writer) = Search::open(&Search::dir_in(&settings.data_dir), store.clone())?;
    let started = std::time::Instant::now();
    search::rebuild(&search, &writer, &store, |done, total| {
        progress_bar(done, total, "entries", started);
    })
    .await?;
    eprintln!();
    Ok(search.status().documents)
}

/// Redraws a command's progress line on standard error: `[#####    ]  40%  4/10 rows  3 s`.
pub fn progress_bar<N: Into<u64>>(done: N, total: N, unit: &str, started: std::time::Instant) {
    use std::io::Write;
    let (done, total) = (done.into(), total.into());
    let pct = (done * 100).checked_div(total.max(done)).unwrap_or(100);
    let filled = (pct / 4) as usize;
    eprint!(
        "\r[{}{}] {pct:>3}%  {done}/{total} {unit}  {:.0} s",
        "#".repeat(filled),
        " ".repeat(25 - filled),
        started.elapsed().as_secs_f64()
    );
    let _ = std::io::stderr().flush();
}

/// Opens the database, creating the data directory and running migrations.
pub async fn open_store(settings: &Settings) -> Result<Store, StartError> {
    std::fs::create_dir_all(&settings.data_dir)
        .map_err(|e| StartError::DataDir(settings.data_dir.display().to_string(), e))?;
    let store = Store::connect(&settings.database_url()).await?;
    store.migrate().await?;
    service::instance::Instance::track_stored_languages(&store).await?;
    Ok(store)
}

/// Opens the database (running migrations) and loads or creates the instance key.
pub async fn open(settings: &Settings) -> Result<Arc<Knowledge>, StartError> {
    Ok(open_parts(settings).await?.1)
}

/// The database and the knowledge service over it, for the composition root.
pub async fn open_parts(settings: &Settings) -> Result<(Store, Arc<Knowledge>), StartError> {
    let store = open_store(settings).await?;
    let key = keys::load_or_create(&settings.data_dir.join(KEY_FILE), &secrets(settings)?)?;
    let knowledge = Arc::new(Knowledge::new(store.clone(), key, &settings.public_url()));
    knowledge.remember_own_key().await?;
    Ok((store, knowledge))
}

/// Re-seals the instance's secrets under a new key: `new_secret` (the next
/// `THINGDATA_SECRET_KEY`), or a freshly generated `secret.key`. Returns what the
/// operator has to do next.
pub async fn rotate_secret(
    settings: &Settings,
    new_secret: Option<&str>,
) -> Result<String, StartError> {
    let old = secrets(settings)?;
    let key_path = settings.data_dir.join(KEY_FILE);
    let key = keys::load_or_create(&key_path, &old)?;
    let secret_path = settings.data_dir.join(service::secrets::SECRET_FILE);
    let advice = match new_secret {
        Some(s) => {
            let new = SecretBox::from_secret(s)?;
            keys::store(&key, &key_path, &new)?;
            "set THINGDATA_SECRET_KEY to the new secret before the next start".to_string()
        }
        None if settings.secret_key.is_some() => {
            return Err(StartError::Secret(service::secrets::SecretError::Rotation(
                "the current secret comes from THINGDATA_SECRET_KEY: give the new one with \
                 --new-secret-stdin"
                    .into(),
            )))
        }
        None => {
            // The new key file is written aside first, so a crash never leaves the
            // instance key sealed under a key that is nowhere on disk.
            let new = SecretBox::generate(&secret_path)?;
            let staged = secret_path.with_extension("next");
            service::secrets::replace_private(&staged, &new.file_text())?;
            keys::store(&key, &key_path, &new)?;
            std::fs::rename(&staged, &secret_path)
                .map_err(|e| StartError::DataDir(secret_path.display().to_string(), e))?;
            format!("{} now holds the new key", secret_path.display())
        }
    };
    service::audit::Audit::new(open_store(settings).await?)
        .record(service::audit::Event::new("cli", "keys.rotate", "instance"))
        .await?;
    Ok(advice)
}
