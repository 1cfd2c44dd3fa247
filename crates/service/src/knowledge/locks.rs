//! One writer per entry at a time within this process. Writers on the same entry used
//! to race through read-head → write → settle and retry on a moved head; under many
//! concurrent writers the retries could run out (a 500) and each lost race cost a
//! round trip to the database. Queuing them here makes each write succeed first time;
//! the compare-and-set in storage still guards against other processes.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use tokio::sync::{Mutex, MutexGuard};

/// Entries hash onto a fixed set of stripes, so memory stays bounded whatever the
/// number of entries; two entries sharing a stripe only wait for each other.
const STRIPES: usize = 256;

pub(super) struct EntryLocks {
    stripes: Vec<Mutex<()>>,
}

impl EntryLocks {
    pub(super) fn new() -> Self {
        Self {
            stripes: (0..STRIPES).map(|_| Mutex::new(())).collect(),
        }
    }

    /// Waits until no other writer in this process holds `id`'s stripe.
    pub(super) async fn lock(&self, id: &str) -> MutexGuard<'_, ()> {
        let mut h = DefaultHasher::new();
        id.hash(&mut h);
        let stripe = (h.finish() % STRIPES as u64) as usize;
        self.stripes[stripe].lock().await
    }
}

#[cfg(test)]
mod tests {
    use super::EntryLocks;
    use std::time::Duration;

    #[tokio::test]
    async fn a_second_writer_on_the_same_entry_waits() {
        let locks = EntryLocks::new();
        let held = locks.lock("a").await;
        let waited = tokio::time::timeout(Duration::from_millis(50), locks.lock("a")).await;
        assert!(
            waited.is_err(),
            "the second lock was granted while the first was held"
        );
        drop(held);
        let granted = tokio::time::timeout(Duration::from_millis(50), locks.lock("a")).await;
        assert!(granted.is_ok(), "the lock was not released");
    }
}
