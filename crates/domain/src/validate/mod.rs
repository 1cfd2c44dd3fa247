//! Structural validation of entity input, collecting every problem at once: the field
//! tables' walk (`walk`) plus the few rules that span fields. Checks that need the
//! database (referenced entities exist, duplicates) live in the service layer and add
//! to the same problem list.

mod duplicates;
mod walk;

pub use duplicates::duplicate_key;

use crate::translation::is_fingerprint;
use crate::vocab::Vocabularies;
use crate::{Body, EntityKind, Problem};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::str::FromStr;

pub use crate::fields::{MAX_LIST, MAX_NAME, MAX_SHORT, MAX_STEPS, MAX_TEXT, MAX_TRANSLATIONS};
pub const MAX_JSON_DEPTH: usize = 20;

/// Fields the API returns alongside a body; accepted on input and ignored. `hidden` is
/// set only by moderators, through their own action.
pub const META_FIELDS: [&str; 9] = [
    "id",
    "uri",
    "kind",
    "revision",
    "created_at",
    "updated_at",
    "base_revision",
    "hidden",
    "translation_states",
];

/// Validates `input` as an entity of `kind`. Meta fields must already be stripped.
pub fn validate(
    kind: EntityKind,
    input: &Value,
    vocab: &Vocabularies,
) -> Result<Body, Vec<Problem>> {
    let mut v = Validator {
        problems: Vec::new(),
        vocab,
    };
    let mut input = whole_numbers(input.clone());
    if kind == EntityKind::Repair {
        crate::repair::name_category(&mut input);
    }
    v.fields("", &input, crate::fields::fields(kind));
    if let Some(m) = input.as_object() {
        v.across_fields(kind, m);
    }
    if !v.problems.is_empty() {
        return Err(v.problems);
    }
    let clean = without_nulls(input);
    let typed = match kind {
        EntityKind::Thing => serde_json::from_value(clean).map(Body::Thing),
        EntityKind::Story => serde_json::from_value(clean).map(Body::Story),
        EntityKind::Guide => serde_json::from_value(clean).map(Body::Guide),
        EntityKind::Relationship => serde_json::from_value(clean).map(Body::Relationship),
        EntityKind::Category => serde_json::from_value(clean).map(Body::Category),
        EntityKind::Term => serde_json::from_value(clean).map(Body::Term),
        EntityKind::Repair => serde_json::from_value(clean).map(Body::Repair),
        EntityKind::Event => serde_json::from_value(clean).map(Body::Event),
        EntityKind::Outcome => serde_json::from_value(clean).map(Body::Outcome),
    };
    typed.map_err(|e| {
        vec![Problem::new(
            "",
            "wrong_type",
            &[("expected", format!("a valid {kind} ({e})"))],
        )]
    })
}

/// Splits meta fields (`id`, `base_revision`, …) off an input object.
pub fn strip_meta(input: &mut Value) -> Option<String> {
    crate::tags::tidy(input);
    let obj = input.as_object_mut()?;
    let base = obj
        .get("base_revision")
        .and_then(Value::as_str)
        .map(str::to_string);
    for f in META_FIELDS {
        obj.remove(f);
    }
    base
}

/// JSON counts `3.0` as the whole number 3 (so does JSON Schema's `integer`); the typed
/// bodies and canonical form want it written `3`.
fn whole_numbers(v: Value) -> Value {
    match v {
        Value::Number(n) if n.is_f64() => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Object(m) => {
            Value::Object(m.into_iter().map(|(k, v)| (k, whole_numbers(v))).collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(whole_numbers).collect()),
        other => other,
    }
}

fn without_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// A language tag of the shape the API publishes: a 2–3 letter language, then an
/// optional script and region (`zh-Hant-TW`), or a private-use tag (`x-klingon`).
/// Longer BCP 47 forms (`moves`, variants) parse as tags but would make the server
/// accept what its own OpenAPI pattern refuses.
pub fn is_language_tag(tag: &str) -> bool {
    is_private_use_tag(tag)
        || has_published_shape(tag) && unic_langid::LanguageIdentifier::from_str(tag).is_ok()
}

fn has_published_shape(tag: &str) -> bool {
    let alpha = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic())
    };
    let mut parts = tag.split('-').peekable();
    if !parts.next().is_some_and(|l| alpha(l, 2..=3)) {
        return false;
    }
    parts.next_if(|s| alpha(s, 4..=4));
    parts.next_if(|s| alpha(s, 2..=2) || s.len() == 3 && s.chars().all(|c| c.is_ascii_digit()));
    parts.next().is_none()
}

/// Control characters other than tab and line breaks: NUL and the like, which one
/// database stores and another (PostgreSQL) refuses, and which no text needs.
pub fn has_control_chars(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Whether any string or key anywhere in a JSON document has such characters.
pub fn json_has_control_chars(v: &Value) -> bool {
    match v {
        Value::String(s) => has_control_chars(s),
        Value::Array(items) => items.iter().any(json_has_control_chars),
        Value::Object(m) => m
            .iter()
            .any(|(k, v)| has_control_chars(k) || json_has_control_chars(v)),
        _ => false,
    }
}

/// `x-` and one or more subtags of 1 to 8 letters or digits: valid BCP 47 that the
/// language-identifier parser does not take.
/// `x-` and one to three subtags of up to 8 letters or digits: at most 28 characters,
/// so that the published pattern needs no length of its own for a tag in a list.
fn is_private_use_tag(tag: &str) -> bool {
    tag.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("x-"))
        && tag[2..].split('-').count() <= 3
        && tag[2..]
            .split('-')
            .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()))
}

pub fn is_entity_id(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok_and(|u| u.hyphenated().to_string() == s)
}

pub fn is_http_url(s: &str) -> bool {
    url::Url::parse(s)
        .is_ok_and(|u| (u.scheme() == "http" || u.scheme() == "https") && u.host().is_some())
}

pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
        && !domain.contains('@')
}

/// YYYY, YYYY-MM or YYYY-MM-DD with a real calendar day.
pub fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.chars().all(|c| c.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => num(y, 4).is_some(),
        [y, m] => num(y, 4).is_some() && num(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => match (num(y, 4), num(m, 2), num(d, 2)) {
            (Some(y), Some(m), Some(d)) if (1..=12).contains(&m) => {
                let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
                let days = match m {
                    2 if leap => 29,
                    2 => 28,
                    4 | 6 | 9 | 11 => 30,
                    _ => 31,
                };
                (1..=days).contains(&d)
            }
            _ => false,
        },
        _ => false,
    }
}

fn is_identifier(s: &str) -> bool {
    s.starts_with("thing:")
        && s.len() > "thing:".len()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ":/._-".contains(c))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn present<'v>(m: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    m.get(key).filter(|v| !v.is_null())
}

struct Validator<'a> {
    problems: Vec<Problem>,
    vocab: &'a Vocabularies,
}

impl Validator<'_> {
    fn push(&mut self, path: impl Into<String>, code: &str, params: &[(&str, String)]) {
        self.problems.push(Problem::new(path, code, params));
    }

    fn object<'v>(
        &mut self,
        path: &str,
        v: &'v Value,
        allowed: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Some(m) = v.as_object() else {
            self.push(path, "wrong_type", &[("expected", "an object".into())]);
            return None;
        };
        for key in m.keys() {
            if !allowed.contains(&key.as_str()) {
                self.push(join(path, key), "unknown_field", &[]);
            }
        }
        Some(m)
    }

    fn string<'v>(&mut self, path: &str, v: &'v Value, max: usize) -> Option<&'v str> {
        let Some(s) = v.as_str() else {
            self.push(path, "wrong_type", &[("expected", "a string".into())]);
            return None;
        };
        if s.trim().is_empty() {
            self.push(path, "empty", &[]);
            return None;
        }
        if s.chars().count() > max {
            self.push(path, "too_long", &[("max", max.to_string())]);
            return None;
        }
        if has_control_chars(s) {
            self.push(path, "control_character", &[]);
            return None;
        }
        Some(s)
    }

    fn check_vocab(&mut self, path: &str, value: Option<&str>, allowed: &[String]) {
        if let Some(s) = value {
            if !allowed.iter().any(|a| a == s) {
                self.push(
                    path,
                    "not_in_vocabulary",
                    &[("allowed", allowed.join(", "))],
                );
            }
        }
    }

    /// Rules that span fields: what a story or guide applies to, and a relationship's
    /// two ends.
    fn across_fields(&mut self, kind: EntityKind, m: &Map<String, Value>) {
        match kind {
            EntityKind::Story | EntityKind::Guide => {
                match (
                    present(m, "thing_id").is_some(),
                    present(m, "thing_category").is_some(),
                ) {
                    (false, false) if present(m, "categories").is_none() => {
                        self.push("thing_id", "one_of_required", &[])
                    }
                    (true, true) => self.push("thing_category", "mutually_exclusive", &[]),
                    _ => {}
                }
            }
            EntityKind::Relationship => {
                if present(m, "source_id").is_some()
                    && present(m, "source_id") == present(m, "target_id")
                {
                    self.push("target_id", "self_relationship", &[]);
                }
            }
            EntityKind::Term => {
                let vocabulary = present(m, "vocabulary").and_then(Value::as_str);
                let only = |field: &str| match field {
                    "thing_id" => "tools",
                    _ => "relationship-types",
                };
                for field in ["inverse_name", "source_kinds", "target_kinds", "thing_id"] {
                    let wanted = only(field);
                    if present(m, field).is_some() && vocabulary.is_some_and(|v| v != wanted) {
                        self.push(
                            field,
                            "not_for_vocabulary",
                            &[("vocabulary", wanted.into())],
                        );
                    }
                }
            }
            EntityKind::Thing
            | EntityKind::Category
            | EntityKind::Repair
            | EntityKind::Event
            | EntityKind::Outcome => {}
        }
    }
}

/// Nesting depth of a JSON document, measured on the raw bytes so that
/// hostile input is refused before a parser recurses into it.
pub fn json_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max, mut in_str, mut escaped) = (0usize, 0usize, false, false);
    for &b in bytes {
        if in_str {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(r: Result<Body, Vec<Problem>>) -> Vec<(String, String)> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.path, p.code))
            .collect()
    }

    fn good_thing() -> Value {
        json!({
            "type": "device",
            "name": {"default": "Coffee machine", "translations": {"de": "Kaffeemaschine"}},
            "manufacturer": {"name": "ACME", "website": "https://acme.example", "contact": "help@acme.example"},
            "properties": {"materials": ["steel"], "manufacturing_date": "2020-02-29",
                           "dimensions": {"width": 20.5, "unit": "cm"}}
        })
    }

    #[test]
    fn accepts_a_valid_thing() {
        let body = validate(EntityKind::Thing, &good_thing(), &Vocabularies::default());
        assert!(matches!(body, Ok(Body::Thing(_))), "{body:?}");
    }

    #[test]
    fn reports_every_problem_with_its_path() {
        let input = json!({
            "type": "spaceship",
            "name": {"default": "", "translations": {"not a tag": "x"}},
            "manufacturer": {"website": "ftp://x", "contact": "nope"},
            "properties": {"manufacturing_date": "2021-02-30", "materials": "steel",
                           "dimensions": {"width": -1, "unit": "furlong"}},
            "colour": "red"
        });
        let got = codes(validate(
            EntityKind::Thing,
            &input,
            &Vocabularies::default(),
        ));
        for expected in [
            ("type", "not_in_vocabulary"),
            ("name.default", "empty"),
            ("name.translations.not a tag", "invalid_language_tag"),
            ("manufacturer.name", "required"),
            ("manufacturer.website", "invalid_url"),
            ("manufacturer.contact", "invalid_email"),
            ("properties.manufacturing_date", "invalid_date"),
            ("properties.materials", "wrong_type"),
            ("properties.dimensions.width", "out_of_range"),
            ("properties.dimensions.unit", "not_in_vocabulary"),
            ("colour", "unknown_field"),
        ] {
            assert!(
                got.contains(&(expected.0.to_string(), expected.1.to_string())),
                "missing {expected:?} in {got:?}"
            );
        }
        assert_eq!(got.len(), 11, "{got:?}");
    }

    #[test]
    fn a_whole_number_written_with_a_decimal_point_is_a_whole_number() {
        let story = json!({
            "thing_category": {"category": "kettles"}, "type": "repair", "title": {"default": "Fix"},
            "procedure": [{"order": 2.0, "description": {"default": "Open it"}},
                          {"order": 1.5, "description": {"default": "Close it"}}]
        });
        let got = codes(validate(
            EntityKind::Story,
            &story,
            &Vocabularies::default(),
        ));
        assert_eq!(
            got,
            vec![("procedure.1.order".to_string(), "wrong_type".to_string())]
        );
        let mut story = story;
        story["procedure"][1]["order"] = json!(1);
        let Ok(Body::Story(s)) = validate(EntityKind::Story, &story, &Vocabularies::default())
        else {
            panic!("2.0 is a valid order");
        };
        assert_eq!(
            serde_json::to_value(&s).unwrap()["procedure"][0]["order"],
            json!(2)
        );
    }

    #[test]
    fn story_needs_exactly_one_target_and_unique_orders() {
        let step = |o: u64| json!({"order": o, "description": {"default": "Open it"}});
        let both = json!({
            "thing_id": "0193a000-0000-7000-8000-000000000001",
            "thing_category": {"category": "kettles"},
            "type": "repair", "title": {"default": "Fix"}, "procedure": [step(1), step(1)]
        });
        let got = codes(validate(EntityKind::Story, &both, &Vocabularies::default()));
        assert!(got.contains(&("thing_category".into(), "mutually_exclusive".into())));
        assert!(got.contains(&("procedure.1.order".into(), "duplicate_order".into())));
        let neither = json!({"type": "repair", "title": {"default": "Fix"}, "procedure": []});
        let got = codes(validate(
            EntityKind::Story,
            &neither,
            &Vocabularies::default(),
        ));
        assert!(got.contains(&("thing_id".into(), "one_of_required".into())));
        assert!(got.contains(&("procedure".into(), "empty".into())));
    }

    #[test]
    fn relationship_rules() {
        let id = "0193a000-0000-7000-8000-000000000001";
        let input = json!({"source_type": "thing", "source_id": id, "target_type": "planet",
                           "target_id": id, "relationship_type": "part_of", "direction": "sideways"});
        let got = codes(validate(
            EntityKind::Relationship,
            &input,
            &Vocabularies::default(),
        ));
        assert!(got.contains(&("target_type".into(), "not_in_vocabulary".into())));
        assert!(got.contains(&("target_id".into(), "self_relationship".into())));
        assert!(got.contains(&("direction".into(), "not_in_vocabulary".into())));
    }

    #[test]
    fn control_characters_are_refused_wherever_text_goes() {
        let mut input = good_thing();
        input["name"]["default"] = json!("a\u{0}b");
        input["properties"]["materials"] = json!(["steel\u{1b}"]);
        input["properties"]["serial_number"] = json!("line one\nline\ttwo\r\n");
        let got = codes(validate(
            EntityKind::Thing,
            &input,
            &Vocabularies::default(),
        ));
        assert_eq!(
            got,
            [
                ("name.default".to_string(), "control_character".to_string()),
                ("properties.materials.0".into(), "control_character".into()),
            ]
        );
    }

    #[test]
    fn formats() {
        assert!(is_language_tag("de"));
        assert!(is_language_tag("zh-Hant-TW"));
        assert!(!is_language_tag("deutsch!"));
        assert!(!is_language_tag(""));
        assert!(is_language_tag("x-private"));
        assert!(is_language_tag("X-klingon-tlh"));
        assert!(!is_language_tag("x-"));
        assert!(!is_language_tag("x-toolongsubtag"));
        assert!(is_language_tag("x-abcdefgh-abcdefgh-abcdefgh"));
        assert!(!is_language_tag("x-a-b-c-d"));
        assert!(is_language_tag("es-419"));
        assert!(!is_language_tag("moves"));
        assert!(!is_language_tag("de-"));
        assert!(!is_language_tag("ca-ES-valencia"));
        assert!(is_partial_date("2024"));
        assert!(is_partial_date("2024-02-29"));
        assert!(!is_partial_date("2023-02-29"));
        assert!(!is_partial_date("24-01-01"));
        assert!(is_email("a@b.de"));
        assert!(!is_email("a@b"));
        assert!(is_http_url("https://x.org/a"));
        assert!(!is_http_url("javascript:alert(1)"));
        assert!(!is_entity_id("0193A000-0000-7000-8000-000000000001"));
    }

    #[test]
    fn depth_ignores_brackets_in_strings() {
        assert_eq!(json_depth(br#"{"a": "[[[[", "b": [1, {"c": 2}]}"#), 3);
        assert_eq!(json_depth(br#"["\"[["]"#), 1);
    }
}
