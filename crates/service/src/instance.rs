//! Instance settings as a service: cached in memory, validated, audited when changed.

use crate::audit::{Audit, Event};
use domain::instance::InstanceSettings;
use domain::Problem;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use storage::{StorageError, Store};

const KEY: &str = "instance";

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("the settings are invalid")]
    Invalid(Vec<Problem>),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// The settings, cached in memory: they are read on every request (privacy,
/// registration) and change rarely. Other app nodes see a change at their next
/// `reload` (every few seconds, see `server::spawn_background`).
#[derive(Clone)]
pub struct Instance {
    store: Store,
    audit: Audit,
    cached: Arc<RwLock<InstanceSettings>>,
    /// Whether the translation queue follows the cached languages yet.
    tracking: Arc<AtomicBool>,
}

impl Instance {
    pub async fn load(store: Store) -> Result<Self, StorageError> {
        let i = Self {
            audit: Audit::new(store.clone()),
            store,
            cached: Arc::default(),
            tracking: Arc::default(),
        };
        i.reload().await?;
        Ok(i)
    }

    /// The stored settings, or the defaults.
    async fn stored(store: &Store) -> Result<InstanceSettings, StorageError> {
        let stored = store.instance_setting(KEY).await?;
        Ok(stored
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default())
    }

    /// For tools that write entries without a running instance (seeding, imports):
    /// points the translation queue at the stored content languages.
    pub async fn track_stored_languages(store: &Store) -> Result<(), StorageError> {
        store.set_translation_languages(&Self::stored(store).await?.languages);
        Ok(())
    }

    pub async fn reload(&self) -> Result<(), StorageError> {
        let settings = Self::stored(&self.store).await?;
        self.track_languages(&settings.languages);
        if let Ok(mut c) = self.cached.write() {
            *c = settings;
        }
        Ok(())
    }

    /// Points the translation queue at the content languages, and rebuilds its rows
    /// in the background when they were built for others.
    fn track_languages(&self, languages: &[String]) {
        if self.get().languages == languages && self.tracking.swap(true, Ordering::Relaxed) {
            return;
        }
        self.store.set_translation_languages(languages);
        if let Ok(handle) = tokio::runtime::Handle::try_current() {
            let store = self.store.clone();
            handle.spawn(async move {
                if let Err(e) = store.rebuild_translation_status().await {
                    tracing::warn!("cannot rebuild the translation queue: {e}");
                }
            });
        }
    }

    pub fn get(&self) -> InstanceSettings {
        self.cached.read().map(|c| c.clone()).unwrap_or_default()
    }

    /// Shown on every page, so without copying the rest of the settings.
    pub fn name(&self) -> String {
        self.cached
            .read()
            .map(|c| c.name.clone())
            .unwrap_or_default()
    }

    pub fn allows_private_peers(&self) -> bool {
        self.cached.read().is_ok_and(|c| c.allow_private_peers)
    }

    /// Read on every request, so without copying the settings.
    pub fn is_private(&self) -> bool {
        self.cached.read().is_ok_and(|c| c.private)
    }

    pub async fn save(
        &self,
        mut new: InstanceSettings,
        actor: &str,
        ip: &str,
    ) -> Result<(), SettingsError> {
        new.name = new.name.trim().to_string();
        new.description = new.description.trim().to_string();
        let problems = new.problems();
        if !problems.is_empty() {
            return Err(SettingsError::Invalid(problems));
        }
        let old = self.get();
        let json = serde_json::to_string(&new).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        self.store.put_instance_setting(KEY, &json).await?;
        self.track_languages(&new.languages);
        if let Ok(mut c) = self.cached.write() {
            *c = new.clone();
        }
        let changed: Vec<&str> = [
            ("name", old.name != new.name),
            ("description", old.description != new.description),
            ("languages", old.languages != new.languages),
            ("registration", old.registration != new.registration),
            ("private", old.private != new.private),
            (
                "allow_private_peers",
                old.allow_private_peers != new.allow_private_peers,
            ),
        ]
        .into_iter()
        .filter_map(|(f, c)| c.then_some(f))
        .collect();
        let detail = format!(
            "{}; registration={}, private={}",
            changed.join(", "),
            new.registration,
            new.private
        );
        self.audit
            .record(
                Event::new(actor, "settings.change", "instance")
                    .detail(detail)
                    .ip(ip),
            )
            .await?;
        Ok(())
    }
}
