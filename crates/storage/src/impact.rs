//! Repair facts: for each visible repair record, the columns impact figures and success
//! rates count, kept from the bodies on every write; and the grouped reads over them.

use crate::{Result, Store};
use domain::impact::{ImpactFilter, RateBy, Tally};
use domain::revision::Revision;
use domain::{Body, EntityKind};
use sqlx::{AnyConnection, Row};

/// Replaces the facts of a repair record, an event or an outcome with what its new
/// body says; a hidden or deleted entry (`body` hidden or `None`) has none.
pub(crate) async fn link(
    conn: &mut AnyConnection,
    rev: &Revision,
    body: Option<&Body>,
) -> Result<()> {
    let table = match rev.entity_kind {
        EntityKind::Repair => "repair_facts",
        EntityKind::Event => "event_facts",
        EntityKind::Outcome => "outcome_facts",
        _ => return Ok(()),
    };
    sqlx::query(&format!("DELETE FROM {table} WHERE id = $1"))
        .bind(&rev.entity_id)
        .execute(&mut *conn)
        .await?;
    match body.filter(|b| b.hidden().is_none()) {
        Some(Body::Repair(r)) => {
            let sql = format!(
                "INSERT INTO repair_facts ({FACT_COLUMNS}) VALUES {}",
                marks(false, 1, FACT_WIDTH)
            );
            Facts::of(rev, r)
                .bind(sqlx::query(&sql))
                .execute(&mut *conn)
                .await?;
        }
        Some(Body::Event(e)) => {
            sqlx::query(
                "INSERT INTO event_facts (id, origin, group_key, event_date, country, \
                 participants, volunteers, volunteer_minutes) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(&rev.entity_id)
            .bind(origin(rev))
            .bind(domain::impact::group_key(&e.group_identifier))
            .bind(&e.event_date)
            .bind(&e.country)
            .bind(e.participants.map(i64::from))
            .bind(e.volunteers.map(i64::from))
            .bind((e.hours_volunteered() * 60.0).round() as i64)
            .execute(&mut *conn)
            .await?;
        }
        Some(Body::Outcome(o)) => {
            sqlx::query(
                "INSERT INTO outcome_facts (id, origin, entry_type, entry_id, result, \
                 failed_step, thing_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&rev.entity_id)
            .bind(origin(rev))
            .bind(&o.entry_type)
            .bind(&o.entry_id)
            .bind(&o.result)
            .bind(o.failed_step.map(i64::from))
            .bind(&o.thing_id)
            .execute(&mut *conn)
            .await?;
        }
        _ => {}
    }
    Ok(())
}

/// The instance an entry was made on: its URI without `/{kind}s/{id}`.
fn origin(rev: &Revision) -> String {
    rev.entity_uri
        .strip_suffix(&format!("/{}/{}", rev.entity_kind.plural(), rev.entity_id))
        .unwrap_or(&rev.origin_instance)
        .to_string()
}

const FACT_COLUMNS: &str = "id, origin, status, category_id, powered, weight_g, event_date, \
    group_key, country, brand, thing_id, story_id, guide_id, fault, barrier, event_id";
const FACT_WIDTH: usize = 16;

/// `(…)` rows of `width` parameters, numbered `$1, $2, …` (both backends take them) or
/// `anonymous` `?`s (SQLite only). SQLite finds a numbered parameter by walking the
/// statement's list of them, so binding thousands costs the square of their number;
/// an anonymous one it does not look up.
fn marks(anonymous: bool, rows: usize, width: usize) -> String {
    (0..rows)
        .map(|r| {
            let cells: Vec<String> = (1..=width)
                .map(|c| {
                    if anonymous {
                        "?".to_string()
                    } else {
                        format!("${}", r * width + c)
                    }
                })
                .collect();
            format!("({})", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One row of `repair_facts`.
struct Facts {
    id: String,
    origin: String,
    status: String,
    category_id: i64,
    powered: i64,
    weight_g: Option<i64>,
    event_date: String,
    group_key: Option<String>,
    country: Option<String>,
    brand: Option<String>,
    thing: Option<String>,
    story: Option<String>,
    guide: Option<String>,
    fault: Option<String>,
    barrier: Option<String>,
    event: Option<String>,
}

impl Facts {
    fn of(rev: &Revision, r: &domain::repair::Repair) -> Self {
        Self {
            id: rev.entity_id.clone(),
            origin: origin(rev),
            status: r.repair_status.clone(),
            category_id: i64::from(r.product_category_id),
            powered: i64::from(r.x_powered.unwrap_or(true)),
            weight_g: r.x_weight_kg.map(|kg| (kg * 1000.0).round() as i64),
            event_date: r.event_date.clone(),
            group_key: r.group_identifier.as_deref().map(domain::impact::group_key),
            country: r.country.clone(),
            brand: r.brand.as_deref().and_then(domain::impact::brand_key),
            thing: r.x_thing_id.clone(),
            story: r.x_story_id.clone(),
            guide: r.x_guide_id.clone(),
            fault: r.x_fault_type.clone(),
            barrier: r.repair_barrier_if_end_of_life.clone(),
            event: r.x_event_id.clone(),
        }
    }

    fn bind<'q>(
        self,
        q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        q.bind(self.id)
            .bind(self.origin)
            .bind(self.status)
            .bind(self.category_id)
            .bind(self.powered)
            .bind(self.weight_g)
            .bind(self.event_date)
            .bind(self.group_key)
            .bind(self.country)
            .bind(self.brand)
            .bind(self.thing)
            .bind(self.story)
            .bind(self.guide)
            .bind(self.fault)
            .bind(self.barrier)
            .bind(self.event)
    }
}

/// Rows per statement when repairs are written in bulk: each statement is a round trip
/// to the database's thread. 200 rows of the widest table stay well under both
/// backends' limits on parameters (SQLite 32,766; PostgreSQL 65,535).
const BULK_ROWS: usize = 200;

/// SQLite's page cache for a bulk import, in KiB (it grows only as far as it is used).
/// Each record adds random keys (UUIDv5 ids, revision hashes) to several indexes: with
/// the pool's 4 MB, a batch's dirty pages spill to the log before it commits and are
/// written again, and most of an import's time went to the kernel copying pages.
const BULK_CACHE_KIB: u32 = 256 * 1024;

/// One connection held for a bulk import, its page cache large enough to keep the
/// indexes a batch touches. It is closed when dropped, giving that memory back.
pub struct BulkWriter {
    store: Store,
    conn: sqlx::pool::PoolConnection<sqlx::Any>,
}

impl Store {
    pub async fn bulk_writer(&self) -> Result<BulkWriter> {
        let mut conn = self.pool.acquire().await?;
        conn.close_on_drop();
        if self.backend == crate::Backend::Sqlite {
            // A multi-row insert that may fail keeps a statement journal of every page
            // it changes, by default in a temporary file: in memory it costs no calls.
            for pragma in [
                format!("PRAGMA cache_size=-{BULK_CACHE_KIB}"),
                "PRAGMA temp_store=MEMORY".to_string(),
            ] {
                sqlx::query(&pragma).execute(&mut *conn).await?;
            }
        }
        Ok(BulkWriter {
            store: self.clone(),
            conn,
        })
    }
}

impl BulkWriter {
    /// Writes new repair records (first revisions) in one transaction with a few
    /// statements per hundred records: the same rows the one-by-one path writes, as
    /// repair records touch no other table. Returns how many were written;
    /// `AlreadyExists` if any record is here already (nothing is then written).
    pub async fn write_new_repairs(
        &mut self,
        records: &[(Revision, domain::repair::Repair)],
    ) -> Result<usize> {
        let _gate = self.store.gate().await;
        let mut tx = sqlx::Connection::begin(&mut *self.conn).await?;
        if self.store.backend == crate::Backend::Postgres {
            sqlx::query("SELECT CAST(pg_advisory_xact_lock($1) AS TEXT) AS locked")
                .bind(crate::LOG_WRITE_LOCK)
                .fetch_one(&mut *tx)
                .await?;
        }
        let filters = domain::fields::filters(EntityKind::Repair);
        let entity_columns: Vec<&str> = [
            "id",
            "uri",
            "body",
            "head_revision",
            "created_at",
            "updated_at",
            "label",
            "hidden",
        ]
        .into_iter()
        .chain(filters.iter().map(|f| f.column))
        .collect();
        let anonymous = self.store.backend == crate::Backend::Sqlite;
        let (mut written, mut revisions) = (0, 0);
        for chunk in records.chunks(BULK_ROWS) {
            let bodies: Vec<String> = chunk.iter().map(|(rev, _)| rev.body.to_string()).collect();
            let sql = format!(
                "INSERT INTO revisions ({}) VALUES {} ON CONFLICT (id) DO NOTHING",
                crate::REVISION_COLUMNS,
                marks(anonymous, chunk.len(), 11)
            );
            let mut q = sqlx::query(&sql);
            for ((rev, _), body) in chunk.iter().zip(&bodies) {
                let parents = serde_json::to_string(&rev.parents)
                    .map_err(|e| crate::StorageError::Corrupt(e.to_string()))?;
                q = q
                    .bind(rev.id.clone())
                    .bind(rev.entity_uri.clone())
                    .bind(rev.entity_kind.as_str())
                    .bind(rev.entity_id.clone())
                    .bind(parents)
                    .bind(body.clone())
                    .bind(rev.author.clone())
                    .bind(rev.origin_instance.clone())
                    .bind(rev.created_at.clone())
                    .bind(rev.op.as_str())
                    .bind(rev.signature.clone());
            }
            let new = q.execute(&mut *tx).await?.rows_affected();
            let sql = format!(
                "INSERT INTO repairs ({}) VALUES {}",
                entity_columns.join(", "),
                marks(anonymous, chunk.len(), entity_columns.len())
            );
            let mut q = sqlx::query(&sql);
            for ((rev, r), body) in chunk.iter().zip(bodies) {
                q = q
                    .bind(rev.entity_id.clone())
                    .bind(rev.entity_uri.clone())
                    .bind(body)
                    .bind(rev.id.clone())
                    .bind(rev.created_at.clone())
                    .bind(rev.created_at.clone())
                    .bind(r.label())
                    .bind(i64::from(r.hidden.is_some()));
                for f in filters {
                    q = q.bind(f.value_in(&rev.body));
                }
            }
            q.execute(&mut *tx).await.map_err(|e| match &e {
                sqlx::Error::Database(db) if db.is_unique_violation() => {
                    crate::StorageError::AlreadyExists
                }
                _ => crate::StorageError::Db(e),
            })?;
            let visible: Vec<&(Revision, domain::repair::Repair)> =
                chunk.iter().filter(|(_, r)| r.hidden.is_none()).collect();
            if !visible.is_empty() {
                let sql = format!(
                    "INSERT INTO repair_facts ({FACT_COLUMNS}) VALUES {}",
                    marks(anonymous, visible.len(), FACT_WIDTH)
                );
                let mut q = sqlx::query(&sql);
                for (rev, r) in visible {
                    q = Facts::of(rev, r).bind(q);
                }
                q.execute(&mut *tx).await?;
            }
            revisions += new as i64;
            written += chunk.len();
        }
        for (counter, by) in [("revisions", revisions), ("repairs", written as i64)] {
            sqlx::query("UPDATE counters SET value = value + $1 WHERE name = $2")
                .bind(by)
                .bind(counter)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        self.store.changed.send_modify(|n| *n += 1);
        Ok(written)
    }
}

/// The WHERE clause a filter makes on `repair_facts`, and its values in order.
fn clause(f: &ImpactFilter) -> (String, Vec<String>) {
    clause_after(f, 0, Over::Records)
}

/// Which facts a WHERE clause reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Over {
    Records,
    Events,
}

/// The WHERE clause a filter makes on `repair_facts` or `event_facts`, with its
/// parameters numbered after `before` others, and their values in order. A filter on
/// what was repaired (a category, a model, a story, a guide) keeps the events where
/// such a record was made; otherwise an event's own group, country and day decide.
fn clause_after(f: &ImpactFilter, before: usize, over: Over) -> (String, Vec<String>) {
    let on_records =
        f.category_ids.is_some() || f.thing.is_some() || f.story.is_some() || f.guide.is_some();
    if over == Over::Events && on_records {
        let (records, binds) = clause_after(f, before, Over::Records);
        return (
            format!(" WHERE id IN (SELECT event_id FROM repair_facts{records})"),
            binds,
        );
    }
    let event_column = match over {
        Over::Records => "event_id = ?",
        Over::Events => "id = ?",
    };
    let conditions = [
        (
            "group_key = ?",
            f.group.as_deref().map(domain::impact::group_key),
        ),
        ("country = ?", f.country.clone()),
        ("event_date >= ?", f.from.clone()),
        ("event_date <= ?", f.to.clone()),
        ("thing_id = ?", f.thing.clone()),
        ("story_id = ?", f.story.clone()),
        ("guide_id = ?", f.guide.clone()),
        ("origin = ?", f.origin.clone()),
        (event_column, f.event.clone()),
    ];
    let mut parts = Vec::new();
    let mut binds = Vec::new();
    for (sql, value) in conditions {
        if let Some(v) = value {
            binds.push(v);
            parts.push(sql.replace('?', &format!("${}", before + binds.len())));
        }
    }
    // Category ids are numbers the service resolved: written inline, never user text.
    if let Some(ids) = &f.category_ids {
        let list: Vec<String> = ids.iter().map(u32::to_string).collect();
        let list = if list.is_empty() {
            "NULL".to_string()
        } else {
            list.join(", ")
        };
        parts.push(format!("category_id IN ({list})"));
    }
    let sql = if parts.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", parts.join(" AND "))
    };
    (sql, binds)
}

/// A row of a tally query.
fn tally(r: &sqlx::any::AnyRow) -> Result<Tally> {
    Ok(Tally {
        status: r.try_get("status")?,
        category_id: u32::try_from(r.try_get::<i64, _>("category_id")?).unwrap_or(0),
        powered: r.try_get::<i64, _>("powered")? != 0,
        items: r.try_get::<i64, _>("n")?.max(0) as u64,
        estimated: r.try_get::<i64, _>("estimated")?.max(0) as u64,
        estimate_kg: r.try_get::<i64, _>("grams")? as f64 / 1000.0,
    })
}

/// Groups, events and instances behind the filtered records, and what the recorded
/// events say about the people who came.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Reach {
    pub groups: u64,
    /// Recorded events and group days with records but no recorded event, once each.
    pub events: u64,
    pub instances: u64,
    /// Sums over the recorded events that give them; `None` when none does.
    pub participants: Option<u64>,
    pub volunteers: Option<u64>,
    /// Over every recorded event, by Restarters' formula.
    pub hours_volunteered: Option<f64>,
}

impl Store {
    /// The records the filter keeps, counted per status, category and power, with the
    /// sum of their weight estimates.
    pub async fn impact_tallies(&self, f: &ImpactFilter) -> Result<Vec<Tally>> {
        let (clause, binds) = clause(f);
        let sql = format!(
            "SELECT status, category_id, powered, COUNT(*) AS n, COUNT(weight_g) AS estimated, \
             CAST(COALESCE(SUM(weight_g), 0) AS BIGINT) AS grams \
             FROM repair_facts{clause} GROUP BY status, category_id, powered"
        );
        let mut q = sqlx::query(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter().map(tally).collect()
    }

    /// (id, body) of the visible records the filter keeps, by event day then id.
    pub async fn repairs_for_export(
        &self,
        f: &ImpactFilter,
    ) -> Result<Vec<(String, serde_json::Value)>> {
        use futures_util::TryStreamExt;
        let (clause, binds) = clause(f);
        let sql = format!(
            "SELECT r.id AS id, r.body AS body FROM repairs r \
             JOIN (SELECT id, event_date FROM repair_facts{clause}) f ON f.id = r.id \
             ORDER BY f.event_date, r.id"
        );
        let mut q = sqlx::query(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        let mut rows = q.fetch(&self.pool);
        let mut out = Vec::new();
        while let Some(r) = rows.try_next().await? {
            let body: String = r.try_get("body")?;
            let body = serde_json::from_str(&body)
                .map_err(|_| crate::StorageError::Corrupt("repair body".into()))?;
            out.push((r.try_get("id")?, body));
        }
        Ok(out)
    }

    /// As [`Store::impact_tallies`], per month of event days (`2025-06`).
    pub async fn impact_monthly(&self, f: &ImpactFilter) -> Result<Vec<(String, Tally)>> {
        let (clause, binds) = clause(f);
        let sql = format!(
            "SELECT SUBSTR(event_date, 1, 7) AS month, status, category_id, powered, \
             COUNT(*) AS n, COUNT(weight_g) AS estimated, \
             CAST(COALESCE(SUM(weight_g), 0) AS BIGINT) AS grams \
             FROM repair_facts{clause} GROUP BY SUBSTR(event_date, 1, 7), status, category_id, powered"
        );
        let mut q = sqlx::query(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| Ok((r.try_get("month")?, tally(r)?)))
            .collect()
    }

    pub async fn impact_reach(&self, f: &ImpactFilter) -> Result<Reach> {
        let (events, binds) = clause_after(f, 0, Over::Events);
        let sql = format!(
            "SELECT COUNT(*) AS n, COUNT(participants) AS counted_p, \
             CAST(COALESCE(SUM(participants), 0) AS BIGINT) AS participants, \
             COUNT(volunteers) AS counted_v, \
             CAST(COALESCE(SUM(volunteers), 0) AS BIGINT) AS volunteers, \
             CAST(COALESCE(SUM(volunteer_minutes), 0) AS BIGINT) AS minutes \
             FROM event_facts{events}"
        );
        let mut q = sqlx::query(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        let row = q.fetch_one(&self.pool).await?;
        let count = |name: &str| -> Result<u64> { Ok(row.try_get::<i64, _>(name)?.max(0) as u64) };
        let summed = |counted: &str, sum: &str| -> Result<Option<u64>> {
            Ok((count(counted)? > 0).then_some(count(sum)?))
        };
        let recorded = count("n")? > 0;
        let (groups, events, instances) = self.distinct_counts(f).await?;
        Ok(Reach {
            groups,
            events,
            instances,
            participants: summed("counted_p", "participants")?,
            volunteers: summed("counted_v", "volunteers")?,
            hours_volunteered: recorded.then_some(count("minutes")? as f64 / 60.0),
        })
    }

    /// Groups, group days and instances over the records and the recorded events the
    /// filter keeps, in one pass. A group's day counts once, whether its event was
    /// recorded, its records were, or both; the day's fixed width keeps `group_key ||
    /// event_date` unambiguous, and a record without a group counts in neither.
    async fn distinct_counts(&self, f: &ImpactFilter) -> Result<(u64, u64, u64)> {
        let (records, mut binds) = clause(f);
        let (events, more) = clause_after(f, binds.len(), Over::Events);
        binds.extend(more);
        let sql = format!(
            "SELECT COUNT(DISTINCT group_key) AS group_n, \
             COUNT(DISTINCT group_key || event_date) AS day_n, \
             COUNT(DISTINCT origin) AS origin_n FROM (\
             SELECT group_key, event_date, origin FROM repair_facts{records} \
             UNION ALL SELECT group_key, event_date, origin FROM event_facts{events}) d"
        );
        let mut q = sqlx::query(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        let row = q.fetch_one(&self.pool).await?;
        let n = |name: &str| -> Result<u64> { Ok(row.try_get::<i64, _>(name)?.max(0) as u64) };
        Ok((n("group_n")?, n("day_n")?, n("origin_n")?))
    }

    /// Per value of `by`: (value, fixed, records with a known outcome), most records first.
    pub async fn success_counts(
        &self,
        by: RateBy,
        f: &ImpactFilter,
        limit: i64,
    ) -> Result<Vec<(String, u64, u64)>> {
        let column = match by {
            RateBy::Category => "CAST(category_id AS TEXT)",
            RateBy::Brand => "brand",
            RateBy::Thing => "thing_id",
            RateBy::Fault => "fault",
            RateBy::Barrier => "barrier",
            RateBy::Story => "story_id",
            RateBy::Guide => "guide_id",
            RateBy::Country => "country",
        };
        let (clause, binds) = clause(f);
        let joiner = if clause.is_empty() {
            " WHERE "
        } else {
            " AND "
        };
        let n = binds.len();
        let sql = format!(
            "SELECT {column} AS v, \
             CAST(SUM(CASE WHEN status = 'Fixed' THEN 1 ELSE 0 END) AS BIGINT) AS fixed, \
             COUNT(*) AS n \
             FROM repair_facts{clause}{joiner}{column} IS NOT NULL AND status <> 'Unknown' \
             GROUP BY {column} ORDER BY n DESC, v LIMIT ${}",
            n + 1
        );
        let mut q = sqlx::query(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        let rows = q.bind(limit).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("v")?,
                    r.try_get::<i64, _>("fixed")?.max(0) as u64,
                    r.try_get::<i64, _>("n")?.max(0) as u64,
                ))
            })
            .collect()
    }
}
