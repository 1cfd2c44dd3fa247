//! Walks of the knowledge graph that search results can be narrowed to: what lies
//! within a few hops of an entry, and the stories and guides that apply to a thing.

use crate::storage::{Result, Store};
use std::collections::{BTreeMap, BTreeSet};

/// A walk stops growing past this many entries; deeper hops of hubs say little.
const MAX_NODES: usize = 5_000;
/// An entry with more edges than this (a common material, a popular category) is a hub:
/// a walk reaches it but goes on through it only when it starts there, since what
/// shares a hub with the start is hardly related to it.
pub const HUB_EDGES: i64 = 100;

/// Entries within `hops` of `start` (itself excluded) with their distance, following
/// edges either way round, only of the `via` types when any are given, and through
/// hubs only from the start.
pub async fn within(
    store: &Store,
    start: &str,
    hops: u8,
    via: &[String],
) -> Result<BTreeMap<String, u8>> {
    let mut dist: BTreeMap<String, u8> = BTreeMap::from([(start.to_string(), 0)]);
    let mut frontier = BTreeSet::from([start.to_string()]);
    for d in 1..=hops {
        let mut next = BTreeSet::new();
        if d > 1 {
            frontier = non_hubs(store, &frontier).await?;
        }
        let ids: Vec<String> = frontier.iter().cloned().collect();
        for (a, b, t) in store.edges_of(&ids).await? {
            if !via.is_empty() && !via.contains(&t) {
                continue;
            }
            for (from, to) in [(&a, &b), (&b, &a)] {
                if frontier.contains(from) && !dist.contains_key(to) && dist.len() < MAX_NODES {
                    dist.insert(to.clone(), d);
                    next.insert(to.clone());
                }
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    dist.remove(start);
    Ok(dist)
}

/// `ids` without the hubs among them.
async fn non_hubs(store: &Store, ids: &BTreeSet<String>) -> Result<BTreeSet<String>> {
    let list: Vec<String> = ids.iter().cloned().collect();
    let mut out = ids.clone();
    for (id, edges) in store.degrees(&list).await? {
        if edges > HUB_EDGES {
            out.remove(&id);
        }
    }
    Ok(out)
}

/// Second-degree neighbours ranked by how many neighbours they share with `start`:
/// "people who repaired this also looked at".
pub async fn also_looked_at(store: &Store, start: &str, limit: usize) -> Result<Vec<String>> {
    let first: BTreeSet<String> = within(store, start, 1, &[]).await?.into_keys().collect();
    let ids: Vec<String> = non_hubs(store, &first).await?.into_iter().collect();
    let mut shared: BTreeMap<String, usize> = BTreeMap::new();
    for (a, b, _) in store.edges_of(&ids).await? {
        for (from, to) in [(&a, &b), (&b, &a)] {
            if first.contains(from) && to != start && !first.contains(to) {
                *shared.entry(to.clone()).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(String, usize)> = shared.into_iter().collect();
    ranked.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    Ok(ranked.into_iter().take(limit).map(|(id, _)| id).collect())
}

/// What a story or guide may apply to for it to count for `thing`: the thing and its
/// components (`part_of`, up to three levels), and the stories and guides linked to
/// those by an `applies_to` relationship or by naming them.
pub struct AppliesTo {
    pub things: BTreeSet<String>,
    pub linked: BTreeSet<String>,
    /// Category names the thing belongs to, from its identifier
    /// (`thing:appliance/…` → `appliance`).
    pub categories: Vec<String>,
}

pub async fn applies_to(store: &Store, thing: &str, identifier: Option<&str>) -> Result<AppliesTo> {
    let mut things = BTreeSet::from([thing.to_string()]);
    let mut frontier = BTreeSet::from([thing.to_string()]);
    for _ in 0..3 {
        let mut next = BTreeSet::new();
        let ids: Vec<String> = frontier.iter().cloned().collect();
        for (a, b, t) in store.edges_of(&ids).await? {
            // `a part_of b`: a component of something already in the set.
            if t == "part_of" && frontier.contains(&b) && things.insert(a.clone()) {
                next.insert(a);
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    let all: Vec<String> = things.iter().cloned().collect();
    let linked = store
        .edges_of(&all)
        .await?
        .into_iter()
        .filter(|(a, b, t)| t == "applies_to" && things.contains(b) && !things.contains(a))
        .map(|(a, _, _)| a)
        .collect();
    let categories = identifier
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
        .unwrap_or_default();
    Ok(AppliesTo {
        things,
        linked,
        categories,
    })
}
