//! The knowledge service: every create, update and delete goes through here and
//! becomes a signed revision. Knows nothing about HTTP or pages.

mod checks;
mod filing;
mod languages;
mod locks;
mod media;
mod merging;
pub mod ords;
mod outcomes;
mod read;
mod receiving;
mod seed;
mod split;
mod suggestions;
mod tags;
mod taxonomy;
mod verify;
mod vocabulary;

pub use domain::merge::{MERGE_AUTHOR, PREFERRED_AUTHOR};
pub use filing::FILE_BATCH;
pub use merging::{set_path, show as show_value, ConflictView};
pub use outcomes::outcome_id;
pub use read::{summary, EntityView, Readable, Reader};
pub use seed::{seed_category_id, SEED_ORIGIN};
pub use split::{SplitCandidate, SplitPart, MAX_SPLIT_MOVES, MAX_SPLIT_PARTS};
pub use storage::{ListFilter, StoredEntity};
pub use suggestions::Suggestion;
pub use tags::{MAX_TAGS_LISTED, RENAME_BATCH};
pub use verify::VerifyReport;
pub use vocabulary::VocabularyView;

use merging::Settled;

use crate::audit::{Audit, Event};
use domain::revision::{now_rfc3339, InstanceKey, Op, Revision, RevisionDraft};
use domain::validate::strip_meta;
use domain::Counts;
use domain::{Body, EntityKind, EntityMeta, Problem};
use serde_json::Value;
use storage::{Materialize, StorageError, Store};

pub const MAX_PAGE: i64 = 500;
pub use domain::ANONYMOUS;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("the input is invalid")]
    Invalid(Vec<Problem>),
    #[error("no {kind} with id {id}")]
    NotFound { kind: EntityKind, id: String },
    #[error("the entity changed since revision {base}")]
    Stale {
        base: String,
        current: Box<StoredEntity>,
    },
    #[error("the edit conflicts with a concurrent change")]
    Conflict(Box<ConflictView>),
    #[error("the conflict is already {0}")]
    ConflictClosed(String),
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// Someone else's outcome, or a second one of the same person under another id.
    #[error("each person gives one outcome per entry, and only they can change it")]
    NotYours,
    #[error("{0}")]
    Internal(String),
}

/// The result of an update: the entity as it now is, and whether the edit had to be
/// merged with a concurrent one.
#[derive(Clone, Debug)]
pub struct Saved {
    pub entity: StoredEntity,
    pub merged: bool,
}

pub type Result<T> = std::result::Result<T, ServiceError>;

pub struct Knowledge {
    store: Store,
    audit: Audit,
    key: InstanceKey,
    public_url: String,
    locks: locks::EntryLocks,
    trees: taxonomy::TreeCache,
    terms: vocabulary::TermCache,
}

/// A revision made now on the instance at `origin`, signed with its key.
pub(crate) fn signed_revision(
    (key, origin): (&InstanceKey, &str),
    (uri, kind, id): (&str, EntityKind, &str),
    parents: Vec<String>,
    body: Value,
    author: &str,
    op: Op,
) -> Revision {
    RevisionDraft {
        entity_uri: uri.to_string(),
        entity_kind: kind,
        entity_id: id.to_string(),
        parents,
        body,
        author: author.to_string(),
        origin_instance: origin.to_string(),
        created_at: now_rfc3339(),
        op,
    }
    .sign(key)
}

/// Ids for new entities are UUIDv7: time-ordered, so inserts stay index-friendly.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().hyphenated().to_string()
}

/// Gives every procedure step a stable id, so history and merges can follow a step
/// when it is edited or moved.
fn assign_step_ids(body: &mut Body) {
    let steps = match body {
        Body::Story(s) => Some(&mut s.procedure),
        Body::Guide(g) => g.content.procedure.as_mut(),
        _ => None,
    };
    for step in steps.into_iter().flatten() {
        if step.id.is_none() {
            step.id = Some(uuid::Uuid::now_v7().simple().to_string());
        }
    }
}

/// Moderation state is not part of an author's edit: the body keeps the state of `from`
/// (the revision the edit builds on).
fn keep_moderation(body: &mut Body, from: &Value) {
    let hidden = from
        .get("hidden")
        .and_then(|h| serde_json::from_value(h.clone()).ok());
    body.set_hidden(hidden);
}

/// RFC 7396 JSON merge patch.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    if let Value::Object(t) = target {
        for (k, v) in p {
            if v.is_null() {
                t.remove(k);
            } else {
                merge_patch(t.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
    }
}

impl Knowledge {
    pub fn new(store: Store, key: InstanceKey, public_url: &str) -> Self {
        Self {
            audit: Audit::new(store.clone()),
            store,
            key,
            public_url: public_url.trim_end_matches('/').to_string(),
            locks: locks::EntryLocks::new(),
            trees: taxonomy::TreeCache::default(),
            terms: vocabulary::TermCache::default(),
        }
    }

    /// Whether the database answers, for health checks.
    pub async fn ping(&self) -> Result<()> {
        Ok(self.store.ping().await?)
    }

    /// The sequence number of the newest revision in the log.
    pub async fn log_head(&self) -> Result<i64> {
        Ok(self.store.max_seq().await?)
    }

    /// `sqlite` or `postgres`.
    pub fn backend_name(&self) -> String {
        format!("{:?}", self.store.backend()).to_lowercase()
    }

    pub fn audit(&self) -> &Audit {
        &self.audit
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    pub fn public_key_hex(&self) -> String {
        self.key.public_key_hex()
    }

    /// The instance key, for signing what leaves the instance (federation requests).
    pub fn key(&self) -> &InstanceKey {
        &self.key
    }

    pub fn entity_uri(&self, kind: EntityKind, id: &str) -> String {
        format!("{}/{}/{}", self.public_url, kind.plural(), id)
    }

    pub async fn get(&self, kind: EntityKind, id: &str) -> Result<StoredEntity> {
        self.store
            .get(kind, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound {
                kind,
                id: id.to_string(),
            })
    }

    pub async fn list(
        &self,
        kind: EntityKind,
        filter: &ListFilter,
        skip: i64,
        limit: i64,
    ) -> Result<(Vec<StoredEntity>, i64)> {
        let limit = limit.clamp(1, MAX_PAGE);
        Ok(self.store.list(kind, filter, skip.max(0), limit).await?)
    }

    /// A page of a list without its total.
    pub async fn list_page(
        &self,
        kind: EntityKind,
        filter: &ListFilter,
        skip: i64,
        limit: i64,
    ) -> Result<Vec<StoredEntity>> {
        let limit = limit.clamp(1, MAX_PAGE);
        Ok(self
            .store
            .list_page(kind, filter, skip.max(0), limit)
            .await?)
    }

    pub async fn counts(&self) -> Result<Counts> {
        Ok(self.store.counts().await?)
    }

    /// A signed revision of this instance. `entry` is the entry's URI (from its earlier
    /// revisions, so an edit here of an entry created elsewhere keeps naming its origin),
    /// kind and id.
    fn revision(
        &self,
        entry: (&str, EntityKind, &str),
        parents: Vec<String>,
        body: Value,
        author: &str,
        op: Op,
    ) -> Revision {
        signed_revision(
            (&self.key, &self.public_url),
            entry,
            parents,
            body,
            author,
            op,
        )
    }

    pub async fn create(
        &self,
        kind: EntityKind,
        input: Value,
        author: &str,
    ) -> Result<StoredEntity> {
        if kind == EntityKind::Outcome {
            return self.record_outcome(input, author).await;
        }
        self.create_with_id(kind, input, author, new_id()).await
    }

    pub async fn create_with_id(
        &self,
        kind: EntityKind,
        mut input: Value,
        author: &str,
        id: String,
    ) -> Result<StoredEntity> {
        let change = self.creation(kind, &id, &mut input, author).await?;
        self.store.write(vec![change]).await?;
        self.get(kind, &id).await
    }

    /// The checked first revision of a new entry, and the row it inserts.
    async fn creation(
        &self,
        kind: EntityKind,
        id: &str,
        input: &mut Value,
        author: &str,
    ) -> Result<(Revision, Materialize)> {
        strip_meta(input);
        if kind == EntityKind::Outcome {
            self.check_owner(id, input, author)?;
        }
        let body = self.check_local(kind, input, None).await?;
        let uri = self.entity_uri(kind, id);
        let rev = self.revision(
            (&uri, kind, id),
            Vec::new(),
            body.to_value(),
            author,
            Op::Create,
        );
        let created_at = rev.created_at.clone();
        Ok((rev, Materialize::Insert { body, created_at }))
    }

    /// Creates many entities in one transaction (bulk import). All or nothing.
    pub async fn create_many(
        &self,
        kind: EntityKind,
        items: Vec<(String, Value)>,
        author: &str,
    ) -> Result<usize> {
        let mut changes = Vec::with_capacity(items.len());
        for (id, mut input) in items {
            changes.push(self.creation(kind, &id, &mut input, author).await?);
        }
        let n = changes.len();
        self.store.write(changes).await?;
        Ok(n)
    }

    /// Replaces the entity. `base` is the revision the edit started from: if it is still
    /// the head this fast-forwards; otherwise the edit is kept as a branch and merged
    /// with what happened meanwhile, or becomes a conflict.
    pub async fn update(
        &self,
        kind: EntityKind,
        id: &str,
        input: Value,
        base: Option<String>,
        author: &str,
    ) -> Result<Saved> {
        let _writing = self.locks.lock(id).await;
        self.update_locked(kind, id, input, base, author).await
    }

    /// [`Knowledge::update`] for a caller that holds the entry's lock.
    async fn update_locked(
        &self,
        kind: EntityKind,
        id: &str,
        mut input: Value,
        base: Option<String>,
        author: &str,
    ) -> Result<Saved> {
        let body_base = strip_meta(&mut input);
        if kind == EntityKind::Outcome {
            self.check_owner(id, &input, author)?;
        }
        let base = base.or(body_base);
        let current = self.get(kind, id).await?;
        if let Some(b) = base.filter(|b| *b != current.meta.revision) {
            return self
                .update_concurrent(kind, id, input, b, current, author)
                .await;
        }
        let mut body = self.check_local(kind, &input, Some(id)).await?;
        keep_moderation(&mut body, &current.body);
        let value = body.to_value();
        if value == current.body {
            return Ok(Saved {
                entity: current,
                merged: false,
            });
        }
        match self.fast_forward(&current.meta, body, author).await {
            // Another edit landed between reading the head and writing on top of it, so
            // this one is concurrent with it: it merges or becomes a conflict like any
            // edit from an older, known revision (`stale` is for unknown bases only).
            Err(ServiceError::Stale { current: now, .. }) => {
                let base = current.meta.revision;
                return self
                    .update_concurrent(kind, id, input, base, *now, author)
                    .await;
            }
            other => other?,
        }
        // An edit on top of a conflicted entity re-evaluates the conflict.
        if self.store.open_conflict_of(id).await?.is_some() {
            if let Settled::Conflict(c) = self.settle(kind, id).await? {
                tracing::info!("conflict {} still open on {kind} {id}", c.id);
            }
        }
        Ok(Saved {
            entity: self.get(kind, id).await?,
            merged: false,
        })
    }

    async fn update_concurrent(
        &self,
        kind: EntityKind,
        id: &str,
        input: Value,
        base: String,
        current: StoredEntity,
        author: &str,
    ) -> Result<Saved> {
        let Some(base_rev) = self
            .store
            .revision(&base)
            .await?
            .filter(|r| r.entity_id == id)
        else {
            return Err(ServiceError::Stale {
                base,
                current: Box::new(current),
            });
        };
        let mut body = self.check_local(kind, &input, Some(id)).await?;
        keep_moderation(&mut body, &base_rev.body);
        if self.store.open_conflict_of(id).await?.is_some() {
            if let Some(saved) = self
                .onto_head(kind, id, &base_rev, &body, &current, author)
                .await?
            {
                return Ok(saved);
            }
        }
        let rev = self.revision(
            (&base_rev.entity_uri, kind, id),
            vec![base],
            body.to_value(),
            author,
            Op::Update,
        );
        self.store.write(vec![(rev, Materialize::Nothing)]).await?;
        match self.settle(kind, id).await? {
            Settled::Head(h) => Ok(Saved {
                entity: self.get(kind, id).await?,
                merged: h.author == MERGE_AUTHOR,
            }),
            Settled::Conflict(c) => Err(ServiceError::Conflict(Box::new(
                self.conflict_view(c).await?,
            ))),
        }
    }

    /// Writes `body` as the next revision on top of `head`; `Stale` if the head moved.
    async fn fast_forward(&self, current: &EntityMeta, body: Body, author: &str) -> Result<()> {
        let (kind, id, head) = (current.kind, current.id.as_str(), current.revision.as_str());
        let rev = self.revision(
            (&current.uri, kind, id),
            vec![head.to_string()],
            body.to_value(),
            author,
            Op::Update,
        );
        let change = Materialize::Update {
            body,
            expected_head: head.to_string(),
        };
        match self.store.write(vec![(rev, change)]).await {
            Err(StorageError::HeadMoved) => Err(ServiceError::Stale {
                base: head.to_string(),
                current: Box::new(self.get(kind, id).await?),
            }),
            other => Ok(other?),
        }
    }

    /// Applies a JSON merge patch to the current body, then updates.
    pub async fn patch(
        &self,
        kind: EntityKind,
        id: &str,
        mut patch: Value,
        base: Option<String>,
        author: &str,
    ) -> Result<Saved> {
        let body_base = strip_meta(&mut patch);
        let base = base.or(body_base);
        let _writing = self.locks.lock(id).await;
        let current = self.get(kind, id).await?;
        let base = base.unwrap_or_else(|| current.meta.revision.clone());
        let mut merged = current.body.clone();
        merge_patch(&mut merged, &patch);
        self.update_locked(kind, id, merged, Some(base), author)
            .await
    }

    /// Deletes the entity (a tombstone revision keeps its history), and with it every
    /// relationship that points to or from it.
    pub async fn delete(
        &self,
        kind: EntityKind,
        id: &str,
        base: Option<String>,
        author: &str,
    ) -> Result<()> {
        let _writing = self.locks.lock(id).await;
        let current = self.get(kind, id).await?;
        let head = current.meta.revision.clone();
        let label = domain::parse_body(kind, &current.body).map(|b| b.label("en"));
        if let Some(b) = base {
            if b != head {
                return Err(ServiceError::Stale {
                    base: b,
                    current: Box::new(current),
                });
            }
        }
        let mut changes = Vec::new();
        if kind != EntityKind::Relationship {
            for rel in self.store.relationships_of(id).await? {
                let rhead = rel.meta.revision.clone();
                let rev = self.revision(
                    (&rel.meta.uri, EntityKind::Relationship, &rel.meta.id),
                    vec![rhead.clone()],
                    rel.body,
                    author,
                    Op::Delete,
                );
                changes.push((
                    rev,
                    Materialize::Delete {
                        expected_head: rhead,
                    },
                ));
            }
        }
        let rev = self.revision(
            (&current.meta.uri, kind, id),
            vec![head.clone()],
            current.body,
            author,
            Op::Delete,
        );
        changes.push((
            rev,
            Materialize::Delete {
                expected_head: head.clone(),
            },
        ));
        match self.store.write(changes).await {
            Err(StorageError::HeadMoved) => Err(ServiceError::Stale {
                base: head,
                current: Box::new(self.get(kind, id).await?),
            }),
            Err(e) => Err(e.into()),
            Ok(()) => {
                let target = format!("{}/{id}", kind.plural());
                let event =
                    Event::new(author, "entity.delete", &target).detail(label.unwrap_or_default());
                Ok(self.audit.record(event).await?)
            }
        }
    }

    /// Hides the entity from readers (`reason` given) or shows it again (`None`). A new
    /// revision like any edit, so it has history, merges and travels to other instances.
    pub async fn set_hidden(
        &self,
        kind: EntityKind,
        id: &str,
        reason: Option<&str>,
        moderator: &str,
    ) -> Result<StoredEntity> {
        let _writing = self.locks.lock(id).await;
        let current = self.get(kind, id).await?;
        let Some(mut body) = domain::parse_body(kind, &current.body) else {
            return Err(
                StorageError::Corrupt(format!("{kind} {id} has an unreadable body")).into(),
            );
        };
        // Checked before trimming, which would drop a control character at either end.
        if reason.is_some_and(domain::validate::has_control_chars) {
            return Err(ServiceError::Invalid(vec![Problem::new(
                "reason",
                "control_character",
                &[],
            )]));
        }
        let hidden = match reason.map(str::trim) {
            Some("") => {
                return Err(ServiceError::Invalid(vec![Problem::new(
                    "reason",
                    "empty",
                    &[],
                )]))
            }
            Some(r) if r.chars().count() > domain::validate::MAX_TEXT => {
                return Err(ServiceError::Invalid(vec![Problem::new(
                    "reason",
                    "too_long",
                    &[("max", domain::validate::MAX_TEXT.to_string())],
                )]))
            }
            Some(r) => Some(domain::Hidden {
                reason: r.to_string(),
                by: moderator.to_string(),
                at: now_rfc3339(),
            }),
            None => None,
        };
        if hidden.is_none() && body.hidden().is_none() {
            return Ok(current);
        }
        body.set_hidden(hidden);
        self.fast_forward(&current.meta, body, moderator).await?;
        let (action, detail) = match reason {
            Some(r) => ("entity.hide", r.trim().to_string()),
            None => ("entity.unhide", String::new()),
        };
        let target = format!("{}/{id}", kind.plural());
        self.audit
            .record(Event::new(moderator, action, &target).detail(detail))
            .await?;
        self.get(kind, id).await
    }

    /// The entity's revisions, oldest first; also for deleted entities.
    pub async fn history(&self, kind: EntityKind, id: &str) -> Result<Vec<Revision>> {
        let revs = self.store.history(id).await?;
        if revs.is_empty() || revs.iter().any(|r| r.entity_kind != kind) {
            return Err(ServiceError::NotFound {
                kind,
                id: id.to_string(),
            });
        }
        Ok(revs)
    }

    /// One revision of this entity (not of another one).
    pub async fn revision_of(
        &self,
        kind: EntityKind,
        id: &str,
        revision: &str,
    ) -> Result<Revision> {
        match self.store.revision(revision).await? {
            Some(r) if r.entity_id == id && r.entity_kind == kind => Ok(r),
            _ => Err(ServiceError::NotFound {
                kind,
                id: format!("{id} revision {revision}"),
            }),
        }
    }

    /// Field-level changes from one revision to another (default: the latest).
    pub async fn diff(
        &self,
        kind: EntityKind,
        id: &str,
        from: &str,
        to: Option<&str>,
    ) -> Result<(Revision, Revision, Vec<domain::diff::Change>)> {
        let from = self.revision_of(kind, id, from).await?;
        let to = match to {
            Some(t) => self.revision_of(kind, id, t).await?,
            None => self
                .history(kind, id)
                .await?
                .pop()
                .ok_or_else(|| ServiceError::NotFound {
                    kind,
                    id: id.to_string(),
                })?,
        };
        let changes = domain::diff::diff(&from.body, &to.body);
        Ok((from, to, changes))
    }

    /// Makes an old version current again with a new revision; nothing is lost.
    /// Also restores a deleted entity.
    pub async fn revert(
        &self,
        kind: EntityKind,
        id: &str,
        revision: &str,
        base: Option<String>,
        author: &str,
    ) -> Result<Saved> {
        let target = self.revision_of(kind, id, revision).await?;
        if target.op == Op::Delete {
            return Err(ServiceError::Invalid(vec![Problem::new(
                "revision",
                "revert_to_deletion",
                &[],
            )]));
        }
        let _writing = self.locks.lock(id).await;
        if self.store.get(kind, id).await?.is_some() {
            return self
                .update_locked(kind, id, target.body, base, author)
                .await;
        }
        let history = self.history(kind, id).await?;
        let (Some(first), Some(last)) = (history.first(), history.last()) else {
            return Err(ServiceError::NotFound {
                kind,
                id: id.to_string(),
            });
        };
        let mut input = target.body.clone();
        strip_meta(&mut input);
        let mut body = self.check_local(kind, &input, Some(id)).await?;
        keep_moderation(&mut body, &last.body);
        let rev = self.revision(
            (&last.entity_uri, kind, id),
            vec![last.id.clone()],
            body.to_value(),
            author,
            Op::Update,
        );
        let created_at = first.created_at.clone();
        self.store
            .write(vec![(rev, Materialize::Insert { body, created_at })])
            .await?;
        Ok(Saved {
            entity: self.get(kind, id).await?,
            merged: false,
        })
    }

    /// Relationships in and out of an entity (bidirectional ones count both ways).
    pub async fn relationships(&self, kind: EntityKind, id: &str) -> Result<Vec<StoredEntity>> {
        self.get(kind, id).await?;
        Ok(self.store.relationships_of(id).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::merge_patch;
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc7396() {
        let mut t = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        merge_patch(&mut t, &json!({"a": "z", "c": {"f": null}}));
        assert_eq!(t, json!({"a": "z", "c": {"d": "e"}}));
    }
}
