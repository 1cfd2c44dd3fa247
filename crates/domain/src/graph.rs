//! An entry's neighbourhood in the knowledge graph, as pages draw it and the API returns it.

use crate::EntityKind;
use serde::{Deserialize, Serialize};

/// How far a neighbourhood reaches at most.
pub const MAX_HOPS: u8 = 3;

/// How many entries a neighbourhood holds at most, the nearest first: more would not
/// fit a drawing anyone can read.
pub const MAX_NODES: usize = 40;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GraphNode {
    pub id: String,
    pub kind: EntityKind,
    pub label: String,
    /// Hops from the start, which has 0.
    pub hops: u8,
    /// Set for a hub (an entry with over 100 links): its number of links. A hub is
    /// shown as one node and the walk does not go on through it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hub_links: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GraphEdge {
    pub from: String,
    pub to: String,
    /// The relationship type (`part_of`, …), or `applies_to` for a story or guide
    /// naming its thing; read from `from` to `to`.
    #[serde(rename = "type")]
    pub rel: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Neighbourhood {
    pub start: String,
    pub hops: u8,
    /// The start first, then by hops.
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
    /// More entries lie within reach than are held.
    pub truncated: bool,
}
