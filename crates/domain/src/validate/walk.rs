//! The generic half of validation: walks a kind's field table over the input and
//! reports every structural problem (unknown, missing, wrong type, too long, not in a
//! vocabulary, bad format) at its dotted path.

use super::*;
use crate::fields::{Field, Format, List, Shape, MAX_MEASURE, MAX_ORDER};

impl Format {
    /// The problem code for a value that does not have this format.
    fn check(self, s: &str) -> Option<&'static str> {
        let ok = match self {
            Format::Plain => true,
            Format::Url => is_http_url(s),
            Format::Email => is_email(s),
            Format::Date => is_partial_date(s),
            Format::EntityId => is_entity_id(s),
            Format::Identifier => is_identifier(s),
            Format::Slug => s
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            Format::MediaHash => crate::media::is_media_hash(s),
            Format::Wikidata => {
                s.len() > 1 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit())
            }
            Format::Tag => crate::tags::is_tag(s),
            Format::Key => crate::vocab::is_key(s),
            Format::GraphKind => matches!(s, "thing" | "story" | "guide"),
            Format::Country => s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()),
            Format::Year => s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()),
            Format::Day => crate::repair::is_day(s),
        };
        (!ok).then_some(match self {
            Format::Url => "invalid_url",
            Format::Email => "invalid_email",
            Format::Date => "invalid_date",
            Format::Identifier => "invalid_identifier",
            Format::MediaHash => "invalid_media_id",
            Format::Wikidata => "invalid_wikidata",
            Format::Tag => "invalid_tag",
            Format::Key => "invalid_key",
            Format::GraphKind => "invalid_kind",
            Format::Country => "invalid_country",
            Format::Year => "invalid_year",
            Format::Day => "invalid_day",
            Format::Plain | Format::EntityId | Format::Slug => "invalid_id",
        })
    }
}

impl Validator<'_> {
    pub(super) fn fields(&mut self, path: &str, v: &Value, fields: &[Field]) {
        let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
        let Some(m) = self.object(path, v, &names) else {
            return;
        };
        for f in fields {
            match present(m, f.name) {
                Some(x) => self.value(&join(path, f.name), x, f.shape),
                None if f.required => self.push(join(path, f.name), "required", &[]),
                None => {}
            }
        }
    }

    fn value(&mut self, path: &str, v: &Value, shape: Shape) {
        match shape {
            Shape::Text { max, format } => {
                if let Some(code) = self.string(path, v, max).and_then(|s| format.check(s)) {
                    self.push(path, code, &[]);
                }
            }
            Shape::Choice { vocab, max } => {
                let s = self.string(path, v, max);
                self.check_vocab(path, s, &vocab.values(self.vocab));
            }
            Shape::Localized { max } => self.localized(path, v, max),
            Shape::Measure => match v.as_f64() {
                Some(n) if n > 0.0 && n <= MAX_MEASURE => {}
                Some(_) => self.push(
                    path,
                    "out_of_range",
                    &[("min", "0".into()), ("max", MAX_MEASURE.to_string())],
                ),
                None => self.push(path, "wrong_type", &[("expected", "a number".into())]),
            },
            Shape::Number { min, max, whole } => match v.as_f64() {
                Some(n) if whole && n.fract() != 0.0 => {
                    self.push(path, "wrong_type", &[("expected", "a whole number".into())])
                }
                Some(n) if (min..=max).contains(&n) => {}
                Some(_) => self.push(
                    path,
                    "out_of_range",
                    &[("min", min.to_string()), ("max", max.to_string())],
                ),
                None => self.push(path, "wrong_type", &[("expected", "a number".into())]),
            },
            Shape::Flag => {
                if !v.is_boolean() {
                    self.push(path, "wrong_type", &[("expected", "true or false".into())]);
                }
            }
            Shape::Fraction => match v.as_f64() {
                Some(n) if (0.0..=1.0).contains(&n) => {}
                Some(_) => self.push(
                    path,
                    "out_of_range",
                    &[("min", "0".into()), ("max", "1".into())],
                ),
                None => self.push(path, "wrong_type", &[("expected", "a number".into())]),
            },
            Shape::Order => match v.as_u64() {
                Some(n) if (1..=MAX_ORDER).contains(&n) => {}
                Some(_) => self.push(
                    path,
                    "out_of_range",
                    &[("min", "1".into()), ("max", MAX_ORDER.to_string())],
                ),
                None => self.push(path, "wrong_type", &[("expected", "a whole number".into())]),
            },
            Shape::Lines {
                max_items,
                max_len,
                format,
            } => self.string_list(path, v, max_items, max_len, format),
            Shape::KeyValues {
                max_entries,
                max_key,
                max_value,
            } => self.string_map(path, v, max_entries, max_key, max_value),
            Shape::Scalars {
                max_entries,
                max_len,
            } => self.scalars(path, v, max_entries, max_len),
            Shape::Object(fields) => self.fields(path, v, fields),
            Shape::List(list) => self.list(path, v, list),
        }
    }

    fn list(&mut self, path: &str, v: &Value, list: &List) {
        let Some(items) = v.as_array() else {
            self.push(path, "wrong_type", &[("expected", list.expected.into())]);
            return;
        };
        if items.len() < list.min_items {
            self.push(path, "empty", &[]);
        }
        if items.len() > list.max {
            self.push(path, "too_many", &[("max", list.max.to_string())]);
        }
        for (i, item) in items.iter().enumerate() {
            self.value(&join(path, &i.to_string()), item, list.item);
        }
        self.unique_orders(path, items);
    }

    /// Two steps of one procedure may not share a position.
    fn unique_orders(&mut self, path: &str, items: &[Value]) {
        let mut seen = BTreeSet::new();
        for (i, item) in items.iter().enumerate() {
            let Some(n) = item.get("order").and_then(Value::as_u64) else {
                continue;
            };
            if (1..=MAX_ORDER).contains(&n) && !seen.insert(n) {
                self.push(
                    join(&join(path, &i.to_string()), "order"),
                    "duplicate_order",
                    &[("order", n.to_string())],
                );
            }
        }
    }

    fn localized(&mut self, path: &str, v: &Value, max: usize) {
        let Some(m) = self.object(
            path,
            v,
            &["lang", "default", "translations", "sources", "reviewed"],
        ) else {
            return;
        };
        match present(m, "default") {
            Some(d) => {
                self.string(&join(path, "default"), d, max);
            }
            None => self.push(join(path, "default"), "required", &[]),
        }
        if let Some(lang) = present(m, "lang") {
            let lpath = join(path, "lang");
            match lang.as_str() {
                Some(tag) if is_language_tag(tag) => {}
                Some(tag) => self.push(lpath, "invalid_language_tag", &[("value", tag.into())]),
                None => self.push(
                    lpath,
                    "wrong_type",
                    &[("expected", "a language tag".into())],
                ),
            }
        }
        for key in ["sources", "reviewed"] {
            if let Some(marks) = present(m, key) {
                self.fingerprints(&join(path, key), marks);
            }
        }
        let Some(tr) = present(m, "translations") else {
            return;
        };
        let tpath = join(path, "translations");
        let Some(tr) = tr.as_object() else {
            self.push(
                tpath,
                "wrong_type",
                &[("expected", "an object of language tag to text".into())],
            );
            return;
        };
        if tr.len() > MAX_TRANSLATIONS {
            self.push(&tpath, "too_many", &[("max", MAX_TRANSLATIONS.to_string())]);
        }
        let mut seen = BTreeSet::new();
        for (tag, text) in tr {
            let p = join(&tpath, tag);
            if !is_language_tag(tag) {
                self.push(&p, "invalid_language_tag", &[("value", tag.clone())]);
            } else if !seen.insert(tag.to_ascii_lowercase()) {
                self.push(&p, "duplicate_language", &[("value", tag.clone())]);
            }
            self.string(&p, text, max);
        }
    }

    /// A translation's marks: language tag → fingerprint of a text.
    fn fingerprints(&mut self, path: &str, v: &Value) {
        let Some(marks) = v.as_object() else {
            self.push(
                path,
                "wrong_type",
                &[(
                    "expected",
                    "an object of language tag to fingerprint".into(),
                )],
            );
            return;
        };
        if marks.len() > MAX_TRANSLATIONS {
            self.push(path, "too_many", &[("max", MAX_TRANSLATIONS.to_string())]);
        }
        for (tag, mark) in marks {
            let p = join(path, tag);
            if !is_language_tag(tag) {
                self.push(&p, "invalid_language_tag", &[("value", tag.clone())]);
            } else if !mark.as_str().is_some_and(is_fingerprint) {
                self.push(
                    &p,
                    "wrong_type",
                    &[("expected", "a fingerprint: 16 lowercase hex digits".into())],
                );
            }
        }
    }

    fn string_list(
        &mut self,
        path: &str,
        v: &Value,
        max_items: usize,
        max_len: usize,
        format: Format,
    ) {
        let Some(items) = v.as_array() else {
            self.push(
                path,
                "wrong_type",
                &[("expected", "a list of strings".into())],
            );
            return;
        };
        if items.len() > max_items {
            self.push(path, "too_many", &[("max", max_items.to_string())]);
        }
        for (i, item) in items.iter().enumerate() {
            let at = join(path, &i.to_string());
            if let Some(code) = self
                .string(&at, item, max_len)
                .and_then(|s| format.check(s))
            {
                self.push(at, code, &[]);
            }
        }
    }

    fn string_map(
        &mut self,
        path: &str,
        v: &Value,
        max_entries: usize,
        max_key: usize,
        max_value: usize,
    ) {
        let Some(a) = v.as_object() else {
            self.push(
                path,
                "wrong_type",
                &[("expected", "an object of strings".into())],
            );
            return;
        };
        if a.len() > max_entries {
            self.push(path, "too_many", &[("max", max_entries.to_string())]);
        }
        for (k, val) in a {
            if k.chars().count() > max_key {
                self.push(join(path, k), "too_long", &[("max", max_key.to_string())]);
            } else if has_control_chars(k) {
                self.push(join(path, k), "control_character", &[]);
            }
            self.string(&join(path, k), val, max_value);
        }
    }

    fn scalars(&mut self, path: &str, v: &Value, max_entries: usize, max_len: usize) {
        let Some(obj) = v.as_object() else {
            self.push(path, "wrong_type", &[("expected", "an object".into())]);
            return;
        };
        if obj.len() > max_entries {
            self.push(path, "too_many", &[("max", max_entries.to_string())]);
        }
        for (k, val) in obj {
            let p = join(path, k);
            if has_control_chars(k) {
                self.push(&p, "control_character", &[]);
                continue;
            }
            match val {
                Value::String(s) if has_control_chars(s) => self.push(p, "control_character", &[]),
                Value::String(s) if s.chars().count() > max_len => {
                    self.push(p, "too_long", &[("max", max_len.to_string())])
                }
                Value::String(_) | Value::Number(_) | Value::Bool(_) => {}
                _ => self.push(
                    p,
                    "wrong_type",
                    &[("expected", "a string, number or boolean".into())],
                ),
            }
        }
    }
}
