//! What the usage page shows: counts per day and the top pages and unanswered searches,
//! with nothing about any visitor.

use serde::{Deserialize, Serialize};

/// The metrics counted per day.
pub const VIEW: &str = "view";
pub const SEARCH: &str = "search";
/// A search that found nothing; its item is the query as typed, folded.
pub const SEARCH_EMPTY: &str = "search_empty";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UsageDay {
    pub day: String,
    pub views: u64,
    pub searches: u64,
    pub empty_searches: u64,
    pub contributions: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UsageReport {
    /// Days counted, newest first, each day of the period present.
    pub days: Vec<UsageDay>,
    pub top_pages: Vec<(String, u64)>,
    pub empty_queries: Vec<(String, u64)>,
}
