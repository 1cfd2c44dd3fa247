//! Fills a database with N generated things (signed revisions and all) for benchmarks,
//! and writes a sample of their ids for the load generator.
//! Usage: thingdata-bench-seed COUNT IDS_FILE   (database from the usual settings)
//! With `THINGDATA_BENCH_LANGUAGES=en,de,fr,…` it first sets the instance's content
//! languages (so the translation queue tracks them), outdates one German name in
//! seven, and gives the sampled things page views.
//! With `THINGDATA_BENCH_TAXONOMY=1` it seeds the category taxonomy, files every thing
//! under a leaf category (one in ten under two), links the first 20,000 things into a
//! tree of `part_of` relationships (ten parts each), and writes the category ids to
//! `categories.txt` and well-linked things to `linked.txt` beside IDS_FILE.

use domain::EntityKind;
use serde_json::json;
use server::config::Settings;
use std::io::Write;
use std::process::ExitCode;

const BATCH: usize = 2000;
/// Things joined by `part_of` relationships when the taxonomy is seeded.
const LINKED: usize = 20_000;
const KINDS: [&str; 4] = ["device", "component", "material", "tool"];
const MAKERS: [&str; 8] = [
    "ACME", "Bosch", "Philips", "Miele", "DeLonghi", "Makita", "Lenovo", "Generic",
];
const NOUNS: [(&str, &str, &str); 6] = [
    ("Coffee machine", "Kaffeemaschine", "Cafetera"),
    ("Water pump", "Wasserpumpe", "Bomba de agua"),
    ("Laptop hinge", "Laptop-Scharnier", "Bisagra de portátil"),
    ("Drive belt", "Antriebsriemen", "Correa de transmisión"),
    ("Heating element", "Heizelement", "Resistencia"),
    (
        "Torx screwdriver",
        "Torx-Schraubendreher",
        "Destornillador Torx",
    ),
];

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(count), Some(ids_file)) = (
        args.get(1).and_then(|c| c.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: thingdata-bench-seed COUNT IDS_FILE");
        return ExitCode::from(2);
    };
    match seed(count, ids_file).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("thingdata-bench-seed: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn seed(count: usize, ids_file: &str) -> Result<(), Box<dyn std::error::Error>> {
    let settings = Settings::load(None, |k| std::env::var(k).ok())?;
    let (store, k) = server::open_parts(&settings).await?;
    let languages = std::env::var("THINGDATA_BENCH_LANGUAGES").ok();
    if let Some(list) = &languages {
        let instance = service::instance::Instance::load(store.clone()).await?;
        let mut s = instance.get();
        s.languages = domain::instance::InstanceSettings::parse_languages(list);
        instance.save(s, "bench", "127.0.0.1").await?;
    }
    let taxonomy = std::env::var("THINGDATA_BENCH_TAXONOMY").is_ok_and(|v| v == "1");
    let leaves = if taxonomy {
        k.seed_taxonomy().await?;
        let flat = domain::taxonomy::flatten(&k.category_tree("en").await?);
        let dir = std::path::Path::new(ids_file).with_file_name("");
        let all: Vec<&str> = flat.iter().map(|(id, _, _)| id.as_str()).collect();
        std::fs::write(dir.join("categories.txt"), all.join("\n") + "\n")?;
        let leaves: Vec<String> = flat
            .iter()
            .enumerate()
            .filter(|(n, (_, _, depth))| flat.get(n + 1).is_none_or(|next| next.2 <= *depth))
            .map(|(_, (id, _, _))| id.clone())
            .collect();
        leaves
    } else {
        Vec::new()
    };
    let mut linked = Vec::new();
    let stale = domain::translation::fingerprint("an older name");
    let mut sampled = Vec::new();
    let mut ids = std::io::BufWriter::new(std::fs::File::create(ids_file)?);
    let started = std::time::Instant::now();
    let mut done = 0;
    while done < count {
        let n = BATCH.min(count - done);
        let mut items = Vec::with_capacity(n);
        for i in done..done + n {
            let (en, de, es) = NOUNS[i % NOUNS.len()];
            let id = service::knowledge::new_id();
            if i % 100 == 0 {
                writeln!(ids, "{id}")?;
                sampled.push(id.clone());
            }
            let mut name = json!({"default": format!("{en} {i}"), "translations": {"de": format!("{de} {i}"), "es": format!("{es} {i}")}});
            if languages.is_some() && i % 7 == 0 {
                name["sources"] = json!({"de": stale});
            }
            let mut body = json!({
                "type": KINDS[i % KINDS.len()],
                "name": name,
                "manufacturer": {"name": MAKERS[i % MAKERS.len()]},
                "properties": {"materials": ["steel", "abs plastic"], "serial_number": format!("SN-{i:08}")}
            });
            if !leaves.is_empty() {
                let mut filed = vec![leaves[i % leaves.len()].clone()];
                if i % 10 == 0 {
                    filed.push(leaves[(i / 10 + 7) % leaves.len()].clone());
                }
                body["categories"] = json!(filed);
            }
            if taxonomy && i < LINKED {
                linked.push(id.clone());
            }
            items.push((id, body));
        }
        k.create_many(EntityKind::Thing, items, "bench").await?;
        done += n;
        if done % 100_000 == 0 || done == count {
            eprintln!("{done} things in {:.0?}", started.elapsed());
        }
    }
    ids.flush()?;
    if taxonomy {
        link_parts(&k, &linked, ids_file).await?;
    }
    if languages.is_some() {
        // Views from 1 to 997 on the sampled things, so the queue's order means something.
        let views: Vec<(String, i64, i64)> = sampled
            .into_iter()
            .enumerate()
            .map(|(n, id)| (id, (n * 7919 % 997 + 1) as i64, (n % 13) as i64))
            .collect();
        store.add_views(&views).await?;
    }
    Ok(())
}

/// Thing `n` is part of thing `n / 10`: a tree where each inner thing has a parent and
/// ten parts, so its 2-hop neighbourhood holds over a hundred entries. Writes the inner
/// things, the well-linked ones, to `linked.txt`.
async fn link_parts(
    k: &service::knowledge::Knowledge,
    things: &[String],
    ids_file: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let rels: Vec<(String, serde_json::Value)> = (1..things.len())
        .map(|n| {
            (
                service::knowledge::new_id(),
                json!({"source_type": "thing", "source_id": things[n], "target_type": "thing",
                       "target_id": things[n / 10], "relationship_type": "part_of",
                       "direction": "unidirectional"}),
            )
        })
        .collect();
    for chunk in rels.chunks(BATCH) {
        k.create_many(EntityKind::Relationship, chunk.to_vec(), "bench")
            .await?;
    }
    let inner = &things[1..things.len() / 100];
    let path = std::path::Path::new(ids_file).with_file_name("linked.txt");
    std::fs::write(path, inner.join("\n") + "\n")?;
    Ok(())
}
