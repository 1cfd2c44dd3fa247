//! The translation queue's rows: per entry and content language what is missing or
//! outdated, written with the entry's row, and their totals per language and kind; the
//! queue and completeness reads; view and search counts; and the rebuild when the
//! instance's content languages change.

use crate::{Result, StorageError, Store};
use domain::revision::Revision;
use domain::translation::{category_of, summarize, Completeness, QueueItem, QueueQuery, QueueSort};
use domain::{Body, EntityKind};
use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::sync::Arc;

/// Which rows of `instance_settings` records the languages the rows were built for.
const BUILT_FOR: &str = "translation_languages";

impl Store {
    /// The content languages the queue tracks, the first taken as the language of texts
    /// that do not record theirs. Writes from now on use them; call
    /// [`Store::rebuild_translation_status`] to bring the stored rows in line.
    pub fn set_translation_languages(&self, languages: &[String]) {
        if let Ok(mut l) = self.translation_languages.write() {
            *l = Arc::new(languages.to_vec());
        }
    }

    pub(crate) fn translation_languages(&self) -> Arc<Vec<String>> {
        self.translation_languages
            .read()
            .map(|l| l.clone())
            .unwrap_or_default()
    }

    /// Rewrites every entry's rows when they were built for other languages than the
    /// current ones (a new instance, or an admin changed them). Returns whether it did.
    pub async fn rebuild_translation_status(&self) -> Result<bool> {
        let _one = self.translation_rebuild.lock().await;
        let languages = self.translation_languages();
        let wanted = languages.join(",");
        if self.instance_setting(BUILT_FOR).await?.as_deref() == Some(wanted.as_str()) {
            return Ok(false);
        }
        for kind in EntityKind::ALL {
            let mut after = String::new();
            loop {
                let sql = format!(
                    "SELECT id, body, hidden FROM {} WHERE id > $1 ORDER BY id LIMIT 500",
                    kind.plural()
                );
                let rows = sqlx::query(&sql).bind(&after).fetch_all(&self.pool).await?;
                let Some(last) = rows.last() else { break };
                after = last.try_get("id")?;
                let _gate = self.gate().await;
                let mut tx = self.pool.begin().await?;
                for r in &rows {
                    let id: String = r.try_get("id")?;
                    let body: String = r.try_get("body")?;
                    let body: Value = serde_json::from_str(&body)
                        .map_err(|e| StorageError::Corrupt(format!("{id}: {e}")))?;
                    let hidden = r.try_get::<i64, _>("hidden")? != 0;
                    refresh(&mut tx, kind, &id, (!hidden).then_some(&body), &languages).await?;
                }
                tx.commit().await?;
            }
        }
        self.put_instance_setting(BUILT_FOR, &wanted).await?;
        Ok(true)
    }

    /// One page of the queue: entries with a missing or outdated text in the language.
    pub async fn translation_queue(&self, q: &QueueQuery) -> Result<Vec<QueueItem>> {
        let order = match q.sort {
            QueueSort::Views => "views DESC, entity_id",
            QueueSort::Searches => "searches DESC, entity_id",
        };
        let mut clause = "lang = $1 AND todo > 0".to_string();
        let mut binds = vec![q.lang.clone()];
        if let Some(kind) = q.kind {
            binds.push(kind.as_str().to_string());
            clause.push_str(&format!(" AND entity_kind = ${}", binds.len()));
        }
        if let Some(c) = q.category.as_deref().filter(|c| !c.is_empty()) {
            binds.push(c.to_lowercase());
            clause.push_str(&format!(" AND category = ${}", binds.len()));
        }
        let sql = format!(
            "SELECT entity_id, entity_kind, category, label, missing, outdated, current_n, \
             reviewed_n, views, searches FROM translation_status WHERE {clause} \
             ORDER BY {order} LIMIT ${} OFFSET ${}",
            binds.len() + 1,
            binds.len() + 2
        );
        let mut query = sqlx::query(&sql);
        for b in binds {
            query = query.bind(b);
        }
        let rows = query
            .bind(q.limit)
            .bind(q.skip)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(item_from_row).collect()
    }

    /// Texts by state, per language and kind, over all visible entries.
    pub async fn translation_completeness(&self) -> Result<Vec<Completeness>> {
        let rows = sqlx::query(
            "SELECT lang, entity_kind, current_n, reviewed_n, outdated_n, missing_n \
             FROM translation_totals \
             WHERE current_n + reviewed_n + outdated_n + missing_n > 0 \
             ORDER BY lang, entity_kind",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("entity_kind")?;
                let n = |c: &str| r.try_get::<i64, _>(c).map(|n| n.max(0) as u64);
                Ok(Completeness {
                    lang: r.try_get("lang")?,
                    kind: kind
                        .parse()
                        .map_err(|_| StorageError::Corrupt(format!("kind {kind}")))?,
                    current: n("current_n")?,
                    reviewed: n("reviewed_n")?,
                    outdated: n("outdated_n")?,
                    missing: n("missing_n")?,
                })
            })
            .collect()
    }

    /// Adds page views and search appearances per entry, and copies the new totals to
    /// the entry's queue rows.
    pub async fn add_views(&self, counts: &[(String, i64, i64)]) -> Result<()> {
        let _gate = self.gate().await;
        let mut tx = self.pool.begin().await?;
        for (id, views, searches) in counts {
            sqlx::query(
                "INSERT INTO entry_views (entity_id, views, searches) VALUES ($1, $2, $3) \
                 ON CONFLICT (entity_id) DO UPDATE SET views = entry_views.views + excluded.views, \
                 searches = entry_views.searches + excluded.searches",
            )
            .bind(id)
            .bind(views)
            .bind(searches)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE translation_status SET \
                 views = (SELECT views FROM entry_views WHERE entity_id = $1), \
                 searches = (SELECT searches FROM entry_views WHERE entity_id = $1) \
                 WHERE entity_id = $1",
            )
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Called with each revision the entry rows take: rewrites its queue rows.
pub(crate) async fn follow(
    conn: &mut AnyConnection,
    rev: &Revision,
    body: Option<&Body>,
    languages: &[String],
) -> Result<()> {
    // Records, events and outcomes hold plain strings in no language: nothing to translate.
    if matches!(
        rev.entity_kind,
        EntityKind::Repair | EntityKind::Event | EntityKind::Outcome
    ) {
        return Ok(());
    }
    let visible = body.filter(|b| b.hidden().is_none()).map(|_| &rev.body);
    refresh(conn, rev.entity_kind, &rev.entity_id, visible, languages).await
}

/// Replaces an entry's rows; `None` (deleted or hidden) leaves it without any.
async fn refresh(
    conn: &mut AnyConnection,
    kind: EntityKind,
    id: &str,
    body: Option<&Value>,
    languages: &[String],
) -> Result<()> {
    let before = sqlx::query(
        "SELECT lang, entity_kind, current_n, reviewed_n, outdated_n, missing_n \
         FROM translation_status WHERE entity_id = $1",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    for r in &before {
        let n = |c: &str| r.try_get::<i64, _>(c);
        let lang: String = r.try_get("lang")?;
        let kind: String = r.try_get("entity_kind")?;
        let counts = [
            n("current_n")?,
            n("reviewed_n")?,
            n("outdated_n")?,
            n("missing_n")?,
        ];
        add_to_totals(conn, &lang, &kind, counts.map(|c| -c)).await?;
    }
    sqlx::query("DELETE FROM translation_status WHERE entity_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let (Some(body), Some(assumed)) = (body, languages.first()) else {
        return Ok(());
    };
    let category = category_of(body);
    let typed = domain::parse_body(kind, body);
    for s in summarize(kind, body, languages, assumed) {
        if s.total() == 0 {
            continue;
        }
        let label = typed.as_ref().map(|b| b.label(&s.lang)).unwrap_or_default();
        let todo = s.missing.len() + s.outdated.len();
        sqlx::query(
            "INSERT INTO translation_status (entity_id, lang, entity_kind, category, label, \
             missing, outdated, missing_n, outdated_n, current_n, reviewed_n, todo, views, searches) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
             COALESCE((SELECT views FROM entry_views WHERE entity_id = $1), 0), \
             COALESCE((SELECT searches FROM entry_views WHERE entity_id = $1), 0))",
        )
        .bind(id)
        .bind(&s.lang)
        .bind(kind.as_str())
        .bind(&category)
        .bind(label)
        .bind(s.missing.join("\n"))
        .bind(s.outdated.join("\n"))
        .bind(s.missing.len() as i64)
        .bind(s.outdated.len() as i64)
        .bind(i64::from(s.current))
        .bind(i64::from(s.reviewed))
        .bind(todo as i64)
        .execute(&mut *conn)
        .await?;
        let counts = [
            i64::from(s.current),
            i64::from(s.reviewed),
            s.outdated.len() as i64,
            s.missing.len() as i64,
        ];
        add_to_totals(conn, &s.lang, kind.as_str(), counts).await?;
    }
    Ok(())
}

/// Adds `[current, reviewed, outdated, missing]` (negative: takes away) to the totals.
async fn add_to_totals(
    conn: &mut AnyConnection,
    lang: &str,
    kind: &str,
    [current, reviewed, outdated, missing]: [i64; 4],
) -> Result<()> {
    sqlx::query(
        "INSERT INTO translation_totals (lang, entity_kind, current_n, reviewed_n, outdated_n, missing_n) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (lang, entity_kind) DO UPDATE SET \
         current_n = translation_totals.current_n + excluded.current_n, \
         reviewed_n = translation_totals.reviewed_n + excluded.reviewed_n, \
         outdated_n = translation_totals.outdated_n + excluded.outdated_n, \
         missing_n = translation_totals.missing_n + excluded.missing_n",
    )
    .bind(lang)
    .bind(kind)
    .bind(current)
    .bind(reviewed)
    .bind(outdated)
    .bind(missing)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn item_from_row(r: &AnyRow) -> Result<QueueItem> {
    let kind: String = r.try_get("entity_kind")?;
    let lines = |c: &str| -> Result<Vec<String>> {
        let s: String = r.try_get(c)?;
        Ok(s.lines().map(str::to_string).collect())
    };
    Ok(QueueItem {
        id: r.try_get("entity_id")?,
        kind: kind
            .parse()
            .map_err(|_| StorageError::Corrupt(format!("kind {kind}")))?,
        category: r.try_get("category")?,
        label: r.try_get("label")?,
        missing: lines("missing")?,
        outdated: lines("outdated")?,
        current: r.try_get::<i64, _>("current_n")?.max(0) as u64,
        reviewed: r.try_get::<i64, _>("reviewed_n")?.max(0) as u64,
        views: r.try_get::<i64, _>("views")?.max(0) as u64,
        searches: r.try_get::<i64, _>("searches")?.max(0) as u64,
    })
}
