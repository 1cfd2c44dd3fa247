//! Federation between real instances, each served on its own loopback port with its
//! own database: connecting, trust, push and pull, and what peers must not get away with.

mod categories;
mod exchange;
mod impact;
mod media;
mod peering;
mod vocabularies;

use crate::common::{thing, Node};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

/// Polls `check` until it holds or `secs` pass.
pub async fn eventually<F, Fut>(what: &str, secs: u64, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    // Generous: the whole suite runs in parallel on two cores, with several instances
    // per test; a healthy run takes a fraction of this.
    let deadline = std::time::Instant::now() + Duration::from_secs(secs * 4);
    while std::time::Instant::now() < deadline {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for: {what}");
}

pub async fn peers(n: &Node) -> Vec<Value> {
    n.app.get("/api/v1/federation/peers").await.json()["items"]
        .as_array()
        .cloned()
        .unwrap()
}

pub async fn peer_of(n: &Node, url: &str) -> Option<Value> {
    peers(n).await.into_iter().find(|p| p["url"] == url)
}

/// `a` asks `b`; `b`'s admin accepts; each side then trusts the other as given.
pub async fn connect(a: &Node, b: &Node, a_trusts_b: &str, b_trusts_a: &str) {
    let r = a
        .app
        .post("/api/v1/federation/peers", &json!({ "url": b.url }))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json()["state"], "requested");
    assert_eq!(r.json()["name"], b.app.state.instance.get().name);
    eventually("the request reaches b", 10, || async {
        peer_of(b, &a.url)
            .await
            .is_some_and(|p| p["state"] == "pending")
    })
    .await;
    let on_b = peer_of(b, &a.url).await.unwrap();
    let id = on_b["id"].as_str().unwrap();
    let r = b
        .app
        .post(&format!("/api/v1/federation/peers/{id}/accept"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    trust(b, &a.url, b_trusts_a).await;
    eventually("a learns of the acceptance", 10, || async {
        peer_of(a, &b.url)
            .await
            .is_some_and(|p| p["state"] == "connected")
    })
    .await;
    trust(a, &b.url, a_trusts_b).await;
}

pub async fn trust(n: &Node, url: &str, level: &str) {
    let p = peer_of(n, url)
        .await
        .unwrap_or_else(|| panic!("{url} is no peer of {}", n.url));
    let id = p["id"].as_str().unwrap();
    let r = n
        .app
        .call(
            Method::PUT,
            &format!("/api/v1/federation/peers/{id}"),
            Some(&json!({ "trust": level })),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["trust"], level);
}

pub async fn create(n: &Node, name: &str) -> String {
    let r = n.app.post("/api/v1/things", &thing(name)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["id"].as_str().unwrap().to_string()
}

pub async fn name_on(n: &Node, id: &str) -> Option<String> {
    let r = n.app.get(&format!("/api/v1/things/{id}")).await;
    (r.status == StatusCode::OK).then(|| r.json()["name"]["default"].as_str().unwrap().to_string())
}

pub async fn things_on(n: &Node) -> i64 {
    n.app.get("/api/v1/things?limit=1").await.json()["total"]
        .as_i64()
        .unwrap()
}

pub async fn head_on(n: &Node, id: &str) -> Option<String> {
    let r = n.app.get(&format!("/api/v1/things/{id}")).await;
    (r.status == StatusCode::OK).then(|| r.json()["revision"].as_str().unwrap().to_string())
}

/// Waits until every node shows the same head of `id`.
pub async fn converged(nodes: &[&Node], id: &str, what: &str) {
    eventually(what, 20, || async {
        let mut heads = Vec::new();
        for n in nodes {
            heads.push(head_on(n, id).await);
        }
        heads[0].is_some() && heads.windows(2).all(|w| w[0] == w[1])
    })
    .await;
}

pub async fn edit(n: &Node, id: &str, change: impl FnOnce(&mut Value)) {
    let r = n.app.get(&format!("/api/v1/things/{id}")).await;
    let mut body = r.json();
    let base = body["revision"].clone();
    for k in ["id", "uri", "revision", "created_at", "updated_at", "kind"] {
        if let Some(o) = body.as_object_mut() {
            o.remove(k);
        }
    }
    change(&mut body);
    body["base_revision"] = base;
    let r = n
        .app
        .call(
            Method::PUT,
            &format!("/api/v1/things/{id}"),
            Some(&body),
            &[],
        )
        .await;
    assert!(r.status == StatusCode::OK, "{}", r.text);
}

/// Posts `body` to `to`'s inbox signed with `from`'s key, past both instances' own
/// workers.
pub async fn post_signed(from: &Node, to: &Node, body: String) -> crate::common::Reply {
    let date = federation::signature::http_date(std::time::SystemTime::now());
    post_signed_as(&from.url, from.app.state.knowledge.key(), to, body, &date).await
}

/// Posts `body` to `to`'s inbox, signed with `key` under the key id of the instance at
/// `actor_url` and dated `date`: forged, stale and replayed requests are made with it.
pub async fn post_signed_as(
    actor_url: &str,
    key: &domain::revision::InstanceKey,
    to: &Node,
    body: String,
    date: &str,
) -> crate::common::Reply {
    let host = to.url.trim_start_matches("http://").to_string();
    let digest = federation::signature::digest(body.as_bytes());
    let parts = federation::signature::RequestParts {
        method: "POST",
        target: "/federation/inbox",
        host: &host,
        date,
        digest: Some(&digest),
    };
    let sig = federation::signature::sign(
        key,
        &format!("{actor_url}/federation/actor#main-key"),
        &parts,
    );
    let req = axum::http::Request::builder()
        .method(Method::POST)
        .uri("/federation/inbox")
        .header("host", host.clone())
        .header("date", date)
        .header("digest", digest)
        .header("signature", sig)
        .header("content-type", "application/activity+json")
        .body(axum::body::Body::from(body))
        .unwrap();
    to.app.send(req).await
}

/// Announces a batch of revisions to `to` as `from` would.
pub async fn announce_raw(from: &Node, to: &Node, batch: Vec<Value>) -> crate::common::Reply {
    let activity = json!({
        "type": "Announce",
        "actor": format!("{}/federation/actor", from.url),
        "object": { "type": "RevisionBatch", "revisions": batch },
    });
    post_signed(from, to, activity.to_string()).await
}

/// Announces a batch that `to` must accept; what it made of it.
pub async fn announce(from: &Node, to: &Node, batch: Vec<Value>) -> Value {
    let r = announce_raw(from, to, batch).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    r.json()
}

pub async fn history_on(n: &Node, id: &str) -> Vec<Value> {
    n.app
        .get(&format!("/api/v1/things/{id}/history"))
        .await
        .json()["items"]
        .as_array()
        .cloned()
        .unwrap()
}
