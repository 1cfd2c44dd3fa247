//! Write-contention load generator (figures in docs/benchmarks.md): one instance served
//! on a loopback port, CLIENTS concurrent HTTP clients editing ENTRIES things for
//! SECONDS. Each round reads the entry, then PATCHes or PUTs it with an If-Match of
//! the head just read (or, one time in four, of an older revision it saw), as
//! concurrent editors do. Prints the answers by status and the write latencies.
//!
//! Usage: thingdata-bench-contention DIR [SECONDS] [CLIENTS] [ENTRIES]
//! (DIR is emptied first; DATABASE_URL selects PostgreSQL instead of SQLite in DIR).

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1;
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use server::config::Settings;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

type Error = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("thingdata-bench-contention: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One keep-alive HTTP/1.1 connection with the admin's token.
struct Client {
    send: http1::SendRequest<Full<Bytes>>,
    host: String,
    token: String,
}

impl Client {
    async fn connect(addr: &str, token: &str) -> Result<Self, Error> {
        let stream = tokio::net::TcpStream::connect(addr).await?;
        let (send, conn) = http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(conn);
        Ok(Self {
            send,
            host: addr.to_string(),
            token: token.to_string(),
        })
    }

    async fn call(
        &mut self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        if_match: Option<&str>,
    ) -> Result<(u16, Value), Error> {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("host", &self.host)
            .header("authorization", format!("Bearer {}", self.token));
        if let Some(m) = if_match {
            req = req.header("if-match", m);
        }
        let body = match body {
            Some(b) => {
                req = req.header("content-type", "application/json");
                Full::new(Bytes::from(b.to_string()))
            }
            None => Full::new(Bytes::new()),
        };
        self.send.ready().await?;
        let res = self.send.send_request(req.body(body)?).await?;
        let status = res.status().as_u16();
        let bytes = res.into_body().collect().await?.to_bytes();
        Ok((
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        ))
    }
}

fn change(n: u64) -> Value {
    match n % 3 {
        0 => json!({"name": {"default": format!("Kettle {}", n % 7)}}),
        1 => json!({"properties": {"serial_number": format!("SN-{}", n % 5)}}),
        _ => json!({"description": {"default": format!("Boils water ({})", n % 4)}}),
    }
}

#[derive(Default)]
struct Tally {
    /// Write latencies in milliseconds by answer ("PATCH 409 conflict").
    statuses: BTreeMap<String, Vec<f64>>,
    write_ms: Vec<f64>,
}

async fn client(
    addr: String,
    token: String,
    paths: Vec<String>,
    until: Instant,
    seed: u64,
) -> Result<Tally, Error> {
    let mut c = Client::connect(&addr, &token).await?;
    let mut tally = Tally::default();
    let mut seen: Vec<Vec<String>> = vec![Vec::new(); paths.len()];
    let mut rng = seed | 1;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    while Instant::now() < until {
        let entry = (next() % paths.len() as u64) as usize;
        let path = &paths[entry];
        let (status, current) = c.call(Method::GET, path, None, None).await?;
        if status != 200 {
            tally
                .statuses
                .entry(format!("GET {status}"))
                .or_default()
                .push(0.0);
            continue;
        }
        let head = current["revision"].as_str().unwrap_or_default().to_string();
        let seen = &mut seen[entry];
        seen.push(head.clone());
        let base = if next() % 4 == 0 {
            seen[(next() % seen.len() as u64) as usize].clone()
        } else {
            head
        };
        let n = next();
        let started = Instant::now();
        let (method, status, body) = if n % 2 == 0 {
            let (s, b) = c
                .call(Method::PATCH, path, Some(&change(n >> 1)), Some(&base))
                .await?;
            ("PATCH", s, b)
        } else {
            let mut body = current.clone();
            service::knowledge::merge_patch(&mut body, &change(n >> 1));
            let (s, b) = c.call(Method::PUT, path, Some(&body), Some(&base)).await?;
            ("PUT", s, b)
        };
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        tally.write_ms.push(ms);
        let code = body["error"]["code"].as_str().unwrap_or("");
        tally
            .statuses
            .entry(format!("{method} {status} {code}").trim_end().to_string())
            .or_default()
            .push(ms);
    }
    Ok(tally)
}

const IDLE_SECONDS: u64 = 15;

/// This process's resident memory (the server and the load generator), from procfs:
/// all of it, then the heap (anonymous) and the mapped files (SQLite's mmap) apart.
fn resident() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map_or("unknown", str::trim)
            .to_string()
    };
    format!(
        "{} (heap {}, files {})",
        field("VmRSS:"),
        field("RssAnon:"),
        field("RssFile:")
    )
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

async fn run() -> Result<(), Error> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or("usage: thingdata-bench-contention DIR [SECONDS] [CLIENTS] [ENTRIES]")?;
    let mut number = |default: u64| -> Result<u64, Error> {
        Ok(args
            .next()
            .map(|s| s.parse())
            .transpose()?
            .unwrap_or(default))
    };
    let (seconds, clients, entries) = (number(30)?, number(64)?, number(4)?);
    let dir = Path::new(&dir);
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?.to_string();
    let limits = service::limits::Limits {
        api_per_token_per_minute: u32::MAX,
        ..Default::default()
    };
    let settings = Settings {
        bind: addr.clone(),
        database_url: std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()),
        data_dir: dir.to_path_buf(),
        public_url: Some(format!("http://{addr}")),
        site_root: dir.join("site"),
        secret_key: None,
        limits,
        trust_proxy: false,
        tls: None,
        media: Default::default(),
    };
    let state = server::app_state(&settings).await?;
    state
        .accounts
        .create_user("bench", "bench@example.org", "bench password 123", "admin")
        .await?;
    let token = state.accounts.create_token("bench", "bench").await?;
    let router = server::router::build(state.clone())
        .into_make_service_with_connect_info::<server::guard::PeerAddr>();
    tokio::spawn(async move { axum::serve(listener, router).await });

    let mut setup = Client::connect(&addr, &token).await?;
    let mut paths = Vec::new();
    for i in 0..entries {
        let thing = json!({
            "type": "device",
            "name": {"default": format!("Kettle {i}")},
            "manufacturer": {"name": "ACME"}
        });
        let (status, body) = setup
            .call(Method::POST, "/api/v1/things", Some(&thing), None)
            .await?;
        if status != 201 {
            return Err(format!("creating a thing answered {status}: {body}").into());
        }
        paths.push(format!(
            "/api/v1/things/{}",
            body["id"].as_str().unwrap_or_default()
        ));
    }
    let until = Instant::now() + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..clients)
        .map(|i| {
            tokio::spawn(client(
                addr.clone(),
                token.clone(),
                paths.clone(),
                until,
                0x9E37_79B9_7F4A_7C15 ^ (i + 1),
            ))
        })
        .collect();
    let mut all = Tally::default();
    for t in tasks {
        let tally = t.await??;
        for (k, v) in tally.statuses {
            all.statuses.entry(k).or_default().extend(v);
        }
        all.write_ms.extend(tally.write_ms);
    }
    all.write_ms.sort_by(f64::total_cmp);
    let writes = all.write_ms.len();
    println!(
        "{clients} clients, {entries} entries, {seconds} s on {}: {writes} writes ({:.0}/s)",
        if settings.database_url.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        writes as f64 / seconds as f64
    );
    for (k, v) in &mut all.statuses {
        v.sort_by(f64::total_cmp);
        println!(
            "  {k}: {} (p50 {:.1} ms, p99 {:.1} ms)",
            v.len(),
            percentile(v, 0.5),
            percentile(v, 0.99)
        );
    }
    println!(
        "  write latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&all.write_ms, 0.5),
        percentile(&all.write_ms, 0.9),
        percentile(&all.write_ms, 0.99),
        all.write_ms.last().copied().unwrap_or(f64::NAN)
    );
    println!("  resident memory at the end of the load: {}", resident());
    // Idle: the indexer catches up and the allocator has time to give memory back.
    tokio::time::sleep(Duration::from_secs(IDLE_SECONDS)).await;
    println!(
        "  resident memory after {IDLE_SECONDS} s idle: {}",
        resident()
    );
    Ok(())
}
