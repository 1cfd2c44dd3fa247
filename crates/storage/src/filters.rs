//! Equality filters on list pages: which columns of each kind can be filtered, and the
//! values a body puts in them.

use domain::{Body, EntityKind};

/// Equality filters on a kind's indexed columns. Column names come from
/// [`filter_columns`], never from user input.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub eq: Vec<(&'static str, String)>,
}

impl ListFilter {
    /// Builds the filter from request parameters named as in the API (`type`,
    /// `manufacturer`, `thing_id`, …); empty values are ignored.
    pub fn from_params(kind: EntityKind, param: impl Fn(&str) -> Option<String>) -> Self {
        let mut f = ListFilter::default();
        for col in filter_columns(kind) {
            let Some(v) = param(filter_param(col))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
            else {
                continue;
            };
            // Manufacturer and category are matched case-insensitively (stored lowercased).
            let v = if matches!(*col, "manufacturer" | "category") {
                v.to_lowercase()
            } else {
                v
            };
            f.eq.push((col, v));
        }
        f
    }
}

/// The request parameter that filters on a column.
pub fn filter_param(col: &str) -> &str {
    match col {
        "thing_type" | "story_type" | "guide_type" => "type",
        other => other,
    }
}

/// The filterable columns of each kind's table.
pub fn filter_columns(kind: EntityKind) -> &'static [&'static str] {
    match kind {
        EntityKind::Thing => &["thing_type", "manufacturer", "identifier"],
        EntityKind::Story => &["thing_id", "category", "story_type"],
        EntityKind::Guide => &["thing_id", "category", "guide_type"],
        EntityKind::Relationship => &[
            "source_type",
            "source_id",
            "target_type",
            "target_id",
            "relationship_type",
            "direction",
        ],
    }
}

pub(crate) fn index_values(body: &Body) -> Vec<Option<String>> {
    match body {
        Body::Thing(t) => vec![
            Some(t.thing_type.clone()),
            Some(t.manufacturer.name.to_lowercase()),
            t.identifier.clone(),
        ],
        Body::Story(s) => vec![
            s.thing_id.clone(),
            s.thing_category.as_ref().map(|c| c.category.to_lowercase()),
            Some(s.story_type.clone()),
        ],
        Body::Guide(g) => vec![
            g.thing_id.clone(),
            g.thing_category.as_ref().map(|c| c.category.to_lowercase()),
            Some(g.guide_type.primary.clone()),
        ],
        Body::Relationship(r) => vec![
            Some(r.source_type.as_str().to_string()),
            Some(r.source_id.clone()),
            Some(r.target_type.as_str().to_string()),
            Some(r.target_id.clone()),
            Some(r.relationship_type.clone()),
            Some(r.direction.clone()),
        ],
    }
}
