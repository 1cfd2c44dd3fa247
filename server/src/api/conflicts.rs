//! `/api/v1/conflicts`: the open conflicts, one with both versions, and resolving it.

use super::input::{paging, Actor, JsonBody, QueryMap};
use super::shapes::{conflict_full, conflict_summary};
use super::ApiError;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::policy::Action;
use serde_json::{json, Value};

pub async fn list(State(s): State<AppState>, q: QueryMap) -> Result<Response, ApiError> {
    let (skip, limit) = paging(&q, 50)?;
    let (items, total) = s.knowledge.open_conflicts(skip, limit).await?;
    let items: Vec<Value> = items.iter().map(conflict_summary).collect();
    Ok(Json(json!({"items": items, "total": total, "skip": skip, "limit": limit})).into_response())
}

pub async fn read(State(s): State<AppState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    Ok(Json(conflict_full(&s.knowledge.conflict(&id).await?)).into_response())
}

/// Body: `{"entity": {…}}` (the resolved entity), or `{"choices": {path: "ours" | "theirs"
/// | "base" | {"value": …}}}` to pick per conflicting field.
pub async fn resolve(
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::ResolveConflict)?;
    let entity = match (body.get("entity"), body.get("choices")) {
        (Some(e), _) => e.clone(),
        (None, Some(Value::Object(choices))) => {
            s.knowledge.compose_resolution(&id, choices).await?
        }
        _ => {
            return Err(ApiError::bad_request(
                "bad_resolution",
                "give the resolved entity as \"entity\", or per-field \"choices\"",
            ))
        }
    };
    let e = s
        .knowledge
        .resolve_conflict(&id, entity, &actor.name)
        .await?;
    Ok((StatusCode::OK, Json(super::shapes::entity_json(&e))).into_response())
}
