//! `/admin/usage`: page views, searches, searches that found nothing and contributions
//! per day, the most viewed pages and the most asked unanswered searches. Counted
//! without cookies or anything about a visitor.

use super::admin::{AdminNav, AdminOnly};
use super::LoadError;
use crate::i18n::use_i18n;
use crate::server_fns::{load_usage, USAGE_PERIODS};
use crate::ui::charts::columns;
use crate::ui::numbers::number_text;
use domain::usage::UsageReport;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminUsagePage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let days = move || query.read().get("days").and_then(|d| d.parse::<u32>().ok());
    let data = Resource::new(days, load_usage);
    let title = i.t("usage-title");
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <AdminNav/>
        <p>{i.t("usage-intro")}</p>
        <form method="get" action="/admin/usage" class="filters">
            <label for="usage-days">{i.t("usage-period")}</label>
            <select id="usage-days" name="days">
                {USAGE_PERIODS.iter().map(|d| view! {
                    <option value=d.to_string() selected=move || days().unwrap_or(30) == *d>
                        {i.ta("usage-days", &[("days", d.to_string())])}
                    </option>
                }).collect_view()}
            </select>
            <button type="submit">{i.t("usage-show")}</button>
        </form>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(report)) => view! { <UsageView report/> }.into_any(),
                    Ok(None) => view! { <AdminOnly back="/admin/usage"/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UsageView(report: UsageReport) -> impl IntoView {
    let i = use_i18n();
    let points: Vec<(String, f64)> = report
        .days
        .iter()
        .rev()
        .map(|d| (d.day.clone(), d.views as f64))
        .collect();
    let chart = columns(
        "chart-views",
        &i.t("usage-views-chart"),
        &i.t("usage-views-chart-desc"),
        &points,
        "",
    );
    let top = |rows: &[(String, u64)], empty: &str| {
        if rows.is_empty() {
            return view! { <p>{i.t(empty)}</p> }.into_any();
        }
        view! {
            <ol>
                {rows.iter().map(|(item, n)| view! { <li><code>{item.clone()}</code>" · "{number_text(&i, *n)}</li> }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <figure class="chart" inner_html=chart></figure>
        <div class="table-scroll" tabindex="0" role="region" aria-label=i.t("usage-per-day")>
            <table>
                <caption>{i.t("usage-per-day")}</caption>
                <thead><tr>
                    <th scope="col">{i.t("usage-day")}</th>
                    <th scope="col">{i.t("usage-views")}</th>
                    <th scope="col">{i.t("usage-searches")}</th>
                    <th scope="col">{i.t("usage-empty-searches")}</th>
                    <th scope="col">{i.t("usage-contributions")}</th>
                </tr></thead>
                <tbody>
                    {report.days.iter().map(|d| view! {
                        <tr>
                            <th scope="row">{d.day.clone()}</th>
                            <td>{number_text(&i, d.views)}</td>
                            <td>{number_text(&i, d.searches)}</td>
                            <td>{number_text(&i, d.empty_searches)}</td>
                            <td>{number_text(&i, d.contributions)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2>{i.t("usage-top-pages")}</h2>
        {top(&report.top_pages, "usage-none")}
        <h2>{i.t("usage-empty-queries")}</h2>
        <p class="hint">{i.t("usage-empty-queries-hint")}</p>
        {top(&report.empty_queries, "usage-none")}
    }
}
