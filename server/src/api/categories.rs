//! `/api/v1/categories/tree` and `/api/v1/categories/unfiled`: the taxonomy as a forest
//! with counts, and the old free categories that wait to be filed (listed, and filed
//! by experts). Categories themselves have the entry operations of every kind.

use super::input::{Actor, JsonBody};
use super::ApiError;
use app::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::policy::Action;
use domain::EntityKind;
use serde_json::{json, Value};

/// The language of the labels: `?lang=`, else the request's.
fn labels_lang(headers: &HeaderMap, query: Option<String>) -> Result<String, ApiError> {
    let mut lang = super::input::request_lang(headers).to_string();
    for (k, v) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "lang" => {
                lang = domain::lang::LANGUAGES
                    .iter()
                    .map(|(tag, _)| *tag)
                    .find(|tag| *tag == v)
                    .ok_or_else(|| {
                        ApiError::bad_request(
                            "bad_parameter",
                            format!("lang {v:?} is not a language of this instance's pages"),
                        )
                    })?
                    .to_string()
            }
            other => {
                return Err(ApiError::bad_request(
                    "bad_parameter",
                    format!("unknown parameter {other:?}; use lang"),
                ))
            }
        }
    }
    Ok(lang)
}

pub async fn tree(
    State(s): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let lang = labels_lang(&headers, query)?;
    let roots = s.knowledge.category_tree(&lang).await?;
    Ok(Json(json!({"lang": lang, "roots": roots})).into_response())
}

pub async fn unfiled(
    State(s): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let lang = labels_lang(&headers, query)?;
    let items = s.knowledge.unfiled(&lang).await?;
    Ok(Json(json!({"items": items})).into_response())
}

/// `{"kind": "story", "text": "kettles", "category": ID}` files the entries of that kind
/// carrying that old text; `{}` files every old text that matches a category's name.
pub async fn file(
    State(s): State<AppState>,
    actor: Actor,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::EditTaxonomy)?;
    if !body.is_object() {
        return Err(ApiError::bad_request(
            "bad_body",
            "send an object: {\"kind\", \"text\", \"category\"}, or {} to file what matches",
        ));
    }
    let filed = match body.get("text") {
        None => s.knowledge.file_matching(&actor.name).await?,
        Some(Value::String(text)) if text.chars().count() <= domain::fields::MAX_SHORT => {
            let kind = body
                .get("kind")
                .and_then(Value::as_str)
                .and_then(|k| k.parse::<EntityKind>().ok())
                .filter(|k| k.in_graph())
                .ok_or_else(|| {
                    ApiError::bad_request("bad_kind", "kind must be thing, story or guide")
                })?;
            let category = body
                .get("category")
                .and_then(Value::as_str)
                .filter(|c| domain::validate::is_entity_id(c))
                .ok_or_else(|| {
                    ApiError::bad_request("bad_category", "category must be a category's id")
                })?;
            s.knowledge
                .file_unfiled(kind, text, category, &actor.name)
                .await?
        }
        Some(_) => {
            return Err(ApiError::bad_request(
                "bad_text",
                "text must be the old category text: a string of at most 200 characters",
            ))
        }
    };
    Ok(Json(json!({"filed": filed})).into_response())
}
