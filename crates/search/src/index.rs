//! The search index: opening it (and replacing a missing, corrupt or outdated one),
//! its status, and the one writer that the indexer takes over.

use crate::graph::Graph;
use crate::resident::ResidentDirectory;
use crate::schema::{self, Analyzers, Fields, SCHEMA_VERSION};
use crate::tally::FacetCache;
use crate::taxonomy::Taxonomy;
use domain::search::syntax::SyntaxError;
use domain::search::RequestError;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::{Arc, PoisonError, RwLock, Weak};
use storage::{StorageError, Store};
use tantivy::directory::error::LockError;
use tantivy::IndexWriter;
use tantivy::{Index, IndexReader, IndexSettings, ReloadPolicy, TantivyError, Warmer};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Syntax(#[from] SyntaxError),
    #[error(transparent)]
    Request(#[from] RequestError),
    #[error("the search index is in use by another process (is `thingdata serve` running?)")]
    Busy,
    #[error("search index error: {0}")]
    Index(#[from] TantivyError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("search index directory: {0}")]
    Io(#[from] std::io::Error),
}

impl SearchError {
    /// Whether the request was at fault (answer 400) rather than the server.
    pub fn is_bad_request(&self) -> bool {
        matches!(self, SearchError::Syntax(_) | SearchError::Request(_))
    }
}

/// Where the index stands against the revision log, for `/health` and the pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexStatus {
    /// The last revision-log sequence number the index reflects.
    pub cursor: i64,
    pub documents: u64,
    pub rebuilding: bool,
    /// The indexer's last failure, cleared by its next success.
    pub error: Option<String>,
}

/// Stored with every commit, so the index and its cursor never disagree.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Checkpoint {
    pub cursor: i64,
    /// False while a rebuild is under way; such an index is rebuilt again at start.
    pub complete: bool,
}

pub struct Search {
    pub(crate) store: Store,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    pub(crate) analyzers: Analyzers,
    pub(crate) graph: Graph,
    /// Replaced whole by the indexer when a category changes.
    pub(crate) taxonomy: RwLock<Arc<Taxonomy>>,
    /// The facets of the searched segments, for counting (the reader's warmer).
    pub(crate) facets: Arc<FacetCache>,
    pub(crate) status: RwLock<IndexStatus>,
    /// Set to stop the indexer, which then lets go of the writer (and its lock).
    pub(crate) stopping: tokio::sync::watch::Sender<bool>,
    pub(crate) task: std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>,
}

/// The one index writer; the indexer owns it, and the mutex lets blocking threads
/// borrow it in turn.
pub type Writer = Arc<Mutex<IndexWriter>>;

pub(crate) const VERSION_FILE: &str = "thingdata-schema-version";

pub(crate) const SEARCH_THREADS: usize = 2;

pub(crate) fn busy(e: TantivyError) -> SearchError {
    match e {
        TantivyError::LockFailure(LockError::LockBusy, _) => SearchError::Busy,
        other => SearchError::Index(other),
    }
}

impl Search {
    /// Opens the index in `dir`, or starts an empty one (to be rebuilt from the
    /// database) when it is missing, unreadable or of another schema version. Returns
    /// the one writer, which the indexer owns.
    pub fn open(dir: &Path, store: Store) -> Result<(Arc<Self>, Writer), SearchError> {
        let (schema, fields) = schema::build();
        let analyzers = Analyzers::default();
        let facets = Arc::new(FacetCache::default());
        let existing = Self::try_existing(dir, &schema, &analyzers, &facets);
        let (index, reader) = match existing {
            Some(pair) => pair,
            None => {
                if dir.exists() {
                    tracing::warn!(
                        "search index in {} is missing, damaged or outdated: rebuilding it",
                        dir.display()
                    );
                    std::fs::remove_dir_all(dir)?;
                }
                std::fs::create_dir_all(dir)?;
                let disk = ResidentDirectory::open(dir).map_err(TantivyError::from)?;
                let mut index = Index::create(disk, schema, IndexSettings::default())?;
                std::fs::write(dir.join(VERSION_FILE), SCHEMA_VERSION.to_string())?;
                analyzers.register(&index);
                let reader = Self::reader(&mut index, &facets)?;
                (index, reader)
            }
        };
        let writer = index.writer_with_num_threads(1, 64_000_000).map_err(busy)?;
        let checkpoint = Self::checkpoint_of(&index);
        let search = Arc::new(Self {
            store,
            fields,
            analyzers,
            graph: Graph::default(),
            taxonomy: RwLock::default(),
            status: RwLock::new(IndexStatus {
                cursor: checkpoint.cursor,
                documents: reader.searcher().num_docs(),
                rebuilding: !checkpoint.complete,
                error: None,
            }),
            reader,
            facets,
            stopping: tokio::sync::watch::Sender::new(false),
            task: std::sync::Mutex::new(None),
        });
        Ok((search, Arc::new(std::sync::Mutex::new(writer))))
    }

    pub(crate) fn try_existing(
        dir: &Path,
        schema: &tantivy::schema::Schema,
        analyzers: &Analyzers,
        facets: &Arc<FacetCache>,
    ) -> Option<(Index, IndexReader)> {
        let version = std::fs::read_to_string(dir.join(VERSION_FILE)).ok()?;
        if version.trim() != SCHEMA_VERSION.to_string() {
            return None;
        }
        let mut index = Index::open(ResidentDirectory::open(dir).ok()?).ok()?;
        if index.schema() != *schema {
            return None;
        }
        analyzers.register(&index);
        // Opening a reader opens every segment, so missing or truncated files show here.
        let reader = Self::reader(&mut index, facets).ok()?;
        Some((index, reader))
    }

    pub(crate) fn reader(
        index: &mut Index,
        facets: &Arc<FacetCache>,
    ) -> Result<IndexReader, TantivyError> {
        // Segments are searched in parallel, which halves a broad query's latency on two
        // cores; without threads it still works, one segment after another.
        if let Err(e) = index.set_multithread_executor(SEARCH_THREADS) {
            tracing::warn!("searching segments one at a time: {e}");
        }
        // The indexer reloads after each of its commits; the watch also picks up the
        // merged segments background merges commit later (after a rebuild, for one),
        // which would otherwise wait for the next edit.
        index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .warmers(vec![Arc::downgrade(facets) as Weak<dyn Warmer>])
            .try_into()
    }

    pub(crate) fn checkpoint_of(index: &Index) -> Checkpoint {
        index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str(&p).ok())
            .unwrap_or_default()
    }

    /// Default location: `search/` in the data directory.
    pub fn dir_in(data_dir: &Path) -> PathBuf {
        data_dir.join("search")
    }

    /// Stops the indexer after its current batch and waits for it to let go of the
    /// index.
    pub async fn shutdown(&self) {
        self.stopping.send_replace(true);
        let task = self.task.lock().ok().and_then(|mut t| t.take());
        if let Some(task) = task {
            let _ = task.await;
        }
    }

    /// Entries that share neighbours with `id` in the knowledge graph, most shared
    /// first: "people who repaired this also looked at".
    pub async fn also_looked_at(&self, id: &str, limit: usize) -> Result<Vec<String>, SearchError> {
        Ok(self
            .graph
            .current(&self.store)
            .await?
            .also_looked_at(id, limit))
    }

    /// Loads the knowledge graph, so the first walk does not wait for it; returns how
    /// many edges it has.
    pub async fn warm_graph(&self) -> Result<usize, SearchError> {
        Ok(self.graph.current(&self.store).await?.edge_count())
    }

    pub(crate) fn is_stopping(&self) -> bool {
        *self.stopping.borrow()
    }

    /// Segments the searcher currently reads (fewer after background merges).
    pub fn segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    pub fn status(&self) -> IndexStatus {
        self.status.read().map(|s| s.clone()).unwrap_or_default()
    }

    pub(crate) fn update_status(&self, f: impl FnOnce(&mut IndexStatus)) {
        if let Ok(mut s) = self.status.write() {
            f(&mut s);
        }
    }

    pub(crate) fn taxonomy(&self) -> Arc<Taxonomy> {
        self.taxonomy
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Reads the taxonomy again; returns the one it replaces.
    pub(crate) async fn reload_taxonomy(&self) -> Result<Arc<Taxonomy>, SearchError> {
        let fresh = Arc::new(Taxonomy::load(&self.store).await?);
        let mut slot = self
            .taxonomy
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        Ok(std::mem::replace(&mut *slot, fresh))
    }
}
