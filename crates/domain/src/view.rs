//! Read shapes that pages and the API share: an entry's relations with the other
//! end's label, a revision as a line of "recent changes", and who wrote an entry.

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

/// Who made a revision of an entry, where and when: an entry's byline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Byline {
    pub author: String,
    /// The instance the author wrote it on.
    pub instance: String,
    /// Written on this instance, where the author has a contributions page.
    pub local: bool,
    pub at: String,
}
