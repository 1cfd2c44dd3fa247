//! The impact page's files: each chart's data as CSV, and the widget a repair group
//! embeds on its own site (a small page for a frame, and the same as an SVG image), and
//! the map of records by country.

use crate::api::impact::{parse, refused};
use crate::api::ApiError;
use app::i18n::translate;
use app::state::AppState;
use app::ui::charts::xml_escape;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use domain::impact::{Dashboard, SuccessRate};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/impact/data/{file}", get(chart_csv))
        .route("/impact/widget", get(widget_page))
        .route("/impact/widget.svg", get(widget_image))
        .route("/impact/map.svg", get(map_image))
}

/// Natural Earth's countries as SVG paths by alpha-3 code (see `server/data/README.md`).
const WORLD: &str = include_str!("../data/world-110m.tsv");
/// Sequential blues, fewest records first; countries without records are grey.
const SHADES: [&str; 5] = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

/// The shade of `n` records when the most any country has is `max`: on a log scale, so
/// a few busy countries do not wash out the rest.
fn shade(n: u64, max: u64) -> &'static str {
    let step = if max <= 1 {
        SHADES.len() - 1
    } else {
        let f = (n as f64).ln() / (max as f64).ln();
        ((f * (SHADES.len() - 1) as f64).round() as usize).min(SHADES.len() - 1)
    };
    SHADES[step]
}

/// The records by country as a map: each country shaded by how many records with a
/// known outcome it has, with its figures as the shape's title. The page gives the same
/// figures in a table beside it.
async fn map_image(
    State(s): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let (query, lang) = split_lang(query, &headers);
    let d = dashboard(&s, query).await?;
    let by_country: std::collections::HashMap<&str, &SuccessRate> =
        d.countries.iter().map(|r| (r.value.as_str(), r)).collect();
    let max = d.countries.iter().map(|r| r.n).max().unwrap_or(0);
    let title = translate(lang, "impact-map-title", &[]);
    let desc = translate(
        lang,
        "impact-map-desc",
        &[("countries", d.countries.len().to_string())],
    );
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 300" width="720" height="300" role="img" aria-labelledby="map-title map-desc"><title id="map-title">{}</title><desc id="map-desc">{}</desc><rect width="720" height="300" fill="#f4f7fa"/>"##,
        xml_escape(&title),
        xml_escape(&desc)
    );
    for line in WORLD.lines() {
        let Some((code, path)) = line.split_once('\t') else {
            continue;
        };
        match by_country.get(code) {
            Some(r) => svg.push_str(&format!(
                r##"<path d="{path}" fill="{}" stroke="#fff" stroke-width="0.4"><title>{}</title></path>"##,
                shade(r.n, max),
                xml_escape(&translate(
                    lang,
                    "impact-map-country",
                    &[
                        ("country", code.to_string()),
                        ("n", r.n.to_string()),
                        ("fixed", r.fixed.to_string()),
                    ],
                ))
            )),
            None => svg.push_str(&format!(
                r##"<path d="{path}" fill="#dde2e7" stroke="#fff" stroke-width="0.4"/>"##
            )),
        }
    }
    svg.push_str("</svg>");
    let mut res = ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response();
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
    );
    Ok(res)
}

/// The query without `lang`, and the language: `lang`, else Accept-Language, else English.
fn split_lang(query: Option<String>, headers: &HeaderMap) -> (Option<String>, &'static str) {
    let raw = query.unwrap_or_default();
    let mut lang = None;
    let mut rest = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in url::form_urlencoded::parse(raw.as_bytes()) {
        if k == "lang" {
            lang = Some(v.into_owned());
        } else {
            rest.append_pair(&k, &v);
        }
    }
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let wanted = lang.into_iter().chain(
        accepted
            .split(',')
            .map(|part| part.split(';').next().unwrap_or("").trim().to_string()),
    );
    let mut chosen = domain::lang::DEFAULT_LANG;
    for w in wanted {
        let base = w.split('-').next().unwrap_or("").to_ascii_lowercase();
        if let Some((tag, _)) = domain::lang::LANGUAGES.iter().find(|(t, _)| *t == base) {
            chosen = tag;
            break;
        }
    }
    let rest = rest.finish();
    ((!rest.is_empty()).then_some(rest), chosen)
}

async fn dashboard(
    s: &AppState,
    query: Option<String>,
) -> Result<std::sync::Arc<Dashboard>, ApiError> {
    let (q, _) = parse(query, false)?;
    s.impact.dashboard(&s.knowledge, &q).await.map_err(refused)
}

/// RFC 4180 cell.
fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn rates_csv(first: &str, rates: &[SuccessRate]) -> String {
    let mut out = format!("{first},n,fixed,rate,interval_low,interval_high\n");
    for r in rates {
        out.push_str(&format!(
            "{},{},{},{:.4},{:.4},{:.4}\n",
            cell(&r.value),
            r.n,
            r.fixed,
            r.rate,
            r.interval.low,
            r.interval.high
        ));
    }
    out
}

/// `/impact/data/{months|categories|barriers|countries}.csv` with the page's filters.
async fn chart_csv(
    State(s): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let chart = file
        .strip_suffix(".csv")
        .ok_or_else(|| ApiError::not_found("chart data is at /impact/data/CHART.csv"))?;
    if !["months", "categories", "barriers", "countries"].contains(&chart) {
        return Err(ApiError::not_found(
            "no such chart: months, categories, barriers or countries",
        ));
    }
    let d = dashboard(&s, query).await?;
    let table = &d.report.factor_table;
    let body = match chart {
        "months" => {
            let mut out = "month,items,fixed,waste_prevented_kg,co2e_prevented_kg,factor_table,factor_table_version\n".to_string();
            for m in &d.months {
                out.push_str(&format!(
                    "{},{},{},{},{},{},{}\n",
                    m.month,
                    m.figures.items,
                    m.figures.items_by_status.get("Fixed").copied().unwrap_or(0),
                    m.figures.waste_prevented_kg,
                    m.figures.co2e_prevented_kg,
                    cell(&table.name),
                    cell(&table.version)
                ));
            }
            out
        }
        "categories" => rates_csv("product_category_id", &d.by_category),
        "barriers" => rates_csv("repair_barrier_if_end_of_life", &d.barriers),
        _ => rates_csv("country", &d.countries),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"impact-{chart}.csv\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// The figures a widget shows, as (label, value) in `lang`.
fn headline(d: &Dashboard, lang: &str) -> Vec<(String, String)> {
    let f = &d.report.figures;
    let fixed = f.items_by_status.get("Fixed").copied().unwrap_or(0);
    vec![
        (
            translate(lang, "impact-items-fixed", &[]),
            fixed.to_string(),
        ),
        (
            translate(lang, "impact-waste", &[]),
            format!("{} kg", f.waste_prevented_kg.round()),
        ),
        (
            translate(lang, "impact-co2e", &[]),
            format!("{} kg", f.co2e_prevented_kg.round()),
        ),
    ]
}

fn subject(s: &AppState, query: &Option<String>) -> String {
    let group = query.as_deref().and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "group")
            .map(|(_, v)| v.into_owned())
    });
    group.unwrap_or_else(|| s.instance.name())
}

/// A response other sites may frame or show: it loads nothing, so framing is safe.
fn embeddable(content_type: &'static str, body: String) -> Response {
    let mut res = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *",
        ),
    );
    res
}

/// A page made to sit in another site's frame: framing is allowed, nothing else loads.
async fn widget_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let (query, lang) = split_lang(query, &headers);
    let d = dashboard(&s, query.clone()).await?;
    let figures: String = headline(&d, lang)
        .into_iter()
        .map(|(label, value)| {
            format!(
                "<div><dt>{}</dt><dd>{}</dd></div>",
                xml_escape(&label),
                xml_escape(&value)
            )
        })
        .collect();
    let link = format!(
        "{}/impact{}",
        s.knowledge.public_url(),
        query
            .as_deref()
            .map(|q| format!("?{q}"))
            .unwrap_or_default()
    );
    let table = &d.report.factor_table;
    let html = format!(
        r#"<!DOCTYPE html><html lang="{lang}" dir="{dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title><style>body{{font:15px/1.4 system-ui,sans-serif;margin:0;padding:12px;color:#1b1f24;background:#fff}}h1{{font-size:16px;margin:0 0 8px}}dl{{margin:0;display:grid;gap:6px}}dt{{font-size:13px;color:#4a5560}}dd{{margin:0;font-size:22px;font-weight:700}}p{{font-size:12px;color:#4a5560;margin:8px 0 0}}a{{color:#0b5cad}}</style></head><body><h1>{name}</h1><dl>{figures}</dl><p>{method} · <a href="{link}" target="_blank" rel="noopener">{more}</a></p></body></html>"#,
        dir = domain::lang::direction(lang),
        title = xml_escape(&translate(lang, "impact-title", &[])),
        name = xml_escape(&subject(&s, &query)),
        method = xml_escape(&translate(
            lang,
            "impact-method",
            &[
                ("table", table.name.clone()),
                ("version", table.version.clone())
            ]
        )),
        link = xml_escape(&link),
        more = xml_escape(&translate(lang, "impact-widget-more", &[])),
    );
    Ok(embeddable("text/html; charset=utf-8", html))
}

/// The widget as an image: headline figures in an accessible SVG.
async fn widget_image(
    State(s): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let (query, lang) = split_lang(query, &headers);
    let d = dashboard(&s, query.clone()).await?;
    let name = subject(&s, &query);
    let lines = headline(&d, lang);
    let desc: Vec<String> = lines.iter().map(|(l, v)| format!("{l}: {v}")).collect();
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200" width="320" height="200" role="img" aria-labelledby="w-title w-desc"><title id="w-title">{}</title><desc id="w-desc">{}</desc><rect width="320" height="200" rx="8" fill="#fff" stroke="#c8d0d8"/><text x="16" y="30" font-family="system-ui,sans-serif" font-size="15" font-weight="700" fill="#1b1f24">{}</text>"##,
        xml_escape(&format!("{}: {name}", translate(lang, "impact-title", &[]))),
        xml_escape(&desc.join("; ")),
        xml_escape(&name)
    );
    for (n, (label, value)) in lines.iter().enumerate() {
        let y = 62 + n as i32 * 44;
        svg.push_str(&format!(
            r##"<text x="16" y="{y}" font-family="system-ui,sans-serif" font-size="12" fill="#4a5560">{}</text><text x="16" y="{}" font-family="system-ui,sans-serif" font-size="20" font-weight="700" fill="#1b1f24">{}</text>"##,
            xml_escape(label),
            y + 22,
            xml_escape(value)
        ));
    }
    svg.push_str("</svg>");
    Ok(embeddable("image/svg+xml", svg))
}
