//! The graph explorer: start from a search, a category or an entry, then open entries
//! one at a time to see their neighbours too. Every step is a link (`?start=ID&open=ID,ID`), so it
//! works without JavaScript and each view can be shared.

use super::list::urlencode;
use super::{entity_href, kind_singular, LoadError};
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::{explore_category, load_explore, search_page};
use crate::ui::graph::Drawing;
use domain::graph::Neighbourhood;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// How many entries may be open at once; each adds up to 40 neighbours.
const MAX_OPEN: usize = 8;

fn explore_href(start: &str, open: &[String]) -> String {
    if open.is_empty() {
        format!("/explore?start={}#graph", urlencode(start))
    } else {
        format!(
            "/explore?start={}&open={}#graph",
            urlencode(start),
            urlencode(&open.join(","))
        )
    }
}

#[component]
pub fn ExplorePage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let category = move || query.read().get("category").unwrap_or_default();
    let start = move || query.read().get("start").unwrap_or_default();
    let open = move || {
        query
            .read()
            .get("open")
            .map(|o| {
                o.split(',')
                    .filter(|s| !s.is_empty())
                    .take(MAX_OPEN)
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let graph = Resource::new(
        move || (start(), open()),
        move |(s, o)| async move {
            if s.is_empty() {
                Ok(None)
            } else {
                load_explore(s, o, i.lang.to_string()).await
            }
        },
    );
    let hits = Resource::new(q, move |q| async move {
        if q.trim().is_empty() {
            Ok(None)
        } else {
            search_page(format!("q={}", urlencode(&q)), i.lang.to_string())
                .await
                .map(|d| d.results)
        }
    });
    let filed = Resource::new(category, move |c| async move {
        if c.is_empty() {
            Ok(None)
        } else {
            explore_category(c, i.lang.to_string()).await
        }
    });
    view! {
        <Title text=i.t("explore-title")/>
        <h1>{i.t("explore-title")}</h1>
        <p>{i.t("explore-intro")}</p>
        <form method="get" action="/explore" role="search" class="explore-search">
            <label for="explore-q">{i.t("explore-find")}</label>
            <input id="explore-q" type="search" name="q" value=q/>
            <button type="submit">{i.t("search-submit")}</button>
        </form>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match hits.await {
                    Ok(Some(results)) if results.hits.is_empty() => {
                        view! { <p class="empty">{i.t("search-empty")}</p> }.into_any()
                    }
                    Ok(Some(results)) => view! {
                        <h2>{i.t("explore-start-from")}</h2>
                        <ul class="entity-list">
                            {results.hits.into_iter().map(|h| view! {
                                <li>
                                    <span><span class="badge">{i.t(&kind_singular(h.kind))}</span>" "
                                    <a href=explore_href(&h.id, &[])>{h.title}</a></span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match filed.await {
                    Ok(Some((label, entries))) if entries.is_empty() => view! {
                        <p class="empty">{i.ta("explore-category-empty", &[("category", label)])}</p>
                    }.into_any(),
                    Ok(Some((label, entries))) => view! {
                        <h2>{i.ta("explore-start-in", &[("category", label)])}</h2>
                        <ul class="entity-list">
                            {entries.into_iter().map(|e| view! {
                                <li>
                                    <span><span class="badge">{i.t(&kind_singular(e.kind))}</span>" "
                                    <a href=explore_href(&e.id, &[])>{e.label}</a></span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Ok(None) if !category().is_empty() => view! { <p class="empty">{i.t("explore-unknown")}</p> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let (s, opened) = (start(), open());
                match graph.await {
                    Ok(Some(n)) => view! {
                        <ExploreGraph start=s opened graph=n lang=i.lang.to_string()/>
                    }.into_any(),
                    Ok(None) if !s.is_empty() => view! { <p class="empty">{i.t("explore-unknown")}</p> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The explored graph and its entries. Opening or closing an entry is a link to the
/// view with it open or closed; in the browser the island fetches that view and
/// redraws in place, keeping the address in step so it can still be shared.
#[island]
fn ExploreGraph(
    start: String,
    opened: Vec<String>,
    graph: Neighbourhood,
    lang: String,
) -> impl IntoView {
    let lang = domain::lang::supported(&lang).unwrap_or(domain::lang::DEFAULT_LANG);
    provide_context(I18n { lang });
    let i = use_i18n();
    let view_of = RwSignal::new((opened, graph));
    let busy = RwSignal::new(false);
    let start = StoredValue::new(start);
    let follow = move |ev: leptos::ev::MouseEvent, open: Vec<String>, href: String| {
        ev.prevent_default();
        busy.set(true);
        leptos::task::spawn_local(async move {
            match load_explore(start.get_value(), open.clone(), lang.to_string()).await {
                Ok(Some(n)) => {
                    view_of.set((open, n));
                    if let Some(w) = leptos::web_sys::window() {
                        let _ = w.history().and_then(|h| {
                            h.push_state_with_url(
                                &leptos::wasm_bindgen::JsValue::NULL,
                                "",
                                Some(&href),
                            )
                        });
                    }
                }
                // What could not be fetched here is fetched as a page.
                _ => {
                    if let Some(w) = leptos::web_sys::window() {
                        let _ = w.location().set_href(&href);
                    }
                }
            }
            busy.set(false);
        });
    };
    move || {
        let (opened, n) = view_of.get();
        let s = start.get_value();
        let items = n.nodes.iter().map(|g| {
            let is_open = opened.contains(&g.id);
            let toggled: Vec<String> = if is_open {
                opened.iter().filter(|o| **o != g.id).cloned().collect()
            } else {
                opened.iter().cloned().chain([g.id.clone()]).collect()
            };
            let action = if g.id == s {
                None
            } else if is_open {
                Some((explore_href(&s, &toggled), i.t("explore-close")))
            } else if g.hub_links.is_none() && opened.len() < MAX_OPEN {
                Some((explore_href(&s, &toggled), i.t("explore-open")))
            } else {
                None
            };
            view! {
                <li>
                    <span class="badge">{i.t(&kind_singular(g.kind))}</span>" "
                    <a href=entity_href(g.kind, &g.id)>{g.label.clone()}</a>
                    {action.map(|(href, text)| {
                        let target = href.clone();
                        let open = toggled.clone();
                        view! { " · "<a href=href on:click=move |ev| follow(ev, open.clone(), target.clone())>{text}</a> }
                    })}
                    {(g.id != s).then(|| view! { " · "<a href=explore_href(&g.id, &[])>{i.t("explore-recentre")}</a> })}
                </li>
            }
        }).collect_view();
        view! {
            <section id="graph" class="graph" aria-labelledby="graph-h" aria-busy=move || busy.get().then_some("true")>
                <h2 id="graph-h">{i.t("graph-heading")}</h2>
                <Drawing n/>
                <h3>{i.t("explore-entries")}</h3>
                <ul class="explore-nodes">{items}</ul>
            </section>
        }
    }
}
