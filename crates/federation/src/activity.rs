//! The activities instances post to each other's inboxes, as typed values: the inbox
//! reads them with serde, so an unknown or malformed activity is refused in one place.

use domain::revision::Revision;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// What an inbox accepts. Other fields of the JSON (`@context`, `id`) are ignored on
/// input and written by [`Activity::to_json`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Activity {
    /// A connection request; `object` names the instance asked.
    Follow {
        actor: String,
        #[serde(default)]
        object: Value,
    },
    /// The request was accepted; `object` is the Follow.
    Accept {
        actor: String,
        #[serde(default)]
        object: Value,
    },
    /// The request was refused or the connection ended; `object` is the Follow.
    Reject {
        actor: String,
        #[serde(default)]
        object: Value,
    },
    /// A batch of revisions from the sender's log.
    Announce {
        actor: String,
        object: RevisionBatch,
    },
}

/// Revisions in log order; `after`/`upto` name the range of the sender's log they
/// come from, when they are a range of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub struct RevisionBatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upto: Option<i64>,
    pub revisions: Vec<Revision>,
}

impl Activity {
    /// A follow of `actor_url` by `me`, as also sent back inside Accept and Reject.
    pub fn follow_of(me: &str, actor_url: &str) -> Value {
        json!({ "type": "Follow", "actor": me, "object": actor_url })
    }

    pub fn actor(&self) -> &str {
        match self {
            Activity::Follow { actor, .. }
            | Activity::Accept { actor, .. }
            | Activity::Reject { actor, .. }
            | Activity::Announce { actor, .. } => actor,
        }
    }

    /// Reads an inbox post; the error names what is wrong, for a 400 answer.
    pub fn parse(v: &Value) -> Result<Self, String> {
        serde_json::from_value(v.clone()).map_err(|e| {
            let kind: String = v
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("(no type)")
                .chars()
                .take(40)
                .collect();
            format!("{kind}: {e}")
        })
    }

    /// The JSON to send, with the ActivityStreams context and a fresh id under `me`.
    pub fn to_json(&self) -> Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(m) = v.as_object_mut() {
            m.insert(
                "@context".into(),
                json!("https://www.w3.org/ns/activitystreams"),
            );
            let id = format!("{}/activities/{}", self.actor(), uuid::Uuid::now_v7());
            m.insert("id".into(), json!(id));
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activities_round_trip_and_unknown_ones_are_refused() {
        let a = Activity::Announce {
            actor: "https://a.example/federation/actor".into(),
            object: RevisionBatch {
                after: Some(3),
                upto: Some(9),
                revisions: Vec::new(),
            },
        };
        let v = a.to_json();
        assert_eq!(v["type"], "Announce");
        assert_eq!(v["object"]["type"], "RevisionBatch");
        assert!(v["id"].as_str().unwrap().starts_with("https://a.example/"));
        assert_eq!(Activity::parse(&v).unwrap(), a);
        let follow = json!({"type": "Follow", "actor": "https://b.example/federation/actor"});
        assert!(matches!(
            Activity::parse(&follow),
            Ok(Activity::Follow {
                object: Value::Null,
                ..
            })
        ));
        let err = Activity::parse(&json!({"type": "Delete", "actor": "x"})).unwrap_err();
        assert!(err.starts_with("Delete:"), "{err}");
        let err =
            Activity::parse(&json!({"type": "Announce", "actor": "x", "object": {"revisions": 5}}))
                .unwrap_err();
        assert!(err.starts_with("Announce:"), "{err}");
    }
}
