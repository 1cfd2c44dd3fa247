//! Translation states: whether each localized text of an entry is missing, current,
//! outdated or reviewed in a language, told by fingerprints of the texts involved, and
//! the per-language summary the translation queue and completeness figures read.

use crate::fields::{fields, Shape};
use crate::{EntityKind, LocalizedText};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// A short, stable name for one version of a text: its SHA-256, first 16 hex digits.
pub fn fingerprint(text: &str) -> String {
    hex::encode(&Sha256::digest(text.as_bytes())[..8])
}

pub fn is_fingerprint(s: &str) -> bool {
    s.len() == 16
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Where a text stands in one language (Weblate's untranslated / needs editing /
/// translated / approved).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// The text is written in this language.
    Original,
    Missing,
    /// Made from the original as it is now.
    Current,
    /// The original changed since the translation was made.
    Outdated,
    /// Current, and confirmed by an expert.
    Reviewed,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Original => "original",
            State::Missing => "missing",
            State::Current => "current",
            State::Outdated => "outdated",
            State::Reviewed => "reviewed",
        }
    }
}

fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

impl LocalizedText {
    /// The translation into `lang`, by exact tag, then by its primary subtag.
    pub fn translation(&self, lang: &str) -> Option<(&str, &str)> {
        let exact = self
            .translations
            .iter()
            .find(|(tag, _)| tag.eq_ignore_ascii_case(lang));
        exact
            .or_else(|| {
                self.translations
                    .iter()
                    .find(|(tag, _)| primary(tag).eq_ignore_ascii_case(primary(lang)))
            })
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(tag, text)| (tag.as_str(), text.as_str()))
    }

    /// The state of this text in `lang`. `assumed` is the original's language when the
    /// text does not record it. A translation made before fingerprints were recorded
    /// counts as current: nothing says otherwise.
    pub fn state(&self, lang: &str, assumed: &str) -> State {
        if primary(self.original_lang(assumed)).eq_ignore_ascii_case(primary(lang)) {
            return State::Original;
        }
        let Some((tag, text)) = self.translation(lang) else {
            return State::Missing;
        };
        if self
            .sources
            .get(tag)
            .is_some_and(|source| *source != fingerprint(&self.default))
        {
            return State::Outdated;
        }
        if self.reviewed.get(tag) == Some(&fingerprint(text)) {
            State::Reviewed
        } else {
            State::Current
        }
    }
}

/// Every non-empty localized text of a body with its dotted path (`name`,
/// `procedure.2.description`), in field-table order.
pub fn localized_texts(kind: EntityKind, body: &Value) -> Vec<(String, LocalizedText)> {
    let mut out = Vec::new();
    for f in fields(kind) {
        if let Some(v) = body.get(f.name) {
            collect(f.shape, f.name.to_string(), v, &mut out);
        }
    }
    out
}

fn collect(shape: Shape, path: String, v: &Value, out: &mut Vec<(String, LocalizedText)>) {
    match shape {
        Shape::Localized { .. } => {
            if let Ok(t) = serde_json::from_value::<LocalizedText>(v.clone()) {
                if !t.default.trim().is_empty() {
                    out.push((path, t));
                }
            }
        }
        Shape::Object(fs) => {
            for f in fs {
                if let Some(inner) = v.get(f.name) {
                    collect(f.shape, format!("{path}.{}", f.name), inner, out);
                }
            }
        }
        Shape::List(list) => {
            for (n, item) in v.as_array().into_iter().flatten().enumerate() {
                collect(list.item, format!("{path}.{n}"), item, out);
            }
        }
        _ => {}
    }
}

/// Each text's state per language: for `languages`, and for every language a text
/// is translated into.
pub fn states(
    kind: EntityKind,
    body: &Value,
    languages: &[String],
    assumed: &str,
) -> BTreeMap<String, BTreeMap<String, State>> {
    localized_texts(kind, body)
        .into_iter()
        .map(|(path, t)| {
            let mut langs: Vec<&str> = languages.iter().map(String::as_str).collect();
            langs.extend(t.translations.keys().map(String::as_str));
            langs.push(t.original_lang(assumed));
            let per_lang = langs
                .into_iter()
                .map(|l| (l.to_string(), t.state(l, assumed)))
                .collect();
            (path, per_lang)
        })
        .collect()
}

/// What an entry still needs in one language: the counts of its texts by state and the
/// paths of those missing or outdated. Texts written in that language are not counted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LangSummary {
    pub lang: String,
    pub current: u32,
    pub reviewed: u32,
    pub outdated: Vec<String>,
    pub missing: Vec<String>,
}

impl LangSummary {
    pub fn total(&self) -> u32 {
        self.current + self.reviewed + self.outdated.len() as u32 + self.missing.len() as u32
    }
}

pub fn summarize(
    kind: EntityKind,
    body: &Value,
    languages: &[String],
    assumed: &str,
) -> Vec<LangSummary> {
    let texts = localized_texts(kind, body);
    languages
        .iter()
        .map(|lang| {
            let mut s = LangSummary {
                lang: lang.clone(),
                ..LangSummary::default()
            };
            for (path, t) in &texts {
                match t.state(lang, assumed) {
                    State::Original => {}
                    State::Missing => s.missing.push(path.clone()),
                    State::Outdated => s.outdated.push(path.clone()),
                    State::Current => s.current += 1,
                    State::Reviewed => s.reviewed += 1,
                }
            }
            s
        })
        .collect()
}

/// The order of the translation queue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QueueSort {
    /// Most viewed first.
    #[default]
    Views,
    /// Most often found by searches first.
    Searches,
}

impl QueueSort {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Views => "views",
            Self::Searches => "searches",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "views" => Some(Self::Views),
            "searches" => Some(Self::Searches),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueQuery {
    pub lang: String,
    pub kind: Option<EntityKind>,
    pub category: Option<String>,
    pub sort: QueueSort,
    pub skip: i64,
    pub limit: i64,
}

/// The queue's page size, and the deepest page it serves.
pub const QUEUE_PAGE: i64 = 50;
pub const QUEUE_MAX_LIMIT: i64 = 200;
pub const QUEUE_MAX_SKIP: i64 = 100_000;

impl QueueQuery {
    /// Reads `lang`, `kind`, `category`, `sort`, `skip` and `limit`; `lang` defaults to
    /// `default_lang`. Says what is wrong with a parameter, naming it.
    pub fn from_pairs(pairs: &[(String, String)], default_lang: &str) -> Result<Self, String> {
        let mut q = QueueQuery {
            lang: default_lang.to_string(),
            kind: None,
            category: None,
            sort: QueueSort::Views,
            skip: 0,
            limit: QUEUE_PAGE,
        };
        let number = |name: &str, v: &str, max: i64, min: i64| {
            v.parse::<i64>()
                .ok()
                .filter(|n| (min..=max).contains(n))
                .ok_or_else(|| format!("{name} must be a whole number from {min} to {max}"))
        };
        for (k, v) in pairs {
            match k.as_str() {
                "lang" if crate::validate::is_language_tag(v) => q.lang = v.clone(),
                "lang" => return Err(format!("lang must be a language tag, not {v:?}")),
                "kind" if v.is_empty() => q.kind = None,
                "kind" => {
                    q.kind = Some(v.parse().map_err(|_| {
                        format!(
                            "kind must be thing, story, guide, relationship or category, not {v:?}"
                        )
                    })?)
                }
                "category" if v.chars().count() > crate::fields::MAX_SHORT => {
                    return Err("category is too long".into())
                }
                "category" => q.category = Some(v.trim().to_lowercase()).filter(|c| !c.is_empty()),
                "sort" => {
                    q.sort = QueueSort::parse(v)
                        .ok_or_else(|| format!("sort must be views or searches, not {v:?}"))?
                }
                "skip" => q.skip = number("skip", v, QUEUE_MAX_SKIP, 0)?,
                "limit" => q.limit = number("limit", v, QUEUE_MAX_LIMIT, 1)?,
                other => {
                    return Err(format!(
                    "unknown parameter {other:?}; use lang, kind, category, sort, skip and limit"
                ))
                }
            }
        }
        Ok(q)
    }
}

/// One entry of a language's queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: String,
    pub kind: EntityKind,
    pub category: String,
    /// The entry's title in the queue's language, else in its original.
    pub label: String,
    /// Paths of the texts with no translation in the language.
    pub missing: Vec<String>,
    /// Paths of the texts whose original changed since they were translated.
    pub outdated: Vec<String>,
    pub current: u64,
    pub reviewed: u64,
    pub views: u64,
    pub searches: u64,
}

/// Texts by state for one language and kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completeness {
    pub lang: String,
    pub kind: EntityKind,
    pub current: u64,
    pub reviewed: u64,
    pub outdated: u64,
    pub missing: u64,
}

impl Completeness {
    pub fn total(&self) -> u64 {
        self.current + self.reviewed + self.outdated + self.missing
    }

    /// Whole percent of `n` in the total, 0 when there is nothing to translate.
    pub fn percent(&self, n: u64) -> u64 {
        (n * 100).checked_div(self.total()).unwrap_or(0)
    }
}

/// A piece of a word-level difference between two versions of a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub text: String,
    /// `None`: in both; `Some(true)`: added; `Some(false)`: removed.
    pub added: Option<bool>,
}

/// What changed from `before` to `after`, word by word.
pub fn word_diff(before: &str, after: &str) -> Vec<Piece> {
    use similar::{ChangeTag, TextDiff};
    let mut out: Vec<Piece> = Vec::new();
    for change in TextDiff::from_words(before, after).iter_all_changes() {
        let added = match change.tag() {
            ChangeTag::Equal => None,
            ChangeTag::Insert => Some(true),
            ChangeTag::Delete => Some(false),
        };
        match out.last_mut() {
            Some(last) if last.added == added => last.text.push_str(change.value()),
            _ => out.push(Piece {
                text: change.value().to_string(),
                added,
            }),
        }
    }
    out
}

/// One text of an entry as a translator sees it side by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetText {
    pub path: String,
    pub original: String,
    pub original_lang: String,
    /// The translation into the sheet's language (empty when missing).
    pub translation: String,
    pub state: State,
    /// When outdated: the original then (when history still has it) against now.
    pub changes: Vec<Piece>,
}

/// A translator's edit of one text in a sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetEdit {
    pub path: String,
    /// The translation as typed; blank removes it.
    pub text: String,
    /// The translation still matches the changed original.
    pub confirm: bool,
    /// Mark reviewed (`Some(true)`), unmark (`Some(false)`), or leave as it is.
    pub review: Option<bool>,
}

/// Applies a translator's sheet for `lang` to the texts of `body`, touching only that
/// language's translation, source and review mark, so sheets of different languages
/// merge without conflict. Returns whether a review mark changed. Paths that name no
/// text of `body` are skipped.
pub fn apply_sheet(kind: EntityKind, body: &mut Value, lang: &str, edits: &[SheetEdit]) -> bool {
    let known: std::collections::BTreeSet<String> = localized_texts(kind, body)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let mut reviews = false;
    for e in edits.iter().filter(|e| known.contains(&e.path)) {
        let pointer = format!("/{}", e.path.replace('.', "/"));
        let Some(text) = body.pointer_mut(&pointer).and_then(Value::as_object_mut) else {
            continue;
        };
        let original = fingerprint(text.get("default").and_then(Value::as_str).unwrap_or(""));
        let words = e.text.trim();
        let old = text
            .get("translations")
            .and_then(|t| t.get(lang))
            .and_then(Value::as_str)
            .map(str::to_string);
        let was_reviewed = text.get("reviewed").and_then(|r| r.get(lang)).cloned();
        let mark = |text: &mut serde_json::Map<String, Value>, key: &str, v: Option<String>| {
            let entry = text
                .entry(key)
                .or_insert_with(|| Value::Object(Default::default()));
            if let Some(m) = entry.as_object_mut() {
                match v {
                    Some(v) => {
                        m.insert(lang.to_string(), Value::String(v));
                    }
                    None => {
                        m.remove(lang);
                    }
                }
                if m.is_empty() && key != "translations" {
                    text.remove(key);
                }
            }
        };
        if words.is_empty() {
            if old.is_some() {
                mark(text, "translations", None);
                mark(text, "sources", None);
                mark(text, "reviewed", None);
            }
            continue;
        }
        if old.as_deref() != Some(words) {
            mark(text, "translations", Some(words.to_string()));
            mark(text, "sources", Some(original.clone()));
            mark(text, "reviewed", None);
        } else if e.confirm {
            mark(text, "sources", Some(original.clone()));
        }
        match e.review {
            Some(true) => {
                mark(text, "reviewed", Some(fingerprint(words)));
                mark(text, "sources", Some(original));
            }
            Some(false) => mark(text, "reviewed", None),
            None => {}
        }
        let now = text.get("reviewed").and_then(|r| r.get(lang)).cloned();
        reviews |= now.is_some() && now != was_reviewed;
        reviews |= e.review == Some(false) && was_reviewed.is_some();
    }
    reviews
}

/// The category an entry is filed under for the translation queue's filter: a story's
/// or guide's thing category, a thing's first identifier segment (`thing:kettle/…`).
pub fn category_of(body: &Value) -> String {
    let declared = body
        .get("thing_category")
        .and_then(|c| c.get("category"))
        .and_then(Value::as_str);
    let from_identifier = || {
        let id = body.get("identifier")?.as_str()?.strip_prefix("thing:")?;
        id.split(['/', ':']).next()
    };
    declared
        .or_else(from_identifier)
        .unwrap_or("")
        .trim()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn states_follow_the_fingerprints() {
        let mut t = LocalizedText::in_lang("en", "Unplug the kettle");
        assert_eq!(t.state("en", "en"), State::Original);
        assert_eq!(t.state("en-GB", "en"), State::Original);
        assert_eq!(t.state("fr", "en"), State::Missing);
        t.translations.insert("fr".into(), "Débranchez".into());
        assert_eq!(t.state("fr", "en"), State::Current, "unrecorded source");
        t.sources
            .insert("fr".into(), fingerprint("Unplug the kettle"));
        assert_eq!(t.state("fr", "en"), State::Current);
        t.reviewed.insert("fr".into(), fingerprint("Débranchez"));
        assert_eq!(t.state("fr", "en"), State::Reviewed);
        t.default = "Unplug the kettle and let it cool".into();
        assert_eq!(t.state("fr", "en"), State::Outdated, "the original changed");
        t.translations.insert("de".into(), "  ".into());
        assert_eq!(t.state("de", "en"), State::Missing, "blank is missing");
    }

    #[test]
    fn a_summary_counts_each_text_once_per_language() {
        let story = json!({
            "type": "repair",
            "title": {"lang": "de", "default": "Pumpe tauschen",
                      "translations": {"fr": "Changer la pompe"},
                      "sources": {"fr": fingerprint("Pumpe wechseln")}},
            "procedure": [
                {"id": "a", "order": 1, "description": {"default": "Unplug",
                 "translations": {"de": "Ausstecken"}}},
                {"id": "b", "order": 2, "description": {"default": ""}}
            ]
        });
        let langs = ["de".to_string(), "fr".to_string()];
        let sums = summarize(EntityKind::Story, &story, &langs, "en");
        assert_eq!(sums[0].lang, "de");
        assert_eq!((sums[0].current, sums[0].total()), (1, 1));
        assert_eq!(sums[1].outdated, ["title"]);
        assert_eq!(sums[1].missing, ["procedure.0.description"]);
        let st = states(EntityKind::Story, &story, &langs, "en");
        assert_eq!(st["title"]["de"], State::Original);
        assert_eq!(st["procedure.0.description"]["en"], State::Original);
        assert_eq!(
            category_of(&json!({"identifier": "thing:kettle/x"})),
            "kettle"
        );
    }

    #[test]
    fn a_sheet_changes_only_its_language() {
        let mut story = json!({"type": "repair", "title": {"lang": "en", "default": "Descale",
            "translations": {"de": "Entkalken", "fr": "Détartrer"},
            "sources": {"de": fingerprint("Old"), "fr": fingerprint("Old")}}});
        let edit = |path: &str, text: &str, confirm, review| SheetEdit {
            path: path.into(),
            text: text.into(),
            confirm,
            review,
        };
        let reviews = apply_sheet(
            EntityKind::Story,
            &mut story,
            "fr",
            &[
                edit("title", "Détartrer", true, None),
                edit("nowhere", "x", false, None),
            ],
        );
        assert!(!reviews);
        assert_eq!(story["title"]["sources"]["fr"], fingerprint("Descale"));
        assert_eq!(
            story["title"]["sources"]["de"],
            fingerprint("Old"),
            "German untouched"
        );
        assert!(apply_sheet(
            EntityKind::Story,
            &mut story,
            "de",
            &[edit("title", "Entkalken ", false, Some(true))]
        ));
        let t: LocalizedText = serde_json::from_value(story["title"].clone()).unwrap_or_default();
        assert_eq!(t.state("de", "en"), State::Reviewed);
        apply_sheet(
            EntityKind::Story,
            &mut story,
            "fr",
            &[edit("title", " ", false, None)],
        );
        assert!(story["title"]["translations"].get("fr").is_none());
        assert!(story["title"]["sources"].get("fr").is_none());
    }

    #[test]
    fn word_diff_marks_added_and_removed_words() {
        let d = word_diff("Unplug the kettle", "Unplug the cold kettle");
        let marked: Vec<(&str, Option<bool>)> =
            d.iter().map(|p| (p.text.as_str(), p.added)).collect();
        assert_eq!(
            marked,
            [
                ("Unplug the ", None),
                ("cold ", Some(true)),
                ("kettle", None)
            ]
        );
        assert!(word_diff("a b", "a c")
            .iter()
            .any(|p| p.added == Some(false)));
    }
}
