//! Federation benchmark (figures in docs/benchmarks.md): two instances, each with its
//! own SQLite database, served on loopback ports in this process and talking to each
//! other over signed HTTP exactly as separate servers would.
//! 1. Pull sync: A holds COUNT signed revisions; B connects and pulls them all, each
//!    one's id and signature verified on arrival. Prints revisions per second.
//! 2. Push latency: PUSHES saves on A, one after another; for each, the time until B
//!    serves it (B's store polled every millisecond). Prints p50/p99.
//!
//! Usage: thingdata-bench-federation DIR [COUNT] [PUSHES]   (DIR is emptied first)

use app::state::AppState;
use domain::peer::{PeerState, Trust};
use domain::EntityKind;
use serde_json::{json, Value};
use server::config::Settings;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const SEED_BATCH: usize = 2000;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("thingdata-bench-federation: {e}");
            ExitCode::FAILURE
        }
    }
}

type Error = Box<dyn std::error::Error>;

fn thing(i: usize) -> Value {
    json!({
        "type": "device",
        "name": {"default": format!("Bench appliance {i}"), "translations": {"de": format!("Testgerät {i}")}},
        "description": {"default": "A device made to be synced"},
        "manufacturer": {"name": "ACME"},
        "properties": {"materials": ["steel"]}
    })
}

/// An instance on its own port and data directory, with private peers allowed
/// (its peer is on loopback).
async fn start(name: &str, dir: &Path) -> Result<(AppState, String), Error> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    std::fs::create_dir_all(dir)?;
    let settings = Settings {
        bind: listener.local_addr()?.to_string(),
        database_url: None,
        data_dir: dir.to_path_buf(),
        public_url: Some(url.clone()),
        site_root: dir.join("site"),
        secret_key: None,
        limits: Default::default(),
        trust_proxy: false,
        tls: None,
        media: Default::default(),
    };
    let state = server::app_state(&settings).await?;
    let mut instance = state.instance.get();
    instance.name = name.to_string();
    instance.allow_private_peers = true;
    state.instance.save(instance, "bench", "").await?;
    let router = server::router::build(state.clone())
        .into_make_service_with_connect_info::<server::guard::PeerAddr>();
    let name = name.to_string();
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            eprintln!("{name} stopped serving: {e}");
        }
    });
    Ok((state, url))
}

/// Polls `check` every millisecond until it holds, up to `limit`.
async fn wait_for<F, Fut>(limit: Duration, mut check: F) -> Result<(), Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<bool, Error>>,
{
    let deadline = Instant::now() + limit;
    while !check().await? {
        if Instant::now() > deadline {
            return Err("timed out".into());
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    Ok(())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

async fn run() -> Result<(), Error> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or("usage: thingdata-bench-federation DIR [COUNT] [PUSHES]")?;
    let count: usize = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(100_000);
    let pushes: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(300);
    let dir = Path::new(&dir);
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    let (a, a_url) = start("A", &dir.join("a")).await?;
    let (b, b_url) = start("B", &dir.join("b")).await?;

    let started = Instant::now();
    for chunk in (0..count).collect::<Vec<_>>().chunks(SEED_BATCH) {
        let items = chunk
            .iter()
            .map(|i| (service::knowledge::new_id(), thing(*i)))
            .collect();
        a.knowledge
            .create_many(EntityKind::Thing, items, "bench")
            .await?;
    }
    let on_a = a.knowledge.log_head().await?;
    println!(
        "seeded A with {count} things ({on_a} revisions) in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // B asks, A accepts and trusts B; B trusts A. B's worker then pulls A's log.
    let started = Instant::now();
    let on_b = b.federation.request(&a_url, "bench").await?;
    let deadline = Instant::now() + Duration::from_secs(30);
    let on_a_peer = loop {
        let pending = a
            .federation
            .peers()
            .await?
            .into_iter()
            .find(|p| p.info.url == b_url && p.state == PeerState::Pending);
        match pending {
            Some(p) => break p,
            None if Instant::now() > deadline => return Err("no request reached A".into()),
            None => tokio::time::sleep(Duration::from_millis(5)).await,
        }
    };
    a.federation
        .set_trust(&on_a_peer.id, Trust::Trusted, "bench")
        .await?;
    b.federation
        .set_trust(&on_b.id, Trust::Trusted, "bench")
        .await?;
    a.federation.accept(&on_a_peer.id, "bench").await?;
    let count_i64 = count as i64;
    wait_for(Duration::from_secs(3600), || {
        let b = &b;
        async move { Ok(b.knowledge.counts().await?.things >= count_i64) }
    })
    .await?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "pull sync: {count} revisions in {secs:.1} s = {:.0} revisions/s (ids and signatures verified)",
        count as f64 / secs
    );

    let mut latencies = Vec::with_capacity(pushes);
    for i in 0..pushes {
        let started = Instant::now();
        let saved = a
            .knowledge
            .create(EntityKind::Thing, thing(count + i), "bench")
            .await?;
        let id = saved.meta.id;
        wait_for(Duration::from_secs(60), || {
            let b = &b;
            let id = &id;
            async move { Ok(b.knowledge.head(EntityKind::Thing, id).await?.is_some()) }
        })
        .await?;
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    latencies.sort_by(f64::total_cmp);
    println!(
        "push latency, save on A to stored on B, {pushes} saves: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        latencies.last().copied().unwrap_or(f64::NAN)
    );
    a.federation_worker.shutdown().await;
    b.federation_worker.shutdown().await;
    Ok(())
}
