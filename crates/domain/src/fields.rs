//! The one description of each kind's fields: names, shapes, limits and list filters.
//! Validation, the form mapping, the OpenAPI schemas and the storage filter columns
//! all walk these tables, so adding a field is one entry here plus the typed model.

use crate::vocab::Vocabularies;
use crate::EntityKind;
use serde_json::Value;

pub const MAX_NAME: usize = 200;
pub const MAX_TEXT: usize = 5000;
pub const MAX_SHORT: usize = 200;
pub const MAX_LIST: usize = 100;
pub const MAX_STEPS: usize = 200;
pub const MAX_TRANSLATIONS: usize = 60;
/// Step positions run from 1 to this.
pub const MAX_ORDER: u64 = 10_000;
/// Upper bound of a dimension, in any unit.
pub const MAX_MEASURE: f64 = 1.0e6;

/// What a text field must look like beyond being non-empty and short enough.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Plain,
    Url,
    Email,
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    Date,
    /// A lowercase hyphenated UUID naming another entry.
    EntityId,
    /// `thing:` followed by lowercase letters, digits and `:/._-`.
    Identifier,
    /// Letters, digits, `-` and `_` (step ids).
    Slug,
    /// 64 lowercase hex digits: the SHA-256 naming a media file.
    MediaHash,
    /// `Q` and digits: a Wikidata item.
    Wikidata,
    /// A free tag in its one spelling (see [`crate::tags`]).
    Tag,
    /// A vocabulary term's key (see [`crate::vocab::is_key`]).
    Key,
    /// `thing`, `story` or `guide`: a kind the knowledge graph joins.
    GraphKind,
    /// Three capital letters: an ISO 3166 alpha-3 country code.
    Country,
    /// Four digits: a year.
    Year,
    /// YYYY-MM-DD: one day.
    Day,
}

/// Which controlled vocabulary a choice draws from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vocab {
    ThingTypes,
    StoryTypes,
    GuidePrimary,
    GuideSecondary,
    RelationshipTypes,
    Directions,
    WarningSeverities,
    DimensionUnits,
    /// The kinds a relationship may connect; fixed, not instance-configurable.
    EndpointKinds,
    /// Arrow, circle, point; fixed.
    MarkerShapes,
    /// The vocabularies terms belong to; fixed.
    Vocabularies,
    /// ORDS repair statuses; fixed by the standard.
    RepairStatuses,
    /// ORDS barriers to repair; fixed by the standard.
    RepairBarriers,
    FaultTypes,
    /// Worked, partly, failed; fixed.
    OutcomeResults,
    /// Story or guide; fixed.
    OutcomeEntryKinds,
}

impl Vocab {
    pub fn values(self, v: &Vocabularies) -> Vec<String> {
        let list = match self {
            Vocab::ThingTypes => &v.thing_types,
            Vocab::StoryTypes => &v.story_types,
            Vocab::GuidePrimary => &v.guide_primary,
            Vocab::GuideSecondary => &v.guide_secondary,
            Vocab::RelationshipTypes => &v.relationship_types,
            Vocab::Directions => &v.directions,
            Vocab::WarningSeverities => &v.warning_severities,
            Vocab::DimensionUnits => &v.dimension_units,
            Vocab::FaultTypes => &v.fault_types,
            Vocab::RepairStatuses => return crate::repair::STATUSES.map(String::from).to_vec(),
            Vocab::RepairBarriers => return crate::repair::BARRIERS.map(String::from).to_vec(),
            Vocab::OutcomeResults => return crate::outcome::RESULTS.map(String::from).to_vec(),
            Vocab::OutcomeEntryKinds => {
                return crate::outcome::ENTRY_KINDS.map(String::from).to_vec();
            }
            Vocab::EndpointKinds => {
                return ["thing", "story", "guide"].map(String::from).to_vec();
            }
            Vocab::MarkerShapes => {
                return crate::media::MARKER_SHAPES.map(String::from).to_vec();
            }
            Vocab::Vocabularies => {
                return crate::vocab::VOCABULARIES.map(String::from).to_vec();
            }
        };
        list.clone()
    }

    /// The value a newly added form row starts with.
    pub fn initial(self) -> &'static str {
        match self {
            Vocab::WarningSeverities => "warning",
            Vocab::MarkerShapes => "point",
            _ => "",
        }
    }
}

/// The shape of one field's value.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    Text {
        max: usize,
        format: Format,
    },
    Choice {
        vocab: Vocab,
        max: usize,
    },
    Localized {
        max: usize,
    },
    /// A measure: greater than 0, at most [`MAX_MEASURE`].
    Measure,
    /// A number from `min` to `max`; a whole one when `whole`.
    Number {
        min: f64,
        max: f64,
        whole: bool,
    },
    /// True or false; a checkbox in forms.
    Flag,
    /// A position or size on an image: 0 to 1.
    Fraction,
    /// A step's position, 1 to [`MAX_ORDER`]; forms set it from the row's place.
    Order,
    /// A list of short strings, each of one format; one per line in forms.
    Lines {
        max_items: usize,
        max_len: usize,
        format: Format,
    },
    /// String to string; `key=value` lines in forms.
    KeyValues {
        max_entries: usize,
        max_key: usize,
        max_value: usize,
    },
    /// String to string, number or boolean; `key=value` lines in forms.
    Scalars {
        max_entries: usize,
        max_len: usize,
    },
    Object(&'static [Field]),
    List(&'static List),
}

/// A list of structured items (steps, warnings).
#[derive(Clone, Copy, Debug)]
pub struct List {
    pub item: Shape,
    pub max: usize,
    /// A required list with `min_items: 1` reports `empty` when it has none.
    pub min_items: usize,
    /// Said in `wrong_type` problems: "a list of steps".
    pub expected: &'static str,
    /// Forms keep blank rows (so their problems show) instead of dropping them.
    pub keep_blank: bool,
}

#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub shape: Shape,
    pub required: bool,
    /// Set by the service (moderation), never by authors: not in forms or input schemas.
    pub read_only: bool,
}

pub(crate) const fn req(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: true,
        read_only: false,
    }
}

pub(crate) const fn opt(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: false,
        read_only: false,
    }
}

pub(crate) const fn text(max: usize) -> Shape {
    Shape::Text {
        max,
        format: Format::Plain,
    }
}

pub(crate) const fn formatted(max: usize, format: Format) -> Shape {
    Shape::Text { max, format }
}

pub(crate) const fn choice(vocab: Vocab, max: usize) -> Shape {
    Shape::Choice { vocab, max }
}

const fn localized(max: usize) -> Shape {
    Shape::Localized { max }
}

const SHORT_LINES: Shape = Shape::Lines {
    max_items: MAX_LIST,
    max_len: MAX_SHORT,
    format: Format::Plain,
};

const ENTITY_ID: Shape = formatted(64, Format::EntityId);

/// Category ids, one per line in forms.
const CATEGORY_IDS: Shape = Shape::Lines {
    max_items: MAX_CATEGORIES,
    max_len: 64,
    format: Format::EntityId,
};

/// Free tags, each in its one spelling.
const TAGS: List = List {
    item: formatted(crate::tags::MAX_TAG, Format::Tag),
    max: crate::tags::MAX_TAGS,
    min_items: 0,
    expected: "a list of tags",
    keep_blank: false,
};

/// Categories per entry, and parents per category.
pub const MAX_CATEGORIES: usize = 20;

/// Photos and documents, by the hash of their file, each with its texts and markers.
const MEDIA: List = List {
    item: Shape::Object(&[
        req("id", formatted(64, Format::MediaHash)),
        opt("alt", localized(500)),
        opt("caption", localized(1000)),
        opt(
            "markers",
            Shape::List(&List {
                item: Shape::Object(&[
                    req("shape", choice(Vocab::MarkerShapes, 10)),
                    req("x", Shape::Fraction),
                    req("y", Shape::Fraction),
                    opt("x2", Shape::Fraction),
                    opt("y2", Shape::Fraction),
                    opt("r", Shape::Fraction),
                    opt("label", localized(200)),
                ]),
                max: 50,
                min_items: 0,
                expected: "a list of markers",
                keep_blank: false,
            }),
        ),
    ]),
    max: MAX_MEDIA,
    min_items: 0,
    expected: "a list of media",
    keep_blank: false,
};

const STEP_MEDIA: List = List {
    max: MAX_STEP_MEDIA,
    ..MEDIA
};

/// Per entry, and per step.
pub const MAX_MEDIA: usize = 50;
pub const MAX_STEP_MEDIA: usize = 20;

pub(crate) const HIDDEN: Field = Field {
    name: "hidden",
    shape: Shape::Object(&[
        req("reason", text(MAX_TEXT)),
        req("by", text(MAX_SHORT)),
        req("at", text(MAX_SHORT)),
    ]),
    required: false,
    read_only: true,
};

const THING: &[Field] = &[
    req("type", choice(Vocab::ThingTypes, MAX_SHORT)),
    req("name", localized(MAX_NAME)),
    opt("description", localized(MAX_TEXT)),
    opt("identifier", formatted(MAX_SHORT, Format::Identifier)),
    req(
        "manufacturer",
        Shape::Object(&[
            req("name", text(MAX_NAME)),
            opt("website", formatted(2000, Format::Url)),
            opt("contact", formatted(320, Format::Email)),
        ]),
    ),
    opt(
        "properties",
        Shape::Object(&[
            opt(
                "dimensions",
                Shape::Object(&[
                    opt("width", Shape::Measure),
                    opt("height", Shape::Measure),
                    opt("depth", Shape::Measure),
                    req("unit", choice(Vocab::DimensionUnits, 10)),
                ]),
            ),
            opt("materials", SHORT_LINES),
            opt("manufacturing_date", formatted(10, Format::Date)),
            opt("serial_number", text(MAX_SHORT)),
        ]),
    ),
    opt("categories", CATEGORY_IDS),
    opt("tags", Shape::List(&TAGS)),
    opt("media", Shape::List(&MEDIA)),
    HIDDEN,
];

const THING_CATEGORY: Field = opt(
    "thing_category",
    Shape::Object(&[
        req("category", text(MAX_SHORT)),
        opt("subcategory", text(MAX_SHORT)),
        opt(
            "attributes",
            Shape::KeyValues {
                max_entries: 50,
                max_key: 100,
                max_value: 1000,
            },
        ),
    ]),
);

const STEP: Shape = Shape::Object(&[
    opt("id", formatted(64, Format::Slug)),
    req("order", Shape::Order),
    req("description", localized(MAX_TEXT)),
    opt(
        "warnings",
        Shape::List(&List {
            item: localized(1000),
            max: 20,
            min_items: 0,
            expected: "a list of texts",
            keep_blank: false,
        }),
    ),
    opt("tools", SHORT_LINES),
    opt("media", Shape::List(&STEP_MEDIA)),
]);

const STEPS: List = List {
    item: STEP,
    max: MAX_STEPS,
    min_items: 0,
    expected: "a list of steps",
    keep_blank: true,
};

/// A story is its procedure: it needs at least one step.
const STORY_STEPS: List = List {
    min_items: 1,
    ..STEPS
};

const STORY: &[Field] = &[
    opt("thing_id", ENTITY_ID),
    THING_CATEGORY,
    opt("categories", CATEGORY_IDS),
    opt("tags", Shape::List(&TAGS)),
    req("type", choice(Vocab::StoryTypes, MAX_SHORT)),
    req("title", localized(MAX_NAME)),
    opt("summary", localized(MAX_TEXT)),
    req("procedure", Shape::List(&STORY_STEPS)),
    opt("media", Shape::List(&MEDIA)),
    HIDDEN,
];

const GUIDE: &[Field] = &[
    opt("thing_id", ENTITY_ID),
    THING_CATEGORY,
    opt("categories", CATEGORY_IDS),
    opt("tags", Shape::List(&TAGS)),
    req(
        "type",
        Shape::Object(&[
            req("primary", choice(Vocab::GuidePrimary, MAX_SHORT)),
            opt("secondary", choice(Vocab::GuideSecondary, MAX_SHORT)),
        ]),
    ),
    req(
        "content",
        Shape::Object(&[
            req("title", localized(MAX_NAME)),
            opt("summary", localized(MAX_TEXT)),
            opt(
                "requirements",
                Shape::Object(&[
                    opt("skills", SHORT_LINES),
                    opt("tools", SHORT_LINES),
                    opt("materials", SHORT_LINES),
                    opt("certifications", SHORT_LINES),
                ]),
            ),
            opt(
                "warnings",
                Shape::List(&List {
                    item: Shape::Object(&[
                        req("severity", choice(Vocab::WarningSeverities, 20)),
                        req("message", localized(1000)),
                    ]),
                    max: 50,
                    min_items: 0,
                    expected: "a list of warnings",
                    keep_blank: false,
                }),
            ),
            opt("procedure", Shape::List(&STEPS)),
        ]),
    ),
    opt("media", Shape::List(&MEDIA)),
    HIDDEN,
];

const RELATIONSHIP: &[Field] = &[
    req("source_type", choice(Vocab::EndpointKinds, 20)),
    req("source_id", ENTITY_ID),
    req("target_type", choice(Vocab::EndpointKinds, 20)),
    req("target_id", ENTITY_ID),
    req(
        "relationship_type",
        choice(Vocab::RelationshipTypes, MAX_SHORT),
    ),
    req("direction", choice(Vocab::Directions, 20)),
    opt(
        "metadata",
        Shape::Scalars {
            max_entries: 50,
            max_len: 1000,
        },
    ),
    HIDDEN,
];

const CATEGORY: &[Field] = &[
    req("name", localized(MAX_NAME)),
    opt("description", localized(MAX_TEXT)),
    opt("synonyms", localized(1000)),
    opt("parents", CATEGORY_IDS),
    opt("wikidata", formatted(20, Format::Wikidata)),
    opt("ords_id", text(20)),
    opt("merged_into", ENTITY_ID),
    HIDDEN,
];

const GRAPH_KINDS: Shape = Shape::Lines {
    max_items: 3,
    max_len: 20,
    format: Format::GraphKind,
};

const TERM: &[Field] = &[
    req("vocabulary", choice(Vocab::Vocabularies, 40)),
    req("key", formatted(crate::vocab::MAX_KEY, Format::Key)),
    req("name", localized(MAX_NAME)),
    opt("description", localized(MAX_TEXT)),
    opt("synonyms", localized(1000)),
    opt("inverse_name", localized(MAX_NAME)),
    opt("source_kinds", GRAPH_KINDS),
    opt("target_kinds", GRAPH_KINDS),
    opt("thing_id", ENTITY_ID),
    HIDDEN,
];

/// The top-level fields of a kind.
pub fn fields(kind: EntityKind) -> &'static [Field] {
    match kind {
        EntityKind::Thing => THING,
        EntityKind::Story => STORY,
        EntityKind::Guide => GUIDE,
        EntityKind::Relationship => RELATIONSHIP,
        EntityKind::Category => CATEGORY,
        EntityKind::Term => TERM,
        EntityKind::Repair => crate::repair::FIELDS,
        EntityKind::Event => crate::event::FIELDS,
        EntityKind::Outcome => crate::outcome::FIELDS,
    }
}

/// The shape at a dotted form or problem path (`procedure.2.warnings`), list indices
/// included; `None` when the path names no field.
pub fn shape_at(kind: EntityKind, path: &str) -> Option<Shape> {
    let mut shape = Shape::Object(fields(kind));
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        shape = match shape {
            Shape::Object(fs) => fs.iter().find(|f| f.name == part)?.shape,
            Shape::List(l) if part.parse::<usize>().is_ok() => l.item,
            _ => return None,
        };
        if parts.peek().is_none() {
            return Some(shape);
        }
    }
    None
}

/// An equality filter on a list page: an indexed column, the request parameter that
/// sets it, and where its value sits in a body.
#[derive(Clone, Copy, Debug)]
pub struct Filter {
    pub column: &'static str,
    pub param: &'static str,
    /// JSON pointer into the body.
    pub pointer: &'static str,
    /// Matched case-insensitively: stored and queried lowercased.
    pub fold_case: bool,
}

const fn filter(column: &'static str, param: &'static str, pointer: &'static str) -> Filter {
    Filter {
        column,
        param,
        pointer,
        fold_case: false,
    }
}

const fn folded(column: &'static str, param: &'static str, pointer: &'static str) -> Filter {
    Filter {
        column,
        param,
        pointer,
        fold_case: true,
    }
}

const THING_FILTERS: &[Filter] = &[
    filter("thing_type", "type", "/type"),
    folded("manufacturer", "manufacturer", "/manufacturer/name"),
    filter("identifier", "identifier", "/identifier"),
];

/// Stories and guides filter alike: on what they apply to, and on their type.
const fn applies_to_filters(type_column: &'static str, type_pointer: &'static str) -> [Filter; 3] {
    [
        filter("thing_id", "thing_id", "/thing_id"),
        folded("category", "category", "/thing_category/category"),
        filter(type_column, "type", type_pointer),
    ]
}

const STORY_FILTERS: &[Filter] = &applies_to_filters("story_type", "/type");
const GUIDE_FILTERS: &[Filter] = &applies_to_filters("guide_type", "/type/primary");

const RELATIONSHIP_FILTERS: &[Filter] = &[
    filter("source_type", "source_type", "/source_type"),
    filter("source_id", "source_id", "/source_id"),
    filter("target_type", "target_type", "/target_type"),
    filter("target_id", "target_id", "/target_id"),
    filter(
        "relationship_type",
        "relationship_type",
        "/relationship_type",
    ),
    filter("direction", "direction", "/direction"),
];

const CATEGORY_FILTERS: &[Filter] = &[filter("ords_id", "ords_id", "/ords_id")];

const TERM_FILTERS: &[Filter] = &[
    filter("vocabulary", "vocabulary", "/vocabulary"),
    filter("term_key", "key", "/key"),
];

const REPAIR_FILTERS: &[Filter] = &[
    filter("repair_status", "status", "/repair_status"),
    filter(
        "product_category_id",
        "product_category_id",
        "/product_category_id",
    ),
    folded("group_identifier", "group", "/group_identifier"),
    filter("country", "country", "/country"),
    folded("brand", "brand", "/brand"),
    filter("event_id", "event", "/x_event_id"),
];

const EVENT_FILTERS: &[Filter] = &[
    folded("group_identifier", "group", "/group_identifier"),
    filter("event_date", "date", "/event_date"),
    filter("country", "country", "/country"),
];

const OUTCOME_FILTERS: &[Filter] = &[
    filter("entry_id", "entry_id", "/entry_id"),
    filter("result", "result", "/result"),
];

/// The filterable columns of each kind's table, in column order.
pub fn filters(kind: EntityKind) -> &'static [Filter] {
    match kind {
        EntityKind::Thing => THING_FILTERS,
        EntityKind::Story => STORY_FILTERS,
        EntityKind::Guide => GUIDE_FILTERS,
        EntityKind::Relationship => RELATIONSHIP_FILTERS,
        EntityKind::Category => CATEGORY_FILTERS,
        EntityKind::Term => TERM_FILTERS,
        EntityKind::Repair => REPAIR_FILTERS,
        EntityKind::Event => EVENT_FILTERS,
        EntityKind::Outcome => OUTCOME_FILTERS,
    }
}

impl Filter {
    /// The column value a body stores, as compared by the filter.
    pub fn value_in(&self, body: &Value) -> Option<String> {
        let v = body.pointer(self.pointer)?;
        // Numbers (an ORDS category id) are stored and compared as their text.
        let s = match v {
            Value::Number(n) => return Some(n.to_string()),
            v => v.as_str()?,
        };
        Some(if self.fold_case {
            s.to_lowercase()
        } else {
            s.to_string()
        })
    }

    /// A requested value as stored: trimmed, and lowercased when the filter folds case.
    pub fn normalize(&self, s: &str) -> String {
        let s = s.trim();
        if self.fold_case {
            s.to_lowercase()
        } else {
            s.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_body;
    use serde_json::json;

    /// A body with every field of the table filled in.
    fn full(fields: &[Field]) -> Value {
        let v = Vocabularies::default();
        let mut m = serde_json::Map::new();
        for f in fields {
            m.insert(f.name.into(), filled(f.shape, &v));
        }
        Value::Object(m)
    }

    fn filled(shape: Shape, v: &Vocabularies) -> Value {
        match shape {
            Shape::Text { format, .. } => json!(match format {
                Format::Url => "https://example.org",
                Format::Email => "help@example.org",
                Format::Date => "2020-02",
                Format::EntityId => "0193a000-0000-7000-8000-000000000001",
                Format::Identifier => "thing:example",
                Format::Slug => "step-1",
                Format::MediaHash =>
                    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                Format::Wikidata => "Q42",
                Format::Tag => "descaling",
                Format::Key => "stainless_steel",
                Format::GraphKind => "thing",
                Format::Country => "GBR",
                Format::Year => "2019",
                Format::Day => "2025-06-07",
                Format::Plain => "example",
            }),
            Shape::Choice { vocab, .. } => json!(vocab.values(v)[0]),
            Shape::Localized { .. } => json!({"default": "x", "translations": {"de": "y"}}),
            Shape::Measure => json!(1.5),
            Shape::Number {
                whole: true, min, ..
            } => json!(min as u64),
            Shape::Number { .. } => json!(1.5),
            Shape::Flag => json!(true),
            Shape::Fraction => json!(0.25),
            Shape::Order => json!(1),
            Shape::Lines {
                format: Format::GraphKind,
                ..
            } => json!(["thing", "story"]),
            Shape::Lines { .. } => json!(["a", "b"]),
            Shape::KeyValues { .. } => json!({"k": "v"}),
            Shape::Scalars { .. } => json!({"k": "v", "n": 2}),
            Shape::Object(fields) => full(fields),
            Shape::List(list) => json!([filled(list.item, v)]),
        }
    }

    /// The table and the typed model name the same fields: a body with every table
    /// field parses, and nothing is dropped or renamed on the way back.
    #[test]
    fn table_matches_the_typed_model() {
        for kind in EntityKind::ALL {
            let body = full(fields(kind));
            let typed = parse_body(kind, &body);
            assert!(typed.is_some(), "{kind}: {body}");
            assert_eq!(typed.map(|b| b.to_value()), Some(body), "{kind}");
        }
    }

    #[test]
    fn paths_resolve_through_lists() {
        assert!(matches!(
            shape_at(EntityKind::Story, "procedure.3.warnings"),
            Some(Shape::List(_))
        ));
        assert!(matches!(
            shape_at(EntityKind::Guide, "content.warnings.0.message"),
            Some(Shape::Localized { .. })
        ));
        assert!(shape_at(EntityKind::Thing, "type.0").is_none());
        assert!(shape_at(EntityKind::Thing, "colour").is_none());
    }

    #[test]
    fn every_filter_points_at_a_field() {
        for kind in EntityKind::ALL {
            for f in filters(kind) {
                let path = f.pointer.trim_start_matches('/').replace('/', ".");
                assert!(shape_at(kind, &path).is_some(), "{kind} {}", f.pointer);
            }
        }
    }
}
