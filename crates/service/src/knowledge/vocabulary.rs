//! Vocabulary terms: the live terms kept until the next write, the controlled
//! vocabularies they extend, and the checks a term or a relationship's type must pass.

use super::{Knowledge, Result};
use domain::model::parse_body;
use domain::vocab::{Term, Vocabularies};
use domain::{Body, EntityKind, Problem};
use serde_json::Value;
use std::sync::{Arc, Mutex};

/// Rows read per query while loading the terms.
const PAGE: i64 = 1000;

/// Live terms with their ids, in vocabulary and key order.
pub type Terms = Arc<Vec<(String, Term)>>;

/// The live terms as last read, and the term stamp they were read at: validation
/// consults them on every write, and they change only with writes of terms.
#[derive(Default)]
pub(super) struct TermCache(Mutex<Option<(i64, Terms)>>);

/// One vocabulary as its page and the API show it.
#[derive(Clone, Debug)]
pub struct VocabularyView {
    pub name: String,
    /// Values the design fixes, which terms may refine but not remove.
    pub built_in: Vec<String>,
    /// The live terms, by key.
    pub terms: Vec<(String, Term)>,
}

impl Knowledge {
    /// Every live, visible term with its id.
    pub async fn terms(&self) -> Result<Terms> {
        let stamp = self.store.term_stamp().await?;
        if let Ok(cached) = self.terms.0.lock() {
            if let Some((at, terms)) = cached.as_ref() {
                if *at == stamp {
                    return Ok(terms.clone());
                }
            }
        }
        let mut terms = Vec::new();
        let mut after = String::new();
        loop {
            let rows = self
                .store
                .rows_after(EntityKind::Term, &after, PAGE)
                .await?;
            let Some(last) = rows.last() else { break };
            after = last.meta.id.clone();
            for row in &rows {
                if let Some(Body::Term(t)) = parse_body(EntityKind::Term, &row.body) {
                    if t.hidden.is_none() {
                        terms.push((row.meta.id.clone(), t));
                    }
                }
            }
        }
        terms.sort_by(|a, b| (&a.1.vocabulary, &a.1.key).cmp(&(&b.1.vocabulary, &b.1.key)));
        let terms = Arc::new(terms);
        if let Ok(mut cached) = self.terms.0.lock() {
            *cached = Some((stamp, terms.clone()));
        }
        Ok(terms)
    }

    /// The values each controlled vocabulary accepts: the defaults and the extensions.
    pub async fn vocabularies(&self) -> Result<Vocabularies> {
        let terms = self.terms().await?;
        Ok(Vocabularies::extended(terms.iter().map(|(_, t)| t)))
    }

    /// One vocabulary (one of [`domain::vocab::VOCABULARIES`]) with its terms.
    pub async fn vocabulary(&self, name: &str) -> Result<VocabularyView> {
        let terms = self.terms().await?;
        Ok(VocabularyView {
            name: name.to_string(),
            built_in: Vocabularies::built_in(name),
            terms: terms
                .iter()
                .filter(|(_, t)| t.vocabulary == name)
                .cloned()
                .collect(),
        })
    }

    /// The term that refines or adds relationship type `key`, if any.
    async fn relationship_term(&self, key: &str) -> Result<Option<Term>> {
        let terms = self.terms().await?;
        Ok(terms
            .iter()
            .find(|(_, t)| t.vocabulary == "relationship-types" && t.key == key)
            .map(|(_, t)| t.clone()))
    }

    /// A term's key is unique in its vocabulary, a term stays in its vocabulary, and a
    /// tool's thing is a thing.
    pub(super) async fn check_term(
        &self,
        input: &Value,
        own_id: Option<&str>,
        problems: &mut Vec<Problem>,
    ) -> Result<()> {
        let text = |k: &str| input.get(k).and_then(Value::as_str);
        let (Some(vocabulary), Some(key)) = (text("vocabulary"), text("key")) else {
            return Ok(());
        };
        let terms = self.terms().await?;
        let taken = terms.iter().any(|(id, t)| {
            t.vocabulary == vocabulary && t.key == key && Some(id.as_str()) != own_id
        });
        if taken {
            problems.push(Problem::new(
                "key",
                "duplicate_term",
                &[("vocabulary", vocabulary.to_string())],
            ));
        }
        if let Some(id) = own_id {
            let before = self.store.get(EntityKind::Term, id).await?;
            let was = before
                .as_ref()
                .and_then(|e| e.body.get("vocabulary"))
                .and_then(Value::as_str);
            if let Some(was) = was.filter(|was| *was != vocabulary) {
                problems.push(Problem::new(
                    "vocabulary",
                    "vocabulary_fixed",
                    &[("vocabulary", was.to_string())],
                ));
            }
        }
        if let Some(thing) = text("thing_id").filter(|s| domain::validate::is_entity_id(s)) {
            self.expect_kind(problems, "thing_id", thing, EntityKind::Thing)
                .await?;
        }
        Ok(())
    }

    /// A relationship joins kinds its type's term allows.
    pub(super) async fn check_relationship_kinds(
        &self,
        r: &domain::Relationship,
        problems: &mut Vec<Problem>,
    ) -> Result<()> {
        let Some(term) = self.relationship_term(&r.relationship_type).await? else {
            return Ok(());
        };
        if !term.joins(r.source_type, r.target_type) {
            let names = |kinds: &[EntityKind]| {
                if kinds.is_empty() {
                    "any".to_string()
                } else {
                    kinds
                        .iter()
                        .map(|k| k.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            problems.push(Problem::new(
                "relationship_type",
                "kinds_not_allowed",
                &[
                    ("sources", names(&term.source_kinds)),
                    ("targets", names(&term.target_kinds)),
                ],
            ));
        }
        Ok(())
    }
}

impl Knowledge {
    /// What writing term `id` (when it exists) as `body` (when given) takes beyond the
    /// kind's own action: see [`domain::policy::also_needed`]. Both the term as it
    /// stands and as written count, so a patch that leaves `vocabulary` out is judged too.
    pub async fn also_needed(
        &self,
        kind: EntityKind,
        id: Option<&str>,
        body: Option<&Value>,
    ) -> Result<Option<domain::policy::Action>> {
        if kind != EntityKind::Term {
            return Ok(None);
        }
        if let Some(a) = body.and_then(|b| domain::policy::also_needed(kind, b)) {
            return Ok(Some(a));
        }
        let Some(id) = id.filter(|id| domain::validate::is_entity_id(id)) else {
            return Ok(None);
        };
        let stored = self.store.get(kind, id).await?;
        Ok(stored.and_then(|e| domain::policy::also_needed(kind, &e.body)))
    }

    /// The terms `body`'s material and tool texts name, by [`domain::vocab::named_key`].
    pub async fn terms_named(
        &self,
        body: &Body,
        lang: &str,
    ) -> Result<std::collections::BTreeMap<String, domain::vocab::NamedTerm>> {
        let texts = domain::vocab::texts_of(body);
        if texts.is_empty() {
            return Ok(Default::default());
        }
        let index = domain::vocab::TermIndex::new(self.terms().await?.iter().cloned());
        Ok(texts
            .into_iter()
            .filter_map(|(vocabulary, text)| {
                let (id, term) = index.find_with_id(vocabulary, text)?;
                let named = domain::vocab::NamedTerm {
                    id: id.to_string(),
                    name: term.name.get(lang).to_string(),
                    thing_id: term.thing_id.clone(),
                };
                Some((domain::vocab::named_key(vocabulary, text), named))
            })
            .collect())
    }

    /// Names of the controlled vocabularies' terms in `lang`, by key, for choices, and
    /// relationship types' inverse names by `inverse-KEY`.
    pub async fn term_names(
        &self,
        lang: &str,
    ) -> Result<std::collections::BTreeMap<String, String>> {
        let terms = self.terms().await?;
        let mut names = std::collections::BTreeMap::new();
        for (_, t) in terms.iter() {
            if !domain::vocab::is_controlled(&t.vocabulary) {
                continue;
            }
            names.insert(t.key.clone(), t.name.get(lang).to_string());
            if let Some(inverse) = &t.inverse_name {
                names.insert(format!("inverse-{}", t.key), inverse.get(lang).to_string());
            }
        }
        Ok(names)
    }
}
