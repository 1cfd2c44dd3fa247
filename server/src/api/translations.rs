//! `GET /api/v1/translations/queue` (what is missing or outdated in a language) and
//! `GET /api/v1/translations/completeness` (texts by state per language and kind).

use super::ApiError;
use app::state::AppState;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::translation::QueueQuery;
use serde_json::json;
use service::knowledge::ServiceError;

pub async fn queue(
    State(s): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    if !pairs.iter().any(|(k, _)| k == "lang") {
        return Err(ApiError::bad_request(
            "bad_parameter",
            "lang is required: the language to translate into",
        ));
    }
    let q = QueueQuery::from_pairs(&pairs, domain::lang::DEFAULT_LANG)
        .map_err(|m| ApiError::bad_request("bad_parameter", m))?;
    // One more than asked tells whether another page follows, without counting them all.
    let mut probe = q.clone();
    probe.limit += 1;
    let mut items = s
        .translations
        .queue(&probe)
        .await
        .map_err(ServiceError::from)?;
    let more = items.len() as i64 > q.limit;
    items.truncate(q.limit as usize);
    Ok(Json(json!({
        "lang": q.lang,
        "sort": q.sort,
        "skip": q.skip,
        "limit": q.limit,
        "more": more,
        "items": items,
    }))
    .into_response())
}

pub async fn completeness(State(s): State<AppState>) -> Result<Response, ApiError> {
    let rows = s
        .translations
        .completeness()
        .await
        .map_err(ServiceError::from)?;
    let items: Vec<_> = rows
        .iter()
        .map(|c| {
            json!({"lang": c.lang, "kind": c.kind, "current": c.current, "reviewed": c.reviewed,
                   "outdated": c.outdated, "missing": c.missing, "total": c.total()})
        })
        .collect();
    Ok(Json(json!({"languages": s.instance.get().languages, "items": items})).into_response())
}
