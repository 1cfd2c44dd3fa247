//! The knowledge service's side of media: local writes may name only stored files, and
//! photos are attached to an entry or a step as a new revision.

use super::{Knowledge, Result, Saved, ServiceError};
use domain::media::MediaItem;
use domain::problem::Problem;
use domain::{Body, EntityKind, EntitySummary};
use serde_json::Value;
use storage::StoredEntity;

impl Knowledge {
    /// What `check` does, plus that every media file the input names is stored here:
    /// for this instance's own writes. Revisions from peers may name files not yet
    /// fetched.
    pub(super) async fn check_local(
        &self,
        kind: EntityKind,
        input: &Value,
        own_id: Option<&str>,
    ) -> Result<Body> {
        let refs: Vec<(String, String)> = domain::media::media_refs(input)
            .into_iter()
            .filter(|(_, id)| domain::media::is_media_hash(id))
            .collect();
        let ids: Vec<String> = refs.iter().map(|(_, id)| id.clone()).collect();
        let known = self.store.media_known(&ids).await?;
        let unknown: Vec<Problem> = refs
            .iter()
            .filter(|(_, id)| !known.contains(id))
            .map(|(path, _)| Problem::new(path, "unknown_media", &[]))
            .collect();
        match self.check(kind, input, own_id).await {
            Ok(b) if unknown.is_empty() => Ok(b),
            Ok(_) => Err(ServiceError::Invalid(unknown)),
            Err(ServiceError::Invalid(mut problems)) => {
                problems.extend(unknown);
                Err(ServiceError::Invalid(problems))
            }
            Err(e) => Err(e),
        }
    }

    /// Adds photos or documents to an entry, or to one of its steps (by step id), on
    /// top of its current version. `Invalid` when the step does not exist.
    pub async fn attach_media(
        &self,
        kind: EntityKind,
        id: &str,
        step: Option<&str>,
        items: &[domain::media::MediaItem],
        author: &str,
    ) -> Result<Saved> {
        let _writing = self.locks.lock(id).await;
        let current = self.get(kind, id).await?;
        let mut body = current.body.clone();
        if !domain::media::attach(&mut body, step, items) {
            return Err(ServiceError::Invalid(vec![Problem::new(
                "step",
                "not_found",
                &[("kind", "step".into())],
            )]));
        }
        self.update_locked(kind, id, body, Some(current.meta.revision), author)
            .await
    }

    /// Summaries of `rows`, in their order, each with its cover: one read of the media
    /// rows for all of them.
    pub async fn summaries_of(
        &self,
        rows: &[StoredEntity],
        lang: &str,
    ) -> Result<Vec<EntitySummary>> {
        let candidates: Vec<Vec<MediaItem>> = rows
            .iter()
            .map(|r| domain::media::cover_candidates(&r.body))
            .collect();
        let covers = self.store.covers(&candidates, lang).await?;
        Ok(rows
            .iter()
            .zip(covers)
            .map(|(row, cover)| EntitySummary {
                cover,
                ..super::read::summary(row, lang)
            })
            .collect())
    }
}
