//! Counts each page a browser loads from the server (the router counts the pages it
//! reaches afterwards); files, API calls, frames for other sites and robots are not
//! counted, and nothing about the visitor is kept.

use app::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

pub async fn count_page_views(
    State(state): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let path = req.uri().path().to_string();
    let robot = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|ua| {
            let ua = ua.to_ascii_lowercase();
            ["bot", "crawl", "spider", "slurp"]
                .iter()
                .any(|w| ua.contains(w))
        })
        .unwrap_or(false);
    let counted = req.method() == Method::GET && !robot && service::usage::is_page(&path);
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if counted && html && res.status() == StatusCode::OK {
        state.usage.page_view(&path);
    }
    res
}
