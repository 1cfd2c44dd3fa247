//! Full-text search over things, stories and guides: multilingual, faceted, typo
//! tolerant. The request and result shapes are shared with the pages; the Tantivy
//! index, the query builder and the indexer that follows the revision log are
//! server-only.

use crate::EntityKind;
use serde::{Deserialize, Serialize};

pub mod syntax;

/// The facet dimensions, in the order pages show them. Each is also the name of the
/// request parameter that filters on it. A `category` value is a taxonomy category's
/// id, and choosing one finds the entries filed under it or below it.
pub const FACETS: [&str; 11] = [
    "kind",
    "thing_type",
    "story_type",
    "guide_type",
    "category",
    "manufacturer",
    "material",
    "tool",
    "tag",
    "language",
    "origin",
];

/// Results per page on the search page; the API allows up to [`MAX_LIMIT`].
pub const PAGE_SIZE: usize = 20;
pub const MAX_LIMIT: usize = 100;
/// Deep pages cost as much as all the pages before them.
pub const MAX_OFFSET: usize = 10_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Recent,
}

/// What someone searched for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    pub q: String,
    /// The reader's language: its content ranks first, titles and snippets use it.
    pub lang: String,
    /// Selected facet values: (dimension, value). Values of one dimension are
    /// alternatives; different dimensions must all match.
    pub filters: Vec<(String, String)>,
    pub sort: Sort,
    pub skip: usize,
    pub limit: usize,
    /// Only entries within `hops` (1–3) of this one in the knowledge graph, following
    /// only relationships of the `via` types when any are given.
    pub related_to: Option<String>,
    pub hops: u8,
    pub via: Vec<String>,
    /// Only stories and guides that apply to this thing: directly, through its
    /// components (`part_of`) or through its category.
    pub applies_to: Option<String>,
}

impl SearchRequest {
    pub fn selected<'a>(&'a self, dimension: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.filters
            .iter()
            .filter(move |(d, _)| d == dimension)
            .map(|(_, v)| v.as_str())
    }
}

/// A piece of a snippet; highlighted pieces matched the query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub text: String,
    pub highlight: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: EntityKind,
    pub id: String,
    pub title: String,
    /// The title in pieces with the searched words marked; empty when none is in it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title_marks: Vec<Segment>,
    /// The language the title is in.
    #[serde(default)]
    pub title_lang: String,
    /// The title is not in the reader's language.
    pub fell_back: bool,
    /// Vocabulary words and names that describe the hit (type, manufacturer, category).
    pub subtitle: Vec<String>,
    pub snippet: Vec<Segment>,
    pub score: f32,
    pub updated_at: String,
    /// The photo that stands for the entry, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<crate::media::Cover>,
    /// The items the cover is chosen from, as indexed; only on the server.
    #[serde(skip)]
    pub cover_candidates: Vec<crate::media::MediaItem>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
    pub selected: bool,
    /// What pages show for a value that is an id (a category's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How deep in a tree the value sits (a subcategory of a chosen category: 1).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub depth: u8,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetGroup {
    pub name: String,
    pub values: Vec<FacetValue>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub total: usize,
    pub skip: usize,
    pub limit: usize,
    pub hits: Vec<Hit>,
    pub facets: Vec<FacetGroup>,
    /// No entry contained every word, so these contain some of them.
    pub relaxed: bool,
    /// A word was misspelt: the query as searched, with the spelling it stood for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected: Option<String>,
    /// The index is being rebuilt: results may be incomplete for a while.
    pub rebuilding: bool,
}

/// What is wrong with a search request's parameters.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RequestError {
    #[error("unknown parameter {0:?}; use q, lang, sort, skip, limit, related_to, hops, via, applies_to or a filter: {list}", list = FACETS.join(", "))]
    UnknownParameter(String),
    #[error("{0}")]
    BadParameter(String),
    /// A well-formed id that names no entry (of the kind asked for).
    #[error("{0}")]
    UnknownEntry(String),
}

impl SearchRequest {
    /// Reads a request from query parameters: `q`, `lang`, `sort`, `skip`, `limit` and
    /// one parameter per facet (repeatable). Unknown parameters are refused, so a
    /// misspelt filter is not silently ignored.
    pub fn from_pairs(
        pairs: &[(String, String)],
        default_lang: &str,
    ) -> Result<SearchRequest, RequestError> {
        let mut req = SearchRequest {
            lang: default_lang.to_string(),
            limit: PAGE_SIZE,
            hops: 1,
            ..Default::default()
        };
        let entity_id = |name: &str, v: &str| {
            let v = v.trim();
            if v.is_empty()
                || v.len() > 64
                || !v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            {
                return Err(RequestError::BadParameter(format!(
                    "{name} must be the id of an entry"
                )));
            }
            Ok(Some(v.to_string()))
        };
        let number = |name: &str, v: &str| {
            v.trim().parse::<usize>().map_err(|_| {
                RequestError::BadParameter(format!("{name} must be a whole number, not {v:?}"))
            })
        };
        for (k, v) in pairs {
            match k.as_str() {
                "q" => req.q = v.clone(),
                "lang" if !v.trim().is_empty() => req.lang = v.trim().to_string(),
                "lang" => {}
                "sort" => {
                    req.sort = match v.as_str() {
                        "" | "relevance" => Sort::Relevance,
                        "recent" => Sort::Recent,
                        other => {
                            return Err(RequestError::BadParameter(format!(
                                "sort must be relevance or recent, not {other:?}"
                            )))
                        }
                    }
                }
                "skip" => req.skip = number("skip", v)?,
                "related_to" => req.related_to = entity_id("related_to", v)?,
                "applies_to" => req.applies_to = entity_id("applies_to", v)?,
                "hops" => {
                    req.hops = match v.trim() {
                        "1" => 1,
                        "2" => 2,
                        "3" => 3,
                        _ => {
                            return Err(RequestError::BadParameter("hops must be 1, 2 or 3".into()))
                        }
                    }
                }
                "via" => req.via.extend(
                    v.split(',')
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(str::to_string),
                ),
                "limit" => req.limit = number("limit", v)?,
                d if FACETS.contains(&d) => {
                    let v = v.trim();
                    if !v.is_empty() && !req.selected(d).any(|s| s == v) {
                        req.filters.push((d.to_string(), v.to_string()));
                    }
                }
                other => return Err(RequestError::UnknownParameter(other.to_string())),
            }
        }
        req.check()?;
        Ok(req)
    }

    /// Refuses out-of-range pages and unknown or malformed filters.
    pub fn check(&self) -> Result<(), RequestError> {
        if self.limit == 0 || self.limit > MAX_LIMIT {
            return Err(RequestError::BadParameter(format!(
                "limit must be between 1 and {MAX_LIMIT}"
            )));
        }
        if self.skip > MAX_OFFSET {
            return Err(RequestError::BadParameter(format!(
                "skip must be at most {MAX_OFFSET}; narrow the search instead"
            )));
        }
        for (d, v) in &self.filters {
            if !FACETS.contains(&d.as_str()) {
                return Err(RequestError::UnknownParameter(d.clone()));
            }
            if v.chars().count() > 200 || v.chars().any(char::is_control) {
                return Err(RequestError::BadParameter(format!(
                    "the value of filter {d} is too long or has control characters"
                )));
            }
        }
        Ok(())
    }
}
