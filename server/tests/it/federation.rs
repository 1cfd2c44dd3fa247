//! Federation between real instances, each served on its own loopback port with its
//! own database: connecting, trust, push and pull, and what peers must not get away with.

use crate::common::{thing, Node};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

/// Polls `check` until it holds or `secs` pass.
async fn eventually<F, Fut>(what: &str, secs: u64, mut check: F)
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

async fn peers(n: &Node) -> Vec<Value> {
    n.app.get("/api/v1/federation/peers").await.json()["items"]
        .as_array()
        .cloned()
        .unwrap()
}

async fn peer_of(n: &Node, url: &str) -> Option<Value> {
    peers(n).await.into_iter().find(|p| p["url"] == url)
}

/// `a` asks `b`; `b`'s admin accepts; each side then trusts the other as given.
async fn connect(a: &Node, b: &Node, a_trusts_b: &str, b_trusts_a: &str) {
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

async fn trust(n: &Node, url: &str, level: &str) {
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

async fn create(n: &Node, name: &str) -> String {
    let r = n.app.post("/api/v1/things", &thing(name)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["id"].as_str().unwrap().to_string()
}

async fn name_on(n: &Node, id: &str) -> Option<String> {
    let r = n.app.get(&format!("/api/v1/things/{id}")).await;
    (r.status == StatusCode::OK).then(|| r.json()["name"]["default"].as_str().unwrap().to_string())
}

#[tokio::test]
async fn an_instance_describes_itself_with_actor_webfinger_and_nodeinfo() {
    let a = Node::start("Repair Café A").await;
    let r = a.app.get("/federation/actor").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), "application/activity+json");
    let actor = r.json();
    assert_eq!(actor["id"], format!("{}/federation/actor", a.url));
    assert_eq!(actor["name"], "Repair Café A");
    assert!(actor["publicKey"]["publicKeyPem"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN PUBLIC KEY-----"));

    let host = a.url.trim_start_matches("http://");
    let r = a
        .app
        .get(&format!(
            "/.well-known/webfinger?resource=acct:instance@{host}"
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["links"][0]["href"], actor["id"]);
    let mut t = thing("Kettle");
    t["identifier"] = json!("thing:appliance/acme/k1");
    let r = a.app.post("/api/v1/things", &t).await;
    let id = r.json()["id"].as_str().unwrap().to_string();
    let r = a
        .app
        .get("/.well-known/webfinger?resource=thing:appliance/acme/k1")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        r.json()["links"][0]["href"],
        format!("{}/api/v1/things/{id}", a.url)
    );
    assert_eq!(
        a.app
            .get("/.well-known/webfinger?resource=thing:nope")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        a.app.get("/.well-known/webfinger").await.status,
        StatusCode::BAD_REQUEST
    );

    let links = a.app.get("/.well-known/nodeinfo").await.json();
    assert_eq!(links["links"][0]["href"], format!("{}/nodeinfo/2.1", a.url));
    let info = a.app.get("/nodeinfo/2.1").await.json();
    assert_eq!(info["software"]["name"], "thingdata");
    assert_eq!(info["metadata"]["things"], 1);
    assert_eq!(info["usage"]["users"]["total"], 1);
}

#[tokio::test]
async fn connected_instances_exchange_edits_by_push_and_catch_up_by_pull() {
    let a = Node::start("A").await;
    let b = Node::start("B").await;
    // Made before the connection: reaches b by the initial pull.
    let early = create(&a, "Early kettle").await;
    connect(&a, &b, "trusted", "trusted").await;
    eventually("the early thing reaches b", 15, || async {
        name_on(&b, &early).await.is_some()
    })
    .await;

    let id = create(&a, "Toaster").await;
    eventually("a new thing reaches b by push", 10, || async {
        name_on(&b, &id).await.as_deref() == Some("Toaster")
    })
    .await;
    let r = a.app.get(&format!("/api/v1/things/{id}")).await;
    let etag = r.header("etag");
    let mut body = thing("Toaster, 2 slots");
    body["base_revision"] = json!(r.json()["revision"]);
    let r = a
        .app
        .call(
            Method::PUT,
            &format!("/api/v1/things/{id}"),
            Some(&body),
            &[("if-match", &etag)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    eventually("the edit reaches b", 10, || async {
        name_on(&b, &id).await.as_deref() == Some("Toaster, 2 slots")
    })
    .await;
    // And back: an edit on b reaches a; history shows both origins.
    let b_id = create(&b, "Lamp from B").await;
    eventually("b's thing reaches a", 10, || async {
        name_on(&a, &b_id).await.is_some()
    })
    .await;
    let history = history_on(&b, &id).await;
    assert!(
        history.iter().all(|r| r["origin_instance"] == a.url),
        "{history:?}"
    );

    let pa = peer_of(&a, &b.url).await.unwrap();
    assert!(pa["revisions_out"].as_i64().unwrap() >= 1, "{pa}");
    assert!(pa["last_contact"].is_string());
    let pb = peer_of(&b, &a.url).await.unwrap();
    assert!(pb["revisions_in"].as_i64().unwrap() >= 3, "{pb}");
    let health = b.app.get("/health").await.json();
    assert_eq!(
        health["components"]["federation_worker"]["connected"], 1,
        "{health}"
    );
}

#[tokio::test]
async fn revisions_from_an_untrusted_peer_wait_for_an_expert() {
    let a = Node::start("A").await;
    let b = Node::start("B").await;
    connect(&a, &b, "trusted", "untrusted").await;
    let kept = create(&a, "Drill").await;
    let dropped = create(&a, "Spam thing").await;
    let held = || async {
        b.app.get("/api/v1/federation/held").await.json()["total"]
            .as_i64()
            .unwrap()
    };
    eventually("both revisions are held on b", 10, || async {
        held().await == 2
    })
    .await;
    assert_eq!(
        name_on(&b, &kept).await,
        None,
        "nothing is published before review"
    );

    let (_, member) = b.app.user("mia", "member").await;
    let list = b.app.get("/api/v1/federation/held").await.json();
    let rev_of = |entity: &str| {
        list["items"]
            .as_array()
            .and_then(|i| i.iter().find(|h| h["revision"]["entity_id"] == entity))
            .and_then(|h| h["revision"]["id"].as_str())
            .unwrap()
            .to_string()
    };
    let bearer = format!("Bearer {member}");
    let r = b
        .app
        .call(
            Method::POST,
            &format!("/api/v1/federation/held/{}/accept", rev_of(&kept)),
            None,
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "members do not review");
    let r = b
        .app
        .call(
            Method::POST,
            &format!("/api/v1/federation/held/{}/accept", rev_of(&kept)),
            None,
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let r = b
        .app
        .call(
            Method::POST,
            &format!("/api/v1/federation/held/{}/reject", rev_of(&dropped)),
            None,
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    assert_eq!(name_on(&b, &kept).await.as_deref(), Some("Drill"));
    assert_eq!(name_on(&b, &dropped).await, None);
    assert_eq!(held().await, 0);
    let audit = b.app.get("/api/v1/audit?action=peer.trust").await;
    assert!(audit.status == StatusCode::NOT_FOUND || audit.text.contains("peer.trust"));
}

#[tokio::test]
async fn a_blocked_peer_is_refused_and_private_addresses_need_the_setting() {
    let a = Node::start("A").await;
    let b = Node::start("B").await;
    connect(&a, &b, "trusted", "trusted").await;
    trust(&b, &a.url, "blocked").await;
    assert_eq!(peer_of(&b, &a.url).await.unwrap()["state"], "blocked");
    let id = create(&a, "Blocked thing").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(name_on(&b, &id).await, None);
    let pa = peer_of(&a, &b.url).await.unwrap();
    assert!(pa["last_error"].as_str().unwrap().contains("403"), "{pa}");

    let mut settings = a.app.state.instance.get();
    settings.allow_private_peers = false;
    a.app
        .state
        .instance
        .save(settings, "tests", "")
        .await
        .unwrap();
    let c = Node::start("C").await;
    let r = a
        .app
        .post("/api/v1/federation/peers", &json!({ "url": c.url }))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("private"),
        "{}",
        r.text
    );
    assert!(peer_of(&a, &c.url).await.is_none());
    for bad in ["", "ftp://x.example", "not a url at all"] {
        let r = a
            .app
            .post("/api/v1/federation/peers", &json!({ "url": bad }))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.text);
    }
}

#[tokio::test]
async fn unsigned_forged_and_replayed_requests_are_refused() {
    let a = Node::start("A").await;
    let b = Node::start("B").await;
    connect(&a, &b, "trusted", "trusted").await;
    let follow = json!({ "type": "Follow", "actor": format!("{}/federation/actor", a.url) });
    let r = b
        .app
        .call_as(Method::POST, "/federation/inbox", Some(&follow), &[])
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
    let r = b
        .app
        .call_as(Method::GET, "/federation/revisions?since=0", None, &[])
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    // Signed by a key that is not a's, claiming to be a.
    let forger = domain::revision::InstanceKey::generate().unwrap();
    let host = b.url.trim_start_matches("http://").to_string();
    let signed = |key: &domain::revision::InstanceKey, body: &[u8], date: &str| {
        let digest = federation::signature::digest(body);
        let parts = federation::signature::RequestParts {
            method: "POST",
            target: "/federation/inbox",
            host: &host,
            date,
            digest: Some(&digest),
        };
        let sig = federation::signature::sign(
            key,
            &format!("{}/federation/actor#main-key", a.url),
            &parts,
        );
        (digest, sig)
    };
    let body = follow.to_string();
    let date = federation::signature::http_date(std::time::SystemTime::now());
    let (digest, sig) = signed(&forger, body.as_bytes(), &date);
    let headers = [
        ("host", host.as_str()),
        ("date", date.as_str()),
        ("digest", digest.as_str()),
        ("signature", sig.as_str()),
    ];
    let r = b
        .app
        .call_as(Method::POST, "/federation/inbox", Some(&follow), &headers)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);

    // Properly signed by a, accepted once; the same request again is a replay.
    let key = a.app.state.knowledge.key();
    let (digest, sig) = signed(key, body.as_bytes(), &date);
    let headers = [
        ("host", host.as_str()),
        ("date", date.as_str()),
        ("digest", digest.as_str()),
        ("signature", sig.as_str()),
    ];
    let r = b
        .app
        .call_as(Method::POST, "/federation/inbox", Some(&follow), &headers)
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let r = b
        .app
        .call_as(Method::POST, "/federation/inbox", Some(&follow), &headers)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
    assert_eq!(r.json()["error"]["code"], "replay");

    // A tampered revision: signed request, but the revision's body does not match its id.
    let id = create(&a, "Original").await;
    eventually("the thing reaches b", 10, || async {
        name_on(&b, &id).await.is_some()
    })
    .await;
    let mut rev = a
        .app
        .get(&format!("/api/v1/things/{id}/history"))
        .await
        .json()["items"][0]
        .clone();
    rev["entity_id"] = json!(service::knowledge::new_id());
    rev["body"]["name"]["default"] = json!("Tampered");
    let announce = json!({
        "type": "Announce",
        "actor": format!("{}/federation/actor", a.url),
        "object": { "type": "RevisionBatch", "revisions": [rev] },
    });
    let body = announce.to_string();
    let (digest, sig) = signed(key, body.as_bytes(), &date);
    let headers = [
        ("host", host.as_str()),
        ("date", date.as_str()),
        ("digest", digest.as_str()),
        ("signature", sig.as_str()),
    ];
    let r = b
        .app
        .call_as(Method::POST, "/federation/inbox", Some(&announce), &headers)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.json()["error"]["code"], "revision_refused");
    let stale =
        federation::signature::http_date(std::time::SystemTime::now() - Duration::from_secs(3600));
    let (digest, sig) = signed(key, body.as_bytes(), &stale);
    let headers = [
        ("host", host.as_str()),
        ("date", stale.as_str()),
        ("digest", digest.as_str()),
        ("signature", sig.as_str()),
    ];
    let r = b
        .app
        .call_as(Method::POST, "/federation/inbox", Some(&announce), &headers)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
}

#[tokio::test]
async fn the_federation_and_moderation_pages_work_without_javascript() {
    let a = Node::start("Café A").await;
    let b = Node::start("Café B").await;
    let admin_page = |n: &Node| format!("{}/admin/federation", n.url);
    let r = a
        .app
        .form(
            "/sfn/federation_connect",
            &[("url", "ftp://nowhere")],
            &admin_page(&a),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let back = r.header("location");
    assert!(
        back.starts_with("/admin/federation?error=federation-error-url"),
        "{back}"
    );
    let page = a.app.page_as(&back, "de", Some(&a.app.cookie)).await;
    assert!(
        page.text.contains("Diese Adresse ist ungültig"),
        "{}",
        page.text
    );
    assert!(
        page.text.contains("value=\"ftp://nowhere\""),
        "the typed address is kept"
    );

    let r = a
        .app
        .form(
            "/sfn/federation_connect",
            &[("url", &b.url)],
            &admin_page(&a),
        )
        .await;
    assert_eq!(r.header("location"), "/admin/federation?done=1");
    let page = a
        .app
        .page_as("/admin/federation", "en", Some(&a.app.cookie))
        .await;
    assert!(
        page.text.contains("Café B") && page.text.contains("requested, waiting for them"),
        "{}",
        page.text
    );
    assert!(
        page.text
            .contains("http-signatures-ed25519, revisions-push"),
        "the peer's capabilities are shown: {}",
        page.text
    );
    eventually("the request reaches b", 10, || async {
        peer_of(&b, &a.url).await.is_some()
    })
    .await;
    let page = b
        .app
        .page_as("/admin/federation", "en", Some(&b.app.cookie))
        .await;
    assert!(page.text.contains("asks to connect"), "{}", page.text);
    let id = peer_of(&b, &a.url).await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = b
        .app
        .form(
            "/sfn/federation_answer",
            &[("id", &id), ("answer", "accept")],
            &admin_page(&b),
        )
        .await;
    assert_eq!(r.header("location"), "/admin/federation?done=1");
    eventually("a is connected", 10, || async {
        peer_of(&a, &b.url)
            .await
            .is_some_and(|p| p["state"] == "connected")
    })
    .await;

    let kettle = create(&a, "Kettle from A").await;
    eventually("the edit waits on b", 10, || async {
        b.app.get("/api/v1/federation/held").await.json()["total"] == 1
    })
    .await;
    let (expert, _) = b.app.user("erika", "expert").await;
    let page = b.app.page_as("/moderation", "de", Some(&expert)).await;
    assert!(
        page.text.contains("Moderationswarteschlange") && page.text.contains("Kettle from A"),
        "{}",
        page.text
    );
    let held = b.app.get("/api/v1/federation/held").await.json();
    let rev = held["items"][0]["revision"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = b
        .app
        .form_as(
            "/sfn/federation_review",
            &[("revision_id", &rev), ("decision", "accept")],
            &format!("{}/moderation", b.url),
            Some(&expert),
        )
        .await;
    assert_eq!(r.header("location"), "/moderation?done=1");
    assert_eq!(name_on(&b, &kettle).await.as_deref(), Some("Kettle from A"));
    let page = b.app.page_as("/moderation", "en", Some(&expert)).await;
    assert!(
        page.text.contains("Nothing is waiting for review"),
        "{}",
        page.text
    );

    let r = b
        .app
        .form(
            "/sfn/federation_trust",
            &[("id", &id), ("trust", "trusted")],
            &admin_page(&b),
        )
        .await;
    assert_eq!(r.header("location"), "/admin/federation?done=1");
    assert_eq!(peer_of(&b, &a.url).await.unwrap()["trust"], "trusted");
    let audit = b
        .app
        .page_as("/admin/audit?action=peer.trust", "en", Some(&b.app.cookie))
        .await;
    assert!(audit.text.contains("untrusted → trusted"), "{}", audit.text);
    let page = b.app.page_as("/moderation", "en", None).await;
    assert!(
        page.text.contains("Only experts"),
        "anonymous visitors are told who reviews"
    );
}

async fn things_on(n: &Node) -> i64 {
    n.app.get("/api/v1/things?limit=1").await.json()["total"]
        .as_i64()
        .unwrap()
}

async fn head_on(n: &Node, id: &str) -> Option<String> {
    let r = n.app.get(&format!("/api/v1/things/{id}")).await;
    (r.status == StatusCode::OK).then(|| r.json()["revision"].as_str().unwrap().to_string())
}

async fn edit(n: &Node, id: &str, change: impl FnOnce(&mut Value)) {
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

#[tokio::test]
async fn three_instances_relay_with_the_origin_signature_and_converge() {
    let a = Node::start("A").await;
    let b = Node::start("B").await;
    let c = Node::start("C").await;
    connect(&a, &b, "trusted", "trusted").await;
    connect(&b, &c, "trusted", "trusted").await;
    let id = create(&a, "Coffee grinder").await;
    eventually("a's thing is relayed to c through b", 15, || async {
        name_on(&c, &id).await.is_some()
    })
    .await;
    let history = history_on(&c, &id).await;
    let rev = &history[0];
    assert_eq!(rev["origin_instance"], a.url);
    let page = c.app.page(&format!("/things/{id}"), "en").await;
    assert!(page.text.contains("Shared by A."), "{}", page.text);
    assert!(
        page.text
            .contains(&format!("href=\"{}/things/{id}\"", a.url)),
        "the page links to the entry at its origin: {}",
        page.text
    );
    for shown in [
        "The current version was received from B:",
        "from a trusted peer",
    ] {
        assert!(page.text.contains(shown), "{shown}: {}", page.text);
    }
    let a_key = a.app.state.knowledge.public_key_hex();
    assert!(domain::revision::verify_signature(
        &a_key,
        rev["id"].as_str().unwrap().as_bytes(),
        rev["signature"].as_str().unwrap()
    ));

    // Concurrent edits of different fields on a and c merge everywhere to one head.
    edit(&a, &id, |b| {
        b["name"]["default"] = json!("Coffee grinder, burr")
    })
    .await;
    edit(&c, &id, |b| {
        b["description"] = json!({"default": "Conical burrs"})
    })
    .await;
    eventually("all three converge to one head", 20, || async {
        let (ha, hb, hc) = (
            head_on(&a, &id).await,
            head_on(&b, &id).await,
            head_on(&c, &id).await,
        );
        ha.is_some() && ha == hb && hb == hc
    })
    .await;
    for n in [&a, &b, &c] {
        let t = n.app.get(&format!("/api/v1/things/{id}")).await.json();
        assert_eq!(t["name"]["default"], "Coffee grinder, burr", "{}", n.url);
        assert_eq!(t["description"]["default"], "Conical burrs", "{}", n.url);
    }
    // Every revision names the entry by its origin's URI, also c's edit.
    let uri = format!("{}/things/{id}", a.url);
    let history = history_on(&c, &id).await;
    assert!(history.iter().any(|r| r["origin_instance"] == c.url));
    for r in &history {
        assert_eq!(r["entity_uri"], uri.as_str(), "{r}");
    }
    // Deleted on c and restored there, the entry still names a as its origin.
    let before = head_on(&c, &id).await.unwrap();
    let r = c
        .app
        .call(
            Method::DELETE,
            &format!("/api/v1/things/{id}"),
            None,
            &[("x-confirm-delete", "true")],
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    let r = c
        .app
        .call(
            Method::POST,
            &format!("/api/v1/things/{id}/revert"),
            Some(&json!({ "revision": before })),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let t = c.app.get(&format!("/api/v1/things/{id}")).await.json();
    assert_eq!(t["uri"], uri.as_str());
    let page = c.app.page(&format!("/things/{id}"), "en").await;
    assert!(page.text.contains("Shared by A."), "{}", page.text);

    // A fourth instance that b does not trust: its revisions wait on b and go no further.
    let d = Node::start("D").await;
    connect(&d, &b, "trusted", "untrusted").await;
    let spam = create(&d, "Unreviewed").await;
    eventually("d's thing waits on b", 10, || async {
        b.app.get("/api/v1/federation/held").await.json()["total"] == 1
    })
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(name_on(&b, &spam).await, None);
    assert_eq!(name_on(&c, &spam).await, None);
}

#[tokio::test]
async fn a_restarted_peer_gets_the_outbox_and_a_returning_one_catches_up_by_pull() {
    let a = Node::start("A").await;
    let mut b = Node::start("B").await;
    connect(&a, &b, "trusted", "trusted").await;
    b.kill().await;
    let during = create(&a, "Made while b was down").await;
    eventually("the delivery failed and waits", 10, || async {
        peer_of(&a, &b.url)
            .await
            .is_some_and(|p| p["last_error"].is_string())
    })
    .await;
    let b = b.restart().await;
    eventually("b has it after its restart", 20, || async {
        name_on(&b, &during).await.is_some()
    })
    .await;
    eventually("a's outbox drains", 20, || async {
        a.app.get("/health").await.json()["components"]["federation_worker"]["outbox"] == 0
    })
    .await;

    let mut c = Node::start("C").await;
    connect(&a, &c, "trusted", "trusted").await;
    c.kill().await;
    let items: Vec<(String, Value)> = (0..1000)
        .map(|i| {
            (
                service::knowledge::new_id(),
                thing(&format!("Batch thing {i}")),
            )
        })
        .collect();
    let ids: Vec<String> = items.iter().map(|(id, _)| id.clone()).collect();
    a.app
        .state
        .knowledge
        .create_many(domain::EntityKind::Thing, items, "batch")
        .await
        .unwrap();
    let c = c.restart().await;
    let on_a = things_on(&a).await;
    eventually("c catches up with all 1,000", 60, || async {
        things_on(&c).await == on_a
    })
    .await;
    for id in [&ids[0], &ids[499], &ids[999]] {
        assert!(name_on(&c, id).await.is_some());
    }
    // Counted, not read off the log's sequence: PostgreSQL sequences skip numbers.
    let ra = a
        .app
        .state
        .knowledge
        .counts()
        .await
        .map_or(-1, |n| n.revisions);
    let rc = c
        .app
        .state
        .knowledge
        .counts()
        .await
        .map_or(-2, |n| n.revisions);
    assert_eq!(rc, ra, "nothing is lost or duplicated");
}

/// Posts `body` to `to`'s inbox signed with `from`'s key, past both instances' own
/// workers.
async fn post_signed(from: &Node, to: &Node, body: String) -> crate::common::Reply {
    let host = to.url.trim_start_matches("http://").to_string();
    let date = federation::signature::http_date(std::time::SystemTime::now());
    let digest = federation::signature::digest(body.as_bytes());
    let parts = federation::signature::RequestParts {
        method: "POST",
        target: "/federation/inbox",
        host: &host,
        date: &date,
        digest: Some(&digest),
    };
    let sig = federation::signature::sign(
        from.app.state.knowledge.key(),
        &format!("{}/federation/actor#main-key", from.url),
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
async fn announce_raw(from: &Node, to: &Node, batch: Vec<Value>) -> crate::common::Reply {
    let activity = json!({
        "type": "Announce",
        "actor": format!("{}/federation/actor", from.url),
        "object": { "type": "RevisionBatch", "revisions": batch },
    });
    post_signed(from, to, activity.to_string()).await
}

/// Announces a batch that `to` must accept; what it made of it.
async fn announce(from: &Node, to: &Node, batch: Vec<Value>) -> Value {
    let r = announce_raw(from, to, batch).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    r.json()
}

async fn history_on(n: &Node, id: &str) -> Vec<Value> {
    n.app
        .get(&format!("/api/v1/things/{id}/history"))
        .await
        .json()["items"]
        .as_array()
        .cloned()
        .unwrap()
}

#[tokio::test]
async fn duplicated_and_reordered_deliveries_converge() {
    let a = Node::start("A").await;
    let b = Node::start("B").await;
    connect(&a, &b, "trusted", "trusted").await;
    // Stop b's own pulls and a's pushes from doing the work: post by hand, signed by a.
    trust(&a, &b.url, "blocked").await;
    let id = create(&a, "Vacuum").await;
    edit(&a, &id, |t| t["name"]["default"] = json!("Vacuum cleaner")).await;
    edit(&a, &id, |t| {
        t["description"] = json!({"default": "Bagless"})
    })
    .await;
    let revs = history_on(&a, &id).await;
    assert_eq!(revs.len(), 3);
    let r = announce(&a, &b, vec![revs[2].clone()]).await;
    assert_eq!(r["waiting"], 1, "a revision without its parents waits: {r}");
    announce(&a, &b, vec![revs[0].clone(), revs[0].clone()]).await;
    announce(
        &a,
        &b,
        vec![revs[1].clone(), revs[2].clone(), revs[1].clone()],
    )
    .await;
    let again = announce(&a, &b, revs.clone()).await;
    assert_eq!(again["known"], 3, "{again}");
    assert_eq!(head_on(&b, &id).await, head_on(&a, &id).await);
    assert_eq!(
        history_on(&b, &id).await.len(),
        3,
        "each revision stored once"
    );
    let t = b.app.get(&format!("/api/v1/things/{id}")).await.json();
    assert_eq!(t["description"]["default"], "Bagless");
}

#[tokio::test]
async fn revisions_signed_by_the_wrong_key_and_oversized_bodies_are_refused() {
    let a = Node::start("A").await;
    let b = Node::start("B").await;
    connect(&a, &b, "trusted", "trusted").await;
    trust(&a, &b.url, "blocked").await;
    // A revision that claims a's origin but carries another key's signature.
    let forger = domain::revision::InstanceKey::generate().unwrap();
    let draft = domain::revision::RevisionDraft {
        entity_uri: format!("{}/things/x", a.url),
        entity_kind: domain::EntityKind::Thing,
        entity_id: service::knowledge::new_id(),
        parents: vec![],
        body: thing("Forged"),
        author: "mallory".into(),
        origin_instance: a.url.clone(),
        created_at: domain::revision::now_rfc3339(),
        op: domain::revision::Op::Create,
    };
    let rev = draft.sign(&forger);
    // What comes before a refused revision in its batch is kept.
    let genuine = |name: &str| {
        let id = service::knowledge::new_id();
        domain::revision::RevisionDraft {
            entity_uri: format!("{}/things/{id}", a.url),
            entity_kind: domain::EntityKind::Thing,
            entity_id: id,
            parents: vec![],
            body: thing(name),
            author: "mia".into(),
            origin_instance: a.url.clone(),
            created_at: domain::revision::now_rfc3339(),
            op: domain::revision::Op::Create,
        }
        .sign(a.app.state.knowledge.key())
    };
    let first = genuine("Genuine one");
    let r = announce_raw(&a, &b, vec![json!(first), json!(rev)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("signature"), "{}", r.text);
    assert_eq!(name_on(&b, &rev.entity_id).await, None);
    assert_eq!(
        name_on(&b, &first.entity_id).await.as_deref(),
        Some("Genuine one")
    );
    // Signed by a, but dressed up as an entry of another instance.
    let entity_id = service::knowledge::new_id();
    let posing = domain::revision::RevisionDraft {
        entity_uri: format!("https://trusted.example/things/{entity_id}"),
        entity_kind: domain::EntityKind::Thing,
        entity_id,
        parents: vec![],
        body: thing("Posing"),
        author: "mallory".into(),
        origin_instance: a.url.clone(),
        created_at: domain::revision::now_rfc3339(),
        op: domain::revision::Op::Create,
    }
    .sign(a.app.state.knowledge.key());
    let second = genuine("Genuine two");
    let r = announce_raw(&a, &b, vec![json!(second), json!(posing)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("revision_uri_mismatch"), "{}", r.text);
    assert_eq!(name_on(&b, &posing.entity_id).await, None);
    assert_eq!(
        name_on(&b, &second.entity_id).await.as_deref(),
        Some("Genuine two")
    );
    let huge = format!(
        "{{\"type\":\"Announce\",\"pad\":\"{}\"}}",
        "x".repeat(9 * 1024 * 1024)
    );
    let r = post_signed(&a, &b, huge).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text);
}

#[tokio::test]
async fn a_conflict_with_a_preferred_peer_is_settled_on_its_side() {
    let a = Node::start("A").await;
    let b = Node::start("B").await;
    connect(&a, &b, "trusted", "preferred").await;
    // a blocks b, so nothing flows by itself: b gets a's revisions only as posted here.
    trust(&a, &b.url, "blocked").await;
    let mut ids = Vec::new();
    for name in ["Kettle", "Toaster"] {
        let id = create(&a, name).await;
        announce(&a, &b, history_on(&a, &id).await).await;
        assert_eq!(name_on(&b, &id).await.as_deref(), Some(name));
        edit(&a, &id, |t| {
            t["name"]["default"] = json!(format!("{name} from A"))
        })
        .await;
        edit(&b, &id, |t| {
            t["name"]["default"] = json!(format!("{name} from B"));
            t["description"] = json!({"default": "Edited on B"});
        })
        .await;
        ids.push(id);
    }

    // Preferred: a's side wins the field both changed; b's other change stays.
    let (kettle, toaster) = (&ids[0], &ids[1]);
    announce(&a, &b, history_on(&a, kettle).await).await;
    let t = b.app.get(&format!("/api/v1/things/{kettle}")).await.json();
    assert_eq!(t["name"]["default"], "Kettle from A", "{t}");
    assert_eq!(t["description"]["default"], "Edited on B", "{t}");
    let conflicts = b.app.get("/api/v1/conflicts").await.json();
    assert_eq!(conflicts["total"], 0, "{conflicts}");
    let history = history_on(&b, kettle).await;
    let last = history.last().cloned().unwrap();
    assert_eq!(
        last["author"],
        service::knowledge::PREFERRED_AUTHOR,
        "{last}"
    );
    assert_eq!(last["parents"].as_array().map(Vec::len), Some(2), "{last}");
    let audit = b
        .app
        .page_as(
            "/admin/audit?action=conflict.resolve",
            "en",
            Some(&b.app.cookie),
        )
        .await;
    assert!(
        audit.text.contains(service::knowledge::PREFERRED_AUTHOR),
        "{}",
        audit.text
    );

    // Only trusted: the same situation waits for an expert.
    trust(&b, &a.url, "trusted").await;
    announce(&a, &b, history_on(&a, toaster).await).await;
    let conflicts = b.app.get("/api/v1/conflicts").await.json();
    assert_eq!(conflicts["total"], 1, "{conflicts}");
    assert_eq!(conflicts["items"][0]["entity_id"], json!(toaster));
}
