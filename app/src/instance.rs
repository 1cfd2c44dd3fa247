//! Instance settings that admins edit in the web UI: how the instance presents itself,
//! who may sign up, and whether anonymous visitors may read.

use crate::domain::validate::is_language_tag;
use crate::domain::Problem;
use serde::{Deserialize, Serialize};

/// Who may create an account.
pub const REGISTRATION_MODES: [&str; 3] = ["open", "approval", "invite"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InstanceSettings {
    pub name: String,
    pub description: String,
    /// Content languages this community works in, most used first.
    pub languages: Vec<String>,
    /// One of [`REGISTRATION_MODES`].
    pub registration: String,
    /// Only signed-in users may read.
    pub private: bool,
    /// Federation may reach peers on private and loopback addresses (local networks,
    /// tests); off by default so a peer URL cannot be used to probe the local network.
    pub allow_private_peers: bool,
}

impl Default for InstanceSettings {
    fn default() -> Self {
        Self {
            name: "ThingData".into(),
            description: String::new(),
            languages: vec!["en".into(), "de".into()],
            registration: "open".into(),
            private: false,
            allow_private_peers: false,
        }
    }
}

impl InstanceSettings {
    /// Every problem with the settings, by field.
    pub fn problems(&self) -> Vec<Problem> {
        let mut p = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            p.push(Problem::new("name", "empty", &[]));
        } else if name.chars().count() > 80 {
            p.push(Problem::new("name", "too_long", &[("max", "80".into())]));
        }
        if self.description.chars().count() > 2000 {
            p.push(Problem::new(
                "description",
                "too_long",
                &[("max", "2000".into())],
            ));
        }
        if self.languages.is_empty() {
            p.push(Problem::new("languages", "empty", &[]));
        } else if self.languages.len() > 30 {
            p.push(Problem::new(
                "languages",
                "too_many",
                &[("max", "30".into())],
            ));
        } else if let Some(bad) = self.languages.iter().find(|l| !is_language_tag(l)) {
            p.push(Problem::new(
                "languages",
                "invalid_language_tag",
                &[("value", bad.clone())],
            ));
        }
        if !REGISTRATION_MODES.contains(&self.registration.as_str()) {
            p.push(Problem::new(
                "registration",
                "not_in_vocabulary",
                &[("allowed", REGISTRATION_MODES.join(", "))],
            ));
        }
        p
    }

    /// Parses the comma- or space-separated language list of the settings form.
    pub fn parse_languages(text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for l in text.split([',', ' ', '\n']).map(str::trim) {
            if !l.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(l)) {
                out.push(l.to_string());
            }
        }
        out
    }
}

#[cfg(feature = "ssr")]
pub use service::{Instance, SettingsError};

#[cfg(feature = "ssr")]
mod service {
    use super::InstanceSettings;
    use crate::audit::{Audit, Event};
    use crate::domain::Problem;
    use crate::storage::{StorageError, Store};
    use std::sync::{Arc, RwLock};

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
    }

    impl Instance {
        pub async fn load(store: Store) -> Result<Self, StorageError> {
            let i = Self {
                audit: Audit::new(store.clone()),
                store,
                cached: Arc::default(),
            };
            i.reload().await?;
            Ok(i)
        }

        pub async fn reload(&self) -> Result<(), StorageError> {
            let stored = self.store.instance_setting(KEY).await?;
            let settings = stored
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default();
            if let Ok(mut c) = self.cached.write() {
                *c = settings;
            }
            Ok(())
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
            let json =
                serde_json::to_string(&new).map_err(|e| StorageError::Corrupt(e.to_string()))?;
            self.store.put_instance_setting(KEY, &json).await?;
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
}
