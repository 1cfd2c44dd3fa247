//! The taxonomy's links: which categories each entry is filed under and each category's
//! parents, kept from the bodies on every write, and the reads the category tree needs.

use crate::{Backend, Result, Store};
use domain::revision::Revision;
use domain::validate::is_entity_id;
use domain::EntityKind;
use sqlx::{AnyConnection, Row};

/// What the category counts are made of, as [`Store::filed_counts`] reads them.
#[derive(Debug, Default)]
pub struct FiledCounts {
    /// (categories, kind, how many visible entries of that kind are filed under
    /// exactly those categories).
    pub groups: Vec<(Vec<String>, EntityKind, i64)>,
}

/// Replaces the entry's links with those its new body names: `hidden` is whether the
/// entry is hidden now, `None` once it is deleted (no links then). Keeps
/// `filing_totals` in step.
pub(crate) async fn link(
    conn: &mut AnyConnection,
    rev: &Revision,
    hidden: Option<bool>,
) -> Result<()> {
    if matches!(
        rev.entity_kind,
        EntityKind::Relationship | EntityKind::Repair | EntityKind::Event | EntityKind::Outcome
    ) {
        return Ok(());
    }
    let counted = rev.entity_kind != EntityKind::Category;
    if counted {
        let old = sqlx::query("SELECT category_id, hidden FROM category_links WHERE entry_id = $1")
            .bind(&rev.entity_id)
            .fetch_all(&mut *conn)
            .await?;
        let mut ids = Vec::with_capacity(old.len());
        let mut was_hidden = false;
        for r in &old {
            ids.push(r.try_get::<String, _>("category_id")?);
            was_hidden |= r.try_get::<i64, _>("hidden")? != 0;
        }
        if !ids.is_empty() && !was_hidden {
            sqlx::query(
                "UPDATE filing_totals SET n = n - 1 WHERE signature = $1 AND entry_kind = $2",
            )
            .bind(signature(ids))
            .bind(rev.entity_kind.as_str())
            .execute(&mut *conn)
            .await?;
        }
    }
    sqlx::query("DELETE FROM category_links WHERE entry_id = $1")
        .bind(&rev.entity_id)
        .execute(&mut *conn)
        .await?;
    let Some(hidden) = hidden else {
        return Ok(());
    };
    let field = if counted { "categories" } else { "parents" };
    // A peer's body is not checked as a local write is: what is not an id links nothing.
    let named: Vec<&str> = rev
        .body
        .get(field)
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let mut ids = Vec::with_capacity(named.len());
    for id in named.into_iter().filter(|id| is_entity_id(id)) {
        ids.push(resolve(conn, id).await?);
    }
    ids.sort_unstable();
    ids.dedup();
    ids.retain(|id| *id != rev.entity_id);
    for id in &ids {
        sqlx::query(
            "INSERT INTO category_links (entry_id, entry_kind, category_id, hidden) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(&rev.entity_id)
        .bind(rev.entity_kind.as_str())
        .bind(id)
        .bind(i64::from(hidden))
        .execute(&mut *conn)
        .await?;
    }
    if counted && !hidden && !ids.is_empty() {
        sqlx::query(
            "INSERT INTO filing_totals (signature, entry_kind, n) VALUES ($1, $2, 1) \
             ON CONFLICT (signature, entry_kind) DO UPDATE SET n = filing_totals.n + 1",
        )
        .bind(signature(ids))
        .bind(rev.entity_kind.as_str())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The categories an entry is filed under as one key: sorted, joined by spaces.
fn signature(mut ids: Vec<String>) -> String {
    ids.sort_unstable();
    ids.join(" ")
}

/// The category an id stands for: itself, or the one it was merged into (so an entry
/// that still names a merged category, from a peer say, is filed where it went).
async fn resolve(conn: &mut AnyConnection, id: &str) -> Result<String> {
    let mut id = id.to_string();
    // A chain is short; the bound only guards against a loop made on two peers.
    for _ in 0..8 {
        let row = sqlx::query("SELECT body FROM categories WHERE id = $1")
            .bind(&id)
            .fetch_optional(&mut *conn)
            .await?;
        let body: Option<String> = row.map(|r| r.try_get("body")).transpose()?;
        let next = body
            .and_then(|b| serde_json::from_str::<serde_json::Value>(&b).ok())
            .and_then(|b| b.get("merged_into")?.as_str().map(String::from));
        match next {
            Some(n) if is_entity_id(&n) => id = n,
            _ => break,
        }
    }
    Ok(id)
}

impl Store {
    /// Every (category, parent) pair.
    pub async fn category_parents(&self) -> Result<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT entry_id, category_id FROM category_links WHERE entry_kind = 'category'",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("entry_id")?, r.try_get("category_id")?)))
            .collect()
    }

    /// The things, stories and guides filed directly under any of these categories:
    /// what search must index again when a category's names or parents change.
    pub async fn filed_under(&self, categories: &[String]) -> Result<Vec<(EntityKind, String)>> {
        let mut out = Vec::new();
        // One statement per chunk keeps the bind count within every backend's limit.
        for chunk in categories.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT DISTINCT entry_kind, entry_id FROM category_links \
                 WHERE category_id IN ({}) AND entry_kind <> 'category'",
                marks.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for c in chunk {
                q = q.bind(c);
            }
            for r in q.fetch_all(&self.pool).await? {
                let kind: String = r.try_get("entry_kind")?;
                if let Ok(kind) = kind.parse::<EntityKind>() {
                    out.push((kind, r.try_get("entry_id")?));
                }
            }
        }
        Ok(out)
    }

    /// What the tree's counts are made of: visible entries grouped by the set of
    /// categories they are filed under, with each group's size per kind.
    pub async fn filed_counts(&self) -> Result<FiledCounts> {
        let rows = sqlx::query("SELECT signature, entry_kind, n FROM filing_totals WHERE n > 0")
            .fetch_all(&self.pool)
            .await?;
        let mut counts = FiledCounts::default();
        for r in rows {
            let kind: String = r.try_get("entry_kind")?;
            let signature: String = r.try_get("signature")?;
            if let Ok(kind) = kind.parse::<EntityKind>() {
                let ids = signature.split(' ').map(String::from).collect();
                counts.groups.push((ids, kind, r.try_get("n")?));
            }
        }
        Ok(counts)
    }

    /// The first segment of things' identifiers (`thing:kettle/…` → `kettle`), as SQL
    /// for this backend.
    fn identifier_segment(&self) -> &'static str {
        match self.backend {
            Backend::Postgres => "split_part(substr(identifier, 7), '/', 1)",
            Backend::Sqlite => {
                "CASE WHEN instr(substr(identifier, 7), '/') > 0 \
                 THEN substr(identifier, 7, instr(substr(identifier, 7), '/') - 1) \
                 ELSE substr(identifier, 7) END"
            }
        }
    }

    /// The old free categories of visible entries not filed under any category yet,
    /// with how many entries each: a story's or guide's `thing_category` text
    /// (lowercased), and for things the first segment of the identifier.
    pub async fn unfiled_texts(&self, kind: EntityKind, limit: i64) -> Result<Vec<(String, i64)>> {
        let (table, text) = match kind {
            EntityKind::Thing => ("things", self.identifier_segment()),
            EntityKind::Story => ("stories", "category"),
            EntityKind::Guide => ("guides", "category"),
            _ => return Ok(Vec::new()),
        };
        let column = if kind == EntityKind::Thing {
            "identifier"
        } else {
            "category"
        };
        let sql = format!(
            "SELECT {text} AS t, COUNT(*) AS n FROM {table} e WHERE {column} IS NOT NULL \
             AND hidden = 0 AND NOT EXISTS (SELECT 1 FROM category_links l WHERE l.entry_id = e.id) \
             GROUP BY {text} ORDER BY n DESC, t LIMIT $1"
        );
        let rows = sqlx::query(&sql).bind(limit).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| Ok((r.try_get("t")?, r.try_get("n")?)))
            .filter(|r: &Result<(String, i64)>| r.as_ref().map_or(true, |(t, _)| !t.is_empty()))
            .collect()
    }

    /// Ids of visible entries of `kind` not filed under any category whose old free
    /// category is `text` (as [`Store::unfiled_texts`] gives it).
    pub async fn unfiled_with(
        &self,
        kind: EntityKind,
        text: &str,
        limit: i64,
    ) -> Result<Vec<String>> {
        // PostgreSQL refuses NUL in text outright; no stored text holds one.
        if text.contains('\0') {
            return Ok(Vec::new());
        }
        let (table, expr) = match kind {
            EntityKind::Thing => ("things", self.identifier_segment()),
            EntityKind::Story => ("stories", "category"),
            EntityKind::Guide => ("guides", "category"),
            _ => return Ok(Vec::new()),
        };
        let sql = format!(
            "SELECT id FROM {table} e WHERE {expr} = $1 AND hidden = 0 \
             AND NOT EXISTS (SELECT 1 FROM category_links l WHERE l.entry_id = e.id) \
             ORDER BY id LIMIT $2"
        );
        let rows = sqlx::query(&sql)
            .bind(text)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
    }
}
