//! `/categories/{id}/split`: experts name new categories below one and choose, for each
//! subcategory and entry filed there, which new category it moves to. A plain form, so
//! it works without JavaScript; a refused split comes back with what was typed.

use super::{entity_href, kind_singular, LoadError};
use crate::i18n::use_i18n;
use crate::server_fns::{load_split, SplitCategory, SplitPage, SPLIT_FORM_PARTS};
use crate::ui::widgets::Problems;
use crate::ui::NotFound;
use domain::{EntityKind, Problem};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CategorySplitPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new(
        move || (id(), query.read().get("draft")),
        move |(id, draft)| load_split(id, i.lang.to_string(), draft),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(page)) => view! { <SplitForm id=id() page/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SplitForm(id: String, page: SplitPage) -> impl IntoView {
    let i = use_i18n();
    let split = ServerAction::<SplitCategory>::new();
    let title = i.ta("split-title", &[("name", page.label.clone())]);
    let back = entity_href(EntityKind::Category, &id);
    if !page.may_split {
        return view! {
            <Title text=title.clone()/>
            <h1>{title}</h1>
            <p class="notice warning" role="alert">{i.t("split-experts-only")}</p>
            <p><a href=back>{i.t("split-back")}</a></p>
        }
        .into_any();
    }
    let kept = page.kept;
    let typed = |key: &str| kept.fields.get(key).cloned().unwrap_or_default();
    let at = |path: &str| -> Vec<Problem> {
        kept.problems
            .iter()
            .filter(|p| p.path == path || p.path.starts_with(&format!("{path}.")))
            .cloned()
            .collect()
    };
    let general: Vec<Problem> = kept
        .problems
        .iter()
        .filter(|p| !p.path.starts_with("part"))
        .cloned()
        .collect();
    let names = (1..=SPLIT_FORM_PARTS)
        .map(|n| {
            let field = format!("name{n}");
            let problems = at(&format!("part{n}"));
            let invalid = !problems.is_empty();
            view! {
                <p>
                    <label for=format!("split-{field}")>{i.ta("split-new", &[("n", n.to_string())])}</label>
                    <input type="text" id=format!("split-{field}") name=format!("f[{field}]") maxlength="200"
                        value=typed(&field) aria-invalid=invalid.then_some("true")
                        aria-describedby=invalid.then(|| format!("split-{field}-problems"))/>
                    <Problems problems id=format!("split-{field}-problems")/>
                </p>
            }
        })
        .collect_view();
    let rows = page
        .candidates
        .iter()
        .map(|(kind, entry, label)| {
            let field = format!("to.{entry}");
            let chosen = typed(&field);
            let select_id = format!("split-to-{entry}");
            view! {
                <tr>
                    <td>
                        <span class="badge">{i.t(&kind_singular(*kind))}</span>" "
                        <a href=entity_href(*kind, entry)>{label.clone()}</a>
                    </td>
                    <td>
                        <label for=select_id.clone() class="sr-only">{i.ta("split-move", &[("name", label.clone())])}</label>
                        <select id=select_id name=format!("f[{field}]")>
                            <option value="">{i.t("split-stay")}</option>
                            {(1..=SPLIT_FORM_PARTS).map(|n| view! {
                                <option value=n.to_string() selected=chosen == n.to_string()>
                                    {i.ta("split-new", &[("n", n.to_string())])}
                                </option>
                            }).collect_view()}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="hint">{i.t("split-intro")}</p>
        <Problems problems=general id="split-problems"/>
        <ActionForm action=split attr:class="split">
            <input type="hidden" name="id" value=id.clone()/>
            <input type="hidden" name="lang" value=i.lang.to_string()/>
            <fieldset>
                <legend>{i.t("split-names")}</legend>
                {names}
            </fieldset>
            <h2>{i.t("split-what")}</h2>
            {if page.candidates.is_empty() {
                view! { <p class="none">{i.t("split-nothing")}</p> }.into_any()
            } else {
                view! {
                    <table class="split">
                        <thead><tr>
                            <th scope="col">{i.t("split-entry")}</th>
                            <th scope="col">{i.t("split-moves-to")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
            <p>
                <button type="submit" class="primary">{i.t("split-submit")}</button>" "
                <a href=back>{i.t("split-back")}</a>
            </p>
        </ActionForm>
    }
    .into_any()
}
