//! `/impact`: what repairs prevented, for the whole network, this instance, a group or
//! an event (a group's day): headline figures, charts with their data beside them and
//! as CSV, and the code to embed a group's figures elsewhere.

use super::repairs::ords_value_text;
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::{load_impact, ImpactPage, ImpactParams};
use crate::ui::charts::{bars, columns, trim_number, Row};
use crate::ui::numbers::{number_text, percent_text};
use crate::ui::widgets::{problem_text, rcdata_text};
use domain::impact::{Dashboard, SuccessRate};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Rates shown in the category chart; the table and CSV have them all.
const CHART_ROWS: usize = 15;

fn params_from(q: &leptos_router::params::ParamsMap) -> ImpactParams {
    let get = |k: &str| q.get(k).filter(|v| !v.trim().is_empty());
    ImpactParams {
        group: get("group"),
        category: get("category"),
        country: get("country"),
        from: get("from"),
        to: get("to"),
        scope: get("scope"),
        thing: get("thing"),
        story: get("story"),
        guide: get("guide"),
        event: get("event"),
    }
}

fn kg(i: &I18n, x: f64) -> String {
    format!("{} kg", number_text(i, x.round().max(0.0) as u64))
}

fn pct(i: &I18n, x: f64) -> String {
    percent_text(i, (x * 100.0).round().max(0.0) as u64)
}

#[component]
pub fn ImpactPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let params = move || params_from(&query.read());
    let data = Resource::new(params, move |p| load_impact(p, i.lang.to_string()));
    let title = i.t("impact-title");
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let p = params();
                match data.await {
                    Ok(page) => view! { <ImpactView page params=p/> }.into_any(),
                    Err(_) => view! { <super::LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Filters(page: ImpactPage, params: ImpactParams) -> impl IntoView {
    let i = use_i18n();
    let mut categories: Vec<(String, String)> = domain::repair::ORDS_CATEGORIES
        .iter()
        .map(|(id, name)| {
            let label = page
                .category_names
                .get(id)
                .cloned()
                .unwrap_or_else(|| (*name).into());
            (id.to_string(), label)
        })
        .collect();
    categories.sort_by_key(|(_, l)| l.to_lowercase());
    let problem_at = |field: &str| {
        page.problems
            .iter()
            .filter(|p| p.path == field)
            .map(|p| problem_text(&i, p))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let text = move |name: &'static str,
                     label: &'static str,
                     input_type: &'static str,
                     value: Option<String>| {
        let err = problem_at(name);
        let invalid = !err.is_empty();
        let id = format!("impact-{name}");
        let err_id = format!("{id}-problem");
        view! {
            <div class="field" class:invalid=invalid>
                <label for=id.clone()>{i.t(label)}</label>
                <input id=id name=name type=input_type value=value.unwrap_or_default()
                    aria-invalid=invalid.then_some("true") aria-describedby=invalid.then(|| err_id.clone())/>
                {invalid.then(|| view! { <p id=err_id class="problem">{err}</p> })}
            </div>
        }
    };
    let chosen = params.category.clone().unwrap_or_default();
    let category_problem = problem_at("category");
    let this_instance = params.scope.as_deref() == Some("instance");
    view! {
        <form class="filters impact-filters" method="get" role="search" aria-label=i.t("filters-label")>
            {text("group", "field-group-identifier", "text", params.group.clone())}
            <div class="field" class:invalid=!category_problem.is_empty()>
                <label for="impact-category">{i.t("field-product-category-id")}</label>
                <select id="impact-category" name="category">
                    <option value="">{i.t("filter-any")}</option>
                    {categories.into_iter().map(|(id, label)| {
                        let selected = id == chosen;
                        view! { <option value=id selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
                {(!category_problem.is_empty()).then(|| view! { <p class="problem">{category_problem.clone()}</p> })}
            </div>
            {text("country", "field-country", "text", params.country.clone())}
            {text("from", "impact-from", "date", params.from.clone())}
            {text("to", "impact-to", "date", params.to.clone())}
            <div class="field">
                <label for="impact-scope">{i.t("impact-scope")}</label>
                <select id="impact-scope" name="scope">
                    <option value="network" selected=!this_instance>{i.t("impact-scope-network")}</option>
                    <option value="instance" selected=this_instance>{i.t("impact-scope-instance")}</option>
                </select>
            </div>
            // What an entry's page linked to stays in the filters.
            {[("thing", params.thing.clone()), ("story", params.story.clone()), ("guide", params.guide.clone())]
                .into_iter()
                .filter_map(|(name, v)| v.map(|v| view! { <input type="hidden" name=name value=v/> }))
                .collect_view()}
            <button type="submit">{i.t("filter-apply")}</button>
            <a href="/impact">{i.t("filter-reset")}</a>
        </form>
    }
}

#[component]
fn ImpactView(page: ImpactPage, params: ImpactParams) -> impl IntoView {
    let i = use_i18n();
    let d = page.dashboard.clone();
    let query = params.query();
    let map = if query.is_empty() {
        format!("/impact/map.svg?lang={}", i.lang)
    } else {
        format!("/impact/map.svg?{query}&lang={}", i.lang)
    };
    let csv = move |chart: &str| {
        if query.is_empty() {
            format!("/impact/data/{chart}.csv")
        } else {
            format!("/impact/data/{chart}.csv?{query}")
        }
    };
    let names = page.category_names.clone();
    let category_label = move |value: &str| -> String {
        value
            .parse::<u32>()
            .ok()
            .and_then(|id| {
                names
                    .get(&id)
                    .cloned()
                    .or_else(|| domain::repair::ords_name(id).map(String::from))
            })
            .unwrap_or_else(|| value.to_string())
    };
    let problems = !page.problems.is_empty();
    view! {
        <Filters page=page.clone() params=params.clone()/>
        {problems.then(|| view! { <p class="notice warning" role="alert">{i.t("impact-bad-filter")}</p> })}
        <Headline d=d.clone()/>
        <section class="impact-chart" aria-labelledby="chart-fixed-h">
            <h2 id="chart-fixed-h">{i.t("impact-chart-fixed")}</h2>
            <MonthChart d=d.clone() what="fixed"/>
            <p><a href=csv("months") download="">{i.t("impact-download-csv")}</a></p>
        </section>
        <section class="impact-chart" aria-labelledby="chart-prevented-h">
            <h2 id="chart-prevented-h">{i.t("impact-chart-prevented")}</h2>
            <MonthChart d=d.clone() what="co2e"/>
            <MonthChart d=d.clone() what="waste"/>
            <MonthTable d=d.clone()/>
            <p><a href=csv("months") download="">{i.t("impact-download-csv")}</a></p>
        </section>
        <section class="impact-chart" aria-labelledby="chart-rates-h">
            <h2 id="chart-rates-h">{i.t("impact-chart-rates")}</h2>
            <p class="hint">{i.t("impact-rates-hint")}</p>
            <RateChart id="rates" rates=d.by_category.clone() label=std::sync::Arc::new(category_label.clone())/>
            <p><a href=csv("categories") download="">{i.t("impact-download-csv")}</a></p>
        </section>
        <section class="impact-chart" aria-labelledby="chart-barriers-h">
            <h2 id="chart-barriers-h">{i.t("impact-chart-barriers")}</h2>
            <CountChart id="barriers" rows=d.barriers.clone() label=std::sync::Arc::new(move |v: &str| ords_value_text(&i, v))/>
            <p><a href=csv("barriers") download="">{i.t("impact-download-csv")}</a></p>
        </section>
        <section class="impact-chart" aria-labelledby="chart-countries-h">
            <h2 id="chart-countries-h">{i.t("impact-chart-countries")}</h2>
            {(!d.countries.is_empty()).then(|| view! {
                <figure class="chart map">
                    <img src=map alt=i.ta("impact-map-desc", &[("countries", d.countries.len().to_string())]) width="720" height="300"/>
                </figure>
            })}
            <RateChart id="countries" rates=d.countries.clone() label=std::sync::Arc::new(|v: &str| v.to_string())/>
            <p><a href=csv("countries") download="">{i.t("impact-download-csv")}</a></p>
        </section>
        <Embed params origin=page.public_url.clone()/>
    }
}

#[component]
fn Headline(d: Dashboard) -> impl IntoView {
    let i = use_i18n();
    let r = &d.report;
    let fixed = r.figures.items_by_status.get("Fixed").copied().unwrap_or(0);
    let range = r.figures.co2e_range_kg.map(|x| {
        i.ta(
            "impact-range",
            &[("low", kg(&i, x.low)), ("high", kg(&i, x.high))],
        )
    });
    let method = i.ta(
        "impact-method",
        &[
            ("table", r.factor_table.name.clone()),
            ("version", r.factor_table.version.clone()),
        ],
    );
    let left_out = (r.figures.fixed_without_factor > 0).then(|| {
        i.ta(
            "impact-left-out",
            &[("n", number_text(&i, r.figures.fixed_without_factor))],
        )
    });
    let per_event = r
        .social
        .items_per_event
        .map(trim_number)
        .unwrap_or_else(|| "–".into());
    view! {
        <section class="impact-headline" aria-label=i.t("impact-headline")>
            <dl class="figures">
                <div><dt>{i.t("impact-items-fixed")}</dt><dd>{number_text(&i, fixed)}" / "{number_text(&i, r.figures.items)}</dd></div>
                <div><dt>{i.t("impact-waste")}</dt><dd>{kg(&i, r.figures.waste_prevented_kg)}</dd></div>
                <div><dt>{i.t("impact-co2e")}</dt><dd>{kg(&i, r.figures.co2e_prevented_kg)}{range.map(|r| view! { <small>" "{r}</small> })}</dd></div>
                <div><dt>{i.t("impact-groups")}</dt><dd>{number_text(&i, r.social.groups)}</dd></div>
                <div><dt>{i.t("impact-events")}</dt><dd>{number_text(&i, r.social.events)}</dd></div>
                <div><dt>{i.t("impact-items-per-event")}</dt><dd>{per_event}</dd></div>
                <div><dt>{i.t("impact-instances")}</dt><dd>{number_text(&i, r.social.instances)}</dd></div>
                {r.social.participants.map(|n| view! { <div><dt>{i.t("impact-participants")}</dt><dd>{number_text(&i, n)}</dd></div> })}
                {r.social.volunteers.map(|n| view! { <div><dt>{i.t("impact-volunteers")}</dt><dd>{number_text(&i, n)}</dd></div> })}
                {r.social.hours_volunteered.map(|h| view! { <div><dt>{i.t("impact-hours-volunteered")}</dt><dd>{trim_number(h)}</dd></div> })}
            </dl>
            <p class="hint">{method}{left_out.map(|l| format!(" {l}"))}</p>
        </section>
    }
}

/// One month chart: items fixed, CO2e or waste prevented.
#[component]
fn MonthChart(d: Dashboard, what: &'static str) -> impl IntoView {
    let i = use_i18n();
    let points: Vec<(String, f64)> = d
        .months
        .iter()
        .map(|m| {
            let f = &m.figures;
            let v = match what {
                "fixed" => f.items_by_status.get("Fixed").copied().unwrap_or(0) as f64,
                "co2e" => f.co2e_prevented_kg,
                _ => f.waste_prevented_kg,
            };
            (m.month.clone(), v)
        })
        .collect();
    let (title, unit) = match what {
        "fixed" => (i.t("impact-items-fixed"), i.t("impact-unit-items")),
        "co2e" => (i.t("impact-co2e"), "kg".to_string()),
        _ => (i.t("impact-waste"), "kg".to_string()),
    };
    let desc = i.ta("impact-chart-desc", &[("n", points.len().to_string())]);
    let svg = columns(&format!("chart-{what}"), &title, &desc, &points, &unit);
    let table = (what == "fixed").then(|| {
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=title.clone()>
                <table class="data">
                    <caption>{title.clone()}</caption>
                    <thead><tr><th scope="col">{i.t("impact-month")}</th><th scope="col">{i.t("impact-items-fixed")}</th></tr></thead>
                    <tbody>{points.iter().map(|(m, v)| view! { <tr><th scope="row">{m.clone()}</th><td>{number_text(&i, *v as u64)}</td></tr> }).collect_view()}</tbody>
                </table>
            </div>
        }
    });
    view! {
        <figure class="chart" inner_html=svg></figure>
        {table}
    }
}

#[component]
fn MonthTable(d: Dashboard) -> impl IntoView {
    let i = use_i18n();
    let caption = i.t("impact-chart-prevented");
    let region = caption.clone();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
            <table class="data">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{i.t("impact-month")}</th>
                    <th scope="col">{i.t("impact-waste")}</th>
                    <th scope="col">{i.t("impact-co2e")}</th>
                </tr></thead>
                <tbody>{d.months.iter().map(|m| view! {
                    <tr><th scope="row">{m.month.clone()}</th>
                        <td>{kg(&i, m.figures.waste_prevented_kg)}</td>
                        <td>{kg(&i, m.figures.co2e_prevented_kg)}</td></tr>
                }).collect_view()}</tbody>
            </table>
        </div>
    }
}

type Label = std::sync::Arc<dyn Fn(&str) -> String + Send + Sync>;

/// Success rates with their intervals: the chart shows the most recorded values, the
/// table every one, with n, so no rate stands without its count.
#[component]
fn RateChart(id: &'static str, rates: Vec<SuccessRate>, label: Label) -> impl IntoView {
    let i = use_i18n();
    let rows: Vec<Row> = rates
        .iter()
        .take(CHART_ROWS)
        .map(|r| Row {
            label: label(&r.value),
            value: r.rate,
            interval: Some((r.interval.low, r.interval.high)),
            note: format!("{} (n = {})", pct(&i, r.rate), r.n),
        })
        .collect();
    let title = i.t(&format!("impact-chart-{id}"));
    let desc = i.t("impact-rates-hint");
    let svg = bars(&format!("chart-{id}"), &title, &desc, &rows, Some(1.0));
    let region = title.clone();
    view! {
        <figure class="chart" inner_html=svg></figure>
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
            <table class="data">
                <caption>{title}</caption>
                <thead><tr>
                    <th scope="col">{i.t("impact-value")}</th>
                    <th scope="col">"n"</th>
                    <th scope="col">{i.t("impact-fixed")}</th>
                    <th scope="col">{i.t("impact-rate")}</th>
                    <th scope="col">{i.t("impact-interval")}</th>
                </tr></thead>
                <tbody>{rates.iter().map(|r| view! {
                    <tr><th scope="row">{label(&r.value)}</th>
                        <td>{number_text(&i, r.n)}</td>
                        <td>{number_text(&i, r.fixed)}</td>
                        <td>{pct(&i, r.rate)}</td>
                        <td>{format!("{}–{}", pct(&i, r.interval.low), pct(&i, r.interval.high))}</td></tr>
                }).collect_view()}</tbody>
            </table>
        </div>
    }
}

/// Counts (barriers): how many end-of-life records named each.
#[component]
fn CountChart(id: &'static str, rows: Vec<SuccessRate>, label: Label) -> impl IntoView {
    let i = use_i18n();
    let bars_rows: Vec<Row> = rows
        .iter()
        .map(|r| Row {
            label: label(&r.value),
            value: r.n as f64,
            interval: None,
            note: number_text(&i, r.n),
        })
        .collect();
    let title = i.t(&format!("impact-chart-{id}"));
    let svg = bars(&format!("chart-{id}"), &title, &title, &bars_rows, None);
    let region = title.clone();
    view! {
        <figure class="chart" inner_html=svg></figure>
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
            <table class="data">
                <caption>{title}</caption>
                <thead><tr><th scope="col">{i.t("impact-value")}</th><th scope="col">{i.t("impact-records")}</th></tr></thead>
                <tbody>{rows.iter().map(|r| view! {
                    <tr><th scope="row">{label(&r.value)}</th><td>{number_text(&i, r.n)}</td></tr>
                }).collect_view()}</tbody>
            </table>
        </div>
    }
}

/// The code a group puts on its own site: the live page in a frame, or the image.
#[component]
fn Embed(params: ImpactParams, origin: String) -> impl IntoView {
    let i = use_i18n();
    let query = params.query();
    let suffix = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    let frame = format!(
        r#"<iframe src="{origin}/impact/widget{suffix}" title="{}" width="320" height="220" style="border:0"></iframe>"#,
        crate::ui::charts::xml_escape(&i.t("impact-title"))
    );
    let image = format!(
        r#"<img src="{origin}/impact/widget.svg{suffix}" alt="{}" width="320" height="200">"#,
        crate::ui::charts::xml_escape(&i.t("impact-title"))
    );
    view! {
        <section class="impact-embed" aria-labelledby="embed-h">
            <h2 id="embed-h">{i.t("impact-embed")}</h2>
            <p class="hint">{i.t("impact-embed-hint")}</p>
            <label for="embed-frame">{i.t("impact-embed-frame")}</label>
            <textarea id="embed-frame" readonly=true rows="3">{rcdata_text(frame)}</textarea>
            <label for="embed-image">{i.t("impact-embed-image")}</label>
            <textarea id="embed-image" readonly=true rows="2">{rcdata_text(image)}</textarea>
            <p><a href=format!("/impact/widget.svg{suffix}")>{i.t("impact-embed-preview")}</a></p>
        </section>
    }
}
