//! The exchange of revisions: serving our log, taking in a peer's revisions by the
//! trust rules, pulling from peers and announcing to them.

use crate::activity::{Activity, RevisionBatch};
use crate::documents::parse_actor;
use crate::{Federation, FederationError, Result, RevisionPage, Signer};
use domain::peer::{Peer, PeerState, Trust};
use domain::revision::{now_rfc3339, verify_signature, Revision};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use service::knowledge::{ServiceError, MERGE_AUTHOR, SEED_ORIGIN};
use std::collections::HashSet;

/// Revisions per pushed batch and per pull page.
pub const BATCH: i64 = 200;
pub const MAX_PULL: i64 = 1000;

/// What a batch of received revisions came to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Received {
    pub stored: usize,
    pub held: usize,
    pub known: usize,
    /// Revisions whose parents are not here yet; a pull from the sender fills the gap.
    pub waiting: usize,
}

impl Federation {
    /// Our log after `since` for a connected peer, without what it sent us itself and
    /// without merge revisions (every instance computes those).
    pub async fn serve_pull(
        &self,
        signer: &Signer,
        since: i64,
        limit: i64,
    ) -> Result<RevisionPage> {
        let peer = signer
            .peer
            .as_ref()
            .filter(|p| p.state == PeerState::Connected)
            .ok_or_else(|| FederationError::Unauthorized("not a connected peer".into()))?;
        let limit = limit.clamp(1, MAX_PULL);
        let store = self.store();
        let page = store.revisions_after(since.max(0), limit).await?;
        let more = page.len() as i64 == limit;
        let next = page.last().map(|(s, _)| *s).unwrap_or(since.max(0));
        let revisions = page
            .into_iter()
            .map(|(_, r)| r)
            .filter(|r| r.origin_instance != peer.info.url && travels(r))
            .collect();
        Ok(RevisionPage {
            revisions,
            next,
            more,
        })
    }

    /// Takes in revisions from a peer, in the order given: each must match its id and
    /// carry a valid signature of its origin; then by the peer's trust it is stored or
    /// held for review. A refused revision stops the batch.
    pub async fn receive(&self, peer: &Peer, revisions: Vec<Revision>) -> Result<Received> {
        let mut out = Received::default();
        let store = self.store();
        // The trust as it is now, not as it was when the caller read the peer.
        let fresh = store.peer(&peer.id).await?;
        let peer = fresh.as_ref().unwrap_or(peer);
        let mut missing: HashSet<String> = HashSet::new();
        let mut touched: HashSet<String> = HashSet::new();
        let mut accepted: Vec<Revision> = Vec::new();
        let mut ids: HashSet<String> = HashSet::new();
        let mut refused = None;
        for rev in revisions {
            // A tampered copy of a known revision is refused, not counted as known.
            let intact = rev.content_id() == rev.id;
            if intact && (ids.contains(&rev.id) || store.revision(&rev.id).await?.is_some()) {
                out.known += 1;
                continue;
            }
            if let Err(e) = self.check_revision(peer, &rev).await {
                refused = Some(e);
                break;
            }
            if peer.trust < Trust::Verified {
                if store.hold_revision(&peer.id, &rev, &now_rfc3339()).await? {
                    out.held += 1;
                } else {
                    out.known += 1;
                }
                continue;
            }
            let mut parents_here = self.parents_here(&rev, &ids, &missing).await?;
            if !parents_here && !accepted.is_empty() {
                // A parent may be a merge this instance makes when it settles what came
                // before in the batch.
                out.stored += self
                    .store_accepted(peer, std::mem::take(&mut accepted))
                    .await?;
                parents_here = self.parents_here(&rev, &ids, &missing).await?;
            }
            if !parents_here {
                missing.insert(rev.id.clone());
                out.waiting += 1;
                continue;
            }
            touched.insert(rev.entity_id.clone());
            ids.insert(rev.id.clone());
            accepted.push(rev);
        }
        // What came before a refused revision is kept.
        out.stored += self.store_accepted(peer, accepted).await?;
        self.prefer(&touched).await?;
        let problem = refused.as_ref().map(ToString::to_string);
        store
            .peer_contact(
                &peer.id,
                &now_rfc3339(),
                problem.as_deref(),
                // Held revisions were received too; accepting one later is not counted again.
                (out.stored + out.held) as i64,
                0,
            )
            .await?;
        if let Some(e) = refused {
            return Err(e);
        }
        if out.held > 0 {
            // The admin may have raised the trust while this batch was on its way.
            if let Some(now) = store.peer(&peer.id).await?.filter(|p| p.trust.accepts()) {
                self.release_held_from(&now.id, now.trust).await?;
            }
        }
        Ok(out)
    }

    /// Stores checked revisions from a peer in one go; if the knowledge service finds
    /// one invalid (which stores none of them), those before it are stored one by one
    /// and its refusal is returned.
    pub(crate) async fn store_accepted(
        &self,
        peer: &Peer,
        accepted: Vec<Revision>,
    ) -> Result<usize> {
        let source = Some((peer.id.as_str(), peer.trust));
        self.fetch_missing_media(peer, &accepted);
        match self.knowledge.receive_many(accepted.clone(), source).await {
            Ok(new) => Ok(new),
            Err(ServiceError::Invalid(_)) => {
                let mut new = 0;
                for rev in accepted {
                    new += self.knowledge.receive_many(vec![rev], source).await?;
                }
                Ok(new)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Fetches, in the background, the media files these revisions name that are not
    /// stored here: from the peer that sent them, else from each revision's origin,
    /// through the guarded transport. A file whose bytes do not hash to its name is
    /// refused and logged; the revision stays readable, its page saying the photo has
    /// not arrived.
    pub(crate) fn fetch_missing_media(&self, peer: &Peer, revisions: &[Revision]) {
        let mut wanted: Vec<(String, Vec<String>)> = Vec::new();
        for rev in revisions {
            for hash in domain::media::media_ids(&rev.body) {
                if !domain::media::is_media_hash(&hash) || wanted.iter().any(|(h, _)| *h == hash) {
                    continue;
                }
                let mut sources = vec![peer.info.url.clone()];
                if rev.origin_instance != peer.info.url {
                    sources.push(rev.origin_instance.clone());
                }
                wanted.push((hash, sources));
            }
        }
        if wanted.is_empty() {
            return;
        }
        let media = self.media.clone();
        let transport = self.transport.clone();
        let allow_private = self.allow_private();
        tokio::spawn(async move {
            let max = usize::try_from(media.limits().max_bytes).unwrap_or(usize::MAX);
            for (hash, sources) in wanted {
                if matches!(media.info(&hash).await, Ok(Some(_))) {
                    continue;
                }
                for source in sources {
                    let fetched = transport
                        .fetch_media(&source, &hash, max, allow_private)
                        .await;
                    match fetched {
                        Ok(bytes) => match media.store_fetched(&hash, bytes, &source).await {
                            Ok(_) => break,
                            Err(e) => tracing::warn!("media {hash} from {source} refused: {e}"),
                        },
                        Err(e) => tracing::warn!("cannot fetch media {hash} from {source}: {e}"),
                    }
                }
            }
        });
    }

    /// Whether all of a revision's parents are here or accepted earlier in its batch.
    pub(crate) async fn parents_here(
        &self,
        rev: &Revision,
        batch: &HashSet<String>,
        missing: &HashSet<String>,
    ) -> Result<bool> {
        for p in &rev.parents {
            if missing.contains(p) {
                return Ok(false);
            }
            if !batch.contains(p) && self.store().revision(p).await?.is_none() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Settles conflicts that the received revisions opened on the side of a preferred
    /// peer, where the merge rules leave a choice.
    pub(crate) async fn prefer(&self, entity_ids: &HashSet<String>) -> Result<()> {
        if entity_ids.is_empty() {
            return Ok(());
        }
        let preferred: HashSet<String> = self
            .store()
            .peers()
            .await?
            .into_iter()
            .filter(|p| p.trust == Trust::Preferred && p.state == PeerState::Connected)
            .map(|p| p.info.url)
            .collect();
        if preferred.is_empty() {
            return Ok(());
        }
        for id in entity_ids {
            self.knowledge.resolve_for_preferred(id, &preferred).await?;
        }
        Ok(())
    }

    pub(crate) async fn check_revision(&self, peer: &Peer, rev: &Revision) -> Result<()> {
        let refuse = |reason: &str| {
            tracing::warn!(revision = %rev.id, peer = %peer.info.url, "revision refused: {reason}");
            FederationError::RevisionRefused {
                id: rev.id.chars().take(80).collect(),
                reason: reason.to_string(),
            }
        };
        if rev.content_id() != rev.id {
            return Err(refuse("its id does not match its content"));
        }
        if rev.origin_instance == MERGE_AUTHOR || rev.origin_instance == SEED_ORIGIN {
            return Err(refuse(
                "merge and seed revisions are computed by each instance, not sent",
            ));
        }
        let key = self
            .origin_key(peer, &rev.origin_instance)
            .await
            .map_err(|e| refuse(&e))?;
        if !verify_signature(&key, rev.id.as_bytes(), &rev.signature) {
            return Err(refuse(
                "its signature does not verify with its origin's key",
            ));
        }
        Ok(())
    }

    /// The public key of a revision's origin: the peer's own, ours, a remembered one,
    /// or fetched from the origin's actor document (for relayed revisions).
    pub(crate) async fn origin_key(
        &self,
        peer: &Peer,
        origin: &str,
    ) -> std::result::Result<String, String> {
        if origin == peer.info.url {
            return Ok(peer.info.public_key.clone());
        }
        if origin == self.knowledge.public_url() {
            return Ok(self.knowledge.public_key_hex());
        }
        let store = self.store();
        if let Some(p) = store.peer_by_url(origin).await.map_err(|e| e.to_string())? {
            return Ok(p.info.public_key);
        }
        if let Some(k) = store
            .instance_key(origin)
            .await
            .map_err(|e| e.to_string())?
        {
            return Ok(k);
        }
        let doc = self
            .transport
            .fetch_actor(origin, self.allow_private())
            .await
            .map_err(|e| format!("cannot fetch the key of its origin {origin}: {e}"))?;
        let info = parse_actor(&doc)
            .filter(|i| i.url == origin)
            .ok_or_else(|| format!("its origin {origin} has no usable instance document"))?;
        store
            .put_instance_key(origin, &info.public_key, &info.name, &now_rfc3339())
            .await
            .map_err(|e| e.to_string())?;
        Ok(info.public_key)
    }

    /// Pulls from a connected peer until its log is exhausted; returns what came in.
    pub async fn pull_from(&self, peer: &Peer) -> Result<Received> {
        let mut total = Received::default();
        let mut cursor = peer.pull_cursor;
        loop {
            let page = match self
                .transport
                .pull(&peer.info.url, cursor, MAX_PULL, self.allow_private())
                .await
            {
                Ok(p) => p,
                Err(e) => {
                    self.store()
                        .peer_contact(&peer.id, &now_rfc3339(), Some(&e.to_string()), 0, 0)
                        .await?;
                    return Err(e.into());
                }
            };
            let r = self.receive(peer, page.revisions).await?;
            total.stored += r.stored;
            total.held += r.held;
            total.known += r.known;
            total.waiting += r.waiting;
            if r.waiting > 0 {
                // A gap in the peer's own log order: keep the cursor for the next round.
                break;
            }
            if page.next > cursor {
                cursor = page.next;
                self.store().set_pull_cursor(&peer.id, cursor).await?;
            }
            if !page.more {
                break;
            }
        }
        Ok(total)
    }

    /// The activity that carries a range of our log to a peer, or `None` when the
    /// range holds nothing for it.
    pub async fn announce(
        &self,
        peer: &Peer,
        after: i64,
        upto: i64,
    ) -> Result<Option<(Value, usize)>> {
        let revs: Vec<Revision> = self
            .store()
            .revisions_between(after, upto, &peer.info.url)
            .await?
            .into_iter()
            .map(|(_, r)| r)
            .filter(travels)
            .collect();
        if revs.is_empty() {
            return Ok(None);
        }
        let n = revs.len();
        let announce = Activity::Announce {
            actor: self.info().actor_url,
            object: RevisionBatch {
                after: Some(after),
                upto: Some(upto),
                revisions: revs,
            },
        };
        Ok(Some((announce.to_json(), n)))
    }
}

/// Whether a revision of our log goes to peers. Merge revisions and the seeded
/// categories' first revisions are computed by each instance.
fn travels(r: &Revision) -> bool {
    r.origin_instance != MERGE_AUTHOR && r.origin_instance != SEED_ORIGIN
}
