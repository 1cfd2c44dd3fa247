//! Assembles the whole site: JSON API, server functions, pages, client bundle, styles.

use crate::{api, guard};
use app::state::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use domain::EntityKind;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::path::Path;
use tower::ServiceBuilder;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::services::fs::ServeFileSystemResponseBody;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::{time, SameSite};
use tower_sessions::{Expiry, SessionManagerLayer};

pub const BODY_LIMIT: usize = 10 * 1024 * 1024;

const STYLE: &str = include_str!("../../style/main.css");
const FAVICON: &str = include_str!("../../public/favicon.svg");

/// The bundle is served under `/pkg/<hash of its files>/`, so it may be cached for good.
pub fn leptos_options(site_root: &Path) -> LeptosOptions {
    let version = crate::caching::bundle_version(&site_root.join("pkg"));
    LeptosOptions::builder()
        .output_name("thingdata")
        .site_root(site_root.display().to_string())
        .site_pkg_dir(format!("pkg/{version}"))
        .build()
}

pub fn build(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let ctx_state = state.clone();
    let context = move || provide_context(ctx_state.clone());
    let pkg_dir = Path::new(&*state.leptos_options.site_root).join("pkg");
    let pkg_path = format!("/{}", state.leptos_options.site_pkg_dir);
    let opts = state.leptos_options.clone();
    // Session cookies: HttpOnly, SameSite=Lax, Secure when served over https.
    let sessions = SessionManagerLayer::new(state.sessions.clone())
        .with_name("thingdata_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.knowledge.public_url().starts_with("https://"))
        .with_expiry(Expiry::OnInactivity(time::Duration::days(14)));
    let mut uploads = Router::new();
    for kind in [EntityKind::Thing, EntityKind::Story, EntityKind::Guide] {
        uploads = uploads.route(
            &format!("/{}/{{id}}/media", kind.plural()),
            // The handler bounds what it reads: each file to the upload limit.
            post(move |s, id, h, session, m| crate::uploads::add_media(kind, s, id, h, session, m))
                .layer(DefaultBodyLimit::disable()),
        );
    }
    Router::new()
        .merge(api::routes())
        .merge(uploads)
        .merge(crate::s2s::routes())
        .merge(crate::discovery::routes())
        .merge(crate::impact_files::routes())
        .route("/lang", get(choose_language))
        .route(
            "/style.css",
            get(|| async { static_text(STYLE, "text/css; charset=utf-8") }),
        )
        .route(
            "/favicon.svg",
            get(|| async { static_text(FAVICON, "image/svg+xml") }),
        )
        // The build leaves `.br` and `.gz` copies of the bundle compressed at the highest
        // level; anything else is compressed as it is sent (CompressionLayer below).
        .nest_service(
            &pkg_path,
            ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    header::CACHE_CONTROL,
                    // Only what was found: a miss must not be remembered for a year.
                    |res: &axum::http::Response<ServeFileSystemResponseBody>| {
                        res.status()
                            .is_success()
                            .then_some(crate::caching::IMMUTABLE)
                    },
                ))
                .service(
                    ServeDir::new(pkg_dir)
                        .precompressed_br()
                        .precompressed_gzip(),
                ),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), move || shell(opts.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(middleware::from_fn(client_faults_are_400))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::usage::count_page_views,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), guard::guard))
        .layer(middleware::from_fn(
            crate::input_guard::refuse_control_characters,
        ))
        .layer(middleware::from_fn(guard::security_headers))
        .layer(sessions)
        .layer(middleware::from_fn(crate::caching::revalidate_pages))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // tower-http's: Brotli at quality 4 and gzip, chosen by Accept-Encoding; it leaves
        // images and what is already encoded alone.
        .layer(CompressionLayer::new().compress_when(
            // Media files are compressed already, and ranges of them must stay byte ranges.
            DefaultPredicate::new().and(NotForContentType::const_new("application/pdf")),
        ))
        .with_state(state)
}

/// Server-function calls with malformed arguments are the client's fault: 400, not 500.
async fn client_faults_are_400(req: Request<Body>, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    if ["Args|", "Deserialization|", "MissingArg|"]
        .iter()
        .any(|p| bytes.starts_with(p.as_bytes()))
    {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn static_text(body: &'static str, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

#[derive(serde::Deserialize)]
struct LangChoice {
    to: String,
    back: Option<String>,
}

/// Stores the chosen UI language in a cookie and returns to the page.
async fn choose_language(axum::extract::Query(q): axum::extract::Query<LangChoice>) -> Response {
    let Some(lang) = domain::lang::supported(&q.to) else {
        return (StatusCode::BAD_REQUEST, "unsupported language").into_response();
    };
    // Only local paths, so the chooser cannot be used as an open redirect.
    let back = domain::redirect::local_or_home(q.back.as_deref());
    let mut res = Redirect::to(&back).into_response();
    let cookie = format!(
        "{}={lang}; Path=/; Max-Age=31536000; SameSite=Lax",
        domain::lang::LANG_COOKIE
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}
