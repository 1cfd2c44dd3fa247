//! The JSON shapes of API answers that more than one endpoint (or an error) uses.

use serde_json::{json, Value};
use service::knowledge::{ConflictView, StoredEntity};

/// The API shape of an entity: its body plus identity and bookkeeping fields.
pub fn entity_json(e: &StoredEntity) -> Value {
    let mut v = e.body.clone();
    if let Some(obj) = v.as_object_mut() {
        obj.insert("id".into(), json!(e.meta.id));
        obj.insert("uri".into(), json!(e.meta.uri));
        obj.insert("kind".into(), json!(e.meta.kind));
        obj.insert("revision".into(), json!(e.meta.revision));
        obj.insert("created_at".into(), json!(e.meta.created_at));
        obj.insert("updated_at".into(), json!(e.meta.updated_at));
    }
    v
}

/// A conflict as a line of the list.
pub fn conflict_summary(v: &ConflictView) -> Value {
    json!({
        "conflict_id": v.conflict_id,
        "kind": v.kind,
        "entity_id": v.entity_id,
        "status": v.status,
        "created_at": v.created_at,
        "fields": v.fields.iter().map(|f| f.path.clone()).collect::<Vec<_>>(),
    })
}

/// A conflict with both versions; also the details of a 409 `conflict` answer.
pub fn conflict_full(v: &ConflictView) -> Value {
    let fields: Vec<Value> = v
        .fields
        .iter()
        .map(|f| json!({"path": f.path, "base": f.base, "ours": f.values.first(), "theirs": f.values.get(1)}))
        .collect();
    json!({
        "conflict_id": v.conflict_id,
        "kind": v.kind,
        "entity_id": v.entity_id,
        "status": v.status,
        "created_at": v.created_at,
        "base": v.base,
        "ours": v.ours,
        "theirs": v.theirs,
        "ours_revision": v.ours_revision,
        "theirs_revision": v.theirs_revision,
        "fields": fields,
    })
}
