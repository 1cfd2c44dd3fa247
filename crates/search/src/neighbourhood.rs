//! An entry's neighbourhood for the graph view: the walk from the in-memory graph,
//! with each entry's kind and label read from the database.

use crate::{Search, SearchError};
use domain::graph::{GraphEdge, GraphNode, Neighbourhood, MAX_HOPS, MAX_NODES};
use domain::{parse_body, EntityKind};
use std::collections::HashMap;

impl Search {
    /// The entries within `hops` (1 to 3) of `start` and the edges between them, labelled
    /// in `lang`. Hidden entries are left out; an entry without links has only itself.
    /// `None` when `start` is not a thing, story or guide.
    pub async fn neighbourhood(
        &self,
        start: &str,
        hops: u8,
        lang: &str,
    ) -> Result<Option<Neighbourhood>, SearchError> {
        let hops = hops.clamp(1, MAX_HOPS);
        let walk = self
            .graph
            .current(&self.store)
            .await?
            .neighbourhood(start, hops, MAX_NODES);
        let (walked, edges, truncated) = match walk {
            Some(w) => (w.nodes, w.edges, w.truncated),
            None => (Vec::new(), Vec::new(), false),
        };
        let mut ids: Vec<String> = walked.iter().map(|n| n.id.clone()).collect();
        if ids.is_empty() {
            ids.push(start.to_string());
        }
        let mut found: HashMap<String, (EntityKind, String)> = HashMap::new();
        for kind in [EntityKind::Thing, EntityKind::Story, EntityKind::Guide] {
            for row in self.store.get_many(kind, &ids).await? {
                let Some(body) = parse_body(kind, &row.body) else {
                    continue;
                };
                if body.hidden().is_none() || row.meta.id == start {
                    found.insert(row.meta.id.clone(), (kind, body.label(lang)));
                }
            }
        }
        if !found.contains_key(start) {
            return Ok(None);
        }
        let hops_of: HashMap<&str, (u8, Option<usize>)> = walked
            .iter()
            .map(|n| (n.id.as_str(), (n.hops, n.hub_links)))
            .collect();
        let nodes: Vec<GraphNode> = ids
            .iter()
            .filter_map(|id| {
                let (kind, label) = found.get(id)?.clone();
                let (hops, hub_links) = hops_of.get(id.as_str()).copied().unwrap_or((0, None));
                Some(GraphNode {
                    id: id.clone(),
                    kind,
                    label,
                    hops,
                    hub_links,
                })
            })
            .collect();
        let edges = edges
            .into_iter()
            .filter(|(from, to, _)| found.contains_key(from) && found.contains_key(to))
            .map(|(from, to, rel)| GraphEdge { from, to, rel })
            .collect();
        Ok(Some(Neighbourhood {
            start: start.to_string(),
            hops,
            nodes,
            edges,
            truncated,
        }))
    }

    /// What the explorer shows: `start`'s neighbours and those of every entry in
    /// `open`, as one neighbourhood whose hops count from `start` over the edges found.
    /// Open entries not reached from `start` are left out.
    pub async fn explore(
        &self,
        start: &str,
        open: &[String],
        lang: &str,
    ) -> Result<Option<Neighbourhood>, SearchError> {
        let Some(mut all) = self.neighbourhood(start, 1, lang).await? else {
            return Ok(None);
        };
        for id in open.iter().filter(|id| id.as_str() != start) {
            if !all.nodes.iter().any(|n| &n.id == id) {
                continue;
            }
            let Some(more) = self.neighbourhood(id, 1, lang).await? else {
                continue;
            };
            all.truncated |= more.truncated;
            for n in more.nodes {
                if all.nodes.iter().any(|m| m.id == n.id) {
                    continue;
                }
                if all.nodes.len() < MAX_NODES * 2 {
                    all.nodes.push(n);
                } else {
                    all.truncated = true;
                }
            }
            for e in more.edges {
                if !all.edges.contains(&e) {
                    all.edges.push(e);
                }
            }
        }
        let held: std::collections::HashSet<&str> =
            all.nodes.iter().map(|n| n.id.as_str()).collect();
        all.edges
            .retain(|e| held.contains(e.from.as_str()) && held.contains(e.to.as_str()));
        // Hops from the start over the edges held, breadth first.
        let mut hops: HashMap<String, u8> = HashMap::from([(start.to_string(), 0)]);
        let mut frontier = vec![start.to_string()];
        let mut d = 0;
        while !frontier.is_empty() {
            d += 1;
            let mut next = Vec::new();
            for id in &frontier {
                for e in &all.edges {
                    let other = if &e.from == id {
                        &e.to
                    } else if &e.to == id {
                        &e.from
                    } else {
                        continue;
                    };
                    if !hops.contains_key(other) {
                        hops.insert(other.clone(), d);
                        next.push(other.clone());
                    }
                }
            }
            frontier = next;
        }
        for n in &mut all.nodes {
            n.hops = hops.get(&n.id).copied().unwrap_or(d);
        }
        all.nodes.sort_by_key(|n| n.hops);
        all.hops = all.nodes.iter().map(|n| n.hops).max().unwrap_or(1).max(1);
        Ok(Some(all))
    }
}
