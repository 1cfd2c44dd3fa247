//! User accounts and personal API tokens. Passwords are argon2id, hashed on a blocking
//! thread; tokens are shown once and only their SHA-256 is stored.

use crate::audit::{Audit, Event};
use crate::limits::{Limiter, RetryAfter};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use domain::instance::InstanceSettings;
use domain::revision::now_rfc3339;
use domain::Problem;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use storage::{StorageError, Store, UserRow};

pub use domain::policy::ROLES;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("the input is invalid")]
    Invalid(Vec<Problem>),
    #[error("the username is taken")]
    Taken,
    #[error("no user {0}")]
    NoSuchUser(String),
    #[error("an admin exists already; the setup page is closed")]
    SetupClosed,
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
    pub pending: bool,
    pub language: String,
    pub created_at: String,
}

impl User {
    /// Signed-in users and tokens only act while the account is enabled and approved.
    pub fn active(&self) -> bool {
        !self.disabled && !self.pending
    }
}

impl From<UserRow> for User {
    fn from(u: UserRow) -> Self {
        Self {
            id: u.id,
            username: u.username,
            email: u.email,
            role: u.role,
            disabled: u.disabled,
            pending: u.pending,
            language: u.language,
            created_at: u.created_at,
        }
    }
}

/// The outcome of a sign-in attempt.
#[derive(Clone, Debug, PartialEq)]
pub enum SignIn {
    Welcome(User),
    /// Unknown user, wrong password or disabled account: deliberately indistinguishable.
    Refused,
    /// The password is right but an admin has not approved the sign-up yet.
    Pending,
    /// Too many failures: the account is locked for this long.
    Locked(RetryAfter),
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

/// Tokens and invitation codes are stored only as this hash.
fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn password_problems(field: &str, password: &str) -> Vec<Problem> {
    let mut p = Vec::new();
    if password.chars().count() < 10 {
        p.push(Problem::new(
            field,
            "password_too_short",
            &[("min", "10".into())],
        ));
    }
    if password.len() > 1000 {
        p.push(Problem::new(field, "too_long", &[("max", "1000".into())]));
    }
    p
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
    if !domain::validate::is_email(email) {
        p.push(Problem::new("email", "invalid_email", &[]));
    }
    p.extend(password_problems("password", password));
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
    audit: Audit,
    limiter: Arc<Limiter>,
}

impl Accounts {
    pub fn new(store: Store, limiter: Arc<Limiter>) -> Self {
        Self {
            audit: Audit::new(store.clone()),
            store,
            limiter,
        }
    }

    async fn insert(
        &self,
        (username, email, password): (&str, &str, &str),
        role: &str,
        pending: bool,
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
            pending,
            language: String::new(),
            created_at: now_rfc3339(),
        };
        match self.store.insert_user(&row).await {
            Err(StorageError::AlreadyExists) => Err(AccountError::Taken),
            other => other.map(|()| row.into()).map_err(AccountError::from),
        }
    }

    async fn record(&self, event: Event) -> Result<()> {
        Ok(self.audit.record(event).await?)
    }

    /// Creates an active user directly (the command line, or an admin).
    pub async fn create_user(
        &self,
        username: &str,
        email: &str,
        password: &str,
        role: &str,
    ) -> Result<User> {
        let u = self
            .insert((username, email, password), role, false)
            .await?;
        self.record(Event::new("cli", "user.register", username).detail(format!("role={role}")))
            .await?;
        Ok(u)
    }

    /// A visitor signs up as a member under the instance's registration policy: open
    /// (active at once), approval (waits for an admin) or invite (needs an unused code).
    pub async fn register(
        &self,
        (username, email, password): (&str, &str, &str),
        settings: &InstanceSettings,
        invite: &str,
        ip: &str,
    ) -> Result<User> {
        let invite_hash = secret_hash(invite.trim());
        if settings.registration == "invite" {
            let mut problems = validate_new_user(username, email, password, "member");
            if invite.trim().is_empty() || !self.store.use_invite(&invite_hash, username).await? {
                problems.push(Problem::new("invite", "invalid_invite", &[]));
            }
            if !problems.is_empty() {
                return Err(AccountError::Invalid(problems));
            }
        }
        let pending = settings.registration == "approval";
        let result = self
            .insert((username, email, password), "member", pending)
            .await;
        match &result {
            Ok(_) => {
                let detail = format!("registration={}", settings.registration);
                self.record(
                    Event::new(username, "user.register", username)
                        .detail(detail)
                        .ip(ip),
                )
                .await?;
            }
            Err(_) if settings.registration == "invite" => {
                self.store.release_invite(&invite_hash).await?
            }
            Err(_) => {}
        }
        result
    }

    /// The first admin, from the setup page; refused once any admin exists.
    pub async fn setup_admin(
        &self,
        (username, email, password): (&str, &str, &str),
        ip: &str,
    ) -> Result<User> {
        if self.store.has_admin().await? {
            return Err(AccountError::SetupClosed);
        }
        let u = self
            .insert((username, email, password), "admin", false)
            .await?;
        self.record(Event::new(username, "setup.admin", username).ip(ip))
            .await?;
        Ok(u)
    }

    pub async fn has_admin(&self) -> Result<bool> {
        Ok(self.store.has_admin().await?)
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

    pub async fn set_role(&self, username: &str, role: &str, actor: &str) -> Result<()> {
        if !ROLES.contains(&role) {
            return Err(AccountError::Invalid(vec![Problem::new(
                "role",
                "not_in_vocabulary",
                &[("allowed", ROLES.join(", "))],
            )]));
        }
        let u = self.existing(username).await?;
        if u.role == role {
            return Ok(());
        }
        self.store
            .update_user(username, role, u.disabled, u.pending)
            .await?;
        let detail = format!("{} -> {role}", u.role);
        self.record(Event::new(actor, "user.role", username).detail(detail))
            .await
    }

    pub async fn set_disabled(&self, username: &str, disabled: bool, actor: &str) -> Result<()> {
        let u = self.existing(username).await?;
        if u.disabled == disabled {
            return Ok(());
        }
        self.store
            .update_user(username, &u.role, disabled, u.pending)
            .await?;
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        self.record(Event::new(actor, action, username)).await
    }

    /// Lets a sign-up that waited for approval in.
    pub async fn approve(&self, username: &str, actor: &str) -> Result<()> {
        let u = self.existing(username).await?;
        if !u.pending {
            return Ok(());
        }
        self.store
            .update_user(username, &u.role, u.disabled, false)
            .await?;
        self.record(Event::new(actor, "user.approve", username))
            .await
    }

    /// Changes a password after checking the current one.
    pub async fn change_password(
        &self,
        user_id: &str,
        current: &str,
        new: &str,
        ip: &str,
    ) -> Result<()> {
        let u = self
            .store
            .user_by_id(user_id)
            .await?
            .ok_or_else(|| AccountError::NoSuchUser(user_id.to_string()))?;
        let mut problems = password_problems("new_password", new);
        if !verify_password(current.to_string(), u.password_hash.clone()).await {
            problems.insert(0, Problem::new("current_password", "wrong_password", &[]));
        }
        if !problems.is_empty() {
            return Err(AccountError::Invalid(problems));
        }
        let hash = hash_password(new.to_string()).await?;
        self.store.set_password_hash(user_id, &hash).await?;
        self.record(Event::new(&u.username, "user.password", &u.username).ip(ip))
            .await
    }

    /// Stores the preferred UI language ("" for "as my browser asks").
    pub async fn set_language(&self, user_id: &str, language: &str) -> Result<()> {
        if !language.is_empty() && domain::lang::supported(language) != Some(language) {
            return Err(AccountError::Invalid(vec![Problem::new(
                "language",
                "not_in_vocabulary",
                &[(
                    "allowed",
                    domain::lang::LANGUAGES.map(|(tag, _)| tag).join(", "),
                )],
            )]));
        }
        Ok(self.store.set_user_language(user_id, language).await?)
    }

    /// Creates a personal API token and returns it; it cannot be shown again.
    pub async fn create_token(&self, username: &str, name: &str) -> Result<String> {
        let u = self.existing(username).await?;
        let token = format!("td_{}", random_hex()?);
        self.store
            .insert_token(&secret_hash(&token), &u.id, name, &now_rfc3339())
            .await?;
        self.record(Event::new(username, "token.create", username).detail(name))
            .await?;
        Ok(token)
    }

    /// Creates a single-use invitation code for invite-only registration.
    pub async fn create_invite(&self, actor: &str) -> Result<String> {
        let code = random_hex()?[..20].to_string();
        self.store
            .insert_invite(&secret_hash(&code), actor, &now_rfc3339())
            .await?;
        self.record(Event::new(actor, "invite.create", "invite"))
            .await?;
        Ok(code)
    }

    /// The active user a bearer token belongs to.
    pub async fn user_for_token(&self, token: &str) -> Result<Option<User>> {
        Ok(self
            .store
            .user_by_token_hash(&secret_hash(token))
            .await?
            .map(User::from)
            .filter(User::active))
    }

    /// The active user behind a session's user id.
    pub async fn active_user(&self, id: &str) -> Result<Option<User>> {
        Ok(self
            .store
            .user_by_id(id)
            .await?
            .map(User::from)
            .filter(User::active))
    }

    /// Checks credentials, with lockout after repeated failures; every outcome is audited.
    pub async fn authenticate(&self, username: &str, password: &str, ip: &str) -> Result<SignIn> {
        // No account name has control characters; such a name is refused like an
        // unknown one and recorded escaped, never sent to the database as it is.
        if domain::validate::has_control_chars(username) {
            let _ = hash_password(password.to_string()).await;
            let shown = username.escape_debug().to_string();
            self.record(Event::new(&shown, "login.failure", &shown).ip(ip))
                .await?;
            return Ok(SignIn::Refused);
        }
        if let Err(wait) = self.limiter.account_locked(username) {
            let detail = format!("locked for {} s", wait.0);
            self.record(
                Event::new(username, "login.locked", username)
                    .detail(detail)
                    .ip(ip),
            )
            .await?;
            return Ok(SignIn::Locked(wait));
        }
        let found = self.store.user_by_name(username).await?;
        let ok = match &found {
            Some(u) => verify_password(password.to_string(), u.password_hash.clone()).await,
            None => {
                // Hash anyway so a missing user takes as long as a wrong password.
                let _ = hash_password(password.to_string()).await;
                false
            }
        };
        let outcome = match found.map(User::from) {
            Some(u) if ok && u.pending => SignIn::Pending,
            Some(u) if ok && !u.disabled => SignIn::Welcome(u),
            _ => match self.limiter.login_failed(username) {
                Some(wait) => SignIn::Locked(wait),
                None => SignIn::Refused,
            },
        };
        let (action, detail) = match &outcome {
            SignIn::Welcome(_) => ("login.success", String::new()),
            SignIn::Pending => ("login.failure", "awaiting approval".into()),
            SignIn::Refused => ("login.failure", String::new()),
            SignIn::Locked(w) => ("login.failure", format!("now locked for {} s", w.0)),
        };
        if let SignIn::Welcome(_) = outcome {
            self.limiter.login_succeeded(username);
        }
        self.record(Event::new(username, action, username).detail(detail).ip(ip))
            .await?;
        Ok(outcome)
    }
}

fn random_hex() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AccountError::Hashing(e.to_string()))?;
    Ok(hex::encode(bytes))
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
