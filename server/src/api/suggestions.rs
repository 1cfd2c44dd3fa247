//! `/api/v1/suggested-terms`: material and tool texts no term names, and experts'
//! decisions on them (accept as a new term, map onto a term, reject).

use super::input::{limit_param, Actor, JsonBody};
use super::shapes::entity_json;
use super::ApiError;
use app::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::policy::Action;
use serde_json::{json, Map, Value};

/// Suggestions a list gives unless `limit` says otherwise, and at most.
const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 500;

pub async fn list(
    State(s): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let (mut vocabulary, mut limit) = (String::new(), DEFAULT_LIMIT);
    for (k, v) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "vocabulary" if matches!(v.as_ref(), "materials" | "tools") => {
                vocabulary = v.into_owned()
            }
            "vocabulary" => {
                return Err(ApiError::bad_request(
                    "bad_parameter",
                    "vocabulary is materials or tools",
                ))
            }
            "limit" => limit = limit_param(&v, MAX_LIMIT)?,
            other => {
                return Err(ApiError::bad_request(
                    "bad_parameter",
                    format!("unknown parameter {other:?}; use vocabulary and limit"),
                ))
            }
        }
    }
    let items: Vec<Value> = s
        .knowledge
        .vocabulary_suggestions(&vocabulary, limit)
        .await?
        .into_iter()
        .map(|x| {
            json!({"vocabulary": x.vocabulary, "text": x.text, "folded": x.folded, "entries": x.entries})
        })
        .collect();
    Ok(Json(json!({ "items": items })).into_response())
}

/// The body's string fields: `required` ones must be there, `optional` ones may; any
/// other field is refused.
fn fields(
    body: &Value,
    required: &[&str],
    optional: &[&str],
) -> Result<Map<String, Value>, ApiError> {
    let shape = || {
        let mut all: Vec<&str> = required.to_vec();
        all.extend(optional.iter().copied());
        format!("send a JSON object with the strings {}", all.join(", "))
    };
    let Some(obj) = body.as_object() else {
        return Err(ApiError::bad_request("bad_body", shape()));
    };
    let known = |k: &str| required.contains(&k) || optional.contains(&k);
    let fine = obj.iter().all(|(k, v)| known(k) && v.is_string())
        && required.iter().all(|r| obj.contains_key(*r));
    if !fine {
        return Err(ApiError::bad_request("bad_body", shape()));
    }
    Ok(obj.clone())
}

fn text<'a>(m: &'a Map<String, Value>, k: &str) -> &'a str {
    m.get(k).and_then(Value::as_str).unwrap_or_default()
}

pub async fn accept(
    State(s): State<AppState>,
    actor: Actor,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::EditVocabulary)?;
    let m = fields(&body, &["vocabulary", "text"], &["key"])?;
    let key = m.get("key").and_then(Value::as_str);
    if key == Some("") {
        return Err(ApiError::bad_request(
            "bad_body",
            "key, when given, is a key; leave it out to make one from the text",
        ));
    }
    let term = s
        .knowledge
        .accept_suggestion(text(&m, "vocabulary"), text(&m, "text"), key, &actor.name)
        .await?;
    Ok((StatusCode::CREATED, Json(entity_json(&term))).into_response())
}

pub async fn map(
    State(s): State<AppState>,
    actor: Actor,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::EditVocabulary)?;
    let m = fields(&body, &["vocabulary", "text", "term"], &[])?;
    let term = s
        .knowledge
        .map_suggestion(
            text(&m, "vocabulary"),
            text(&m, "text"),
            text(&m, "term"),
            &actor.name,
        )
        .await?;
    Ok(Json(entity_json(&term)).into_response())
}

pub async fn reject(
    State(s): State<AppState>,
    actor: Actor,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::EditVocabulary)?;
    let m = fields(&body, &["vocabulary", "text"], &[])?;
    s.knowledge
        .reject_suggestion(text(&m, "vocabulary"), text(&m, "text"), &actor.name)
        .await?;
    Ok(Json(json!({"rejected": true})).into_response())
}
