//! The conflict queue and the side-by-side page where an expert resolves a conflict.

use super::{entity_href, kind_singular, LoadError};
use crate::i18n::use_i18n;
use crate::server_fns::{load_conflict, load_conflicts, ResolveConflict};
use crate::ui::widgets::{field_path_label, rcdata_text, Timestamp};
use crate::ui::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ConflictsPage() -> impl IntoView {
    let i = use_i18n();
    let data = Resource::new(|| (), move |_| load_conflicts(i.lang.to_string()));
    view! {
        <Title text=i.t("conflicts-title")/>
        <h1>{i.t("conflicts-title")}</h1>
        <p>{i.t("conflicts-intro")}</p>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(items) if items.is_empty() => view! { <p class="empty">{i.t("conflicts-none")}</p> }.into_any(),
                    Ok(items) => view! {
                        <table class="diff">
                            <thead><tr>
                                <th scope="col">{i.t("conflicts-entity")}</th>
                                <th scope="col">{i.t("conflicts-since")}</th>
                                <th scope="col">{i.t("conflicts-fields")}</th>
                            </tr></thead>
                            <tbody>
                                {items.into_iter().map(|c| view! {
                                    <tr>
                                        <td>
                                            <span class="badge">{i.t(&kind_singular(c.kind))}</span>" "
                                            <a href=format!("/conflicts/{}", c.id)>{c.label}</a>
                                        </td>
                                        <td><Timestamp value=c.created_at/></td>
                                        <td>{c.fields.iter().map(|f| field_path_label(&i, &f.path)).collect::<Vec<_>>().join(", ")}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ConflictPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        move |id| load_conflict(id, i.lang.to_string()),
    );
    let resolve = ServerAction::<ResolveConflict>::new();
    view! {
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let error = query.read().get("error");
                match data.await {
                    Ok(Some(c)) => {
                        let title = i.ta("conflict-title", &[("label", c.label.clone())]);
                        let open = c.status == "open";
                        view! {
                            <Title text=title.clone()/>
                            <h1>{title}</h1>
                            <p>
                                <span class="badge">{i.t(&kind_singular(c.kind))}</span>" "
                                <a href=entity_href(c.kind, &c.entity_id)>{c.label.clone()}</a>" · "
                                <a href=format!("/{}/{}/history", c.kind.plural(), c.entity_id)>{i.t("action-history")}</a>" · "
                                {i.t("conflicts-since")}" "<Timestamp value=c.created_at.clone()/>
                            </p>
                            {error.map(|e| view! { <p class="notice warning" role="alert">{i.t(&format!("conflict-error-{e}"))}</p> })}
                            {(!open).then(|| view! { <p class="notice">{i.t("conflict-closed")}</p> })}
                            <p>{i.t("conflict-explain")}</p>
                            <ActionForm action=resolve attr:class="entity-form">
                                <input type="hidden" name="id" value=c.id.clone()/>
                                {c.fields.into_iter().enumerate().map(|(n, f)| {
                                    let name = format!("c[pick.{n}]");
                                    let custom_id = format!("custom-{n}");
                                    let option = |value: &'static str, label: String, shown: Option<String>, checked: bool| {
                                        let id = format!("pick-{n}-{value}");
                                        view! {
                                            <div class="choice">
                                                <input type="radio" id=id.clone() name=name.clone() value=value checked=checked/>
                                                <label for=id>
                                                    <strong>{label}</strong>
                                                    <span class="value">{shown.unwrap_or_else(|| i.t("conflict-absent"))}</span>
                                                </label>
                                            </div>
                                        }
                                    };
                                    let path = if f.path.is_empty() { i.t("conflict-whole") } else { field_path_label(&i, &f.path) };
                                    view! {
                                        <fieldset class="conflict-field">
                                            <legend>{path}</legend>
                                            <div class="sides">
                                                {option("ours", i.t("conflict-ours"), f.ours.clone(), true)}
                                                {option("theirs", i.t("conflict-theirs"), f.theirs.clone(), false)}
                                                {option("base", i.t("conflict-base"), f.base.clone(), false)}
                                                <div class="choice">
                                                    <input type="radio" id=format!("pick-{n}-custom") name=name.clone() value="custom"/>
                                                    <label for=format!("pick-{n}-custom")><strong>{i.t("conflict-custom")}</strong></label>
                                                    <label class="sr-only" for=custom_id.clone()>{i.t("conflict-custom-value")}</label>
                                                    <textarea id=custom_id name=format!("c[custom.{n}]") rows="2">{rcdata_text(f.ours.clone().unwrap_or_default())}</textarea>
                                                </div>
                                            </div>
                                        </fieldset>
                                    }
                                }).collect_view()}
                                <div class="form-actions">
                                    <button type="submit" class="primary" disabled=!open>{i.t("action-resolve")}</button>
                                    <a href="/conflicts">{i.t("action-cancel")}</a>
                                </div>
                            </ActionForm>
                        }.into_any()
                    }
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
