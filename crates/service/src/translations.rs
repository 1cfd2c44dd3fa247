//! Translation management: the queue of what is missing or outdated per language, the
//! completeness figures, each text's state, and how often entries are viewed and
//! found (which orders the queue), counted in memory and written in batches.

use domain::translation::{
    fingerprint, localized_texts, states, word_diff, Completeness, QueueItem, QueueQuery,
    SheetText, State,
};
use domain::EntityKind;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use storage::{StorageError, Store};

/// Views and search appearances since the last flush, per entry id.
type Tally = HashMap<String, (i64, i64)>;

/// Bounds the memory a flood of distinct ids can take between flushes.
const MAX_PENDING: usize = 100_000;

#[derive(Clone)]
pub struct Translations {
    store: Store,
    pending: Arc<Mutex<Tally>>,
}

impl Translations {
    pub fn new(store: Store) -> Self {
        Self {
            store,
            pending: Arc::default(),
        }
    }

    pub async fn queue(&self, q: &QueueQuery) -> Result<Vec<QueueItem>, StorageError> {
        self.store.translation_queue(q).await
    }

    pub async fn completeness(&self) -> Result<Vec<Completeness>, StorageError> {
        self.store.translation_completeness().await
    }

    /// Each localized text's state per language, for an entry's body.
    pub fn states(
        &self,
        kind: EntityKind,
        body: &Value,
        languages: &[String],
    ) -> BTreeMap<String, BTreeMap<String, State>> {
        let assumed = languages
            .first()
            .map(String::as_str)
            .unwrap_or(domain::lang::DEFAULT_LANG);
        states(kind, body, languages, assumed)
    }

    /// Every text of an entry's `body` with its translation into `lang`; for outdated
    /// ones, the words that changed in the original since, from the entry's history.
    pub async fn sheet(
        &self,
        kind: EntityKind,
        id: &str,
        body: &Value,
        lang: &str,
        assumed: &str,
    ) -> Result<Vec<SheetText>, StorageError> {
        let texts = localized_texts(kind, body);
        let wanted: BTreeSet<&str> = texts
            .iter()
            .filter(|(_, t)| t.state(lang, assumed) == State::Outdated)
            .filter_map(|(_, t)| t.translation(lang).and_then(|(tag, _)| t.sources.get(tag)))
            .map(String::as_str)
            .collect();
        let mut then: HashMap<String, String> = HashMap::new();
        if !wanted.is_empty() {
            for rev in self.store.history(id).await?.iter().rev() {
                for (_, t) in localized_texts(kind, &rev.body) {
                    let f = fingerprint(&t.default);
                    if wanted.contains(f.as_str()) {
                        then.entry(f).or_insert(t.default);
                    }
                }
                if then.len() == wanted.len() {
                    break;
                }
            }
        }
        Ok(texts
            .into_iter()
            .map(|(path, t)| {
                let state = t.state(lang, assumed);
                let translation = t.translation(lang);
                let changes = translation
                    .and_then(|(tag, _)| t.sources.get(tag))
                    .filter(|_| state == State::Outdated)
                    .and_then(|source| then.get(source))
                    .map(|before| word_diff(before, &t.default))
                    .unwrap_or_default();
                SheetText {
                    original_lang: t.original_lang(assumed).to_string(),
                    translation: translation
                        .map(|(_, text)| text.to_string())
                        .unwrap_or_default(),
                    original: t.default.clone(),
                    path,
                    state,
                    changes,
                }
            })
            .collect())
    }

    /// Counts a view of an entry's page.
    pub fn note_view(&self, id: &str) {
        self.note(std::iter::once(id), |t| t.0 += 1);
    }

    /// Counts the entries a search showed.
    pub fn note_found<'a>(&self, ids: impl IntoIterator<Item = &'a str>) {
        self.note(ids, |t| t.1 += 1);
    }

    fn note<'a>(&self, ids: impl IntoIterator<Item = &'a str>, add: impl Fn(&mut (i64, i64))) {
        let Ok(mut pending) = self.pending.lock() else {
            return;
        };
        for id in ids {
            if let Some(t) = pending.get_mut(id) {
                add(t);
            } else if pending.len() < MAX_PENDING {
                let mut t = (0, 0);
                add(&mut t);
                pending.insert(id.to_string(), t);
            }
        }
    }

    /// Writes the counts gathered since the last flush.
    pub async fn flush(&self) -> Result<(), StorageError> {
        let taken = match self.pending.lock() {
            Ok(mut p) => std::mem::take(&mut *p),
            Err(_) => return Ok(()),
        };
        if taken.is_empty() {
            return Ok(());
        }
        let mut counts: Vec<(String, i64, i64)> =
            taken.into_iter().map(|(id, (v, s))| (id, v, s)).collect();
        counts.sort();
        self.store.add_views(&counts).await
    }
}
