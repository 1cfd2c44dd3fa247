//! The federation layer's error type.

use crate::signature::SignatureError;
use crate::TransportError;
use domain::peer::PeerState;
use service::knowledge::ServiceError;
use storage::StorageError;

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
    #[error("the connection request was not delivered: {0}")]
    NotDelivered(TransportError),
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
