//! The audit log and the admin-edited instance settings.

use super::{Result, StorageError, Store};
use sqlx::any::AnyRow;
use sqlx::Row;

/// One audit entry as stored; `hash` covers every other column.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditRow {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub ip: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Equality filters for the audit page; empty fields match everything.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub actor: Option<String>,
    pub target: Option<String>,
}

const AUDIT_COLUMNS: &str = "seq, at, actor, action, target, detail, ip, prev_hash, hash";

impl Store {
    /// The newest entry's sequence number and hash.
    pub async fn last_audit(&self) -> Result<Option<(i64, String)>> {
        let row = sqlx::query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get("seq")?, r.try_get("hash")?)))
            .transpose()
    }

    /// Appends an entry; `AlreadyExists` when another writer took the sequence number.
    pub async fn insert_audit(&self, a: &AuditRow) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query(&format!(
            "INSERT INTO audit_log ({AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        ))
        .bind(a.seq)
        .bind(&a.at)
        .bind(&a.actor)
        .bind(&a.action)
        .bind(&a.target)
        .bind(&a.detail)
        .bind(&a.ip)
        .bind(&a.prev_hash)
        .bind(&a.hash)
        .execute(&self.pool)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => StorageError::AlreadyExists,
            _ => StorageError::Db(e),
        })?;
        Ok(())
    }

    /// Entries matching `f`, newest first, and how many match in all.
    pub async fn audit_entries(
        &self,
        f: &AuditFilter,
        skip: i64,
        limit: i64,
    ) -> Result<(Vec<AuditRow>, i64)> {
        let mut wheres = Vec::new();
        let mut binds = Vec::new();
        for (col, v) in [
            ("action", &f.action),
            ("actor", &f.actor),
            ("target", &f.target),
        ] {
            if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) {
                binds.push(v.clone());
                wheres.push(format!("{col} = ${}", binds.len()));
            }
        }
        let cond = if wheres.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", wheres.join(" AND "))
        };
        let n = binds.len();
        let sql = format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log {cond} ORDER BY seq DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let mut q = sqlx::query(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        let rows = q.bind(limit).bind(skip).fetch_all(&self.pool).await?;
        let count_sql = format!("SELECT COUNT(*) AS n FROM audit_log {cond}");
        let mut c = sqlx::query(&count_sql);
        for b in &binds {
            c = c.bind(b);
        }
        let total: i64 = c.fetch_one(&self.pool).await?.try_get("n")?;
        Ok((
            rows.iter().map(audit_from_row).collect::<Result<_>>()?,
            total,
        ))
    }

    /// Up to `limit` entries after `seq`, oldest first (for checking the chain).
    pub async fn audit_after(&self, seq: i64, limit: i64) -> Result<Vec<AuditRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"
        ))
        .bind(seq)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(audit_from_row).collect()
    }

    pub async fn instance_setting(&self, key: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT value FROM instance_settings WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| r.try_get("value").map_err(StorageError::from))
            .transpose()
    }

    pub async fn put_instance_setting(&self, key: &str, value: &str) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query(
            "INSERT INTO instance_settings (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

fn audit_from_row(r: &AnyRow) -> Result<AuditRow> {
    Ok(AuditRow {
        seq: r.try_get("seq")?,
        at: r.try_get("at")?,
        actor: r.try_get("actor")?,
        action: r.try_get("action")?,
        target: r.try_get("target")?,
        detail: r.try_get("detail")?,
        ip: r.try_get("ip")?,
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}
