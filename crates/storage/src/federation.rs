//! Peers, the delivery outbox, known instance keys, revisions held for review,
//! provenance of received revisions and the replay guard.

use crate::log::revision_from_row;
use crate::{Result, StorageError, Store, REVISION_COLUMNS};
use domain::peer::{InstanceInfo, Peer, PeerState, Trust};
use domain::revision::Revision;
use sqlx::any::AnyRow;
use sqlx::Row;

const PEER_COLUMNS: &str = "id, url, actor_url, inbox_url, name, description, languages, \
    public_key, software, state, trust, last_contact, last_error, revisions_in, revisions_out, \
    pull_cursor, push_cursor, created_at, updated_at, capabilities";

/// A delivery waiting in the outbox.
#[derive(Clone, Debug, PartialEq)]
pub struct Delivery {
    pub id: i64,
    pub peer_id: String,
    /// An activity (JSON) to send as it is, or empty for a range of the revision log.
    pub activity: String,
    pub after_seq: i64,
    pub upto_seq: i64,
    pub attempts: i64,
}

/// A revision from an untrusted peer, waiting for an expert.
#[derive(Clone, Debug)]
pub struct HeldRevision {
    pub peer_id: String,
    pub revision: Revision,
    pub received_at: String,
}

fn corrupt(what: &str, v: &str) -> StorageError {
    StorageError::Corrupt(format!("{what} {v}"))
}

fn held_from_row(r: &AnyRow) -> Result<HeldRevision> {
    let text: String = r.try_get("revision")?;
    Ok(HeldRevision {
        peer_id: r.try_get("peer_id")?,
        revision: serde_json::from_str(&text).map_err(|e| StorageError::Corrupt(e.to_string()))?,
        received_at: r.try_get("received_at")?,
    })
}

fn peer_from_row(r: &AnyRow) -> Result<Peer> {
    let state: String = r.try_get("state")?;
    let trust: String = r.try_get("trust")?;
    let languages: String = r.try_get("languages")?;
    let capabilities: String = r.try_get("capabilities")?;
    Ok(Peer {
        id: r.try_get("id")?,
        info: InstanceInfo {
            url: r.try_get("url")?,
            actor_url: r.try_get("actor_url")?,
            inbox_url: r.try_get("inbox_url")?,
            name: r.try_get("name")?,
            description: r.try_get("description")?,
            languages: serde_json::from_str(&languages)
                .map_err(|_| corrupt("languages", &languages))?,
            public_key: r.try_get("public_key")?,
            software: r.try_get("software")?,
            capabilities: serde_json::from_str(&capabilities)
                .map_err(|_| corrupt("capabilities", &capabilities))?,
        },
        state: state.parse().map_err(|()| corrupt("peer state", &state))?,
        trust: trust.parse().map_err(|()| corrupt("trust", &trust))?,
        last_contact: r.try_get("last_contact")?,
        last_error: r.try_get("last_error")?,
        revisions_in: r.try_get("revisions_in")?,
        revisions_out: r.try_get("revisions_out")?,
        pull_cursor: r.try_get("pull_cursor")?,
        push_cursor: r.try_get("push_cursor")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

impl Store {
    pub async fn insert_peer(&self, p: &Peer) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query(&format!(
            "INSERT INTO peers ({PEER_COLUMNS}) VALUES \
             ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)"
        ))
        .bind(&p.id)
        .bind(&p.info.url)
        .bind(&p.info.actor_url)
        .bind(&p.info.inbox_url)
        .bind(&p.info.name)
        .bind(&p.info.description)
        .bind(serde_json::to_string(&p.info.languages).unwrap_or_else(|_| "[]".into()))
        .bind(&p.info.public_key)
        .bind(&p.info.software)
        .bind(p.state.as_str())
        .bind(p.trust.as_str())
        .bind(&p.last_contact)
        .bind(&p.last_error)
        .bind(p.revisions_in)
        .bind(p.revisions_out)
        .bind(p.pull_cursor)
        .bind(p.push_cursor)
        .bind(&p.created_at)
        .bind(&p.updated_at)
        .bind(serde_json::to_string(&p.info.capabilities).unwrap_or_else(|_| "[]".into()))
        .execute(&self.pool)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => StorageError::AlreadyExists,
            _ => StorageError::Db(e),
        })?;
        self.remember_key(&p.info.url, &p.info.public_key, &p.created_at)
            .await
    }

    /// Keeps every key an origin has used; a later key is added, never replaces one.
    pub async fn remember_key(&self, origin: &str, key: &str, now: &str) -> Result<()> {
        let Some(key_id) = key.get(..16) else {
            return Ok(());
        };
        sqlx::query(
            "INSERT INTO origin_keys (origin, key_id, public_key, first_seen) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (origin, key_id) DO NOTHING",
        )
        .bind(origin)
        .bind(key_id)
        .bind(key)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every key `origin` is known to have used, oldest first.
    pub async fn origin_keys(&self, origin: &str) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT public_key FROM origin_keys WHERE origin = $1 ORDER BY first_seen, key_id",
        )
        .bind(origin)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(k,)| k).collect())
    }

    /// Refreshes what a peer says about itself (name, key, inbox …).
    pub async fn update_peer_info(&self, id: &str, info: &InstanceInfo, now: &str) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query(
            "UPDATE peers SET actor_url = $2, inbox_url = $3, name = $4, description = $5, \
             languages = $6, public_key = $7, software = $8, updated_at = $9, capabilities = $10 \
             WHERE id = $1",
        )
        .bind(id)
        .bind(&info.actor_url)
        .bind(&info.inbox_url)
        .bind(&info.name)
        .bind(&info.description)
        .bind(serde_json::to_string(&info.languages).unwrap_or_else(|_| "[]".into()))
        .bind(&info.public_key)
        .bind(&info.software)
        .bind(now)
        .bind(serde_json::to_string(&info.capabilities).unwrap_or_else(|_| "[]".into()))
        .execute(&self.pool)
        .await?;
        self.remember_key(&info.url, &info.public_key, now).await
    }

    pub async fn peers(&self) -> Result<Vec<Peer>> {
        let rows = sqlx::query(&format!(
            "SELECT {PEER_COLUMNS} FROM peers ORDER BY created_at, id"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(peer_from_row).collect()
    }

    async fn peer_where(&self, col: &str, v: &str) -> Result<Option<Peer>> {
        let row = sqlx::query(&format!(
            "SELECT {PEER_COLUMNS} FROM peers WHERE {col} = $1"
        ))
        .bind(v)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(peer_from_row).transpose()
    }

    pub async fn peer(&self, id: &str) -> Result<Option<Peer>> {
        self.peer_where("id", id).await
    }

    pub async fn peer_by_url(&self, url: &str) -> Result<Option<Peer>> {
        self.peer_where("url", url).await
    }

    pub async fn peer_by_actor(&self, actor_url: &str) -> Result<Option<Peer>> {
        self.peer_where("actor_url", actor_url).await
    }

    pub async fn set_peer_state(&self, id: &str, state: PeerState, now: &str) -> Result<()> {
        self.set_peer_text(id, "state", state.as_str(), now).await
    }

    pub async fn set_peer_trust(&self, id: &str, trust: Trust, now: &str) -> Result<()> {
        self.set_peer_text(id, "trust", trust.as_str(), now).await
    }

    async fn set_peer_text(&self, id: &str, col: &str, v: &str, now: &str) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query(&format!(
            "UPDATE peers SET {col} = $2, updated_at = $3 WHERE id = $1"
        ))
        .bind(id)
        .bind(v)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a contact: success (error `None`) or the failure, and revisions moved.
    pub async fn peer_contact(
        &self,
        id: &str,
        now: &str,
        error: Option<&str>,
        revisions_in: i64,
        revisions_out: i64,
    ) -> Result<()> {
        let _gate = self.gate().await;
        let q = match error {
            None => sqlx::query(
                "UPDATE peers SET last_contact = $2, last_error = NULL, \
                 revisions_in = revisions_in + $3, revisions_out = revisions_out + $4 WHERE id = $1",
            )
            .bind(id)
            .bind(now),
            Some(e) => sqlx::query(
                "UPDATE peers SET last_error = $2, \
                 revisions_in = revisions_in + $3, revisions_out = revisions_out + $4 WHERE id = $1",
            )
            .bind(id)
            .bind(e),
        };
        q.bind(revisions_in)
            .bind(revisions_out)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn set_pull_cursor(&self, id: &str, cursor: i64) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query("UPDATE peers SET pull_cursor = $2 WHERE id = $1 AND pull_cursor < $2")
            .bind(id)
            .bind(cursor)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn set_push_cursor(&self, id: &str, cursor: i64) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query("UPDATE peers SET push_cursor = $2 WHERE id = $1")
            .bind(id)
            .bind(cursor)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Queues one activity for a peer.
    pub async fn enqueue_activity(
        &self,
        peer_id: &str,
        activity: &str,
        now_ms: i64,
        now: &str,
    ) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query(
            "INSERT INTO federation_outbox (peer_id, activity, next_attempt_ms, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(peer_id)
        .bind(activity)
        .bind(now_ms)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Queues the log after the peer's push cursor, in batches of `batch` entries,
    /// and moves the cursor, in one transaction: a range is queued exactly once.
    pub async fn enqueue_log(
        &self,
        peer_id: &str,
        upto: i64,
        batch: i64,
        now_ms: i64,
        now: &str,
    ) -> Result<usize> {
        let _gate = self.gate().await;
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query("SELECT push_cursor FROM peers WHERE id = $1")
            .bind(peer_id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else { return Ok(0) };
        let mut from: i64 = row.try_get("push_cursor")?;
        let mut queued = 0;
        while from < upto {
            let to = (from + batch).min(upto);
            sqlx::query(
                "INSERT INTO federation_outbox (peer_id, activity, after_seq, upto_seq, next_attempt_ms, created_at) \
                 VALUES ($1, '', $2, $3, $4, $5)",
            )
            .bind(peer_id)
            .bind(from)
            .bind(to)
            .bind(now_ms)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            from = to;
            queued += 1;
        }
        sqlx::query("UPDATE peers SET push_cursor = $2 WHERE id = $1")
            .bind(peer_id)
            .bind(from)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(queued)
    }

    /// Deliveries due by `now_ms`, oldest first.
    pub async fn due_deliveries(&self, now_ms: i64, limit: i64) -> Result<Vec<Delivery>> {
        let rows = sqlx::query(
            "SELECT id, peer_id, activity, after_seq, upto_seq, attempts FROM federation_outbox \
             WHERE next_attempt_ms <= $1 ORDER BY id LIMIT $2",
        )
        .bind(now_ms)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Delivery {
                    id: r.try_get("id")?,
                    peer_id: r.try_get("peer_id")?,
                    activity: r.try_get("activity")?,
                    after_seq: r.try_get("after_seq")?,
                    upto_seq: r.try_get("upto_seq")?,
                    attempts: r.try_get("attempts")?,
                })
            })
            .collect()
    }

    /// When the next delivery is due, if any.
    pub async fn next_delivery_ms(&self) -> Result<Option<i64>> {
        let row = sqlx::query("SELECT MIN(next_attempt_ms) AS n FROM federation_outbox")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    pub async fn outbox_len(&self) -> Result<i64> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM federation_outbox")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    pub async fn delivered(&self, id: i64) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query("DELETE FROM federation_outbox WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn delivery_failed(&self, id: i64, next_ms: i64, error: &str) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query(
            "UPDATE federation_outbox SET attempts = attempts + 1, next_attempt_ms = $2, last_error = $3 \
             WHERE id = $1",
        )
        .bind(id)
        .bind(next_ms)
        .bind(error)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Makes a peer's waiting deliveries due now (it is back, or was just accepted).
    pub async fn deliveries_due_now(&self, peer_id: &str, now_ms: i64) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query("UPDATE federation_outbox SET next_attempt_ms = $2 WHERE peer_id = $1")
            .bind(peer_id)
            .bind(now_ms)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Log entries in `(after, upto]` not made by `skip_origin` (no echo to the sender).
    pub async fn revisions_between(
        &self,
        after: i64,
        upto: i64,
        skip_origin: &str,
    ) -> Result<Vec<(i64, Revision)>> {
        let sql = format!(
            "SELECT seq, {REVISION_COLUMNS} FROM revisions WHERE seq > $1 AND seq <= $2 \
             AND origin_instance <> $3 ORDER BY seq"
        );
        let rows = sqlx::query(&sql)
            .bind(after)
            .bind(upto)
            .bind(skip_origin)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("seq")?, revision_from_row(r)?)))
            .collect()
    }

    pub async fn instance_key(&self, origin: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT public_key FROM instance_keys WHERE origin = $1")
            .bind(origin)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| r.try_get("public_key").map_err(StorageError::from))
            .transpose()
    }

    /// Remembers the key (and name) of an instance known only as the origin of
    /// revisions relayed by peers.
    pub async fn put_instance_key(
        &self,
        origin: &str,
        key: &str,
        name: &str,
        now: &str,
    ) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query(
            "INSERT INTO instance_keys (origin, public_key, fetched_at, name) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (origin) DO UPDATE SET public_key = excluded.public_key, \
             fetched_at = excluded.fetched_at, name = excluded.name",
        )
        .bind(origin)
        .bind(key)
        .bind(now)
        .bind(name)
        .execute(&self.pool)
        .await?;
        self.remember_key(origin, key, now).await
    }

    /// The name of the instance at `url`: as its peer entry has it, else as its actor
    /// document gave it when its key was fetched for relayed revisions.
    pub async fn instance_name(&self, url: &str) -> Result<Option<String>> {
        let row: Option<(Option<String>,)> = sqlx::query_as(
            "SELECT COALESCE((SELECT NULLIF(name, '') FROM peers WHERE url = $1), \
             (SELECT NULLIF(name, '') FROM instance_keys WHERE origin = $1))",
        )
        .bind(url)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|(n,)| n))
    }

    /// Holds a revision for review; holding it again changes nothing.
    pub async fn hold_revision(&self, peer_id: &str, rev: &Revision, now: &str) -> Result<bool> {
        let _gate = self.gate().await;
        let text = serde_json::to_string(rev).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        let done = sqlx::query(
            "INSERT INTO federation_held (revision_id, peer_id, entity_kind, entity_id, revision, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (revision_id) DO NOTHING",
        )
        .bind(&rev.id)
        .bind(peer_id)
        .bind(rev.entity_kind.as_str())
        .bind(&rev.entity_id)
        .bind(text)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Held revisions, oldest first.
    pub async fn held_revisions(&self, skip: i64, limit: i64) -> Result<(Vec<HeldRevision>, i64)> {
        let rows = sqlx::query(
            "SELECT peer_id, revision, received_at FROM federation_held \
             ORDER BY received_at, revision_id LIMIT $1 OFFSET $2",
        )
        .bind(limit)
        .bind(skip)
        .fetch_all(&self.pool)
        .await?;
        let total: i64 = sqlx::query("SELECT COUNT(*) AS n FROM federation_held")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        let held = rows.iter().map(held_from_row).collect::<Result<Vec<_>>>()?;
        Ok((held, total))
    }

    pub async fn held_revision(&self, revision_id: &str) -> Result<Option<HeldRevision>> {
        let row = sqlx::query(
            "SELECT peer_id, revision, received_at FROM federation_held WHERE revision_id = $1",
        )
        .bind(revision_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(held_from_row).transpose()
    }

    pub async fn release_held(&self, revision_id: &str) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query("DELETE FROM federation_held WHERE revision_id = $1")
            .bind(revision_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The peer that delivered a revision first (its name, else its address, else its
    /// id when it is gone), and the trust it had then.
    pub async fn revision_source(&self, revision_id: &str) -> Result<Option<(String, Trust)>> {
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT COALESCE(NULLIF(p.name, ''), p.url, s.peer_id), s.trust \
             FROM revision_sources s LEFT JOIN peers p ON p.id = s.peer_id \
             WHERE s.revision_id = $1",
        )
        .bind(revision_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|(peer, trust)| Some((peer, trust.parse().ok()?))))
    }

    /// Remembers a request signature; false when it was seen before (a replay).
    pub async fn first_sighting(&self, hash: &str, expires_ms: i64, now_ms: i64) -> Result<bool> {
        let _gate = self.gate().await;
        sqlx::query("DELETE FROM federation_seen_signatures WHERE expires_ms < $1")
            .bind(now_ms)
            .execute(&self.pool)
            .await?;
        let done = sqlx::query(
            "INSERT INTO federation_seen_signatures (hash, expires_ms) VALUES ($1, $2) \
             ON CONFLICT (hash) DO NOTHING",
        )
        .bind(hash)
        .bind(expires_ms)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

/// The federation lead of this process, held while the value lives. On PostgreSQL a
/// session advisory lock on a connection taken out of the pool, so it is released
/// when the connection closes (also if the process dies).
pub struct Leader {
    _conn: Option<sqlx::AnyConnection>,
}

/// Arbitrary, fixed: the advisory lock key of the federation worker.
const FEDERATION_LOCK: i64 = 0x7468_696e_6764_6174;

impl Store {
    /// Becomes the one federation worker of this database, if no other process is.
    pub async fn try_lead(&self) -> Result<Option<Leader>> {
        match self.backend {
            super::Backend::Sqlite => Ok(Some(Leader { _conn: None })),
            super::Backend::Postgres => {
                let mut conn = self.pool.acquire().await?.detach();
                let row = sqlx::query("SELECT CAST(pg_try_advisory_lock($1) AS INTEGER) AS ok")
                    .bind(FEDERATION_LOCK)
                    .fetch_one(&mut conn)
                    .await?;
                let ok: i32 = row.try_get("ok")?;
                Ok((ok == 1).then_some(Leader { _conn: Some(conn) }))
            }
        }
    }
}

/// Records the peer that delivered a revision first, and its trust then.
pub(crate) async fn insert_source(
    conn: &mut sqlx::AnyConnection,
    revision_id: &str,
    peer_id: &str,
    trust: Trust,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO revision_sources (revision_id, peer_id, trust) VALUES ($1, $2, $3) \
         ON CONFLICT (revision_id) DO NOTHING",
    )
    .bind(revision_id)
    .bind(peer_id)
    .bind(trust.as_str())
    .execute(conn)
    .await?;
    Ok(())
}
