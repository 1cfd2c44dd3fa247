//! The services pages and the API call: the knowledge service (writes, merges,
//! history, receiving revisions), accounts and sessions, the audit log, instance
//! settings, limits, and the instance's secrets and key at rest.

pub mod accounts;
pub mod audit;
pub mod factors;
pub mod impact;
pub mod instance;
pub mod keys;
pub mod knowledge;
pub mod limits;
pub mod media;
pub mod secrets;
pub mod sessions;
pub mod translations;
pub mod usage;

pub use knowledge::{Knowledge, ServiceError};
