//! Fills a database with N generated things (signed revisions and all) for benchmarks,
//! and writes a sample of their ids for the load generator.
//! Usage: thingdata-bench-seed COUNT IDS_FILE   (database from the usual settings)
//! With `THINGDATA_BENCH_LANGUAGES=en,de,fr,…` it first sets the instance's content
//! languages (so the translation queue tracks them), outdates one German name in
//! seven, and gives the sampled things page views.

use domain::EntityKind;
use serde_json::json;
use server::config::Settings;
use std::io::Write;
use std::process::ExitCode;

const BATCH: usize = 2000;
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
            items.push((
                id,
                json!({
                    "type": KINDS[i % KINDS.len()],
                    "name": name,
                    "manufacturer": {"name": MAKERS[i % MAKERS.len()]},
                    "properties": {"materials": ["steel", "abs plastic"], "serial_number": format!("SN-{i:08}")}
                }),
            ));
        }
        k.create_many(EntityKind::Thing, items, "bench").await?;
        done += n;
        if done % 100_000 == 0 || done == count {
            eprintln!("{done} things in {:.0?}", started.elapsed());
        }
    }
    ids.flush()?;
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
