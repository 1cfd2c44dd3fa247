//! Localized text: an original in a known language with translations, how display
//! falls back to the original, and how writes record the original's language.

use crate::fields::{fields, Shape};
use crate::translation::fingerprint;
use crate::EntityKind;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
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
    /// Per translation, the fingerprint of the original it was made from: when the
    /// original changes, the translation is outdated. Set by the server on writes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, String>,
    /// Per translation, the fingerprint of the translated text an expert confirmed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reviewed: BTreeMap<String, String>,
}

/// What to show for a requested language, in which language it is, and whether that
/// is not the language asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved<'a> {
    pub text: &'a str,
    pub lang: &'a str,
    pub fell_back: bool,
    /// A translation whose original changed since it was made.
    pub outdated: bool,
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
            ..Self::default()
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
            outdated: false,
        };
        if !as_original.fell_back {
            return as_original;
        }
        match self.translation(lang) {
            Some((tag, text)) => Resolved {
                text,
                lang: tag,
                fell_back: false,
                outdated: self
                    .sources
                    .get(tag)
                    .is_some_and(|s| *s != fingerprint(&self.default)),
            },
            None => as_original,
        }
    }

    /// The text to show in `lang`, whatever its language.
    pub fn get(&self, lang: &str) -> &str {
        self.resolve(lang, "").text
    }

    /// The original and every translation.
    pub fn all_texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.default.as_str()).chain(self.translations.values().map(String::as_str))
    }
}

/// What a write's texts ask beyond their words: whether they add or change review marks,
/// which only experts may do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stamped {
    pub reviews: bool,
}

/// Prepares the localized texts of a write against the entry's `current` body:
///
/// - A text that does not say its language keeps the one it had in `current`, else
///   takes `lang` when it is new or changed. A text sent back as it was read keeps its
///   language unrecorded, so a client echoing an older entry does not relabel it.
/// - A new or changed translation records the fingerprint of the original it was made
///   from; an unchanged one keeps the fingerprint it had, unless the write gives one.
/// - Review marks not given are kept for unchanged translations.
pub fn stamp_languages(
    kind: EntityKind,
    body: &mut Value,
    current: Option<&Value>,
    lang: &str,
) -> Stamped {
    let mut out = Stamped::default();
    for f in fields(kind) {
        if let Some(v) = body.get_mut(f.name) {
            stamp(
                f.shape,
                v,
                current.and_then(|c| c.get(f.name)),
                lang,
                &mut out,
            );
        }
    }
    out
}

fn stamp(shape: Shape, v: &mut Value, current: Option<&Value>, lang: &str, out: &mut Stamped) {
    match shape {
        Shape::Localized { .. } => {
            if let Some(text) = v.as_object_mut() {
                stamp_language(text, current.and_then(Value::as_object), lang);
                out.reviews |= stamp_translations(text, current.and_then(Value::as_object));
            }
        }
        Shape::Object(fs) => {
            for f in fs {
                if let Some(inner) = v.get_mut(f.name) {
                    let before = current.and_then(|c| c.get(f.name));
                    stamp(f.shape, inner, before, lang, out);
                }
            }
        }
        Shape::List(list) => {
            if let Some(items) = v.as_array_mut() {
                for (n, item) in items.iter_mut().enumerate() {
                    stamp(list.item, item, current.and_then(|c| c.get(n)), lang, out);
                }
            }
        }
        _ => {}
    }
}

fn stamp_language(text: &mut Map<String, Value>, before: Option<&Map<String, Value>>, lang: &str) {
    // A language given in any shape stays as given, for validation to judge.
    if text.get("lang").is_some_and(|l| !l.is_null()) {
        return;
    }
    let kept = before
        .and_then(|c| c.get("lang"))
        .and_then(Value::as_str)
        .filter(|l| !l.trim().is_empty());
    // A merge patch that leaves the original out does not rewrite it.
    let rewritten = text.get("default").is_some_and(|d| {
        before
            .and_then(|c| c.get("default"))
            .is_none_or(|old| old != d)
    });
    match kept {
        Some(l) => {
            text.insert("lang".into(), Value::String(l.to_string()));
        }
        None if rewritten => {
            text.insert("lang".into(), Value::String(lang.to_string()));
        }
        None => {}
    }
}

fn marks<'a>(text: Option<&'a Map<String, Value>>, key: &str) -> Option<&'a Map<String, Value>> {
    text.and_then(|t| t.get(key)).and_then(Value::as_object)
}

/// Returns whether the write adds or changes a review mark.
fn stamp_translations(text: &mut Map<String, Value>, before: Option<&Map<String, Value>>) -> bool {
    let original = text
        .get("default")
        .or_else(|| before.and_then(|b| b.get("default")))
        .and_then(Value::as_str)
        .map(fingerprint);
    let Some(original) = original else {
        return false;
    };
    // Marks given in another shape stay as given, for validation to refuse.
    let odd = |key: &str| {
        text.get(key)
            .is_some_and(|v| !v.is_object() && !v.is_null())
    };
    if odd("sources") || odd("reviewed") || odd("translations") {
        return false;
    }
    let none = Map::new();
    let translations = text
        .get("translations")
        .and_then(Value::as_object)
        .unwrap_or(&none);
    let old = |key: &str, tag: &str| marks(before, key).and_then(|m| m.get(tag)).cloned();
    let mut sources = marks(Some(text), "sources").cloned().unwrap_or_default();
    let mut reviewed = marks(Some(text), "reviewed").cloned().unwrap_or_default();
    let (sources_given, reviewed_given) =
        (text.contains_key("sources"), text.contains_key("reviewed"));
    for (tag, words) in translations {
        let unchanged = marks(before, "translations").and_then(|m| m.get(tag)) == Some(words);
        if !unchanged && words.as_str().is_some_and(|w| !w.trim().is_empty()) {
            sources.insert(tag.clone(), Value::String(original.clone()));
        } else if unchanged && !sources_given {
            if let Some(s) = old("sources", tag) {
                sources.insert(tag.clone(), s);
            }
        }
        if unchanged && !reviewed_given {
            if let Some(r) = old("reviewed", tag) {
                reviewed.insert(tag.clone(), r);
            }
        }
    }
    let reviews = reviewed
        .iter()
        .any(|(tag, mark)| old("reviewed", tag).as_ref() != Some(mark));
    for (key, map) in [("sources", sources), ("reviewed", reviewed)] {
        if !map.is_empty() {
            text.insert(key.into(), Value::Object(map));
        }
    }
    reviews
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

    #[test]
    fn a_changed_translation_records_its_source_and_an_unchanged_one_keeps_it() {
        let fp = fingerprint;
        let current = serde_json::json!({"title": {"lang": "en", "default": "Descale",
            "translations": {"fr": "Détartrer", "de": "Entkalken"},
            "sources": {"fr": fp("Descale"), "de": fp("Old")},
            "reviewed": {"fr": fp("Détartrer")}}});
        let mut edit = serde_json::json!({"title": {"default": "Descale the kettle",
            "translations": {"fr": "Détartrer", "de": "Wasserkocher entkalken"}}});
        let s = stamp_languages(EntityKind::Story, &mut edit, Some(&current), "en");
        assert!(!s.reviews);
        let t: LocalizedText = serde_json::from_value(edit["title"].clone()).unwrap_or_default();
        assert_eq!(
            t.sources["fr"],
            fp("Descale"),
            "kept: the French is now outdated"
        );
        assert_eq!(t.sources["de"], fp("Descale the kettle"), "new German");
        assert_eq!(t.reviewed["fr"], fp("Détartrer"));
        assert!(t.resolve("fr", "en").outdated);
        assert!(!t.resolve("de", "en").outdated);
        // A merge patch with only a translation stamps it against the stored original,
        // and leaves the original's language alone.
        let legacy = serde_json::json!({"title": {"default": "Descale"}});
        let mut patch = serde_json::json!({"title": {"translations": {"it": "Decalcificare"}}});
        stamp_languages(EntityKind::Story, &mut patch, Some(&legacy), "it");
        assert_eq!(patch["title"].get("lang"), None);
        assert_eq!(patch["title"]["sources"]["it"], fp("Descale"));
        // Marks in a wrong shape are left for validation to refuse.
        let mut wrong = serde_json::json!({"title": {"default": "Descale", "sources": 5,
            "translations": {"fr": "Détartrer!"}}});
        stamp_languages(EntityKind::Story, &mut wrong, Some(&current), "en");
        assert_eq!(wrong["title"]["sources"], 5);
        // Adding a review mark is a review.
        let mut review = serde_json::json!({"title": {"reviewed": {"de": fp("Entkalken")}}});
        assert!(stamp_languages(EntityKind::Story, &mut review, Some(&current), "en").reviews);
    }
}
