//! `/admin/impact`: the factor tables impact figures are computed with. Admins add a
//! table (its CSV, source and licence), choose the one in use, and see every change
//! with the network's figures the replaced table gave.

use super::admin::{AdminNav, AdminOnly};
use super::LoadError;
use crate::i18n::use_i18n;
use crate::server_fns::{load_factors, AddFactorTable, FactorsPage, UseFactorTable};
use crate::ui::numbers::number_text;
use crate::ui::widgets::{problem_text, rcdata_text, Timestamp};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminFactorsPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("draft"), load_factors);
    let title = i.t("factors-title");
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <AdminNav/>
        {move || query.read().get("added").map(|_| view! { <p class="notice success" role="status">{i.t("factors-added")}</p> })}
        {move || query.read().get("used").map(|_| view! { <p class="notice success" role="status">{i.t("factors-used")}</p> })}
        {move || query.read().get("error").map(|_| view! { <p class="notice warning" role="alert">{i.t("factors-unknown")}</p> })}
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(page)) => view! { <FactorsView page/> }.into_any(),
                    Ok(None) => view! { <AdminOnly back="/admin/impact"/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FactorsView(page: FactorsPage) -> impl IntoView {
    let i = use_i18n();
    let choose = ServerAction::<UseFactorTable>::new();
    let add = ServerAction::<AddFactorTable>::new();
    let d = page.draft.clone();
    let problems: Vec<String> = d
        .problems
        .iter()
        .map(|p| {
            let text = problem_text(&i, p);
            if p.path.is_empty() {
                text
            } else {
                format!("{}: {text}", p.path)
            }
        })
        .collect();
    let kg = |x: f64| format!("{} kg", number_text(&i, x.round().max(0.0) as u64));
    view! {
        <p>{i.t("factors-intro")}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=i.t("factors-tables")>
            <table>
                <caption>{i.t("factors-tables")}</caption>
                <thead><tr>
                    <th scope="col">{i.t("factors-name")}</th>
                    <th scope="col">{i.t("factors-version")}</th>
                    <th scope="col">{i.t("factors-source")}</th>
                    <th scope="col">{i.t("factors-categories")}</th>
                    <th scope="col">{i.t("factors-in-use")}</th>
                </tr></thead>
                <tbody>
                    {page.tables.iter().map(|t| {
                        let id = t.id.clone();
                        view! {
                            <tr>
                                <td>{t.name.clone()}</td>
                                <td>{t.version.clone()}</td>
                                <td>{t.source.clone()}" "<small>{t.licence.clone()}</small></td>
                                <td>{t.categories}{t.ranged.then(|| view! { " "<small>{i.t("factors-ranged")}</small> })}</td>
                                <td>{if t.in_use {
                                    view! { <strong>{i.t("factors-in-use-yes")}</strong> }.into_any()
                                } else {
                                    view! {
                                        <ActionForm action=choose>
                                            <input type="hidden" name="id" value=id/>
                                            <button type="submit">{i.t("factors-use")}</button>
                                        </ActionForm>
                                    }.into_any()
                                }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2>{i.t("factors-history")}</h2>
        {if page.history.is_empty() {
            view! { <p>{i.t("factors-history-none")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=i.t("factors-history")>
                    <table>
                        <thead><tr>
                            <th scope="col">{i.t("factors-when")}</th>
                            <th scope="col">{i.t("factors-chosen")}</th>
                            <th scope="col">{i.t("factors-replaced")}</th>
                            <th scope="col">{i.t("impact-items-fixed")}</th>
                            <th scope="col">{i.t("impact-waste")}</th>
                            <th scope="col">{i.t("impact-co2e")}</th>
                        </tr></thead>
                        <tbody>
                            {page.history.iter().map(|c| {
                                let fixed = c.figures.items_by_status.get(domain::repair::FIXED).copied().unwrap_or(0);
                                view! {
                                    <tr>
                                        <td><Timestamp value=c.at.clone()/>" · "{c.actor.clone()}</td>
                                        <td>{format!("{} {}", c.chosen.name, c.chosen.version)}</td>
                                        <td>{format!("{} {}", c.previous.name, c.previous.version)}</td>
                                        <td>{number_text(&i, fixed)}</td>
                                        <td>{kg(c.figures.waste_prevented_kg)}</td>
                                        <td>{kg(c.figures.co2e_prevented_kg)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="hint">{i.t("factors-history-hint")}</p>
            }.into_any()
        }}
        <h2 id="add-table">{i.t("factors-add")}</h2>
        <p class="hint">{i.t("factors-add-hint")}</p>
        {(!problems.is_empty()).then(|| view! {
            <ul class="problems" role="alert">
                {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
            </ul>
        })}
        <ActionForm action=add attr:class="entity-form">
            <div class="field">
                <label for="factors-name">{i.t("factors-name")}</label>
                <input id="factors-name" name="name" value=d.name.clone() required=true/>
            </div>
            <div class="field">
                <label for="factors-version">{i.t("factors-version")}</label>
                <input id="factors-version" name="version" value=d.version.clone() required=true/>
            </div>
            <div class="field">
                <label for="factors-source">{i.t("factors-source")}</label>
                <input id="factors-source" name="source" value=d.source.clone() required=true/>
            </div>
            <div class="field">
                <label for="factors-licence">{i.t("factors-licence")}</label>
                <input id="factors-licence" name="licence" value=d.licence.clone()/>
            </div>
            <div class="field">
                <label for="factors-csv">{i.t("factors-csv")}</label>
                <textarea id="factors-csv" name="csv" rows="10" required=true>{rcdata_text(d.csv.clone())}</textarea>
            </div>
            <div class="form-actions">
                <button type="submit" class="primary">{i.t("factors-add-button")}</button>
            </div>
        </ActionForm>
    }
}
