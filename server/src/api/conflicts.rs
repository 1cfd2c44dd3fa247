use super::input::{Actor, JsonBody, QueryMap};
use super::ApiError;
use app::policy::Action;
use app::service::{ConflictView, MAX_PAGE};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

fn summary(v: &ConflictView) -> Value {
    json!({
        "conflict_id": v.conflict_id,
        "kind": v.kind,
        "entity_id": v.entity_id,
        "status": v.status,
        "created_at": v.created_at,
        "fields": v.fields.iter().map(|f| f.path.clone()).collect::<Vec<_>>(),
    })
}

/// A conflict with both versions; also the details of a 409 `conflict` answer.
pub(super) fn full(v: &ConflictView) -> Value {
    let fields: Vec<Value> = v
        .fields
        .iter()
        .map(|f| json!({"path": f.path, "base": f.base, "ours": f.values.first(), "theirs": f.values.get(1)}))
        .collect();
    json!({
        "conflict_id": v.conflict_id,
        "kind": v.kind,
        "entity_id": v.entity_id,
        "status": v.status,
        "created_at": v.created_at,
        "base": v.base,
        "ours": v.ours,
        "theirs": v.theirs,
        "ours_revision": v.ours_revision,
        "theirs_revision": v.theirs_revision,
        "fields": fields,
    })
}

pub async fn list(State(s): State<AppState>, q: QueryMap) -> Result<Response, ApiError> {
    let num = |name: &str, default: i64| -> Result<i64, ApiError> {
        match q.0.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|n| (0..=MAX_PAGE.max(i64::from(u32::MAX))).contains(n))
                .ok_or_else(|| {
                    ApiError::bad_request("bad_parameter", format!("{name} must be a whole number"))
                }),
        }
    };
    let skip = num("skip", 0)?;
    let limit = num("limit", 50)?;
    if limit > MAX_PAGE {
        return Err(ApiError::bad_request(
            "bad_parameter",
            format!("limit must be at most {MAX_PAGE}"),
        ));
    }
    let (items, total) = s.knowledge.open_conflicts(skip, limit).await?;
    let items: Vec<Value> = items.iter().map(summary).collect();
    Ok(Json(json!({"items": items, "total": total, "skip": skip, "limit": limit})).into_response())
}

pub async fn read(State(s): State<AppState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    Ok(Json(full(&s.knowledge.conflict(&id).await?)).into_response())
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
    Ok((StatusCode::OK, Json(super::entities::entity_json(&e))).into_response())
}
