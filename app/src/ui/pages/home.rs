//! The home page (counts and recent changes) and the browsable API page.

use crate::i18n::use_i18n;
use crate::server_fns::load_home;
use crate::ui::widgets::ChangeList;
use domain::EntityKind;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let i = use_i18n();
    let data = Resource::new(|| (), move |_| load_home(i.lang.to_string()));
    view! {
        <Title text=i.t("home-title")/>
        <h1>{i.t("home-title")}</h1>
        <p class="lead">{i.t("home-intro")}</p>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(home) => {
                        let c = home.counts.clone();
                        let about = (!home.description.trim().is_empty())
                            .then(|| view! { <p class="lead instance-description">{home.description.clone()}</p> });
                        view! {
                            {about}
                            <section aria-labelledby="counts-h">
                                <h2 id="counts-h">{i.t("home-counts")}</h2>
                                <ul class="counts">
                                    <li><a href="/things"><strong>{c.things}</strong>" "{i.t("kind-thing-plural")}</a></li>
                                    <li><a href="/stories"><strong>{c.stories}</strong>" "{i.t("kind-story-plural")}</a></li>
                                    <li><a href="/guides"><strong>{c.guides}</strong>" "{i.t("kind-guide-plural")}</a></li>
                                    <li><a href="/relationships"><strong>{c.relationships}</strong>" "{i.t("kind-relationship-plural")}</a></li>
                                    <li><strong>{c.revisions}</strong>" "{i.t("home-revisions")}</li>
                                </ul>
                                <p class="instance">{i.ta("home-instance", &[("url", home.public_url.clone())])}</p>
                            </section>
                            <section aria-labelledby="recent-h">
                                <h2 id="recent-h">{i.t("home-recent")}</h2>
                                {if home.recent.is_empty() {
                                    view! { <p>{i.t("home-empty")}" "<a href="/things/new">{i.t("action-create-thing")}</a></p> }.into_any()
                                } else {
                                    view! { <ChangeList changes=home.recent/> }.into_any()
                                }}
                            </section>
                        }.into_any()
                    }
                    Err(_) => view! { <super::LoadError/> }.into_any(),
                }
            })}
        </Suspense>
        <section aria-labelledby="start-h">
            <h2 id="start-h">{i.t("home-contribute")}</h2>
            <ul class="actions">
                {EntityKind::ALL.into_iter().map(|k| view! {
                    <li><a class="button" href=format!("/{}/new", k.plural())>{i.t(&format!("action-create-{}", k.as_str()))}</a></li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub fn ApiPage() -> impl IntoView {
    let i = use_i18n();
    let doc = Resource::new(|| (), |_| crate::server_fns::load_api_doc());
    view! {
        <Title text=i.t("api-title")/>
        <h1>{i.t("api-title")}</h1>
        <p>{i.t("api-intro")}" "<a href="/api/v1/openapi.json">"openapi.json"</a></p>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match doc.await {
                    Ok(ops) => view! {
                        <table class="api">
                            <caption>{i.t("api-endpoints")}</caption>
                            <thead><tr><th scope="col">{i.t("api-method")}</th><th scope="col">{i.t("api-path")}</th><th scope="col">{i.t("api-summary")}</th></tr></thead>
                            <tbody>
                                {ops.into_iter().map(|(method, path, summary)| {
                                    let key = format!("api-op-{}", operation_key(&method, &path));
                                    let summary = if crate::i18n::has_message(i.lang, &key) { i.t(&key) } else { summary };
                                    view! { <tr><td><code>{method}</code></td><td><code>{path}</code></td><td>{summary}</td></tr> }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(_) => view! { <super::LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The message naming an operation in the page's language: method and path, with the
/// kind in an entity path generalized (`GET /api/v1/things/{id}` → `get-entity-id`).
pub fn operation_key(method: &str, path: &str) -> String {
    let mut parts = vec![method.to_ascii_lowercase()];
    let segments = path
        .trim_start_matches("/api/v1")
        .split('/')
        .filter(|s| !s.is_empty());
    let mut first = "";
    for (n, seg) in segments.enumerate() {
        let seg = if n == 0 && domain::EntityKind::from_plural(seg).is_some() {
            "entity"
        } else if n == 1 && first == "vocabularies" {
            // One path per vocabulary in the document, one operation in words.
            "name"
        } else {
            seg.trim_matches(|c| c == '{' || c == '}' || c == '.')
        };
        if n == 0 {
            first = seg;
        }
        parts.push(seg.replace(['.', '_'], "-"));
    }
    parts.join("-")
}
