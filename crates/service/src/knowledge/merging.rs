//! Concurrent edits: the revision DAG of an entity, its content tips, and settling the
//! entity's head on them — one tip is the head; several merge into a deterministic merge
//! revision, or become one open conflict for an expert.

use super::{Knowledge, Result, Saved, ServiceError};
use crate::audit::Event;
use domain::merge::{merge, FieldConflict, MERGE_AUTHOR, PREFERRED_AUTHOR};
use domain::revision::{canonical_json, now_rfc3339, Op, Revision, RevisionDraft};
use domain::{parse_body, Body, EntityKind, Problem};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use storage::{ConflictRow, Materialize, StorageError, StoredEntity};

/// What the API and pages show of a conflict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictView {
    pub conflict_id: String,
    pub kind: EntityKind,
    pub entity_id: String,
    pub status: String,
    pub created_at: String,
    pub base: Option<Value>,
    /// The concurrent versions; `ours` is the later one (the edit that could not merge).
    pub ours: Value,
    pub theirs: Value,
    pub ours_revision: String,
    pub theirs_revision: String,
    pub fields: Vec<FieldConflict>,
}

pub enum Settled {
    Head(Revision),
    Conflict(ConflictRow),
}

struct Dag<'a> {
    revs: HashMap<&'a str, &'a Revision>,
}

impl<'a> Dag<'a> {
    fn new(revs: &'a [Revision]) -> Self {
        Self {
            revs: revs.iter().map(|r| (r.id.as_str(), r)).collect(),
        }
    }

    /// Strict ancestors of `id`.
    fn ancestors(&self, id: &str) -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        let mut stack: Vec<&str> = self
            .revs
            .get(id)
            .map(|r| r.parents.iter().map(String::as_str).collect())
            .unwrap_or_default();
        while let Some(p) = stack.pop() {
            if let Some(r) = self.revs.get(p) {
                if seen.insert(r.id.as_str()) {
                    stack.extend(r.parents.iter().map(String::as_str));
                }
            }
        }
        seen
    }

    /// Longest path to a root: later edits of a line are deeper than a stale branch.
    /// Iterative, as a history can be longer than a thread's stack is deep.
    fn depth(&self, id: &str, memo: &mut HashMap<String, usize>) -> usize {
        let mut stack = vec![id];
        while let Some(&top) = stack.last() {
            if memo.contains_key(top) {
                stack.pop();
                continue;
            }
            let parents: Vec<&str> = self
                .revs
                .get(top)
                .map(|r| r.parents.iter().map(String::as_str).collect())
                .unwrap_or_default();
            let known: Vec<&str> = parents
                .into_iter()
                .filter(|p| self.revs.contains_key(p))
                .collect();
            let pending: Vec<&str> = known
                .iter()
                .copied()
                .filter(|p| !memo.contains_key(*p))
                .collect();
            if pending.is_empty() {
                let d = known.iter().map(|p| memo[*p] + 1).max().unwrap_or(0);
                memo.insert(top.to_string(), d);
                stack.pop();
            } else {
                stack.extend(pending);
            }
        }
        memo.get(id).copied().unwrap_or(0)
    }

    /// Revisions made by people (not merges) that no other such revision descends from.
    fn content_tips(&self) -> Vec<&'a Revision> {
        let content: Vec<&Revision> = self
            .revs
            .values()
            .copied()
            .filter(|r| r.author != MERGE_AUTHOR)
            .collect();
        // One walk for all of them: a revision reached once has its ancestors covered
        // already, so long histories cost linear rather than quadratic time.
        let mut covered: HashSet<&str> = HashSet::new();
        let mut stack: Vec<&str> = content
            .iter()
            .flat_map(|r| r.parents.iter().map(String::as_str))
            .collect();
        while let Some(p) = stack.pop() {
            if let Some(r) = self.revs.get(p) {
                if covered.insert(r.id.as_str()) {
                    stack.extend(r.parents.iter().map(String::as_str));
                }
            }
        }
        let mut tips: Vec<&Revision> = content
            .into_iter()
            .filter(|r| !covered.contains(r.id.as_str()))
            .collect();
        tips.sort_by(|a, b| a.id.cmp(&b.id));
        tips
    }

    /// The deepest common ancestor of all tips (ties by id), if they share one.
    fn lca(&self, tips: &[&Revision]) -> Option<&'a Revision> {
        let mut common: Option<HashSet<&str>> = None;
        for t in tips {
            let mut a = self.ancestors(&t.id);
            a.insert(t.id.as_str());
            common = Some(match common {
                None => a,
                Some(c) => c.intersection(&a).copied().collect(),
            });
        }
        let mut memo = HashMap::new();
        common?
            .into_iter()
            .filter_map(|id| self.revs.get(id).copied())
            .max_by(|a, b| {
                self.depth(&a.id, &mut memo)
                    .cmp(&self.depth(&b.id, &mut memo))
                    .then_with(|| b.id.cmp(&a.id))
            })
    }
}

fn conflict_id(tips: &[&Revision]) -> String {
    let joined: Vec<&str> = tips.iter().map(|t| t.id.as_str()).collect();
    hex::encode(Sha256::digest(
        format!("conflict\n{}", joined.join("\n")).as_bytes(),
    ))
}

/// Sets the value at a dotted path; procedure steps are addressed by their id.
pub fn set_path(body: &mut Value, path: &str, value: Option<Value>) {
    let segments: Vec<&str> = path.split('.').collect();
    let Some((last, parents)) = segments.split_last() else {
        return;
    };
    let mut cur = body;
    for seg in parents {
        let next = match cur {
            Value::Object(m) => m.entry(seg.to_string()).or_insert_with(|| json!({})),
            Value::Array(a) => match a
                .iter_mut()
                .find(|s| s.get("id").and_then(Value::as_str) == Some(seg))
            {
                Some(s) => s,
                None => return,
            },
            _ => return,
        };
        cur = next;
    }
    match (cur, value) {
        (Value::Object(m), Some(v)) => {
            m.insert(last.to_string(), v);
        }
        (Value::Object(m), None) => {
            m.remove(*last);
        }
        (Value::Array(a), v) => {
            let pos = a
                .iter()
                .position(|s| s.get("id").and_then(Value::as_str) == Some(last));
            match (pos, v) {
                (Some(i), Some(v)) => a[i] = v,
                (Some(i), None) => {
                    a.remove(i);
                }
                (None, Some(v)) => a.push(v),
                (None, None) => {}
            }
        }
        _ => {}
    }
}

impl Knowledge {
    /// Settles the entity's head on its content tips (see the module docs).
    pub(super) async fn settle(&self, kind: EntityKind, id: &str) -> Result<Settled> {
        for _ in 0..5 {
            match self.settle_once(kind, id).await {
                // Another writer moved the row or inserted it first: settle on what is there now.
                Err(ServiceError::Storage(
                    StorageError::HeadMoved | StorageError::AlreadyExists,
                )) => continue,
                other => return other,
            }
        }
        Err(ServiceError::Storage(StorageError::HeadMoved))
    }

    async fn settle_once(&self, kind: EntityKind, id: &str) -> Result<Settled> {
        let revs = self.store.history(id).await?;
        let dag = Dag::new(&revs);
        let tips = dag.content_tips();
        let now = now_rfc3339();
        match tips.as_slice() {
            [] => Err(ServiceError::NotFound {
                kind,
                id: id.to_string(),
            }),
            [single] => {
                let head = (*single).clone();
                self.store
                    .close_conflicts(id, "superseded", None, &now)
                    .await?;
                self.make_head(kind, id, &head, &revs).await?;
                Ok(Settled::Head(head))
            }
            many => {
                let base = dag.lca(many);
                let mut fields = Vec::new();
                let mut merged_body = None;
                if many.iter().any(|t| t.op == Op::Delete) {
                    fields.push(FieldConflict {
                        path: String::new(),
                        base: base.map(|b| b.body.clone()),
                        values: many
                            .iter()
                            .map(|t| (t.op != Op::Delete).then(|| t.body.clone()))
                            .collect(),
                    });
                } else {
                    let bodies: Vec<&Value> = many.iter().map(|t| &t.body).collect();
                    let m = merge(base.map(|b| &b.body), &bodies);
                    if m.conflicts.is_empty() {
                        match self.check(kind, &m.body, Some(id)).await {
                            Ok(b) => merged_body = Some(b),
                            Err(ServiceError::Invalid(problems)) => {
                                fields.extend(problems.iter().map(|p: &Problem| FieldConflict {
                                    path: p.path.clone(),
                                    base: None,
                                    values: vec![None; many.len()],
                                }))
                            }
                            Err(e) => return Err(e),
                        }
                    } else {
                        fields = m.conflicts;
                    }
                }
                if let Some(body) = merged_body {
                    let rev = RevisionDraft {
                        entity_uri: many[0].entity_uri.clone(),
                        entity_kind: kind,
                        entity_id: id.to_string(),
                        parents: many.iter().map(|t| t.id.clone()).collect(),
                        body: body.to_value(),
                        author: MERGE_AUTHOR.into(),
                        origin_instance: MERGE_AUTHOR.into(),
                        created_at: many
                            .iter()
                            .map(|t| t.created_at.clone())
                            .max()
                            .unwrap_or_default(),
                        op: Op::Update,
                    }
                    .sign(&self.key);
                    self.store
                        .write(vec![(rev.clone(), Materialize::Nothing)])
                        .await?;
                    self.store
                        .close_conflicts(id, "superseded", None, &now)
                        .await?;
                    self.make_head(kind, id, &rev, &revs).await?;
                    return Ok(Settled::Head(rev));
                }
                let row = ConflictRow {
                    id: conflict_id(many),
                    entity_kind: kind,
                    entity_id: id.to_string(),
                    base_revision: base.map(|b| b.id.clone()),
                    tips: many.iter().map(|t| t.id.clone()).collect(),
                    fields: serde_json::to_value(&fields).unwrap_or(Value::Null),
                    status: "open".into(),
                    created_at: now,
                    closed_at: None,
                    resolution: None,
                };
                self.store.open_conflict(&row).await?;
                // While the conflict is open the deepest line stays current; among equals the
                // earliest edit, so the later edit waits for the expert.
                let mut memo = HashMap::new();
                let head = many
                    .iter()
                    .max_by(|a, b| {
                        dag.depth(&a.id, &mut memo)
                            .cmp(&dag.depth(&b.id, &mut memo))
                            .then_with(|| b.created_at.cmp(&a.created_at))
                            .then_with(|| b.id.cmp(&a.id))
                    })
                    .map(|r| (*r).clone());
                if let Some(head) = head {
                    self.make_head(kind, id, &head, &revs).await?;
                }
                Ok(Settled::Conflict(row))
            }
        }
    }

    /// An edit from `base` while a conflict is open: when it touches other fields than
    /// the changes since, it is saved on top of the current version with those changes
    /// (so readers see it at once) and the conflict stays as it was. `None` when it
    /// collides with the current version; it then joins the conflict.
    pub(super) async fn onto_head(
        &self,
        kind: EntityKind,
        id: &str,
        base: &Revision,
        edit: &Body,
        current: &StoredEntity,
        author: &str,
    ) -> Result<Option<Saved>> {
        let Some(merged) = self
            .rebased(id, base, &current.meta.revision, &edit.to_value())
            .await?
        else {
            return Ok(None);
        };
        let mut body = match self.check(kind, &merged, Some(id)).await {
            Ok(b) => b,
            Err(ServiceError::Invalid(_)) => return Ok(None),
            Err(e) => return Err(e),
        };
        super::keep_moderation(&mut body, &current.body);
        if body.to_value() != current.body {
            self.fast_forward(&current.meta, body, author).await?;
            self.settle(kind, id).await?;
        }
        Ok(Some(Saved {
            entity: self.get(kind, id).await?,
            merged: true,
        }))
    }

    /// While a conflict waits for an expert, an edit from an older revision is judged
    /// against the current version alone: the body with both their changes, when the
    /// two touch different fields (`None` when they collide).
    async fn rebased(
        &self,
        id: &str,
        base: &Revision,
        head: &str,
        edit: &Value,
    ) -> Result<Option<Value>> {
        let revs = self.store.history(id).await?;
        let dag = Dag::new(&revs);
        let Some(head) = dag.revs.get(head).copied() else {
            return Ok(None);
        };
        let common = dag.lca(&[base, head]);
        let m = merge(common.map(|c| &c.body), &[&head.body, edit]);
        Ok(m.conflicts.is_empty().then_some(m.body))
    }

    /// Points the materialized row at `head` (inserting, updating or deleting it).
    async fn make_head(
        &self,
        kind: EntityKind,
        id: &str,
        head: &Revision,
        revs: &[Revision],
    ) -> Result<()> {
        let row = self.store.get(kind, id).await?;
        if row.as_ref().map(|r| r.meta.revision.as_str()) == Some(head.id.as_str()) {
            return Ok(());
        }
        let change = match (head.op, row) {
            (Op::Delete, None) => return Ok(()),
            (Op::Delete, Some(r)) => Materialize::Delete {
                expected_head: r.meta.revision,
            },
            (_, row) => {
                let body = parse_body(kind, &head.body)
                    .ok_or_else(|| StorageError::Corrupt(format!("revision {} body", head.id)))?;
                match row {
                    Some(r) => Materialize::Update {
                        body,
                        expected_head: r.meta.revision,
                    },
                    None => Materialize::Insert {
                        body,
                        created_at: revs
                            .first()
                            .map(|r| r.created_at.clone())
                            .unwrap_or_default(),
                    },
                }
            }
        };
        self.store.settle_row(head, change).await?;
        Ok(())
    }

    /// The conflict with both versions side by side.
    pub async fn conflict(&self, conflict_id: &str) -> Result<ConflictView> {
        let not_found = || ServiceError::NotFound {
            kind: EntityKind::Thing,
            id: format!("conflict {conflict_id}"),
        };
        let c = self
            .store
            .conflict(conflict_id)
            .await?
            .ok_or_else(not_found)?;
        self.conflict_view(c).await
    }

    pub(super) async fn conflict_view(&self, c: ConflictRow) -> Result<ConflictView> {
        let mut tips = Vec::new();
        for t in &c.tips {
            if let Some(r) = self.store.revision(t).await? {
                tips.push(r);
            }
        }
        // `ours` is the latest edit; `theirs` the version it collided with: the one
        // readers see meanwhile when it is a side, else the earliest.
        tips.sort_by(|a, b| {
            a.created_at
                .cmp(&b.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        let current = self
            .store
            .get(c.entity_kind, &c.entity_id)
            .await?
            .map(|e| e.meta.revision);
        let ours = tips.last();
        let theirs = tips
            .iter()
            .find(|t| Some(&t.id) == current.as_ref() && Some(*t) != ours)
            .or(tips.first());
        let (Some(theirs), Some(ours)) = (theirs, ours) else {
            return Err(StorageError::Corrupt(format!("conflict {} revisions", c.id)).into());
        };
        let base = match &c.base_revision {
            Some(b) => self.store.revision(b).await?.map(|r| r.body),
            None => None,
        };
        let fields: Vec<FieldConflict> =
            serde_json::from_value(c.fields.clone()).unwrap_or_default();
        // Present values as (ours, theirs) whatever order the tips were stored in.
        let order: Vec<usize> = [ours, theirs]
            .iter()
            .filter_map(|r| c.tips.iter().position(|t| *t == r.id))
            .collect();
        let fields: Vec<FieldConflict> = fields
            .into_iter()
            .map(|f| FieldConflict {
                values: order
                    .iter()
                    .map(|i| f.values.get(*i).cloned().flatten())
                    .collect(),
                ..f
            })
            .collect();
        // With more than two sides, a field may be disputed by a third one only; the two
        // shown then agree on it, so it is left out (a resolution supersedes every side).
        let disputed: Vec<FieldConflict> = fields
            .iter()
            .filter(|f| f.values.first() != f.values.get(1))
            .cloned()
            .collect();
        let fields = if disputed.is_empty() {
            fields
        } else {
            disputed
        };
        Ok(ConflictView {
            conflict_id: c.id.clone(),
            kind: c.entity_kind,
            entity_id: c.entity_id.clone(),
            status: c.status.clone(),
            created_at: c.created_at.clone(),
            base,
            ours: ours.body.clone(),
            theirs: theirs.body.clone(),
            ours_revision: ours.id.clone(),
            theirs_revision: theirs.id.clone(),
            fields,
        })
    }

    pub async fn open_conflicts(&self, skip: i64, limit: i64) -> Result<(Vec<ConflictView>, i64)> {
        let (rows, total) = self
            .store
            .conflicts("open", skip.max(0), limit.clamp(1, super::MAX_PAGE))
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(self.conflict_view(r).await?);
        }
        Ok((out, total))
    }

    /// Resolves an open conflict with the entity as the expert settled it: a revision whose
    /// parents are all the conflicting versions.
    pub async fn resolve_conflict(
        &self,
        conflict_id: &str,
        mut input: Value,
        author: &str,
    ) -> Result<StoredEntity> {
        let c = self
            .store
            .conflict(conflict_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound {
                kind: EntityKind::Thing,
                id: format!("conflict {conflict_id}"),
            })?;
        let _writing = self.locks.lock(&c.entity_id).await;
        // Read again under the lock: another resolution may have closed it meanwhile.
        let c = self.store.conflict(conflict_id).await?.unwrap_or(c);
        if c.status != "open" {
            return Err(ServiceError::ConflictClosed(c.status));
        }
        domain::validate::strip_meta(&mut input);
        let mut body = self
            .check(c.entity_kind, &input, Some(&c.entity_id))
            .await?;
        if let Some(current) = self.store.get(c.entity_kind, &c.entity_id).await? {
            super::keep_moderation(&mut body, &current.body);
        }
        let mut parents = c.tips.clone();
        parents.sort();
        let uri = match parents.first() {
            Some(tip) => self.store.revision(tip).await?.map(|r| r.entity_uri),
            None => None,
        }
        .unwrap_or_else(|| self.entity_uri(c.entity_kind, &c.entity_id));
        let rev = self.revision(
            (&uri, c.entity_kind, &c.entity_id),
            parents,
            body.to_value(),
            author,
            Op::Update,
        );
        self.store
            .write(vec![(rev.clone(), Materialize::Nothing)])
            .await?;
        self.store
            .close_conflicts(&c.entity_id, "resolved", Some(&rev.id), &now_rfc3339())
            .await?;
        self.settle(c.entity_kind, &c.entity_id).await?;
        let target = format!("{}/{}", c.entity_kind.plural(), c.entity_id);
        self.audit
            .record(Event::new(author, "conflict.resolve", &target).detail(conflict_id))
            .await?;
        self.get(c.entity_kind, &c.entity_id).await
    }

    /// Settles the entity's open conflict on the side of a preferred instance: when
    /// exactly one of the conflicting versions comes from an instance in `preferred`,
    /// every conflicting field takes that version's value, and the rest merges as
    /// usual. Conflicts with nothing to choose (an edit against a deletion, a merge
    /// that fails validation) and conflicts between two such automatic choices wait
    /// for an expert; the latter keeps two instances that prefer each other from
    /// answering each other's choice forever.
    pub async fn resolve_for_preferred(
        &self,
        entity_id: &str,
        preferred: &HashSet<String>,
    ) -> Result<Option<StoredEntity>> {
        let Some(c) = self.store.open_conflict_of(entity_id).await? else {
            return Ok(None);
        };
        let mut tips = Vec::with_capacity(c.tips.len());
        for t in &c.tips {
            match self.store.revision(t).await? {
                Some(r) => tips.push(r),
                None => return Ok(None),
            }
        }
        if tips.iter().any(|t| t.author == PREFERRED_AUTHOR) {
            return Ok(None);
        }
        let sides: Vec<usize> = (0..tips.len())
            .filter(|i| preferred.contains(&tips[*i].origin_instance))
            .collect();
        let [side] = sides.as_slice() else {
            return Ok(None);
        };
        let fields: Vec<FieldConflict> =
            serde_json::from_value(c.fields.clone()).unwrap_or_default();
        if fields.is_empty()
            || fields
                .iter()
                .any(|f| f.path.is_empty() || f.values.iter().all(Option::is_none))
        {
            return Ok(None);
        }
        let base = match &c.base_revision {
            Some(b) => self.store.revision(b).await?.map(|r| r.body),
            None => None,
        };
        let bodies: Vec<&Value> = tips.iter().map(|t| &t.body).collect();
        let mut body = merge(base.as_ref(), &bodies).body;
        for f in &fields {
            set_path(&mut body, &f.path, f.values.get(*side).cloned().flatten());
        }
        match self.resolve_conflict(&c.id, body, PREFERRED_AUTHOR).await {
            Ok(e) => Ok(Some(e)),
            Err(ServiceError::Invalid(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The merged body with each conflicting field taken from `choices`
    /// (path → "ours" | "theirs" | "base", or `{"value": …}`); unnamed fields keep ours.
    pub async fn compose_resolution(
        &self,
        conflict_id: &str,
        choices: &serde_json::Map<String, Value>,
    ) -> Result<Value> {
        let view = self.conflict(conflict_id).await?;
        let m = merge(view.base.as_ref(), &[&view.ours, &view.theirs]);
        let mut body = m.body;
        for f in &view.fields {
            let pick = choices.get(&f.path);
            let value = match pick.and_then(Value::as_str) {
                Some("theirs") => f.values.get(1).cloned().flatten(),
                Some("base") => f.base.clone(),
                Some(_) | None => match pick.and_then(|p| p.get("value")) {
                    Some(v) => Some(v.clone()),
                    None => f.values.first().cloned().flatten(),
                },
            };
            if f.path.is_empty() {
                body = value.unwrap_or(Value::Null);
            } else {
                set_path(&mut body, &f.path, value);
            }
        }
        Ok(body)
    }
}

/// Canonical text of a JSON value, for showing values in conflict pages.
pub fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => canonical_json(other),
    }
}
