//! Peers: normalizing their addresses, looking them up, connecting, trust levels.

use crate::activity::Activity;
use crate::documents::{parse_actor, ACTOR_PATH};
use crate::{now_ms, Federation, FederationError, Result};
use domain::peer::{InstanceInfo, Peer, PeerState, Trust};
use domain::revision::now_rfc3339;
use serde_json::{json, Value};
use service::audit::Event;

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

impl Federation {
    pub async fn peers(&self) -> Result<Vec<Peer>> {
        Ok(self.store().peers().await?)
    }

    pub async fn peer(&self, id: &str) -> Result<Peer> {
        self.store()
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

    /// Accepting `peer`'s connection request.
    pub(crate) fn accept_of(&self, peer: &Peer) -> Value {
        let me = self.info().actor_url;
        Activity::Accept {
            object: Activity::follow_of(&peer.info.actor_url, &me),
            actor: me,
        }
        .to_json()
    }

    pub(crate) async fn send(&self, peer: &Peer, activity: Value) -> Result<()> {
        self.store()
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
        let store = self.store();
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
        let follow = Activity::Follow {
            actor: self.info().actor_url,
            object: json!(peer.info.actor_url),
        };
        // Delivered at once rather than queued, so an admin whose request the other
        // side refuses (or cannot take) learns it now and can try again.
        let delivered = self
            .transport()
            .deliver(
                &peer.info.inbox_url,
                &follow.to_json(),
                self.allow_private(),
            )
            .await;
        let now = now_rfc3339();
        if let Err(e) = delivered {
            store
                .peer_contact(&peer.id, &now, Some(&e.to_string()), 0, 0)
                .await?;
            return Err(FederationError::NotDelivered(e));
        }
        store.peer_contact(&peer.id, &now, None, 0, 0).await?;
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
        self.send(&peer, self.accept_of(&peer)).await?;
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
        let store = self.store();
        store
            .set_peer_state(id, PeerState::Refused, &now_rfc3339())
            .await?;
        let me = self.info().actor_url;
        let reject = Activity::Reject {
            object: Activity::follow_of(&peer.info.actor_url, &me),
            actor: me,
        };
        self.send(&peer, reject.to_json()).await?;
        self.audit(admin, "peer.refuse", &peer, "").await?;
        self.peer(id).await
    }

    /// Sets a peer's trust level; blocking also ends the connection.
    pub async fn set_trust(&self, id: &str, trust: Trust, admin: &str) -> Result<Peer> {
        let peer = self.peer(id).await?;
        let store = self.store();
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

    pub(crate) async fn connect(&self, peer: &Peer) -> Result<()> {
        let store = self.store();
        store
            .set_peer_state(&peer.id, PeerState::Connected, &now_rfc3339())
            .await?;
        // What is already in our log reaches the peer by its pull; pushes start here.
        let upto = store.max_seq().await?;
        store.set_push_cursor(&peer.id, upto).await?;
        self.poke();
        Ok(())
    }

    pub(crate) async fn audit(
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
}

pub(crate) fn new_peer(info: InstanceInfo, state: PeerState) -> Peer {
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
