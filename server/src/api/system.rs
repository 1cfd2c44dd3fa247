//! System endpoints: the OpenAPI document, `/health` and Prometheus `/metrics`.

use app::state::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// The document's choice lists carry the instance's extension terms as they are now.
pub async fn openapi(State(s): State<AppState>) -> Result<Response, super::ApiError> {
    let vocab = s.knowledge.vocabularies().await?;
    Ok(Json(super::openapi::document(env!("CARGO_PKG_VERSION"), &vocab)).into_response())
}

pub async fn health(State(s): State<AppState>) -> Response {
    let db = s.knowledge.ping().await;
    let counts = s.knowledge.counts().await.ok();
    let media = s.media.totals(None).await.ok();
    let healthy = db.is_ok();
    let index = s.search.status();
    let head = s.knowledge.log_head().await.unwrap_or(index.cursor);
    let index_state = match (&index.error, index.rebuilding) {
        (Some(_), _) => "degraded",
        (None, true) => "rebuilding",
        (None, false) => "ok",
    };
    let worker = s.federation_worker.status();
    let peers = s.federation.peers().await.unwrap_or_default();
    let connected = peers
        .iter()
        .filter(|p| p.state == domain::peer::PeerState::Connected)
        .count();
    let worker_state = match (&worker.last_error, worker.leader) {
        (Some(_), _) => "degraded",
        (None, true) => "ok",
        // Another app node on the same database delivers.
        (None, false) => "standby",
    };
    let body = json!({
        "status": if healthy { "ok" } else { "unavailable" },
        "version": env!("CARGO_PKG_VERSION"),
        "timestamp": domain::revision::now_rfc3339(),
        "components": {
            "database": {
                "status": if healthy { "ok" } else { "down" },
                "backend": s.knowledge.backend_name(),
            },
            "search_index": {
                "status": index_state,
                "documents": index.documents,
                "cursor": index.cursor,
                "lag": (head - index.cursor).max(0),
                "error": index.error,
            },
            "federation_worker": {
                "status": worker_state,
                "leader": worker.leader,
                "outbox": worker.outbox,
                "peers": peers.len(),
                "connected": connected,
                "error": worker.last_error,
            },
        },
        "metrics": {
            "uptime_seconds": s.started.elapsed().as_secs(),
            "entities": counts.as_ref().map(|c| json!({"things": c.things, "stories": c.stories, "guides": c.guides, "relationships": c.relationships})),
            "revisions": counts.as_ref().map(|c| c.revisions),
            "media": media.map(|m| json!({"files": m.files, "bytes": m.bytes})),
        },
    });
    let status = if healthy {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

pub async fn metrics(State(s): State<AppState>) -> Response {
    let up = i32::from(s.knowledge.ping().await.is_ok());
    let mut out = String::new();
    out.push_str("# HELP thingdata_up Whether the database answers.\n# TYPE thingdata_up gauge\n");
    out.push_str(&format!("thingdata_up {up}\n"));
    out.push_str("# HELP thingdata_uptime_seconds Seconds since start.\n# TYPE thingdata_uptime_seconds counter\n");
    out.push_str(&format!(
        "thingdata_uptime_seconds {}\n",
        s.started.elapsed().as_secs()
    ));
    if let Ok(c) = s.knowledge.counts().await {
        out.push_str(
            "# HELP thingdata_entities Entities by kind.\n# TYPE thingdata_entities gauge\n",
        );
        for (k, n) in [
            ("thing", c.things),
            ("story", c.stories),
            ("guide", c.guides),
            ("relationship", c.relationships),
        ] {
            out.push_str(&format!("thingdata_entities{{kind=\"{k}\"}} {n}\n"));
        }
        out.push_str(
            "# HELP thingdata_revisions Revisions in the log.\n# TYPE thingdata_revisions gauge\n",
        );
        out.push_str(&format!("thingdata_revisions {}\n", c.revisions));
    }
    if let Ok(m) = s.media.totals(None).await {
        out.push_str("# HELP thingdata_media_files Media files stored.\n# TYPE thingdata_media_files gauge\n");
        out.push_str(&format!("thingdata_media_files {}\n", m.files));
        out.push_str("# HELP thingdata_media_bytes Bytes of media stored (originals and variants).\n# TYPE thingdata_media_bytes gauge\n");
        out.push_str(&format!("thingdata_media_bytes {}\n", m.bytes));
    }
    let index = s.search.status();
    out.push_str("# HELP thingdata_search_documents Entries in this node's search index.\n# TYPE thingdata_search_documents gauge\n");
    out.push_str(&format!("thingdata_search_documents {}\n", index.documents));
    if let Ok(head) = s.knowledge.log_head().await {
        out.push_str("# HELP thingdata_search_lag Revisions not yet in the search index.\n# TYPE thingdata_search_lag gauge\n");
        out.push_str(&format!(
            "thingdata_search_lag {}\n",
            (head - index.cursor).max(0)
        ));
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], out).into_response()
}
