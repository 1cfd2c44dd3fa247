//! "This worked for me": a reader's one outcome per story or guide. Its id comes from
//! the person and the entry, so answering again is a new revision of the same outcome,
//! never a second one, and only its author can change it.

use super::{Knowledge, Result, ServiceError, StoredEntity};
use domain::outcome::{Outcome, OutcomeCounts};
use domain::{Body, EntityKind, Problem};
use serde_json::Value;

/// Fixed namespace of outcome ids.
const ID_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6f75_7463_6f6d_652d_7468_696e_6764_0001);

/// The id of the outcome that `author` of the instance at `instance` (its public URL)
/// gave on the entry `entry_id`: people of the same name on two instances differ.
pub fn outcome_id(instance: &str, author: &str, entry_id: &str) -> String {
    let person = format!("{instance}\n{author}\n{entry_id}");
    uuid::Uuid::new_v5(&ID_NAMESPACE, person.as_bytes())
        .hyphenated()
        .to_string()
}

/// The entry an outcome input is about, when it names one.
fn entry_of(input: &Value) -> Option<&str> {
    input.get("entry_id").and_then(Value::as_str)
}

impl Knowledge {
    /// Refuses an outcome written under another id than its author's own for its
    /// entry: someone else's outcome, or a second one of the same person.
    pub(super) fn check_owner(&self, id: &str, input: &Value, author: &str) -> Result<()> {
        match entry_of(input) {
            Some(entry) if outcome_id(&self.public_url, author, entry) != id => {
                Err(ServiceError::NotYours)
            }
            _ => Ok(()),
        }
    }

    /// Records `author`'s outcome on the entry the input names, or changes the one they
    /// gave before.
    pub async fn record_outcome(&self, input: Value, author: &str) -> Result<StoredEntity> {
        let Some(entry) = entry_of(&input).filter(|e| domain::validate::is_entity_id(e)) else {
            // Validation names what is wrong with the entry field.
            self.check_local(EntityKind::Outcome, &input, None).await?;
            return Err(ServiceError::Invalid(vec![Problem::new(
                "entry_id",
                "required",
                &[],
            )]));
        };
        let id = outcome_id(&self.public_url, author, entry);
        match self.get(EntityKind::Outcome, &id).await {
            Ok(_) => Ok(self
                .update(EntityKind::Outcome, &id, input, None, author)
                .await?
                .entity),
            Err(ServiceError::NotFound { .. }) => {
                self.create_with_id(EntityKind::Outcome, input, author, id)
                    .await
            }
            Err(e) => Err(e),
        }
    }

    /// The outcome `author` gave on the entry, if any.
    pub async fn own_outcome(&self, author: &str, entry_id: &str) -> Result<Option<Outcome>> {
        match self
            .get(
                EntityKind::Outcome,
                &outcome_id(&self.public_url, author, entry_id),
            )
            .await
        {
            Ok(e) => Ok(match domain::parse_body(EntityKind::Outcome, &e.body) {
                Some(Body::Outcome(o)) if o.hidden.is_none() => Some(o),
                _ => None,
            }),
            Err(ServiceError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// How readers said following the entry went; `None` when nobody said.
    pub async fn entry_outcomes(&self, entry_id: &str) -> Result<Option<OutcomeCounts>> {
        let o = self.store.entry_outcomes(entry_id).await?;
        let counts = OutcomeCounts::new(&o.results, o.failed_steps);
        Ok((counts.n > 0).then_some(counts))
    }
}
