//! Users, API tokens and invitations.

use super::{Result, StorageError, Store};
use sqlx::any::AnyRow;
use sqlx::Row;

/// A user account as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub email: String,
    pub password_hash: String,
    pub role: String,
    pub disabled: bool,
    /// Signed up under approval-required registration and not yet approved.
    pub pending: bool,
    /// Preferred UI language; empty means "as the browser asks".
    pub language: String,
    pub created_at: String,
}

const USER_COLUMNS: &str =
    "id, username, email, password_hash, role, disabled, pending, language, created_at";

fn unique_or_db(e: sqlx::Error) -> StorageError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => StorageError::AlreadyExists,
        _ => StorageError::Db(e),
    }
}

impl Store {
    pub async fn insert_user(&self, u: &UserRow) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query(&format!(
            "INSERT INTO users ({USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        ))
        .bind(&u.id)
        .bind(&u.username)
        .bind(&u.email)
        .bind(&u.password_hash)
        .bind(&u.role)
        .bind(i64::from(u.disabled))
        .bind(i64::from(u.pending))
        .bind(&u.language)
        .bind(&u.created_at)
        .execute(&self.pool)
        .await
        .map_err(unique_or_db)?;
        Ok(())
    }

    pub async fn user_by_name(&self, username: &str) -> Result<Option<UserRow>> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE username = $1"
        ))
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    pub async fn users(&self) -> Result<Vec<UserRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY pending DESC, username"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// Active (enabled, approved) accounts, for NodeInfo.
    pub async fn count_users(&self) -> Result<i64> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM users WHERE disabled = 0 AND pending = 0")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    /// Whether any enabled admin exists (the first-run setup page is open until one does).
    pub async fn has_admin(&self) -> Result<bool> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND pending = 0",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }

    /// Sets role, disabled and pending flags; false when there is no such user.
    pub async fn update_user(
        &self,
        username: &str,
        role: &str,
        disabled: bool,
        pending: bool,
    ) -> Result<bool> {
        let _gate = self.gate().await;
        let done = sqlx::query(
            "UPDATE users SET role = $1, disabled = $2, pending = $3 WHERE username = $4",
        )
        .bind(role)
        .bind(i64::from(disabled))
        .bind(i64::from(pending))
        .bind(username)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn set_password_hash(&self, user_id: &str, hash: &str) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn set_user_language(&self, user_id: &str, language: &str) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
            .bind(language)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn insert_token(
        &self,
        hash: &str,
        user_id: &str,
        name: &str,
        now: &str,
    ) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query(
            "INSERT INTO api_tokens (hash, user_id, name, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(hash)
        .bind(user_id)
        .bind(name)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn user_by_token_hash(&self, hash: &str) -> Result<Option<UserRow>> {
        let cols = USER_COLUMNS
            .split(", ")
            .map(|c| format!("u.{c} AS {c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let row = sqlx::query(&format!(
            "SELECT {cols} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = $1"
        ))
        .bind(hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    pub async fn user_by_id(&self, id: &str) -> Result<Option<UserRow>> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    pub async fn insert_invite(&self, hash: &str, created_by: &str, now: &str) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query("INSERT INTO invites (hash, created_by, created_at) VALUES ($1, $2, $3)")
            .bind(hash)
            .bind(created_by)
            .bind(now)
            .execute(&self.pool)
            .await
            .map_err(unique_or_db)?;
        Ok(())
    }

    /// Marks an unused invitation as used by `username`; false if it is unknown or used.
    pub async fn use_invite(&self, hash: &str, username: &str) -> Result<bool> {
        let _gate = self.gate().await;
        let done =
            sqlx::query("UPDATE invites SET used_by = $1 WHERE hash = $2 AND used_by IS NULL")
                .bind(username)
                .bind(hash)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Gives an invitation back when the sign-up it was used for failed.
    pub async fn release_invite(&self, hash: &str) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query("UPDATE invites SET used_by = NULL WHERE hash = $1")
            .bind(hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

fn user_from_row(r: &AnyRow) -> Result<UserRow> {
    Ok(UserRow {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        email: r.try_get("email")?,
        password_hash: r.try_get("password_hash")?,
        role: r.try_get("role")?,
        disabled: r.try_get::<i64, _>("disabled")? != 0,
        pending: r.try_get::<i64, _>("pending")? != 0,
        language: r.try_get("language")?,
        created_at: r.try_get("created_at")?,
    })
}
