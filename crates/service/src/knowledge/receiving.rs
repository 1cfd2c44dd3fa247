//! Taking in revisions made on other instances: each is checked like a local edit, a
//! batch is stored in one transaction, and the entries it touched settle on the merge
//! rules.

use super::{Knowledge, Result, ServiceError};
use domain::peer::Trust;
use domain::revision::{Op, Revision};
use domain::{parse_body, EntityKind, Problem};
use std::collections::HashMap;
use storage::{Materialize, StorageError};

/// What the batch knows of an entry's row while it goes through the revisions.
#[derive(Clone)]
enum Row {
    /// No row and no revisions here: a create can insert it.
    New,
    /// A row whose head is undisputed: a revision on top of it fast-forwards.
    Head(String),
    /// Anything else (deleted, in conflict, concurrent branches): the merge rules decide.
    Settle,
}

impl Knowledge {
    /// Takes in a revision made elsewhere (or earlier) and settles the entity on it.
    /// Idempotent; the resulting head depends only on the set of revisions received,
    /// not on their order. Parents must already be here. `source` is the peer that
    /// delivered it and its trust then, recorded for the entry's page.
    pub async fn receive(&self, rev: Revision, source: Option<(&str, Trust)>) -> Result<()> {
        self.receive_many(vec![rev], source).await.map(|_| ())
    }

    /// As [`Knowledge::receive`] for revisions in causal order (parents first, here or
    /// earlier in the batch), stored in one transaction. A revision that creates a new
    /// entry or continues its entry's undisputed head becomes the head at once; the
    /// entries of the others are settled afterwards. Nothing is stored if one is bad.
    /// Returns how many were new here.
    pub async fn receive_many(
        &self,
        revs: Vec<Revision>,
        source: Option<(&str, Trust)>,
    ) -> Result<usize> {
        let mut rows: HashMap<String, Row> = HashMap::new();
        // Revision id → entry id, for parents earlier in the batch.
        let mut batch: HashMap<String, String> = HashMap::new();
        let mut settle: Vec<(EntityKind, String)> = Vec::new();
        let mut changes = Vec::with_capacity(revs.len());
        for rev in revs {
            self.check_received(&rev, &batch).await?;
            let row = match rows.get(&rev.entity_id) {
                Some(r) => r.clone(),
                None => self.row_state(rev.entity_kind, &rev.entity_id).await?,
            };
            let (change, next) = fast_change(&rev, row);
            if matches!(change, Materialize::Nothing) {
                let entry = (rev.entity_kind, rev.entity_id.clone());
                if !settle.contains(&entry) {
                    settle.push(entry);
                }
            }
            rows.insert(rev.entity_id.clone(), next);
            batch.insert(rev.id.clone(), rev.entity_id.clone());
            changes.push((rev, change));
        }
        if changes.is_empty() {
            return Ok(0);
        }
        let new = match self.store.write_from(&changes, source).await {
            Ok(new) => new,
            // Someone edited one of the entries meanwhile, or took in the same new entry
            // (a pull and a push, or a release of held revisions, can race): store the
            // batch as branches and let the merge rules settle every entry it touched.
            Err(StorageError::HeadMoved | StorageError::AlreadyExists) => {
                let plain: Vec<_> = changes
                    .into_iter()
                    .map(|(r, _)| (r, Materialize::Nothing))
                    .collect();
                let new = self.store.write_from(&plain, source).await?;
                for (r, _) in plain {
                    let entry = (r.entity_kind, r.entity_id);
                    if !settle.contains(&entry) {
                        settle.push(entry);
                    }
                }
                new
            }
            Err(e) => return Err(e.into()),
        };
        for (kind, id) in settle {
            let _writing = self.locks.lock(&id).await;
            self.settle(kind, &id).await?;
        }
        Ok(new)
    }

    async fn check_received(&self, rev: &Revision, batch: &HashMap<String, String>) -> Result<()> {
        let bad = |code: &str| ServiceError::Invalid(vec![Problem::new("revision", code, &[])]);
        if rev.content_id() != rev.id {
            return Err(bad("revision_id_mismatch"));
        }
        // Revisions from elsewhere are checked like local edits before they can become
        // a head (deletes carry no body to check).
        if rev.op != Op::Delete && parse_body(rev.entity_kind, &rev.body).is_none() {
            return Err(bad("revision_body_invalid"));
        }
        // What one backend stores and another refuses (NUL) cannot travel between them.
        if domain::validate::json_has_control_chars(&rev.body) {
            return Err(bad("control_character"));
        }
        for p in &rev.parents {
            let entry = match batch.get(p) {
                Some(e) => Some(e.clone()),
                None => self.store.revision(p).await?.map(|r| r.entity_id),
            };
            if entry.as_ref() != Some(&rev.entity_id) {
                return Err(bad("revision_parent_missing"));
            }
        }
        // A new entry's URI names the instance that created it (pages show it as the
        // origin), so a peer cannot pass its entries off as another instance's.
        let own_uri = format!(
            "{}/{}/{}",
            rev.origin_instance,
            rev.entity_kind.plural(),
            rev.entity_id
        );
        if rev.parents.is_empty() && rev.entity_uri != own_uri {
            return Err(bad("revision_uri_mismatch"));
        }
        Ok(())
    }

    async fn row_state(&self, kind: EntityKind, id: &str) -> Result<Row> {
        Ok(match self.store.get(kind, id).await? {
            Some(row) if self.store.open_conflict_of(id).await?.is_none() => {
                Row::Head(row.meta.revision)
            }
            Some(_) => Row::Settle,
            None if self.store.history(id).await?.is_empty() => Row::New,
            None => Row::Settle,
        })
    }
}

/// How a received revision changes its entry's row when it needs no merge, and what the
/// batch then knows of the row.
fn fast_change(rev: &Revision, row: Row) -> (Materialize, Row) {
    let body = || parse_body(rev.entity_kind, &rev.body);
    match (row, rev.parents.as_slice(), rev.op) {
        (Row::New, [], Op::Create | Op::Update) => match body() {
            Some(body) => (
                Materialize::Insert {
                    body,
                    created_at: rev.created_at.clone(),
                },
                Row::Head(rev.id.clone()),
            ),
            None => (Materialize::Nothing, Row::Settle),
        },
        (Row::Head(head), [parent], Op::Delete) if *parent == head => (
            Materialize::Delete {
                expected_head: head,
            },
            Row::Settle,
        ),
        (Row::Head(head), [parent], _) if *parent == head => match body() {
            Some(body) => (
                Materialize::Update {
                    body,
                    expected_head: head,
                },
                Row::Head(rev.id.clone()),
            ),
            None => (Materialize::Nothing, Row::Settle),
        },
        _ => (Materialize::Nothing, Row::Settle),
    }
}
