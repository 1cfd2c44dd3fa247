//! Entity shapes: Thing, Story, Guide, Relationship, Category and their parts (Term, Repair, Event and Outcome have their own modules), the validated Body,
//! and the metadata shown beside them.

pub use super::media::{Marker, MediaItem};
use super::{EntityKind, LocalizedText};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The author of revisions made without an account.
pub const ANONYMOUS: &str = "anonymous";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thing {
    #[serde(rename = "type")]
    pub thing_type: String,
    pub name: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    pub manufacturer: Manufacturer,
    #[serde(default)]
    pub properties: ThingProperties,
    /// Taxonomy categories (ids) the entry is filed under.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Free tags, each in its one spelling.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Photos and documents; the first photo is the thing's main photo.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<MediaItem>,
    /// Set by a moderator: the entry stays in history but is not shown to readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Hidden>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manufacturer {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThingProperties {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<Dimensions>,
    #[serde(default)]
    pub materials: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manufacturing_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimensions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth: Option<f64>,
    pub unit: String,
}

/// What a story or guide applies to when it is not one specific thing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThingCategory {
    pub category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subcategory: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<BTreeMap<String, String>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub order: u32,
    pub description: LocalizedText,
    #[serde(default)]
    pub warnings: Vec<LocalizedText>,
    #[serde(default)]
    pub tools: Vec<String>,
    #[serde(default)]
    pub media: Vec<MediaItem>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thing_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thing_category: Option<ThingCategory>,
    /// Taxonomy categories (ids) the entry is filed under.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Free tags, each in its one spelling.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(rename = "type")]
    pub story_type: String,
    pub title: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<LocalizedText>,
    pub procedure: Vec<Step>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<MediaItem>,
    /// Set by a moderator: the entry stays in history but is not shown to readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Hidden>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideType {
    pub primary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub tools: Vec<String>,
    #[serde(default)]
    pub materials: Vec<String>,
    #[serde(default)]
    pub certifications: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    pub severity: String,
    pub message: LocalizedText,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideContent {
    pub title: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements: Option<Requirements>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<Warning>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<Vec<Step>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thing_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thing_category: Option<ThingCategory>,
    /// Taxonomy categories (ids) the entry is filed under.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Free tags, each in its one spelling.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(rename = "type")]
    pub guide_type: GuideType,
    pub content: GuideContent,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<MediaItem>,
    /// Set by a moderator: the entry stays in history but is not shown to readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Hidden>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relationship {
    pub source_type: EntityKind,
    pub source_id: String,
    pub target_type: EntityKind,
    pub target_id: String,
    pub relationship_type: String,
    pub direction: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, serde_json::Value>>,
    /// Set by a moderator: the entry stays in history but is not shown to readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Hidden>,
}

/// A node of the product taxonomy: several parents allowed, never a cycle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub name: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// Other names, per language, separated by commas or semicolons; found by search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synonyms: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<String>,
    /// A Wikidata item such as `Q211841`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// The Open Repair Data Standard's `product_category_id` (1–40 in v0.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ords_id: Option<String>,
    /// Set when the category was merged into another: its id stays an alias of that one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// Set by a moderator: the entry stays in history but is not shown to readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Hidden>,
}

impl Category {
    /// The synonyms in one language, trimmed, without empties.
    pub fn synonyms_in(&self, lang: &str) -> Vec<String> {
        self.synonyms
            .as_ref()
            .map(|s| split_terms(s.get(lang)))
            .unwrap_or_default()
    }
}

/// Terms written as one text, separated by commas, semicolons or line breaks.
pub fn split_terms(s: &str) -> Vec<String> {
    s.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

/// A moderator's decision to hide an entry from readers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hidden {
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// A validated entity body of any kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Thing(Thing),
    Story(Story),
    Guide(Guide),
    Relationship(Relationship),
    Category(Category),
    Term(crate::vocab::Term),
    Repair(crate::repair::Repair),
    Event(crate::event::Event),
    Outcome(crate::outcome::Outcome),
}

impl Body {
    pub fn kind(&self) -> EntityKind {
        match self {
            Body::Thing(_) => EntityKind::Thing,
            Body::Story(_) => EntityKind::Story,
            Body::Guide(_) => EntityKind::Guide,
            Body::Relationship(_) => EntityKind::Relationship,
            Body::Category(_) => EntityKind::Category,
            Body::Term(_) => EntityKind::Term,
            Body::Repair(_) => EntityKind::Repair,
            Body::Event(_) => EntityKind::Event,
            Body::Outcome(_) => EntityKind::Outcome,
        }
    }

    /// The canonical JSON of the body, as stored in revisions.
    pub fn to_value(&self) -> serde_json::Value {
        let v = match self {
            Body::Thing(t) => serde_json::to_value(t),
            Body::Story(s) => serde_json::to_value(s),
            Body::Guide(g) => serde_json::to_value(g),
            Body::Relationship(r) => serde_json::to_value(r),
            Body::Category(c) => serde_json::to_value(c),
            Body::Term(t) => serde_json::to_value(t),
            Body::Repair(r) => serde_json::to_value(r),
            Body::Event(e) => serde_json::to_value(e),
            Body::Outcome(o) => serde_json::to_value(o),
        };
        // Serializing these plain data types cannot fail (string keys, finite numbers).
        v.unwrap_or(serde_json::Value::Null)
    }

    pub fn hidden(&self) -> Option<&Hidden> {
        match self {
            Body::Thing(t) => t.hidden.as_ref(),
            Body::Story(s) => s.hidden.as_ref(),
            Body::Guide(g) => g.hidden.as_ref(),
            Body::Relationship(r) => r.hidden.as_ref(),
            Body::Category(c) => c.hidden.as_ref(),
            Body::Term(t) => t.hidden.as_ref(),
            Body::Repair(r) => r.hidden.as_ref(),
            Body::Event(e) => e.hidden.as_ref(),
            Body::Outcome(o) => o.hidden.as_ref(),
        }
    }

    /// The taxonomy categories the entry is filed under (a category's own: its parents
    /// are not where it is filed; none for a relationship).
    pub fn categories(&self) -> &[String] {
        match self {
            Body::Thing(t) => &t.categories,
            Body::Story(s) => &s.categories,
            Body::Guide(g) => &g.categories,
            Body::Relationship(_)
            | Body::Category(_)
            | Body::Term(_)
            | Body::Repair(_)
            | Body::Event(_)
            | Body::Outcome(_) => &[],
        }
    }

    /// Moderation state is not the author's to set: edits carry it over from the head.
    pub fn set_hidden(&mut self, hidden: Option<Hidden>) {
        match self {
            Body::Thing(t) => t.hidden = hidden,
            Body::Story(s) => s.hidden = hidden,
            Body::Guide(g) => g.hidden = hidden,
            Body::Relationship(r) => r.hidden = hidden,
            Body::Category(c) => c.hidden = hidden,
            Body::Term(t) => t.hidden = hidden,
            Body::Repair(r) => r.hidden = hidden,
            Body::Event(e) => e.hidden = hidden,
            Body::Outcome(o) => o.hidden = hidden,
        }
    }

    /// A short human label in the given language, for lists and links.
    /// A sentence or two about the entry in the reader's language, for page
    /// descriptions and link previews.
    pub fn summary_text(&self, lang: &str) -> Option<String> {
        let text = match self {
            Body::Thing(t) => t.description.as_ref(),
            Body::Story(s) => s.summary.as_ref(),
            Body::Guide(g) => g.content.summary.as_ref(),
            Body::Relationship(_) => None,
            Body::Repair(r) => return r.problem.clone().filter(|p| !p.trim().is_empty()),
            Body::Event(e) => return e.notes.clone().filter(|p| !p.trim().is_empty()),
            Body::Outcome(o) => return o.note.clone().filter(|p| !p.trim().is_empty()),
            Body::Category(c) => c.description.as_ref(),
            Body::Term(t) => t.description.as_ref(),
        }?
        .get(lang)
        .trim();
        const MAX: usize = 300;
        (!text.is_empty()).then(|| match text.char_indices().nth(MAX) {
            Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
            None => text.to_string(),
        })
    }

    pub fn label(&self, lang: &str) -> String {
        match self {
            Body::Thing(t) => t.name.get(lang).to_string(),
            Body::Story(s) => s.title.get(lang).to_string(),
            Body::Guide(g) => g.content.title.get(lang).to_string(),
            Body::Category(c) => c.name.get(lang).to_string(),
            Body::Term(t) => t.name.get(lang).to_string(),
            Body::Repair(r) => r.label(),
            Body::Event(e) => e.label(),
            Body::Outcome(o) => o.label(),
            Body::Relationship(r) => format!(
                "{} {} → {} {}",
                r.source_type, r.relationship_type, r.target_type, r.target_id
            ),
        }
    }
}

/// Entity as seen from outside: the body plus identity and bookkeeping.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityMeta {
    pub kind: EntityKind,
    pub id: String,
    pub uri: String,
    pub revision: String,
    pub created_at: String,
    pub updated_at: String,
}

/// One row of a list page or a search-by-filter result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntitySummary {
    pub kind: EntityKind,
    pub id: String,
    pub label: String,
    pub subtitle: String,
    pub updated_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<crate::media::Cover>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub things: i64,
    pub stories: i64,
    pub guides: i64,
    pub relationships: i64,
    pub categories: i64,
    #[serde(default)]
    pub terms: i64,
    #[serde(default)]
    pub repairs: i64,
    #[serde(default)]
    pub events: i64,
    #[serde(default)]
    pub outcomes: i64,
    pub revisions: i64,
}

/// Parses a stored or transported body of `kind` into its typed form.
pub fn parse_body(kind: EntityKind, v: &serde_json::Value) -> Option<Body> {
    let v = v.clone();
    match kind {
        EntityKind::Thing => serde_json::from_value(v).ok().map(Body::Thing),
        EntityKind::Story => serde_json::from_value(v).ok().map(Body::Story),
        EntityKind::Guide => serde_json::from_value(v).ok().map(Body::Guide),
        EntityKind::Relationship => serde_json::from_value(v).ok().map(Body::Relationship),
        EntityKind::Category => serde_json::from_value(v).ok().map(Body::Category),
        EntityKind::Term => serde_json::from_value(v).ok().map(Body::Term),
        EntityKind::Repair => serde_json::from_value(v).ok().map(Body::Repair),
        EntityKind::Event => serde_json::from_value(v).ok().map(Body::Event),
        EntityKind::Outcome => serde_json::from_value(v).ok().map(Body::Outcome),
    }
}

/// Dotted paths of the leaves that differ between two JSON documents.
pub fn changed_paths(before: &serde_json::Value, after: &serde_json::Value) -> Vec<String> {
    fn walk(path: &str, a: &serde_json::Value, b: &serde_json::Value, out: &mut Vec<String>) {
        use serde_json::Value::Object;
        match (a, b) {
            (Object(x), Object(y)) => {
                let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
                for k in keys {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    let null = serde_json::Value::Null;
                    walk(
                        &p,
                        x.get(k).unwrap_or(&null),
                        y.get(k).unwrap_or(&null),
                        out,
                    );
                }
            }
            // An empty path: the whole entry (created, deleted or restored).
            _ if a != b => out.push(path.to_string()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", before, after, &mut out);
    out
}
