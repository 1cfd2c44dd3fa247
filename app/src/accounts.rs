//! User accounts and personal API tokens. Passwords are argon2id, hashed on a blocking
//! thread; tokens are shown once and only their SHA-256 is stored.

use crate::domain::Problem;
use crate::revision::now_rfc3339;
use crate::storage::{StorageError, Store, UserRow};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use sha2::{Digest, Sha256};

pub use crate::policy::ROLES;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("the input is invalid")]
    Invalid(Vec<Problem>),
    #[error("the username is taken")]
    Taken,
    #[error("no user {0}")]
    NoSuchUser(String),
    #[error("password hashing failed: {0}")]
    Hashing(String),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

pub type Result<T> = std::result::Result<T, AccountError>;

/// A signed-in or token-identified user.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct User {
    pub id: String,
    pub username: String,
    pub email: String,
    pub role: String,
    pub disabled: bool,
    pub created_at: String,
}

impl From<UserRow> for User {
    fn from(u: UserRow) -> Self {
        Self {
            id: u.id,
            username: u.username,
            email: u.email,
            role: u.role,
            disabled: u.disabled,
            created_at: u.created_at,
        }
    }
}

/// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
fn hasher() -> Result<Argon2<'static>> {
    let params =
        Params::new(19 * 1024, 2, 1, None).map_err(|e| AccountError::Hashing(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub async fn hash_password(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()?
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AccountError::Hashing(e.to_string()))
    })
    .await
    .map_err(|e| AccountError::Hashing(e.to_string()))?
}

pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        let Ok(parsed) = PasswordHash::new(&hash) else {
            return false;
        };
        hasher().is_ok_and(|h| h.verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .unwrap_or(false)
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn validate_new_user(username: &str, email: &str, password: &str, role: &str) -> Vec<Problem> {
    let mut p = Vec::new();
    let name_ok = (3..=40).contains(&username.len())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if !name_ok {
        p.push(Problem::new("username", "invalid_username", &[]));
    }
    if !crate::domain::validate::is_email(email) {
        p.push(Problem::new("email", "invalid_email", &[]));
    }
    if password.chars().count() < 10 {
        p.push(Problem::new(
            "password",
            "password_too_short",
            &[("min", "10".into())],
        ));
    }
    if password.len() > 1000 {
        p.push(Problem::new(
            "password",
            "too_long",
            &[("max", "1000".into())],
        ));
    }
    if !ROLES.contains(&role) {
        p.push(Problem::new(
            "role",
            "not_in_vocabulary",
            &[("allowed", ROLES.join(", "))],
        ));
    }
    p
}

#[derive(Clone)]
pub struct Accounts {
    store: Store,
}

impl Accounts {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    pub async fn create_user(
        &self,
        username: &str,
        email: &str,
        password: &str,
        role: &str,
    ) -> Result<User> {
        let problems = validate_new_user(username, email, password, role);
        if !problems.is_empty() {
            return Err(AccountError::Invalid(problems));
        }
        let row = UserRow {
            id: uuid::Uuid::now_v7().hyphenated().to_string(),
            username: username.to_string(),
            email: email.to_string(),
            password_hash: hash_password(password.to_string()).await?,
            role: role.to_string(),
            disabled: false,
            created_at: now_rfc3339(),
        };
        match self.store.insert_user(&row).await {
            Err(StorageError::AlreadyExists) => Err(AccountError::Taken),
            other => other.map(|()| row.into()).map_err(AccountError::from),
        }
    }

    pub async fn users(&self) -> Result<Vec<User>> {
        Ok(self
            .store
            .users()
            .await?
            .into_iter()
            .map(User::from)
            .collect())
    }

    async fn existing(&self, username: &str) -> Result<UserRow> {
        self.store
            .user_by_name(username)
            .await?
            .ok_or_else(|| AccountError::NoSuchUser(username.to_string()))
    }

    pub async fn set_role(&self, username: &str, role: &str) -> Result<()> {
        if !ROLES.contains(&role) {
            return Err(AccountError::Invalid(vec![Problem::new(
                "role",
                "not_in_vocabulary",
                &[("allowed", ROLES.join(", "))],
            )]));
        }
        let u = self.existing(username).await?;
        self.store.update_user(username, role, u.disabled).await?;
        Ok(())
    }

    pub async fn set_disabled(&self, username: &str, disabled: bool) -> Result<()> {
        let u = self.existing(username).await?;
        self.store.update_user(username, &u.role, disabled).await?;
        Ok(())
    }

    /// Creates a personal API token and returns it; it cannot be shown again.
    pub async fn create_token(&self, username: &str, name: &str) -> Result<String> {
        let u = self.existing(username).await?;
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| AccountError::Hashing(e.to_string()))?;
        let token = format!("td_{}", hex::encode(bytes));
        self.store
            .insert_token(&token_hash(&token), &u.id, name, &now_rfc3339())
            .await?;
        Ok(token)
    }

    /// The active user a bearer token belongs to.
    pub async fn user_for_token(&self, token: &str) -> Result<Option<User>> {
        Ok(self
            .store
            .user_by_token_hash(&token_hash(token))
            .await?
            .filter(|u| !u.disabled)
            .map(User::from))
    }

    /// The active user with these credentials.
    pub async fn authenticate(&self, username: &str, password: &str) -> Result<Option<User>> {
        let Some(u) = self.store.user_by_name(username).await? else {
            // Hash anyway so a missing user takes as long as a wrong password.
            let _ = hash_password(password.to_string()).await;
            return Ok(None);
        };
        let ok = verify_password(password.to_string(), u.password_hash.clone()).await;
        Ok((ok && !u.disabled).then(|| u.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_are_argon2id_and_verify() {
        let h = hash_password("correct horse battery".into())
            .await
            .unwrap_or_default();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_password("correct horse battery".into(), h.clone()).await);
        assert!(!verify_password("wrong".into(), h).await);
        assert!(!verify_password("x".into(), "not a hash".into()).await);
    }

    #[test]
    fn new_user_rules() {
        let codes: Vec<String> = validate_new_user("A!", "nope", "short", "king")
            .into_iter()
            .map(|p| p.code)
            .collect();
        assert_eq!(
            codes,
            [
                "invalid_username",
                "invalid_email",
                "password_too_short",
                "not_in_vocabulary"
            ]
        );
        assert!(
            validate_new_user("ada.l", "ada@example.org", "long enough pw", "expert").is_empty()
        );
    }
}
