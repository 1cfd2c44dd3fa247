//! The federation admin API: the same actions as the federation admin page and the
//! moderation queue, for scripts.

use super::input::{Actor, JsonBody, QueryMap};
use super::ApiError;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::peer::{Peer, Trust};
use domain::policy::Action;
use serde_json::{json, Value};

fn peer_json(p: &Peer) -> Value {
    json!(p)
}

/// Admins get every peer with its state; everyone else the public peer-exchange list.
pub async fn list(State(s): State<AppState>, actor: Actor) -> Result<Response, ApiError> {
    let peers = s.federation.peers().await?;
    if actor.may(Action::ManageFederation).is_err() {
        return Ok(Json(crate::s2s::public_peers(&peers)).into_response());
    }
    let items: Vec<Value> = peers.iter().map(peer_json).collect();
    Ok(Json(json!({ "items": items })).into_response())
}

pub async fn request(
    State(s): State<AppState>,
    actor: Actor,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::ManageFederation)?;
    let Some(url) = body.get("url").and_then(Value::as_str) else {
        return Err(ApiError::bad_request(
            "bad_peer_url",
            "give the other instance's address as \"url\"",
        ));
    };
    let peer = s.federation.request(url, &actor.name).await?;
    Ok((StatusCode::CREATED, Json(peer_json(&peer))).into_response())
}

pub async fn accept(
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
) -> Result<Response, ApiError> {
    actor.may(Action::ManageFederation)?;
    Ok(Json(peer_json(&s.federation.accept(&id, &actor.name).await?)).into_response())
}

pub async fn refuse(
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
) -> Result<Response, ApiError> {
    actor.may(Action::ManageFederation)?;
    Ok(Json(peer_json(&s.federation.refuse(&id, &actor.name).await?)).into_response())
}

/// Body: `{"trust": "untrusted" | "verified" | "trusted" | "preferred" | "blocked"}`.
pub async fn update(
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    actor.may(Action::ManageFederation)?;
    let trust = body
        .get("trust")
        .and_then(Value::as_str)
        .and_then(|t| t.parse::<Trust>().ok())
        .ok_or_else(|| {
            ApiError::bad_request(
                "bad_trust",
                "trust must be one of untrusted, verified, trusted, preferred, blocked",
            )
        })?;
    Ok(Json(peer_json(
        &s.federation.set_trust(&id, trust, &actor.name).await?,
    ))
    .into_response())
}

/// Revisions from untrusted peers waiting for an expert.
pub async fn held(
    State(s): State<AppState>,
    actor: Actor,
    q: QueryMap,
) -> Result<Response, ApiError> {
    actor.may(Action::ReviewRemote)?;
    let (skip, limit) = super::input::paging(&q, 50)?;
    let (items, total) = s.federation.held(skip, limit).await?;
    let items: Vec<Value> = items
        .iter()
        .map(|h| json!({ "peer_id": h.peer_id, "received_at": h.received_at, "revision": h.revision }))
        .collect();
    Ok(
        Json(json!({ "items": items, "total": total, "skip": skip, "limit": limit }))
            .into_response(),
    )
}

pub async fn accept_held(
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
) -> Result<Response, ApiError> {
    actor.may(Action::ReviewRemote)?;
    s.federation.accept_held(&id, &actor.name).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn reject_held(
    State(s): State<AppState>,
    Path(id): Path<String>,
    actor: Actor,
) -> Result<Response, ApiError> {
    actor.may(Action::ReviewRemote)?;
    s.federation.reject_held(&id, &actor.name).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
