//! All SQL lives here. One interface over SQLite (embedded default) and PostgreSQL,
//! through sqlx's `Any` driver: every column is TEXT or BIGINT so both backends
//! share the statements; only the migrations differ per backend.

use domain::{Body, EntityKind, EntityMeta};
use serde_json::Value;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};
use std::time::Duration;

mod accounts;
mod audit;
mod conflicts;
mod entities;
mod factors;
mod federation;
mod filters;
mod impact;
mod log;
mod media;
mod outcomes;
mod sessions;
mod tags;
mod taxonomy;
mod translations;
mod usage;
mod vocabulary;

pub use accounts::UserRow;
pub use audit::{AuditFilter, AuditRow};
pub use factors::{FactorChange, FactorTableRow};
pub use federation::{Delivery, HeldRevision};
pub use filters::ListFilter;
pub use impact::{BulkWriter, Reach};
pub use media::MediaTotals;
pub use outcomes::{EntryOutcomes, OutcomeFilter};
pub use taxonomy::FiledCounts;
pub use usage::UsageCount;
pub use vocabulary::Suggestion;

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
    /// The content languages the translation queue tracks (see `translations`).
    translation_languages: std::sync::Arc<std::sync::RwLock<std::sync::Arc<Vec<String>>>>,
    /// One rebuild of the translation rows at a time, each for the newest languages.
    translation_rebuild: std::sync::Arc<tokio::sync::Mutex<()>>,
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
        // SQLite's page cache is per connection and heap memory it keeps: 4 MB each
        // bounds all eight at 32 MB. Reads beyond it come from the memory map, which
        // is the OS's file cache (reclaimable) rather than this process's heap.
        let opts = if backend == Backend::Sqlite {
            opts.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(
                        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; \
                         PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; \
                         PRAGMA mmap_size=268435456; PRAGMA cache_size=-4000;",
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
            translation_languages: std::sync::Arc::default(),
            translation_rebuild: std::sync::Arc::default(),
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

    async fn gate(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite => Some(self.write_gate.lock().await),
            Backend::Postgres => None,
        }
    }
}
