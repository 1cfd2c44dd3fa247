//! How the federation service reaches other instances: the transport trait and its errors.
//! The HTTP implementation lives with the server, so this crate knows nothing about HTTP.

use domain::revision::Revision;
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
    /// The stored original of a media file from the instance at `base_url`, at most
    /// `max_bytes` long. The caller checks its hash.
    async fn fetch_media(
        &self,
        base_url: &str,
        hash: &str,
        max_bytes: usize,
        allow_private: bool,
    ) -> std::result::Result<Vec<u8>, TransportError>;
}
