//! The revision log: writing revisions with their entity rows in one transaction, and
//! reading the log by entry, id, cursor and author.

use crate::filters::{filter_columns, index_values};
use crate::{Backend, Materialize, Result, StorageError, Store, LOG_WRITE_LOCK, REVISION_COLUMNS};
use domain::revision::{Op, Revision};
use domain::EntityKind;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

impl Store {
    /// Appends revisions and applies them to the entity rows, all in one transaction.
    pub async fn write(&self, changes: Vec<(Revision, Materialize)>) -> Result<()> {
        self.write_from(&changes, None).await.map(|_| ())
    }

    /// As [`Store::write`], and records which peer delivered the revisions (with its
    /// trust then) in the same transaction. Returns how many revisions were new here
    /// (one already stored, say by a racing delivery, is skipped and not counted).
    pub async fn write_from(
        &self,
        changes: &[(Revision, Materialize)],
        source: Option<(&str, domain::peer::Trust)>,
    ) -> Result<usize> {
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
        let mut new = 0;
        let languages = self.translation_languages();
        for (rev, change) in changes {
            new += usize::from(insert_revision(&mut tx, rev).await?);
            materialize(&mut tx, rev, change, &languages).await?;
            if let Some((peer_id, trust)) = source {
                crate::federation::insert_source(&mut tx, &rev.id, peer_id, trust).await?;
            }
        }
        tx.commit().await?;
        self.changed.send_modify(|n| *n += 1);
        Ok(new)
    }

    /// Applies a change to the entity row alone (the revision is already stored).
    pub async fn settle_row(&self, rev: &Revision, change: Materialize) -> Result<()> {
        let _gate = self.gate().await;
        let mut tx = self.pool.begin().await?;
        materialize(&mut tx, rev, &change, &self.translation_languages()).await?;
        tx.commit().await?;
        self.changed.send_modify(|n| *n += 1);
        Ok(())
    }

    /// How many writes this process has made: a cache of derived figures is current
    /// while it stays the same.
    pub fn change_count(&self) -> u64 {
        *self.changed.borrow()
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

    /// An entity's first and latest revision, without reading the ones between (an
    /// entry's byline on every page view).
    pub async fn first_and_last(&self, entity_id: &str) -> Result<Option<(Revision, Revision)>> {
        let mut ends = Vec::with_capacity(2);
        for order in ["ASC", "DESC"] {
            let sql = format!(
                "SELECT {REVISION_COLUMNS} FROM revisions WHERE entity_id = $1 ORDER BY seq {order} LIMIT 1"
            );
            let row = sqlx::query(&sql)
                .bind(entity_id)
                .fetch_optional(&self.pool)
                .await?;
            match row {
                Some(r) => ends.push(revision_from_row(&r)?),
                None => return Ok(None),
            }
        }
        let last = ends.pop();
        Ok(ends.pop().zip(last))
    }

    pub async fn revision(&self, id: &str) -> Result<Option<Revision>> {
        // PostgreSQL refuses NUL in text outright; no stored id holds one.
        if id.contains('\0') {
            return Ok(None);
        }
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

    pub async fn recent_revisions(&self, limit: i64) -> Result<Vec<Revision>> {
        let sql = format!("SELECT {REVISION_COLUMNS} FROM revisions ORDER BY seq DESC LIMIT $1");
        let rows = sqlx::query(&sql).bind(limit).fetch_all(&self.pool).await?;
        rows.iter().map(revision_from_row).collect()
    }

    /// Revisions by one author, newest first.
    pub async fn revisions_by(
        &self,
        author: &str,
        origin_instance: &str,
        limit: i64,
    ) -> Result<Vec<Revision>> {
        let sql = format!(
            "SELECT {REVISION_COLUMNS} FROM revisions WHERE author = $1 AND origin_instance = $2 \
             ORDER BY seq DESC LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(author)
            .bind(origin_instance)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(revision_from_row).collect()
    }
}

/// Whether the revision was new (inserting a known one does nothing).
async fn insert_revision(conn: &mut AnyConnection, rev: &Revision) -> Result<bool> {
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
    let new = done.rows_affected() == 1;
    if new {
        bump(conn, "revisions", 1).await?;
        crate::media::record_uses(conn, rev).await?;
    }
    Ok(new)
}

async fn bump(conn: &mut AnyConnection, name: &str, by: i64) -> Result<()> {
    sqlx::query("UPDATE counters SET value = value + $1 WHERE name = $2")
        .bind(by)
        .bind(name)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn materialize(
    conn: &mut AnyConnection,
    rev: &Revision,
    change: &Materialize,
    languages: &[String],
) -> Result<()> {
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
            names.extend_from_slice(&cols);
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
            for v in index_values(rev.entity_kind, &rev.body) {
                q = q.bind(v);
            }
            q.execute(&mut *conn).await.map_err(|e| match &e {
                sqlx::Error::Database(db) if db.is_unique_violation() => {
                    StorageError::AlreadyExists
                }
                _ => StorageError::Db(e),
            })?;
            bump(conn, table, 1).await?;
            crate::taxonomy::link(conn, rev, Some(body.hidden().is_some())).await?;
            crate::tags::link(conn, rev, Some(body.hidden().is_some())).await?;
            crate::vocabulary::link(conn, rev.entity_kind, &rev.entity_id, Some(body)).await?;
            crate::impact::link(conn, rev, Some(body)).await?;
            crate::translations::follow(conn, rev, Some(body), languages).await?;
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
            for v in index_values(rev.entity_kind, &rev.body) {
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
            crate::taxonomy::link(conn, rev, Some(body.hidden().is_some())).await?;
            crate::tags::link(conn, rev, Some(body.hidden().is_some())).await?;
            crate::vocabulary::link(conn, rev.entity_kind, &rev.entity_id, Some(body)).await?;
            crate::impact::link(conn, rev, Some(body)).await?;
            crate::translations::follow(conn, rev, Some(body), languages).await?;
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
            crate::taxonomy::link(conn, rev, None).await?;
            crate::tags::link(conn, rev, None).await?;
            crate::vocabulary::link(conn, rev.entity_kind, &rev.entity_id, None).await?;
            crate::impact::link(conn, rev, None).await?;
            crate::translations::follow(conn, rev, None, languages).await?;
        }
    }
    Ok(())
}

pub(crate) fn revision_from_row(r: &AnyRow) -> Result<Revision> {
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
