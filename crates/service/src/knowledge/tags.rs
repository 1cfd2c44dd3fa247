//! Free tags across entries: the most used ones (all, or those starting with what a
//! form has typed), and moderators' renames, which rewrite every entry carrying a tag.

use super::{Knowledge, Result, ServiceError};
use domain::tags::{is_tag, normalize};
use domain::{EntityKind, Problem};
use serde_json::Value;

/// Entries one rename rewrites at most; the rest wait for the next call.
pub const RENAME_BATCH: i64 = 500;

/// Tags listed at most.
pub const MAX_TAGS_LISTED: i64 = 1000;

impl Knowledge {
    /// Tags of visible entries with how many carry each, most used first; `prefix` (in
    /// any spelling) keeps those that start with it.
    pub async fn tags(&self, prefix: &str, limit: i64) -> Result<Vec<(String, i64)>> {
        let prefix = normalize(prefix);
        Ok(self
            .store
            .tags(&prefix, limit.clamp(1, MAX_TAGS_LISTED))
            .await?)
    }

    /// How many visible entries carry the tag.
    pub async fn tag_count(&self, tag: &str) -> Result<i64> {
        Ok(self.store.tag_count(&normalize(tag)).await?)
    }

    /// Renames tag `from` to `to` on every entry that carries it (hidden ones too);
    /// naming a tag in use merges the two. Each entry is an ordinary revision, so the
    /// change reaches peers. Rewrites up to [`RENAME_BATCH`] entries; returns how many,
    /// and how many still carry `from`.
    pub async fn rename_tag(&self, from: &str, to: &str, author: &str) -> Result<(usize, usize)> {
        let (from, to) = (normalize(from), normalize(to));
        let mut problems = Vec::new();
        for (field, tag) in [("from", &from), ("to", &to)] {
            if !is_tag(tag) || tag.chars().count() > domain::tags::MAX_TAG {
                problems.push(Problem::new(field, "invalid_tag", &[]));
            }
        }
        if !problems.is_empty() {
            return Err(ServiceError::Invalid(problems));
        }
        if from == to {
            return Ok((0, 0));
        }
        let mut renamed = 0;
        for (kind, id) in self.store.tagged(&from, RENAME_BATCH).await? {
            if self.retag(kind, &id, &from, &to, author).await? {
                renamed += 1;
            }
        }
        let left = self.store.tagged(&from, RENAME_BATCH).await?.len();
        Ok((renamed, left))
    }

    /// Replaces tag `from` by `to` in one entry's tags (each is written once on the way
    /// in). Returns whether the entry carried `from`.
    async fn retag(
        &self,
        kind: EntityKind,
        id: &str,
        from: &str,
        to: &str,
        author: &str,
    ) -> Result<bool> {
        self.edit_list(kind, id, "tags", author, |tags| {
            let mut found = false;
            for t in tags.iter_mut().filter(|t| t.as_str() == Some(from)) {
                *t = Value::from(to);
                found = true;
            }
            found
        })
        .await
    }
}
