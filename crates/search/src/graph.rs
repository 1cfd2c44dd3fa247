//! The knowledge graph held in memory, and the walks that search results can be
//! narrowed to: what lies within a few hops of an entry, and the stories and guides
//! that apply to a thing. Walks read no database pages: on a large instance those
//! reads, when the pages had left the cache, made a walk many times slower than the
//! search it narrows. The graph follows the revision log like the index does, and
//! catches up before every walk, so a walk sees every write made before it.

use domain::{parse_body, Body, EntityKind};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::time::{Duration, Instant};
use storage::{Result, Store};
use tokio::sync::{RwLock, RwLockReadGuard};

/// A walk stops growing past this many entries; deeper hops of hubs say little.
const MAX_NODES: usize = 5_000;
/// An entry with more edges than this (a common material, a popular category) is a hub:
/// a walk reaches it but goes on through it only when it starts there, since what
/// shares a hub with the start is hardly related to it.
pub const HUB_EDGES: usize = 100;
/// Log entries read per catch-up query.
const BATCH: i64 = 2_000;
/// A concurrent branch is written first and settled on its row just after; entries
/// changed in a catch-up are read once more after this delay to catch that.
const SETTLE_GRACE: Duration = Duration::from_secs(2);

const APPLIES_TO: &str = "applies_to";
const PART_OF: &str = "part_of";

/// One edge: `from` relates to `to` as `rel` (an index into the type names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Edge {
    from: u32,
    to: u32,
    rel: u16,
}

/// An edge as one of its ends sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Link {
    other: u32,
    rel: u16,
    outgoing: bool,
}

/// The edges between entries: relationships that are not hidden, and stories and
/// guides that name a thing (an `applies_to` edge from them to it). Entries are held
/// by their id's 128 bits, which takes less than half the memory of the text.
#[derive(Default)]
pub struct Edges {
    nodes: HashMap<u128, u32>,
    names: Vec<u128>,
    links: Vec<Vec<Link>>,
    types: Vec<Box<str>>,
    /// What each relationship, story or guide currently contributes, so a change can
    /// take back what it added.
    by_entry: HashMap<u128, Edge>,
}

/// An entry id's bits; `None` for text that is not an id as this instance writes them
/// (such an entry cannot be linked to).
fn bits(id: &str) -> Option<u128> {
    uuid::Uuid::try_parse(id)
        .ok()
        .filter(|u| u.hyphenated().to_string() == id)
        .map(|u| u.as_u128())
}

impl Edges {
    fn node(&mut self, id: u128) -> u32 {
        if let Some(n) = self.nodes.get(&id) {
            return *n;
        }
        let n = self.names.len() as u32;
        self.nodes.insert(id, n);
        self.names.push(id);
        self.links.push(Vec::new());
        n
    }

    fn find(&self, id: &str) -> Option<u32> {
        self.nodes.get(&bits(id)?).copied()
    }

    fn rel(&mut self, name: &str) -> u16 {
        match self.types.iter().position(|t| &**t == name) {
            Some(i) => i as u16,
            None => {
                self.types.push(name.into());
                (self.types.len() - 1) as u16
            }
        }
    }

    fn rel_of(&self, name: &str) -> Option<u16> {
        self.types
            .iter()
            .position(|t| &**t == name)
            .map(|i| i as u16)
    }

    /// Sets what `entry` contributes: the edge `from` → `to` of type `rel`, or nothing.
    fn set(&mut self, entry: &str, edge: Option<(&str, &str, &str)>) {
        let Some(entry) = bits(entry) else {
            return;
        };
        let ends = edge.and_then(|(from, to, rel)| Some((bits(from)?, bits(to)?, rel)));
        let new = ends.map(|(from, to, rel)| Edge {
            from: self.node(from),
            to: self.node(to),
            rel: self.rel(rel),
        });
        let old = match new {
            Some(e) => self.by_entry.insert(entry, e),
            None => self.by_entry.remove(&entry),
        };
        if old == new {
            return;
        }
        if let Some(e) = old {
            for (at, link) in e.ends() {
                let list = &mut self.links[at as usize];
                if let Some(i) = list.iter().position(|l| *l == link) {
                    list.swap_remove(i);
                }
            }
        }
        if let Some(e) = new {
            for (at, link) in e.ends() {
                self.links[at as usize].push(link);
            }
        }
    }

    /// Sets what the current row of a relationship, story or guide contributes.
    fn set_from_row(&mut self, kind: EntityKind, id: &str, body: Option<&serde_json::Value>) {
        let body = body.and_then(|b| parse_body(kind, b));
        let edge = match &body {
            Some(b) if b.hidden().is_some() => None,
            Some(Body::Relationship(r)) => Some((
                r.source_id.as_str(),
                r.target_id.as_str(),
                r.relationship_type.as_str(),
            )),
            Some(Body::Story(s)) => s.thing_id.as_deref().map(|t| (id, t, APPLIES_TO)),
            Some(Body::Guide(g)) => g.thing_id.as_deref().map(|t| (id, t, APPLIES_TO)),
            Some(
                Body::Thing(_)
                | Body::Category(_)
                | Body::Term(_)
                | Body::Repair(_)
                | Body::Event(_)
                | Body::Outcome(_),
            )
            | None => None,
        };
        self.set(id, edge);
    }

    pub fn edge_count(&self) -> usize {
        self.by_entry.len()
    }

    fn id(&self, n: u32) -> String {
        uuid::Uuid::from_u128(self.names[n as usize])
            .hyphenated()
            .to_string()
    }

    fn is_hub(&self, n: u32) -> bool {
        self.links[n as usize].len() > HUB_EDGES
    }

    /// Entries within `hops` of `start` (itself excluded) with their distance, following
    /// edges either way round, only of the `via` types when any are given, and through
    /// hubs only from the start.
    pub fn within(&self, start: &str, hops: u8, via: &[String]) -> BTreeMap<String, u8> {
        let Some(start) = self.find(start) else {
            return BTreeMap::new();
        };
        let via: Option<Vec<u16>> =
            (!via.is_empty()).then(|| via.iter().filter_map(|t| self.rel_of(t)).collect());
        let mut dist: HashMap<u32, u8> = HashMap::from([(start, 0)]);
        let mut frontier = BTreeSet::from([start]);
        for d in 1..=hops {
            let mut next = BTreeSet::new();
            for &n in &frontier {
                if d > 1 && self.is_hub(n) {
                    continue;
                }
                for l in &self.links[n as usize] {
                    if via.as_ref().is_some_and(|v| !v.contains(&l.rel)) {
                        continue;
                    }
                    if dist.len() < MAX_NODES && !dist.contains_key(&l.other) {
                        dist.insert(l.other, d);
                        next.insert(l.other);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        dist.remove(&start);
        dist.into_iter().map(|(n, d)| (self.id(n), d)).collect()
    }

    /// The entries up to `hops` from `start` (at most `max`, the nearest first) and the
    /// edges between them, each once. Hubs are held with their number of links and
    /// walked through only from the start. `None` when `start` has no edges.
    pub fn neighbourhood(&self, start: &str, hops: u8, max: usize) -> Option<Walk> {
        let start_n = self.find(start)?;
        let mut order = vec![(start_n, 0u8)];
        let mut seen: HashMap<u32, u8> = HashMap::from([(start_n, 0)]);
        let mut truncated = false;
        let mut frontier = vec![start_n];
        for d in 1..=hops {
            let mut next = Vec::new();
            for &n in &frontier {
                if d > 1 && self.is_hub(n) {
                    continue;
                }
                let mut links: Vec<&Link> = self.links[n as usize].iter().collect();
                // The same entries whatever order the links were loaded in.
                links.sort_by_key(|l| (self.names[l.other as usize], l.rel));
                for l in links {
                    if seen.contains_key(&l.other) {
                        continue;
                    }
                    if order.len() >= max {
                        truncated = true;
                        break;
                    }
                    seen.insert(l.other, d);
                    order.push((l.other, d));
                    next.push(l.other);
                }
            }
            frontier = next;
        }
        let mut edges = BTreeSet::new();
        for &(n, _) in &order {
            for l in self.links[n as usize].iter().filter(|l| l.outgoing) {
                if seen.contains_key(&l.other) {
                    edges.insert((n, l.other, l.rel));
                }
            }
        }
        Some(Walk {
            nodes: order
                .into_iter()
                .map(|(n, d)| WalkNode {
                    id: self.id(n),
                    hops: d,
                    hub_links: self.is_hub(n).then(|| self.links[n as usize].len()),
                })
                .collect(),
            edges: edges
                .into_iter()
                .map(|(from, to, rel)| {
                    (
                        self.id(from),
                        self.id(to),
                        self.types[rel as usize].to_string(),
                    )
                })
                .collect(),
            truncated,
        })
    }

    /// Second-degree neighbours ranked by how many neighbours they share with `start`:
    /// "people who repaired this also looked at".
    pub fn also_looked_at(&self, start: &str, limit: usize) -> Vec<String> {
        let Some(start) = self.find(start) else {
            return Vec::new();
        };
        let first: BTreeSet<u32> = self.links[start as usize]
            .iter()
            .map(|l| l.other)
            .take(MAX_NODES)
            .collect();
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for &n in first.iter().filter(|n| !self.is_hub(**n)) {
            for l in &self.links[n as usize] {
                if l.other != start && !first.contains(&l.other) {
                    *shared.entry(l.other).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(String, usize)> =
            shared.into_iter().map(|(n, c)| (self.id(n), c)).collect();
        ranked.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
        ranked.into_iter().take(limit).map(|(id, _)| id).collect()
    }

    /// What a story or guide may apply to for it to count for `thing` (whose
    /// identifier, when it has one, gives its category).
    pub fn applies_to(&self, thing: &str, identifier: Option<&str>) -> AppliesTo {
        let mut things = BTreeSet::from([thing.to_string()]);
        let mut linked = BTreeSet::new();
        if let Some(start) = self.find(thing) {
            let incoming = move |n: u32, rel: Option<u16>| {
                self.links[n as usize]
                    .iter()
                    .filter(move |l| !l.outgoing && Some(l.rel) == rel)
                    .map(|l| l.other)
            };
            let part_of = self.rel_of(PART_OF);
            let mut all = BTreeSet::from([start]);
            let mut frontier = vec![start];
            for _ in 0..3 {
                let next: Vec<u32> = frontier
                    .iter()
                    .flat_map(|&n| incoming(n, part_of))
                    .filter(|c| all.insert(*c))
                    .collect();
                if next.is_empty() {
                    break;
                }
                frontier = next;
            }
            let applies = self.rel_of(APPLIES_TO);
            for &n in &all {
                linked.extend(
                    incoming(n, applies)
                        .filter(|a| !all.contains(a))
                        .map(|a| self.id(a)),
                );
            }
            things = all.into_iter().map(|n| self.id(n)).collect();
        }
        AppliesTo {
            things,
            linked,
            categories: categories_of(identifier),
            filed: BTreeSet::new(),
        }
    }
}

impl Edge {
    fn ends(self) -> [(u32, Link); 2] {
        [
            (
                self.from,
                Link {
                    other: self.to,
                    rel: self.rel,
                    outgoing: true,
                },
            ),
            (
                self.to,
                Link {
                    other: self.from,
                    rel: self.rel,
                    outgoing: false,
                },
            ),
        ]
    }
}

/// Category names a thing belongs to, from its identifier (`thing:appliance/…` →
/// `appliance`), in the forms story categories use.
fn categories_of(identifier: Option<&str>) -> Vec<String> {
    identifier
        .and_then(|i| i.strip_prefix("thing:"))
        .and_then(|rest| rest.split('/').next())
        .filter(|c| !c.is_empty())
        .map(|c| {
            let c = c.to_lowercase();
            // Story categories are usually plural ("appliances"), identifiers singular.
            let mut forms = vec![c.clone(), format!("{c}s"), format!("{c}es")];
            if let Some(s) = c.strip_suffix('s') {
                forms.push(s.to_string());
            }
            forms
        })
        .unwrap_or_default()
}

/// What a story or guide may apply to for it to count for a thing: the thing and its
/// components (`part_of`, up to three levels), and the stories and guides linked to
/// those by an `applies_to` relationship or by naming them; for an entry not filed
/// yet, its old free category; and the thing's taxonomy categories and those above
/// them (a story filed under a category applies to all below it).
pub struct AppliesTo {
    pub things: BTreeSet<String>,
    pub linked: BTreeSet<String>,
    pub categories: Vec<String>,
    pub filed: BTreeSet<String>,
}

#[derive(Default)]
struct State {
    loaded: bool,
    /// The last log entry the edges reflect.
    cursor: i64,
    recheck: VecDeque<(Instant, EntityKind, String)>,
    edges: Edges,
}

/// A neighbourhood as the graph holds it: ids, without kinds or labels.
#[derive(Debug, PartialEq)]
pub struct Walk {
    pub nodes: Vec<WalkNode>,
    /// (from, to, type).
    pub edges: Vec<(String, String, String)>,
    pub truncated: bool,
}

#[derive(Debug, PartialEq)]
pub struct WalkNode {
    pub id: String,
    pub hops: u8,
    pub hub_links: Option<usize>,
}

/// The in-memory graph of one app node.
#[derive(Default)]
pub struct Graph {
    state: RwLock<State>,
}

impl Graph {
    /// The edges as of now: loaded on first use, then brought up to the head of the log.
    pub async fn current(&self, store: &Store) -> Result<RwLockReadGuard<'_, Edges>> {
        let head = store.max_seq().await?;
        {
            let state = self.state.read().await;
            if state.loaded && state.cursor >= head && !state.recheck_due(Instant::now()) {
                return Ok(RwLockReadGuard::map(state, |s| &s.edges));
            }
        }
        let mut state = self.state.write().await;
        if !state.loaded {
            // Changes made while loading are in the log after `head` and read again.
            let mut edges = Edges::default();
            store
                .for_each_edge(|entry, from, to, rel| edges.set(entry, Some((from, to, rel))))
                .await?;
            *state = State {
                loaded: true,
                cursor: head,
                recheck: VecDeque::new(),
                edges,
            };
        }
        state.catch_up(store, head).await?;
        Ok(RwLockReadGuard::map(state.downgrade(), |s| &s.edges))
    }
}

impl State {
    fn recheck_due(&self, now: Instant) -> bool {
        self.recheck.front().is_some_and(|(due, _, _)| *due <= now)
    }

    async fn catch_up(&mut self, store: &Store, head: i64) -> Result<()> {
        while self.cursor < head {
            let batch = store.changes_after(self.cursor, BATCH).await?;
            let Some(&(last, _, _)) = batch.last() else {
                break;
            };
            let due = Instant::now() + SETTLE_GRACE;
            let todo: BTreeSet<(EntityKind, String)> = batch
                .into_iter()
                .filter(|(_, k, _)| *k != EntityKind::Thing)
                .map(|(_, k, id)| (k, id))
                .collect();
            self.reread(store, &todo).await?;
            self.recheck
                .extend(todo.into_iter().map(|(k, id)| (due, k, id)));
            self.cursor = last;
        }
        let now = Instant::now();
        let mut todo = BTreeSet::new();
        while self.recheck_due(now) {
            if let Some((_, k, id)) = self.recheck.pop_front() {
                todo.insert((k, id));
            }
        }
        self.reread(store, &todo).await
    }

    async fn reread(&mut self, store: &Store, todo: &BTreeSet<(EntityKind, String)>) -> Result<()> {
        for kind in [
            EntityKind::Relationship,
            EntityKind::Story,
            EntityKind::Guide,
        ] {
            let ids: Vec<String> = todo
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, id)| id.clone())
                .collect();
            if ids.is_empty() {
                continue;
            }
            let rows: HashMap<String, serde_json::Value> = store
                .get_many(kind, &ids)
                .await?
                .into_iter()
                .map(|r| (r.meta.id, r.body))
                .collect();
            for id in &ids {
                self.edges.set_from_row(kind, id, rows.get(id));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up entry id for a name.
    fn id(name: &str) -> String {
        let n = name.bytes().fold(7u128, |h, b| {
            h.wrapping_mul(131).wrapping_add(u128::from(b))
        });
        uuid::Uuid::from_u128(n).hyphenated().to_string()
    }

    fn ids(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|n| id(n)).collect();
        v.sort();
        v
    }

    fn graph(edges: &[(&str, &str, &str, &str)]) -> Edges {
        let mut g = Edges::default();
        for (entry, from, to, rel) in edges {
            g.set(&id(entry), Some((&id(from), &id(to), rel)));
        }
        g
    }

    fn near(g: &Edges, start: &str, hops: u8, via: &[&str]) -> BTreeMap<String, u8> {
        let via: Vec<String> = via.iter().map(|v| v.to_string()).collect();
        g.within(&id(start), hops, &via)
    }

    #[test]
    fn a_changed_entry_takes_back_its_old_edge() {
        let mut g = graph(&[
            ("r1", "pump", "machine", PART_OF),
            ("r2", "hose", "machine", PART_OF),
        ]);
        assert_eq!(near(&g, "machine", 1, &[]).len(), 2);
        g.set(&id("r1"), Some((&id("pump"), &id("kettle"), PART_OF)));
        let keys = |m: BTreeMap<String, u8>| m.into_keys().collect::<Vec<_>>();
        assert_eq!(keys(near(&g, "machine", 1, &[])), ids(&["hose"]));
        assert_eq!(keys(near(&g, "pump", 1, &[])), ids(&["kettle"]));
        g.set(&id("r2"), None);
        assert!(near(&g, "machine", 1, &[]).is_empty());
        g.set(&id("r3"), Some(("not an id", &id("machine"), PART_OF)));
        assert!(near(&g, "machine", 1, &[]).is_empty(), "ids only");
    }

    #[test]
    fn walks_count_hops_follow_types_and_stop_at_hubs() {
        let mut edges = vec![
            ("r1", "pump", "machine", PART_OF),
            ("r2", "machine", "steel", "made_of"),
            ("s1", "story", "pump", APPLIES_TO),
        ];
        let cans: Vec<String> = (0..HUB_EDGES).map(|i| format!("can{i}")).collect();
        let keys: Vec<String> = (0..HUB_EDGES).map(|i| format!("m{i}")).collect();
        for (c, k) in cans.iter().zip(&keys) {
            edges.push((k.as_str(), c.as_str(), "steel", "made_of"));
        }
        let g = graph(&edges);
        let two = near(&g, "machine", 2, &[]);
        assert_eq!(two.get(&id("pump")), Some(&1));
        assert_eq!(two.get(&id("story")), Some(&2));
        assert!(!two.contains_key(&id("can0")), "not through the hub");
        assert_eq!(
            near(&g, "steel", 1, &[]).len(),
            HUB_EDGES + 1,
            "from the hub"
        );
        let via = near(&g, "machine", 2, &["made_of"]);
        assert_eq!(via.into_keys().collect::<Vec<_>>(), ids(&["steel"]));
        let a = g.applies_to(&id("machine"), Some("thing:appliance/acme/e1"));
        assert_eq!(a.linked.into_iter().collect::<Vec<_>>(), ids(&["story"]));
        assert_eq!(
            a.things.into_iter().collect::<Vec<_>>(),
            ids(&["machine", "pump"])
        );
        assert!(a.categories.contains(&"appliances".to_string()));
        assert_eq!(g.also_looked_at(&id("pump"), 5), ids(&["steel"]));

        let walk = g.neighbourhood(&id("pump"), 3, 40).unwrap();
        let held: Vec<(String, u8, Option<usize>)> = walk
            .nodes
            .iter()
            .map(|n| (n.id.clone(), n.hops, n.hub_links))
            .collect();
        assert_eq!(held[0], (id("pump"), 0, None));
        assert!(
            held.contains(&(id("steel"), 2, Some(HUB_EDGES + 1))),
            "{held:?}"
        );
        assert!(
            !held.iter().any(|h| h.0 == id("can0")),
            "the hub is not walked through"
        );
        let mut got = walk.edges.clone();
        got.sort();
        let mut want = vec![
            (id("machine"), id("steel"), "made_of".to_string()),
            (id("pump"), id("machine"), PART_OF.to_string()),
            (id("story"), id("pump"), APPLIES_TO.to_string()),
        ];
        want.sort();
        assert_eq!(got, want);
        assert!(!walk.truncated);
        let small = g.neighbourhood(&id("steel"), 1, 10).unwrap();
        assert_eq!(small.nodes.len(), 10);
        assert!(small.truncated, "a hub's neighbours are cut at the limit");
        assert!(g.neighbourhood(&id("nowhere"), 2, 10).is_none());
    }
}
