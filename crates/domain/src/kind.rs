//! The nine kinds of knowledge entry and their names in paths and tables.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The knowledge entity kinds. The plural is the URL segment and table name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Thing,
    Story,
    Guide,
    Relationship,
    Category,
    Term,
    Repair,
    Event,
    Outcome,
}

impl EntityKind {
    pub const ALL: [EntityKind; 9] = [
        EntityKind::Thing,
        EntityKind::Story,
        EntityKind::Guide,
        EntityKind::Relationship,
        EntityKind::Category,
        EntityKind::Term,
        EntityKind::Repair,
        EntityKind::Event,
        EntityKind::Outcome,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Thing => "thing",
            EntityKind::Story => "story",
            EntityKind::Guide => "guide",
            EntityKind::Relationship => "relationship",
            EntityKind::Category => "category",
            EntityKind::Term => "term",
            EntityKind::Repair => "repair",
            EntityKind::Event => "event",
            EntityKind::Outcome => "outcome",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            EntityKind::Thing => "things",
            EntityKind::Story => "stories",
            EntityKind::Guide => "guides",
            EntityKind::Relationship => "relationships",
            EntityKind::Category => "categories",
            EntityKind::Term => "terms",
            EntityKind::Repair => "repairs",
            EntityKind::Event => "events",
            EntityKind::Outcome => "outcomes",
        }
    }

    /// Things, stories and guides: the entries the knowledge graph joins (relationships
    /// are its edges; categories file entries rather than link them; terms name things).
    pub fn in_graph(self) -> bool {
        matches!(
            self,
            EntityKind::Thing | EntityKind::Story | EntityKind::Guide
        )
    }

    pub fn from_plural(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.plural() == s)
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityKind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or(())
    }
}
