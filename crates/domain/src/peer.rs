//! Federation's shared shapes: peers with a connection state and a trust level, what an
//! instance says about itself, and where an entry came from.

use serde::{Deserialize, Serialize};

/// Where a connection between two instances stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeerState {
    /// We asked to connect; waiting for their admin.
    Requested,
    /// They asked to connect; waiting for ours.
    Pending,
    Connected,
    Refused,
    Blocked,
}

/// How far what a peer sends is believed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Trust {
    /// Refused; nothing is fetched from it or sent to it.
    Blocked,
    /// Its revisions wait in the moderation queue for an expert.
    Untrusted,
    /// Accepted and marked as from a verified peer.
    Verified,
    /// Accepted like local edits.
    Trusted,
    /// As trusted; on an automatic conflict its side is chosen where the rules allow.
    Preferred,
}

pub const TRUST_LEVELS: [Trust; 5] = [
    Trust::Untrusted,
    Trust::Verified,
    Trust::Trusted,
    Trust::Preferred,
    Trust::Blocked,
];

macro_rules! string_enum {
    ($t:ty { $($v:ident => $s:literal),* $(,)? }) => {
        impl $t {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),* }
            }
        }
        impl std::str::FromStr for $t {
            type Err = ();
            fn from_str(s: &str) -> Result<Self, ()> {
                match s { $($s => Ok(Self::$v),)* _ => Err(()) }
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum!(PeerState {
    Requested => "requested",
    Pending => "pending",
    Connected => "connected",
    Refused => "refused",
    Blocked => "blocked",
});

string_enum!(Trust {
    Blocked => "blocked",
    Untrusted => "untrusted",
    Verified => "verified",
    Trusted => "trusted",
    Preferred => "preferred",
});

impl Trust {
    /// Whether revisions from such a peer go in without review.
    pub fn accepts(self) -> bool {
        self >= Trust::Verified
    }
}

/// What an instance says about itself in its actor document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceInfo {
    /// Public URL: the `origin_instance` of its revisions.
    pub url: String,
    pub actor_url: String,
    pub inbox_url: String,
    pub name: String,
    pub description: String,
    pub languages: Vec<String>,
    /// Hex ed25519 public key.
    pub public_key: String,
    /// `thingdata/0.1.0`.
    pub software: String,
    pub capabilities: Vec<String>,
}

/// A peer as the admin pages and the API show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Peer {
    pub id: String,
    #[serde(flatten)]
    pub info: InstanceInfo,
    pub state: PeerState,
    pub trust: Trust,
    pub last_contact: Option<String>,
    pub last_error: Option<String>,
    pub revisions_in: i64,
    pub revisions_out: i64,
    pub pull_cursor: i64,
    pub push_cursor: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// Where an entry came from, for entries made on other instances or last changed by
/// a revision a peer delivered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// The instance the entry was created on, when that is not this one.
    pub origin: Option<Origin>,
    /// The peer that delivered the current version, and the trust it had then.
    pub delivered_by: Option<(String, Trust)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Origin {
    pub url: String,
    /// The instance's name as its peer entry or its fetched actor document gives it,
    /// else its address.
    pub name: String,
    /// The entry's page on its origin.
    pub link: String,
}
