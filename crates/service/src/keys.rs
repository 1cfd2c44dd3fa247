//! The instance key at rest: sealed with the instance secret in a private file.

use crate::secrets::{is_sealed, replace_private, SecretBox, SecretError};
use domain::revision::InstanceKey;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read or write the instance key file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("the instance key file {0} is corrupt")]
    Corrupt(String),
    #[error(transparent)]
    Generate(#[from] domain::revision::KeyError),
    #[error(transparent)]
    Secret(#[from] SecretError),
}

/// Loads the key sealed in `path`, creating it (mode 0600) on first start. A key
/// file from before encryption at rest (plain hex) is sealed in place.
pub fn load_or_create(path: &Path, secrets: &SecretBox) -> Result<InstanceKey, KeyError> {
    let name = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) if is_sealed(&text) => {
            let seed: [u8; 32] = secrets
                .open(&text, &name)?
                .try_into()
                .map_err(|_| KeyError::Corrupt(name.clone()))?;
            Ok(InstanceKey::from_seed(&seed))
        }
        Ok(text) => {
            let seed: [u8; 32] = hex::decode(text.trim())
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| KeyError::Corrupt(name.clone()))?;
            let key = InstanceKey::from_seed(&seed);
            store(&key, path, secrets)?;
            Ok(key)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = InstanceKey::generate()?;
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|source| KeyError::Io {
                    path: name.clone(),
                    source,
                })?;
            }
            store(&key, path, secrets)?;
            Ok(key)
        }
        Err(source) => Err(KeyError::Io { path: name, source }),
    }
}

/// Writes the key sealed with `secrets`, replacing the file atomically.
pub fn store(key: &InstanceKey, path: &Path, secrets: &SecretBox) -> Result<(), KeyError> {
    let sealed = secrets.seal(&key.seed())?;
    Ok(replace_private(path, &sealed)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_file_is_sealed_private_and_reloads_only_with_the_secret() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("instance.key");
        let secrets = SecretBox::load(None, dir.path()).unwrap();
        let a = load_or_create(&path, &secrets).unwrap();
        let b = load_or_create(&path, &secrets).unwrap();
        assert_eq!(a.public_key_hex(), b.public_key_hex());
        let secret_hex = hex::encode(a.seed());
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(is_sealed(&text) && !text.contains(&secret_hex), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path)
                .map(|m| m.permissions().mode() & 0o777)
                .unwrap_or(0);
            assert_eq!(mode, 0o600);
        }
        assert!(!format!("{a:?}").contains(&secret_hex));
        let other = SecretBox::from_secret("another secret that is long enough to use").unwrap();
        assert!(matches!(
            load_or_create(&path, &other),
            Err(KeyError::Secret(SecretError::WrongKey(_)))
        ));
    }

    #[test]
    fn a_plaintext_key_from_before_encryption_is_sealed_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("instance.key");
        let old = InstanceKey::generate().unwrap();
        let _ = std::fs::write(&path, hex::encode(old.seed()));
        let secrets = SecretBox::load(None, dir.path()).unwrap();
        let k = load_or_create(&path, &secrets).unwrap();
        assert_eq!(k.public_key_hex(), old.public_key_hex());
        assert!(is_sealed(
            &std::fs::read_to_string(&path).unwrap_or_default()
        ));
    }
}
