//! Merge and history benchmarks (figures in docs/benchmarks.md):
//! 1. pure merges per second of stories with 50 steps (disjoint step edits),
//! 2. merges per second through the service (stale-base update → merge revision, SQLite),
//! 3. builds a thing with 1,000 revisions and prints its id, for the history page load test.
//!
//! Usage: thingdata-bench-merge   (database from the usual settings; prints `history-id <id>`)

use domain::merge::merge;
use domain::EntityKind;
use serde_json::{json, Value};
use server::config::Settings;
use std::process::ExitCode;
use std::time::Instant;

fn story(thing_id: &str, edited: Option<usize>, added: Option<usize>) -> Value {
    let mut steps: Vec<Value> = (0..50)
        .map(|i| {
            let text = if edited == Some(i) { format!("Step {i}, clarified") } else { format!("Step {i}") };
            json!({"id": format!("s{i:02}"), "order": i + 1, "description": {"default": text, "translations": {"de": format!("Schritt {i}")}},
                   "warnings": [], "tools": ["spudger"], "media": []})
        })
        .collect();
    if let Some(n) = added {
        steps.push(json!({"id": format!("new{n}"), "order": 51, "description": {"default": "Test it"}, "warnings": [], "tools": [], "media": []}));
    }
    json!({"thing_id": thing_id, "type": "repair", "title": {"default": "Long repair"}, "procedure": steps})
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("thingdata-bench-merge: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let base = story("t", None, None);
    let ours = story("t", Some(10), None);
    let theirs = story("t", None, Some(1));
    let n = 20_000;
    let started = Instant::now();
    for _ in 0..n {
        let m = merge(Some(&base), &[&ours, &theirs]);
        assert!(m.conflicts.is_empty());
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "pure-merge-50-steps {:.0} merges/s ({n} in {secs:.2} s)",
        f64::from(n) / secs
    );

    let settings = Settings::load(None, |k| std::env::var(k).ok())?;
    let k = server::open(&settings).await?;
    let thing = k
        .create(EntityKind::Thing, json!({"type": "device", "name": {"default": "Bench"}, "manufacturer": {"name": "ACME"}}), "bench")
        .await?;
    let tid = thing.meta.id.clone();
    let rounds: u32 = 300;
    let mut merged = 0;
    let started = Instant::now();
    for i in 0..rounds as usize {
        let s = k
            .create(EntityKind::Story, story(&tid, None, None), "bench")
            .await?;
        let base_rev = s.meta.revision.clone();
        k.update(
            EntityKind::Story,
            &s.meta.id,
            story(&tid, Some(i % 50), None),
            Some(base_rev.clone()),
            "a",
        )
        .await?;
        let saved = k
            .update(
                EntityKind::Story,
                &s.meta.id,
                story(&tid, None, Some(i)),
                Some(base_rev),
                "b",
            )
            .await?;
        merged += usize::from(saved.merged);
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "service-merge-50-steps {:.0} merges/s ({merged} merges of {rounds}, each with a create and a fast-forward, in {secs:.2} s)",
        f64::from(rounds) / secs
    );

    let mut body = thing.body.clone();
    let mut head = thing.meta.revision.clone();
    let started = Instant::now();
    for i in 0..999 {
        body["properties"]["serial_number"] = json!(format!("SN-{i}"));
        let saved = k
            .update(EntityKind::Thing, &tid, body.clone(), Some(head), "bench")
            .await?;
        head = saved.entity.meta.revision;
    }
    println!(
        "history-build 999 updates in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    println!("history-id {tid}");
    Ok(())
}
