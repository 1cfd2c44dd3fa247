//! Settings from an optional TOML file, overridden by environment variables.

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub bind: String,
    pub database_url: Option<String>,
    pub data_dir: PathBuf,
    pub public_url: Option<String>,
    /// Where the client bundle (`pkg/`) is served from.
    pub site_root: PathBuf,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    bind: Option<String>,
    database_url: Option<String>,
    data_dir: Option<PathBuf>,
    public_url: Option<String>,
    site_root: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {0}: {1}")]
    Read(String, std::io::Error),
    #[error("config file {0} is invalid: {1}")]
    Parse(String, toml::de::Error),
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
        })
    }

    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}/thingdata.db", self.data_dir.display()))
    }

    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
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
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("td.toml");
        std::fs::write(&path, "bind = \"0.0.0.0:8080\"\ndata_dir = \"/srv/td\"\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let env: HashMap<&str, &str> = [("THINGDATA_BIND", "127.0.0.1:9000")].into();
        let s = Settings::load(Some(&path), |k| env.get(k).map(|v| v.to_string()))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.bind, "127.0.0.1:9000");
        assert_eq!(s.data_dir, PathBuf::from("/srv/td"));
        assert_eq!(s.database_url(), "sqlite:///srv/td/thingdata.db");
        assert_eq!(s.public_url(), "http://127.0.0.1:9000");
        std::fs::write(&path, "colour = 1\n").unwrap_or_else(|e| panic!("{e}"));
        assert!(Settings::load(Some(&path), |_| None).is_err());
    }
}
