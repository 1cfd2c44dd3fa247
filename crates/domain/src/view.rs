//! Read shapes that pages and the API share: an entry's relations with the other
//! end's label, and a revision as a line of "recent changes".

use crate::EntityKind;
use serde::{Deserialize, Serialize};

/// A relationship as seen from one of its ends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationView {
    pub id: String,
    pub relationship_type: String,
    pub direction: String,
    pub outgoing: bool,
    pub other_kind: EntityKind,
    pub other_id: String,
    pub other_label: Option<String>,
}

/// A revision as a line of "recent changes" or of someone's contributions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecentChange {
    pub kind: EntityKind,
    pub entity_id: String,
    pub label: String,
    pub op: String,
    pub created_at: String,
}
