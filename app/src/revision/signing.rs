use crate::secrets::{is_sealed, replace_private, SecretBox, SecretError};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use std::fmt;
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
    #[error("no randomness available: {0}")]
    Random(String),
    #[error(transparent)]
    Secret(#[from] SecretError),
}

/// The instance's ed25519 key pair. Debug output never shows the secret.
pub struct InstanceKey {
    signing: SigningKey,
}

impl fmt::Debug for InstanceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "InstanceKey(public={})", self.public_key_hex())
    }
}

impl InstanceKey {
    pub fn generate() -> Result<Self, KeyError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
        Ok(Self {
            signing: SigningKey::from_bytes(&seed),
        })
    }

    /// Loads the key sealed in `path`, creating it (mode 0600) on first start. A key
    /// file from before encryption at rest (plain hex) is sealed in place.
    pub fn load_or_create(path: &Path, secrets: &SecretBox) -> Result<Self, KeyError> {
        let name = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) if is_sealed(&text) => {
                let seed: [u8; 32] = secrets
                    .open(&text, &name)?
                    .try_into()
                    .map_err(|_| KeyError::Corrupt(name.clone()))?;
                Ok(Self {
                    signing: SigningKey::from_bytes(&seed),
                })
            }
            Ok(text) => {
                let seed: [u8; 32] = hex::decode(text.trim())
                    .ok()
                    .and_then(|b| b.try_into().ok())
                    .ok_or_else(|| KeyError::Corrupt(name.clone()))?;
                let key = Self {
                    signing: SigningKey::from_bytes(&seed),
                };
                key.store(path, secrets)?;
                Ok(key)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::generate()?;
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|source| KeyError::Io {
                        path: name.clone(),
                        source,
                    })?;
                }
                key.store(path, secrets)?;
                Ok(key)
            }
            Err(source) => Err(KeyError::Io { path: name, source }),
        }
    }

    /// Writes the key sealed with `secrets`, replacing the file atomically.
    pub fn store(&self, path: &Path, secrets: &SecretBox) -> Result<(), KeyError> {
        let sealed = secrets.seal(&self.signing.to_bytes())?;
        Ok(replace_private(path, &sealed)?)
    }

    pub fn sign(&self, message: &[u8]) -> String {
        hex::encode(self.signing.sign(message).to_bytes())
    }

    /// The raw 64-byte signature, for formats that encode it themselves.
    pub fn sign_raw(&self, message: &[u8]) -> Vec<u8> {
        self.signing.sign(message).to_bytes().to_vec()
    }

    pub fn public_key_hex(&self) -> String {
        hex::encode(self.signing.verifying_key().to_bytes())
    }

    pub fn verify(&self, message: &[u8], signature_hex: &str) -> bool {
        verify_with(&self.public_key_hex(), message, signature_hex)
    }
}

/// Verifies a hex signature against a hex public key; any malformed input is simply `false`.
pub fn verify_with(public_key_hex: &str, message: &[u8], signature_hex: &str) -> bool {
    let Ok(pk) = hex::decode(public_key_hex) else {
        return false;
    };
    let Ok(pk): Result<[u8; 32], _> = pk.try_into() else {
        return false;
    };
    let Ok(vk) = VerifyingKey::from_bytes(&pk) else {
        return false;
    };
    let Ok(sig) = hex::decode(signature_hex) else {
        return false;
    };
    let Ok(sig): Result<[u8; 64], _> = sig.try_into() else {
        return false;
    };
    vk.verify(message, &Signature::from_bytes(&sig)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_file_is_sealed_private_and_reloads_only_with_the_secret() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("instance.key");
        let secrets = SecretBox::load(None, dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let a = InstanceKey::load_or_create(&path, &secrets).unwrap_or_else(|e| panic!("{e}"));
        let b = InstanceKey::load_or_create(&path, &secrets).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.public_key_hex(), b.public_key_hex());
        let secret_hex = hex::encode(a.signing.to_bytes());
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
        let other = SecretBox::from_secret("another secret that is long enough to use")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            InstanceKey::load_or_create(&path, &other),
            Err(KeyError::Secret(SecretError::WrongKey(_)))
        ));
    }

    #[test]
    fn a_plaintext_key_from_before_encryption_is_sealed_in_place() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("instance.key");
        let old = InstanceKey::generate().unwrap_or_else(|e| panic!("{e}"));
        let _ = std::fs::write(&path, hex::encode(old.signing.to_bytes()));
        let secrets = SecretBox::load(None, dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let k = InstanceKey::load_or_create(&path, &secrets).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(k.public_key_hex(), old.public_key_hex());
        assert!(is_sealed(
            &std::fs::read_to_string(&path).unwrap_or_default()
        ));
    }
}
