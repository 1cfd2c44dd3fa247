//! Federation between instances: peers with a connection state and a trust level, the
//! documents an instance publishes, signed requests, the exchange of revisions by the
//! trust rules as typed activities, revisions held for moderation, and the worker
//! that pushes and pulls.
//! The network is behind [`Transport`], so this crate knows nothing about HTTP.

mod activity;
pub mod documents;
mod error;
mod exchange;
mod held;
mod inbox;
mod peers;
pub mod signature;
mod transport;
pub mod worker;

pub use activity::{Activity, RevisionBatch};
pub use error::{FederationError, Result};
pub use exchange::{Received, BATCH, MAX_PULL};
pub use inbox::{Inbound, Signer};
pub use peers::normalize_url;
pub use transport::{RevisionPage, Transport, TransportError};

use crate::documents::local_info;
use domain::peer::{InstanceInfo, Origin, Provenance};
use serde_json::Value;
use service::instance::Instance;
use service::knowledge::Knowledge;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};
use storage::Store;

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

pub struct Federation {
    knowledge: Arc<Knowledge>,
    /// The federation tables: peers, the outbox, held revisions.
    store: Store,
    instance: Instance,
    transport: Arc<dyn Transport>,
    /// Where media files named by received revisions are kept once fetched.
    media: service::media::Media,
    /// Bumped to wake the federation worker (new peer, accept, trust change).
    wake: tokio::sync::watch::Sender<u64>,
}

impl Federation {
    pub fn new(
        knowledge: Arc<Knowledge>,
        store: Store,
        instance: Instance,
        transport: Arc<dyn Transport>,
        media: service::media::Media,
    ) -> Self {
        Self {
            knowledge,
            store,
            instance,
            transport,
            media,
            wake: tokio::sync::watch::Sender::new(0),
        }
    }

    pub fn knowledge(&self) -> &Arc<Knowledge> {
        &self.knowledge
    }

    pub(crate) fn store(&self) -> &Store {
        &self.store
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

    pub(crate) fn poke(&self) {
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

    /// Where an entry came from: its origin instance when it was created elsewhere (read
    /// off its URI, which names the origin), and the peer that delivered its current
    /// revision. `None` for entries made and last changed here.
    pub async fn provenance(&self, meta: &domain::EntityMeta) -> Result<Option<Provenance>> {
        let store = self.store();
        let suffix = format!("/{}/{}", meta.kind.plural(), meta.id);
        let web = |u: &str| u.starts_with("https://") || u.starts_with("http://");
        let elsewhere = match meta.uri.strip_suffix(&suffix) {
            Some(url) if url != self.knowledge.public_url() && web(url) => Some(url),
            _ => None,
        };
        // An address that signed with one of this instance's keys is this instance
        // before it moved (or demo data loaded before its address was set): not elsewhere.
        let elsewhere = match elsewhere {
            Some(url) => {
                let own = store.origin_keys(self.knowledge.public_url()).await?;
                let theirs = store.origin_keys(url).await?;
                (!theirs.iter().any(|k| own.contains(k))).then_some(url)
            }
            None => None,
        };
        let origin = match elsewhere {
            Some(url) => {
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
        let users = self.store().count_users().await?;
        let settings = self.instance.get();
        Ok(documents::nodeinfo(
            &self.info(),
            &counts,
            users,
            settings.registration == "open",
        ))
    }
}
