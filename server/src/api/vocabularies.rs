//! `/api/v1/vocabularies`: the shared vocabularies, one vocabulary's built-in values and
//! terms, and adding a term to one (the same as creating it at `/api/v1/terms`).

use super::entities;
use super::input::{Actor, JsonBody};
use super::ApiError;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::vocab::{is_controlled, Vocabularies, VOCABULARIES};
use domain::EntityKind;
use serde_json::{json, Value};

fn known(name: &str) -> Result<(), ApiError> {
    if VOCABULARIES.contains(&name) {
        Ok(())
    } else {
        Err(ApiError::not_found(format!(
            "no vocabulary {name:?}; the vocabularies are {}",
            VOCABULARIES.join(", ")
        )))
    }
}

pub async fn list(State(s): State<AppState>) -> Result<Response, ApiError> {
    let terms = s.knowledge.terms().await?;
    let items: Vec<Value> = VOCABULARIES
        .iter()
        .map(|name| {
            json!({
                "name": name,
                "controlled": is_controlled(name),
                "built_in": Vocabularies::built_in(name),
                "terms": terms.iter().filter(|(_, t)| t.vocabulary == *name).count(),
            })
        })
        .collect();
    Ok(Json(json!({ "items": items })).into_response())
}

pub async fn read(
    State(s): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    known(&name)?;
    let view = s.knowledge.vocabulary(&name).await?;
    let terms: Vec<Value> = view
        .terms
        .iter()
        .map(|(id, t)| {
            let mut v = serde_json::to_value(t).unwrap_or(Value::Null);
            v["id"] = json!(id);
            v
        })
        .collect();
    Ok(Json(json!({
        "name": name,
        "controlled": is_controlled(&name),
        "built_in": view.built_in,
        "terms": terms,
    }))
    .into_response())
}

/// The body is a term without `vocabulary`: the address names it.
pub async fn add(
    state: State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
    actor: Actor,
    JsonBody(mut body): JsonBody,
) -> Result<Response, ApiError> {
    known(&name)?;
    let Some(fields) = body.as_object_mut() else {
        return Err(ApiError::bad_request("bad_body", "a term is a JSON object"));
    };
    if fields.contains_key("vocabulary") {
        return Err(ApiError::bad_request(
            "bad_vocabulary",
            format!("this address adds terms to {name:?}; leave vocabulary out"),
        ));
    }
    fields.insert("vocabulary".into(), json!(name));
    entities::create(EntityKind::Term, state, headers, actor, JsonBody(body)).await
}
