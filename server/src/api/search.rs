//! `GET /api/v1/search`: full-text search with facets.

use super::ApiError;
use app::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::search::SearchRequest;
use serde_json::json;

pub async fn search(
    State(s): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let req = SearchRequest::from_pairs(&pairs, crate::api::input::request_lang(&headers))?;
    let q = req.q.clone();
    let results = s.search.run(req).await?;
    s.usage.search(&q, results.total);
    // Counted for the translation queue, which can put the most searched first.
    s.translations
        .note_found(results.hits.iter().map(|h| h.id.as_str()));
    Ok(Json(results).into_response())
}

/// `GET /api/v1/search/suggest?q=…&lang=…`: titles completing what is being typed.
/// Like `/search`, it refuses parameters it does not know, so a typo is not ignored.
pub async fn suggest(
    State(s): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut q = String::new();
    let mut lang = crate::api::input::request_lang(&headers).to_string();
    for (k, v) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "q" => q = v.into_owned(),
            "lang" => lang = v.into_owned(),
            other => {
                return Err(ApiError::bad_request(
                    "bad_parameter",
                    format!("unknown parameter {other:?}; use q and lang"),
                ))
            }
        }
    }
    Ok(Json(json!({"suggestions": s.search.suggest(&q, &lang).await})).into_response())
}
