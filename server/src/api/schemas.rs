//! OpenAPI schemas of the entity kinds, generated from `domain::fields`, the same
//! tables that validation and the forms walk.

use domain::fields::{fields, Field, Format, Shape, MAX_MEASURE, MAX_ORDER, MAX_TRANSLATIONS};
use domain::vocab::Vocabularies;
use domain::EntityKind;
use serde_json::{json, Map, Value};

/// One language tag as the validator takes it: a language with subtags, or private use.
/// Either is at most 28 characters, so a list of them needs no length per tag.
macro_rules! language_tag {
    () => {
        "([A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?|[xX](-[A-Za-z0-9]{1,8}){1,3})"
    };
}

pub(crate) const LANGUAGE_TAG: &str = concat!("^", language_tag!(), "$");

/// A `Content-Language` header: tags separated by commas, the first of which counts.
pub(super) const LANGUAGE_LIST: &str = concat!(
    "^",
    language_tag!(),
    "([ \t]*,[ \t]*",
    language_tag!(),
    ")*$"
);
pub(crate) const CONTENT_LANGUAGE_MAX: usize = 200;

/// A text: at least one visible character, and no control character other than tab
/// and line breaks (what the validator refuses with `empty` and `control_character`).
pub(super) const TEXT: &str = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*[^\\s\\x00-\\x1F\\x7F-\\x9F][^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*$";

/// No control character other than tab and line breaks, and possibly empty: keys and
/// free values, and what the input guard lets through in query parameters.
pub(super) const NO_CONTROLS: &str = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*$";

/// What the API adds to a body when it returns an entity.
fn meta_properties() -> Value {
    json!({"id": {"type": "string", "format": "uuid"}, "uri": {"type": "string"}, "kind": {"type": "string"},
           "revision": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
           "updated_at": {"type": "string", "format": "date-time"},
           "translation_states": {"type": "object", "readOnly": true,
               "description": "Read responses only: per localized text (by dotted path, e.g. procedure.0.description), its state in each of the instance's content languages and each language it has: original (written in it), missing, current (made from the original as it is), outdated (the original changed since), reviewed (current and confirmed by an expert)",
               "additionalProperties": {"type": "object", "additionalProperties": {"type": "string", "enum": ["original", "missing", "current", "outdated", "reviewed"]}}}})
}

/// Localized text; limits differ per field, so each use carries its own.
pub(super) fn localized(max: usize) -> Value {
    let text = json!({"type": "string", "maxLength": max, "pattern": TEXT});
    json!({"type": "object", "required": ["default"], "additionalProperties": false,
           "properties": {"lang": {"type": ["string", "null"], "pattern": LANGUAGE_TAG, "maxLength": 35,
                                   "description": "BCP 47 tag of the original's language; when absent, Content-Language, else the instance's first content language"},
                          "default": text, "translations": {"type": ["object", "null"], "additionalProperties": text,
                          "propertyNames": {"pattern": LANGUAGE_TAG, "maxLength": 35},
                          "maxProperties": MAX_TRANSLATIONS, "description": "BCP 47 tag → text"},
                          "sources": marks("BCP 47 tag → fingerprint of the original the translation was made from. Set by the server when a translation is new or changed; send the current original's fingerprint to confirm an unchanged translation still matches"),
                          "reviewed": marks("BCP 47 tag → fingerprint of the translated text an expert confirmed; adding or changing one needs the expert role (403)")}})
}

/// A text's per-language fingerprints (16 hex digits of the text's SHA-256).
fn marks(what: &str) -> Value {
    json!({"type": ["object", "null"], "description": what, "maxProperties": MAX_TRANSLATIONS,
           "propertyNames": {"pattern": LANGUAGE_TAG, "maxLength": 35},
           "additionalProperties": {"type": "string", "pattern": "^[0-9a-f]{16}$"}})
}

fn text(max: usize, format: Format) -> Value {
    let mut s = json!({"type": "string", "maxLength": max, "pattern": TEXT});
    let (key, value) = match format {
        Format::Plain => return s,
        Format::Url => ("format", "uri"),
        Format::Email => ("format", "email"),
        Format::EntityId => ("format", "uuid"),
        Format::Date => {
            // A year, a month, or a full date that exists (no 30 February).
            s["anyOf"] = json!([{"pattern": "^[0-9]{4}$"}, {"pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"},
                                {"format": "date"}]);
            return s;
        }
        Format::Identifier => ("pattern", "^thing:[a-z0-9:/._-]+$"),
        Format::Slug => ("pattern", "^[A-Za-z0-9_-]+$"),
        Format::MediaHash => ("pattern", "^[0-9a-f]{64}$"),
        Format::Wikidata => ("pattern", "^Q[0-9]+$"),
        Format::Key => ("pattern", "^[a-z][a-z0-9_-]*$"),
        Format::Country => ("pattern", "^[A-Z]{3}$"),
        Format::Year => ("pattern", "^[0-9]{4}$"),
        Format::Day => ("format", "date"),
        Format::GraphKind => {
            return json!({"type": "string", "enum": ["thing", "story", "guide"]});
        }
        // Written in one spelling on the way in; commas and semicolons separate tags.
        Format::Tag => ("pattern", "^[^,;\\x00-\\x1F\\x7F-\\x9F]*[^\\s,;\\x00-\\x1F\\x7F-\\x9F][^,;\\x00-\\x1F\\x7F-\\x9F]*$"),
    };
    s[key] = json!(value);
    s
}

fn shape(sh: Shape, vocab: &Vocabularies, input: bool) -> Value {
    match sh {
        Shape::Text { max, format } => text(max, format),
        // Extension terms may add values while a client holds the document: an answer
        // may carry a value its copy lacks.
        Shape::Choice { vocab: v, .. } if input => {
            json!({"type": "string", "enum": v.values(vocab)})
        }
        Shape::Choice { max, .. } => json!({"type": "string", "maxLength": max}),
        Shape::Localized { max } => localized(max),
        Shape::Measure => {
            json!({"type": "number", "exclusiveMinimum": 0, "maximum": MAX_MEASURE})
        }
        Shape::Fraction => json!({"type": "number", "minimum": 0, "maximum": 1}),
        Shape::Number { min, max, whole } => {
            let t = if whole { "integer" } else { "number" };
            json!({"type": t, "minimum": min, "maximum": max})
        }
        Shape::Flag => json!({"type": "boolean"}),
        Shape::Order => json!({"type": "integer", "minimum": 1, "maximum": MAX_ORDER}),
        Shape::Lines {
            max_items,
            max_len,
            format,
        } => json!({"type": "array", "maxItems": max_items, "items": text(max_len, format)}),
        Shape::KeyValues {
            max_entries,
            max_key,
            max_value,
        } => json!({"type": "object", "maxProperties": max_entries,
            "propertyNames": {"maxLength": max_key, "pattern": NO_CONTROLS},
            "additionalProperties": {"type": "string", "maxLength": max_value, "pattern": TEXT}}),
        Shape::Scalars {
            max_entries,
            max_len,
        } => {
            json!({"type": "object", "maxProperties": max_entries, "propertyNames": {"pattern": NO_CONTROLS},
            "additionalProperties": {"oneOf": [{"type": "string", "maxLength": max_len, "pattern": NO_CONTROLS}, {"type": "number"}, {"type": "boolean"}]}})
        }
        Shape::Object(fs) => object(fs, vocab, input, None),
        Shape::List(list) => {
            let mut s = json!({"type": "array", "maxItems": list.max, "items": shape(list.item, vocab, input)});
            if list.min_items > 0 {
                s["minItems"] = json!(list.min_items);
            }
            s
        }
    }
}

/// An object of `fs`. Input schemas leave out what only moderators set; `extra` adds
/// the meta fields of a returned entity.
fn object(fs: &[Field], vocab: &Vocabularies, input: bool, extra: Option<Value>) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for f in fs.iter().filter(|f| !(input && f.read_only)) {
        let mut s = shape(f.shape, vocab, input);
        if f.read_only {
            s["readOnly"] = json!(true);
        }
        if f.required {
            required.push(f.name);
        } else if input {
            // Null is taken as "not given" (as in a merge patch).
            s = json!({"anyOf": [s, {"type": "null"}]});
        }
        props.insert(f.name.to_string(), s);
    }
    if let Some(Value::Object(extra)) = extra {
        props.extend(extra);
    }
    let mut s = json!({"type": "object", "additionalProperties": false, "properties": props});
    if !required.is_empty() {
        s["required"] = json!(required);
    }
    s
}

/// A JSON merge patch (RFC 7396) of what `input` describes: objects merge, so none of
/// their fields is required and null removes an optional one (those are already
/// nullable); maps take null to remove an entry; lists are replaced whole, so their
/// items stay complete.
fn merge_patch(input: &Value) -> Value {
    let mut s = input.clone();
    if let Some(branches) = s.get_mut("anyOf").and_then(Value::as_array_mut) {
        for b in branches.iter_mut() {
            *b = merge_patch(b);
        }
    }
    if let Some(o) = s.as_object_mut() {
        o.remove("required");
        if let Some(Value::Object(props)) = o.get_mut("properties") {
            for p in props.values_mut() {
                *p = merge_patch(p);
            }
        }
        if let Some(extra) = o.get_mut("additionalProperties").filter(|a| a.is_object()) {
            *extra = json!({"anyOf": [merge_patch(extra), {"type": "null"}]});
        }
    }
    s
}

/// `{kind}` (what a client sends), `{kind}_patch` (a merge patch of it) and
/// `{kind}_entity` (what the API returns) for every kind.
pub fn entity_schemas(vocab: &Vocabularies) -> Map<String, Value> {
    let mut out = Map::new();
    for kind in EntityKind::ALL {
        let fs = fields(kind);
        let mut input = object(fs, vocab, true, None);
        let patch = merge_patch(&input);
        if matches!(kind, EntityKind::Story | EntityKind::Guide) {
            // What the validator's `one_of_required` asks: exactly one of the two not null.
            input["oneOf"] = json!([
                {"required": ["thing_id"], "properties": {"thing_id": {"type": "string"}}},
                {"required": ["thing_category"], "properties": {"thing_category": {"type": "object"}}}]);
        }
        if kind == EntityKind::Term {
            // What the validator's `not_for_vocabulary` asks: each vocabulary's own fields.
            input["anyOf"] = json!(domain::vocab::VOCABULARIES
                .iter()
                .map(|name| {
                    let mut props = Map::new();
                    props.insert("vocabulary".into(), json!({"const": name}));
                    for field in foreign_term_fields(name) {
                        props.insert(field.to_string(), json!({"type": "null"}));
                    }
                    json!({"properties": props})
                })
                .collect::<Vec<_>>());
        }
        out.insert(format!("{}_patch", kind.as_str()), patch);
        out.insert(kind.as_str().into(), input);
        out.insert(
            format!("{}_entity", kind.as_str()),
            object(fs, vocab, false, Some(meta_properties())),
        );
    }
    out
}

/// The term fields a vocabulary does not use.
fn foreign_term_fields(vocabulary: &str) -> &'static [&'static str] {
    match vocabulary {
        "relationship-types" => &["thing_id"],
        "tools" => &["inverse_name", "source_kinds", "target_kinds"],
        _ => &["inverse_name", "source_kinds", "target_kinds", "thing_id"],
    }
}

/// A term as `POST /api/v1/vocabularies/{vocabulary}` takes it: without `vocabulary`
/// (the address gives it) and without the fields other vocabularies use.
pub fn term_input_for(vocabulary: &str, vocab: &Vocabularies) -> Value {
    let mut s = object(fields(EntityKind::Term), vocab, true, None);
    if let Some(props) = s["properties"].as_object_mut() {
        props.remove("vocabulary");
        for field in foreign_term_fields(vocabulary) {
            props.remove(*field);
        }
    }
    if let Some(required) = s["required"].as_array_mut() {
        required.retain(|r| r != "vocabulary");
    }
    s
}
