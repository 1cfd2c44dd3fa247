//! The category taxonomy in pages: the browsable tree (`/categories`), a category's own
//! content (parents, subcategories, what is filed below it), the "filed under" line of
//! other entries, and the checkbox list forms use to choose categories.

use super::{entity_href, kind_title, LoadError};
use crate::i18n::use_i18n;
use crate::server_fns::{
    load_category_tree, load_unfiled, CategoryExtras, FileUnfiled, MergeCategory,
};
use crate::ui::widgets::{form_ctx, Localized, Problems};
use domain::taxonomy::TreeNode;
use domain::{Category, EntityKind, EntitySummary};
use leptos::prelude::*;
use leptos_meta::Title;
use std::collections::BTreeMap;
use std::sync::Arc;

/// `/categories`: the whole taxonomy, each category with the entries below it.
#[component]
pub fn CategoryTreePage() -> impl IntoView {
    let i = use_i18n();
    let data = Resource::new(|| (), move |_| load_category_tree(i.lang.to_string()));
    let title = i.t("categories-title");
    view! {
        <Title text=title.clone()/>
        <div class="page-head">
            <h1>{title}</h1>
            <a class="button" href="/categories/new">{i.t("action-create-category")}</a>
        </div>
        <p class="hint">{i.t("categories-intro")}" "<a href="/categories/unfiled">{i.t("unfiled-link")}</a>" · "<a href="/tags">{i.t("tags-link")}</a>" · "<a href="/vocabularies">{i.t("vocabularies-link")}</a></p>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(roots) if roots.is_empty() => view! { <p class="none">{i.t("categories-none")}</p> }.into_any(),
                    Ok(roots) => view! {
                        <ul class="category-tree">
                            {roots.into_iter().map(|n| view! { <Branch node=n/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One category and, in a `details` that folds without JavaScript, its children.
#[component]
fn Branch(node: TreeNode) -> impl IntoView {
    let i = use_i18n();
    let count = i.ta("categories-count", &[("count", node.count.to_string())]);
    let link = view! {
        <a href=entity_href(EntityKind::Category, &node.id)>{node.label.clone()}</a>
        " "<span class="count">{count}</span>
    };
    if node.children.is_empty() {
        return view! { <li>{link}</li> }.into_any();
    }
    // The link stays outside the summary: a link inside a toggle is two controls in one.
    view! {
        <li>
            {link}
            <details open=true>
                <summary>{i.t("categories-children")}</summary>
                <ul>{node.children.into_iter().map(|n| view! { <Branch node=n/> }).collect_view()}</ul>
            </details>
        </li>
    }
    .into_any()
}

/// Links to categories by id, labelled from `labels` (unknown ids are left out).
fn category_links(ids: &[(String, String)]) -> impl IntoView {
    view! {
        <ul class="inline">
            {ids.iter().map(|(id, label)| view! {
                <li><a href=entity_href(EntityKind::Category, id)>{label.clone()}</a></li>
            }).collect_view()}
        </ul>
    }
}

/// "Filed under": the categories of a thing, story or guide.
#[component]
pub fn FiledUnder(ids: Vec<String>, labels: BTreeMap<String, String>) -> impl IntoView {
    let i = use_i18n();
    let named: Vec<(String, String)> = ids
        .into_iter()
        .filter_map(|id| labels.get(&id).map(|l| (id, l.clone())))
        .collect();
    (!named.is_empty()).then(|| {
        view! {
            <div class="filed-under">
                <span>{i.t("categories-filed-under")}</span>" "
                {category_links(&named)}
            </div>
        }
    })
}

/// A category's page: its texts, where it sits, and what is filed below it.
#[component]
pub fn CategoryView(
    id: String,
    category: Category,
    labels: BTreeMap<String, String>,
    extras: CategoryExtras,
) -> impl IntoView {
    let i = use_i18n();
    let synonyms = category.synonyms_in(i.lang);
    let wikidata = category.wikidata.clone();
    let parents: Vec<(String, String)> = if extras.parents.is_empty() {
        category
            .parents
            .iter()
            .filter_map(|id| labels.get(id).map(|l| (id.clone(), l.clone())))
            .collect()
    } else {
        extras.parents.clone()
    };
    let id_of_page = id;
    let query = leptos_router::hooks::use_query_map();
    let merge = ServerAction::<MergeCategory>::new();
    let merge_error = move || {
        query.read().get("merge_error").map(|e| match e.as_str() {
            "target" => "categories-merge-error-target",
            "stale" => "categories-merge-error-stale",
            _ => "categories-merge-error-choose",
        })
    };
    let may_merge = extras.may_merge && extras.merged_into.is_none();
    let choices: Vec<(String, String, usize)> = extras
        .taxonomy
        .iter()
        .filter(|(c, _, _)| *c != id_of_page)
        .cloned()
        .collect();
    view! {
        {extras.merged_into.clone().map(|(target, label)| view! {
            <p class="notice warning" role="status">
                {i.t("categories-merged-into")}" "<a href=entity_href(EntityKind::Category, &target)>{label}</a>
            </p>
        })}
        {move || query.read().get("category_merged").map(|n| view! {
            <p class="notice success" role="status">{i.ta("categories-merged-notice", &[("count", n)])}</p>
        })}
        {move || merge_error().map(|key| view! { <p class="notice warning" role="alert">{i.t(key)}</p> })}
        {category.description.map(|d| view! { <p class="lead"><Localized text=d/></p> })}
        <dl class="props">
            {(!synonyms.is_empty()).then(|| view! {
                <dt>{i.t("field-synonyms")}</dt><dd>{synonyms.join(", ")}</dd>
            })}
            <dt>{i.t("field-parents")}</dt>
            <dd>{if parents.is_empty() { view! { <span class="none">{i.t("categories-top")}</span> }.into_any() } else { category_links(&parents).into_any() }}</dd>
            <dt>{i.t("categories-children")}</dt>
            <dd>{if extras.children.is_empty() { view! { <span class="none">{i.t("none")}</span> }.into_any() } else { category_links(&extras.children).into_any() }}</dd>
            {category.ords_id.map(|o| view! { <dt>{i.t("field-ords-id")}</dt><dd>{o}</dd> })}
            {wikidata.map(|q| view! {
                <dt>{i.t("field-wikidata")}</dt>
                <dd><a rel="external" href=format!("https://www.wikidata.org/wiki/{q}")>{q.clone()}</a></dd>
            })}
        </dl>
        <form method="get" action="/search" role="search">
            <input type="hidden" name="category" value=id_of_page.clone()/>
            <label>{i.t("categories-search")}" "<input type="search" name="q"/></label>" "
            <button type="submit">{i.t("search-submit")}</button>
        </form>
        <p>
            <a href=format!("/categories/new?parents={id_of_page}")>{i.t("categories-add-child")}</a>" · "
            <a href=format!("/explore?category={id_of_page}")>{i.t("categories-explore")}</a>
        </p>
        {move || query.read().get("split").map(|n| view! {
            <p class="notice success" role="status">{i.ta("split-done", &[("count", n)])}</p>
        })}
        {may_merge.then(|| view! {
            <p><a href=format!("/categories/{id_of_page}/split")>{i.t("split-link")}</a></p>
        })}
        {may_merge.then(|| {
            let id = id_of_page.clone();
            view! {
            <details class="merge">
                <summary>{i.t("categories-merge-title")}</summary>
                <p>{i.t("categories-merge-help")}</p>
                <ActionForm action=merge>
                    <input type="hidden" name="id" value=id/>
                    <label for="merge-into">{i.t("categories-merge-into")}</label>" "
                    <select id="merge-into" name="into">
                        <option value="">{i.t("unfiled-choose")}</option>
                        {choices.iter().map(|(c, label, depth)| view! {
                            <option value=c.clone()>{format!("{}{label}", "– ".repeat(*depth))}</option>
                        }).collect_view()}
                    </select>
                    " "<button type="submit" class="secondary">{i.t("categories-merge-button")}</button>
                </ActionForm>
            </details>
            }
        })}
        {extras.filed.into_iter().map(|(kind, items, total)| {
            let all = format!("/{}?category={id_of_page}", kind.plural());
            view! { <FiledSection kind items total all empty=i.t("categories-empty")/> }
        }).collect_view()}
    }
}

/// One kind's entries on a category's or a tag's page: the first few, the total, and
/// a link to the full list when there are more.
#[component]
pub fn FiledSection(
    kind: EntityKind,
    items: Vec<EntitySummary>,
    total: i64,
    all: String,
    #[prop(into)] empty: String,
) -> impl IntoView {
    let i = use_i18n();
    let more = total > items.len() as i64;
    view! {
        <section class="filed">
            <h2>{i.t(&kind_title(kind))}" "<span class="count">{format!("({total})")}</span></h2>
            {if items.is_empty() {
                view! { <p class="none">{empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="entity-list">
                        {items.into_iter().map(|s| view! {
                            <li><a href=entity_href(s.kind, &s.id)>{s.label}</a>" "<span class="subtitle">{s.subtitle}</span></li>
                        }).collect_view()}
                    </ul>
                    {more.then(|| view! { <p><a href=all>{i.t("categories-see-all")}</a></p> })}
                }.into_any()
            }}
        </section>
    }
}

/// The form's list of every category, to tick those the entry is filed under.
#[derive(Clone, Default)]
pub struct Taxonomy(pub Arc<Vec<(String, String, usize)>>);

/// Checkboxes for a category list field (`categories`, or a category's `parents`).
#[component]
pub fn CategoryChecks(list: &'static str, #[prop(into)] label: String) -> impl IntoView {
    let i = use_i18n();
    let ctx = form_ctx();
    let taxonomy = use_context::<Taxonomy>().unwrap_or_default();
    let chosen: Vec<String> = domain::model::split_terms(&ctx.value(list));
    let problems = ctx.under(list);
    let count = chosen.len();
    view! {
        <fieldset id=format!("f-{list}") class="category-checks">
            <legend>{label}</legend>
            <input type="hidden" name=format!("f[{list}.shown]") value="1"/>
            <details open=count > 0>
                <summary>{i.ta("categories-chosen", &[("count", count.to_string())])}</summary>
                <ul>
                    {taxonomy.0.iter().map(|(id, name, depth)| {
                        let field = format!("f[{list}.pick.{id}]");
                        let box_id = format!("{list}-{id}");
                        view! {
                            <li class=format!("depth-{}", depth.min(&4))>
                                <input type="checkbox" id=box_id.clone() name=field value="on" checked=chosen.contains(id)/>
                                <label for=box_id>{name.clone()}</label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </details>
            <Problems problems=problems id=format!("f-{list}-problems")/>
        </fieldset>
    }
}

/// `/categories/unfiled`: the old free categories entries still carry, for experts to
/// file under the taxonomy, one text at a time or all that match a name at once.
#[component]
pub fn UnfiledPage() -> impl IntoView {
    let i = use_i18n();
    let query = leptos_router::hooks::use_query_map();
    let data = Resource::new(
        move || query.read().get("filed"),
        move |_| load_unfiled(i.lang.to_string()),
    );
    let file = ServerAction::<FileUnfiled>::new();
    let title = i.t("unfiled-title");
    let notice = move || {
        let q = query.read();
        if let Some(n) = q.get("filed") {
            return Some(view! { <p class="notice" role="status">{i.ta("unfiled-done", &[("count", n)])}</p> }.into_any());
        }
        q.get("error").map(|e| {
            let key = if e == "stale" {
                "unfiled-error-stale"
            } else {
                "unfiled-error-choose"
            };
            view! { <p class="notice warning" role="alert">{i.t(key)}</p> }.into_any()
        })
    };
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="hint">{i.t("unfiled-intro")}</p>
        {notice}
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let Ok(page) = data.await else {
                    return view! { <LoadError/> }.into_any();
                };
                if page.items.is_empty() {
                    return view! { <p class="none">{i.t("unfiled-none")}</p> }.into_any();
                }
                let any_match = page.items.iter().any(|u| u.matches.is_some());
                let taxonomy = Arc::new(page.taxonomy.clone());
                view! {
                    {(page.may_file && any_match).then(|| view! {
                        <ActionForm action=file attr:class="inline">
                            <button type="submit" class="primary">{i.t("unfiled-file-matching")}</button>
                        </ActionForm>
                    })}
                    <table class="unfiled">
                        <thead><tr>
                            <th scope="col">{i.t("unfiled-text")}</th>
                            <th scope="col">{i.t("unfiled-entries")}</th>
                            <th scope="col">{i.t("unfiled-file-under")}</th>
                        </tr></thead>
                        <tbody>
                            {page.items.into_iter().enumerate().map(|(n, u)| {
                                let choice_id = format!("unfiled-{n}");
                                let chosen = u.matches.as_ref().map(|(id, _)| id.clone()).unwrap_or_default();
                                let taxonomy = taxonomy.clone();
                                view! {
                                    <tr>
                                        <td><span class="badge">{i.t(&super::kind_singular(u.kind))}</span>" "<q>{u.text.clone()}</q></td>
                                        <td>{u.count}</td>
                                        <td>
                                            {if page.may_file {
                                                view! {
                                                    <ActionForm action=file attr:class="inline">
                                                        <input type="hidden" name="kind" value=u.kind.as_str()/>
                                                        <input type="hidden" name="text" value=u.text.clone()/>
                                                        <label for=choice_id.clone() class="sr-only">{i.t("unfiled-file-under")}</label>
                                                        <select id=choice_id name="category">
                                                            <option value="">{i.t("unfiled-choose")}</option>
                                                            {taxonomy.iter().map(|(id, label, depth)| view! {
                                                                <option value=id.clone() selected=*id == chosen>{format!("{}{label}", "– ".repeat(*depth))}</option>
                                                            }).collect_view()}
                                                        </select>
                                                        " "<button type="submit" class="secondary">{i.t("unfiled-file")}</button>
                                                    </ActionForm>
                                                }.into_any()
                                            } else {
                                                u.matches.map(|(id, label)| view! { <a href=entity_href(EntityKind::Category, &id)>{label}</a> }.into_any())
                                                    .unwrap_or_else(|| view! { <span class="none">{i.t("none")}</span> }.into_any())
                                            }}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
        </Suspense>
    }
}
