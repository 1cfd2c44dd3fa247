//! Factor tables admins added, and the log of which table is in use: each change keeps
//! the network's figures as the replaced table gave them.

use crate::{Result, StorageError, Store};
use sqlx::Row;

/// An added factor table as stored: its CSV and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactorTableRow {
    pub id: String,
    pub name: String,
    pub version: String,
    pub source: String,
    pub licence: String,
    pub body: String,
    pub added_by: String,
    pub added_at: String,
}

/// One change of the table in use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactorChange {
    pub at: String,
    pub actor: String,
    /// The table chosen; the shipped table's id is the service's to name.
    pub table_id: String,
    pub previous_name: String,
    pub previous_version: String,
    /// The network's figures under the previous table, as JSON.
    pub figures: String,
}

fn table_row(r: &sqlx::any::AnyRow) -> Result<FactorTableRow> {
    Ok(FactorTableRow {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        version: r.try_get("version")?,
        source: r.try_get("source")?,
        licence: r.try_get("licence")?,
        body: r.try_get("body")?,
        added_by: r.try_get("added_by")?,
        added_at: r.try_get("added_at")?,
    })
}

impl Store {
    /// `AlreadyExists` when a table of that name and version is here.
    pub async fn add_factor_table(&self, t: &FactorTableRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO factor_tables (id, name, version, source, licence, body, added_by, added_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&t.id)
        .bind(&t.name)
        .bind(&t.version)
        .bind(&t.source)
        .bind(&t.licence)
        .bind(&t.body)
        .bind(&t.added_by)
        .bind(&t.added_at)
        .execute(&self.pool)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => StorageError::AlreadyExists,
            _ => StorageError::Db(e),
        })?;
        Ok(())
    }

    pub async fn factor_tables(&self) -> Result<Vec<FactorTableRow>> {
        let rows = sqlx::query("SELECT * FROM factor_tables ORDER BY added_at, id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(table_row).collect()
    }

    pub async fn factor_table(&self, id: &str) -> Result<Option<FactorTableRow>> {
        let row = sqlx::query("SELECT * FROM factor_tables WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(table_row).transpose()
    }

    pub async fn record_factor_change(&self, id: &str, c: &FactorChange) -> Result<()> {
        sqlx::query(
            "INSERT INTO factor_changes (id, at, actor, table_id, previous_name, previous_version, figures) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(&c.at)
        .bind(&c.actor)
        .bind(&c.table_id)
        .bind(&c.previous_name)
        .bind(&c.previous_version)
        .bind(&c.figures)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every change of the table in use, newest first.
    pub async fn factor_changes(&self) -> Result<Vec<FactorChange>> {
        let rows = sqlx::query("SELECT * FROM factor_changes ORDER BY at DESC, id DESC")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(FactorChange {
                    at: r.try_get("at")?,
                    actor: r.try_get("actor")?,
                    table_id: r.try_get("table_id")?,
                    previous_name: r.try_get("previous_name")?,
                    previous_version: r.try_get("previous_version")?,
                    figures: r.try_get("figures")?,
                })
            })
            .collect()
    }

    /// The table in use, as the latest change names it; `None` before any change.
    pub async fn factor_table_in_use(&self) -> Result<Option<String>> {
        let row =
            sqlx::query("SELECT table_id FROM factor_changes ORDER BY at DESC, id DESC LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| r.try_get("table_id"))
            .transpose()
            .map_err(Into::into)
    }
}
