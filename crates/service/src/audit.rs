//! The audit log: append-only, each entry chained to the one before by SHA-256, so an
//! edited, removed or reordered entry is detected by `thingdata verify`.

use domain::revision::{canonical_json, now_rfc3339};
use serde_json::json;
use sha2::{Digest, Sha256};
pub use storage::{AuditFilter, AuditRow};
use storage::{StorageError, Store};

/// The hash of the (empty) entry before the first one.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Something that happened, before it gets its place in the chain.
#[derive(Clone, Debug, Default)]
pub struct Event {
    pub actor: String,
    pub action: &'static str,
    pub target: String,
    pub detail: String,
    pub ip: String,
}

impl Event {
    pub fn new(actor: &str, action: &'static str, target: &str) -> Self {
        Self {
            actor: actor.to_string(),
            action,
            target: target.to_string(),
            ..Default::default()
        }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    pub fn ip(mut self, ip: &str) -> Self {
        self.ip = ip.to_string();
        self
    }
}

fn entry_hash(a: &AuditRow) -> String {
    let content = json!({
        "seq": a.seq,
        "at": a.at,
        "actor": a.actor,
        "action": a.action,
        "target": a.target,
        "detail": a.detail,
        "ip": a.ip,
        "prev_hash": a.prev_hash,
    });
    hex::encode(Sha256::digest(canonical_json(&content).as_bytes()))
}

#[derive(Clone)]
pub struct Audit {
    store: Store,
}

impl Audit {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    /// Appends `event` after the current last entry. Several writers (app nodes) may race
    /// for the next sequence number; the loser re-reads the chain end and tries again.
    pub async fn record(&self, event: Event) -> Result<(), StorageError> {
        loop {
            let (seq, prev_hash) = match self.store.last_audit().await? {
                Some((seq, hash)) => (seq + 1, hash),
                None => (1, GENESIS.to_string()),
            };
            let mut row = AuditRow {
                seq,
                at: now_rfc3339(),
                actor: event.actor.clone(),
                action: event.action.to_string(),
                target: event.target.clone(),
                detail: event.detail.clone(),
                ip: event.ip.clone(),
                prev_hash,
                hash: String::new(),
            };
            row.hash = entry_hash(&row);
            match self.store.insert_audit(&row).await {
                Err(StorageError::AlreadyExists) => continue,
                other => return other,
            }
        }
    }

    pub async fn entries(
        &self,
        filter: &AuditFilter,
        skip: i64,
        limit: i64,
    ) -> Result<(Vec<AuditRow>, i64), StorageError> {
        self.store.audit_entries(filter, skip, limit).await
    }

    /// Walks the whole chain and describes every break in it; returns the entry count too.
    pub async fn verify(&self) -> Result<(u64, Vec<String>), StorageError> {
        let mut problems = Vec::new();
        let (mut last_seq, mut prev_hash, mut count) = (0i64, GENESIS.to_string(), 0u64);
        loop {
            let batch = self.store.audit_after(last_seq, 1000).await?;
            if batch.is_empty() {
                break;
            }
            for a in batch {
                count += 1;
                if a.seq != last_seq + 1 {
                    problems.push(format!(
                        "audit log: entries {} to {} are missing",
                        last_seq + 1,
                        a.seq - 1
                    ));
                }
                if a.prev_hash != prev_hash {
                    problems.push(format!(
                        "audit log: entry {} does not follow the entry before it",
                        a.seq
                    ));
                }
                if entry_hash(&a) != a.hash {
                    problems.push(format!(
                        "audit log: entry {} was altered after it was written",
                        a.seq
                    ));
                }
                last_seq = a.seq;
                prev_hash = a.hash;
            }
        }
        Ok((count, problems))
    }
}
