//! Server-to-server endpoints: the instance actor, WebFinger, NodeInfo, the inbox,
//! the revision log for pulls and the peer-exchange list. Inbox and log need a valid
//! HTTP signature; what the signer may do is the federation service's business.

pub mod client;

use crate::api::ApiError;
use app::state::AppState;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::peer::{PeerState, Trust};
use federation::documents::{self, ACTIVITY_JSON, ACTOR_PATH, INBOX_PATH, REVISIONS_PATH};
use federation::signature::RequestParts;
use federation::Inbound;
use serde_json::{json, Value};
use std::collections::HashMap;

/// The largest inbox body: a batch of revisions with room to spare.
pub const MAX_INBOX_BODY: usize = 8 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/.well-known/webfinger", get(webfinger))
        .route("/.well-known/nodeinfo", get(nodeinfo_links))
        .route("/nodeinfo/2.1", get(nodeinfo))
        .route(ACTOR_PATH, get(actor))
        .route(INBOX_PATH, post(inbox))
        .route(REVISIONS_PATH, get(revisions))
}

fn activity_json(v: Value) -> Response {
    ([(header::CONTENT_TYPE, ACTIVITY_JSON)], Json(v)).into_response()
}

async fn actor(State(s): State<AppState>) -> Response {
    activity_json(documents::actor(&s.federation.info()))
}

/// `resource=acct:instance@host`, the actor URL, or a `thing:` identifier.
async fn webfinger(
    State(s): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let Some(resource) = q.get("resource").map(|r| r.trim()) else {
        return Err(ApiError::bad_request(
            "bad_parameter",
            "resource is required",
        ));
    };
    let info = s.federation.info();
    let host = url::Url::parse(&info.url)
        .ok()
        .and_then(|u| {
            let h = u.host_str()?.to_string();
            Some(match u.port() {
                Some(p) => format!("{h}:{p}"),
                None => h,
            })
        })
        .unwrap_or_default();
    let body = if resource == info.actor_url
        || resource == format!("acct:instance@{host}")
        || resource == info.url
    {
        documents::webfinger_actor(resource, &info)
    } else if resource.starts_with("thing:") {
        let filter = service::knowledge::ListFilter {
            eq: vec![("identifier", resource.to_string())],
            ..Default::default()
        };
        let (items, _) = s
            .knowledge
            .list(domain::EntityKind::Thing, &filter, 0, 1)
            .await?;
        let Some(thing) = items.first() else {
            return Err(ApiError::not_found(format!(
                "no thing has the identifier {resource}"
            )));
        };
        documents::webfinger_entity(resource, &info.url, "things", &thing.meta.id)
    } else {
        return Err(ApiError::not_found(format!("{resource} is not known here")));
    };
    Ok(([(header::CONTENT_TYPE, "application/jrd+json")], Json(body)).into_response())
}

async fn nodeinfo_links(State(s): State<AppState>) -> Response {
    Json(documents::nodeinfo_links(s.knowledge.public_url())).into_response()
}

async fn nodeinfo(State(s): State<AppState>) -> Result<Response, ApiError> {
    let doc = s.federation.nodeinfo().await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            "application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/2.1#\"",
        )],
        Json(doc),
    )
        .into_response())
}

fn header_str<'a>(h: &'a HeaderMap, name: &str) -> &'a str {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// Authenticates a signed request; the answer on failure is 401 (or 403 for a block).
async fn signer(
    s: &AppState,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: Option<&[u8]>,
) -> Result<federation::Signer, ApiError> {
    let target = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let digest = headers.get("digest").and_then(|v| v.to_str().ok());
    let inbound = Inbound {
        parts: RequestParts {
            method: method.as_str(),
            target,
            host: header_str(headers, "host"),
            date: header_str(headers, "date"),
            digest,
        },
        signature: headers.get("signature").and_then(|v| v.to_str().ok()),
        body,
    };
    let result = s.federation.authenticate(inbound).await;
    if let Err(e) = &result {
        tracing::warn!("refused a federation request to {target}: {e}");
    }
    Ok(result?)
}

async fn inbox(
    State(s): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    if body.len() > MAX_INBOX_BODY {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("an activity may be at most {MAX_INBOX_BODY} bytes"),
        ));
    }
    let who = signer(&s, &method, &uri, &headers, Some(&body)).await?;
    let activity: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request("bad_json", format!("the activity is not JSON: {e}")))?;
    let received = s.federation.inbox(who, &activity).await?;
    Ok((StatusCode::ACCEPTED, Json(json!(received))).into_response())
}

async fn revisions(
    State(s): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let who = signer(&s, &method, &uri, &headers, None).await?;
    let num = |k: &str, default: i64| -> Result<i64, ApiError> {
        q.get(k).map_or(Ok(default), |v| {
            v.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
                ApiError::bad_request("bad_parameter", format!("{k} must be a whole number"))
            })
        })
    };
    let page = s
        .federation
        .serve_pull(&who, num("since", 0)?, num("limit", 500)?)
        .await?;
    Ok(activity_json(json!(page)))
}

/// The public part of the peer list: connected peers anyone may learn about.
pub fn public_peers(peers: &[domain::peer::Peer]) -> Value {
    let list: Vec<Value> = peers
        .iter()
        .filter(|p| p.state == PeerState::Connected && p.trust != Trust::Blocked)
        .map(|p| json!({ "url": p.info.url, "name": p.info.name, "software": p.info.software, "languages": p.info.languages }))
        .collect();
    json!({ "items": list })
}
