//! Localized text: an original in a known language with translations, how display
//! falls back to the original, and how writes record the original's language.

use crate::fields::{fields, Shape};
use crate::EntityKind;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// An original text plus translations keyed by BCP 47 tag.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalizedText {
    /// The language the original (`default`) is written in. Absent in texts written
    /// before it was recorded, so their revisions keep their ids: readers take the
    /// instance's first content language for those.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    pub default: String,
    #[serde(default)]
    pub translations: BTreeMap<String, String>,
}

/// What to show for a requested language, in which language it is, and whether that
/// is not the language asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved<'a> {
    pub text: &'a str,
    pub lang: &'a str,
    pub fell_back: bool,
}

fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

fn same_language(a: &str, b: &str) -> bool {
    primary(a).eq_ignore_ascii_case(primary(b))
}

impl LocalizedText {
    pub fn new(default: impl Into<String>) -> Self {
        Self {
            lang: None,
            default: default.into(),
            translations: BTreeMap::new(),
        }
    }

    /// An original in a known language.
    pub fn in_lang(lang: &str, default: impl Into<String>) -> Self {
        Self {
            lang: Some(lang.to_string()),
            ..Self::new(default)
        }
    }

    /// The original's language; `assumed` for a text that does not record it.
    pub fn original_lang<'a>(&'a self, assumed: &'a str) -> &'a str {
        self.lang
            .as_deref()
            .filter(|l| !l.is_empty())
            .unwrap_or(assumed)
    }

    /// The original when it is in the requested language, else the translation into
    /// it (exact tag, then its primary subtag: `de-AT` → `de`), else the original
    /// marked as a fallback. `assumed` is the original's language when unrecorded.
    pub fn resolve<'a>(&'a self, lang: &str, assumed: &'a str) -> Resolved<'a> {
        let original = self.original_lang(assumed);
        let as_original = Resolved {
            text: &self.default,
            lang: original,
            fell_back: !same_language(original, lang),
        };
        if !as_original.fell_back {
            return as_original;
        }
        let exact = self
            .translations
            .iter()
            .find(|(tag, _)| tag.eq_ignore_ascii_case(lang));
        let by_primary = || {
            self.translations
                .iter()
                .find(|(tag, _)| same_language(tag, lang))
        };
        match exact.or_else(by_primary) {
            Some((tag, text)) if !text.is_empty() => Resolved {
                text,
                lang: tag,
                fell_back: false,
            },
            _ => as_original,
        }
    }

    /// The text to show in `lang`, whatever its language.
    pub fn get(&self, lang: &str) -> &str {
        self.resolve(lang, "").text
    }
}

/// Records the original's language of every localized text in `body` that does not
/// say its own: the language it had in `current`, else `lang` when the text is new or
/// changed. A text sent back as it was read keeps its language unrecorded, so a client
/// echoing an older entry does not relabel what others wrote.
pub fn stamp_languages(kind: EntityKind, body: &mut Value, current: Option<&Value>, lang: &str) {
    for f in fields(kind) {
        if let Some(v) = body.get_mut(f.name) {
            stamp(f.shape, v, current.and_then(|c| c.get(f.name)), lang);
        }
    }
}

fn stamp(shape: Shape, v: &mut Value, current: Option<&Value>, lang: &str) {
    match shape {
        Shape::Localized { .. } => {
            let Some(text) = v.as_object_mut() else {
                return;
            };
            // A language given in any shape stays as given, for validation to judge.
            if text.get("lang").is_some_and(|l| !l.is_null()) {
                return;
            }
            // A text keeps the language it had; only a new or rewritten one without a
            // recorded language takes the writer's.
            let before = current.and_then(Value::as_object);
            let kept = before
                .and_then(|c| c.get("lang"))
                .and_then(Value::as_str)
                .filter(|l| !l.trim().is_empty());
            let unchanged = before
                .and_then(|c| c.get("default"))
                .is_some_and(|d| Some(d) == text.get("default"));
            match kept {
                Some(l) => {
                    text.insert("lang".into(), Value::String(l.to_string()));
                }
                None if !unchanged => {
                    text.insert("lang".into(), Value::String(lang.to_string()));
                }
                None => {}
            }
        }
        Shape::Object(fs) => {
            for f in fs {
                if let Some(inner) = v.get_mut(f.name) {
                    stamp(f.shape, inner, current.and_then(|c| c.get(f.name)), lang);
                }
            }
        }
        Shape::List(list) => {
            if let Some(items) = v.as_array_mut() {
                for (n, item) in items.iter_mut().enumerate() {
                    stamp(list.item, item, current.and_then(|c| c.get(n)), lang);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_the_original_and_says_so() {
        let mut t = LocalizedText::in_lang("en", "Pump");
        t.translations.insert("de".into(), "Pumpe".into());
        assert_eq!(t.resolve("de", "en").text, "Pumpe");
        assert_eq!(t.resolve("de", "en").lang, "de");
        assert!(!t.resolve("de", "en").fell_back);
        assert_eq!(t.resolve("de-AT", "en").text, "Pumpe");
        assert_eq!(t.resolve("fr", "en").text, "Pump");
        assert_eq!(t.resolve("fr", "en").lang, "en");
        assert!(t.resolve("fr", "en").fell_back);
        assert!(!t.resolve("en", "en").fell_back);
    }

    #[test]
    fn an_original_in_the_readers_language_is_no_fallback() {
        let german = LocalizedText::in_lang("de", "Wasserkocher entkalken");
        assert!(!german.resolve("de", "en").fell_back);
        assert!(german.resolve("fr", "en").fell_back);
        // Unrecorded: the instance's first content language is assumed.
        let old = LocalizedText::new("Wasserkocher");
        assert!(!old.resolve("de", "de").fell_back);
        assert!(old.resolve("de", "en").fell_back);
        assert_eq!(old.original_lang("de"), "de");
    }

    #[test]
    fn an_unrecorded_language_stays_out_of_the_canonical_form() {
        let old: LocalizedText =
            serde_json::from_value(serde_json::json!({"default": "Pump"})).unwrap_or_default();
        assert_eq!(
            serde_json::to_value(&old).ok(),
            Some(serde_json::json!({"default": "Pump", "translations": {}}))
        );
    }

    #[test]
    fn writes_record_the_language_of_new_and_changed_texts_only() {
        let current = serde_json::json!({
            "title": {"default": "Descale"},
            "summary": {"default": "Old summary"},
            "procedure": [{"order": 1, "description": {"default": "Unplug"}}]
        });
        let mut body = serde_json::json!({
            "title": {"default": "Descale"},
            "summary": {"default": "New summary"},
            "procedure": [
                {"order": 1, "description": {"default": "Unplug"}},
                {"order": 2, "description": {"default": "Vinegar", "lang": "nl"}}
            ]
        });
        stamp_languages(EntityKind::Story, &mut body, Some(&current), "de");
        assert_eq!(body["title"].get("lang"), None);
        assert_eq!(body["summary"]["lang"], "de");
        assert_eq!(body["procedure"][0]["description"].get("lang"), None);
        assert_eq!(body["procedure"][1]["description"]["lang"], "nl");
        let mut new = serde_json::json!({"title": {"default": "Descale"}});
        stamp_languages(EntityKind::Story, &mut new, None, "fr");
        assert_eq!(new["title"]["lang"], "fr");
        let mut rewritten = serde_json::json!({"title": {"default": "Entkalken"}});
        let german = serde_json::json!({"title": {"default": "Entkalken!", "lang": "de"}});
        stamp_languages(EntityKind::Story, &mut rewritten, Some(&german), "fr");
        assert_eq!(rewritten["title"]["lang"], "de");
        let mut odd = serde_json::json!({"title": {"default": "x", "lang": {}}, "summary": {"default": "y", "lang": ""}});
        stamp_languages(EntityKind::Story, &mut odd, None, "fr");
        assert_eq!(odd["title"]["lang"], serde_json::json!({}));
        assert_eq!(odd["summary"]["lang"], "");
    }
}
