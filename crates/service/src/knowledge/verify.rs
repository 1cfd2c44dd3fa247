//! `thingdata verify`: re-checks the whole revision log and the materialized rows.

use super::{Knowledge, Result};
use domain::revision::verify_signature;
use domain::EntityKind;
use std::collections::HashSet;

const PAGE: i64 = 2000;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct VerifyReport {
    pub revisions: u64,
    pub entities: u64,
    pub audit_entries: u64,
    pub problems: Vec<String>,
}

impl Knowledge {
    /// Every revision: id matches content, signature verifies, parents exist earlier in
    /// the log. Every entity row: its head exists, is this entity's, is not a delete and
    /// carries the row's body. Every entity whose last revision is not a delete has a row.
    pub async fn verify(&self) -> Result<VerifyReport> {
        let mut report = VerifyReport::default();
        let key = self.public_key_hex();
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
                if !verify_signature(&key, rev.id.as_bytes(), &rev.signature) {
                    report.problems.push(format!(
                        "revision {} (log #{seq}): signature does not verify",
                        rev.id
                    ));
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
                if !rows_seen.contains(&id) {
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
