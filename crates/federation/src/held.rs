//! Revisions from untrusted peers held for an expert: listing, accepting, rejecting.

use crate::{Federation, FederationError, Result};
use domain::peer::Trust;
use service::audit::Event;
use std::collections::HashSet;
use storage::HeldRevision;

impl Federation {
    /// Revisions from untrusted peers waiting for review, oldest first.
    pub async fn held(&self, skip: i64, limit: i64) -> Result<(Vec<HeldRevision>, i64)> {
        Ok(self.store().held_revisions(skip, limit).await?)
    }

    /// Publishes what a peer sent while it was untrusted, now that it is trusted more.
    pub(crate) async fn release_held_from(&self, peer_id: &str, trust: Trust) -> Result<()> {
        let store = self.store();
        let (held, _) = store.held_revisions(0, i64::from(u32::MAX)).await?;
        let mut touched = HashSet::new();
        for h in held.into_iter().filter(|h| h.peer_id == peer_id) {
            let id = h.revision.id.clone();
            let mut parents_here = true;
            for p in &h.revision.parents {
                parents_here &= store.revision(p).await?.is_some();
            }
            if !parents_here {
                continue;
            }
            if store.revision(&id).await?.is_none() {
                touched.insert(h.revision.entity_id.clone());
                self.knowledge
                    .receive(h.revision, Some((peer_id, trust)))
                    .await?;
            }
            store.release_held(&id).await?;
        }
        self.prefer(&touched).await
    }

    /// An expert accepts a held revision (with the held revisions it builds on).
    pub async fn accept_held(&self, revision_id: &str, expert: &str) -> Result<()> {
        let store = self.store();
        let mut chain = Vec::new();
        let mut next = vec![revision_id.to_string()];
        while let Some(id) = next.pop() {
            if chain.iter().any(|h: &HeldRevision| h.revision.id == id) {
                continue;
            }
            let Some(h) = store.held_revision(&id).await? else {
                if chain.is_empty() {
                    return Err(FederationError::NoHeld(id));
                }
                continue;
            };
            next.extend(h.revision.parents.iter().cloned());
            chain.push(h);
        }
        // Parents before children: they were pushed after them.
        for h in chain.into_iter().rev() {
            let id = h.revision.id.clone();
            if store.revision(&id).await?.is_none() {
                self.knowledge
                    .receive(h.revision.clone(), Some((&h.peer_id, Trust::Untrusted)))
                    .await?;
            }
            store.release_held(&id).await?;
            self.knowledge
                .audit()
                .record(
                    Event::new(expert, "federation.accept", &format!("revisions/{id}"))
                        .detail(h.revision.entity_id.clone()),
                )
                .await?;
        }
        Ok(())
    }

    /// An expert rejects a held revision; held revisions built on it go with it.
    pub async fn reject_held(&self, revision_id: &str, expert: &str) -> Result<()> {
        let store = self.store();
        let Some(first) = store.held_revision(revision_id).await? else {
            return Err(FederationError::NoHeld(revision_id.to_string()));
        };
        let mut gone: HashSet<String> = HashSet::from([first.revision.id.clone()]);
        let (all, _) = store.held_revisions(0, 10_000).await?;
        let mut changed = true;
        while changed {
            changed = false;
            for h in &all {
                if !gone.contains(&h.revision.id)
                    && h.revision.parents.iter().any(|p| gone.contains(p))
                {
                    gone.insert(h.revision.id.clone());
                    changed = true;
                }
            }
        }
        for id in &gone {
            store.release_held(id).await?;
        }
        self.knowledge
            .audit()
            .record(
                Event::new(
                    expert,
                    "federation.reject",
                    &format!("revisions/{revision_id}"),
                )
                .detail(first.revision.entity_id.clone()),
            )
            .await?;
        Ok(())
    }
}
