//! Reading entries: one, many, a page of a kind, relationships and the graph's edges,
//! counts and labels.

use crate::{ListFilter, Result, StorageError, Store, StoredEntity, ENTITY_COLUMNS};
use domain::{Counts, EntityKind, EntityMeta};
use sqlx::any::AnyRow;
use sqlx::Row;

impl Store {
    pub async fn get(&self, kind: EntityKind, id: &str) -> Result<Option<StoredEntity>> {
        let sql = format!(
            "SELECT {ENTITY_COLUMNS} FROM {} WHERE id = $1",
            kind.plural()
        );
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| entity_from_row(kind, &r)).transpose()
    }

    /// Which endpoint table an id lives in, if any.
    pub async fn kind_of(&self, id: &str) -> Result<Option<EntityKind>> {
        let row = sqlx::query(
            "SELECT 'thing' AS k FROM things WHERE id = $1 \
             UNION ALL SELECT 'story' FROM stories WHERE id = $1 \
             UNION ALL SELECT 'guide' FROM guides WHERE id = $1 \
             UNION ALL SELECT 'event' FROM events WHERE id = $1 \
             UNION ALL SELECT 'repair' FROM repairs WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(match row {
            Some(r) => r.try_get::<String, _>("k")?.parse().ok(),
            None => None,
        })
    }

    /// A page of visible entries, newest first, and how many the filter keeps.
    pub async fn list(
        &self,
        kind: EntityKind,
        filter: &ListFilter,
        skip: i64,
        limit: i64,
    ) -> Result<(Vec<StoredEntity>, i64)> {
        let items = self.list_page(kind, filter, skip, limit).await?;
        let table = kind.plural();
        let (clause, binds) = list_clause(kind, filter);
        let total: i64 = if binds.is_empty() && filter.within.is_none() && filter.tag.is_none() {
            let all: i64 = sqlx::query("SELECT value AS n FROM counters WHERE name = $1")
                .bind(table)
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?;
            let hidden: i64 = sqlx::query(&format!(
                "SELECT COUNT(*) AS n FROM {table} WHERE hidden = 1"
            ))
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
            all - hidden
        } else {
            let count_sql = format!("SELECT COUNT(*) AS n FROM {table}{clause}");
            let mut q = sqlx::query(&count_sql);
            for v in &binds {
                q = q.bind(*v);
            }
            q.fetch_one(&self.pool).await?.try_get("n")?
        };
        Ok((items, total))
    }

    /// A page of visible entries, newest first, without counting them all: for callers
    /// that know the total another way (a category's counts).
    pub async fn list_page(
        &self,
        kind: EntityKind,
        filter: &ListFilter,
        skip: i64,
        limit: i64,
    ) -> Result<Vec<StoredEntity>> {
        // The kept counts say the filter keeps nothing: no need to look.
        if filter.expected == Some(0) {
            return Ok(Vec::new());
        }
        let (clause, binds) = list_clause(kind, filter);
        let n = binds.len();
        let sql = format!(
            "SELECT {ENTITY_COLUMNS} FROM {}{clause} ORDER BY updated_at DESC, id DESC LIMIT ${} OFFSET ${}",
            kind.plural(),
            n + 1,
            n + 2
        );
        let mut q = sqlx::query(&sql);
        for v in &binds {
            q = q.bind(*v);
        }
        let rows = q.bind(limit).bind(skip).fetch_all(&self.pool).await?;
        rows.iter().map(|r| entity_from_row(kind, r)).collect()
    }

    /// Relationships where the entity is source or target.
    pub async fn relationships_of(&self, id: &str) -> Result<Vec<StoredEntity>> {
        let sql = format!(
            "SELECT {ENTITY_COLUMNS} FROM relationships WHERE source_id = $1 OR target_id = $1 \
             ORDER BY relationship_type, updated_at DESC LIMIT 1000"
        );
        let rows = sqlx::query(&sql).bind(id).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| entity_from_row(EntityKind::Relationship, r))
            .collect()
    }

    /// Every edge of the knowledge graph: (entry, from, to, type) for each relationship
    /// that is not hidden, and (story or guide, itself, its thing, `applies_to`) for each
    /// visible story and guide that names a thing. Streamed: there may be millions.
    pub async fn for_each_edge(&self, mut f: impl FnMut(&str, &str, &str, &str)) -> Result<()> {
        use futures_util::TryStreamExt;
        let mut rows = sqlx::query(
            "SELECT id AS e, source_id AS a, target_id AS b, relationship_type AS t FROM relationships \
               WHERE hidden = 0 \
             UNION ALL SELECT id, id, thing_id, 'applies_to' FROM stories \
               WHERE hidden = 0 AND thing_id IS NOT NULL \
             UNION ALL SELECT id, id, thing_id, 'applies_to' FROM guides \
               WHERE hidden = 0 AND thing_id IS NOT NULL",
        )
        .fetch(&self.pool);
        while let Some(r) = rows.try_next().await? {
            let [e, a, b, t]: [String; 4] = [
                r.try_get("e")?,
                r.try_get("a")?,
                r.try_get("b")?,
                r.try_get("t")?,
            ];
            f(&e, &a, &b, &t);
        }
        Ok(())
    }

    /// Stories or guides that name this thing directly.
    pub async fn applying_to(&self, kind: EntityKind, thing_id: &str) -> Result<Vec<StoredEntity>> {
        let sql = format!(
            "SELECT {ENTITY_COLUMNS} FROM {} WHERE thing_id = $1 AND hidden = 0 \
             ORDER BY updated_at DESC LIMIT 200",
            kind.plural()
        );
        let rows = sqlx::query(&sql)
            .bind(thing_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| entity_from_row(kind, r)).collect()
    }

    /// An existing relationship with the same endpoints and type (either way round
    /// when `either_direction`), other than `exclude_id`.
    pub async fn find_duplicate_relationship(
        &self,
        source_id: &str,
        target_id: &str,
        relationship_type: &str,
        either_direction: bool,
        exclude_id: Option<&str>,
    ) -> Result<bool> {
        let sql = if either_direction {
            "SELECT id FROM relationships WHERE relationship_type = $3 AND id <> $4 AND \
             ((source_id = $1 AND target_id = $2) OR (source_id = $2 AND target_id = $1)) LIMIT 1"
        } else {
            "SELECT id FROM relationships WHERE relationship_type = $3 AND id <> $4 AND \
             ((source_id = $1 AND target_id = $2) OR (source_id = $2 AND target_id = $1 AND direction = 'bidirectional')) LIMIT 1"
        };
        let row = sqlx::query(sql)
            .bind(source_id)
            .bind(target_id)
            .bind(relationship_type)
            .bind(exclude_id.unwrap_or(""))
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    /// The current rows of these ids (those that exist).
    pub async fn get_many(&self, kind: EntityKind, ids: &[String]) -> Result<Vec<StoredEntity>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT {ENTITY_COLUMNS} FROM {} WHERE id IN ({})",
                kind.plural(),
                marks.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for id in chunk {
                q = q.bind(id);
            }
            for r in q.fetch_all(&self.pool).await? {
                out.push(entity_from_row(kind, &r)?);
            }
        }
        Ok(out)
    }

    /// A page of a kind's materialized rows, ordered by id, after `after_id`.
    pub async fn rows_after(
        &self,
        kind: EntityKind,
        after_id: &str,
        limit: i64,
    ) -> Result<Vec<StoredEntity>> {
        let sql = format!(
            "SELECT {ENTITY_COLUMNS} FROM {} WHERE id > $1 ORDER BY id LIMIT $2",
            kind.plural()
        );
        let rows = sqlx::query(&sql)
            .bind(after_id)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| entity_from_row(kind, r)).collect()
    }

    /// Ids of entities whose latest revision is not a delete, per kind, for consistency checks.
    pub async fn live_entity_ids(&self, kind: EntityKind) -> Result<Vec<String>> {
        let rows = sqlx::query(
            "SELECT r.entity_id AS id FROM revisions r \
             JOIN (SELECT entity_id, MAX(seq) AS seq FROM revisions WHERE entity_kind = $1 GROUP BY entity_id) last \
             ON r.seq = last.seq WHERE r.op <> 'delete' ORDER BY r.entity_id",
        )
        .bind(kind.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
    }

    /// How many revisions this database holds: it changes with every write, on every
    /// app node, so a value derived from the entries can be kept until it moves.
    pub async fn change_stamp(&self) -> Result<i64> {
        Ok(
            sqlx::query("SELECT value FROM counters WHERE name = 'revisions'")
                .fetch_one(&self.pool)
                .await?
                .try_get("value")?,
        )
    }

    pub async fn counts(&self) -> Result<Counts> {
        let rows = sqlx::query("SELECT name, value FROM counters")
            .fetch_all(&self.pool)
            .await?;
        let mut c = Counts::default();
        for r in rows {
            let name: String = r.try_get("name")?;
            let value: i64 = r.try_get("value")?;
            match name.as_str() {
                "things" => c.things = value,
                "stories" => c.stories = value,
                "guides" => c.guides = value,
                "relationships" => c.relationships = value,
                "categories" => c.categories = value,
                "terms" => c.terms = value,
                "repairs" => c.repairs = value,
                "events" => c.events = value,
                "outcomes" => c.outcomes = value,
                "revisions" => c.revisions = value,
                _ => {}
            }
        }
        Ok(c)
    }
}

impl Store {
    /// Id and last change of the visible entries of `kind`, by id: one page of the
    /// sitemap. Reads only the primary key's columns.
    pub async fn visible_page(
        &self,
        kind: EntityKind,
        skip: i64,
        limit: i64,
    ) -> Result<Vec<(String, String)>> {
        let sql = format!(
            "SELECT id, updated_at FROM {} WHERE hidden = 0 ORDER BY id LIMIT $1 OFFSET $2",
            kind.plural()
        );
        let rows = sqlx::query(&sql)
            .bind(limit)
            .bind(skip)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("updated_at")?)))
            .collect()
    }
}

pub(crate) fn entity_from_row(kind: EntityKind, r: &AnyRow) -> Result<StoredEntity> {
    let body: String = r.try_get("body")?;
    let body = serde_json::from_str(&body).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    Ok(StoredEntity {
        meta: EntityMeta {
            kind,
            id: r.try_get("id")?,
            uri: r.try_get("uri")?,
            revision: r.try_get("head_revision")?,
            created_at: r.try_get("created_at")?,
            updated_at: r.try_get("updated_at")?,
        },
        body,
    })
}

/// Up to how many entries a category or tag filter is read through its links.
const NARROW: i64 = 2000;

/// The WHERE clause of a list of `table` and its bound values, in order.
fn list_clause<'f>(kind: EntityKind, filter: &'f ListFilter) -> (String, Vec<&'f str>) {
    let table = kind.plural();
    // Hidden entries stay out of lists; moderators reach them by link.
    let mut clause = " WHERE hidden = 0".to_string();
    let mut binds: Vec<&str> = Vec::new();
    for (col, v) in &filter.eq {
        binds.push(v);
        clause.push_str(&format!(" AND {col} = ${}", binds.len()));
    }
    // `IN (subquery)` makes the database read the links first, `EXISTS` the entries
    // in list order: see `ListFilter::expected`.
    let narrow = filter.expected.is_some_and(|n| n <= NARROW);
    let mut member = |links: &str, column: &str, values: &[&'f str]| {
        let first = binds.len() + 1;
        binds.extend(values);
        let marks: Vec<String> = (first..=binds.len()).map(|i| format!("${i}")).collect();
        // An empty set matches nothing; `IN ()` is not SQL.
        let marks = if marks.is_empty() {
            "NULL".to_string()
        } else {
            marks.join(", ")
        };
        if narrow {
            // The kind keeps a few stories from being looked for among a million things.
            format!(
                " AND id IN (SELECT entry_id FROM {links} WHERE entry_kind = '{}' AND {column} IN ({marks}))",
                kind.as_str()
            )
        } else {
            format!(
                " AND EXISTS (SELECT 1 FROM {links} l WHERE l.entry_id = {table}.id AND l.{column} IN ({marks}))"
            )
        }
    };
    if let Some(within) = &filter.within {
        let values: Vec<&str> = within.iter().map(String::as_str).collect();
        let sql = member("category_links", "category_id", &values);
        clause.push_str(&sql);
    }
    if let Some(tag) = &filter.tag {
        let sql = member("entry_tags", "tag", &[tag.as_str()]);
        clause.push_str(&sql);
    }
    (clause, binds)
}
