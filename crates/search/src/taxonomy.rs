//! The category taxonomy and the material and tool terms as search sees them: each
//! category's parents, and the names and synonyms per language of categories and terms.
//! An entry is indexed under its categories and every category above them (so
//! filtering on one finds its descendants' entries, each counted once), under the terms
//! its materials and tools name, and is found by those categories' and terms' words in
//! each language.

use domain::search::FacetValue;
use domain::vocab::{Term, TermIndex};
use domain::{parse_body, Body, EntityKind, LocalizedText};
use std::collections::{BTreeSet, HashMap};
use storage::{Store, StoredEntity};

const BATCH: i64 = 2_000;

#[derive(Default)]
struct Node {
    parents: Vec<String>,
    /// (language, name), the name first, then its synonyms.
    words: Vec<(String, String)>,
    /// The name per language, for facet labels.
    name: domain::LocalizedText,
    /// Set for a merged category: its id stands for this one.
    merged_into: Option<String>,
}

/// A snapshot of the taxonomy and the terms; the indexer replaces it whole when a
/// category or a term changes.
#[derive(Default)]
pub struct Taxonomy {
    nodes: HashMap<String, Node>,
    terms: TermIndex,
}

/// (language, word) for a name and its synonyms: the name first, in every language
/// either has.
fn words_of(name: &LocalizedText, synonyms: Option<&LocalizedText>) -> Vec<(String, String)> {
    let in_lang = |t: &LocalizedText, lang: &str| -> String {
        if lang == t.original_lang("en") {
            t.default.clone()
        } else {
            t.translations.get(lang).cloned().unwrap_or_default()
        }
    };
    let langs = std::iter::once(name.original_lang("en"))
        .chain(name.translations.keys().map(String::as_str))
        .chain(synonyms.into_iter().flat_map(|s| {
            std::iter::once(s.original_lang("en")).chain(s.translations.keys().map(String::as_str))
        }))
        .collect::<BTreeSet<_>>();
    let mut words = Vec::new();
    for lang in langs {
        let n = in_lang(name, lang);
        if !n.trim().is_empty() {
            words.push((lang.to_string(), n));
        }
        let s = synonyms.map(|s| in_lang(s, lang)).unwrap_or_default();
        for s in domain::model::split_terms(&s) {
            words.push((lang.to_string(), s));
        }
    }
    words
}

impl Taxonomy {
    pub async fn load(store: &Store) -> Result<Self, storage::StorageError> {
        let mut rows = Vec::new();
        let mut after = String::new();
        loop {
            let batch = store
                .rows_after(EntityKind::Category, &after, BATCH)
                .await?;
            let Some(last) = batch.last() else { break };
            after = last.meta.id.clone();
            rows.extend(batch);
        }
        let mut taxonomy = Self::from_rows(&rows);
        let mut terms = Vec::new();
        let mut after = String::new();
        loop {
            let batch = store.rows_after(EntityKind::Term, &after, BATCH).await?;
            let Some(last) = batch.last() else { break };
            after = last.meta.id.clone();
            terms.extend(batch.iter().filter_map(|r| {
                match parse_body(EntityKind::Term, &r.body) {
                    Some(Body::Term(t)) => Some((r.meta.id.clone(), t)),
                    _ => None,
                }
            }));
        }
        taxonomy.terms = TermIndex::new(terms);
        Ok(taxonomy)
    }

    pub fn from_rows(rows: &[StoredEntity]) -> Self {
        let mut nodes = HashMap::new();
        for r in rows {
            let Some(Body::Category(c)) = parse_body(EntityKind::Category, &r.body) else {
                continue;
            };
            if c.hidden.is_some() {
                continue;
            }
            let words = words_of(&c.name, c.synonyms.as_ref());
            nodes.insert(
                r.meta.id.clone(),
                Node {
                    parents: c.parents.clone(),
                    words,
                    name: c.name.clone(),
                    merged_into: c.merged_into.clone(),
                },
            );
        }
        Self {
            nodes,
            terms: TermIndex::default(),
        }
    }

    /// The known categories among `ids` and every category above them.
    pub fn with_ancestors<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a String>,
    ) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut seen_alias = BTreeSet::new();
        let mut todo: Vec<&str> = ids.into_iter().map(String::as_str).collect();
        while let Some(id) = todo.pop() {
            let Some(node) = self.nodes.get(id) else {
                continue;
            };
            if let Some(into) = &node.merged_into {
                // Bounded as every step adds to `out` or follows an alias once per id.
                if seen_alias.insert(id) {
                    todo.push(into);
                }
            } else if out.insert(id.to_string()) {
                todo.extend(node.parents.iter().map(String::as_str));
            }
        }
        out
    }

    /// `ids` and every category below them (known or not: a deleted category's id still
    /// names entries filed under it).
    pub fn with_descendants(&self, ids: &BTreeSet<String>) -> BTreeSet<String> {
        let mut out = ids.clone();
        loop {
            let more: Vec<String> = self
                .nodes
                .iter()
                .filter(|(id, n)| !out.contains(*id) && n.parents.iter().any(|p| out.contains(p)))
                .map(|(id, _)| id.clone())
                .collect();
            if more.is_empty() {
                return out;
            }
            out.extend(more);
        }
    }

    /// The category an id stands for: itself, or the one it was merged into.
    pub fn resolve<'a>(&'a self, mut id: &'a str) -> &'a str {
        // A chain is short; the bound only guards against a loop made on two peers.
        for _ in 0..8 {
            match self.nodes.get(id).and_then(|n| n.merged_into.as_deref()) {
                Some(next) => id = next,
                None => break,
            }
        }
        id
    }

    /// A category's names and synonyms with their languages.
    pub fn words(&self, id: &str) -> &[(String, String)] {
        self.nodes.get(id).map_or(&[], |n| n.words.as_slice())
    }

    pub fn parents(&self, id: &str) -> &[String] {
        self.nodes.get(id).map_or(&[], |n| n.parents.as_slice())
    }

    /// The material or tool term a text names.
    pub fn term(&self, vocabulary: &str, text: &str) -> Option<&Term> {
        self.terms.find(vocabulary, text)
    }

    /// The live material or tool term with this id.
    pub fn term_by_id(&self, id: &str) -> Option<&Term> {
        self.terms.by_id(id)
    }

    /// A term's names and synonyms with their languages.
    pub fn term_words(term: &Term) -> Vec<(String, String)> {
        words_of(&term.name, term.synonyms.as_ref())
    }

    /// The name in `lang` of the term of `vocabulary` with this key.
    pub fn term_label(&self, vocabulary: &str, key: &str, lang: &str) -> Option<String> {
        self.terms
            .by_key(vocabulary, key)
            .map(|t| t.name.get(lang).to_string())
    }

    /// The category's name in `lang`, else in its original; `None` for an unknown id.
    pub fn label(&self, id: &str, lang: &str) -> Option<String> {
        self.nodes.get(id).map(|n| n.name.get(lang).to_string())
    }
}

impl Taxonomy {
    /// The category facet as a tree: the top-level categories, and below each chosen
    /// one (or one above a chosen one) its subcategories, each labelled in `lang`.
    /// Counts come from the index, where an entry counts once under every category
    /// above its own.
    pub fn facet<'a>(
        &self,
        counts: HashMap<&'a str, u64>,
        selected: &[&'a str],
        lang: &str,
    ) -> Vec<FacetValue> {
        let chosen: Vec<String> = selected.iter().map(|s| s.to_string()).collect();
        let open = self.with_ancestors(&chosen);
        let ranked = |mut ids: Vec<&'a str>| -> Vec<&'a str> {
            ids.sort_by(|a, b| counts[b].cmp(&counts[a]).then_with(|| a.cmp(b)));
            ids
        };
        let roots = ranked(
            counts
                .keys()
                .copied()
                .filter(|id| self.parents(id).is_empty())
                .collect(),
        );
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        let mut todo: Vec<(&str, u8)> = roots.into_iter().rev().map(|id| (id, 0)).collect();
        while let Some((id, depth)) = todo.pop() {
            if !seen.insert(id) {
                continue;
            }
            out.push(FacetValue {
                value: id.to_string(),
                count: counts[id],
                selected: selected.contains(&id),
                label: self.label(id, lang),
                depth,
            });
            if open.contains(id) {
                let children = ranked(
                    counts
                        .keys()
                        .copied()
                        .filter(|c| self.parents(c).iter().any(|p| p == id))
                        .collect(),
                );
                todo.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
            }
        }
        // A chosen category no entry here is under still shows, to be unchosen.
        for s in selected {
            if !seen.contains(s) {
                out.push(FacetValue {
                    value: s.to_string(),
                    count: counts.get(s).copied().unwrap_or(0),
                    selected: true,
                    label: self.label(s, lang),
                    depth: 0,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::EntityMeta;
    use serde_json::json;

    fn row(id: &str, body: serde_json::Value) -> StoredEntity {
        StoredEntity {
            meta: EntityMeta {
                id: id.into(),
                kind: EntityKind::Category,
                uri: format!("https://a.test/categories/{id}"),
                revision: String::new(),
                created_at: String::new(),
                updated_at: String::new(),
            },
            body,
        }
    }

    #[test]
    fn ancestors_descendants_and_words_per_language() {
        let t = Taxonomy::from_rows(&[
            row(
                "kitchen",
                json!({"name": {"default": "Kitchen", "translations": {"de": "Küche"}}}),
            ),
            row("small", json!({"name": {"default": "Small appliance"}})),
            row(
                "coffee",
                json!({"name": {"default": "Coffee maker", "translations": {"de": "Kaffeemaschine"}},
                                 "synonyms": {"default": "espresso machine; percolator", "translations": {"de": "Kaffeeautomat"}},
                                 "parents": ["kitchen", "small"]}),
            ),
            row(
                "gone",
                json!({"name": {"default": "Gone"}, "hidden": {"reason": "spam", "by": "x", "at": "2026-01-01T00:00:00Z"}}),
            ),
            row(
                "brewers",
                json!({"name": {"default": "Brewers"}, "merged_into": "coffee"}),
            ),
        ]);
        let coffee = ["coffee".to_string(), "unknown".to_string()];
        assert_eq!(
            t.with_ancestors(&coffee),
            BTreeSet::from(["coffee".into(), "kitchen".into(), "small".into()])
        );
        assert_eq!(
            t.with_descendants(&BTreeSet::from(["kitchen".to_string()])),
            BTreeSet::from(["coffee".into(), "kitchen".into()])
        );
        let words: Vec<(&str, &str)> = t
            .words("coffee")
            .iter()
            .map(|(l, w)| (l.as_str(), w.as_str()))
            .collect();
        assert_eq!(
            words,
            [
                ("de", "Kaffeemaschine"),
                ("de", "Kaffeeautomat"),
                ("en", "Coffee maker"),
                ("en", "espresso machine"),
                ("en", "percolator")
            ]
        );
        assert_eq!(t.label("coffee", "de").as_deref(), Some("Kaffeemaschine"));
        assert_eq!(t.label("gone", "en"), None);
        assert_eq!(
            t.with_ancestors(&["brewers".to_string()]),
            BTreeSet::from(["coffee".into(), "kitchen".into(), "small".into()]),
            "a merged category stands for the one it went into"
        );
        assert_eq!(t.resolve("brewers"), "coffee");
        assert_eq!(t.resolve("coffee"), "coffee");

        let counts = HashMap::from([("kitchen", 3), ("small", 5), ("coffee", 2)]);
        let shown = |selected: &[&str]| -> Vec<(String, u8, bool)> {
            t.facet(counts.clone(), selected, "de")
                .into_iter()
                .map(|v| (v.label.unwrap_or(v.value), v.depth, v.selected))
                .collect()
        };
        assert_eq!(
            shown(&[]),
            [
                ("Small appliance".into(), 0, false),
                ("Küche".into(), 0, false)
            ]
        );
        assert_eq!(
            shown(&["kitchen"]),
            [
                ("Small appliance".into(), 0, false),
                ("Küche".into(), 0, true),
                ("Kaffeemaschine".into(), 1, false)
            ]
        );
    }
}
