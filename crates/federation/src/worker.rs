//! The federation worker: queues new log entries for connected peers, delivers the
//! outbox with retries and exponential back-off, and pulls from peers on start, on
//! connect, when a batch arrived with a gap, and periodically. Only one runs per
//! database: on PostgreSQL the holder of an advisory lock, on SQLite the one process.

use crate::{now_ms, Federation, BATCH};
use domain::peer::{Peer, PeerState, Trust};
use domain::revision::now_rfc3339;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use storage::Delivery;

/// How often peers are pulled from even when nothing asks for it.
pub const PULL_EVERY: Duration = Duration::from_secs(60);
/// A failed pull is tried again after this long.
const PULL_RETRY_MS: i64 = 2000;
/// The longest wait between delivery attempts.
const MAX_BACKOFF_MS: i64 = 15 * 60 * 1000;
/// The log is checked this often for entries other app nodes wrote.
const POLL: Duration = Duration::from_millis(500);

/// What `/health` shows of the worker.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct WorkerStatus {
    /// This process runs the deliveries (it holds the database's federation lock).
    pub leader: bool,
    pub outbox: i64,
    pub last_error: Option<String>,
}

pub struct Worker {
    status: RwLock<WorkerStatus>,
    stopping: tokio::sync::watch::Sender<bool>,
    task: std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Worker {
    pub fn status(&self) -> WorkerStatus {
        self.status.read().map(|s| s.clone()).unwrap_or_default()
    }

    fn set(&self, f: impl FnOnce(&mut WorkerStatus)) {
        if let Ok(mut s) = self.status.write() {
            f(&mut s);
        }
    }

    /// Stops after the current step.
    pub async fn shutdown(&self) {
        self.stopping.send_replace(true);
        let task = self.task.lock().ok().and_then(|mut t| t.take());
        if let Some(task) = task {
            let _ = task.await;
        }
    }
}

/// Back-off after `attempts` failures: 1 s, 2 s, 4 s … up to 15 minutes.
pub fn backoff_ms(attempts: i64) -> i64 {
    (1000i64 << attempts.clamp(0, 20)).min(MAX_BACKOFF_MS)
}

pub fn spawn_worker(fed: Arc<Federation>) -> Arc<Worker> {
    let worker = Arc::new(Worker {
        status: RwLock::default(),
        stopping: tokio::sync::watch::Sender::new(false),
        task: std::sync::Mutex::new(None),
    });
    let w = worker.clone();
    let task = tokio::spawn(async move { run(fed, w).await });
    if let Ok(mut t) = worker.task.lock() {
        *t = Some(task);
    }
    worker
}

async fn run(fed: Arc<Federation>, worker: Arc<Worker>) {
    let store = fed.store().clone();
    let mut stopping = worker.stopping.subscribe();
    let mut changed = store.subscribe();
    let mut poked = fed.subscribe();
    // Until we lead, another process does this work; try again now and then.
    let _leader = loop {
        match store.try_lead().await {
            Ok(Some(l)) => break l,
            Ok(None) => {}
            Err(e) => worker.set(|s| s.last_error = Some(e.to_string())),
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(5)) => {}
            _ = stopping.changed() => return,
        }
    };
    worker.set(|s| s.leader = true);
    let mut last_pull: HashMap<String, i64> = HashMap::new();
    let mut pull_now = true;
    loop {
        if *stopping.borrow() {
            return;
        }
        let result = step(&fed, &mut last_pull, pull_now).await;
        pull_now = false;
        let outbox = store.outbox_len().await.unwrap_or_default();
        worker.set(|s| {
            s.outbox = outbox;
            s.last_error = result.err();
        });
        let wait = match store.next_delivery_ms().await {
            Ok(Some(due)) => {
                Duration::from_millis((due - now_ms()).clamp(0, POLL.as_millis() as i64) as u64)
            }
            _ => POLL,
        };
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = changed.changed() => {}
            _ = poked.changed() => pull_now = true,
            _ = stopping.changed() => return,
        }
    }
}

/// One round: queue, deliver, pull. Errors are reported, and the round goes on.
async fn step(
    fed: &Federation,
    last_pull: &mut HashMap<String, i64>,
    pull_now: bool,
) -> Result<(), String> {
    let store = fed.store();
    let peers = store.peers().await.map_err(|e| e.to_string())?;
    let live: Vec<&Peer> = peers
        .iter()
        .filter(|p| p.state == PeerState::Connected && p.trust != Trust::Blocked)
        .collect();
    let upto = store.max_seq().await.map_err(|e| e.to_string())?;
    let now = now_rfc3339();
    let mut errors = Vec::new();
    for p in &live {
        if p.push_cursor < upto {
            if let Err(e) = store.enqueue_log(&p.id, upto, BATCH, now_ms(), &now).await {
                errors.push(e.to_string());
            }
        }
    }
    let due = store
        .due_deliveries(now_ms(), 100)
        .await
        .map_err(|e| e.to_string())?;
    let by_id: HashMap<&str, &Peer> = peers.iter().map(|p| (p.id.as_str(), p)).collect();
    for d in due {
        if let Err(e) = deliver(fed, &d, by_id.get(d.peer_id.as_str()).copied()).await {
            errors.push(e);
        }
    }
    for p in live {
        let due = last_pull
            .get(&p.id)
            .is_none_or(|t| now_ms() - t >= PULL_EVERY.as_millis() as i64);
        if due || pull_now {
            last_pull.insert(p.id.clone(), now_ms());
            if let Err(e) = fed.pull_from(p).await {
                // Soon again, not in a minute: the peer may only just have connected.
                let soon = now_ms() - PULL_EVERY.as_millis() as i64 + PULL_RETRY_MS;
                last_pull.insert(p.id.clone(), soon);
                errors.push(format!("pull from {}: {e}", p.info.url));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

async fn deliver(fed: &Federation, d: &Delivery, peer: Option<&Peer>) -> Result<(), String> {
    let store = fed.store();
    // A peer added after this round read the list is looked up, not taken for gone.
    let fresh = match peer {
        Some(_) => None,
        None => store.peer(&d.peer_id).await.map_err(|e| e.to_string())?,
    };
    let Some(peer) = peer.or(fresh.as_ref()) else {
        return store.delivered(d.id).await.map_err(|e| e.to_string());
    };
    let is_log = d.activity.is_empty();
    // Log ranges only go to live connections; activities (requests, answers) always.
    if peer.trust == Trust::Blocked || (is_log && peer.state != PeerState::Connected) {
        return store.delivered(d.id).await.map_err(|e| e.to_string());
    }
    let (activity, count) = if is_log {
        match fed.announce(peer, d.after_seq, d.upto_seq).await {
            Ok(Some(a)) => a,
            Ok(None) => return store.delivered(d.id).await.map_err(|e| e.to_string()),
            Err(e) => return Err(e.to_string()),
        }
    } else {
        match serde_json::from_str(&d.activity) {
            Ok(a) => (a, 0),
            Err(_) => return store.delivered(d.id).await.map_err(|e| e.to_string()),
        }
    };
    let now = now_rfc3339();
    match fed
        .transport()
        .deliver(&peer.info.inbox_url, &activity, fed.allow_private())
        .await
    {
        Ok(()) => {
            store.delivered(d.id).await.map_err(|e| e.to_string())?;
            store
                .peer_contact(&peer.id, &now, None, 0, count as i64)
                .await
                .map_err(|e| e.to_string())
        }
        Err(e) => {
            let msg = e.to_string();
            let next = now_ms() + backoff_ms(d.attempts);
            store
                .delivery_failed(d.id, next, &msg)
                .await
                .map_err(|e| e.to_string())?;
            store
                .peer_contact(&peer.id, &now, Some(&msg), 0, 0)
                .await
                .map_err(|e| e.to_string())?;
            Err(format!("delivery to {}: {msg}", peer.info.url))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_and_is_capped() {
        assert_eq!(backoff_ms(0), 1000);
        assert_eq!(backoff_ms(3), 8000);
        assert_eq!(backoff_ms(40), MAX_BACKOFF_MS);
    }
}
