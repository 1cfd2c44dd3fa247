//! `/api/v1/tags`: the tags in use with their counts (all, or those starting with a
//! prefix, for suggestions as one types), and moderators' renames.

use super::input::{limit_param, Actor, JsonBody};
use super::ApiError;
use app::state::AppState;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::policy::Action;
use serde_json::{json, Value};
use service::knowledge::MAX_TAGS_LISTED;

/// Tags a list gives unless `limit` says otherwise.
const DEFAULT_LIMIT: i64 = 100;

pub async fn list(
    State(s): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let (mut prefix, mut limit) = (String::new(), DEFAULT_LIMIT);
    for (k, v) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "prefix" if v.chars().count() > domain::tags::MAX_TAG => {
                return Err(ApiError::bad_request(
                    "bad_parameter",
                    format!("prefix is at most {} characters", domain::tags::MAX_TAG),
                ))
            }
            "prefix" => prefix = v.into_owned(),
            "limit" => limit = limit_param(&v, MAX_TAGS_LISTED)?,
            other => {
                return Err(ApiError::bad_request(
                    "bad_parameter",
                    format!("unknown parameter {other:?}; use prefix and limit"),
                ))
            }
        }
    }
    let items: Vec<Value> = s
        .knowledge
        .tags(&prefix, limit)
        .await?
        .into_iter()
        .map(|(tag, count)| json!({"tag": tag, "count": count}))
        .collect();
    Ok(Json(json!({"items": items})).into_response())
}

/// `{"from": TAG, "to": TAG}` renames a tag on every entry that carries it; a `to` in
/// use merges the two.
pub async fn rename(
    State(s): State<AppState>,
    actor: Actor,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::RenameTags)?;
    let text = |key: &str| body.get(key).and_then(Value::as_str);
    let (Some(from), Some(to), Some(2)) = (
        text("from"),
        text("to"),
        body.as_object().map(serde_json::Map::len),
    ) else {
        return Err(ApiError::bad_request(
            "bad_body",
            "send {\"from\": TAG, \"to\": TAG}",
        ));
    };
    let (renamed, left) = s.knowledge.rename_tag(from, to, &actor.name).await?;
    Ok(Json(json!({"renamed": renamed, "left": left})).into_response())
}
