//! `GET /api/v1/{things|stories|guides}/{id}/graph?hops=&lang=`: an entry's
//! neighbourhood in the knowledge graph.

use super::entities::{checked_id, readable};
use super::input::Actor;
use super::ApiError;
use app::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::graph::MAX_HOPS;
use domain::EntityKind;

pub async fn graph(
    kind: EntityKind,
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut hops = 1;
    let mut lang = super::input::request_lang(&headers).to_string();
    for (k, v) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "hops" => {
                hops = v
                    .parse::<u8>()
                    .ok()
                    .filter(|h| (1..=MAX_HOPS).contains(h))
                    .ok_or_else(|| {
                        ApiError::bad_request(
                            "bad_parameter",
                            format!("hops must be a whole number from 1 to {MAX_HOPS}"),
                        )
                    })?
            }
            "lang" => lang = v.into_owned(),
            other => {
                return Err(ApiError::bad_request(
                    "bad_parameter",
                    format!("unknown parameter {other:?}; use hops and lang"),
                ))
            }
        }
    }
    checked_id(kind, &id)?;
    readable(&s, kind, &id, &actor).await?;
    match s.search.neighbourhood(&id, hops, &lang).await? {
        Some(n) => Ok(Json(n).into_response()),
        None => Err(ApiError::not_found(format!("no {} {id}", kind.as_str()))),
    }
}
