//! `/api/v1/{things,stories,guides,relationships}`: create, read, list, update, patch,
//! delete, hide, history, diff and revert.

use super::input::{if_match, paging, Actor, JsonBody, QueryMap};
use super::shapes::entity_json;
use super::{schemas, ApiError};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::policy::Action;
use domain::validate::{is_entity_id, is_language_tag};
use domain::{parse_body, Body, EntityKind};
use serde_json::{json, Value};
use service::knowledge::StoredEntity;
use service::knowledge::{Readable, ServiceError};

fn with_etag(status: StatusCode, e: &StoredEntity) -> Response {
    tagged(status, entity_json(e), &e.meta.revision)
}

fn tagged(status: StatusCode, body: Value, revision: &str) -> Response {
    let mut res = (status, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("\"{revision}\"")) {
        res.headers_mut().insert(header::ETAG, v);
    }
    res
}

/// An updated entity; `X-ThingData-Merged: true` when it was merged with a concurrent edit.
fn saved_response(saved: &service::knowledge::Saved) -> Response {
    let mut res = with_etag(StatusCode::OK, &saved.entity);
    if saved.merged {
        res.headers_mut()
            .insert("x-thingdata-merged", HeaderValue::from_static("true"));
    }
    res
}

/// The language of the texts a write brings without saying theirs: `Content-Language`
/// (its first tag; every tag must be one), else the instance's first content language.
fn writing_language(s: &AppState, headers: &HeaderMap) -> Result<String, ApiError> {
    let Some(v) = headers.get(header::CONTENT_LANGUAGE) else {
        let languages = s.instance.get().languages;
        return Ok(languages
            .into_iter()
            .next()
            .unwrap_or_else(|| domain::lang::DEFAULT_LANG.to_string()));
    };
    let tags: Option<Vec<&str>> = v
        .to_str()
        .ok()
        .filter(|v| v.len() <= schemas::CONTENT_LANGUAGE_MAX)
        .map(|v| v.split(',').map(str::trim).collect());
    tags.filter(|tags| tags.iter().all(|t| is_language_tag(t)))
        .and_then(|tags| tags.first().map(|t| t.to_string()))
        .ok_or_else(|| {
            ApiError::bad_request(
                "bad_content_language",
                "Content-Language must be language tags separated by commas, such as de or fr-CH, de",
            )
        })
}

pub(super) fn checked_id(kind: EntityKind, id: &str) -> Result<(), ApiError> {
    if is_entity_id(id) {
        Ok(())
    } else {
        Err(ApiError::not_found(format!("no {kind} with id {id}")))
    }
}

pub async fn list(
    kind: EntityKind,
    State(s): State<AppState>,
    q: QueryMap,
) -> Result<Response, ApiError> {
    let (skip, limit) = paging(&q, 50)?;
    if q.0
        .get("tag")
        .is_some_and(|t| t.chars().count() > domain::tags::MAX_TAG)
    {
        return Err(ApiError::bad_request(
            "bad_parameter",
            format!("tag is at most {} characters", domain::tags::MAX_TAG),
        ));
    }
    let filter = s
        .knowledge
        .list_filter(kind, |p| q.0.get(p).cloned())
        .await?;
    let (items, total) = s.knowledge.list(kind, &filter, skip, limit).await?;
    let items: Vec<Value> = items.iter().map(entity_json).collect();
    Ok(Json(json!({"items": items, "total": total, "skip": skip, "limit": limit})).into_response())
}

pub async fn create(
    kind: EntityKind,
    State(s): State<AppState>,
    headers: HeaderMap,
    actor: Actor,
    JsonBody(mut body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::Create.on(kind))?;
    if let Some(a) = s.knowledge.also_needed(kind, None, Some(&body)).await? {
        actor.may(a)?;
    }
    let lang = writing_language(&s, &headers)?;
    let stamped = s
        .knowledge
        .stamp_languages(kind, None, &mut body, &lang)
        .await?;
    if stamped.reviews {
        actor.may(Action::ReviewTranslation)?;
    }
    let e = s.knowledge.create(kind, body, &actor.name).await?;
    let mut res = with_etag(StatusCode::CREATED, &e);
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/{}/{}", kind.plural(), e.meta.id)) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

/// Hidden entries are gone for readers (410), with their history; moderators see them.
pub(super) async fn readable(
    s: &AppState,
    kind: EntityKind,
    id: &str,
    actor: &Actor,
) -> Result<(), ApiError> {
    match s.knowledge.hidden_from(kind, id, actor.reader()).await? {
        Some(hidden) => Err(ApiError::hidden(&hidden)),
        None => Ok(()),
    }
}

pub async fn read(
    kind: EntityKind,
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
) -> Result<Response, ApiError> {
    checked_id(kind, &id)?;
    match s.knowledge.read(kind, &id, actor.reader()).await? {
        Readable::Visible(e) => {
            // Each text's state in every content language and every language it has.
            let languages = s.instance.get().languages;
            let states = s.translations.states(kind, &e.body, &languages);
            let mut body = entity_json(&e);
            body["translation_states"] = json!(states);
            Ok(tagged(StatusCode::OK, body, &e.meta.revision))
        }
        Readable::Hidden { hidden, .. } => Err(ApiError::hidden(&hidden)),
    }
}

/// `POST …/hide` with `{"reason": "…"}`: moderators hide an entry from readers.
pub async fn hide(
    kind: EntityKind,
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::Hide)?;
    checked_id(kind, &id)?;
    let reason = body.get("reason").and_then(Value::as_str).unwrap_or("");
    let e = s
        .knowledge
        .set_hidden(kind, &id, Some(reason), &actor.name)
        .await?;
    Ok(with_etag(StatusCode::OK, &e))
}

/// `POST …/unhide`: shows a hidden entry again.
pub async fn unhide(
    kind: EntityKind,
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
) -> Result<Response, ApiError> {
    actor.may(Action::Hide)?;
    checked_id(kind, &id)?;
    let e = s.knowledge.set_hidden(kind, &id, None, &actor.name).await?;
    Ok(with_etag(StatusCode::OK, &e))
}

pub async fn replace(
    kind: EntityKind,
    State(s): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    actor: Actor,
    JsonBody(mut body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::Update.on(kind))?;
    checked_id(kind, &id)?;
    if let Some(a) = s
        .knowledge
        .also_needed(kind, Some(&id), Some(&body))
        .await?
    {
        actor.may(a)?;
    }
    let lang = writing_language(&s, &headers)?;
    let stamped = s
        .knowledge
        .stamp_languages(kind, Some(&id), &mut body, &lang)
        .await?;
    if stamped.reviews {
        actor.may(Action::ReviewTranslation)?;
    }
    let e = s
        .knowledge
        .update(kind, &id, body, if_match(&headers)?, &actor.name)
        .await?;
    Ok(saved_response(&e))
}

pub async fn patch(
    kind: EntityKind,
    State(s): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    actor: Actor,
    JsonBody(mut body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::Update.on(kind))?;
    checked_id(kind, &id)?;
    if let Some(a) = s
        .knowledge
        .also_needed(kind, Some(&id), Some(&body))
        .await?
    {
        actor.may(a)?;
    }
    if !body.is_object() {
        return Err(ApiError::bad_request(
            "bad_patch",
            "a merge patch must be a JSON object",
        ));
    }
    let lang = writing_language(&s, &headers)?;
    let stamped = s
        .knowledge
        .stamp_languages(kind, Some(&id), &mut body, &lang)
        .await?;
    if stamped.reviews {
        actor.may(Action::ReviewTranslation)?;
    }
    let e = s
        .knowledge
        .patch(kind, &id, body, if_match(&headers)?, &actor.name)
        .await?;
    Ok(saved_response(&e))
}

pub async fn delete(
    kind: EntityKind,
    State(s): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    actor: Actor,
) -> Result<Response, ApiError> {
    actor.may(Action::Delete)?;
    checked_id(kind, &id)?;
    let confirmed = headers
        .get("x-confirm-delete")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    if !confirmed {
        return Err(ApiError::bad_request(
            "confirmation_required",
            "deleting needs the header X-Confirm-Delete: true",
        ));
    }
    s.knowledge
        .delete(kind, &id, if_match(&headers)?, &actor.name)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn history(
    kind: EntityKind,
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
) -> Result<Response, ApiError> {
    checked_id(kind, &id)?;
    readable(&s, kind, &id, &actor).await?;
    let revs = s.knowledge.history(kind, &id).await?;
    Ok(Json(json!({"items": revs})).into_response())
}

fn revision_meta(r: &domain::revision::Revision) -> Value {
    json!({"id": r.id, "op": r.op, "author": r.author, "origin_instance": r.origin_instance, "created_at": r.created_at})
}

pub async fn diff(
    kind: EntityKind,
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
    q: QueryMap,
) -> Result<Response, ApiError> {
    checked_id(kind, &id)?;
    readable(&s, kind, &id, &actor).await?;
    let from = q.0.get("from").filter(|f| !f.is_empty()).ok_or_else(|| {
        ApiError::bad_request(
            "bad_parameter",
            "give the revision to compare from in ?from=",
        )
    })?;
    let to = q.0.get("to").filter(|t| !t.is_empty()).map(String::as_str);
    let (from, to, changes) = s.knowledge.diff(kind, &id, from, to).await?;
    Ok(
        Json(json!({"from": revision_meta(&from), "to": revision_meta(&to), "changes": changes}))
            .into_response(),
    )
}

pub async fn revert(
    kind: EntityKind,
    State(s): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    actor: Actor,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::Revert.on(kind))?;
    checked_id(kind, &id)?;
    if let Some(a) = s.knowledge.also_needed(kind, Some(&id), None).await? {
        actor.may(a)?;
    }
    let revision = body
        .get("revision")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            ApiError::bad_request(
                "bad_revert",
                "give the revision to revert to as {\"revision\": \"…\"}",
            )
        })?;
    let e = s
        .knowledge
        .revert(kind, &id, revision, if_match(&headers)?, &actor.name)
        .await?;
    Ok(saved_response(&e))
}

pub async fn relationships(
    kind: EntityKind,
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
) -> Result<Response, ApiError> {
    checked_id(kind, &id)?;
    readable(&s, kind, &id, &actor).await?;
    let rels = s.knowledge.relationships(kind, &id).await?;
    let (mut outgoing, mut incoming) = (Vec::new(), Vec::new());
    for r in &rels {
        let Some(Body::Relationship(rel)) = parse_body(EntityKind::Relationship, &r.body) else {
            continue;
        };
        let both = rel.direction == "bidirectional";
        if rel.source_id == id || both {
            outgoing.push(entity_json(r));
        }
        if rel.target_id == id || both {
            incoming.push(entity_json(r));
        }
    }
    Ok(Json(json!({"outgoing": outgoing, "incoming": incoming})).into_response())
}

const MAX_PREFLIGHT_BATCH: usize = 100;

/// Validates one entity or a batch, writing nothing.
pub async fn preflight(
    State(s): State<AppState>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    async fn one(s: &AppState, item: &Value) -> Result<Vec<domain::Problem>, ApiError> {
        let kind = item
            .get("kind")
            .and_then(Value::as_str)
            .and_then(|k| {
                k.parse::<EntityKind>()
                    .ok()
                    .or_else(|| EntityKind::from_plural(k))
            })
            .ok_or_else(|| {
                ApiError::bad_request(
                    "bad_kind",
                    "kind must be thing, story, guide, relationship or category",
                )
            })?;
        let entity = item
            .get("entity")
            .filter(|e| e.is_object())
            .cloned()
            .ok_or_else(|| {
                ApiError::bad_request(
                    "missing_entity",
                    "give the entity to check, an object, in \"entity\"",
                )
            })?;
        let id = match item.get("id") {
            None => None,
            Some(Value::String(id)) => Some(id.as_str()),
            Some(_) => {
                return Err(ApiError::bad_request(
                    "bad_id",
                    "id must be the id (a string) of the entry being edited",
                ))
            }
        };
        s.knowledge
            .preflight(kind, entity, id)
            .await
            .map_err(|e: ServiceError| e.into())
    }
    if let Some(items) = body.get("items") {
        let items = items
            .as_array()
            .ok_or_else(|| ApiError::bad_request("bad_batch", "items must be a list"))?;
        if items.len() > MAX_PREFLIGHT_BATCH {
            return Err(ApiError::bad_request(
                "batch_too_large",
                format!("at most {MAX_PREFLIGHT_BATCH} items per batch"),
            ));
        }
        let mut results = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let problems = one(&s, item).await?;
            results
                .push(json!({"index": index, "valid": problems.is_empty(), "problems": problems}));
        }
        let valid = results.iter().all(|r| r["valid"] == json!(true));
        return Ok(Json(json!({"valid": valid, "results": results})).into_response());
    }
    let problems = one(&s, &body).await?;
    Ok(Json(json!({"valid": problems.is_empty(), "problems": problems})).into_response())
}
