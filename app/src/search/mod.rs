//! Full-text search over things, stories and guides: multilingual, faceted, typo
//! tolerant. The request and result shapes are shared with the pages; the Tantivy
//! index, the query builder and the indexer that follows the revision log are
//! server-only.

use crate::domain::EntityKind;
use serde::{Deserialize, Serialize};

pub mod syntax;

#[cfg(feature = "ssr")]
mod document;
#[cfg(feature = "ssr")]
mod engine;
#[cfg(feature = "ssr")]
pub mod graph;
#[cfg(feature = "ssr")]
mod indexer;
#[cfg(feature = "ssr")]
mod parallel;
#[cfg(feature = "ssr")]
mod resident;
#[cfg(feature = "ssr")]
mod schema;
#[cfg(feature = "ssr")]
mod tally;

#[cfg(feature = "ssr")]
pub use engine::{IndexStatus, Search, SearchError};
#[cfg(feature = "ssr")]
pub use indexer::{rebuild, spawn_indexer, Writer};

/// The facet dimensions, in the order pages show them. Each is also the name of the
/// request parameter that filters on it.
pub const FACETS: [&str; 11] = [
    "kind",
    "thing_type",
    "story_type",
    "guide_type",
    "category",
    "subcategory",
    "manufacturer",
    "material",
    "tool",
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
    /// The title is not in the reader's language.
    pub fell_back: bool,
    /// Vocabulary words and names that describe the hit (type, manufacturer, category).
    pub subtitle: Vec<String>,
    pub snippet: Vec<Segment>,
    pub score: f32,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
    pub selected: bool,
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
    /// The index is being rebuilt: results may be incomplete for a while.
    pub rebuilding: bool,
}
