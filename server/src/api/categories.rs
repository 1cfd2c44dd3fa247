//! `/api/v1/categories/tree`, `/unfiled`, `/{id}/merge` and `/{id}/split`: the
//! taxonomy as a forest with counts, the old free categories that wait to be filed
//! (listed, and filed by experts), merging one category into another and splitting one
//! into new subcategories. Categories themselves have the
//! entry operations of every kind.

use super::input::{Actor, JsonBody};
use super::ApiError;
use app::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::policy::Action;
use domain::EntityKind;
use serde_json::{json, Value};
use service::knowledge::{SplitPart, MAX_SPLIT_MOVES, MAX_SPLIT_PARTS};

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
    let filed = match FileRequest::parse(&body)? {
        FileRequest::Matching => s.knowledge.file_matching(&actor.name).await?,
        FileRequest::One {
            kind,
            text,
            category,
        } => {
            s.knowledge
                .file_unfiled(kind, text, category, &actor.name)
                .await?
        }
    };
    Ok(Json(json!({"filed": filed})).into_response())
}

/// `{"into": ID}` merges the category into another: what is filed under it moves there,
/// and its id stays an alias of that one.
pub async fn merge(
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::EditTaxonomy)?;
    super::entities::checked_id(EntityKind::Category, &id)?;
    let into = body
        .as_object()
        .filter(|m| m.len() == 1)
        .and_then(|m| m.get("into"))
        .and_then(Value::as_str)
        .filter(|c| domain::validate::is_entity_id(c))
        .ok_or_else(|| {
            ApiError::bad_request(
                "bad_body",
                "send {\"into\": ID}, the category to merge into",
            )
        })?;
    let moved = s.knowledge.merge_category(&id, into, &actor.name).await?;
    Ok(Json(json!({"merged_into": into, "moved": moved})).into_response())
}

/// What a filing request asks for: everything that matches by name, or one old text.
enum FileRequest<'a> {
    Matching,
    One {
        kind: EntityKind,
        text: &'a str,
        category: &'a str,
    },
}

impl<'a> FileRequest<'a> {
    fn parse(body: &'a Value) -> Result<Self, ApiError> {
        let shape = || {
            ApiError::bad_request(
                "bad_body",
                "send {} to file what matches by name, or {\"kind\", \"text\", \"category\"} and nothing else",
            )
        };
        let m = body.as_object().ok_or_else(shape)?;
        if m.is_empty() {
            return Ok(Self::Matching);
        }
        if m.len() != 3
            || ["kind", "text", "category"]
                .iter()
                .any(|k| !m.contains_key(*k))
        {
            return Err(shape());
        }
        let kind = m["kind"]
            .as_str()
            .and_then(|k| k.parse::<EntityKind>().ok())
            .filter(|k| k.in_graph())
            .ok_or_else(|| {
                ApiError::bad_request("bad_kind", "kind must be thing, story or guide")
            })?;
        let text = m["text"]
            .as_str()
            .filter(|t| t.chars().count() <= domain::fields::MAX_SHORT)
            .ok_or_else(|| {
                ApiError::bad_request(
                    "bad_text",
                    "text must be the old category text: a string of at most 200 characters",
                )
            })?;
        let category = m["category"]
            .as_str()
            .filter(|c| domain::validate::is_entity_id(c))
            .ok_or_else(|| {
                ApiError::bad_request("bad_category", "category must be a category's id")
            })?;
        Ok(Self::One {
            kind,
            text,
            category,
        })
    }
}

/// `{"parts": [{"name": TEXT, "moves": [ID, …]}, …]}` splits the category: each part
/// becomes a new category below it, and the entries and subcategories it names move
/// there. Answers 201 with the new ids in the parts' order.
pub async fn split(
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::EditTaxonomy)?;
    super::entities::checked_id(EntityKind::Category, &id)?;
    let parts = split_parts(&body).ok_or_else(|| {
        ApiError::bad_request(
            "bad_body",
            "send {\"parts\": [{\"name\": {\"default\": TEXT}, \"moves\": [ID, …]}, …]} with 1 to 8 parts",
        )
    })?;
    let created = s.knowledge.split_category(&id, &parts, &actor.name).await?;
    Ok((StatusCode::CREATED, Json(json!({"created": created}))).into_response())
}

/// The parts of a split request, if it has exactly the documented shape.
fn split_parts(body: &Value) -> Option<Vec<SplitPart>> {
    let m = body.as_object().filter(|m| m.len() == 1)?;
    let parts = m.get("parts")?.as_array()?;
    if parts.is_empty() || parts.len() > MAX_SPLIT_PARTS {
        return None;
    }
    parts
        .iter()
        .map(|p| {
            let p = p.as_object()?;
            if p.keys().any(|k| k != "name" && k != "moves") {
                return None;
            }
            let name = p.get("name").filter(|n| n.is_object())?.clone();
            let moves = match p.get("moves") {
                None => Vec::new(),
                Some(list) => list
                    .as_array()
                    .filter(|l| l.len() <= MAX_SPLIT_MOVES)?
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .filter(|s| domain::validate::is_entity_id(s))
                            .map(String::from)
                    })
                    .collect::<Option<Vec<_>>>()?,
            };
            Some(SplitPart { name, moves })
        })
        .collect()
}
