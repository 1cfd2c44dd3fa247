//! The translation queue of a language and the completeness figures per language and
//! kind.

use super::{kind_singular, kind_title, LoadError};
use crate::i18n::use_i18n;
use crate::server_fns::{load_completeness, load_queue};
use crate::ui::numbers::{language_label, number_text, percent_text};
use crate::ui::widgets::field_path_label;
use domain::EntityKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeMap;

#[component]
pub fn TranslationQueuePage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            query
                .read()
                .clone()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .filter(|(k, _)| ["lang", "kind", "category", "sort", "skip"].contains(&k.as_str()))
                .collect::<BTreeMap<String, String>>()
        },
        move |q| load_queue(Some(q), i.lang.to_string()),
    );
    view! {
        <Title text=i.t("queue-title")/>
        <h1>{i.t("queue-title")}</h1>
        <p>{i.t("queue-intro")}" "<a href="/admin/translations">{i.t("completeness-title")}</a></p>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let Ok(page) = data.await else {
                    return view! { <LoadError/> }.into_any();
                };
                let lang = page.lang.clone();
                let mut languages = page.languages.clone();
                if !languages.contains(&lang) {
                    languages.push(lang.clone());
                }
                let link = |skip: i64| {
                    let mut q = vec![("lang", lang.clone()), ("sort", page.sort.clone()), ("skip", skip.to_string())];
                    if let Some(k) = page.kind {
                        q.push(("kind", k.as_str().to_string()));
                    }
                    if !page.category.is_empty() {
                        q.push(("category", page.category.clone()));
                    }
                    let encoded: String = url::form_urlencoded::Serializer::new(String::new())
                        .extend_pairs(q)
                        .finish();
                    format!("/translations?{encoded}")
                };
                let (prev, next) = (
                    (page.skip > 0).then(|| link((page.skip - page.limit).max(0))),
                    page.more.then(|| link(page.skip + page.limit)),
                );
                let kinds = EntityKind::ALL.map(|k| {
                    let selected = page.kind == Some(k);
                    view! { <option value=k.as_str() selected=selected>{i.t(&kind_title(k))}</option> }
                });
                view! {
                    <form method="get" action="/translations" class="filters">
                        <label>{i.t("queue-language")}" "
                            <select name="lang">
                                {languages.into_iter().map(|l| {
                                    let selected = l == lang;
                                    view! { <option value=l.clone() selected=selected>{language_label(&l)}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <label>{i.t("queue-kind")}" "
                            <select name="kind">
                                <option value="">{i.t("queue-kind-all")}</option>
                                {kinds.into_iter().collect_view()}
                            </select>
                        </label>
                        <label>{i.t("field-category")}" "
                            <input type="text" name="category" value=page.category.clone()/>
                        </label>
                        <label>{i.t("queue-sort")}" "
                            <select name="sort">
                                <option value="views" selected=page.sort == "views">{i.t("queue-sort-views")}</option>
                                <option value="searches" selected=page.sort == "searches">{i.t("queue-sort-searches")}</option>
                            </select>
                        </label>
                        <button type="submit">{i.t("queue-show")}</button>
                    </form>
                    {page.error.clone().map(|_| view! { <p class="notice warning" role="alert">{i.t("queue-bad-query")}</p> })}
                    {if page.items.is_empty() {
                        view! { <p class="empty">{i.ta("queue-empty", &[("language", language_label(&lang))])}</p> }.into_any()
                    } else {
                        view! {
                            <table class="queue">
                                <thead><tr>
                                    <th scope="col">{i.t("queue-entry")}</th>
                                    <th scope="col">{i.t("state-missing")}</th>
                                    <th scope="col">{i.t("state-outdated")}</th>
                                    <th scope="col" class="number">{i.t("queue-views")}</th>
                                    <th scope="col" class="number">{i.t("queue-searches")}</th>
                                </tr></thead>
                                <tbody>
                                    {page.items.iter().map(|item| {
                                        let href = format!("/{}/{}/translate?lang={}", item.kind.plural(), item.id, lang);
                                        let paths = |ps: &[String]| ps.iter().map(|p| field_path_label(&i, p)).collect::<Vec<_>>().join(", ");
                                        view! {
                                            <tr>
                                                <td>
                                                    <span class="badge">{i.t(&kind_singular(item.kind))}</span>" "
                                                    <a href=href>{item.label.clone()}</a>
                                                </td>
                                                <td>{paths(&item.missing)}</td>
                                                <td>{paths(&item.outdated)}</td>
                                                <td class="number">{number_text(&i, item.views)}</td>
                                                <td class="number">{number_text(&i, item.searches)}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    <nav class="pagination" aria-label=i.t("pagination-label")>
                        {prev.map(|href| view! { <a href=href rel="prev">{i.t("pagination-prev")}</a> })}
                        {next.map(|href| view! { <a href=href rel="next">{i.t("pagination-next")}</a> })}
                    </nav>
                }.into_any()
            })}
        </Suspense>
    }
}

/// Per content language and kind: how many texts are current, reviewed, outdated and
/// missing, as counts and percentages.
#[component]
pub fn CompletenessPage() -> impl IntoView {
    let i = use_i18n();
    let data = Resource::new(|| (), |_| load_completeness());
    view! {
        <Title text=i.t("completeness-title")/>
        <super::admin::AdminNav/>
        <h1>{i.t("completeness-title")}</h1>
        <p>{i.t("completeness-intro")}" "<a href="/translations">{i.t("queue-title")}</a></p>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let Ok(page) = data.await else {
                    return view! { <LoadError/> }.into_any();
                };
                let cell = move |n: u64, pct: u64| view! {
                    <td class="number">
                        <meter min="0" max="100" value=pct.to_string() aria-label=percent_text(&i, pct)></meter>" "
                        {percent_text(&i, pct)}<br/>
                        <small>{number_text(&i, n)}</small>
                    </td>
                };
                view! {
                    <table class="completeness">
                        <thead><tr>
                            <th scope="col">{i.t("queue-language")}</th>
                            <th scope="col">{i.t("queue-kind")}</th>
                            <th scope="col" class="number">{i.t("state-current")}</th>
                            <th scope="col" class="number">{i.t("state-reviewed")}</th>
                            <th scope="col" class="number">{i.t("state-outdated")}</th>
                            <th scope="col" class="number">{i.t("state-missing")}</th>
                        </tr></thead>
                        <tbody>
                            {page.rows.iter().filter(|r| page.languages.contains(&r.lang)).map(|r| view! {
                                <tr>
                                    <th scope="row"><a href=format!("/translations?lang={}&kind={}", r.lang, r.kind.as_str())>{language_label(&r.lang)}</a></th>
                                    <td>{i.t(&kind_title(r.kind))}</td>
                                    {cell(r.current, r.percent(r.current))}
                                    {cell(r.reviewed, r.percent(r.reviewed))}
                                    {cell(r.outdated, r.percent(r.outdated))}
                                    {cell(r.missing, r.percent(r.missing))}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
        </Suspense>
    }
}
