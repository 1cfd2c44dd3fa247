//! `thingdata verify`: re-checks the whole revision log and the materialized rows.

use super::{Knowledge, Result};
use domain::merge::MERGE_AUTHOR;
use domain::revision::{verify_signature, Revision};
use domain::EntityKind;
use std::collections::{HashMap, HashSet};

const PAGE: i64 = 2000;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct VerifyReport {
    pub revisions: u64,
    pub entities: u64,
    pub audit_entries: u64,
    pub problems: Vec<String>,
}

impl Knowledge {
    /// Records this instance's key under its public URL, so that its revisions still
    /// verify after the URL or the key changes (and from a shell whose settings differ).
    pub async fn remember_own_key(&self) -> Result<()> {
        let now = domain::revision::now_rfc3339();
        Ok(self
            .store
            .remember_key(self.public_url(), &self.public_key_hex(), &now)
            .await?)
    }

    /// Whether a revision is signed by its origin: this instance (and its merges) with
    /// its own key, any origin with one of the keys it is known to have used.
    async fn signature_problem(
        &self,
        rev: &Revision,
        keys: &mut HashMap<String, Vec<String>>,
    ) -> Result<Option<String>> {
        let origin = rev.origin_instance.as_str();
        let own = origin == self.public_url()
            || origin == MERGE_AUTHOR
            || origin == super::seed::SEED_ORIGIN;
        if !keys.contains_key(origin) {
            let mut known = self.store.origin_keys(origin).await?;
            if own {
                known.push(self.public_key_hex());
            }
            keys.insert(origin.to_string(), known);
        }
        let known = keys.get(origin).map(Vec::as_slice).unwrap_or_default();
        Ok(if known.is_empty() {
            Some(format!("no key is known for its origin {origin}"))
        } else if !known
            .iter()
            .any(|k| verify_signature(k, rev.id.as_bytes(), &rev.signature))
        {
            Some(format!("signature does not verify with {origin}'s key"))
        } else {
            None
        })
    }

    /// Every revision: id matches content, signature verifies, parents exist earlier in
    /// the log. Every entity row: its head exists, is this entity's, is not a delete and
    /// carries the row's body. Every entity whose last revision is not a delete has a row.
    pub async fn verify(&self) -> Result<VerifyReport> {
        let mut report = VerifyReport::default();
        let mut keys: HashMap<String, Vec<String>> = HashMap::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut after = 0;
        loop {
            let page = self.store.revisions_after(after, PAGE).await?;
            let Some((last, _)) = page.last() else { break };
            after = *last;
            for (seq, rev) in page {
                report.revisions += 1;
                if rev.content_id() != rev.id {
                    report.problems.push(format!(
                        "revision {} (log #{seq}): id does not match its content",
                        rev.id
                    ));
                }
                if let Some(problem) = self.signature_problem(&rev, &mut keys).await? {
                    report
                        .problems
                        .push(format!("revision {} (log #{seq}): {problem}", rev.id));
                }
                for p in &rev.parents {
                    if !seen.contains(p) {
                        report.problems.push(format!(
                            "revision {} (log #{seq}): parent {p} is missing",
                            rev.id
                        ));
                    }
                }
                seen.insert(rev.id);
            }
        }
        let counts = self.store.counts().await?;
        if counts.revisions as u64 != report.revisions {
            report.problems.push(format!(
                "revision counter says {} but the log holds {}",
                counts.revisions, report.revisions
            ));
        }
        for kind in EntityKind::ALL {
            let counted = match kind {
                EntityKind::Thing => counts.things,
                EntityKind::Story => counts.stories,
                EntityKind::Guide => counts.guides,
                EntityKind::Relationship => counts.relationships,
                EntityKind::Category => counts.categories,
                EntityKind::Term => counts.terms,
                EntityKind::Repair => counts.repairs,
                EntityKind::Event => counts.events,
                EntityKind::Outcome => counts.outcomes,
            };
            let mut rows_seen = HashSet::new();
            let mut after_id = String::new();
            loop {
                let rows = self.store.rows_after(kind, &after_id, PAGE).await?;
                let Some(last) = rows.last() else { break };
                after_id = last.meta.id.clone();
                for row in rows {
                    report.entities += 1;
                    let id = &row.meta.id;
                    match self.store.revision(&row.meta.revision).await? {
                        None => report.problems.push(format!(
                            "{kind} {id}: head revision {} is missing",
                            row.meta.revision
                        )),
                        Some(head) if head.entity_id != *id || head.entity_kind != kind => {
                            report.problems.push(format!(
                                "{kind} {id}: head revision {} belongs to another entity",
                                head.id
                            ))
                        }
                        Some(head) if head.op == domain::revision::Op::Delete => {
                            report.problems.push(format!(
                                "{kind} {id}: head revision {} is a deletion",
                                head.id
                            ))
                        }
                        Some(head) if head.body != row.body => report.problems.push(format!(
                            "{kind} {id}: stored row differs from its head revision {}",
                            head.id
                        )),
                        Some(_) => {}
                    }
                    rows_seen.insert(row.meta.id);
                }
            }
            if counted as usize != rows_seen.len() {
                report.problems.push(format!(
                    "{} counter says {counted} but there are {} rows",
                    kind.plural(),
                    rows_seen.len()
                ));
            }
            for id in self.store.live_entity_ids(kind).await? {
                // An entry created after the walk passed its place has a row by now.
                if !rows_seen.contains(&id) && self.store.get(kind, &id).await?.is_none() {
                    report.problems.push(format!(
                        "{kind} {id}: not deleted in the log but has no row"
                    ));
                }
            }
        }
        let (audit_entries, audit_problems) = self.audit.verify().await?;
        report.audit_entries = audit_entries;
        report.problems.extend(audit_problems);
        Ok(report)
    }
}
