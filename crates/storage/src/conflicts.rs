//! Conflicts between concurrent edits: opening, closing and listing them.

use crate::{ConflictRow, Result, StorageError, Store, CONFLICT_COLUMNS};
use sqlx::any::AnyRow;
use sqlx::Row;

impl Store {
    /// Records a conflict as the entity's one open conflict (others become superseded).
    pub async fn open_conflict(&self, c: &ConflictRow) -> Result<()> {
        let _gate = self.gate().await;
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE conflicts SET status = 'superseded', closed_at = $1 WHERE entity_id = $2 AND status = 'open' AND id <> $3")
            .bind(&c.created_at)
            .bind(&c.entity_id)
            .bind(&c.id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO conflicts (id, entity_kind, entity_id, base_revision, tips, fields, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'open', $7) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&c.id)
        .bind(c.entity_kind.as_str())
        .bind(&c.entity_id)
        .bind(c.base_revision.clone())
        .bind(serde_json::to_string(&c.tips).map_err(|e| StorageError::Corrupt(e.to_string()))?)
        .bind(c.fields.to_string())
        .bind(&c.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Closes the entity's open conflicts (`resolved` with the resolving revision, or `superseded`).
    pub async fn close_conflicts(
        &self,
        entity_id: &str,
        status: &str,
        resolution: Option<&str>,
        now: &str,
    ) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query("UPDATE conflicts SET status = $1, resolution = $2, closed_at = $3 WHERE entity_id = $4 AND status = 'open'")
            .bind(status)
            .bind(resolution.map(str::to_string))
            .bind(now)
            .bind(entity_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn conflict(&self, id: &str) -> Result<Option<ConflictRow>> {
        let row = sqlx::query(&format!(
            "SELECT {CONFLICT_COLUMNS} FROM conflicts WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(conflict_from_row).transpose()
    }

    pub async fn open_conflict_of(&self, entity_id: &str) -> Result<Option<ConflictRow>> {
        let row = sqlx::query(&format!(
            "SELECT {CONFLICT_COLUMNS} FROM conflicts WHERE entity_id = $1 AND status = 'open' LIMIT 1"
        ))
        .bind(entity_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(conflict_from_row).transpose()
    }

    /// Conflicts with the given status, oldest first.
    pub async fn conflicts(
        &self,
        status: &str,
        skip: i64,
        limit: i64,
    ) -> Result<(Vec<ConflictRow>, i64)> {
        let rows = sqlx::query(&format!(
            "SELECT {CONFLICT_COLUMNS} FROM conflicts WHERE status = $1 ORDER BY created_at, id LIMIT $2 OFFSET $3"
        ))
        .bind(status)
        .bind(limit)
        .bind(skip)
        .fetch_all(&self.pool)
        .await?;
        let total: i64 = sqlx::query("SELECT COUNT(*) AS n FROM conflicts WHERE status = $1")
            .bind(status)
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        let items = rows
            .iter()
            .map(conflict_from_row)
            .collect::<Result<Vec<_>>>()?;
        Ok((items, total))
    }
}

pub(crate) fn conflict_from_row(r: &AnyRow) -> Result<ConflictRow> {
    let corrupt = |what: &str| StorageError::Corrupt(what.to_string());
    let kind: String = r.try_get("entity_kind")?;
    let tips: String = r.try_get("tips")?;
    let fields: String = r.try_get("fields")?;
    Ok(ConflictRow {
        id: r.try_get("id")?,
        entity_kind: kind.parse().map_err(|_| corrupt("conflict kind"))?,
        entity_id: r.try_get("entity_id")?,
        base_revision: r.try_get("base_revision")?,
        tips: serde_json::from_str(&tips).map_err(|_| corrupt("conflict tips"))?,
        fields: serde_json::from_str(&fields).map_err(|_| corrupt("conflict fields"))?,
        status: r.try_get("status")?,
        created_at: r.try_get("created_at")?,
        closed_at: r.try_get("closed_at")?,
        resolution: r.try_get("resolution")?,
    })
}
