//! Search benchmark: seeds COUNT generated things, stories and guides in several
//! languages (with part_of and made_of relationships), builds the search index from
//! them, and measures query latency for plain text, faceted and 2-hop relationship
//! searches; with a PostgreSQL URL it also loads the same text into a tsvector + GIN
//! table and measures the same text queries there.
//! Usage: thingdata-bench-search COUNT [POSTGRES_URL]   (database from the usual settings)

use domain::search::SearchRequest;
use domain::EntityKind;
use search::Search;
use serde_json::{json, Value};
use server::config::Settings;
use sqlx::{Connection, Executor, Row};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

const BATCH: usize = 2000;
const QUERIES: usize = 400;

/// (en, de, fr, es, nl) of repair vocabulary; the generator combines them.
const OBJECTS: [[&str; 5]; 12] = [
    [
        "coffee machine",
        "Kaffeemaschine",
        "machine à café",
        "cafetera",
        "koffiemachine",
    ],
    [
        "washing machine",
        "Waschmaschine",
        "lave-linge",
        "lavadora",
        "wasmachine",
    ],
    [
        "laptop",
        "Laptop",
        "ordinateur portable",
        "portátil",
        "laptop",
    ],
    ["bicycle", "Fahrrad", "vélo", "bicicleta", "fiets"],
    [
        "vacuum cleaner",
        "Staubsauger",
        "aspirateur",
        "aspiradora",
        "stofzuiger",
    ],
    [
        "kettle",
        "Wasserkocher",
        "bouilloire",
        "hervidor",
        "waterkoker",
    ],
    [
        "toaster",
        "Toaster",
        "grille-pain",
        "tostadora",
        "broodrooster",
    ],
    [
        "hair dryer",
        "Haartrockner",
        "sèche-cheveux",
        "secador",
        "haardroger",
    ],
    [
        "smartphone",
        "Smartphone",
        "téléphone",
        "teléfono",
        "telefoon",
    ],
    [
        "stand mixer",
        "Küchenmaschine",
        "robot pâtissier",
        "batidora",
        "keukenmachine",
    ],
    [
        "dishwasher",
        "Geschirrspüler",
        "lave-vaisselle",
        "lavavajillas",
        "vaatwasser",
    ],
    [
        "drill",
        "Bohrmaschine",
        "perceuse",
        "taladro",
        "boormachine",
    ],
];
const PARTS: [[&str; 5]; 12] = [
    ["pump", "Pumpe", "pompe", "bomba", "pomp"],
    ["hinge", "Scharnier", "charnière", "bisagra", "scharnier"],
    ["battery", "Akku", "batterie", "batería", "accu"],
    [
        "drive belt",
        "Antriebsriemen",
        "courroie",
        "correa",
        "aandrijfriem",
    ],
    [
        "heating element",
        "Heizelement",
        "résistance",
        "resistencia",
        "verwarmingselement",
    ],
    [
        "thermostat",
        "Thermostat",
        "thermostat",
        "termostato",
        "thermostaat",
    ],
    [
        "carbon brushes",
        "Kohlebürsten",
        "balais de charbon",
        "escobillas",
        "koolborstels",
    ],
    [
        "brake pads",
        "Bremsbeläge",
        "plaquettes de frein",
        "pastillas de freno",
        "remblokken",
    ],
    ["display", "Bildschirm", "écran", "pantalla", "scherm"],
    ["gear", "Zahnrad", "engrenage", "engranaje", "tandwiel"],
    ["seal", "Dichtung", "joint", "junta", "afdichting"],
    [
        "switch",
        "Schalter",
        "interrupteur",
        "interruptor",
        "schakelaar",
    ],
];
const ACTIONS: [[&str; 5]; 6] = [
    [
        "Replacing the",
        "tauschen:",
        "Remplacer",
        "Cambiar",
        "vervangen:",
    ],
    [
        "Cleaning the",
        "reinigen:",
        "Nettoyer",
        "Limpiar",
        "schoonmaken:",
    ],
    [
        "Repairing the",
        "reparieren:",
        "Réparer",
        "Reparar",
        "repareren:",
    ],
    ["Testing the", "prüfen:", "Tester", "Probar", "testen:"],
    [
        "Descaling the",
        "entkalken:",
        "Détartrer",
        "Descalcificar",
        "ontkalken:",
    ],
    [
        "Lubricating the",
        "schmieren:",
        "Lubrifier",
        "Lubricar",
        "smeren:",
    ],
];
const LANGS: [&str; 5] = ["en", "de", "fr", "es", "nl"];
const MAKERS: [&str; 10] = [
    "ACME", "Bosch", "Philips", "Miele", "DeLonghi", "Makita", "Lenovo", "Braun", "Trek", "Generic",
];
const MATERIALS: [&str; 8] = [
    "aluminium",
    "stainless steel",
    "abs plastic",
    "copper",
    "glass",
    "rubber",
    "brass",
    "oak",
];
const THING_TYPES: [&str; 3] = ["device", "component", "tool"];

/// A small deterministic generator, so every run builds the same data set.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn localized(words: &[&str; 5], prefix: Option<&[&str; 5]>, i: usize) -> Value {
    let text = |l: usize| match (prefix, l) {
        (Some(p), 0 | 2 | 3) => format!("{} {} #{i}", p[l], words[l]),
        (Some(p), _) => format!("{} {} #{i}", words[l], p[l]),
        (None, _) => format!("{} #{i}", words[l]),
    };
    // Each entry has English and two more of the languages.
    let a = 1 + i % 4;
    let b = 1 + (i / 4) % 4;
    let mut tr = serde_json::Map::new();
    for l in [a, b] {
        tr.insert(LANGS[l].to_string(), json!(text(l)));
    }
    json!({"default": text(0), "translations": tr})
}

fn step(rng: &mut Rng, order: usize, i: usize) -> Value {
    let o = &OBJECTS[rng.below(OBJECTS.len())];
    let p = &PARTS[rng.below(PARTS.len())];
    json!({"order": order, "description": localized(p, Some(o), i),
           "tools": [format!("Torx T{}", 5 + rng.below(25))]})
}

async fn seed(
    k: &service::knowledge::Knowledge,
    count: usize,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let things_n = count / 2;
    let mut things: Vec<String> = Vec::with_capacity(things_n);
    let started = Instant::now();
    let mut made = 0;
    while things.len() < things_n {
        let n = BATCH.min(things_n - things.len());
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            let i = things.len() + items.len();
            let o = &OBJECTS[rng.below(OBJECTS.len())];
            let p = &PARTS[rng.below(PARTS.len())];
            let (name, kind) = if i.is_multiple_of(3) {
                (localized(o, None, i), THING_TYPES[0])
            } else {
                (localized(p, None, i), THING_TYPES[1 + i % 2])
            };
            let materials = [MATERIALS[rng.below(8)], MATERIALS[rng.below(8)]];
            items.push((
                service::knowledge::new_id(),
                json!({"type": kind, "name": name, "description": localized(p, Some(o), i),
                       "manufacturer": {"name": MAKERS[rng.below(MAKERS.len())]},
                       "properties": {"materials": materials}}),
            ));
        }
        things.extend(items.iter().map(|(id, _)| id.clone()));
        made += k.create_many(EntityKind::Thing, items, "bench").await?;
    }
    eprintln!("{made} things in {:.0?}", started.elapsed());
    let rest = count - things_n;
    for (kind, n) in [
        (EntityKind::Story, rest * 3 / 5),
        (EntityKind::Guide, rest - rest * 3 / 5),
    ] {
        let mut done = 0;
        while done < n {
            let b = BATCH.min(n - done);
            let mut items = Vec::with_capacity(b);
            for j in 0..b {
                let i = done + j;
                let o = &OBJECTS[rng.below(OBJECTS.len())];
                let p = &PARTS[rng.below(PARTS.len())];
                let a = &ACTIONS[rng.below(ACTIONS.len())];
                let thing = &things[rng.below(things.len())];
                let title = localized(p, Some(a), i);
                let story_type = ["repair", "maintenance", "diagnosis"][i % 3];
                let guide_type = ["manual", "tutorial", "specification"][i % 3];
                let category = ["appliances", "electronics", "bicycles"][i % 3];
                let body = match kind {
                    EntityKind::Story => json!({"type": story_type,
                        "thing_id": thing, "title": title, "summary": localized(p, Some(o), i),
                        "procedure": [step(&mut rng, 1, i), step(&mut rng, 2, i)]}),
                    _ => json!({"type": {"primary": guide_type},
                        "thing_category": {"category": category},
                        "content": {"title": title, "summary": localized(p, Some(o), i),
                                    "requirements": {"tools": [format!("Torx T{}", 5 + i % 25)], "materials": [MATERIALS[i % 8]]},
                                    "procedure": [step(&mut rng, 1, i)]}}),
                };
                items.push((service::knowledge::new_id(), body));
            }
            done += k.create_many(kind, items, "bench").await?;
        }
        eprintln!("{n} {} in {:.0?}", kind.plural(), started.elapsed());
    }
    // Components are part of devices; every tenth thing is made of a material thing.
    let mut rels = Vec::new();
    for (i, t) in things.iter().enumerate() {
        if i % 3 != 0 && i >= 3 {
            let device = &things[(i / 3) * 3];
            rels.push(json!({"source_type": "thing", "source_id": t, "target_type": "thing", "target_id": device,
                             "relationship_type": "part_of", "direction": "unidirectional"}));
        }
        if i % 10 == 5 {
            let material = &things[1 + 3 * rng.below(30)];
            if material != t {
                rels.push(json!({"source_type": "thing", "source_id": t, "target_type": "thing", "target_id": material,
                                 "relationship_type": "made_of", "direction": "unidirectional"}));
            }
        }
    }
    for chunk in rels.chunks(BATCH) {
        let items = chunk
            .iter()
            .map(|r| (service::knowledge::new_id(), r.clone()))
            .collect();
        k.create_many(EntityKind::Relationship, items, "bench")
            .await?;
    }
    eprintln!("{} relationships in {:.0?}", rels.len(), started.elapsed());
    Ok(things)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn line(name: &str, mut times: Vec<Duration>, hits: usize) -> (Duration, Duration) {
    times.sort();
    let (p50, p99) = (percentile(&times, 0.5), percentile(&times, 0.99));
    let mean = times.iter().sum::<Duration>() / times.len().max(1) as u32;
    println!(
        "| {name} | {} | {:.2} ms | {:.2} ms | {:.2} ms | {hits} |",
        times.len(),
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        mean.as_secs_f64() * 1e3
    );
    (p50, p99)
}

/// Query words: a part, sometimes with an object, in a random language; every tenth
/// with a typo (two letters swapped).
fn text_queries(rng: &mut Rng) -> Vec<(String, String)> {
    (0..QUERIES)
        .map(|i| {
            let l = rng.below(LANGS.len());
            let p = PARTS[rng.below(PARTS.len())][l].to_lowercase();
            let mut q = if i % 2 == 0 {
                format!(
                    "{p} {}",
                    OBJECTS[rng.below(OBJECTS.len())][l].to_lowercase()
                )
            } else {
                p
            };
            if i % 10 == 9 && q.is_ascii() && q.len() > 5 {
                let mut b = q.into_bytes();
                b.swap(2, 3);
                q = String::from_utf8(b).unwrap_or_default();
            }
            (q, LANGS[l].to_string())
        })
        .collect()
}

async fn run_searches(
    search: &Arc<Search>,
    reqs: Vec<SearchRequest>,
) -> Result<(Vec<Duration>, usize), Box<dyn std::error::Error>> {
    for r in reqs.iter().take(50) {
        search.run(r.clone()).await?;
    }
    let mut times = Vec::with_capacity(reqs.len());
    let mut slowest: Vec<(Duration, String, usize)> = Vec::new();
    let mut hits = 0;
    for r in reqs {
        let q = r.q.clone();
        let t = Instant::now();
        let res = search.run(r).await?;
        let took = t.elapsed();
        times.push(took);
        hits += res.total;
        slowest.push((took, q, res.total));
    }
    // The tail, on standard error: what the p99 is made of.
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    for (took, q, total) in slowest.iter().take(5) {
        eprintln!(
            "  slow: {:.2} ms {q:?} ({total} hits)",
            took.as_secs_f64() * 1e3
        );
    }
    Ok((times, hits / QUERIES))
}

fn all_text(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => {
            out.push_str(s);
            out.push(' ');
        }
        Value::Array(a) => a.iter().for_each(|x| all_text(x, out)),
        Value::Object(o) => o
            .iter()
            .filter(|(k, _)| !k.ends_with("_id") && k.as_str() != "id")
            .for_each(|(_, x)| all_text(x, out)),
        _ => {}
    }
}

async fn postgres(
    url: &str,
    store: &storage::Store,
    queries: &[(String, String)],
) -> Result<(Duration, Duration), Box<dyn std::error::Error>> {
    let mut pg = sqlx::PgConnection::connect(url).await?;
    let loaded: i64 = match pg
        .fetch_optional("SELECT count(*) AS n FROM bench_fts")
        .await
    {
        Ok(Some(r)) => r.try_get("n")?,
        _ => 0,
    };
    let counts = store.counts().await?;
    let expected = counts.things + counts.stories + counts.guides;
    if loaded != expected {
        let started = Instant::now();
        pg.execute("DROP TABLE IF EXISTS bench_fts").await?;
        pg.execute("CREATE TABLE bench_fts (id text PRIMARY KEY, doc tsvector NOT NULL)")
            .await?;
        for kind in [EntityKind::Thing, EntityKind::Story, EntityKind::Guide] {
            let mut after = String::new();
            loop {
                let rows = store.rows_after(kind, &after, 1000).await?;
                let Some(last) = rows.last() else { break };
                after = last.meta.id.clone();
                let mut ids = Vec::with_capacity(rows.len());
                let mut texts = Vec::with_capacity(rows.len());
                for r in &rows {
                    let mut t = String::new();
                    all_text(&r.body, &mut t);
                    ids.push(r.meta.id.clone());
                    texts.push(t);
                }
                sqlx::query(
                    "INSERT INTO bench_fts (id, doc) SELECT i, to_tsvector('simple', t) \
                     FROM unnest($1::text[], $2::text[]) AS x(i, t)",
                )
                .bind(&ids)
                .bind(&texts)
                .execute(&mut pg)
                .await?;
            }
        }
        pg.execute("CREATE INDEX bench_fts_doc ON bench_fts USING gin (doc)")
            .await?;
        pg.execute("ANALYZE bench_fts").await?;
        println!(
            "PostgreSQL: loaded {expected} documents with a GIN index in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let sql =
        "SELECT id, count(*) OVER () AS total FROM bench_fts, plainto_tsquery('simple', $1) q \
               WHERE doc @@ q ORDER BY ts_rank(doc, q) DESC LIMIT 20";
    for (q, _) in queries.iter().take(50) {
        sqlx::query(sql).bind(q).fetch_all(&mut pg).await?;
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut hits = 0usize;
    for (q, _) in queries {
        let t = Instant::now();
        let rows = sqlx::query(sql).bind(q).fetch_all(&mut pg).await?;
        times.push(t.elapsed());
        hits += rows
            .first()
            .and_then(|r| r.try_get::<i64, _>("total").ok())
            .unwrap_or(0) as usize;
    }
    Ok(line(
        "PostgreSQL full text (same text queries, top 20 by ts_rank + total)",
        times,
        hits / queries.len().max(1),
    ))
}

async fn bench(count: usize, pg: Option<&str>) -> Result<(), Box<dyn std::error::Error>> {
    let settings = Settings::load(None, |k| std::env::var(k).ok())?;
    let (store, k) = server::open_parts(&settings).await?;
    let counts = k.counts().await?;
    let mut things = if (counts.things + counts.stories + counts.guides) as usize >= count {
        eprintln!("reusing the seeded database");
        Vec::new()
    } else {
        seed(&k, count).await?
    };
    if things.is_empty() {
        let mut after = String::new();
        loop {
            let rows = store.rows_after(EntityKind::Thing, &after, 5000).await?;
            let Some(last) = rows.last() else { break };
            after = last.meta.id.clone();
            things.extend(rows.into_iter().map(|r| r.meta.id));
        }
    }
    let dir = settings.data_dir.join("search-bench");
    // BENCH_KEEP_INDEX=1 reuses the index of an earlier run (to compare query changes
    // quickly); by default it is rebuilt and timed.
    let keep = std::env::var_os("BENCH_KEEP_INDEX").is_some();
    if !keep {
        let _ = std::fs::remove_dir_all(&dir);
    }
    let (search, writer) = Search::open(&dir, store.clone())?;
    let started = Instant::now();
    let rebuilt = !keep || search.status().documents == 0;
    if rebuilt {
        search::rebuild(&search, &writer, &store, |_, _| {}).await?;
    }
    let built = started.elapsed();
    let docs = search.status().documents;
    // Queries are measured on the settled index, not while background merges run.
    let settling = Instant::now();
    // A merge of large segments runs for a while without changing their number, so
    // the count has to stay the same for half a minute.
    let (mut segments, mut steady) = (search.segments(), 0);
    while rebuilt && settling.elapsed() < Duration::from_secs(600) && steady < 10 {
        tokio::time::sleep(Duration::from_secs(3)).await;
        let now = search.segments();
        steady = if now == segments { steady + 1 } else { 0 };
        segments = now;
    }
    eprintln!(
        "{segments} segments after {:.0} s of merging",
        settling.elapsed().as_secs_f64()
    );
    if rebuilt {
        println!(
            "Index build: {docs} documents in {:.1} s ({:.0} documents/s)",
            built.as_secs_f64(),
            docs as f64 / built.as_secs_f64()
        );
    } else {
        println!("Index reused: {docs} documents");
    }
    let (loading, before) = (Instant::now(), resident_mb());
    let edges = search.warm_graph().await?;
    println!(
        "Knowledge graph load: {edges} edges in {:.1} s, {:.0} MB more resident memory",
        loading.elapsed().as_secs_f64(),
        resident_mb() - before
    );

    let mut rng = Rng(0x0ddb_a11c_afe0_0001);
    let queries = text_queries(&mut rng);
    let req = |q: &str, lang: &str| SearchRequest {
        q: q.to_string(),
        lang: lang.to_string(),
        limit: 20,
        hops: 1,
        ..Default::default()
    };
    println!("| query | n | p50 | p99 | mean | mean total hits |");
    println!("|---|---|---|---|---|---|");
    let plain: Vec<SearchRequest> = queries.iter().map(|(q, l)| req(q, l)).collect();
    let (times, hits) = run_searches(&search, plain).await?;
    let (_, text_p99) = line("text (1–2 words, 10 % with a typo)", times, hits);
    let faceted: Vec<SearchRequest> = queries
        .iter()
        .enumerate()
        .map(|(i, (q, l))| {
            let mut r = req(q, l);
            r.filters = vec![
                ("kind".into(), ["thing", "story", "guide"][i % 3].into()),
                ("language".into(), l.clone()),
            ];
            if i % 3 == 0 {
                r.filters
                    .push(("material".into(), MATERIALS[i % MATERIALS.len()].into()));
            }
            r
        })
        .collect();
    let (times, hits) = run_searches(&search, faceted).await?;
    line("text + 2–3 facet filters", times, hits);
    let graph: Vec<SearchRequest> = queries
        .iter()
        .map(|(q, l)| {
            let mut r = req(if rng.below(2) == 0 { q } else { "" }, l);
            r.related_to = Some(things[rng.below(things.len())].clone());
            r.hops = 2;
            r
        })
        .collect();
    let (times, hits) = run_searches(&search, graph).await?;
    line(
        "related_to a random thing, hops=2 (half with text)",
        times,
        hits,
    );
    if let Some(url) = pg {
        let (_, pg_p99) = postgres(url, &store, &queries).await?;
        println!(
            "p99 ratio, PostgreSQL full text / ThingData text search: {:.1}x",
            pg_p99.as_secs_f64() / text_p99.as_secs_f64()
        );
    }
    search.shutdown().await;
    drop(writer);
    if !keep {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

/// This process's resident memory (Linux), 0 where unknown.
fn resident_mb() -> f64 {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<f64>().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / 1e6
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let Some(count) = args.get(1).and_then(|c| c.parse::<usize>().ok()) else {
        eprintln!("usage: thingdata-bench-search COUNT [POSTGRES_URL]");
        return ExitCode::from(2);
    };
    match bench(count, args.get(2).map(String::as_str)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("thingdata-bench-search: {e}");
            ExitCode::FAILURE
        }
    }
}
