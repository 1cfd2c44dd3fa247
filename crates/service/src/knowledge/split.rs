//! Splitting a category: new categories are made below it, and chosen entries and
//! subcategories move from it to them. The old category stays as their grouping, so a
//! guide filed under it still applies to everything that moved.

use super::{Knowledge, Result, ServiceError};
use domain::{EntityKind, Problem};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// New categories one split makes at most.
pub const MAX_SPLIT_PARTS: usize = 8;

/// Entries and subcategories one part of a split moves at most (each is a revision).
pub const MAX_SPLIT_MOVES: usize = 1000;

/// Entries and subcategories a split page lists for moving.
pub const SPLIT_LISTED: usize = 500;

/// One new category of a split: its name (a localized text) and what moves to it.
#[derive(Clone, Debug, PartialEq)]
pub struct SplitPart {
    pub name: Value,
    /// Ids of entries filed directly under the category, or of its subcategories.
    pub moves: Vec<String>,
}

/// What a split may move: (kind, id, label in the reader's language).
pub type SplitCandidate = (EntityKind, String, String);

impl Knowledge {
    /// The entries filed directly under the category and its subcategories, up to
    /// [`SPLIT_LISTED`], subcategories first, each with its label in `lang`.
    pub async fn split_candidates(&self, id: &str, lang: &str) -> Result<Vec<SplitCandidate>> {
        let (_, children) = self.category_neighbours(id, lang).await?;
        let mut out: Vec<SplitCandidate> = children
            .into_iter()
            .map(|(c, label)| (EntityKind::Category, c, label))
            .collect();
        for (kind, entry) in self.store.filed_under(&[id.to_string()]).await? {
            if out.len() >= SPLIT_LISTED {
                break;
            }
            if let Some(row) = self.store.get(kind, &entry).await? {
                let label = domain::model::parse_body(kind, &row.body)
                    .map_or_else(|| entry.clone(), |b| b.label(lang));
                out.push((kind, entry, label));
            }
        }
        Ok(out)
    }

    /// Makes one new category below `id` (or the category it was merged into) for each part, named as given, and moves each
    /// part's entries and subcategories from `id` to it (an entry keeps its other
    /// categories). Everything is checked before anything is written. Experts' action.
    /// Returns the new categories' ids, in the parts' order.
    pub async fn split_category(
        &self,
        id: &str,
        parts: &[SplitPart],
        author: &str,
    ) -> Result<Vec<String>> {
        // A merged category's id stands for the one it went into, as everywhere.
        let id = self.resolve_category(id).await?;
        let id = id.as_str();
        self.get(EntityKind::Category, id).await?;
        let mut problems = Vec::new();
        if parts.is_empty() {
            problems.push(Problem::new("parts", "required", &[]));
        }
        if parts.len() > MAX_SPLIT_PARTS {
            problems.push(Problem::new(
                "parts",
                "too_many",
                &[("max", MAX_SPLIT_PARTS.to_string())],
            ));
        }
        let below: BTreeMap<String, EntityKind> = self
            .store
            .filed_under(&[id.to_string()])
            .await?
            .into_iter()
            .map(|(kind, entry)| (entry, kind))
            .chain(
                self.store
                    .category_parents()
                    .await?
                    .into_iter()
                    .filter(|(_, parent)| parent == id)
                    .map(|(child, _)| (child, EntityKind::Category)),
            )
            .collect();
        let mut seen = BTreeSet::new();
        let mut bodies = Vec::with_capacity(parts.len());
        for (n, part) in parts.iter().enumerate() {
            let body = json!({"name": part.name, "parents": [id]});
            for p in self
                .preflight(EntityKind::Category, body.clone(), None)
                .await?
            {
                problems.push(Problem {
                    path: format!("parts.{n}.{}", p.path),
                    ..p
                });
            }
            if part.moves.len() > MAX_SPLIT_MOVES {
                problems.push(Problem::new(
                    format!("parts.{n}.moves"),
                    "too_many",
                    &[("max", MAX_SPLIT_MOVES.to_string())],
                ));
            }
            for (m, entry) in part.moves.iter().enumerate() {
                let path = format!("parts.{n}.moves.{m}");
                if !below.contains_key(entry) {
                    problems.push(Problem::new(path, "not_filed_here", &[]));
                } else if !seen.insert(entry.as_str()) {
                    problems.push(Problem::new(path, "moved_twice", &[]));
                }
            }
            bodies.push(body);
        }
        if !problems.is_empty() {
            return Err(ServiceError::Invalid(problems));
        }
        let mut created = Vec::with_capacity(parts.len());
        for (part, body) in parts.iter().zip(bodies) {
            let new = self.create(EntityKind::Category, body, author).await?;
            for entry in &part.moves {
                if let Some(kind) = below.get(entry) {
                    self.refile(*kind, entry, id, &new.meta.id, author).await?;
                }
            }
            created.push(new.meta.id);
        }
        Ok(created)
    }
}
