//! Usage analytics that respect privacy: page views, searches and searches that found
//! nothing, counted per day in memory and added to the store every few seconds (the server's
//! background round), so a crash loses at most that much. Nothing
//! about a visitor is kept: no cookie, no address, no user agent, no account.

use crate::knowledge::Result;
use domain::usage::{UsageDay, UsageReport, SEARCH, SEARCH_EMPTY, VIEW};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use storage::Store;

/// Distinct (day, metric, item) counts held between flushes; beyond, new items wait.
const MAX_PENDING: usize = 10_000;
/// The longest query or page kept as an item.
const MAX_ITEM: usize = 100;
/// Items in the page's top lists.
pub const TOP: i64 = 20;

type Key = (String, &'static str, String);

pub struct Usage {
    store: Store,
    pending: Mutex<HashMap<Key, u64>>,
}

fn today() -> String {
    domain::revision::now_rfc3339().chars().take(10).collect()
}

/// A page's path with ids and hashes replaced by `:id`, so pages are counted by kind
/// (`/guides/:id`), never by anything a visitor typed into the address.
pub fn page_key(path: &str) -> String {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .take(3)
        .map(|s| {
            let id = (s.len() == 36 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-'))
                || (s.len() >= 16 && s.chars().all(|c| c.is_ascii_hexdigit()));
            if id {
                ":id"
            } else {
                s
            }
        })
        .collect();
    let key = format!("/{}", segments.join("/"));
    key.chars().take(MAX_ITEM).collect()
}

/// Whether a path is a page people read, rather than a file, an API call or a frame
/// on another site.
pub fn is_page(path: &str) -> bool {
    const NOT_PAGES: [&str; 6] = [
        "/api/",
        "/sfn/",
        "/pkg/",
        "/media/",
        "/impact/widget",
        "/s2s/",
    ];
    let last = path.rsplit('/').next().unwrap_or("");
    !NOT_PAGES.iter().any(|p| path.starts_with(p)) && !last.contains('.')
}

impl Usage {
    pub fn new(store: Store) -> Arc<Self> {
        Arc::new(Self {
            store,
            pending: Mutex::default(),
        })
    }

    fn add(&self, metric: &'static str, item: String) {
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        let key = (today(), metric, item);
        if pending.len() >= MAX_PENDING && !pending.contains_key(&key) {
            return;
        }
        *pending.entry(key).or_insert(0) += 1;
    }

    /// A page was shown (its path, without the query).
    pub fn page_view(&self, path: &str) {
        self.add(VIEW, page_key(path));
    }

    /// A search ran; one that found nothing keeps its words, folded.
    pub fn search(&self, query: &str, found: usize) {
        let q = query.split_whitespace().collect::<Vec<_>>().join(" ");
        if q.is_empty() {
            return;
        }
        self.add(SEARCH, String::new());
        if found == 0 {
            self.add(
                SEARCH_EMPTY,
                q.to_lowercase().chars().take(MAX_ITEM).collect(),
            );
        }
    }

    /// Adds what was counted since the last flush to the store.
    pub async fn flush(&self) -> Result<()> {
        let counts: Vec<storage::UsageCount> = {
            let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
            pending
                .drain()
                .map(|((day, metric, item), n)| (day, metric, item, n))
                .collect()
        };
        if counts.is_empty() {
            return Ok(());
        }
        if let Err(e) = self.store.add_usage(&counts).await {
            // Kept for the next flush rather than lost.
            let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
            for (day, metric, item, n) in counts {
                *pending.entry((day, metric, item)).or_insert(0) += n;
            }
            return Err(e.into());
        }
        Ok(())
    }

    /// The last `days` days (today included), with contributions made on this instance
    /// (`origin`, its public URL).
    pub async fn report(&self, days: u32, origin: &str) -> Result<UsageReport> {
        self.flush().await?;
        let days = i64::from(days.max(1));
        let start = time::OffsetDateTime::now_utc().date() - time::Duration::days(days - 1);
        let since = start.to_string();
        let mut by_day: BTreeMap<String, UsageDay> = (0..days)
            .map(|i| {
                let day = (start + time::Duration::days(i)).to_string();
                let empty = UsageDay {
                    day: day.clone(),
                    ..Default::default()
                };
                (day, empty)
            })
            .collect();
        for (day, metric, n) in self.store.usage_per_day(&since).await? {
            if let Some(u) = by_day.get_mut(&day) {
                match metric.as_str() {
                    VIEW => u.views = n,
                    SEARCH => u.searches = n,
                    SEARCH_EMPTY => u.empty_searches = n,
                    _ => {}
                }
            }
        }
        for (day, n) in self.store.contributions_per_day(origin, &since).await? {
            if let Some(u) = by_day.get_mut(&day) {
                u.contributions = n;
            }
        }
        Ok(UsageReport {
            days: by_day.into_values().rev().collect(),
            top_pages: self.store.usage_top(VIEW, &since, TOP).await?,
            empty_queries: self.store.usage_top(SEARCH_EMPTY, &since, TOP).await?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_by_kind_not_by_id() {
        assert_eq!(
            page_key("/guides/01a24678-7a5a-7080-920f-dd57b9d4a384/history"),
            "/guides/:id/history"
        );
        assert_eq!(page_key("/"), "/");
        assert_eq!(page_key("/impact"), "/impact");
        assert!(is_page("/things"));
        assert!(!is_page("/style.css"));
        assert!(!is_page("/api/v1/things"));
        assert!(!is_page("/impact/widget"));
    }
}
