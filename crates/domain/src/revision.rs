//! Immutable, content-addressed and signed revisions: the spine of history.

#[cfg(feature = "signing")]
mod signing;

pub use crate::canonical::canonical_json;
#[cfg(feature = "signing")]
pub use signing::{now_rfc3339, verify_with as verify_signature, InstanceKey, KeyError};

use crate::EntityKind;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Create,
    Update,
    Delete,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Create => "create",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "create" => Some(Op::Create),
            "update" => Some(Op::Update),
            "delete" => Some(Op::Delete),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub id: String,
    pub entity_uri: String,
    pub entity_kind: EntityKind,
    pub entity_id: String,
    pub parents: Vec<String>,
    pub body: Value,
    pub author: String,
    pub origin_instance: String,
    pub created_at: String,
    pub op: Op,
    pub signature: String,
}

/// The content a revision id is computed over (everything but id and signature).
pub struct RevisionDraft {
    pub entity_uri: String,
    pub entity_kind: EntityKind,
    pub entity_id: String,
    pub parents: Vec<String>,
    pub body: Value,
    pub author: String,
    pub origin_instance: String,
    pub created_at: String,
    pub op: Op,
}

impl RevisionDraft {
    fn hashed_content(&self) -> Value {
        json!({
            "entity_uri": self.entity_uri,
            "entity_kind": self.entity_kind,
            "parents": self.parents,
            "body": self.body,
            "author": self.author,
            "origin_instance": self.origin_instance,
            "created_at": self.created_at,
            "op": self.op,
        })
    }

    pub fn compute_id(&self) -> String {
        hex::encode(Sha256::digest(
            canonical_json(&self.hashed_content()).as_bytes(),
        ))
    }

    #[cfg(feature = "signing")]
    pub fn sign(self, key: &InstanceKey) -> Revision {
        let id = self.compute_id();
        let signature = key.sign(id.as_bytes());
        Revision {
            id,
            entity_uri: self.entity_uri,
            entity_kind: self.entity_kind,
            entity_id: self.entity_id,
            parents: self.parents,
            body: self.body,
            author: self.author,
            origin_instance: self.origin_instance,
            created_at: self.created_at,
            op: self.op,
            signature,
        }
    }
}

impl Revision {
    /// Recomputes the id from the content; a mismatch means the revision was altered.
    pub fn content_id(&self) -> String {
        RevisionDraft {
            entity_uri: self.entity_uri.clone(),
            entity_kind: self.entity_kind,
            entity_id: self.entity_id.clone(),
            parents: self.parents.clone(),
            body: self.body.clone(),
            author: self.author.clone(),
            origin_instance: self.origin_instance.clone(),
            created_at: self.created_at.clone(),
            op: self.op,
        }
        .compute_id()
    }
}

/// What a revision did, as people describe it. A revert is an ordinary update whose
/// content equals an earlier version, so it is recognised from the history rather than
/// recorded, and old revisions keep their ids.
pub fn describe(history: &[Revision]) -> Vec<&'static str> {
    let content = |r: &Revision| {
        let mut body = r.body.clone();
        if let Some(o) = body.as_object_mut() {
            o.remove("hidden");
        }
        canonical_json(&body)
    };
    let by_id: std::collections::HashMap<&str, &Revision> =
        history.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut seen: Vec<String> = Vec::new();
    history
        .iter()
        .map(|r| {
            let this = content(r);
            let parents: Vec<&Revision> = r
                .parents
                .iter()
                .filter_map(|p| by_id.get(p.as_str()).copied())
                .collect();
            let described = match r.op {
                Op::Create => "create",
                Op::Delete => "delete",
                Op::Update if parents.iter().any(|p| p.op == Op::Delete) => "restore",
                Op::Update
                    if parents.len() == 1
                        && content(parents[0]) != this
                        && seen.contains(&this) =>
                {
                    "revert"
                }
                Op::Update => "update",
            };
            seen.push(this);
            described
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> RevisionDraft {
        RevisionDraft {
            entity_uri: "http://x/things/1".into(),
            entity_kind: EntityKind::Thing,
            entity_id: "1".into(),
            parents: vec![],
            body: json!({"b": 1, "a": {"y": [1, 2], "x": "ü"}}),
            author: "anonymous".into(),
            origin_instance: "http://x".into(),
            created_at: "2026-01-01T00:00:00.000000Z".into(),
            op: Op::Create,
        }
    }

    #[test]
    fn id_is_sha256_of_canonical_content_and_changes_with_it() {
        let d = draft();
        let id = d.compute_id();
        assert_eq!(id.len(), 64);
        assert_eq!(id, draft().compute_id());
        let mut other = draft();
        other.body = json!({"b": 2, "a": {"y": [1, 2], "x": "ü"}});
        assert_ne!(id, other.compute_id());
    }

    #[cfg(feature = "signing")]
    #[test]
    fn signed_revision_verifies_and_detects_tampering() {
        let key = InstanceKey::generate().unwrap();
        let mut rev = draft().sign(&key);
        assert_eq!(rev.content_id(), rev.id);
        assert!(key.verify(rev.id.as_bytes(), &rev.signature));
        rev.body = json!({"b": 3});
        assert_ne!(rev.content_id(), rev.id);
        assert!(!key.verify(b"other", &rev.signature));
    }

    #[cfg(feature = "signing")]
    #[test]
    fn timestamps_sort_as_text() {
        let a = now_rfc3339();
        let b = now_rfc3339();
        assert!(a <= b);
        assert_eq!(a.len(), "2026-01-01T00:00:00.000000Z".len());
    }

    #[test]
    fn a_return_to_earlier_content_is_a_revert_and_after_deletion_a_restore() {
        let rev = |id: &str, parents: &[&str], body: Value, op: Op| Revision {
            id: id.into(),
            entity_uri: "u".into(),
            entity_kind: EntityKind::Thing,
            entity_id: "1".into(),
            parents: parents.iter().map(|p| p.to_string()).collect(),
            body,
            author: "a".into(),
            origin_instance: "o".into(),
            created_at: id.into(),
            op,
            signature: String::new(),
        };
        let history = [
            rev("1", &[], json!({"n": "a"}), Op::Create),
            rev("2", &["1"], json!({"n": "b"}), Op::Update),
            rev(
                "3",
                &["2"],
                json!({"n": "a", "hidden": {"by": "m"}}),
                Op::Update,
            ),
            rev("4", &["3"], json!({"n": "a"}), Op::Update),
            rev("5", &["4"], json!({"n": "a"}), Op::Delete),
            rev("6", &["5"], json!({"n": "b"}), Op::Update),
            rev("7", &["6"], json!({"n": "c"}), Op::Update),
        ];
        assert_eq!(
            describe(&history),
            ["create", "update", "revert", "update", "delete", "restore", "update"]
        );
    }
}
