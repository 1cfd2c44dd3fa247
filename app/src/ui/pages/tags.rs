//! Free tags in pages: the editor in the entry forms (one field per tag, with the
//! instance's tags suggested as one types), the entry's tag links, `/tags` (every tag
//! with its count) and a tag's page with what carries it and the moderators' rename.

use super::categories::FiledSection;
use super::LoadError;
use crate::i18n::use_i18n;
use crate::server_fns::{escaped_tag, load_tag, load_tags, RenameTag, TagPage};
use crate::ui::widgets::{field_id, field_name, form_ctx, Problems};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

/// The instance's most used tags, suggested in the form's tag fields.
#[derive(Clone, Default)]
pub struct KnownTags(pub Arc<Vec<String>>);

/// Empty tag fields a form offers after the filled ones.
const BLANK_TAG_FIELDS: usize = 3;

/// The address of a tag's page.
pub fn tag_href(tag: &str) -> String {
    format!("/tags/{}", escaped_tag(tag))
}

/// One text field per tag and a few empty ones; the browser suggests the instance's
/// tags from a datalist, with or without JavaScript.
#[component]
pub fn TagsEditor() -> impl IntoView {
    let i = use_i18n();
    let ctx = form_ctx();
    let known = use_context::<KnownTags>().unwrap_or_default();
    let filled = domain::form::indices(&ctx.fields, "tags");
    let next = filled.last().map_or(0, |last| last + 1);
    let blanks = BLANK_TAG_FIELDS.min(domain::tags::MAX_TAGS.saturating_sub(filled.len()));
    let slots: Vec<usize> = filled.into_iter().chain(next..next + blanks).collect();
    let problems = ctx.at("tags");
    view! {
        <fieldset id="f-tags" class="tags-editor">
            <legend>{i.t("field-tags")}</legend>
            <p class="hint" id="f-tags-hint">{i.t("hint-tags")}</p>
            <ul>
                {slots.into_iter().enumerate().map(|(n, slot)| {
                    let name = format!("tags.{slot}");
                    let id = field_id(&name);
                    let problems = ctx.at(&name);
                    let invalid = !problems.is_empty();
                    let err_id = format!("{id}-problems");
                    view! {
                        <li>
                            <label for=id.clone() class="sr-only">{i.ta("field-tag-n", &[("n", (n + 1).to_string())])}</label>
                            <input type="text" id=id name=field_name(&name) value=ctx.value(&name) list="known-tags"
                                maxlength=domain::tags::MAX_TAG.to_string() autocomplete="off"
                                aria-invalid=invalid.then_some("true")
                                aria-describedby=if invalid { format!("f-tags-hint {err_id}") } else { "f-tags-hint".to_string() }/>
                            <Problems problems id=err_id/>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <datalist id="known-tags">
                {known.0.iter().map(|t| view! { <option value=t.clone()></option> }).collect_view()}
            </datalist>
            <Problems problems id="f-tags-problems"/>
        </fieldset>
    }
}

/// An entry's tags as links to their pages.
#[component]
pub fn TagLinks(tags: Vec<String>) -> impl IntoView {
    let i = use_i18n();
    (!tags.is_empty()).then(|| {
        view! {
            <p class="tag-links">
                <span>{i.t("field-tags")}": "</span>
                {tags.into_iter().map(|t| view! { <a class="tag" rel="tag" href=tag_href(&t)>{t.clone()}</a>" " }).collect_view()}
            </p>
        }
    })
}

/// `/tags`: every tag in use with its count, or those starting with what was searched.
#[component]
pub fn TagsPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let prefix = move || query.read().get("q").unwrap_or_default();
    let data = Resource::new(prefix, |q| load_tags(Some(q)));
    let title = i.t("tags-title");
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="hint">{i.t("tags-intro")}</p>
        <form method="get" action="/tags" role="search">
            <label>{i.t("tags-find")}" "<input type="search" name="q" value=prefix/></label>" "
            <button type="submit">{i.t("search-submit")}</button>
        </form>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(tags) if tags.is_empty() => view! { <p class="none">{i.t("tags-none")}</p> }.into_any(),
                    Ok(tags) => view! {
                        <ul class="tag-cloud">
                            {tags.into_iter().map(|(t, n)| view! {
                                <li><a class="tag" rel="tag" href=tag_href(&t)>{t.clone()}</a>" "<span class="count">{format!("({n})")}</span></li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/tags/{tag}`: the things, stories and guides carrying the tag; moderators rename it
/// here (to a tag in use, which merges the two).
#[component]
pub fn TagPageView() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let tag = move || params.read().get("tag").unwrap_or_default();
    let data = Resource::new(
        move || (tag(), query.read().get("renamed")),
        move |(tag, _)| load_tag(tag, i.lang.to_string()),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <TagView page/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TagView(page: TagPage) -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let rename = ServerAction::<RenameTag>::new();
    let title = i.ta("tag-title", &[("tag", page.tag.clone())]);
    let notice = move || {
        let q = query.read();
        if let Some(n) = q.get("renamed") {
            let left = q.get("left").unwrap_or_default();
            return Some(view! {
                <p class="notice success" role="status">{i.ta("tag-renamed", &[("count", n), ("left", left)])}</p>
            }.into_any());
        }
        q.get("rename_error").map(|_| {
            view! {
                <p class="notice warning" role="alert">{i.t("tag-rename-error")}</p>
            }
            .into_any()
        })
    };
    let tag = page.tag.clone();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        {notice}
        <p>
            <a href=format!("/search?tag={}", escaped_tag(&tag))>{i.t("tag-search")}</a>" · "
            <a href="/tags">{i.t("tags-all")}</a>
        </p>
        {page.may_rename.then(|| {
            let tag = tag.clone();
            view! {
            <details class="rename">
                <summary>{i.t("tag-rename-title")}</summary>
                <p>{i.t("tag-rename-help")}</p>
                <ActionForm action=rename>
                    <input type="hidden" name="from" value=tag.clone()/>
                    <label for="rename-to">{i.t("tag-rename-to")}</label>" "
                    <input type="text" id="rename-to" name="to" required maxlength=domain::tags::MAX_TAG.to_string()/>
                    " "<button type="submit" class="secondary">{i.t("tag-rename-button")}</button>
                </ActionForm>
            </details>
            }
        })}
        {page.tagged.into_iter().map(|(kind, items, total)| {
            let all = format!("/{}?tag={}", kind.plural(), escaped_tag(&tag));
            view! { <FiledSection kind items total all empty=i.t("tag-empty")/> }
        }).collect_view()}
    }
}
