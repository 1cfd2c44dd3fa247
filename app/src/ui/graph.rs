//! The knowledge-graph view on entry pages: the neighbourhood drawn as SVG on the server
//! (rings by distance, each node a link, edges labelled in the reader's language), and
//! the same as a nested list for screen readers and print. Choosing 1, 2 or 3 hops is a
//! link, so it works without JavaScript.

use crate::i18n::{use_i18n, I18n};
use crate::server_fns::load_graph;
use crate::ui::pages::entity_href;
use crate::ui::pages::LoadError;
use crate::ui::widgets::{inverse_name, vocab};
use domain::graph::{GraphEdge, GraphNode, Neighbourhood, MAX_HOPS};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::{BTreeMap, HashMap};
use std::f64::consts::TAU;

const SIZE: f64 = 640.0;
const RING: f64 = 100.0;
const LABEL_CHARS: usize = 22;

/// Where each node is drawn: the start in the middle, each further hop on a wider
/// ring, a ring's nodes in the order of the nodes they hang from, so edges cross less.
fn layout(
    n: &Neighbourhood,
    parents: &HashMap<&str, (&str, String)>,
) -> HashMap<String, (f64, f64)> {
    let centre = SIZE / 2.0;
    // Rings as wide apart as fit: the explorer can reach further than three hops.
    let step = RING.min((centre - 40.0) / f64::from(n.hops.max(1)));
    let mut angle: HashMap<&str, f64> = HashMap::from([(n.start.as_str(), 0.0)]);
    let mut at = HashMap::from([(n.start.clone(), (centre, centre))]);
    for d in 1..=n.hops {
        let mut ring: Vec<&GraphNode> = n.nodes.iter().filter(|g| g.hops == d).collect();
        let parent_angle = |g: &GraphNode| {
            parents
                .get(g.id.as_str())
                .and_then(|(p, _)| angle.get(p))
                .copied()
                .unwrap_or(0.0)
        };
        ring.sort_by(|a, b| {
            parent_angle(a)
                .total_cmp(&parent_angle(b))
                .then_with(|| a.id.cmp(&b.id))
        });
        let count = ring.len().max(1) as f64;
        // Rings are turned a little against each other, so labels do not line up.
        let offset = f64::from(d) * 0.35;
        for (k, g) in ring.iter().enumerate() {
            let a = offset + TAU * k as f64 / count;
            let r = step * f64::from(d);
            angle.insert(g.id.as_str(), a);
            at.insert(g.id.clone(), (centre + r * a.cos(), centre + r * a.sin()));
        }
    }
    at
}

/// For each node but the start, the node one hop nearer it hangs from and how it
/// reads from there ("part of", "has part", …).
fn tree<'a>(i: &I18n, n: &'a Neighbourhood) -> HashMap<&'a str, (&'a str, String)> {
    let hops: HashMap<&str, u8> = n.nodes.iter().map(|g| (g.id.as_str(), g.hops)).collect();
    let mut parents = HashMap::new();
    for e in &n.edges {
        for (child, parent, outgoing) in [(&e.to, &e.from, true), (&e.from, &e.to, false)] {
            let (Some(c), Some(p)) = (hops.get(child.as_str()), hops.get(parent.as_str())) else {
                continue;
            };
            if *c == p + 1 && !parents.contains_key(child.as_str()) {
                parents.insert(child.as_str(), (parent.as_str(), reading(i, e, outgoing)));
            }
        }
    }
    parents
}

/// How an edge reads from the end it is seen from: its own name from `from`, the
/// inverse name (where the vocabulary has one) from `to`.
fn reading(i: &I18n, e: &GraphEdge, from_source: bool) -> String {
    match inverse_name(i, &e.rel).filter(|_| !from_source) {
        Some(inverse) => inverse,
        None => vocab(i, &e.rel),
    }
}

/// A coordinate to a tenth of a pixel: finer only makes the page longer.
fn px(v: f64) -> String {
    format!("{v:.1}")
}

fn short(label: &str) -> String {
    if label.chars().count() > LABEL_CHARS {
        format!(
            "{}…",
            label.chars().take(LABEL_CHARS - 1).collect::<String>()
        )
    } else {
        label.to_string()
    }
}

fn node_label(i: &I18n, g: &GraphNode) -> String {
    match g.hub_links {
        Some(count) => i.ta(
            "graph-hub",
            &[("label", g.label.clone()), ("count", count.to_string())],
        ),
        None => g.label.clone(),
    }
}

/// The graph section of an entry's page, reading `?hops=` from the address.
#[component]
pub fn GraphSection(id: String) -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let hops = move || {
        query
            .read()
            .get("hops")
            .and_then(|h| h.parse::<u8>().ok())
            .filter(|h| (1..=MAX_HOPS).contains(h))
            .unwrap_or(1)
    };
    let data = Resource::new(hops, move |h| load_graph(id.clone(), h, i.lang.to_string()));
    view! {
        <section aria-labelledby="graph-h" id="graph" class="graph">
            <h2 id="graph-h">{i.t("graph-heading")}</h2>
            <nav class="graph-hops" aria-label=i.t("graph-reach")>
                {i.t("graph-reach")}" "
                {move || (1..=MAX_HOPS).map(|h| {
                    let current = h == hops();
                    view! {
                        <a href=format!("?hops={h}#graph") aria-current=current.then_some("true") class:selected=current>
                            {i.ta("graph-hops", &[("count", h.to_string())])}
                        </a>" "
                    }
                }).collect_view()}
            </nav>
            <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(Some(n)) if n.nodes.len() > 1 => view! { <Drawing n/> }.into_any(),
                        Ok(_) => view! { <p class="none">{i.t("graph-none")}</p> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn Drawing(n: Neighbourhood) -> impl IntoView {
    let i = use_i18n();
    let parents = tree(&i, &n);
    let at = layout(&n, &parents);
    let edges = n
        .edges
        .iter()
        .filter_map(|e| {
            let ((x1, y1), (x2, y2)) = (*at.get(&e.from)?, *at.get(&e.to)?);
            let label = vocab(&i, &e.rel);
            Some(view! {
                <g class="edge">
                    <line x1=px(x1) y1=px(y1) x2=px(x2) y2=px(y2)/>
                    <circle class="head" cx=px(x1 + (x2 - x1) * 0.8) cy=px(y1 + (y2 - y1) * 0.8) r="3"/>
                    <text x=px((x1 + x2) / 2.0) y=px((y1 + y2) / 2.0 - 4.0)>{label}</text>
                </g>
            })
        })
        .collect_view();
    let nodes = n
        .nodes
        .iter()
        .filter_map(|g| {
            let (x, y) = *at.get(&g.id)?;
            let class = format!(
                "node node-{}{}{}",
                g.kind.as_str(),
                if g.hops == 0 { " start" } else { "" },
                if g.hub_links.is_some() { " hub" } else { "" }
            );
            let full = node_label(&i, g);
            Some(view! {
                <a href=entity_href(g.kind, &g.id) class=class>
                    <title>{full.clone()}</title>
                    <circle cx=px(x) cy=px(y) r=if g.hops == 0 { "14" } else { "10" }/>
                    <text x=px(x) y=px(y + 26.0)>{short(&full)}</text>
                </a>
            })
        })
        .collect_view();
    let truncated = n.truncated.then(|| {
        view! { <p class="hint">{i.ta("graph-truncated", &[("count", n.nodes.len().to_string())])}</p> }
    });
    let start = n.nodes.first().cloned();
    let mut children: BTreeMap<&str, Vec<(&GraphNode, String)>> = BTreeMap::new();
    for g in &n.nodes {
        if let Some((p, how)) = parents.get(g.id.as_str()) {
            children.entry(p).or_default().push((g, how.clone()));
        }
    }
    let list = start.map(|s| {
        view! {
            <ul class="graph-list">
                <li>
                    <a href=entity_href(s.kind, &s.id)>{s.label.clone()}</a>
                    {branch(&i, &children, &s.id)}
                </li>
            </ul>
        }
    });
    view! {
        <svg class="graph-drawing" viewBox=format!("0 0 {SIZE} {SIZE}") role="group" aria-labelledby="graph-h">
            {edges}{nodes}
        </svg>
        {truncated}
        <h3>{i.t("graph-as-list")}</h3>
        {list}
    }
}

/// The nodes hanging from `id`, each with how it relates and its own branch.
fn branch(
    i: &I18n,
    children: &BTreeMap<&str, Vec<(&GraphNode, String)>>,
    id: &str,
) -> Option<AnyView> {
    let kids = children.get(id)?;
    Some(
        view! {
            <ul>
                {kids.iter().map(|(g, how)| view! {
                    <li>
                        {format!("{how}: ")}
                        <a href=entity_href(g.kind, &g.id)>{node_label(i, g)}</a>
                        {branch(i, children, &g.id)}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
    )
}
