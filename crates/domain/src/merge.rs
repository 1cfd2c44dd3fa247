//! Deterministic n-way merge of concurrent versions against their common ancestor.
//!
//! Rules (see docs/merging.md): disjoint fields merge; localized texts merge per
//! language; set-like lists (materials, tools, skills, certifications) merge as
//! unions with removals; procedure steps merge by step id and are renumbered by
//! (order, id); anything else changed differently on the same field is a conflict.
//! The result depends only on the base and the set of versions, never on their order.

use super::canonical::canonical_json;
use super::diff::SET_FIELDS;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Author and origin of merge revisions: they are computed, so every instance computes
/// the same one (same id) from the same concurrent revisions.
pub const MERGE_AUTHOR: &str = "thingdata:merge";

/// Author of the revisions that settle a conflict on a preferred peer's side.
pub const PREFERRED_AUTHOR: &str = "thingdata:preferred-peer";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldConflict {
    pub path: String,
    pub base: Option<Value>,
    /// One value per version, in the order the versions were given (`None` = removed).
    pub values: Vec<Option<Value>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub body: Value,
    pub conflicts: Vec<FieldConflict>,
}

pub fn merge(base: Option<&Value>, versions: &[&Value]) -> Merged {
    let vals: Vec<Option<&Value>> = versions.iter().map(|v| Some(*v)).collect();
    let mut conflicts = Vec::new();
    let body = merge_value("", "", base, &vals, &mut conflicts).unwrap_or(Value::Null);
    Merged { body, conflicts }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The distinct values that differ from the base, in a canonical order.
fn changed<'a>(base: Option<&Value>, vals: &[Option<&'a Value>]) -> Vec<Option<&'a Value>> {
    let mut out: Vec<Option<&Value>> = Vec::new();
    for v in vals {
        if *v != base && !out.contains(v) {
            out.push(*v);
        }
    }
    out.sort_by_key(|v| v.map(canonical_json));
    out
}

fn merge_value(
    path: &str,
    key: &str,
    base: Option<&Value>,
    vals: &[Option<&Value>],
    conflicts: &mut Vec<FieldConflict>,
) -> Option<Value> {
    let ch = changed(base, vals);
    match ch.as_slice() {
        [] => return base.cloned(),
        [one] => return one.cloned(),
        _ => {}
    }
    let all = |f: fn(&Value) -> bool| ch.iter().all(|v| v.is_some_and(f)) && base.is_none_or(f);
    if all(Value::is_object) {
        return Some(merge_objects(path, base, vals, conflicts));
    }
    if all(Value::is_array) && SET_FIELDS.contains(&key) {
        return Some(merge_sets(base, vals));
    }
    if all(Value::is_array) && key == "procedure" && has_step_ids(base, vals) {
        return Some(merge_steps(path, base, vals, conflicts));
    }
    conflicts.push(FieldConflict {
        path: path.to_string(),
        base: base.cloned(),
        values: vals.iter().map(|v| v.cloned()).collect(),
    });
    vals.first().copied().flatten().cloned()
}

fn obj(v: Option<&Value>) -> Option<&Map<String, Value>> {
    v.and_then(Value::as_object)
}

fn merge_objects(
    path: &str,
    base: Option<&Value>,
    vals: &[Option<&Value>],
    conflicts: &mut Vec<FieldConflict>,
) -> Value {
    let mut keys: BTreeSet<&String> = BTreeSet::new();
    keys.extend(obj(base).into_iter().flat_map(|m| m.keys()));
    for v in vals {
        keys.extend(obj(*v).into_iter().flat_map(|m| m.keys()));
    }
    let mut out = Map::new();
    for k in keys {
        let b = obj(base).and_then(|m| m.get(k));
        let vs: Vec<Option<&Value>> = vals
            .iter()
            .map(|v| obj(*v).and_then(|m| m.get(k)))
            .collect();
        if let Some(v) = merge_value(&join(path, k), k, b, &vs, conflicts) {
            out.insert(k.clone(), v);
        }
    }
    Value::Object(out)
}

fn merge_sets(base: Option<&Value>, vals: &[Option<&Value>]) -> Value {
    let items = |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
    let b = items(base);
    let versions: Vec<Vec<Value>> = vals.iter().map(|v| items(*v)).collect();
    let removed = |x: &Value| versions.iter().any(|s| !s.contains(x));
    let mut out: Vec<Value> = Vec::new();
    for x in &b {
        if !removed(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    let mut added: Vec<&Value> = versions
        .iter()
        .flatten()
        .filter(|x| !b.contains(x))
        .collect();
    added.sort_by_key(|x| canonical_json(x));
    added.dedup();
    out.extend(added.into_iter().cloned());
    Value::Array(out)
}

fn step_key(step: &Value) -> Option<String> {
    step.get("id").and_then(Value::as_str).map(str::to_string)
}

fn has_step_ids(base: Option<&Value>, vals: &[Option<&Value>]) -> bool {
    std::iter::once(base)
        .chain(vals.iter().copied())
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .all(|s| step_key(s).is_some())
}

fn merge_steps(
    path: &str,
    base: Option<&Value>,
    vals: &[Option<&Value>],
    conflicts: &mut Vec<FieldConflict>,
) -> Value {
    let find = |list: Option<&Value>, id: &str| -> Option<Value> {
        list.and_then(Value::as_array)?
            .iter()
            .find(|s| step_key(s).as_deref() == Some(id))
            .cloned()
    };
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for list in std::iter::once(base).chain(vals.iter().copied()).flatten() {
        ids.extend(list.as_array().into_iter().flatten().filter_map(step_key));
    }
    let mut steps: Vec<Value> = Vec::new();
    for id in ids {
        let b = find(base, &id);
        let vs: Vec<Option<Value>> = vals.iter().map(|v| find(*v, &id)).collect();
        let refs: Vec<Option<&Value>> = vs.iter().map(Option::as_ref).collect();
        if let Some(step) = merge_value(&join(path, &id), "", b.as_ref(), &refs, conflicts) {
            steps.push(step);
        }
    }
    let order = |s: &Value| s.get("order").and_then(Value::as_u64).unwrap_or(u64::MAX);
    steps.sort_by(|a, b| {
        order(a)
            .cmp(&order(b))
            .then_with(|| step_key(a).cmp(&step_key(b)))
    });
    for (i, s) in steps.iter_mut().enumerate() {
        if let Some(o) = s.as_object_mut() {
            o.insert("order".into(), Value::from(i + 1));
        }
    }
    Value::Array(steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn paths(m: &Merged) -> Vec<&str> {
        m.conflicts.iter().map(|c| c.path.as_str()).collect()
    }

    #[test]
    fn disjoint_fields_and_languages_merge() {
        let base =
            json!({"type": "device", "name": {"default": "Pump", "translations": {"de": "Pumpe"}}});
        let a = json!({"type": "component", "name": {"default": "Pump", "translations": {"de": "Pumpe"}}});
        let b = json!({"type": "device", "name": {"default": "Pump", "translations": {"de": "Pumpe", "fr": "Pompe"}}});
        let m = merge(Some(&base), &[&a, &b]);
        assert!(m.conflicts.is_empty());
        assert_eq!(
            m.body,
            json!({"type": "component", "name": {"default": "Pump", "translations": {"de": "Pumpe", "fr": "Pompe"}}})
        );
        assert_eq!(merge(Some(&base), &[&b, &a]).body, m.body);
    }

    #[test]
    fn same_field_changed_differently_conflicts() {
        let base = json!({"name": {"default": "Pump"}});
        let a = json!({"name": {"default": "Water pump"}});
        let b = json!({"name": {"default": "Vibration pump"}});
        let m = merge(Some(&base), &[&a, &b]);
        assert_eq!(paths(&m), ["name.default"]);
        assert_eq!(
            m.conflicts[0].values,
            [Some(json!("Water pump")), Some(json!("Vibration pump"))]
        );
        let same = merge(Some(&base), &[&a, &a.clone()]);
        assert!(same.conflicts.is_empty());
    }

    #[test]
    fn sets_union_and_remove() {
        let base = json!({"materials": ["steel", "brass"]});
        let a = json!({"materials": ["steel", "copper"]});
        let b = json!({"materials": ["steel", "brass", "abs"]});
        let m = merge(Some(&base), &[&a, &b]);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.body, json!({"materials": ["steel", "abs", "copper"]}));
        assert_eq!(merge(Some(&base), &[&b, &a]).body, m.body);
    }

    #[test]
    fn steps_merge_by_identity() {
        let s = |id: &str, o: u32, d: &str| json!({"id": id, "order": o, "description": {"default": d}});
        let base = json!({"procedure": [s("a", 1, "Unplug"), s("b", 2, "Open")]});
        let a = json!({"procedure": [s("a", 1, "Unplug it"), s("b", 2, "Open")]});
        let b = json!({"procedure": [s("a", 1, "Unplug"), s("b", 2, "Open"), s("c", 3, "Clean")]});
        let m = merge(Some(&base), &[&a, &b]);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        assert_eq!(
            m.body,
            json!({"procedure": [s("a", 1, "Unplug it"), s("b", 2, "Open"), s("c", 3, "Clean")]})
        );
        // Deleting a step that the other side edited is a conflict.
        let del = json!({"procedure": [s("a", 1, "Unplug")]});
        let edit = json!({"procedure": [s("a", 1, "Unplug"), s("b", 2, "Open the lid")]});
        assert_eq!(paths(&merge(Some(&base), &[&del, &edit])), ["procedure.b"]);
    }
}
