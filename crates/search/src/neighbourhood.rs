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
}
