//! Recording the language of the texts a write brings, and which original each
//! translation was made from.

use super::{Knowledge, Result, ServiceError};
use domain::EntityKind;
use serde_json::Value;

impl Knowledge {
    /// Records the language of the new and changed texts of `input` that do not say
    /// theirs (see [`domain::localized::stamp_languages`]), against the entry's current
    /// body when `id` names one.
    pub async fn stamp_languages(
        &self,
        kind: EntityKind,
        id: Option<&str>,
        input: &mut Value,
        lang: &str,
    ) -> Result<domain::localized::Stamped> {
        let current = match id {
            Some(id) => match self.get(kind, id).await {
                Ok(e) => Some(e.body),
                Err(ServiceError::NotFound { .. }) => None,
                Err(e) => return Err(e),
            },
            None => None,
        };
        Ok(domain::localized::stamp_languages(
            kind,
            input,
            current.as_ref(),
            lang,
        ))
    }
}
