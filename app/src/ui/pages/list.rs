//! The list page of a kind, with its filters and paging.

use super::{kind_title, LoadError};
use crate::i18n::use_i18n;
use crate::server_fns::{load_list, PAGE_SIZE};
use crate::ui::media::CoverImage;
use crate::ui::widgets::{vocab, Pagination, Timestamp};
use domain::vocab::Vocabularies;
use domain::EntityKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeMap;

/// (query parameter, label key, vocabulary or free text) of each kind's filters.
fn filters(kind: EntityKind) -> Vec<(&'static str, &'static str, Option<Vec<String>>)> {
    let v = Vocabularies::default();
    let kinds = Some(vec!["thing".to_string(), "story".into(), "guide".into()]);
    match kind {
        EntityKind::Thing => vec![
            ("type", "field-type", Some(v.thing_types)),
            ("manufacturer", "field-manufacturer", None),
        ],
        EntityKind::Story => vec![
            ("type", "field-type", Some(v.story_types)),
            ("category", "field-category", None),
            ("thing_id", "field-thing-id", None),
        ],
        EntityKind::Guide => vec![
            ("type", "field-type", Some(v.guide_primary)),
            ("category", "field-category", None),
            ("thing_id", "field-thing-id", None),
        ],
        EntityKind::Relationship => vec![
            (
                "relationship_type",
                "field-relationship-type",
                Some(v.relationship_types),
            ),
            ("source_type", "field-source-type", kinds.clone()),
            ("source_id", "field-source-id", None),
            ("target_type", "field-target-type", kinds),
            ("target_id", "field-target-id", None),
        ],
        EntityKind::Category => vec![("ords_id", "field-ords-id", None)],
        EntityKind::Term => vec![
            (
                "vocabulary",
                "field-vocabulary",
                Some(domain::vocab::VOCABULARIES.map(String::from).to_vec()),
            ),
            ("key", "field-key", None),
        ],
        EntityKind::Repair => vec![
            (
                "status",
                "field-repair-status",
                Some(domain::repair::STATUSES.map(String::from).to_vec()),
            ),
            ("group", "field-group-identifier", None),
            ("product_category_id", "field-product-category", None),
            ("brand", "field-brand", None),
            ("country", "field-country", None),
        ],
        EntityKind::Event => vec![
            ("group", "field-group-identifier", None),
            ("date", "field-event-date", None),
            ("country", "field-country", None),
        ],
        EntityKind::Outcome => vec![
            (
                "result",
                "field-outcome-result",
                Some(domain::outcome::RESULTS.map(String::from).to_vec()),
            ),
            ("entry_id", "field-entry-id", None),
        ],
    }
}

#[component]
pub fn ListPage(kind: EntityKind) -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let params = move || {
        query
            .get()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<BTreeMap<String, String>>()
    };
    let data = Resource::new(params, move |p| {
        load_list(kind, Some(p), i.lang.to_string())
    });
    let title = i.t(&kind_title(kind));
    let deleted = move || query.read().get("deleted").is_some();
    view! {
        <Title text=title.clone()/>
        <div class="page-head">
            <h1>{title}</h1>
            <a class="button" href=format!("/{}/new", kind.plural())>{i.t(&format!("action-create-{}", kind.as_str()))}</a>
        </div>
        {move || deleted().then(|| view! { <p class="notice" role="status">{i.t("notice-deleted")}</p> })}
        <form class="filters" method="get" role="search" aria-label=i.t("filters-label")>
            {move || {
                let current = params();
                filters(kind).into_iter().map(|(param, label, options)| {
                    let id = format!("filter-{param}");
                    let value = current.get(param).cloned().unwrap_or_default();
                    let control = match options {
                        Some(opts) => view! {
                            <select id=id.clone() name=param>
                                <option value="">{i.t("filter-any")}</option>
                                {opts.into_iter().map(|o| {
                                    let sel = o == value;
                                    let text = vocab(&i, &o);
                                    view! { <option value=o selected=sel>{text}</option> }
                                }).collect_view()}
                            </select>
                        }.into_any(),
                        None => view! { <input id=id.clone() name=param value=value/> }.into_any(),
                    };
                    view! { <div class="field"><label for=id>{i.t(label)}</label>{control}</div> }
                }).collect_view()
            }}
            <button type="submit">{i.t("filter-apply")}</button>
            <a href=format!("/{}", kind.plural())>{i.t("filter-reset")}</a>
        </form>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let current = params();
                match data.await {
                    Ok(list) => {
                        let page = list.skip / PAGE_SIZE + 1;
                        let base_query: Vec<String> = current
                            .iter()
                            .filter(|(k, v)| k.as_str() != "page" && k.as_str() != "deleted" && !v.is_empty())
                            .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
                            .collect();
                        let base = if base_query.is_empty() {
                            format!("/{}", kind.plural())
                        } else {
                            format!("/{}?{}", kind.plural(), base_query.join("&"))
                        };
                        if list.items.is_empty() {
                            view! { <p class="empty">{i.t("list-empty")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="entity-list">
                                    {list.items.into_iter().map(|s| {
                                        let href = format!("/{}/{}", kind.plural(), s.id);
                                        let subtitle = s.subtitle.split(" · ").map(|p| vocab(&i, p)).collect::<Vec<_>>().join(" · ");
                                        view! {
                                            <li>
                                                <a href=href><CoverImage cover=s.cover/>{s.label}</a>
                                                <span class="meta">{subtitle}" · "<Timestamp value=s.updated_at/></span>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                <Pagination base page total=list.total page_size=PAGE_SIZE/>
                            }.into_any()
                        }
                    }
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

pub fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
