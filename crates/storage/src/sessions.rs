//! Sessions of signed-in users, and form drafts kept across a redirect.

use crate::{Backend, Result, Store};
use sqlx::Row;

impl Store {
    /// Inserts a session; false if the id is taken.
    pub async fn insert_session(&self, id: &str, data: &str, expires_at: i64) -> Result<bool> {
        let _gate = self.gate().await;
        let done = sqlx::query(
            "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
        )
        .bind(id)
        .bind(data)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn save_session(&self, id: &str, data: &str, expires_at: i64) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query(
            "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
        )
        .bind(id)
        .bind(data)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The session's data if it has not expired at `now` (unix seconds).
    pub async fn load_session(&self, id: &str, now: i64) -> Result<Option<(String, i64)>> {
        let row =
            sqlx::query("SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2")
                .bind(id)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
        Ok(match row {
            Some(r) => Some((r.try_get("data")?, r.try_get("expires_at")?)),
            None => None,
        })
    }

    /// Deletes the session, and any that expired before `now`.
    pub async fn delete_session(&self, id: &str, now: i64) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query("DELETE FROM sessions WHERE id = $1 OR expires_at <= $2")
            .bind(id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn put_draft(
        &self,
        token: &str,
        payload: &str,
        now: &str,
        expire_before: &str,
    ) -> Result<()> {
        let _gate = match self.backend {
            Backend::Sqlite => Some(self.write_gate.lock().await),
            Backend::Postgres => None,
        };
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM form_drafts WHERE created_at < $1")
            .bind(expire_before)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO form_drafts (token, payload, created_at) VALUES ($1, $2, $3)")
            .bind(token)
            .bind(payload)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn get_draft(&self, token: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT payload FROM form_drafts WHERE token = $1")
            .bind(token)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(r) => Some(r.try_get("payload")?),
            None => None,
        })
    }
}
