//! Full-text search over things, stories and guides with Tantivy: multilingual,
//! faceted, typo tolerant, with graph walks. The index follows the revision log, so it
//! can always be rebuilt from the database and every app node keeps its own.

mod document;
mod engine;
pub mod graph;
mod index;
mod indexer;
mod neighbourhood;
mod parallel;
mod query;
mod resident;
mod schema;
mod tally;
mod taxonomy;

pub use index::{IndexStatus, Search, SearchError, Writer};
pub use indexer::{rebuild, spawn_indexer};
