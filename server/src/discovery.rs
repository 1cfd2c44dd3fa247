//! What lets search engines find the knowledge: `robots.txt` and the sitemap (an index
//! of per-kind pages of entry URLs with their last change).

use crate::api::ApiError;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use domain::EntityKind;

/// Entries per sitemap page (the protocol allows 50,000; smaller pages stay quick).
const PER_PAGE: i64 = 10_000;

const LISTED: [EntityKind; 3] = [EntityKind::Thing, EntityKind::Story, EntityKind::Guide];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap_index))
        .route("/sitemap/{page}", get(sitemap_page))
}

async fn robots(State(s): State<AppState>) -> Response {
    let body = if s.instance.is_private() {
        "User-agent: *\nDisallow: /\n".to_string()
    } else {
        // Forms (translation sheets too), accounts, administration, work queues and
        // the API are not for crawlers; entries, their history and search are.
        format!(
            "User-agent: *\n{}\nSitemap: {}/sitemap.xml\n",
            [
                "/admin/",
                "/account",
                "/login",
                "/register",
                "/setup",
                "/sfn/",
                "/api/",
                "/moderation",
                "/conflicts",
                "/lang",
                "/*/new",
                "/*/edit",
                "/*/delete",
                "/*/translate",
                "/translations",
            ]
            .iter()
            .map(|p| format!("Disallow: {p}"))
            .collect::<Vec<_>>()
            .join("\n"),
            s.knowledge.public_url()
        )
    };
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

fn xml(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

async fn sitemap_index(State(s): State<AppState>) -> Result<Response, ApiError> {
    let counts = s.knowledge.counts().await?;
    let base = s.knowledge.public_url();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for kind in LISTED {
        let n = match kind {
            EntityKind::Thing => counts.things,
            EntityKind::Story => counts.stories,
            _ => counts.guides,
        };
        // Counters include hidden entries, so a last page may come out short or empty.
        for page in 0..(n + PER_PAGE - 1) / PER_PAGE {
            out.push_str(&format!(
                "  <sitemap><loc>{base}/sitemap/{}-{page}.xml</loc></sitemap>\n",
                kind.plural()
            ));
        }
    }
    out.push_str("</sitemapindex>\n");
    Ok(xml(out))
}

/// `things-0.xml`: the first page of things.
async fn sitemap_page(
    State(s): State<AppState>,
    Path(page): Path<String>,
) -> Result<Response, ApiError> {
    let parsed = page
        .strip_suffix(".xml")
        .and_then(|p| p.rsplit_once('-'))
        .and_then(|(plural, n)| Some((EntityKind::from_plural(plural)?, n.parse::<i64>().ok()?)))
        .filter(|(kind, n)| LISTED.contains(kind) && (0..=i64::from(u32::MAX)).contains(n));
    let Some((kind, n)) = parsed else {
        return Err(ApiError::not_found(format!("no sitemap page {page}")));
    };
    let base = s.knowledge.public_url();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (id, updated_at) in s.knowledge.sitemap_page(kind, n, PER_PAGE).await? {
        // Ids are UUIDs and times RFC 3339, so nothing here needs escaping.
        out.push_str(&format!(
            "  <url><loc>{base}/{}/{id}</loc><lastmod>{updated_at}</lastmod></url>\n",
            kind.plural()
        ));
    }
    out.push_str("</urlset>\n");
    Ok(xml(out))
}
