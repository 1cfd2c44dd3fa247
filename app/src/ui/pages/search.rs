//! The search page: query, facets, results with snippets.

use super::list::urlencode;
use super::LoadError;
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::{search_page, search_suggestions};
use crate::ui::media::CoverImage;
use crate::ui::widgets::{vocab, Pagination};
use domain::search::{FacetGroup, Hit, SearchResults, FACETS, PAGE_SIZE};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// The page's parameters, in order, as (name, value).
fn pairs_of(search: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
        .into_owned()
        .collect()
}

fn href(pairs: &[(String, String)]) -> String {
    let q: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect();
    if q.is_empty() {
        "/search".into()
    } else {
        format!("/search?{}", q.join("&"))
    }
}

/// The same search with one facet value added or taken away, from page 1.
fn toggled(pairs: &[(String, String)], name: &str, value: &str) -> String {
    let mut out: Vec<(String, String)> =
        pairs.iter().filter(|(k, _)| k != "page").cloned().collect();
    let before = out.len();
    out.retain(|(k, v)| !(k == name && v == value));
    if out.len() == before {
        out.push((name.to_string(), value.to_string()));
    }
    href(&out)
}

fn facet_label(i: &I18n, group: &str, value: &str) -> String {
    match group {
        "kind" | "thing_type" | "story_type" | "guide_type" => vocab(i, value),
        _ => value.to_string(),
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let i = use_i18n();
    let location = use_location();
    let search = move || location.search.get();
    let data = Resource::new(search, move |s| search_page(s, i.lang.to_string()));
    let current = move || pairs_of(&search());
    let value_of = move |name: &str| {
        current()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
            .unwrap_or_default()
    };
    let title = i.t("search-title");
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <form class="search-form" method="get" action="/search" role="search" aria-label=i.t("search-title")>
            <label for="search-q">{i.t("search-label")}</label>
            <SearchBox value=value_of("q") lang=i.lang.to_string()/>
            <label for="search-sort">{i.t("search-sort")}</label>
            <select id="search-sort" name="sort">
                <option value="relevance" selected=move || value_of("sort") != "recent">{i.t("search-sort-relevance")}</option>
                <option value="recent" selected=move || value_of("sort") == "recent">{i.t("search-sort-recent")}</option>
            </select>
            // A new query keeps the facets already chosen.
            {move || current().into_iter()
                .filter(|(k, _)| FACETS.contains(&k.as_str()))
                .map(|(k, v)| view! { <input type="hidden" name=k value=v/> })
                .collect_view()}
            <button type="submit">{i.t("search-submit")}</button>
        </form>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let pairs = current();
                match data.await {
                    Ok(d) => match (d.results, d.error) {
                        (Some(r), _) => view! { <Results results=r pairs/> }.into_any(),
                        (None, code) => {
                            crate::ui::widgets::set_status(400);
                            let key = format!("search-error-{}", code.unwrap_or_default().replace('_', "-"));
                            view! { <p class="notice error" role="alert">{i.t(&key)}</p> }.into_any()
                        }
                    },
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Results(results: SearchResults, pairs: Vec<(String, String)>) -> impl IntoView {
    let i = use_i18n();
    let page = results.skip / PAGE_SIZE + 1;
    let chosen = pairs
        .iter()
        .filter(|(k, _)| FACETS.contains(&k.as_str()))
        .count();
    let filtered = chosen > 0;
    let clear: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k == "q" || k == "sort")
        .cloned()
        .collect();
    let base: Vec<(String, String)> = pairs.iter().filter(|(k, _)| k != "page").cloned().collect();
    let groups = results.facets.clone();
    view! {
        {results.rebuilding.then(|| view! { <p class="notice" role="status">{i.t("search-rebuilding")}</p> })}
        {results.relaxed.then(|| view! { <p class="notice" role="status">{i.t("search-relaxed")}</p> })}
        {results.corrected.clone().map(|c| {
            // The corrected words as a query of their own, with the same filters.
            let mut corrected = vec![("q".to_string(), c.clone())];
            corrected.extend(pairs.iter().filter(|(k, _)| k != "page" && k != "q").cloned());
            let with_correction = href(&corrected);
            view! {
                <p class="notice" role="status">
                    {i.t("search-corrected")}" "<a href=with_correction><strong><em>{c}</em></strong></a>
                </p>
            }
        })}
        <div class="search-layout">
            <aside class="facets" aria-label=i.t("search-facets")>
                // On a phone the filters fold away behind this control, so results come
                // first; on wider screens they are always shown (style.css).
                <details class="filters-toggle">
                    <summary>
                        {i.t("search-filters")}
                        {(chosen > 0).then(|| view! { " "<span class="badge">{i.ta("search-filters-chosen", &[("count", chosen.to_string())])}</span> })}
                    </summary>
                    {groups.into_iter().map(|g| view! { <FacetList group=g pairs=pairs.clone()/> }).collect_view()}
                    {filtered.then(|| view! { <p><a href=href(&clear)>{i.t("search-clear")}</a></p> })}
                </details>
            </aside>
            <section class="results" aria-label=i.t("search-results")>
                <p role="status" class="count">{i.ta("search-count", &[("count", results.total.to_string())])}</p>
                {if results.hits.is_empty() {
                    view! { <p class="empty">{i.t("search-empty")}</p> }.into_any()
                } else {
                    view! {
                        <ol class="hits">
                            {results.hits.into_iter().map(|h| view! { <HitItem hit=h/> }).collect_view()}
                        </ol>
                        <Pagination base=href(&base) page=page as i64 total=results.total as i64 page_size=PAGE_SIZE as i64/>
                    }.into_any()
                }}
            </section>
        </div>
    }
}

#[component]
fn FacetList(group: FacetGroup, pairs: Vec<(String, String)>) -> impl IntoView {
    let i = use_i18n();
    let name = group.name.clone();
    let heading_id = format!("facet-{name}");
    view! {
        <section class="facet">
            <h2 id=heading_id.clone()>{i.t(&format!("facet-{}", name.replace('_', "-")))}</h2>
            <ul aria-labelledby=heading_id>
                {group.values.into_iter().map(|v| {
                    let link = toggled(&pairs, &name, &v.value);
                    let label = v.label.clone().unwrap_or_else(|| facet_label(&i, &name, &v.value));
                    // Subcategories of a chosen category sit indented below it.
                    let indent = (v.depth > 0).then(|| format!("padding-inline-start: {}em", v.depth));
                    view! {
                        <li style=indent>
                            // A link cannot be pressed; a chosen filter is marked as the current one.
                            <a href=link class:selected=v.selected aria-current=v.selected.then_some("true") data-facet=name.clone() data-value=v.value.clone()>
                                <span class="check" aria-hidden="true">{if v.selected { "☑" } else { "☐" }}</span>
                                " "{label}" "
                                <span class="count">{v.count}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn HitItem(hit: Hit) -> impl IntoView {
    let i = use_i18n();
    let href = format!("/{}/{}", hit.kind.plural(), hit.id);
    let kind = vocab(&i, hit.kind.as_str());
    let subtitle = hit
        .subtitle
        .iter()
        .map(|s| vocab(&i, s))
        .collect::<Vec<_>>()
        .join(" · ");
    // The title carries its own language (and direction) when it is not the page's.
    let title_lang = (hit.fell_back && !hit.title_lang.is_empty()).then(|| hit.title_lang.clone());
    let title_dir = title_lang.as_deref().map(domain::lang::direction);
    view! {
        <li class=format!("hit hit-{}", hit.kind.as_str())>
            <span class="kind">{kind}</span>
            " "
            // The same link again around the cover, out of the tab order and hidden from
            // screen readers, which have the title link.
            {hit.cover.map(|c| view! {
                <a class="cover-link" href=href.clone() tabindex="-1" aria-hidden="true"><CoverImage cover=Some(c)/></a>
            })}
            <a href=href lang=title_lang dir=title_dir>
                {if hit.title_marks.is_empty() {
                    hit.title.into_any()
                } else {
                    hit.title_marks.into_iter().map(|s| {
                        if s.highlight {
                            view! { <mark>{s.text}</mark> }.into_any()
                        } else {
                            s.text.into_any()
                        }
                    }).collect_view().into_any()
                }}
            </a>
            {hit.fell_back.then(|| view! { " " <small class="fallback">{i.t("fallback-note")}</small> })}
            <p class="meta">{subtitle}</p>
            <p class="snippet">
                {hit.snippet.into_iter().map(|s| {
                    if s.highlight {
                        view! { <mark>{s.text}</mark> }.into_any()
                    } else {
                        s.text.into_any()
                    }
                }).collect_view()}
            </p>
        </li>
    }
}

/// The query box, with suggestions as the reader types: the one part of this page the
/// client bundle runs.
#[island]
fn SearchBox(value: String, lang: String) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let suggestions = Resource::new(
        move || typed.get(),
        move |t| {
            let lang = lang.clone();
            async move {
                if t.trim().is_empty() {
                    Vec::new()
                } else {
                    search_suggestions(t, lang).await.unwrap_or_default()
                }
            }
        },
    );
    view! {
        <input id="search-q" type="search" name="q" value=value autocomplete="off"
            list="search-suggestions" on:input=move |ev| typed.set(event_target_value(&ev))/>
        <datalist id="search-suggestions">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    suggestions.await.into_iter().map(|s| view! { <option value=s/> }).collect_view()
                })}
            </Transition>
        </datalist>
    }
}
