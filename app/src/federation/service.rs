//! The federation service: connecting to peers, trust, authenticating what peers send,
//! taking in their revisions by the trust rules, and serving our log to them. The
//! network is behind [`Transport`], so this module knows nothing about HTTP.

use super::documents::{self, local_info, parse_actor, ACTOR_PATH};
use super::signature::{self, RequestParts, SignatureError, CLOCK_SKEW};
use super::{InstanceInfo, Origin, Peer, PeerState, Provenance, Trust};
use crate::audit::Event;
use crate::instance::Instance;
use crate::revision::{now_rfc3339, verify_signature, Revision};
use crate::service::{Knowledge, ServiceError, MERGE_AUTHOR};
use crate::storage::{HeldRevision, StorageError};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// Revisions per pushed batch and per pull page.
pub const BATCH: i64 = 200;
pub const MAX_PULL: i64 = 1000;

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("{0} is a private or loopback address; an admin can allow such peers in the settings")]
    PrivateAddress(String),
    #[error("the peer did not answer in time")]
    Timeout,
    #[error("the peer's answer is larger than {0} bytes")]
    TooLarge(usize),
    #[error("the peer answered {status}: {message}")]
    Status { status: u16, message: String },
    #[error("cannot reach the peer: {0}")]
    Network(String),
    #[error("the peer's answer is not what ThingData expects: {0}")]
    Invalid(String),
}

/// One page of a peer's revision log, in log (causal) order.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct RevisionPage {
    pub revisions: Vec<Revision>,
    /// The cursor to ask with next.
    pub next: i64,
    pub more: bool,
}

/// How the federation service reaches other instances. Requests it makes are signed
/// with this instance's key by the implementation.
#[async_trait::async_trait]
pub trait Transport: Send + Sync {
    /// The actor document of the instance at `url` (its base URL or its actor URL).
    async fn fetch_actor(
        &self,
        url: &str,
        allow_private: bool,
    ) -> std::result::Result<Value, TransportError>;
    /// Posts an activity to an inbox.
    async fn deliver(
        &self,
        inbox_url: &str,
        activity: &Value,
        allow_private: bool,
    ) -> std::result::Result<(), TransportError>;
    /// A page of the peer's revision log after `since`.
    async fn pull(
        &self,
        peer_url: &str,
        since: i64,
        limit: i64,
        allow_private: bool,
    ) -> std::result::Result<RevisionPage, TransportError>;
}

#[derive(Debug, thiserror::Error)]
pub enum FederationError {
    #[error("{0}")]
    BadUrl(String),
    #[error("that is this instance's own address")]
    Yourself,
    #[error("{url} does not serve a ThingData instance document")]
    NotAnInstance { url: String },
    #[error(transparent)]
    Unreachable(#[from] TransportError),
    #[error("no peer with id {0}")]
    NotFound(String),
    #[error("the peer is {0}; that is not possible now")]
    WrongState(PeerState),
    #[error("this instance has blocked the peer")]
    Blocked,
    #[error("{0}")]
    Unauthorized(String),
    #[error("the request was already received (a replay)")]
    Replay,
    #[error("not a known activity: {0}")]
    BadActivity(String),
    #[error("revision {id} refused: {reason}")]
    RevisionRefused { id: String, reason: String },
    #[error("no held revision {0}")]
    NoHeld(String),
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<SignatureError> for FederationError {
    fn from(e: SignatureError) -> Self {
        FederationError::Unauthorized(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, FederationError>;

/// What a batch of received revisions came to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Received {
    pub stored: usize,
    pub held: usize,
    pub known: usize,
    /// Revisions whose parents are not here yet; a pull from the sender fills the gap.
    pub waiting: usize,
}

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

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// Normalizes an instance URL an admin typed: http(s), a host, no query; the path is
/// kept (instances may live under a prefix) without a trailing slash.
pub fn normalize_url(input: &str) -> Result<String> {
    let bad = |m: &str| FederationError::BadUrl(m.to_string());
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(bad(
            "enter the address of the other instance, such as https://repair.example",
        ));
    }
    if trimmed.len() > 300 {
        return Err(bad("the address is too long"));
    }
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_string()
    } else {
        format!("https://{trimmed}")
    };
    let url =
        url::Url::parse(&with_scheme).map_err(|e| bad(&format!("not a valid address: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("the address must start with https:// or http://"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("the address has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(bad(
            "the address must not have a query, fragment or user name",
        ));
    }
    let mut s = url.to_string();
    if let Some(stripped) = s.strip_suffix(ACTOR_PATH) {
        s = stripped.to_string();
    }
    Ok(s.trim_end_matches('/').to_string())
}

pub struct Federation {
    knowledge: Arc<Knowledge>,
    instance: Instance,
    transport: Arc<dyn Transport>,
    /// Bumped to wake the federation worker (new peer, accept, trust change).
    wake: tokio::sync::watch::Sender<u64>,
}

impl Federation {
    pub fn new(
        knowledge: Arc<Knowledge>,
        instance: Instance,
        transport: Arc<dyn Transport>,
    ) -> Self {
        Self {
            knowledge,
            instance,
            transport,
            wake: tokio::sync::watch::Sender::new(0),
        }
    }

    pub fn knowledge(&self) -> &Arc<Knowledge> {
        &self.knowledge
    }

    pub fn transport(&self) -> &Arc<dyn Transport> {
        &self.transport
    }

    pub fn allow_private(&self) -> bool {
        self.instance.allows_private_peers()
    }

    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.wake.subscribe()
    }

    fn poke(&self) {
        self.wake.send_modify(|n| *n += 1);
    }

    /// This instance as its actor document describes it.
    pub fn info(&self) -> InstanceInfo {
        local_info(
            self.knowledge.public_url(),
            &self.instance.get(),
            &self.knowledge.public_key_hex(),
        )
    }

    pub async fn peers(&self) -> Result<Vec<Peer>> {
        Ok(self.knowledge.store().peers().await?)
    }

    pub async fn peer(&self, id: &str) -> Result<Peer> {
        self.knowledge
            .store()
            .peer(id)
            .await?
            .ok_or_else(|| FederationError::NotFound(id.to_string()))
    }

    /// Fetches and reads the instance document at `url`.
    pub async fn look_up(&self, url: &str) -> Result<InstanceInfo> {
        let url = normalize_url(url)?;
        let doc = self
            .transport
            .fetch_actor(&url, self.allow_private())
            .await?;
        parse_actor(&doc).ok_or(FederationError::NotAnInstance { url })
    }

    fn activity(&self, kind: &str, object: Value) -> Value {
        let me = self.info().actor_url;
        json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": format!("{me}/activities/{}", uuid::Uuid::now_v7()),
            "type": kind,
            "actor": me,
            "object": object,
        })
    }

    async fn send(&self, peer: &Peer, activity: Value) -> Result<()> {
        self.knowledge
            .store()
            .enqueue_activity(&peer.id, &activity.to_string(), now_ms(), &now_rfc3339())
            .await?;
        self.poke();
        Ok(())
    }

    /// An admin asks the instance at `url` to connect: fetch its document, record it
    /// as requested and send the request.
    pub async fn request(&self, url: &str, admin: &str) -> Result<Peer> {
        if normalize_url(url)? == self.knowledge.public_url() {
            return Err(FederationError::Yourself);
        }
        let info = self.look_up(url).await?;
        if info.url == self.knowledge.public_url()
            || info.public_key == self.knowledge.public_key_hex()
        {
            return Err(FederationError::Yourself);
        }
        let store = self.knowledge.store();
        let now = now_rfc3339();
        let peer = match store.peer_by_url(&info.url).await? {
            Some(p) if p.trust == Trust::Blocked => return Err(FederationError::Blocked),
            Some(p) if p.state == PeerState::Connected => return Ok(p),
            Some(p) if p.state == PeerState::Pending => return self.accept(&p.id, admin).await,
            Some(p) => {
                store.update_peer_info(&p.id, &info, &now).await?;
                store
                    .set_peer_state(&p.id, PeerState::Requested, &now)
                    .await?;
                self.peer(&p.id).await?
            }
            None => {
                let p = new_peer(info, PeerState::Requested);
                store.insert_peer(&p).await?;
                p
            }
        };
        let follow = self.activity("Follow", json!(peer.info.actor_url));
        self.send(&peer, follow).await?;
        self.audit(admin, "peer.request", &peer, "").await?;
        self.peer(&peer.id).await
    }

    /// Accepts a pending connection request.
    pub async fn accept(&self, id: &str, admin: &str) -> Result<Peer> {
        let peer = self.peer(id).await?;
        if peer.state != PeerState::Pending {
            return Err(FederationError::WrongState(peer.state));
        }
        self.connect(&peer).await?;
        let accept = self.activity(
            "Accept",
            json!({ "type": "Follow", "actor": peer.info.actor_url }),
        );
        self.send(&peer, accept).await?;
        self.audit(admin, "peer.accept", &peer, "").await?;
        self.peer(id).await
    }

    /// Refuses a pending request, or ends a connection.
    pub async fn refuse(&self, id: &str, admin: &str) -> Result<Peer> {
        let peer = self.peer(id).await?;
        if !matches!(
            peer.state,
            PeerState::Pending | PeerState::Connected | PeerState::Requested
        ) {
            return Err(FederationError::WrongState(peer.state));
        }
        let store = self.knowledge.store();
        store
            .set_peer_state(id, PeerState::Refused, &now_rfc3339())
            .await?;
        let reject = self.activity(
            "Reject",
            json!({ "type": "Follow", "actor": peer.info.actor_url }),
        );
        self.send(&peer, reject).await?;
        self.audit(admin, "peer.refuse", &peer, "").await?;
        self.peer(id).await
    }

    /// Sets a peer's trust level; blocking also ends the connection.
    pub async fn set_trust(&self, id: &str, trust: Trust, admin: &str) -> Result<Peer> {
        let peer = self.peer(id).await?;
        let store = self.knowledge.store();
        let now = now_rfc3339();
        store.set_peer_trust(id, trust, &now).await?;
        if trust == Trust::Blocked {
            store.set_peer_state(id, PeerState::Blocked, &now).await?;
        } else if peer.state == PeerState::Blocked {
            store.set_peer_state(id, PeerState::Refused, &now).await?;
        }
        let detail = format!("{} → {}", peer.trust, trust);
        self.audit(admin, "peer.trust", &peer, &detail).await?;
        if trust.accepts() {
            self.release_held_from(id, trust).await?;
        }
        self.poke();
        self.peer(id).await
    }

    async fn connect(&self, peer: &Peer) -> Result<()> {
        let store = self.knowledge.store();
        store
            .set_peer_state(&peer.id, PeerState::Connected, &now_rfc3339())
            .await?;
        // What is already in our log reaches the peer by its pull; pushes start here.
        let upto = store.max_seq().await?;
        store.set_push_cursor(&peer.id, upto).await?;
        self.poke();
        Ok(())
    }

    async fn audit(
        &self,
        actor: &str,
        action: &'static str,
        peer: &Peer,
        detail: &str,
    ) -> Result<()> {
        let target = format!("peers/{} ({})", peer.id, peer.info.url);
        self.knowledge
            .audit()
            .record(Event::new(actor, action, &target).detail(detail))
            .await?;
        Ok(())
    }

    /// Checks an inbound server-to-server request: signed over the right headers,
    /// within the clock window, not seen before, by a key we know or can fetch.
    pub async fn authenticate(&self, req: Inbound<'_>) -> Result<Signer> {
        let header = req.signature.ok_or(SignatureError::Missing)?;
        let sig = signature::parse(header)?;
        signature::check_request(&sig, &req.parts, req.body, SystemTime::now())?;
        let actor_url = sig.key_id.split('#').next().unwrap_or_default().to_string();
        let store = self.knowledge.store();
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
            Some(p) => self.knowledge.store().peer(&p.id).await?,
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
        let kind = activity
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let store = self.knowledge.store();
        let now = now_rfc3339();
        match (kind, signer.peer) {
            ("Follow", None) => {
                store
                    .insert_peer(&new_peer(signer.info, PeerState::Pending))
                    .await?;
                Ok(Received::default())
            }
            ("Follow", Some(p)) => {
                match p.state {
                    // Both asked: that is agreement.
                    PeerState::Requested => {
                        self.connect(&p).await?;
                        let accept = self.activity(
                            "Accept",
                            json!({ "type": "Follow", "actor": p.info.actor_url }),
                        );
                        self.send(&p, accept).await?;
                    }
                    PeerState::Connected => {
                        let accept = self.activity(
                            "Accept",
                            json!({ "type": "Follow", "actor": p.info.actor_url }),
                        );
                        self.send(&p, accept).await?;
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
            ("Accept", Some(p)) if p.state == PeerState::Requested => {
                self.connect(&p).await?;
                Ok(Received::default())
            }
            ("Accept", Some(_)) => Ok(Received::default()),
            ("Reject", Some(p)) => {
                if p.state != PeerState::Blocked {
                    store
                        .set_peer_state(&p.id, PeerState::Refused, &now)
                        .await?;
                }
                Ok(Received::default())
            }
            ("Announce", Some(p)) if p.state == PeerState::Connected => {
                let object = activity.get("object").cloned().unwrap_or_default();
                let revisions: Vec<Revision> =
                    serde_json::from_value(object.get("revisions").cloned().unwrap_or_default())
                        .map_err(|e| FederationError::BadActivity(format!("revisions: {e}")))?;
                let received = self.receive(&p, revisions).await?;
                let after = object.get("after").and_then(Value::as_i64);
                let upto = object.get("upto").and_then(Value::as_i64);
                if let (Some(after), Some(upto)) = (after, upto) {
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
            ("Announce", Some(p)) => Err(FederationError::WrongState(p.state)),
            (_, None) => Err(FederationError::Unauthorized("not a connected peer".into())),
            (other, _) => Err(FederationError::BadActivity(
                other.chars().take(40).collect(),
            )),
        }
    }

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
        let store = self.knowledge.store();
        let page = store.revisions_after(since.max(0), limit).await?;
        let more = page.len() as i64 == limit;
        let next = page.last().map(|(s, _)| *s).unwrap_or(since.max(0));
        let revisions = page
            .into_iter()
            .map(|(_, r)| r)
            .filter(|r| r.origin_instance != peer.info.url && r.origin_instance != MERGE_AUTHOR)
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
        let store = self.knowledge.store();
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
                out.stored as i64,
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
    async fn store_accepted(&self, peer: &Peer, accepted: Vec<Revision>) -> Result<usize> {
        let source = Some((peer.id.as_str(), peer.trust));
        let n = accepted.len();
        match self.knowledge.receive_many(accepted.clone(), source).await {
            Ok(()) => Ok(n),
            Err(ServiceError::Invalid(_)) => {
                for rev in accepted {
                    self.knowledge.receive(rev, source).await?;
                }
                Ok(n)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Whether all of a revision's parents are here or accepted earlier in its batch.
    async fn parents_here(
        &self,
        rev: &Revision,
        batch: &HashSet<String>,
        missing: &HashSet<String>,
    ) -> Result<bool> {
        for p in &rev.parents {
            if missing.contains(p) {
                return Ok(false);
            }
            if !batch.contains(p) && self.knowledge.store().revision(p).await?.is_none() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Settles conflicts that the received revisions opened on the side of a preferred
    /// peer, where the merge rules leave a choice.
    async fn prefer(&self, entity_ids: &HashSet<String>) -> Result<()> {
        if entity_ids.is_empty() {
            return Ok(());
        }
        let preferred: HashSet<String> = self
            .knowledge
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

    async fn check_revision(&self, peer: &Peer, rev: &Revision) -> Result<()> {
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
        if rev.origin_instance == MERGE_AUTHOR {
            return Err(refuse(
                "merge revisions are computed by each instance, not sent",
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
    async fn origin_key(&self, peer: &Peer, origin: &str) -> std::result::Result<String, String> {
        if origin == peer.info.url {
            return Ok(peer.info.public_key.clone());
        }
        if origin == self.knowledge.public_url() {
            return Ok(self.knowledge.public_key_hex());
        }
        let store = self.knowledge.store();
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
                    self.knowledge
                        .store()
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
                self.knowledge
                    .store()
                    .set_pull_cursor(&peer.id, cursor)
                    .await?;
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
            .knowledge
            .store()
            .revisions_between(after, upto, &peer.info.url)
            .await?
            .into_iter()
            .map(|(_, r)| r)
            .filter(|r| r.origin_instance != MERGE_AUTHOR)
            .collect();
        if revs.is_empty() {
            return Ok(None);
        }
        let n = revs.len();
        let object =
            json!({ "type": "RevisionBatch", "after": after, "upto": upto, "revisions": revs });
        Ok(Some((self.activity("Announce", object), n)))
    }

    /// Revisions from untrusted peers waiting for review, oldest first.
    pub async fn held(&self, skip: i64, limit: i64) -> Result<(Vec<HeldRevision>, i64)> {
        Ok(self.knowledge.store().held_revisions(skip, limit).await?)
    }

    /// Publishes what a peer sent while it was untrusted, now that it is trusted more.
    async fn release_held_from(&self, peer_id: &str, trust: Trust) -> Result<()> {
        let store = self.knowledge.store();
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
        let store = self.knowledge.store();
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
        let store = self.knowledge.store();
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

    /// Where an entry came from: its origin instance when it was created elsewhere (read
    /// off its URI, which names the origin), and the peer that delivered its current
    /// revision. `None` for entries made and last changed here.
    pub async fn provenance(&self, meta: &crate::domain::EntityMeta) -> Result<Option<Provenance>> {
        let store = self.knowledge.store();
        let suffix = format!("/{}/{}", meta.kind.plural(), meta.id);
        let web = |u: &str| u.starts_with("https://") || u.starts_with("http://");
        let origin = match meta.uri.strip_suffix(&suffix) {
            Some(url) if url != self.knowledge.public_url() && web(url) => {
                let name = store
                    .instance_name(url)
                    .await?
                    .unwrap_or_else(|| url.to_string());
                Some(Origin {
                    url: url.to_string(),
                    name,
                    link: meta.uri.clone(),
                })
            }
            _ => None,
        };
        let delivered_by = store.revision_source(&meta.revision).await?;
        Ok(
            (origin.is_some() || delivered_by.is_some()).then_some(Provenance {
                origin,
                delivered_by,
            }),
        )
    }

    /// The documents for `/.well-known/nodeinfo`'s target.
    pub async fn nodeinfo(&self) -> Result<Value> {
        let counts = self.knowledge.counts().await?;
        let users = self.knowledge.store().count_users().await?;
        let settings = self.instance.get();
        Ok(documents::nodeinfo(
            &self.info(),
            &counts,
            users,
            settings.registration == "open",
        ))
    }
}

fn new_peer(info: InstanceInfo, state: PeerState) -> Peer {
    let now = now_rfc3339();
    Peer {
        id: uuid::Uuid::now_v7().to_string(),
        info,
        state,
        trust: Trust::Untrusted,
        last_contact: Some(now.clone()),
        last_error: None,
        revisions_in: 0,
        revisions_out: 0,
        pull_cursor: 0,
        push_cursor: 0,
        created_at: now.clone(),
        updated_at: now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_addresses_are_normalized_or_refused_with_a_reason() {
        let ok = |s: &str| normalize_url(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(ok("repair.example"), "https://repair.example");
        assert_eq!(ok(" http://127.0.0.1:8080/ "), "http://127.0.0.1:8080");
        assert_eq!(
            ok("https://a.example/federation/actor"),
            "https://a.example"
        );
        assert_eq!(ok("https://a.example/td/"), "https://a.example/td");
        for bad in [
            "",
            "ftp://a.example",
            "https://",
            "https://a.example/?x=1",
            "https://u@a.example",
        ] {
            assert!(normalize_url(bad).is_err(), "{bad}");
        }
    }
}
