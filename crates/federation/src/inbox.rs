//! What peers post to us: authenticating signed requests and handling their activities.

use crate::activity::Activity;
use crate::documents::parse_actor;
use crate::peers::new_peer;
use crate::signature::{self, RequestParts, SignatureError, CLOCK_SKEW};
use crate::{now_ms, Federation, FederationError, Received, Result};
use domain::peer::{InstanceInfo, Peer, PeerState, Trust};
use domain::revision::now_rfc3339;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::time::SystemTime;

/// The instance that signed an inbound request.
#[derive(Clone, Debug)]
pub struct Signer {
    pub info: InstanceInfo,
    /// The peer row, when the instance is known.
    pub peer: Option<Peer>,
}

/// The headers of an inbound request that its authentication needs.
pub struct Inbound<'a> {
    pub parts: RequestParts<'a>,
    pub signature: Option<&'a str>,
    pub body: Option<&'a [u8]>,
}

impl Federation {
    /// Checks an inbound server-to-server request: signed over the right headers,
    /// within the clock window, not seen before, by a key we know or can fetch.
    pub async fn authenticate(&self, req: Inbound<'_>) -> Result<Signer> {
        let header = req.signature.ok_or(SignatureError::Missing)?;
        let sig = signature::parse(header)?;
        signature::check_request(&sig, &req.parts, req.body, SystemTime::now())?;
        let actor_url = sig.key_id.split('#').next().unwrap_or_default().to_string();
        let store = self.store();
        let peer = store.peer_by_actor(&actor_url).await?;
        if peer.as_ref().is_some_and(|p| p.trust == Trust::Blocked) {
            return Err(FederationError::Blocked);
        }
        let info = match &peer {
            Some(p) if signature::verify(&sig, &req.parts, &p.info.public_key).is_ok() => {
                p.info.clone()
            }
            // Unknown signers (a first connection request) and known ones whose key
            // changed are looked up at their own address.
            _ => {
                let doc = self
                    .transport
                    .fetch_actor(&actor_url, self.allow_private())
                    .await
                    .map_err(|e| {
                        FederationError::Unauthorized(format!("cannot fetch the signer's key: {e}"))
                    })?;
                let info = parse_actor(&doc)
                    .filter(|i| i.actor_url == actor_url)
                    .ok_or_else(|| {
                        FederationError::Unauthorized(
                            "the signer's actor document is not usable".into(),
                        )
                    })?;
                signature::verify(&sig, &req.parts, &info.public_key)?;
                if let Some(p) = &peer {
                    store.update_peer_info(&p.id, &info, &now_rfc3339()).await?;
                }
                info
            }
        };
        let hash = hex::encode(Sha256::digest(&sig.signature));
        let window = CLOCK_SKEW.as_millis() as i64;
        if !store
            .first_sighting(&hash, now_ms() + 2 * window, now_ms())
            .await?
        {
            return Err(FederationError::Replay);
        }
        if let Some(p) = &peer {
            store
                .peer_contact(&p.id, &now_rfc3339(), None, 0, 0)
                .await?;
            // It answers again: what waits for it need not wait out its back-off.
            if p.last_error.is_some() {
                store.deliveries_due_now(&p.id, now_ms()).await?;
                self.poke();
            }
        }
        let peer = match peer {
            Some(p) => self.store().peer(&p.id).await?,
            None => None,
        };
        Ok(Signer { info, peer })
    }

    /// Handles an activity posted to the inbox by an authenticated signer.
    pub async fn inbox(&self, signer: Signer, activity: &Value) -> Result<Received> {
        if activity.get("actor").and_then(Value::as_str) != Some(signer.info.actor_url.as_str()) {
            return Err(FederationError::Unauthorized(
                "the activity's actor is not the signer".into(),
            ));
        }
        let store = self.store();
        let now = now_rfc3339();
        match (Activity::parse(activity), signer.peer) {
            (Ok(Activity::Follow { .. }), None) => {
                store
                    .insert_peer(&new_peer(signer.info, PeerState::Pending))
                    .await?;
                Ok(Received::default())
            }
            (_, None) => Err(FederationError::Unauthorized("not a connected peer".into())),
            (Err(e), Some(_)) => Err(FederationError::BadActivity(e)),
            (Ok(Activity::Follow { .. }), Some(p)) => {
                match p.state {
                    // Both asked: that is agreement.
                    PeerState::Requested => {
                        self.connect(&p).await?;
                        self.send(&p, self.accept_of(&p)).await?;
                    }
                    PeerState::Connected => {
                        self.send(&p, self.accept_of(&p)).await?;
                    }
                    PeerState::Refused => {
                        store
                            .set_peer_state(&p.id, PeerState::Pending, &now)
                            .await?
                    }
                    PeerState::Pending | PeerState::Blocked => {}
                }
                Ok(Received::default())
            }
            (Ok(Activity::Accept { .. }), Some(p)) if p.state == PeerState::Requested => {
                self.connect(&p).await?;
                Ok(Received::default())
            }
            (Ok(Activity::Accept { .. }), Some(_)) => Ok(Received::default()),
            (Ok(Activity::Reject { .. }), Some(p)) => {
                if p.state != PeerState::Blocked {
                    store
                        .set_peer_state(&p.id, PeerState::Refused, &now)
                        .await?;
                }
                Ok(Received::default())
            }
            (Ok(Activity::Announce { object, .. }), Some(p)) if p.state == PeerState::Connected => {
                let received = self.receive(&p, object.revisions).await?;
                if let (Some(after), Some(upto)) = (object.after, object.upto) {
                    // A batch that continues where our pull stands moves the cursor on.
                    if received.waiting == 0 && after <= p.pull_cursor {
                        store.set_pull_cursor(&p.id, upto).await?;
                    }
                }
                if received.waiting > 0 {
                    self.poke();
                }
                Ok(received)
            }
            (Ok(Activity::Announce { .. }), Some(p)) => Err(FederationError::WrongState(p.state)),
        }
    }
}
