//! Read models that pages and the API share: the hidden rule, an entry with its
//! labelled relations (batched: a fixed number of queries whatever the number of
//! relations), labels of referenced entries, recent changes, and kept form drafts.

use super::{Knowledge, Result, ServiceError};
use domain::policy::{authorize, Action};
use domain::revision::{now_rfc3339, Revision};
use domain::view::{RecentChange, RelationView};
use domain::{parse_body, Body, EntityKind, EntityMeta, EntitySummary, Hidden};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use storage::StoredEntity;

/// Who reads: hidden entries are gone for readers who may not moderate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reader {
    pub sees_hidden: bool,
}

impl Reader {
    /// A reader with this role (`None`: anonymous).
    pub fn with_role(role: Option<&str>) -> Self {
        Self {
            sees_hidden: authorize(role, Action::Hide).is_ok(),
        }
    }
}

/// An entry as a reader may see it.
#[derive(Clone, Debug)]
pub enum Readable<T = StoredEntity> {
    Visible(T),
    /// Hidden by a moderator: the reader gets only who hid it and why.
    Hidden {
        meta: EntityMeta,
        hidden: Hidden,
    },
}

/// An entry with what its page shows around it.
#[derive(Clone, Debug)]
pub struct EntityView {
    pub entity: StoredEntity,
    /// Set when hidden; only readers who may moderate get a view of a hidden entry.
    pub hidden: Option<Hidden>,
    pub relations: Vec<RelationView>,
    /// For a thing: the stories and guides that apply to it.
    pub stories: Vec<EntitySummary>,
    pub guides: Vec<EntitySummary>,
    /// Labels of entries it refers to by id (thing_id, relationship endpoints).
    pub labels: BTreeMap<String, String>,
    /// An open conflict between concurrent edits of it.
    pub open_conflict: Option<String>,
}

/// A stored entry as one line of a list.
pub fn summary(e: &StoredEntity, lang: &str) -> EntitySummary {
    let body = parse_body(e.meta.kind, &e.body);
    let subtitle = match &body {
        Some(Body::Thing(t)) => format!("{} · {}", t.thing_type, t.manufacturer.name),
        Some(Body::Story(s)) => s.story_type.clone(),
        Some(Body::Guide(g)) => g.guide_type.primary.clone(),
        Some(Body::Relationship(r)) => r.direction.clone(),
        None => String::new(),
    };
    EntitySummary {
        kind: e.meta.kind,
        id: e.meta.id.clone(),
        label: body
            .map(|b| b.label(lang))
            .unwrap_or_else(|| e.meta.id.clone()),
        subtitle,
        updated_at: e.meta.updated_at.clone(),
    }
}

/// A revision as a line of "recent changes" in the reader's language.
pub fn recent_change(r: Revision, lang: &str) -> RecentChange {
    RecentChange {
        kind: r.entity_kind,
        label: parse_body(r.entity_kind, &r.body)
            .map(|b| b.label(lang))
            .unwrap_or_else(|| r.entity_id.clone()),
        entity_id: r.entity_id,
        op: r.op.as_str().to_string(),
        created_at: r.created_at,
    }
}

fn hidden_of(e: &StoredEntity) -> Option<Hidden> {
    e.body
        .get("hidden")
        .and_then(|h| serde_json::from_value(h.clone()).ok())
}

impl Knowledge {
    /// The entry as `reader` may see it: the one place the hidden rule lives.
    pub async fn read(&self, kind: EntityKind, id: &str, reader: Reader) -> Result<Readable> {
        let e = self.get(kind, id).await?;
        Ok(match hidden_of(&e) {
            Some(hidden) if !reader.sees_hidden => Readable::Hidden {
                meta: e.meta,
                hidden,
            },
            _ => Readable::Visible(e),
        })
    }

    /// Who hid the entry and why, when it is hidden from `reader`; `None` when they may
    /// read it, its history and its diffs (also for unknown and deleted entries, whose
    /// history stays readable).
    pub async fn hidden_from(
        &self,
        kind: EntityKind,
        id: &str,
        reader: Reader,
    ) -> Result<Option<Hidden>> {
        if reader.sees_hidden {
            return Ok(None);
        }
        Ok(self.store.get(kind, id).await?.as_ref().and_then(hidden_of))
    }

    /// Labels of any entries by id, in the reader's language; unknown ids are left out.
    pub async fn labels_of(
        &self,
        ids: &BTreeSet<String>,
        lang: &str,
    ) -> Result<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let ids: Vec<String> = ids.iter().cloned().collect();
        for kind in EntityKind::ALL {
            for e in self.store.get_many(kind, &ids).await? {
                out.insert(e.meta.id.clone(), summary(&e, lang).label);
            }
        }
        Ok(out)
    }

    /// Summaries of entries by id, in the order of `ids`; unknown ids are left out.
    pub async fn summaries(&self, ids: &[String], lang: &str) -> Result<Vec<EntitySummary>> {
        let mut rows = BTreeMap::new();
        for kind in [EntityKind::Thing, EntityKind::Story, EntityKind::Guide] {
            for row in self.store.get_many(kind, ids).await? {
                rows.insert(row.meta.id.clone(), row);
            }
        }
        Ok(ids
            .iter()
            .filter_map(|id| rows.get(id))
            .map(|row| summary(row, lang))
            .collect())
    }

    /// The entry with its relations, the stories and guides that apply to it, the labels
    /// of what it refers to and its open conflict; or, when it is hidden from `reader`,
    /// by whom and why.
    pub async fn entity_view(
        &self,
        kind: EntityKind,
        id: &str,
        reader: Reader,
        lang: &str,
    ) -> Result<Readable<EntityView>> {
        let entity = match self.read(kind, id, reader).await? {
            Readable::Visible(e) => e,
            Readable::Hidden { meta, hidden } => return Ok(Readable::Hidden { meta, hidden }),
        };
        let body = parse_body(kind, &entity.body);
        let mut referenced = BTreeSet::new();
        match &body {
            Some(Body::Relationship(r)) => {
                referenced.insert(r.source_id.clone());
                referenced.insert(r.target_id.clone());
            }
            Some(Body::Story(domain::Story {
                thing_id: Some(t), ..
            }))
            | Some(Body::Guide(domain::Guide {
                thing_id: Some(t), ..
            })) => {
                referenced.insert(t.clone());
            }
            _ => {}
        }
        let mut relations = Vec::new();
        if kind != EntityKind::Relationship {
            for rel in self.store.relationships_of(id).await? {
                let Some(Body::Relationship(r)) = parse_body(EntityKind::Relationship, &rel.body)
                else {
                    continue;
                };
                let outgoing = r.source_id == id;
                let (other_kind, other_id) = if outgoing {
                    (r.target_type, r.target_id)
                } else {
                    (r.source_type, r.source_id)
                };
                relations.push(RelationView {
                    id: rel.meta.id.clone(),
                    relationship_type: r.relationship_type,
                    direction: r.direction,
                    outgoing,
                    other_kind,
                    other_id,
                    other_label: None,
                });
            }
        }
        let wanted: BTreeSet<String> = referenced
            .iter()
            .cloned()
            .chain(relations.iter().map(|r| r.other_id.clone()))
            .collect();
        let found = self.labels_of(&wanted, lang).await?;
        for r in &mut relations {
            r.other_label = found.get(&r.other_id).cloned();
        }
        let labels = found
            .into_iter()
            .filter(|(k, _)| referenced.contains(k))
            .collect();
        let (mut stories, mut guides) = (Vec::new(), Vec::new());
        if kind == EntityKind::Thing {
            for (applying, into) in [
                (EntityKind::Story, &mut stories),
                (EntityKind::Guide, &mut guides),
            ] {
                *into = self
                    .store
                    .applying_to(applying, id)
                    .await?
                    .iter()
                    .map(|s| summary(s, lang))
                    .collect();
            }
        }
        let open_conflict = self.open_conflict_of(id).await?;
        Ok(Readable::Visible(EntityView {
            hidden: hidden_of(&entity),
            entity,
            relations,
            stories,
            guides,
            labels,
            open_conflict,
        }))
    }

    /// The newest revisions of entries `reader` may see.
    pub async fn recent_changes(
        &self,
        limit: i64,
        reader: Reader,
        lang: &str,
    ) -> Result<Vec<RecentChange>> {
        let revisions = self.store.recent_revisions(limit).await?;
        let mut hidden = BTreeSet::new();
        if !reader.sees_hidden {
            // One query per kind rather than one per revision.
            for kind in EntityKind::ALL {
                let ids: Vec<String> = revisions
                    .iter()
                    .filter(|r| r.entity_kind == kind)
                    .map(|r| r.entity_id.clone())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                if ids.is_empty() {
                    continue;
                }
                for e in self.store.get_many(kind, &ids).await? {
                    if hidden_of(&e).is_some() {
                        hidden.insert(e.meta.id);
                    }
                }
            }
        }
        Ok(revisions
            .into_iter()
            .filter(|r| !hidden.contains(&r.entity_id))
            .map(|r| recent_change(r, lang))
            .collect())
    }

    /// Someone's newest revisions.
    pub async fn contributions(
        &self,
        author: &str,
        limit: i64,
        lang: &str,
    ) -> Result<Vec<RecentChange>> {
        Ok(self
            .store
            .revisions_by(author, limit)
            .await?
            .into_iter()
            .map(|r| recent_change(r, lang))
            .collect())
    }

    /// The id of the entry's open conflict, if it has one.
    pub async fn open_conflict_of(&self, id: &str) -> Result<Option<String>> {
        Ok(self.store.open_conflict_of(id).await?.map(|c| c.id))
    }

    /// The head revision of an entry, if it exists (deleted entries have none).
    pub async fn head(&self, kind: EntityKind, id: &str) -> Result<Option<String>> {
        Ok(self.store.get(kind, id).await?.map(|e| e.meta.revision))
    }

    /// (id, label) of up to `limit` entries of a kind, for pickers.
    /// Page `page` (from 0) of the visible entries of `kind` as (id, last change), by id.
    pub async fn sitemap_page(
        &self,
        kind: EntityKind,
        page: i64,
        per_page: i64,
    ) -> Result<Vec<(String, String)>> {
        Ok(self
            .store
            .visible_page(kind, page.max(0) * per_page, per_page)
            .await?)
    }

    pub async fn labels(&self, kind: EntityKind, limit: i64) -> Result<Vec<(String, String)>> {
        Ok(self.store.labels(kind, limit).await?)
    }

    /// Keeps a failed form (never a password) for the page it redirects back to, under
    /// a random token. Drafts older than a day are dropped on the next write.
    pub async fn keep_draft(&self, draft: &impl Serialize) -> Result<String> {
        let mut b = [0u8; 16];
        getrandom::fill(&mut b).map_err(|e| ServiceError::Internal(e.to_string()))?;
        let token = hex::encode(b);
        let payload =
            serde_json::to_string(draft).map_err(|e| ServiceError::Internal(e.to_string()))?;
        let day_ago = time::OffsetDateTime::now_utc() - time::Duration::days(1);
        let cutoff = day_ago
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        self.store
            .put_draft(&token, &payload, &now_rfc3339(), &cutoff)
            .await?;
        Ok(token)
    }

    /// A kept draft, if the token names one of the expected shape.
    pub async fn draft<T: DeserializeOwned>(&self, token: &str) -> Result<Option<T>> {
        if token.is_empty() {
            return Ok(None);
        }
        Ok(self
            .store
            .get_draft(token)
            .await?
            .and_then(|p| serde_json::from_str(&p).ok()))
    }
}
