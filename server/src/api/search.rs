//! `GET /api/v1/search`: full-text search with facets.

use super::ApiError;
use app::search::{SearchError, SearchRequest};
use app::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
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
    let req = SearchRequest::from_pairs(&pairs, app::ui::lang_from_headers(&headers))?;
    Ok(Json(s.search.run(req).await?).into_response())
}

/// `GET /api/v1/search/suggest?q=…&lang=…`: titles completing what is being typed.
pub async fn suggest(
    State(s): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let mut q = String::new();
    let mut lang = app::ui::lang_from_headers(&headers).to_string();
    for (k, v) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "q" => q = v.into_owned(),
            "lang" => lang = v.into_owned(),
            _ => {}
        }
    }
    Json(json!({"suggestions": s.search.suggest(&q, &lang).await})).into_response()
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> Self {
        match &e {
            SearchError::Syntax(syntax) => ApiError::bad_request("bad_query", e.to_string())
                .with_details(json!({"reason": syntax.code()})),
            SearchError::UnknownParameter(_) => {
                ApiError::bad_request("unknown_parameter", e.to_string())
            }
            SearchError::BadParameter(_) => ApiError::bad_request("bad_parameter", e.to_string()),
            _ => {
                tracing::error!("search failed: {e}");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "search_unavailable",
                    "search is unavailable right now; try again shortly",
                )
            }
        }
    }
}
