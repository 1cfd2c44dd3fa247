//! Settings from an optional TOML file, overridden by environment variables.

use serde::Deserialize;
use service::limits::Limits;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub bind: String,
    pub database_url: Option<String>,
    pub data_dir: PathBuf,
    pub public_url: Option<String>,
    /// Where the client bundle (`pkg/`) is served from.
    pub site_root: PathBuf,
    /// `THINGDATA_SECRET_KEY`: seals the instance's secrets; only from the environment.
    pub secret_key: Option<SecretString>,
    pub limits: Limits,
    /// Take the client address from `X-Forwarded-For` (only behind a reverse proxy).
    pub trust_proxy: bool,
    /// Serve HTTPS directly with this certificate chain and private key (PEM).
    pub tls: Option<(PathBuf, PathBuf)>,
    pub media: MediaStore,
}

/// Where media files live: `<data dir>/media` unless a URL names another store.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediaStore {
    /// `THINGDATA_MEDIA_URL`: `s3://bucket/prefix` or `file:///dir`.
    pub url: Option<String>,
    /// Store options beside the `AWS_*` environment (`endpoint`, `region`, `allow_http`, …).
    #[serde(default)]
    pub options: BTreeMap<String, String>,
}

/// A secret that never shows in Debug output.
#[derive(Clone, PartialEq)]
pub struct SecretString(pub String);

impl std::fmt::Debug for SecretString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretString(***)")
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    bind: Option<String>,
    database_url: Option<String>,
    data_dir: Option<PathBuf>,
    public_url: Option<String>,
    site_root: Option<PathBuf>,
    #[serde(default)]
    limits: Limits,
    trust_proxy: Option<bool>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    #[serde(default)]
    media: MediaStore,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {0}: {1}")]
    Read(String, std::io::Error),
    #[error("config file {0} is invalid: {1}")]
    Parse(String, toml::de::Error),
    #[error("give both tls_cert and tls_key (or --tls-cert and --tls-key), or neither")]
    HalfTls,
}

impl Settings {
    /// File first, then environment (`THINGDATA_*`, `DATABASE_URL`) wins.
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let f = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| ConfigError::Read(path.display().to_string(), e))?;
                toml::from_str::<FileSettings>(&text)
                    .map_err(|e| ConfigError::Parse(path.display().to_string(), e))?
            }
            None => FileSettings::default(),
        };
        let nonempty = |k: &str| env(k).filter(|v| !v.trim().is_empty());
        Ok(Settings {
            bind: nonempty("THINGDATA_BIND")
                .or(f.bind)
                .unwrap_or_else(|| "127.0.0.1:3000".into()),
            database_url: nonempty("DATABASE_URL").or(f.database_url),
            data_dir: nonempty("THINGDATA_DATA_DIR")
                .map(PathBuf::from)
                .or(f.data_dir)
                .unwrap_or_else(|| "./data".into()),
            public_url: nonempty("THINGDATA_PUBLIC_URL").or(f.public_url),
            site_root: nonempty("THINGDATA_SITE_ROOT")
                .map(PathBuf::from)
                .or(f.site_root)
                .unwrap_or_else(|| "target/site".into()),
            secret_key: nonempty("THINGDATA_SECRET_KEY").map(SecretString),
            limits: f.limits,
            trust_proxy: nonempty("THINGDATA_TRUST_PROXY")
                .map(|v| matches!(v.as_str(), "1" | "true" | "yes"))
                .or(f.trust_proxy)
                .unwrap_or(false),
            tls: Self::tls_pair(
                nonempty("THINGDATA_TLS_CERT")
                    .map(PathBuf::from)
                    .or(f.tls_cert),
                nonempty("THINGDATA_TLS_KEY")
                    .map(PathBuf::from)
                    .or(f.tls_key),
            )?,
            media: MediaStore {
                url: nonempty("THINGDATA_MEDIA_URL").or(f.media.url),
                options: f.media.options,
            },
        })
    }

    /// Certificate and key go together.
    pub fn tls_pair(
        cert: Option<PathBuf>,
        key: Option<PathBuf>,
    ) -> Result<Option<(PathBuf, PathBuf)>, ConfigError> {
        match (cert, key) {
            (Some(c), Some(k)) => Ok(Some((c, k))),
            (None, None) => Ok(None),
            _ => Err(ConfigError::HalfTls),
        }
    }

    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}/thingdata.db", self.data_dir.display()))
    }

    pub fn public_url(&self) -> String {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("{scheme}://{}", self.bind))
            .trim_end_matches('/')
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn env_wins_over_file_and_defaults_apply() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("td.toml");
        std::fs::write(
            &path,
            "bind = \"0.0.0.0:8080\"\ndata_dir = \"/srv/td\"\n[limits]\nlogin_per_ip_per_minute = 7\n",
        )
            .unwrap();
        let env: HashMap<&str, &str> = [("THINGDATA_BIND", "127.0.0.1:9000")].into();
        let s = Settings::load(Some(&path), |k| env.get(k).map(|v| v.to_string())).unwrap();
        assert_eq!(s.bind, "127.0.0.1:9000");
        assert_eq!(s.data_dir, PathBuf::from("/srv/td"));
        assert_eq!(s.database_url(), "sqlite:///srv/td/thingdata.db");
        assert_eq!(s.public_url(), "http://127.0.0.1:9000");
        assert_eq!(s.limits.login_per_ip_per_minute, 7);
        assert_eq!(
            s.limits.api_per_ip_per_minute,
            Limits::default().api_per_ip_per_minute
        );
        assert_eq!(s.media, MediaStore::default());
        std::fs::write(
            &path,
            "[media]\nurl = \"s3://b/p\"\noptions = { endpoint = \"http://127.0.0.1:9000\" }\n",
        )
        .unwrap();
        let s = Settings::load(Some(&path), |_| None).unwrap();
        assert_eq!(s.media.url.as_deref(), Some("s3://b/p"));
        assert_eq!(s.media.options["endpoint"], "http://127.0.0.1:9000");
        let env: HashMap<&str, &str> = [("THINGDATA_MEDIA_URL", "file:///srv/m")].into();
        let s = Settings::load(Some(&path), |k| env.get(k).map(|v| v.to_string())).unwrap();
        assert_eq!(s.media.url.as_deref(), Some("file:///srv/m"));
        std::fs::write(&path, "tls_cert = \"/x.pem\"\n").unwrap();
        assert!(matches!(
            Settings::load(Some(&path), |_| None),
            Err(ConfigError::HalfTls)
        ));
        std::fs::write(&path, "colour = 1\n").unwrap();
        assert!(Settings::load(Some(&path), |_| None).is_err());
    }
}
