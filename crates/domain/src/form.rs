//! Entity forms as flat field maps. Field names are dotted paths matching the
//! validator's problem paths, so the same problems show inline next to fields.
//! Structural edits (add/remove/move a step, add a translation) are "intents"
//! applied to the map, so the editors work with and without JavaScript.

use crate::fields::{fields, shape_at, Field, Shape};
use crate::{Body, EntityKind, LocalizedText};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

pub type Fields = BTreeMap<String, String>;

fn get<'f>(f: &'f Fields, key: &str) -> &'f str {
    f.get(key).map(String::as_str).unwrap_or("")
}

fn put(f: &mut Fields, key: impl Into<String>, value: impl Into<String>) {
    f.insert(key.into(), value.into());
}

/// Sorted distinct indices `i` of keys shaped `{list}.{i}…`.
pub fn indices(f: &Fields, list: &str) -> Vec<usize> {
    let prefix = format!("{list}.");
    let mut out: Vec<usize> = f
        .range(prefix.clone()..)
        .take_while(|(k, _)| k.starts_with(&prefix))
        .filter_map(|(k, _)| k[prefix.len()..].split('.').next()?.parse().ok())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The form's "written in" field: the language of the originals its author writes.
pub const WRITTEN_IN: &str = "lang";
/// What "written in" said when the form was made; a change relabels the texts that
/// were in that language (the author corrects a wrong guess).
pub const WRITTEN_IN_BEFORE: &str = "lang_was";

fn localized_to(f: &mut Fields, prefix: &str, t: &LocalizedText) {
    put(f, format!("{prefix}.default"), t.default.clone());
    if let Some(lang) = &t.lang {
        put(f, format!("{prefix}.lang"), lang.clone());
    }
    for (i, (lang, text)) in t.translations.iter().enumerate() {
        put(f, format!("{prefix}.tr.{i}.lang"), lang.clone());
        put(f, format!("{prefix}.tr.{i}.text"), text.clone());
    }
}

/// Reads a localized text back. Rows with text but no language keep an empty tag,
/// so the validator reports them instead of silently dropping the text.
fn localized_from(f: &Fields, prefix: &str) -> Option<Value> {
    let default = get(f, &format!("{prefix}.default"));
    let mut translations = Map::new();
    for i in indices(f, &format!("{prefix}.tr")) {
        let lang = get(f, &format!("{prefix}.tr.{i}.lang")).trim();
        let text = get(f, &format!("{prefix}.tr.{i}.text"));
        if lang.is_empty() && text.trim().is_empty() {
            continue;
        }
        translations.insert(lang.to_string(), Value::String(text.to_string()));
    }
    if default.trim().is_empty() && translations.is_empty() {
        return None;
    }
    let (now, before) = (get(f, WRITTEN_IN).trim(), get(f, WRITTEN_IN_BEFORE).trim());
    let own = get(f, &format!("{prefix}.lang")).trim();
    let relabelled = !now.is_empty() && now != before && (own.is_empty() || own == before);
    let lang = if relabelled { now } else { own };
    let mut text = json!({"default": default, "translations": translations});
    if !lang.is_empty() {
        text["lang"] = json!(lang);
    }
    Some(text)
}

fn opt_str(f: &Fields, key: &str) -> Option<Value> {
    let v = get(f, key).trim();
    (!v.is_empty()).then(|| Value::String(v.to_string()))
}

fn lines_from(f: &Fields, key: &str) -> Option<Value> {
    let items: Vec<Value> = get(f, key)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Value::String(l.to_string()))
        .collect();
    (!items.is_empty()).then_some(Value::Array(items))
}

fn opt_number(f: &Fields, key: &str) -> Option<Value> {
    let v = get(f, key).trim();
    if v.is_empty() {
        return None;
    }
    // An unparsable number stays a string so validation reports it at this field.
    Some(
        v.replace(',', ".")
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(v.to_string())),
    )
}

/// `key=value` lines; a line without `=` keeps an empty value for validation to judge.
fn key_values(f: &Fields, key: &str) -> Option<Value> {
    let m: Map<String, Value> = get(f, key)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or((l, ""));
            (k.trim().to_string(), Value::String(v.trim().to_string()))
        })
        .collect();
    (!m.is_empty()).then_some(Value::Object(m))
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

/// The form fields that show an existing entity.
pub fn to_fields(body: &Body) -> Fields {
    let mut f = Fields::new();
    if let Value::Object(m) = body.to_value() {
        object_to(&mut f, "", &m, fields(body.kind()));
    }
    f
}

fn object_to(f: &mut Fields, prefix: &str, m: &Map<String, Value>, fields: &[Field]) {
    for field in fields.iter().filter(|field| !field.read_only) {
        if let Some(v) = m.get(field.name) {
            value_to(f, &join(prefix, field.name), v, field.shape);
        }
    }
}

fn value_to(f: &mut Fields, key: &str, v: &Value, shape: Shape) {
    match (shape, v) {
        (Shape::Text { .. } | Shape::Choice { .. }, Value::String(s)) => put(f, key, s.clone()),
        (Shape::Localized { .. }, v) => {
            if let Ok(t) = serde_json::from_value::<LocalizedText>(v.clone()) {
                localized_to(f, key, &t);
            }
        }
        (Shape::Flag, Value::Bool(b)) => put(f, key, b.to_string()),
        (Shape::Measure | Shape::Fraction | Shape::Number { .. }, Value::Number(n)) => put(
            f,
            key,
            n.as_f64().map(|n| n.to_string()).unwrap_or_default(),
        ),
        (Shape::Lines { .. }, Value::Array(items)) => {
            let lines: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            put(f, key, lines.join("\n"));
        }
        (Shape::KeyValues { .. } | Shape::Scalars { .. }, Value::Object(m)) => {
            let lines: Vec<String> = m
                .iter()
                .map(|(k, v)| match v {
                    Value::String(s) => format!("{k}={s}"),
                    other => format!("{k}={other}"),
                })
                .collect();
            put(f, key, lines.join("\n"));
        }
        (Shape::Object(fields), Value::Object(m)) => object_to(f, key, m, fields),
        (Shape::List(list), Value::Array(items)) => {
            // Rows appear in step order; forms renumber them from their place.
            let mut sorted: Vec<&Value> = items.iter().collect();
            sorted.sort_by_key(|item| item.get("order").and_then(Value::as_u64));
            for (i, item) in sorted.into_iter().enumerate() {
                value_to(f, &format!("{key}.{i}"), item, list.item);
            }
        }
        _ => {}
    }
}

/// Builds the entity JSON a form describes; validation then judges it.
pub fn from_fields(kind: EntityKind, f: &Fields) -> Value {
    Value::Object(object_from(f, "", fields(kind)).0)
}

/// The object under `prefix`, and whether anything but a choice was filled in, so an
/// optional group whose selects kept their defaults is left out.
fn object_from(f: &Fields, prefix: &str, fields: &[Field]) -> (Map<String, Value>, bool) {
    let mut m = Map::new();
    let mut filled = false;
    // Positions come from the row's place in its list, not from the form.
    let editable = fields
        .iter()
        .filter(|field| !field.read_only && !matches!(field.shape, Shape::Order));
    for field in editable {
        let key = join(prefix, field.name);
        let value = value_from(f, &key, field.shape);
        filled |= value.is_some() && !matches!(field.shape, Shape::Choice { .. });
        if let Some(v) = value.or_else(|| field.required.then(|| blank(f, &key, field.shape))) {
            m.insert(field.name.to_string(), v);
        }
    }
    (m, filled)
}

/// What a required field holds when the form left it empty, for validation to report.
fn blank(f: &Fields, key: &str, shape: Shape) -> Value {
    match shape {
        Shape::Localized { .. } => json!({"default": ""}),
        Shape::Object(fields) => Value::Object(object_from(f, key, fields).0),
        Shape::List(_) => json!([]),
        // A number or a yes/no left blank is missing, not a text where one was expected.
        Shape::Measure | Shape::Number { .. } | Shape::Flag => Value::Null,
        _ => json!(""),
    }
}

/// A field's value, or `None` when the form left it blank.
fn value_from(f: &Fields, key: &str, shape: Shape) -> Option<Value> {
    match shape {
        Shape::Text { .. } | Shape::Choice { .. } => opt_str(f, key),
        Shape::Localized { .. } => localized_from(f, key),
        Shape::Measure | Shape::Fraction | Shape::Number { .. } => opt_number(f, key),
        // A yes/no/unknown select: an unknown leaves the field out.
        Shape::Flag => match get(f, key).trim() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        Shape::Order => None,
        Shape::Lines { .. } => lines_from(f, key),
        Shape::KeyValues { .. } | Shape::Scalars { .. } => key_values(f, key),
        Shape::Object(fields) => {
            let (m, filled) = object_from(f, key, fields);
            filled.then_some(Value::Object(m))
        }
        Shape::List(list) => {
            let items: Vec<Value> = indices(f, key)
                .into_iter()
                .filter_map(|i| {
                    let item_key = format!("{key}.{i}");
                    match list.item {
                        Shape::Object(fields) => {
                            let (m, filled) = object_from(f, &item_key, fields);
                            (filled || list.keep_blank).then_some(Value::Object(m))
                        }
                        shape => value_from(f, &item_key, shape)
                            .or_else(|| list.keep_blank.then(|| blank(f, &item_key, shape))),
                    }
                })
                .enumerate()
                .map(|(pos, mut item)| {
                    if let (Some(m), true) = (item.as_object_mut(), has_order(list.item)) {
                        m.insert("order".into(), json!(pos + 1));
                    }
                    item
                })
                .collect();
            (!items.is_empty()).then_some(Value::Array(items))
        }
    }
}

fn has_order(shape: Shape) -> bool {
    matches!(shape, Shape::Object(fields) if fields.iter().any(|f| matches!(f.shape, Shape::Order)))
}

/// Moves every key under `{list}.{i}` to the index `map(i)`, or drops it on `None`.
fn reindex(f: &mut Fields, list: &str, map: impl Fn(usize) -> Option<usize>) {
    let prefix = format!("{list}.");
    let moved: Vec<(String, String)> = f
        .iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (k, _) in &moved {
        f.remove(k);
    }
    for (k, v) in moved {
        let rest = &k[prefix.len()..];
        let (idx, tail) = rest.split_once('.').unwrap_or((rest, ""));
        let Ok(i) = idx.parse::<usize>() else {
            f.insert(k, v);
            continue;
        };
        if let Some(new) = map(i) {
            let key = if tail.is_empty() {
                format!("{prefix}{new}")
            } else {
                format!("{prefix}{new}.{tail}")
            };
            f.insert(key, v);
        }
    }
}

/// Splits `list.3` into (`list`, 3).
fn list_and_index(target: &str) -> Option<(&str, usize)> {
    let (list, idx) = target.rsplit_once('.')?;
    Some((list, idx.parse().ok()?))
}

/// A list whose rows forms add, remove and move: a list field, or the translations
/// of a localized text (`name.tr`).
fn editable_list(kind: EntityKind, list: &str) -> Option<Shape> {
    match list.strip_suffix(".tr") {
        Some(text) => shape_at(kind, text).filter(|s| matches!(s, Shape::Localized { .. })),
        None => shape_at(kind, list).filter(|s| matches!(s, Shape::List(_))),
    }
}

/// The keys a new row starts with: its required texts empty, its choices at their
/// vocabulary's initial value.
fn new_row(f: &mut Fields, row: &str, shape: Shape) {
    match shape {
        Shape::Localized { .. } if row.contains(".tr.") => {
            put(f, format!("{row}.lang"), "");
            put(f, format!("{row}.text"), "");
        }
        Shape::Localized { .. } => put(f, format!("{row}.default"), ""),
        Shape::List(list) => new_row(f, row, list.item),
        Shape::Object(fields) => {
            for field in fields.iter().filter(|field| field.required) {
                let key = join(row, field.name);
                match field.shape {
                    Shape::Choice { vocab, .. } => put(f, key, vocab.initial()),
                    Shape::Localized { .. } => put(f, format!("{key}.default"), ""),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// Applies a structural edit such as `add:procedure`, `remove:procedure.2`,
/// `up:procedure.2`, `down:procedure.2`, `add:name.tr`. Returns false for anything else.
/// Fields that refer to another entry by id, which forms fill through a picker: the
/// field and the kind it refers to, fixed or chosen in another field of the form.
pub fn reference_fields(kind: EntityKind) -> &'static [(&'static str, RefersTo)] {
    match kind {
        EntityKind::Story | EntityKind::Guide => &[("thing_id", RefersTo::Kind(EntityKind::Thing))],
        EntityKind::Relationship => &[
            ("source_id", RefersTo::KindIn("source_type")),
            ("target_id", RefersTo::KindIn("target_type")),
        ],
        EntityKind::Term => &[("thing_id", RefersTo::Kind(EntityKind::Thing))],
        EntityKind::Repair => &[
            ("x_thing_id", RefersTo::Kind(EntityKind::Thing)),
            ("x_story_id", RefersTo::Kind(EntityKind::Story)),
            ("x_guide_id", RefersTo::Kind(EntityKind::Guide)),
            ("x_event_id", RefersTo::Kind(EntityKind::Event)),
        ],
        EntityKind::Outcome => &[
            ("entry_id", RefersTo::KindIn("entry_type")),
            ("thing_id", RefersTo::Kind(EntityKind::Thing)),
        ],
        EntityKind::Thing | EntityKind::Category | EntityKind::Event => &[],
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefersTo {
    Kind(EntityKind),
    /// The kind named in this field of the same form.
    KindIn(&'static str),
}

/// The kind a reference field of this form refers to now, if it is one.
pub fn referred_kind(kind: EntityKind, f: &Fields, field: &str) -> Option<EntityKind> {
    match reference_fields(kind)
        .iter()
        .find(|(name, _)| *name == field)?
        .1
    {
        RefersTo::Kind(k) => Some(k),
        RefersTo::KindIn(other) => get(f, other).trim().parse().ok(),
    }
}

/// Checkbox lists (`list.pick.<id>` = on, with `list.shown` marking the list was on the
/// form) become the list field's lines, so that unticking every box empties it.
pub fn fold_checkboxes(f: &mut Fields, lists: &[&str]) {
    for list in lists {
        let shown = format!("{list}.shown");
        if f.remove(&shown).is_none() {
            continue;
        }
        let prefix = format!("{list}.pick.");
        let picked: Vec<String> = f
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix).map(str::to_string))
            .collect();
        f.retain(|k, _| !k.starts_with(&prefix));
        put(f, *list, picked.join("\n"));
    }
}

/// Where a picker keeps the name typed to search for an entry.
pub fn picker_query(field: &str) -> String {
    format!("pick.{field}.q")
}

pub fn apply_intent(kind: EntityKind, f: &mut Fields, intent: &str) -> bool {
    let Some((verb, target)) = intent.split_once(':') else {
        return false;
    };
    match verb {
        // A picker's choice (`pick:thing_id:ID`) or its removal (`unpick:thing_id`).
        "pick" | "unpick" => {
            let (field, id) = target.split_once(':').unwrap_or((target, ""));
            if !reference_fields(kind)
                .iter()
                .any(|(name, _)| *name == field)
            {
                return false;
            }
            f.remove(&picker_query(field));
            if verb == "pick" && !id.trim().is_empty() {
                put(f, field, id.trim());
            } else {
                f.remove(field);
            }
            true
        }
        "add" => {
            let Some(shape) = editable_list(kind, target) else {
                return false;
            };
            let next = indices(f, target).last().map_or(0, |i| i + 1);
            new_row(f, &format!("{target}.{next}"), shape);
            true
        }
        "remove" | "up" | "down" => {
            let Some((list, i)) = list_and_index(target) else {
                return false;
            };
            if editable_list(kind, list).is_none() {
                return false;
            }
            let idx = indices(f, list);
            let Some(pos) = idx.iter().position(|&x| x == i) else {
                return false;
            };
            // Compact to 0..n first so neighbours are index ± 1.
            let compact: BTreeMap<usize, usize> =
                idx.iter().enumerate().map(|(n, &old)| (old, n)).collect();
            reindex(f, list, |old| compact.get(&old).copied());
            let n = idx.len();
            match verb {
                "remove" => reindex(f, list, |k| match k.cmp(&pos) {
                    std::cmp::Ordering::Less => Some(k),
                    std::cmp::Ordering::Equal => None,
                    std::cmp::Ordering::Greater => Some(k - 1),
                }),
                "up" if pos > 0 => reindex(f, list, |k| {
                    Some(if k == pos {
                        pos - 1
                    } else if k == pos - 1 {
                        pos
                    } else {
                        k
                    })
                }),
                "down" if pos + 1 < n => reindex(f, list, |k| {
                    Some(if k == pos {
                        pos + 1
                    } else if k == pos + 1 {
                        pos
                    } else {
                        k
                    })
                }),
                _ => {}
            }
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate;
    use crate::vocab::Vocabularies;

    fn story_fields() -> Fields {
        let mut f = Fields::new();
        put(&mut f, "thing_category.category", "kettles");
        put(&mut f, "type", "repair");
        put(&mut f, "title.default", "Descale");
        put(&mut f, "title.tr.0.lang", "de");
        put(&mut f, "title.tr.0.text", "Entkalken");
        for (i, d) in ["one", "two", "three"].iter().enumerate() {
            put(&mut f, format!("procedure.{i}.description.default"), *d);
        }
        put(&mut f, "procedure.1.tools", "spudger\n\n pliers ");
        f
    }

    fn step_texts(f: &Fields) -> Vec<String> {
        let v = from_fields(EntityKind::Story, f);
        v["procedure"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| {
                s["description"]["default"]
                    .as_str()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn pickers_set_and_clear_only_reference_fields() {
        let mut f = Fields::new();
        f.insert("source_type".into(), "story".into());
        f.insert(picker_query("source_id"), "kettle".into());
        assert_eq!(
            referred_kind(EntityKind::Relationship, &f, "source_id"),
            Some(EntityKind::Story)
        );
        assert_eq!(
            referred_kind(EntityKind::Relationship, &f, "target_id"),
            None
        );
        assert!(apply_intent(
            EntityKind::Relationship,
            &mut f,
            "pick:source_id:abc"
        ));
        assert_eq!(f.get("source_id").map(String::as_str), Some("abc"));
        assert!(!f.contains_key(&picker_query("source_id")));
        assert!(apply_intent(
            EntityKind::Relationship,
            &mut f,
            "unpick:source_id"
        ));
        assert!(!f.contains_key("source_id"));
        assert!(!apply_intent(
            EntityKind::Relationship,
            &mut f,
            "pick:relationship_type:x"
        ));
        assert!(!apply_intent(EntityKind::Thing, &mut f, "pick:thing_id:x"));
        assert_eq!(
            referred_kind(EntityKind::Guide, &f, "thing_id"),
            Some(EntityKind::Thing)
        );
    }

    #[test]
    fn form_round_trips_through_validation() {
        let f = story_fields();
        let v = from_fields(EntityKind::Story, &f);
        let body = validate(EntityKind::Story, &v, &Vocabularies::default());
        let Ok(body) = body else {
            panic!("{body:?}");
        };
        let again = to_fields(&body);
        assert_eq!(get(&again, "title.tr.0.text"), "Entkalken");
        assert_eq!(get(&again, "procedure.1.tools"), "spudger\npliers");
        assert_eq!(step_texts(&again), ["one", "two", "three"]);
    }

    #[test]
    fn written_in_relabels_only_the_texts_that_were_in_the_old_language() {
        let mut f = story_fields();
        put(&mut f, "title.lang", "en");
        put(&mut f, "summary.default", "Zusammenfassung");
        put(&mut f, "summary.lang", "de");
        put(&mut f, WRITTEN_IN, "en");
        put(&mut f, WRITTEN_IN_BEFORE, "en");
        let v = from_fields(EntityKind::Story, &f);
        assert_eq!(v["title"]["lang"], "en");
        assert_eq!(v["summary"]["lang"], "de");
        assert_eq!(v["procedure"][0]["description"].get("lang"), None);
        put(&mut f, WRITTEN_IN, "nl");
        let v = from_fields(EntityKind::Story, &f);
        assert_eq!(v["title"]["lang"], "nl");
        assert_eq!(v["summary"]["lang"], "de");
        assert_eq!(v["procedure"][0]["description"]["lang"], "nl");
    }

    /// Photos with texts and markers survive the trip through a form, also when the
    /// step they belong to moves.
    #[test]
    fn media_items_round_trip_through_forms() {
        let h = |c: &str| c.repeat(64);
        let body = json!({
            "type": "repair",
            "title": {"lang": "en", "default": "Fix it"},
            "thing_category": {"category": "Kettle"},
            "media": [{"id": h("a"), "alt": {"lang": "en", "default": "A kettle"},
                       "markers": [{"shape": "arrow", "x": 0.1, "y": 0.2, "x2": 0.3, "y2": 0.4,
                                    "label": {"lang": "en", "default": "Here"}}]}],
            "procedure": [
                {"id": "one", "order": 1, "description": {"lang": "en", "default": "First"}, "warnings": [], "tools": [], "media": []},
                {"id": "two", "order": 2, "description": {"lang": "en", "default": "Second"}, "warnings": [], "tools": [],
                 "media": [{"id": h("b"), "caption": {"lang": "en", "default": "Inside"}}]}
            ]
        });
        let v = Vocabularies::default();
        let typed = validate(EntityKind::Story, &body, &v).unwrap();
        let mut f = to_fields(&typed);
        let back = |f: &Fields| {
            validate(EntityKind::Story, &from_fields(EntityKind::Story, f), &v)
                .unwrap()
                .to_value()
        };
        assert_eq!(back(&f)["media"], typed.to_value()["media"]);
        assert!(apply_intent(EntityKind::Story, &mut f, "up:procedure.1"));
        assert_eq!(
            back(&f)["procedure"][0]["media"],
            typed.to_value()["procedure"][1]["media"]
        );
        assert!(apply_intent(EntityKind::Story, &mut f, "remove:media.0"));
        assert!(from_fields(EntityKind::Story, &f).get("media").is_none());
    }

    #[test]
    fn intents_edit_steps() {
        let mut f = story_fields();
        assert!(apply_intent(EntityKind::Story, &mut f, "up:procedure.1"));
        assert_eq!(step_texts(&f), ["two", "one", "three"]);
        assert_eq!(get(&f, "procedure.0.tools"), "spudger\n\n pliers ");
        assert!(apply_intent(EntityKind::Story, &mut f, "down:procedure.0"));
        assert_eq!(step_texts(&f), ["one", "two", "three"]);
        assert!(apply_intent(
            EntityKind::Story,
            &mut f,
            "remove:procedure.0"
        ));
        assert_eq!(step_texts(&f), ["two", "three"]);
        assert!(apply_intent(EntityKind::Story, &mut f, "add:procedure"));
        assert_eq!(indices(&f, "procedure"), [0, 1, 2]);
        assert!(apply_intent(EntityKind::Story, &mut f, "add:title.tr"));
        assert_eq!(indices(&f, "title.tr"), [0, 1]);
        assert!(!apply_intent(EntityKind::Story, &mut f, "remove:type.0"));
        assert!(!apply_intent(EntityKind::Story, &mut f, "drop tables"));
        assert!(!apply_intent(EntityKind::Story, &mut f, "up:procedure.99"));
    }

    #[test]
    fn translation_without_language_is_reported_not_dropped() {
        let mut f = story_fields();
        put(&mut f, "title.tr.1.text", "Détartrer");
        let v = from_fields(EntityKind::Story, &f);
        let problems = validate(EntityKind::Story, &v, &Vocabularies::default())
            .err()
            .unwrap_or_default();
        assert!(
            problems.iter().any(|p| p.code == "invalid_language_tag"),
            "{problems:?}"
        );
    }
}
