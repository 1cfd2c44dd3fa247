//! Encryption at rest for the instance's secrets (its signing key now, peer
//! credentials later). The encryption key comes from `THINGDATA_SECRET_KEY` or from a
//! `secret.key` file (mode 0600) created at first start. An instance whose secrets
//! cannot be decrypted, or whose key file is readable by others, refuses to start.

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};
use std::fmt;
use std::path::{Path, PathBuf};

/// Marks a sealed value, and the format version, in files.
const SEALED_PREFIX: &str = "thingdata-sealed-v1:";
pub const SECRET_FILE: &str = "secret.key";
/// A secret from the environment must be at least this long.
pub const MIN_SECRET_LEN: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("THINGDATA_SECRET_KEY must be at least {MIN_SECRET_LEN} characters")]
    TooShort,
    #[error("{0} must be readable by its owner only (chmod 600 {0})")]
    Permissions(String),
    #[error("cannot read or write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0} is corrupt")]
    Corrupt(String),
    #[error(
        "cannot decrypt {0}: the secret key (THINGDATA_SECRET_KEY or secret.key) is not the \
         one it was encrypted with"
    )]
    WrongKey(String),
    #[error("no randomness available: {0}")]
    Random(String),
    #[error("cannot rotate: {0}")]
    Rotation(String),
}

pub type Result<T> = std::result::Result<T, SecretError>;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SecretError + '_ {
    move |source| SecretError::Io {
        path: path.display().to_string(),
        source,
    }
}

pub fn random_bytes<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|e| SecretError::Random(e.to_string()))?;
    Ok(b)
}

/// The key secrets are sealed with. Debug output never shows it.
#[derive(Clone)]
pub struct SecretBox {
    key: [u8; 32],
    /// Where it came from, for messages.
    pub source: String,
}

impl fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBox(from {})", self.source)
    }
}

impl SecretBox {
    /// A key derived from an operator-chosen secret string.
    pub fn from_secret(secret: &str) -> Result<Self> {
        if secret.len() < MIN_SECRET_LEN {
            return Err(SecretError::TooShort);
        }
        let mut h = Sha256::new();
        h.update(b"thingdata secret key v1\0");
        h.update(secret.as_bytes());
        Ok(Self {
            key: h.finalize().into(),
            source: "THINGDATA_SECRET_KEY".into(),
        })
    }

    /// `THINGDATA_SECRET_KEY` when given, else `secret.key` in the data directory,
    /// created (0600) if absent; an existing file readable by others is refused.
    pub fn load(env_secret: Option<&str>, data_dir: &Path) -> Result<Self> {
        if let Some(s) = env_secret {
            return Self::from_secret(s);
        }
        let path = data_dir.join(SECRET_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                check_private(&path)?;
                Self::from_file_text(&text, &path)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::generate(&path)?;
                write_private(&path, &hex::encode(key.key)).map_err(io(&path))?;
                Ok(key)
            }
            Err(e) => Err(io(&path)(e)),
        }
    }

    /// A fresh random key that will live in `path` (the caller writes it).
    pub fn generate(path: &Path) -> Result<Self> {
        Ok(Self {
            key: random_bytes()?,
            source: path.display().to_string(),
        })
    }

    fn from_file_text(text: &str, path: &Path) -> Result<Self> {
        let corrupt = || SecretError::Corrupt(path.display().to_string());
        let bytes = hex::decode(text.trim()).map_err(|_| corrupt())?;
        Ok(Self {
            key: bytes.try_into().map_err(|_| corrupt())?,
            source: path.display().to_string(),
        })
    }

    pub fn file_text(&self) -> String {
        hex::encode(self.key)
    }

    pub fn seal(&self, plaintext: &[u8]) -> Result<String> {
        let nonce: [u8; 24] = random_bytes()?;
        let sealed = XChaCha20Poly1305::new((&self.key).into())
            .encrypt(XNonce::from_slice(&nonce), plaintext)
            .map_err(|_| SecretError::Random("encryption failed".into()))?;
        Ok(format!(
            "{SEALED_PREFIX}{}:{}",
            hex::encode(nonce),
            hex::encode(sealed)
        ))
    }

    /// Opens a sealed value; `what` names it in errors.
    pub fn open(&self, sealed: &str, what: &str) -> Result<Vec<u8>> {
        let corrupt = || SecretError::Corrupt(what.to_string());
        let rest = sealed
            .trim()
            .strip_prefix(SEALED_PREFIX)
            .ok_or_else(corrupt)?;
        let (nonce, data) = rest.split_once(':').ok_or_else(corrupt)?;
        let nonce: [u8; 24] = hex::decode(nonce)
            .map_err(|_| corrupt())?
            .try_into()
            .map_err(|_| corrupt())?;
        let data = hex::decode(data).map_err(|_| corrupt())?;
        XChaCha20Poly1305::new((&self.key).into())
            .decrypt(XNonce::from_slice(&nonce), data.as_slice())
            .map_err(|_| SecretError::WrongKey(what.to_string()))
    }
}

pub fn is_sealed(text: &str) -> bool {
    text.trim().starts_with(SEALED_PREFIX)
}

/// Replaces a file atomically with private contents (write aside, then rename).
pub fn replace_private(path: &Path, contents: &str) -> Result<()> {
    let tmp: PathBuf = path.with_extension("new");
    let _ = std::fs::remove_file(&tmp);
    write_private(&tmp, contents).map_err(io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io(path))
}

#[cfg(unix)]
fn check_private(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map_err(io(path))?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(SecretError::Permissions(path.display().to_string()));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_: &Path) -> Result<()> {
    Ok(())
}

#[cfg(unix)]
pub fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
pub fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_the_same_key() {
        let a = SecretBox::from_secret("correct horse battery staple, and then some").unwrap();
        let b = SecretBox::from_secret("a completely different secret of enough length").unwrap();
        let sealed = a.seal(b"the signing key").unwrap();
        assert!(is_sealed(&sealed));
        assert!(!sealed.contains(&hex::encode(b"the signing key")));
        assert_eq!(a.open(&sealed, "x").ok(), Some(b"the signing key".to_vec()));
        assert!(matches!(
            b.open(&sealed, "x"),
            Err(SecretError::WrongKey(_))
        ));
        assert!(matches!(
            SecretBox::from_secret("short"),
            Err(SecretError::TooShort)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_key_file_readable_by_others_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let first = SecretBox::load(None, dir.path()).unwrap();
        let again = SecretBox::load(None, dir.path()).unwrap();
        assert_eq!(first.key, again.key);
        let path = dir.path().join(SECRET_FILE);
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644));
        assert!(matches!(
            SecretBox::load(None, dir.path()),
            Err(SecretError::Permissions(_))
        ));
    }
}
