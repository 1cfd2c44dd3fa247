//! Entity forms as flat field maps. Field names are dotted paths matching the
//! validator's problem paths, so the same problems show inline next to fields.
//! Structural edits (add/remove/move a step, add a translation) are "intents"
//! applied to the map, so the editors work with and without JavaScript.

use super::{Body, EntityKind, LocalizedText, Step};
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

fn localized_to(f: &mut Fields, prefix: &str, t: &LocalizedText) {
    put(f, format!("{prefix}.default"), t.default.clone());
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
    Some(json!({"default": default, "translations": translations}))
}

fn lines_to(f: &mut Fields, key: &str, items: &[String]) {
    put(f, key, items.join("\n"));
}

fn lines_from(f: &Fields, key: &str) -> Value {
    Value::Array(
        get(f, key)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| Value::String(l.to_string()))
            .collect(),
    )
}

fn opt_str(f: &Fields, key: &str) -> Option<Value> {
    let v = get(f, key).trim();
    (!v.is_empty()).then(|| Value::String(v.to_string()))
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
fn key_values(f: &Fields, key: &str) -> Map<String, Value> {
    get(f, key)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or((l, ""));
            (k.trim().to_string(), Value::String(v.trim().to_string()))
        })
        .collect()
}

fn insert_some(m: &mut Map<String, Value>, key: &str, v: Option<Value>) {
    if let Some(v) = v {
        m.insert(key.to_string(), v);
    }
}

fn steps_to(f: &mut Fields, list: &str, steps: &[Step]) {
    let mut sorted: Vec<&Step> = steps.iter().collect();
    sorted.sort_by_key(|s| s.order);
    for (i, s) in sorted.into_iter().enumerate() {
        let p = format!("{list}.{i}");
        if let Some(id) = &s.id {
            put(f, format!("{p}.id"), id.clone());
        }
        localized_to(f, &format!("{p}.description"), &s.description);
        for (j, w) in s.warnings.iter().enumerate() {
            localized_to(f, &format!("{p}.warnings.{j}"), w);
        }
        lines_to(f, &format!("{p}.tools"), &s.tools);
        lines_to(f, &format!("{p}.media"), &s.media);
    }
}

/// Steps take their order from their position in the form.
fn steps_from(f: &Fields, list: &str) -> Value {
    let steps = indices(f, list)
        .into_iter()
        .enumerate()
        .map(|(pos, i)| {
            let p = format!("{list}.{i}");
            let mut m = Map::new();
            insert_some(&mut m, "id", opt_str(f, &format!("{p}.id")));
            m.insert("order".into(), json!(pos + 1));
            m.insert(
                "description".into(),
                localized_from(f, &format!("{p}.description"))
                    .unwrap_or_else(|| json!({"default": ""})),
            );
            let warnings: Vec<Value> = indices(f, &format!("{p}.warnings"))
                .into_iter()
                .filter_map(|j| localized_from(f, &format!("{p}.warnings.{j}")))
                .collect();
            m.insert("warnings".into(), Value::Array(warnings));
            m.insert("tools".into(), lines_from(f, &format!("{p}.tools")));
            m.insert("media".into(), lines_from(f, &format!("{p}.media")));
            Value::Object(m)
        })
        .collect();
    Value::Array(steps)
}

fn applies_to_fields(
    f: &mut Fields,
    thing_id: &Option<String>,
    cat: &Option<super::ThingCategory>,
) {
    if let Some(id) = thing_id {
        put(f, "thing_id", id.clone());
    }
    if let Some(c) = cat {
        put(f, "thing_category.category", c.category.clone());
        put(
            f,
            "thing_category.subcategory",
            c.subcategory.clone().unwrap_or_default(),
        );
        let attrs: Vec<String> = c
            .attributes
            .iter()
            .flatten()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        lines_to(f, "thing_category.attributes", &attrs);
    }
}

fn applies_to_value(f: &Fields, m: &mut Map<String, Value>) {
    insert_some(m, "thing_id", opt_str(f, "thing_id"));
    if let Some(cat) = opt_str(f, "thing_category.category") {
        let mut c = Map::new();
        c.insert("category".into(), cat);
        insert_some(
            &mut c,
            "subcategory",
            opt_str(f, "thing_category.subcategory"),
        );
        let attrs = key_values(f, "thing_category.attributes");
        if !attrs.is_empty() {
            c.insert("attributes".into(), Value::Object(attrs));
        }
        m.insert("thing_category".into(), Value::Object(c));
    }
}

/// The form fields that show an existing entity.
pub fn to_fields(body: &Body) -> Fields {
    let mut f = Fields::new();
    match body {
        Body::Thing(t) => {
            put(&mut f, "type", t.thing_type.clone());
            localized_to(&mut f, "name", &t.name);
            if let Some(d) = &t.description {
                localized_to(&mut f, "description", d);
            }
            put(
                &mut f,
                "identifier",
                t.identifier.clone().unwrap_or_default(),
            );
            put(&mut f, "manufacturer.name", t.manufacturer.name.clone());
            put(
                &mut f,
                "manufacturer.website",
                t.manufacturer.website.clone().unwrap_or_default(),
            );
            put(
                &mut f,
                "manufacturer.contact",
                t.manufacturer.contact.clone().unwrap_or_default(),
            );
            let p = &t.properties;
            lines_to(&mut f, "properties.materials", &p.materials);
            put(
                &mut f,
                "properties.manufacturing_date",
                p.manufacturing_date.clone().unwrap_or_default(),
            );
            put(
                &mut f,
                "properties.serial_number",
                p.serial_number.clone().unwrap_or_default(),
            );
            if let Some(d) = &p.dimensions {
                let num = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
                put(&mut f, "properties.dimensions.width", num(d.width));
                put(&mut f, "properties.dimensions.height", num(d.height));
                put(&mut f, "properties.dimensions.depth", num(d.depth));
                put(&mut f, "properties.dimensions.unit", d.unit.clone());
            }
        }
        Body::Story(s) => {
            applies_to_fields(&mut f, &s.thing_id, &s.thing_category);
            put(&mut f, "type", s.story_type.clone());
            localized_to(&mut f, "title", &s.title);
            if let Some(sum) = &s.summary {
                localized_to(&mut f, "summary", sum);
            }
            steps_to(&mut f, "procedure", &s.procedure);
        }
        Body::Guide(g) => {
            applies_to_fields(&mut f, &g.thing_id, &g.thing_category);
            put(&mut f, "type.primary", g.guide_type.primary.clone());
            put(
                &mut f,
                "type.secondary",
                g.guide_type.secondary.clone().unwrap_or_default(),
            );
            let c = &g.content;
            localized_to(&mut f, "content.title", &c.title);
            if let Some(sum) = &c.summary {
                localized_to(&mut f, "content.summary", sum);
            }
            if let Some(r) = &c.requirements {
                lines_to(&mut f, "content.requirements.skills", &r.skills);
                lines_to(&mut f, "content.requirements.tools", &r.tools);
                lines_to(&mut f, "content.requirements.materials", &r.materials);
                lines_to(
                    &mut f,
                    "content.requirements.certifications",
                    &r.certifications,
                );
            }
            for (i, w) in c.warnings.iter().flatten().enumerate() {
                put(
                    &mut f,
                    format!("content.warnings.{i}.severity"),
                    w.severity.clone(),
                );
                localized_to(&mut f, &format!("content.warnings.{i}.message"), &w.message);
            }
            if let Some(steps) = &c.procedure {
                steps_to(&mut f, "content.procedure", steps);
            }
        }
        Body::Relationship(r) => {
            put(&mut f, "source_type", r.source_type.as_str());
            put(&mut f, "source_id", r.source_id.clone());
            put(&mut f, "target_type", r.target_type.as_str());
            put(&mut f, "target_id", r.target_id.clone());
            put(&mut f, "relationship_type", r.relationship_type.clone());
            put(&mut f, "direction", r.direction.clone());
            let md: Vec<String> = r
                .metadata
                .iter()
                .flatten()
                .map(|(k, v)| match v {
                    Value::String(s) => format!("{k}={s}"),
                    other => format!("{k}={other}"),
                })
                .collect();
            lines_to(&mut f, "metadata", &md);
        }
    }
    f
}

/// Builds the entity JSON a form describes; validation then judges it.
pub fn from_fields(kind: EntityKind, f: &Fields) -> Value {
    let mut m = Map::new();
    match kind {
        EntityKind::Thing => {
            m.insert("type".into(), json!(get(f, "type")));
            m.insert(
                "name".into(),
                localized_from(f, "name").unwrap_or_else(|| json!({"default": ""})),
            );
            insert_some(&mut m, "description", localized_from(f, "description"));
            insert_some(&mut m, "identifier", opt_str(f, "identifier"));
            let mut mf = Map::new();
            mf.insert("name".into(), json!(get(f, "manufacturer.name")));
            insert_some(&mut mf, "website", opt_str(f, "manufacturer.website"));
            insert_some(&mut mf, "contact", opt_str(f, "manufacturer.contact"));
            m.insert("manufacturer".into(), Value::Object(mf));
            let mut p = Map::new();
            p.insert("materials".into(), lines_from(f, "properties.materials"));
            insert_some(
                &mut p,
                "manufacturing_date",
                opt_str(f, "properties.manufacturing_date"),
            );
            insert_some(
                &mut p,
                "serial_number",
                opt_str(f, "properties.serial_number"),
            );
            let mut d = Map::new();
            for key in ["width", "height", "depth"] {
                insert_some(
                    &mut d,
                    key,
                    opt_number(f, &format!("properties.dimensions.{key}")),
                );
            }
            if !d.is_empty() {
                d.insert("unit".into(), json!(get(f, "properties.dimensions.unit")));
                p.insert("dimensions".into(), Value::Object(d));
            }
            m.insert("properties".into(), Value::Object(p));
        }
        EntityKind::Story => {
            applies_to_value(f, &mut m);
            m.insert("type".into(), json!(get(f, "type")));
            m.insert(
                "title".into(),
                localized_from(f, "title").unwrap_or_else(|| json!({"default": ""})),
            );
            insert_some(&mut m, "summary", localized_from(f, "summary"));
            m.insert("procedure".into(), steps_from(f, "procedure"));
        }
        EntityKind::Guide => {
            applies_to_value(f, &mut m);
            let mut t = Map::new();
            t.insert("primary".into(), json!(get(f, "type.primary")));
            insert_some(&mut t, "secondary", opt_str(f, "type.secondary"));
            m.insert("type".into(), Value::Object(t));
            let mut c = Map::new();
            c.insert(
                "title".into(),
                localized_from(f, "content.title").unwrap_or_else(|| json!({"default": ""})),
            );
            insert_some(&mut c, "summary", localized_from(f, "content.summary"));
            let req: Map<String, Value> = ["skills", "tools", "materials", "certifications"]
                .into_iter()
                .map(|k| {
                    (
                        k.to_string(),
                        lines_from(f, &format!("content.requirements.{k}")),
                    )
                })
                .collect();
            if req
                .values()
                .any(|v| v.as_array().is_some_and(|a| !a.is_empty()))
            {
                c.insert("requirements".into(), Value::Object(req));
            }
            let warnings: Vec<Value> = indices(f, "content.warnings")
                .into_iter()
                .filter_map(|i| {
                    let msg = localized_from(f, &format!("content.warnings.{i}.message"))?;
                    Some(json!({"severity": get(f, &format!("content.warnings.{i}.severity")), "message": msg}))
                })
                .collect();
            if !warnings.is_empty() {
                c.insert("warnings".into(), Value::Array(warnings));
            }
            let steps = steps_from(f, "content.procedure");
            if steps.as_array().is_some_and(|s| !s.is_empty()) {
                c.insert("procedure".into(), steps);
            }
            m.insert("content".into(), Value::Object(c));
        }
        EntityKind::Relationship => {
            for key in [
                "source_type",
                "source_id",
                "target_type",
                "target_id",
                "relationship_type",
                "direction",
            ] {
                m.insert(key.into(), json!(get(f, key).trim()));
            }
            let md = key_values(f, "metadata");
            if !md.is_empty() {
                m.insert("metadata".into(), Value::Object(md));
            }
        }
    }
    Value::Object(m)
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

fn is_editable_list(list: &str) -> bool {
    list == "procedure"
        || list == "content.procedure"
        || list == "content.warnings"
        || list.ends_with(".warnings")
        || list.ends_with(".tr")
}

/// Applies a structural edit such as `add:procedure`, `remove:procedure.2`,
/// `up:procedure.2`, `down:procedure.2`, `add:name.tr`. Returns false for anything else.
pub fn apply_intent(f: &mut Fields, intent: &str) -> bool {
    let Some((verb, target)) = intent.split_once(':') else {
        return false;
    };
    match verb {
        "add" if is_editable_list(target) => {
            let next = indices(f, target).last().map_or(0, |i| i + 1);
            let p = format!("{target}.{next}");
            if target.ends_with(".tr") {
                put(f, format!("{p}.lang"), "");
                put(f, format!("{p}.text"), "");
            } else if target == "content.warnings" {
                put(f, format!("{p}.severity"), "warning");
                put(f, format!("{p}.message.default"), "");
            } else if target.ends_with(".warnings") {
                put(f, format!("{p}.default"), "");
            } else {
                put(f, format!("{p}.description.default"), "");
            }
            true
        }
        "remove" | "up" | "down" => {
            let Some((list, i)) = list_and_index(target) else {
                return false;
            };
            if !is_editable_list(list) {
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
    fn intents_edit_steps() {
        let mut f = story_fields();
        assert!(apply_intent(&mut f, "up:procedure.1"));
        assert_eq!(step_texts(&f), ["two", "one", "three"]);
        assert_eq!(get(&f, "procedure.0.tools"), "spudger\n\n pliers ");
        assert!(apply_intent(&mut f, "down:procedure.0"));
        assert_eq!(step_texts(&f), ["one", "two", "three"]);
        assert!(apply_intent(&mut f, "remove:procedure.0"));
        assert_eq!(step_texts(&f), ["two", "three"]);
        assert!(apply_intent(&mut f, "add:procedure"));
        assert_eq!(indices(&f, "procedure"), [0, 1, 2]);
        assert!(apply_intent(&mut f, "add:title.tr"));
        assert_eq!(indices(&f, "title.tr"), [0, 1]);
        assert!(!apply_intent(&mut f, "remove:type.0"));
        assert!(!apply_intent(&mut f, "drop tables"));
        assert!(!apply_intent(&mut f, "up:procedure.99"));
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
