//! All SQL lives here. One interface over SQLite (embedded default) and PostgreSQL,
//! through sqlx's `Any` driver: every column is TEXT or BIGINT so both backends
//! share the statements; only the migrations differ per backend.

use domain::revision::{Op, Revision};
use domain::{Body, Counts, EntityKind, EntityMeta};
use serde_json::Value;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyConnection, AnyPool, Executor, Row};
use std::time::Duration;

mod accounts;
mod audit;
mod federation;

pub use accounts::UserRow;
pub use audit::{AuditFilter, AuditRow};
pub use federation::{Delivery, HeldRevision};

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("unsupported DATABASE_URL (use sqlite:… or postgres://…)")]
    UnsupportedUrl,
    /// Optimistic concurrency: the row's head moved since the caller read it.
    #[error("entity changed concurrently")]
    HeadMoved,
    #[error("entity already exists")]
    AlreadyExists,
}

pub type Result<T> = std::result::Result<T, StorageError>;

/// Arbitrary, fixed: the PostgreSQL advisory lock key that orders log writers.
const LOG_WRITE_LOCK: i64 = 0x7468_696e_676c_6f67;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct StoredEntity {
    pub meta: EntityMeta,
    pub body: Value,
}

/// How a revision changes the materialized entity row.
pub enum Materialize {
    /// Insert a new row; fails with `AlreadyExists` if the id is taken.
    Insert { body: Body, created_at: String },
    /// Update the row if its head is still `expected_head`.
    Update { body: Body, expected_head: String },
    /// Remove the row if its head is still `expected_head` (the revision keeps history).
    Delete { expected_head: String },
    /// Only record the revision (a concurrent branch); the row is settled afterwards.
    Nothing,
}

/// A stored conflict between concurrent versions of one entity.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictRow {
    pub id: String,
    pub entity_kind: EntityKind,
    pub entity_id: String,
    pub base_revision: Option<String>,
    pub tips: Vec<String>,
    pub fields: Value,
    pub status: String,
    pub created_at: String,
    pub closed_at: Option<String>,
    pub resolution: Option<String>,
}

/// Equality filters on a kind's indexed columns. Column names come from
/// [`filter_columns`], never from user input.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub eq: Vec<(&'static str, String)>,
}

impl ListFilter {
    /// Builds the filter from request parameters named as in the API (`type`,
    /// `manufacturer`, `thing_id`, …); empty values are ignored.
    pub fn from_params(kind: EntityKind, param: impl Fn(&str) -> Option<String>) -> Self {
        let mut f = ListFilter::default();
        for col in filter_columns(kind) {
            let Some(v) = param(filter_param(col))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
            else {
                continue;
            };
            // Manufacturer and category are matched case-insensitively (stored lowercased).
            let v = if matches!(*col, "manufacturer" | "category") {
                v.to_lowercase()
            } else {
                v
            };
            f.eq.push((col, v));
        }
        f
    }
}

/// The request parameter that filters on a column.
pub fn filter_param(col: &str) -> &str {
    match col {
        "thing_type" | "story_type" | "guide_type" => "type",
        other => other,
    }
}

/// The filterable columns of each kind's table.
pub fn filter_columns(kind: EntityKind) -> &'static [&'static str] {
    match kind {
        EntityKind::Thing => &["thing_type", "manufacturer", "identifier"],
        EntityKind::Story => &["thing_id", "category", "story_type"],
        EntityKind::Guide => &["thing_id", "category", "guide_type"],
        EntityKind::Relationship => &[
            "source_type",
            "source_id",
            "target_type",
            "target_id",
            "relationship_type",
            "direction",
        ],
    }
}

fn index_values(body: &Body) -> Vec<Option<String>> {
    match body {
        Body::Thing(t) => vec![
            Some(t.thing_type.clone()),
            Some(t.manufacturer.name.to_lowercase()),
            t.identifier.clone(),
        ],
        Body::Story(s) => vec![
            s.thing_id.clone(),
            s.thing_category.as_ref().map(|c| c.category.to_lowercase()),
            Some(s.story_type.clone()),
        ],
        Body::Guide(g) => vec![
            g.thing_id.clone(),
            g.thing_category.as_ref().map(|c| c.category.to_lowercase()),
            Some(g.guide_type.primary.clone()),
        ],
        Body::Relationship(r) => vec![
            Some(r.source_type.as_str().to_string()),
            Some(r.source_id.clone()),
            Some(r.target_type.as_str().to_string()),
            Some(r.target_id.clone()),
            Some(r.relationship_type.clone()),
            Some(r.direction.clone()),
        ],
    }
}

/// Cheap to clone: clones share the pool and the write gate.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite allows one writer; queueing writers here avoids busy-retry storms.
    write_gate: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// Ticks after every committed change to entities, so followers of the log (the
    /// search indexer) wake at once instead of at their next poll.
    changed: std::sync::Arc<tokio::sync::watch::Sender<u64>>,
}

const CONFLICT_COLUMNS: &str =
    "id, entity_kind, entity_id, base_revision, tips, fields, status, created_at, closed_at, resolution";
const ENTITY_COLUMNS: &str = "id, uri, body, head_revision, created_at, updated_at";
const REVISION_COLUMNS: &str =
    "id, entity_uri, entity_kind, entity_id, parents, body, author, origin_instance, created_at, op, signature";

impl Store {
    pub async fn connect(url: &str) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let (backend, url) = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_string())
        } else if url.starts_with("sqlite:") {
            let url = if url.contains("mode=") || url.contains(":memory:") {
                url.to_string()
            } else if url.contains('?') {
                format!("{url}&mode=rwc")
            } else {
                format!("{url}?mode=rwc")
            };
            (Backend::Sqlite, url)
        } else {
            return Err(StorageError::UnsupportedUrl);
        };
        let opts = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(30));
        let opts = if backend == Backend::Sqlite {
            opts.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(
                        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; \
                         PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; \
                         PRAGMA mmap_size=268435456; PRAGMA cache_size=-16000;",
                    )
                    .await?;
                    Ok(())
                })
            })
        } else {
            opts
        };
        let pool = opts.connect(&url).await?;
        Ok(Self {
            pool,
            backend,
            write_gate: std::sync::Arc::new(tokio::sync::Mutex::new(())),
            changed: std::sync::Arc::new(tokio::sync::watch::Sender::new(0)),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub async fn migrate(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite").run(&self.pool).await?,
            Backend::Postgres => {
                sqlx::migrate!("migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

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
             UNION ALL SELECT 'guide' FROM guides WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(match row {
            Some(r) => r.try_get::<String, _>("k")?.parse().ok(),
            None => None,
        })
    }

    pub async fn list(
        &self,
        kind: EntityKind,
        filter: &ListFilter,
        skip: i64,
        limit: i64,
    ) -> Result<(Vec<StoredEntity>, i64)> {
        // Hidden entries stay out of lists; moderators reach them by link.
        let mut clause = " WHERE hidden = 0".to_string();
        for (i, (col, _)) in filter.eq.iter().enumerate() {
            clause.push_str(&format!(" AND {col} = ${}", i + 1));
        }
        let table = kind.plural();
        let n = filter.eq.len();
        let sql = format!(
            "SELECT {ENTITY_COLUMNS} FROM {table}{clause} ORDER BY updated_at DESC, id DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let mut q = sqlx::query(&sql);
        for (_, v) in &filter.eq {
            q = q.bind(v.clone());
        }
        let rows = q.bind(limit).bind(skip).fetch_all(&self.pool).await?;
        let items = rows
            .iter()
            .map(|r| entity_from_row(kind, r))
            .collect::<Result<Vec<_>>>()?;
        let total: i64 = if filter.eq.is_empty() {
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
            for (_, v) in &filter.eq {
                q = q.bind(v.clone());
            }
            q.fetch_one(&self.pool).await?.try_get("n")?
        };
        Ok((items, total))
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

    /// Appends revisions and applies them to the entity rows, all in one transaction.
    pub async fn write(&self, changes: Vec<(Revision, Materialize)>) -> Result<()> {
        self.write_from(&changes, None).await
    }

    /// As [`Store::write`], and records which peer delivered the revisions (with its
    /// trust then) in the same transaction.
    pub async fn write_from(
        &self,
        changes: &[(Revision, Materialize)],
        source: Option<(&str, domain::peer::Trust)>,
    ) -> Result<()> {
        let _gate = match self.backend {
            Backend::Sqlite => Some(self.write_gate.lock().await),
            Backend::Postgres => None,
        };
        let mut tx = self.pool.begin().await?;
        if self.backend == Backend::Postgres {
            // Sequence numbers are taken at insert but seen at commit; writers one at a
            // time keep the log's order the commit order, so a follower that read up to
            // a number never misses a smaller one committed later.
            sqlx::query("SELECT CAST(pg_advisory_xact_lock($1) AS TEXT) AS locked")
                .bind(LOG_WRITE_LOCK)
                .fetch_one(&mut *tx)
                .await?;
        }
        for (rev, change) in changes {
            insert_revision(&mut tx, rev).await?;
            materialize(&mut tx, rev, change).await?;
            if let Some((peer_id, trust)) = source {
                federation::insert_source(&mut tx, &rev.id, peer_id, trust).await?;
            }
        }
        tx.commit().await?;
        self.changed.send_modify(|n| *n += 1);
        Ok(())
    }

    /// Applies a change to the entity row alone (the revision is already stored).
    pub async fn settle_row(&self, rev: &Revision, change: Materialize) -> Result<()> {
        let _gate = self.gate().await;
        let mut tx = self.pool.begin().await?;
        materialize(&mut tx, rev, &change).await?;
        tx.commit().await?;
        self.changed.send_modify(|n| *n += 1);
        Ok(())
    }

    /// Wakes when entities change through this process.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.changed.subscribe()
    }

    /// The newest sequence number of the revision log (0 when empty).
    pub async fn max_seq(&self) -> Result<i64> {
        let row = sqlx::query("SELECT COALESCE(MAX(seq), 0) AS n FROM revisions")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    /// (sequence number, kind, entity id) of the log entries after `after_seq`: what
    /// followers of the log need without the bodies.
    pub async fn changes_after(
        &self,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<(i64, EntityKind, String)>> {
        let rows = sqlx::query(
            "SELECT seq, entity_kind, entity_id FROM revisions WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after_seq)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("entity_kind")?;
                let kind = kind
                    .parse()
                    .map_err(|()| StorageError::Corrupt(format!("entity kind {kind}")))?;
                Ok((r.try_get("seq")?, kind, r.try_get("entity_id")?))
            })
            .collect()
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

    /// Every revision of an entity, oldest first.
    pub async fn history(&self, entity_id: &str) -> Result<Vec<Revision>> {
        let sql =
            format!("SELECT {REVISION_COLUMNS} FROM revisions WHERE entity_id = $1 ORDER BY seq");
        let rows = sqlx::query(&sql)
            .bind(entity_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(revision_from_row).collect()
    }

    pub async fn revision(&self, id: &str) -> Result<Option<Revision>> {
        let sql = format!("SELECT {REVISION_COLUMNS} FROM revisions WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(revision_from_row).transpose()
    }

    /// A page of the revision log in log order, after the given sequence number.
    pub async fn revisions_after(
        &self,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<(i64, Revision)>> {
        let sql = format!(
            "SELECT seq, {REVISION_COLUMNS} FROM revisions WHERE seq > $1 ORDER BY seq LIMIT $2"
        );
        let rows = sqlx::query(&sql)
            .bind(after_seq)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get::<i64, _>("seq")?, revision_from_row(r)?)))
            .collect()
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

    pub async fn recent_revisions(&self, limit: i64) -> Result<Vec<Revision>> {
        let sql = format!("SELECT {REVISION_COLUMNS} FROM revisions ORDER BY seq DESC LIMIT $1");
        let rows = sqlx::query(&sql).bind(limit).fetch_all(&self.pool).await?;
        rows.iter().map(revision_from_row).collect()
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
                "revisions" => c.revisions = value,
                _ => {}
            }
        }
        Ok(c)
    }

    /// Entity ids and labels for pickers, most recently changed first.
    pub async fn labels(&self, kind: EntityKind, limit: i64) -> Result<Vec<(String, String)>> {
        let sql = format!(
            "SELECT id, label FROM {} WHERE hidden = 0 ORDER BY updated_at DESC LIMIT $1",
            kind.plural()
        );
        let rows = sqlx::query(&sql).bind(limit).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("label")?)))
            .collect()
    }

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

    /// Revisions by one author, newest first.
    pub async fn revisions_by(&self, author: &str, limit: i64) -> Result<Vec<Revision>> {
        let sql = format!(
            "SELECT {REVISION_COLUMNS} FROM revisions WHERE author = $1 ORDER BY seq DESC LIMIT $2"
        );
        let rows = sqlx::query(&sql)
            .bind(author)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(revision_from_row).collect()
    }

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

    async fn gate(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite => Some(self.write_gate.lock().await),
            Backend::Postgres => None,
        }
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

async fn insert_revision(conn: &mut AnyConnection, rev: &Revision) -> Result<()> {
    let parents =
        serde_json::to_string(&rev.parents).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    let done = sqlx::query(&format!(
        "INSERT INTO revisions ({REVISION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (id) DO NOTHING"
    ))
    .bind(&rev.id)
    .bind(&rev.entity_uri)
    .bind(rev.entity_kind.as_str())
    .bind(&rev.entity_id)
    .bind(parents)
    .bind(rev.body.to_string())
    .bind(&rev.author)
    .bind(&rev.origin_instance)
    .bind(&rev.created_at)
    .bind(rev.op.as_str())
    .bind(&rev.signature)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        bump(conn, "revisions", 1).await?;
    }
    Ok(())
}

async fn bump(conn: &mut AnyConnection, name: &str, by: i64) -> Result<()> {
    sqlx::query("UPDATE counters SET value = value + $1 WHERE name = $2")
        .bind(by)
        .bind(name)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn materialize(conn: &mut AnyConnection, rev: &Revision, change: &Materialize) -> Result<()> {
    let table = rev.entity_kind.plural();
    let cols = filter_columns(rev.entity_kind);
    match change {
        Materialize::Insert { body, created_at } => {
            let mut names = vec![
                "id",
                "uri",
                "body",
                "head_revision",
                "created_at",
                "updated_at",
                "label",
                "hidden",
            ];
            names.extend_from_slice(cols);
            let params: Vec<String> = (1..=names.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                names.join(", "),
                params.join(", ")
            );
            let mut q = sqlx::query(&sql)
                .bind(&rev.entity_id)
                .bind(&rev.entity_uri)
                .bind(rev.body.to_string())
                .bind(&rev.id)
                .bind(created_at)
                .bind(&rev.created_at)
                .bind(body.label("en"))
                .bind(i64::from(body.hidden().is_some()));
            for v in index_values(body) {
                q = q.bind(v);
            }
            q.execute(&mut *conn).await.map_err(|e| match &e {
                sqlx::Error::Database(db) if db.is_unique_violation() => {
                    StorageError::AlreadyExists
                }
                _ => StorageError::Db(e),
            })?;
            bump(conn, table, 1).await?;
        }
        Materialize::Update {
            body,
            expected_head,
        } => {
            let mut sets = vec![
                "body = $1".to_string(),
                "head_revision = $2".to_string(),
                "updated_at = $3".to_string(),
                "label = $4".to_string(),
                "hidden = $5".to_string(),
            ];
            for (i, c) in cols.iter().enumerate() {
                sets.push(format!("{c} = ${}", i + 6));
            }
            let n = sets.len();
            let sql = format!(
                "UPDATE {table} SET {} WHERE id = ${} AND head_revision = ${}",
                sets.join(", "),
                n + 1,
                n + 2
            );
            let mut q = sqlx::query(&sql)
                .bind(rev.body.to_string())
                .bind(&rev.id)
                .bind(&rev.created_at)
                .bind(body.label("en"))
                .bind(i64::from(body.hidden().is_some()));
            for v in index_values(body) {
                q = q.bind(v);
            }
            let done = q
                .bind(&rev.entity_id)
                .bind(expected_head)
                .execute(&mut *conn)
                .await?;
            if done.rows_affected() != 1 {
                return Err(StorageError::HeadMoved);
            }
        }
        Materialize::Nothing => {}
        Materialize::Delete { expected_head } => {
            let sql = format!("DELETE FROM {table} WHERE id = $1 AND head_revision = $2");
            let done = sqlx::query(&sql)
                .bind(&rev.entity_id)
                .bind(expected_head)
                .execute(&mut *conn)
                .await?;
            if done.rows_affected() != 1 {
                return Err(StorageError::HeadMoved);
            }
            bump(conn, table, -1).await?;
        }
    }
    Ok(())
}

fn entity_from_row(kind: EntityKind, r: &AnyRow) -> Result<StoredEntity> {
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

fn conflict_from_row(r: &AnyRow) -> Result<ConflictRow> {
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

fn revision_from_row(r: &AnyRow) -> Result<Revision> {
    let corrupt = |what: &str| StorageError::Corrupt(what.to_string());
    let parents: String = r.try_get("parents")?;
    let body: String = r.try_get("body")?;
    let kind: String = r.try_get("entity_kind")?;
    let op: String = r.try_get("op")?;
    Ok(Revision {
        id: r.try_get("id")?,
        entity_uri: r.try_get("entity_uri")?,
        entity_kind: kind.parse().map_err(|_| corrupt("revision kind"))?,
        entity_id: r.try_get("entity_id")?,
        parents: serde_json::from_str(&parents).map_err(|_| corrupt("revision parents"))?,
        body: serde_json::from_str(&body).map_err(|_| corrupt("revision body"))?,
        author: r.try_get("author")?,
        origin_instance: r.try_get("origin_instance")?,
        created_at: r.try_get("created_at")?,
        op: Op::parse(&op).ok_or_else(|| corrupt("revision op"))?,
        signature: r.try_get("signature")?,
    })
}
