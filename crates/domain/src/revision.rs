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
}
