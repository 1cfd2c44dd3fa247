//! The controlled vocabularies (thing, story and guide types, relationship types and
//! directions) an instance accepts.

use serde::{Deserialize, Serialize};

/// Controlled vocabularies. Defaults come from the design; instance admins may extend them.
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
        }
    }
}
