//! The controlled vocabularies (thing, story and guide types, relationship types and
//! directions) an instance accepts, and the terms (knowledge entries) that extend them
//! and name materials and tools.

use crate::{EntityKind, LocalizedText};
use serde::{Deserialize, Serialize};

/// Controlled vocabularies: the design's defaults plus the instance's extension terms.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Vocabularies {
    pub thing_types: Vec<String>,
    pub story_types: Vec<String>,
    pub guide_primary: Vec<String>,
    pub guide_secondary: Vec<String>,
    pub relationship_types: Vec<String>,
    pub directions: Vec<String>,
    pub warning_severities: Vec<String>,
    pub dimension_units: Vec<String>,
    #[serde(default)]
    pub fault_types: Vec<String>,
}

fn owned(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

impl Default for Vocabularies {
    fn default() -> Self {
        Self {
            thing_types: owned(&["device", "component", "material", "tool"]),
            story_types: owned(&["repair", "maintenance", "modification", "diagnosis"]),
            guide_primary: owned(&["manual", "tutorial", "specification", "documentation"]),
            guide_secondary: owned(&["repair", "maintenance"]),
            relationship_types: owned(&[
                "part_of",
                "applies_to",
                "implements",
                "references",
                "alternative_to",
                "made_of",
                "compatible_with",
                "uses",
                "replaces",
            ]),
            directions: owned(&["unidirectional", "bidirectional"]),
            warning_severities: owned(&["info", "caution", "warning", "danger"]),
            dimension_units: owned(&["mm", "cm", "m", "in"]),
            fault_types: owned(&crate::repair::FAULT_TYPES),
        }
    }
}

impl Vocabularies {
    /// The defaults plus every live term of a controlled vocabulary, each value once.
    pub fn extended<'a>(terms: impl IntoIterator<Item = &'a Term>) -> Self {
        let mut v = Self::default();
        for t in terms {
            if t.hidden.is_some() {
                continue;
            }
            let list = match t.vocabulary.as_str() {
                "thing-types" => &mut v.thing_types,
                "story-types" => &mut v.story_types,
                "guide-types" => &mut v.guide_primary,
                "relationship-types" => &mut v.relationship_types,
                "fault-types" => &mut v.fault_types,
                _ => continue,
            };
            if !list.contains(&t.key) {
                list.push(t.key.clone());
            }
        }
        v
    }

    /// A vocabulary's built-in values (empty for materials and tools, which are terms only).
    pub fn built_in(name: &str) -> Vec<String> {
        let d = Self::default();
        match name {
            "thing-types" => d.thing_types,
            "story-types" => d.story_types,
            "guide-types" => d.guide_primary,
            "relationship-types" => d.relationship_types,
            "fault-types" => d.fault_types,
            _ => Vec::new(),
        }
    }
}

/// The vocabularies terms belong to: their names in paths and in a term's `vocabulary`.
pub const VOCABULARIES: [&str; 7] = [
    "materials",
    "tools",
    "thing-types",
    "story-types",
    "guide-types",
    "relationship-types",
    "fault-types",
];

/// Whether terms of `vocabulary` add values entries must choose from (admins only), as
/// opposed to naming materials and tools (experts).
pub fn is_controlled(vocabulary: &str) -> bool {
    matches!(
        vocabulary,
        "thing-types" | "story-types" | "guide-types" | "relationship-types" | "fault-types"
    )
}

/// The longest term key.
pub const MAX_KEY: usize = 40;

/// A key: a lowercase letter, then lowercase letters, digits, `_` or `-`.
pub fn is_key(s: &str) -> bool {
    let mut chars = s.chars();
    s.len() <= MAX_KEY
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// A key made from a name ("Stainless steel" → `stainless_steel`); `None` when the
/// name has no ASCII letter to start one.
pub fn key_from(name: &str) -> Option<String> {
    let mut key = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
        if key.len() >= MAX_KEY {
            break;
        }
    }
    let key = key.trim_matches('_').to_string();
    let start = key.find(|c: char| c.is_ascii_lowercase())?;
    Some(key[start..].to_string()).filter(|k| is_key(k))
}

/// One term of a vocabulary: a material, a tool, or an instance's own thing, story,
/// guide or relationship type. A term whose key is a built-in value refines that value
/// (its names, and for relationship types the kinds it may join).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub vocabulary: String,
    /// The value entries store; unique among a vocabulary's live terms.
    pub key: String,
    pub name: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// Other names, per language, separated by commas or semicolons: texts in entries
    /// that match a name or synonym in any language count as this term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synonyms: Option<LocalizedText>,
    /// Relationship types: the name read from the target's side ("has part").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inverse_name: Option<LocalizedText>,
    /// Relationship types: the kinds the source and the target may be (empty: any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_kinds: Vec<EntityKind>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_kinds: Vec<EntityKind>,
    /// Tools: the thing entry describing the tool, which steps naming it link to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thing_id: Option<String>,
    /// Set by a moderator: the entry stays in history but is not shown to readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<crate::Hidden>,
}

impl Term {
    /// Names and synonyms in every language, folded for matching.
    pub fn spellings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for text in [Some(&self.name), self.synonyms.as_ref()]
            .into_iter()
            .flatten()
        {
            for s in text.all_texts() {
                out.extend(crate::split_terms(s).iter().map(|t| fold(t)));
            }
        }
        out.push(fold(&self.key));
        out.push(fold(&self.key.replace(['_', '-'], " ")));
        out.sort();
        out.dedup();
        out
    }

    /// Whether a relationship of this type may join a `source` to a `target`.
    pub fn joins(&self, source: EntityKind, target: EntityKind) -> bool {
        (self.source_kinds.is_empty() || self.source_kinds.contains(&source))
            && (self.target_kinds.is_empty() || self.target_kinds.contains(&target))
    }
}

/// The material and tool texts an entry names, each with its vocabulary: a thing's
/// materials, a guide's required tools and materials, and every step's tools.
pub fn texts_of(body: &crate::Body) -> Vec<(&'static str, &str)> {
    use crate::Body;
    fn step_tools(steps: &[crate::Step]) -> impl Iterator<Item = (&'static str, &str)> {
        steps
            .iter()
            .flat_map(|s| s.tools.iter().map(|t| ("tools", t.as_str())))
    }
    let mut out = Vec::new();
    match body {
        Body::Thing(t) => out.extend(
            t.properties
                .materials
                .iter()
                .map(|m| ("materials", m.as_str())),
        ),
        Body::Story(s) => out.extend(step_tools(&s.procedure)),
        Body::Guide(g) => {
            if let Some(r) = &g.content.requirements {
                out.extend(r.tools.iter().map(|t| ("tools", t.as_str())));
                out.extend(r.materials.iter().map(|m| ("materials", m.as_str())));
            }
            out.extend(step_tools(
                g.content.procedure.as_deref().unwrap_or_default(),
            ));
        }
        Body::Relationship(_)
        | Body::Category(_)
        | Body::Term(_)
        | Body::Repair(_)
        | Body::Event(_)
        | Body::Outcome(_) => {}
    }
    out.retain(|(_, text)| !text.trim().is_empty());
    out
}

/// The term a material or tool text names, as an entry's page links it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NamedTerm {
    pub id: String,
    /// The term's name in the reader's language.
    pub name: String,
    /// Tools: the thing describing the tool.
    pub thing_id: Option<String>,
}

/// How an entry's page looks a text up among [`NamedTerm`]s.
pub fn named_key(vocabulary: &str, text: &str) -> String {
    format!("{vocabulary}:{}", fold(text))
}

/// Finds the material or tool term a text names, by any of its names or synonyms in
/// any language, or its key written as words.
#[derive(Clone, Debug, Default)]
pub struct TermIndex {
    /// (id, term), in vocabulary and key order.
    terms: Vec<(String, Term)>,
    by_spelling: std::collections::HashMap<(String, String), usize>,
}

impl TermIndex {
    /// Over the live terms of the open vocabularies, by id; where two terms share a
    /// spelling, the first (in key order) keeps it.
    pub fn new(terms: impl IntoIterator<Item = (String, Term)>) -> Self {
        let mut index = Self::default();
        let mut terms: Vec<(String, Term)> = terms
            .into_iter()
            .filter(|(_, t)| t.hidden.is_none() && !is_controlled(&t.vocabulary))
            .collect();
        terms.sort_by(|(_, a), (_, b)| (&a.vocabulary, &a.key).cmp(&(&b.vocabulary, &b.key)));
        for (n, (_, t)) in terms.iter().enumerate() {
            for spelling in t.spellings() {
                index
                    .by_spelling
                    .entry((t.vocabulary.clone(), spelling))
                    .or_insert(n);
            }
        }
        index.terms = terms;
        index
    }

    pub fn find(&self, vocabulary: &str, text: &str) -> Option<&Term> {
        self.find_with_id(vocabulary, text).map(|(_, t)| t)
    }

    /// The term of `vocabulary` with this key.
    pub fn by_key(&self, vocabulary: &str, key: &str) -> Option<&Term> {
        self.terms
            .iter()
            .map(|(_, t)| t)
            .find(|t| t.vocabulary == vocabulary && t.key == key)
    }

    pub fn by_id(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|(i, _)| i == id).map(|(_, t)| t)
    }

    /// The id of the term a text names, with the term.
    pub fn find_with_id(&self, vocabulary: &str, text: &str) -> Option<(&str, &Term)> {
        let n = self
            .by_spelling
            .get(&(vocabulary.to_string(), fold(text)))?;
        self.terms.get(*n).map(|(id, t)| (id.as_str(), t))
    }
}

/// A material's or tool's text as matched against terms: trimmed, lowercased, inner
/// whitespace collapsed.
pub fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(vocabulary: &str, key: &str) -> Term {
        Term {
            vocabulary: vocabulary.into(),
            key: key.into(),
            name: LocalizedText::new("x"),
            description: None,
            synonyms: None,
            inverse_name: None,
            source_kinds: vec![],
            target_kinds: vec![],
            thing_id: None,
            hidden: None,
        }
    }

    #[test]
    fn controlled_terms_extend_their_list_once_and_materials_none() {
        let terms = [
            term("thing-types", "e_bike"),
            term("thing-types", "device"),
            term("materials", "steel"),
            term("relationship-types", "repairs"),
        ];
        let v = Vocabularies::extended(&terms);
        assert_eq!(v.thing_types.iter().filter(|t| *t == "device").count(), 1);
        assert!(v.thing_types.contains(&"e_bike".to_string()));
        assert!(v.relationship_types.contains(&"repairs".to_string()));
        assert!(!v.thing_types.contains(&"steel".to_string()));
    }

    #[test]
    fn keys_are_made_from_names() {
        assert_eq!(
            key_from("Stainless steel").as_deref(),
            Some("stainless_steel")
        );
        assert_eq!(
            key_from("  PH2 (Phillips)  ").as_deref(),
            Some("ph2_phillips")
        );
        assert_eq!(key_from("3-in-1 oil").as_deref(), Some("in_1_oil"));
        assert_eq!(key_from("Edelstahl").as_deref(), Some("edelstahl"));
        assert_eq!(key_from("不锈钢"), None);
        assert!(is_key("e_bike") && !is_key("E_bike") && !is_key("1x") && !is_key(""));
    }

    #[test]
    fn texts_find_their_term_in_any_language() {
        let mut steel = term("materials", "stainless_steel");
        steel.name = LocalizedText::new("Stainless steel");
        steel.synonyms = Some(LocalizedText {
            translations: [("de".to_string(), "Edelstahl; V2A".to_string())].into(),
            ..LocalizedText::new("inox")
        });
        let index = TermIndex::new([
            ("1".to_string(), steel),
            ("2".to_string(), term("thing-types", "e_bike")),
        ]);
        for text in [
            "stainless steel",
            " EDELSTAHL ",
            "v2a",
            "Inox",
            "stainless_steel",
        ] {
            let found = index.find("materials", text).map(|t| t.key.as_str());
            assert_eq!(found, Some("stainless_steel"), "{text}");
        }
        assert!(index.find("tools", "Edelstahl").is_none(), "per vocabulary");
        assert!(
            index.find("materials", "steel").is_none(),
            "whole names only"
        );
        assert!(
            index.by_key("thing-types", "e_bike").is_none(),
            "open vocabularies only"
        );
    }

    #[test]
    fn kind_rules_limit_both_ends() {
        let mut t = term("relationship-types", "repairs");
        assert!(t.joins(EntityKind::Story, EntityKind::Thing));
        t.source_kinds = vec![EntityKind::Story, EntityKind::Guide];
        t.target_kinds = vec![EntityKind::Thing];
        assert!(t.joins(EntityKind::Guide, EntityKind::Thing));
        assert!(!t.joins(EntityKind::Thing, EntityKind::Thing));
        assert!(!t.joins(EntityKind::Story, EntityKind::Guide));
    }
}
