//! Field-level differences between two versions of an entity body: localized text per
//! language, set-like lists as items added and removed, procedure steps by identity
//! (moved, added, removed, changed), anything else per field.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;

/// Lists compared as sets: order carries no meaning. (Media lists are ordered: the
/// first photo is the main one.)
pub const SET_FIELDS: [&str; 4] = ["materials", "tools", "skills", "certifications"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
    Moved,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub path: String,
    pub change: ChangeKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
}

pub fn diff(before: &Value, after: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    walk("", "", Some(before), Some(after), &mut out);
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn push(
    out: &mut Vec<Change>,
    path: &str,
    change: ChangeKind,
    before: Option<&Value>,
    after: Option<&Value>,
) {
    out.push(Change {
        path: path.to_string(),
        change,
        before: before.cloned(),
        after: after.cloned(),
    });
}

fn step_id(step: &Value, index: usize) -> String {
    step.get("id")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| format!("#{}", index + 1))
}

fn walk(path: &str, key: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Change>) {
    match (a, b) {
        (None, None) => {}
        (Some(a), Some(b)) if a == b => {}
        (None, Some(b)) => push(out, path, ChangeKind::Added, None, Some(b)),
        (Some(a), None) => push(out, path, ChangeKind::Removed, Some(a), None),
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                walk(&join(path, k), k, x.get(k), y.get(k), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) if SET_FIELDS.contains(&key) => {
            for item in x.iter().filter(|i| !y.contains(i)) {
                push(out, path, ChangeKind::Removed, Some(item), None);
            }
            for item in y.iter().filter(|i| !x.contains(i)) {
                push(out, path, ChangeKind::Added, None, Some(item));
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) if key == "procedure" => {
            steps(path, x, y, out)
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            for i in 0..x.len().max(y.len()) {
                walk(&join(path, &i.to_string()), "", x.get(i), y.get(i), out);
            }
        }
        (Some(a), Some(b)) => push(out, path, ChangeKind::Changed, Some(a), Some(b)),
    }
}

/// Steps are matched by their id (or position when they have none).
fn steps(path: &str, x: &[Value], y: &[Value], out: &mut Vec<Change>) {
    let ids_x: Vec<String> = x.iter().enumerate().map(|(i, s)| step_id(s, i)).collect();
    let ids_y: Vec<String> = y.iter().enumerate().map(|(i, s)| step_id(s, i)).collect();
    for (i, id) in ids_x.iter().enumerate() {
        let p = join(path, id);
        match ids_y.iter().position(|o| o == id) {
            None => push(out, &p, ChangeKind::Removed, x.get(i), None),
            Some(j) => {
                let (sa, sb) = (&x[i], &y[j]);
                if sa.get("order") != sb.get("order") {
                    push(out, &p, ChangeKind::Moved, sa.get("order"), sb.get("order"));
                }
                if let (Some(oa), Some(ob)) = (sa.as_object(), sb.as_object()) {
                    let keys: BTreeSet<&String> = oa
                        .keys()
                        .chain(ob.keys())
                        .filter(|k| *k != "order")
                        .collect();
                    for k in keys {
                        walk(&join(&p, k), k, oa.get(k), ob.get(k), out);
                    }
                }
            }
        }
    }
    for (j, id) in ids_y.iter().enumerate() {
        if !ids_x.contains(id) {
            push(out, &join(path, id), ChangeKind::Added, None, y.get(j));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn paths(changes: &[Change]) -> Vec<(String, ChangeKind)> {
        changes.iter().map(|c| (c.path.clone(), c.change)).collect()
    }

    #[test]
    fn localized_text_differs_per_language() {
        let a =
            json!({"name": {"default": "Pump", "translations": {"de": "Pumpe", "fr": "Pompe"}}});
        let b = json!({"name": {"default": "Pump", "translations": {"de": "Wasserpumpe", "es": "Bomba"}}});
        assert_eq!(
            paths(&diff(&a, &b)),
            [
                ("name.translations.de".into(), ChangeKind::Changed),
                ("name.translations.es".into(), ChangeKind::Added),
                ("name.translations.fr".into(), ChangeKind::Removed),
            ]
        );
    }

    #[test]
    fn set_lists_report_items_and_ignore_order() {
        let a = json!({"properties": {"materials": ["steel", "brass"]}});
        let b = json!({"properties": {"materials": ["brass", "copper"]}});
        let d = diff(&a, &b);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].before, Some(json!("steel")));
        assert_eq!(d[1].after, Some(json!("copper")));
        let reordered = json!({"properties": {"materials": ["brass", "steel"]}});
        assert!(diff(&a, &reordered)
            .iter()
            .all(|c| c.change != ChangeKind::Changed));
    }

    #[test]
    fn steps_are_matched_by_id() {
        let s = |id: &str, order: u32, text: &str| json!({"id": id, "order": order, "description": {"default": text}});
        let a = json!({"procedure": [s("a", 1, "Unplug"), s("b", 2, "Open"), s("c", 3, "Clean")]});
        let b = json!({"procedure": [s("b", 1, "Open the lid"), s("a", 2, "Unplug"), s("d", 3, "Close")]});
        assert_eq!(
            paths(&diff(&a, &b)),
            [
                ("procedure.a".into(), ChangeKind::Moved),
                ("procedure.b".into(), ChangeKind::Moved),
                (
                    "procedure.b.description.default".into(),
                    ChangeKind::Changed
                ),
                ("procedure.c".into(), ChangeKind::Removed),
                ("procedure.d".into(), ChangeKind::Added),
            ]
        );
    }
}
