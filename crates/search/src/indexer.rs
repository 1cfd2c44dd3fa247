//! The one task that writes the index. It follows the revision log by cursor (the
//! design's change feed), so the index is always rebuildable from the database and
//! every app node can keep its own.

use crate::document;
use crate::index::{Checkpoint, Search, SearchError, Writer};
use domain::EntityKind;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, PoisonError};
use std::time::{Duration, Instant};
use storage::{Store, StoredEntity};
use tantivy::{IndexWriter, Term};

const BATCH: i64 = 2_000;
/// A concurrent branch is written first and settled on its row just after; the
/// entities of every batch are looked at once more after this delay to catch that.
const SETTLE_GRACE: Duration = Duration::from_secs(2);
/// Writes on other app nodes do not wake this one; it polls this often.
const POLL: Duration = Duration::from_millis(500);
/// Under a stream of writes, changes gather for at least this long between commits:
/// each commit starts a new segment (and its memory arena), so committing per write
/// cost more CPU than the writes themselves.
const COMMIT_GAP: Duration = Duration::from_millis(250);

const SEARCHED: [EntityKind; 3] = [EntityKind::Thing, EntityKind::Story, EntityKind::Guide];

/// Runs `f` with the writer on a blocking thread: indexing and commits are CPU and
/// disk work.
async fn blocking<T: Send + 'static>(
    writer: &Writer,
    f: impl FnOnce(&mut IndexWriter) -> Result<T, SearchError> + Send + 'static,
) -> Result<T, SearchError> {
    let w = writer.clone();
    tokio::task::spawn_blocking(move || {
        // A panic while indexing leaves the writer usable: uncommitted work is redone.
        let mut guard = w.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut guard)
    })
    .await
    .map_err(|e| SearchError::Io(std::io::Error::other(e)))?
}

fn commit(writer: &mut IndexWriter, checkpoint: &Checkpoint) -> Result<(), SearchError> {
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&serde_json::to_string(checkpoint).unwrap_or_default());
    prepared.commit()?;
    Ok(())
}

fn replace(search: &Search, writer: &mut IndexWriter, id: &str, row: Option<&StoredEntity>) {
    writer.delete_term(Term::from_field_text(search.fields.id, id));
    let taxonomy = search.taxonomy();
    let doc = row.and_then(|r| document::build(&search.fields, &search.analyzers, &taxonomy, r));
    if let Some(doc) = doc {
        if let Err(e) = writer.add_document(doc) {
            tracing::warn!("cannot index {id}: {e}");
        }
    }
}

impl Search {
    fn published(&self, cursor: i64) {
        let _ = self.reader.reload();
        let documents = self.reader.searcher().num_docs();
        self.update_status(|s| {
            s.cursor = cursor;
            s.documents = documents;
            s.error = None;
        });
    }
}

/// Rebuilds the whole index from the database's current rows, reporting
/// (done, total) as it goes. The cursor taken first makes the log follower redo
/// anything that changes meanwhile.
pub async fn rebuild(
    search: &Arc<Search>,
    writer: &Writer,
    store: &Store,
    progress: impl Fn(u64, u64),
) -> Result<(), SearchError> {
    search.update_status(|s| s.rebuilding = true);
    let head = store.max_seq().await?;
    search.reload_taxonomy().await?;
    let counts = store.counts().await?;
    let total = (counts.things + counts.stories + counts.guides).max(0) as u64;
    blocking(writer, |w| {
        w.delete_all_documents()?;
        commit(w, &Checkpoint::default())
    })
    .await?;
    let mut done = 0u64;
    progress(done, total);
    for kind in SEARCHED {
        let mut after = String::new();
        loop {
            if search.is_stopping() {
                // Left incomplete on purpose: the next start rebuilds again.
                return Ok(());
            }
            let rows = store.rows_after(kind, &after, BATCH).await?;
            let Some(last) = rows.last() else {
                break;
            };
            after = last.meta.id.clone();
            done += rows.len() as u64;
            let s = search.clone();
            blocking(writer, move |w| {
                let taxonomy = s.taxonomy();
                for r in &rows {
                    if let Some(doc) = document::build(&s.fields, &s.analyzers, &taxonomy, r) {
                        w.add_document(doc)?;
                    }
                }
                Ok(())
            })
            .await?;
            progress(done, total);
        }
    }
    blocking(writer, move |w| {
        commit(
            w,
            &Checkpoint {
                cursor: head,
                complete: true,
            },
        )
    })
    .await?;
    search.published(head);
    search.update_status(|s| s.rebuilding = false);
    Ok(())
}

/// Starts the indexer: a rebuild first if the index is new or was left half-built,
/// then following the log. Failures (a database away, a full disk) are retried.
/// Loads the knowledge graph beside it.
pub fn spawn_indexer(search: Arc<Search>, writer: Writer) {
    // On its own task, so following the log does not wait for it.
    let graph = search.clone();
    tokio::spawn(async move {
        if let Err(e) = graph.warm_graph().await {
            // The first walk tries again.
            tracing::warn!("cannot load the knowledge graph: {e}");
        }
    });
    let s = search.clone();
    let task = tokio::spawn(async move {
        let store = s.store.clone();
        while let Err(e) = follow(&s, &writer, &store).await {
            tracing::error!("search indexer: {e}; retrying in 5 s");
            s.update_status(|st| st.error = Some(e.to_string()));
            let mut stop = s.stopping.subscribe();
            tokio::select! {
                _ = stop.wait_for(|v| *v) => return,
                _ = tokio::time::sleep(Duration::from_secs(5)) => {}
            }
        }
    });
    if let Ok(mut t) = search.task.lock() {
        *t = Some(task);
    }
}

async fn follow(search: &Arc<Search>, writer: &Writer, store: &Store) -> Result<(), SearchError> {
    if search.status().rebuilding {
        rebuild(search, writer, store, |_, _| {}).await?;
    } else {
        search.reload_taxonomy().await?;
    }
    let mut changes = store.subscribe();
    let mut stop = search.stopping.subscribe();
    let mut recheck: VecDeque<(Instant, EntityKind, String)> = VecDeque::new();
    let mut committed: Option<Instant> = None;
    loop {
        if search.is_stopping() {
            return Ok(());
        }
        let gap = committed.map_or(Duration::ZERO, |c| COMMIT_GAP.saturating_sub(c.elapsed()));
        if !gap.is_zero() {
            tokio::select! {
                _ = stop.changed() => {}
                _ = tokio::time::sleep(gap) => {}
            }
            continue;
        }
        let cursor = search.status().cursor;
        let batch = store.changes_after(cursor, BATCH).await?;
        let mut todo: BTreeSet<(EntityKind, String)> = batch
            .iter()
            .filter(|(_, k, _)| SEARCHED.contains(k))
            .map(|(_, k, id)| (*k, id.clone()))
            .collect();
        let now = Instant::now();
        while recheck.front().is_some_and(|(due, _, _)| *due <= now) {
            if let Some((_, k, id)) = recheck.pop_front() {
                todo.insert((k, id));
            }
        }
        todo.extend(recategorized(search, store, &batch).await?);
        let new_cursor = batch.last().map_or(cursor, |(seq, _, _)| *seq);
        if todo.is_empty() && new_cursor == cursor {
            let wait = recheck.front().map_or(POLL, |(due, _, _)| {
                due.saturating_duration_since(now).min(POLL)
            });
            tokio::select! {
                _ = changes.changed() => {}
                _ = stop.changed() => {}
                _ = tokio::time::sleep(wait) => {}
            }
            continue;
        }
        let mut rows = Vec::new();
        for kind in SEARCHED {
            let ids: Vec<String> = todo
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, id)| id.clone())
                .collect();
            let mut found: HashMap<String, StoredEntity> = store
                .get_many(kind, &ids)
                .await?
                .into_iter()
                .map(|r| (r.meta.id.clone(), r))
                .collect();
            rows.extend(ids.into_iter().map(|id| {
                let row = found.remove(&id);
                (id, row)
            }));
        }
        let s = search.clone();
        blocking(writer, move |w| {
            for (id, row) in &rows {
                replace(&s, w, id, row.as_ref());
            }
            commit(
                w,
                &Checkpoint {
                    cursor: new_cursor,
                    complete: true,
                },
            )
        })
        .await?;
        committed = Some(Instant::now());
        search.published(new_cursor);
        let due = Instant::now() + SETTLE_GRACE;
        recheck.extend(
            batch
                .into_iter()
                .filter(|(_, k, _)| SEARCHED.contains(k))
                .map(|(_, k, id)| (due, k, id)),
        );
    }
}

/// When categories or terms change, the taxonomy is read again and the entries they
/// concern (before or after the change) are indexed again, so their facets and words
/// follow: those filed under a changed category or below it, and those naming a
/// changed term by any of its spellings.
async fn recategorized(
    search: &Search,
    store: &Store,
    batch: &[(i64, EntityKind, String)],
) -> Result<Vec<(EntityKind, String)>, SearchError> {
    let changed = |kind: EntityKind| -> BTreeSet<String> {
        batch
            .iter()
            .filter(|(_, k, _)| *k == kind)
            .map(|(_, _, id)| id.clone())
            .collect()
    };
    let (categories, terms) = (changed(EntityKind::Category), changed(EntityKind::Term));
    if categories.is_empty() && terms.is_empty() {
        return Ok(Vec::new());
    }
    let before = search.reload_taxonomy().await?;
    let now = search.taxonomy();
    let mut affected = before.with_descendants(&categories);
    affected.extend(now.with_descendants(&categories));
    let ids: Vec<String> = affected.into_iter().collect();
    let mut out = if ids.is_empty() {
        Vec::new()
    } else {
        store.filed_under(&ids).await?
    };
    // Entries that named a changed term by a spelling it had, or has now.
    let mut named: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for id in &terms {
        for term in [before.term_by_id(id), now.term_by_id(id)]
            .into_iter()
            .flatten()
        {
            named
                .entry(term.vocabulary.as_str())
                .or_default()
                .extend(term.spellings());
        }
    }
    for (vocabulary, folded) in named {
        let folded: Vec<String> = folded.into_iter().collect();
        out.extend(store.entries_naming(vocabulary, &folded).await?);
    }
    Ok(out)
}
