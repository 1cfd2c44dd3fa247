//! Read models that pages and the API share: the hidden rule, an entry with its
//! labelled relations (batched: a fixed number of queries whatever the number of
//! relations), labels of referenced entries, recent changes, and kept form drafts.

use super::{Knowledge, Result, ServiceError};
use domain::policy::{authorize, Action};
use domain::revision::{now_rfc3339, Revision};
use domain::view::{Byline, RecentChange, RelationView};
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
    /// Who wrote its first version, and who its current one.
    pub created: Option<Byline>,
    pub updated: Option<Byline>,
}

/// A stored entry as one line of a list.
pub fn summary(e: &StoredEntity, lang: &str) -> EntitySummary {
    let body = parse_body(e.meta.kind, &e.body);
    let subtitle = match &body {
        Some(Body::Thing(t)) => format!("{} · {}", t.thing_type, t.manufacturer.name),
        Some(Body::Story(s)) => s.story_type.clone(),
        Some(Body::Guide(g)) => g.guide_type.primary.clone(),
        Some(Body::Relationship(r)) => r.direction.clone(),
        Some(Body::Category(c)) => c.synonyms_in(lang).join(", "),
        Some(Body::Term(t)) => format!("{} · {}", t.vocabulary, t.key),
        Some(Body::Repair(r)) => r
            .group_identifier
            .clone()
            .unwrap_or_else(|| r.data_provider.clone()),
        Some(Body::Event(e)) => e
            .place
            .clone()
            .unwrap_or_else(|| e.group_identifier.clone()),
        Some(Body::Outcome(o)) => o.entry_type.clone(),
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
        cover: None,
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
        let ordered: Vec<StoredEntity> = ids.iter().filter_map(|id| rows.remove(id)).collect();
        self.summaries_of(&ordered, lang).await
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
            }))
            | Some(Body::Term(domain::vocab::Term {
                thing_id: Some(t), ..
            })) => {
                referenced.insert(t.clone());
            }
            Some(Body::Outcome(o)) => {
                referenced.insert(o.entry_id.clone());
                referenced.extend(o.thing_id.clone());
            }
            Some(Body::Repair(r)) => {
                referenced.extend(
                    [&r.x_thing_id, &r.x_story_id, &r.x_guide_id, &r.x_event_id]
                        .into_iter()
                        .flatten()
                        .cloned(),
                );
            }
            _ => {}
        }
        for list in ["categories", "parents"] {
            let named = entity.body.get(list).and_then(serde_json::Value::as_array);
            for id in named.into_iter().flatten().filter_map(|v| v.as_str()) {
                referenced.insert(id.to_string());
            }
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
                let mut rows = self.store.applying_to(applying, id).await?;
                // What applies to the thing's categories, or to any above them.
                for row in self.filed_above(applying, &entity.body).await? {
                    if !rows.iter().any(|r| r.meta.id == row.meta.id) {
                        rows.push(row);
                    }
                }
                *into = self.summaries_of(&rows, lang).await?;
            }
        }
        let open_conflict = self.open_conflict_of(id).await?;
        let ends = self.store.first_and_last(id).await?;
        let byline = |r: &Revision| Byline {
            author: r.author.clone(),
            instance: r.origin_instance.clone(),
            local: r.origin_instance == self.public_url(),
            at: r.created_at.clone(),
        };
        Ok(Readable::Visible(EntityView {
            created: ends.as_ref().map(|(first, _)| byline(first)),
            updated: ends.as_ref().map(|(_, last)| byline(last)),
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
        let visible = self.without_hidden(revisions, reader).await?;
        self.described(visible, lang).await
    }

    /// Leaves out revisions of entries hidden from `reader`.
    async fn without_hidden(
        &self,
        revisions: Vec<Revision>,
        reader: Reader,
    ) -> Result<Vec<Revision>> {
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
            .collect())
    }

    /// Revisions as lines of "recent changes" in the reader's language: a relationship
    /// named by its two ends, and an update that brings back an earlier version called
    /// a revert (which takes the entry's history to see).
    async fn described(&self, revisions: Vec<Revision>, lang: &str) -> Result<Vec<RecentChange>> {
        let mut ops: BTreeMap<String, &'static str> = BTreeMap::new();
        let updated: BTreeSet<(EntityKind, &str)> = revisions
            .iter()
            .filter(|r| r.op == domain::revision::Op::Update)
            .map(|r| (r.entity_kind, r.entity_id.as_str()))
            .collect();
        for (kind, id) in updated {
            let history = self.history(kind, id).await?;
            let described = domain::revision::describe(&history);
            ops.extend(history.into_iter().map(|r| r.id).zip(described));
        }
        let bodies: Vec<Option<Body>> = revisions
            .iter()
            .map(|r| parse_body(r.entity_kind, &r.body))
            .collect();
        let names = self.relationship_names(&bodies, lang).await?;
        Ok(revisions
            .into_iter()
            .zip(bodies)
            .zip(names)
            .map(|((r, body), name)| RecentChange {
                kind: r.entity_kind,
                label: name
                    .or_else(|| body.map(|b| b.label(lang)))
                    .unwrap_or_else(|| r.entity_id.clone()),
                op: ops.get(&r.id).copied().unwrap_or(r.op.as_str()).to_string(),
                entity_id: r.entity_id,
                created_at: r.created_at,
            })
            .collect())
    }

    /// "Source → Target" for each relationship among `bodies` (`None` for the rest),
    /// with both ends named in the reader's language.
    pub async fn relationship_names(
        &self,
        bodies: &[Option<Body>],
        lang: &str,
    ) -> Result<Vec<Option<String>>> {
        let ends: BTreeSet<String> = bodies
            .iter()
            .flat_map(|b| match b {
                Some(Body::Relationship(r)) => vec![r.source_id.clone(), r.target_id.clone()],
                _ => Vec::new(),
            })
            .collect();
        let labels = self.labels_of(&ends, lang).await?;
        let label = |id: &String| labels.get(id).unwrap_or(id).clone();
        Ok(bodies
            .iter()
            .map(|b| match b {
                Some(Body::Relationship(r)) => {
                    Some(format!("{} → {}", label(&r.source_id), label(&r.target_id)))
                }
                _ => None,
            })
            .collect())
    }

    /// The newest revisions someone on this instance made, of entries `reader` may see
    /// (a namesake on another instance is someone else).
    pub async fn contributions(
        &self,
        author: &str,
        limit: i64,
        reader: Reader,
        lang: &str,
    ) -> Result<Vec<RecentChange>> {
        let revisions = self
            .store
            .revisions_by(author, self.public_url(), limit)
            .await?;
        let visible = self.without_hidden(revisions, reader).await?;
        self.described(visible, lang).await
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
