//! Free tags: which entries carry each tag, kept from the bodies on every write with
//! the visible-entry total per tag, and the reads the tag list, suggestions and
//! renames need.

use crate::{Result, Store};
use domain::revision::Revision;
use domain::EntityKind;
use sqlx::{AnyConnection, Row};

/// Replaces the entry's tags with those its new body carries: `hidden` is whether the
/// entry is hidden now, `None` once it is deleted. Keeps `tag_totals` in step.
pub(crate) async fn link(
    conn: &mut AnyConnection,
    rev: &Revision,
    hidden: Option<bool>,
) -> Result<()> {
    if !matches!(
        rev.entity_kind,
        EntityKind::Thing | EntityKind::Story | EntityKind::Guide
    ) {
        return Ok(());
    }
    let counted = sqlx::query("SELECT tag FROM entry_tags WHERE entry_id = $1 AND hidden = 0")
        .bind(&rev.entity_id)
        .fetch_all(&mut *conn)
        .await?;
    for row in counted {
        let tag: String = row.try_get("tag")?;
        sqlx::query("UPDATE tag_totals SET n = n - 1 WHERE tag = $1")
            .bind(tag)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM entry_tags WHERE entry_id = $1")
        .bind(&rev.entity_id)
        .execute(&mut *conn)
        .await?;
    let Some(hidden) = hidden else {
        return Ok(());
    };
    // A peer's body is stored as it came; only what is a tag is indexed.
    let mut tags: Vec<&str> = rev
        .body
        .get("tags")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    tags.retain(|t| domain::tags::is_tag(t));
    tags.sort_unstable();
    tags.dedup();
    for tag in tags {
        sqlx::query(
            "INSERT INTO entry_tags (entry_id, entry_kind, tag, hidden) VALUES ($1, $2, $3, $4)",
        )
        .bind(&rev.entity_id)
        .bind(rev.entity_kind.as_str())
        .bind(tag)
        .bind(i64::from(hidden))
        .execute(&mut *conn)
        .await?;
        if !hidden {
            sqlx::query(
                "INSERT INTO tag_totals (tag, n) VALUES ($1, 1) \
                 ON CONFLICT (tag) DO UPDATE SET n = tag_totals.n + 1",
            )
            .bind(tag)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

impl Store {
    /// Tags carried by visible entries, most used first: all of them, or those that
    /// start with `prefix`; each with how many entries carry it.
    pub async fn tags(&self, prefix: &str, limit: i64) -> Result<Vec<(String, i64)>> {
        // PostgreSQL refuses NUL in text outright; no tag holds one.
        if prefix.contains('\0') {
            return Ok(Vec::new());
        }
        let rows = if prefix.is_empty() {
            sqlx::query("SELECT tag, n FROM tag_totals WHERE n > 0 ORDER BY n DESC, tag LIMIT $1")
                .bind(limit)
                .fetch_all(&self.pool)
                .await?
        } else {
            // Wildcards in what was typed match themselves.
            let pattern = prefix
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
                + "%";
            sqlx::query(
                "SELECT tag, n FROM tag_totals WHERE tag LIKE $1 ESCAPE '\\' AND n > 0 \
                 ORDER BY n DESC, tag LIMIT $2",
            )
            .bind(pattern)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
        };
        rows.iter()
            .map(|r| Ok((r.try_get("tag")?, r.try_get("n")?)))
            .collect()
    }

    /// How many visible entries carry the tag.
    pub async fn tag_count(&self, tag: &str) -> Result<i64> {
        if tag.contains('\0') {
            return Ok(0);
        }
        let row = sqlx::query("SELECT n FROM tag_totals WHERE tag = $1")
            .bind(tag)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("n")).transpose()?.unwrap_or(0))
    }

    /// Entries that carry the tag, hidden ones too (a rename must reach them), at most
    /// `limit`.
    pub async fn tagged(&self, tag: &str, limit: i64) -> Result<Vec<(EntityKind, String)>> {
        if tag.contains('\0') {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "SELECT entry_kind, entry_id FROM entry_tags WHERE tag = $1 ORDER BY entry_id LIMIT $2",
        )
        .bind(tag)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let kind: String = r.try_get("entry_kind")?;
            if let Ok(kind) = kind.parse::<EntityKind>() {
                out.push((kind, r.try_get("entry_id")?));
            }
        }
        Ok(out)
    }
}
