//! Connecting instances: their documents, trust levels, blocking, signed requests,
//! and the federation and moderation pages.

use super::*;
use crate::common::{thing, Node};
use axum::http::{Method, StatusCode};
use serde_json::json;
use std::time::Duration;

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
    // The delivery that stored a revision counts it just after storing it, so on a
    // busy machine the count can trail what is already readable.
    eventually("b counts the 3 revisions it took in", 10, || async {
        let pb = peer_of(&b, &a.url).await.unwrap();
        pb["revisions_in"].as_i64().unwrap_or(0) >= 3
    })
    .await;
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
    let from_a = peer_of(&b, &a.url).await.unwrap();
    assert_eq!(
        from_a["revisions_in"], 2,
        "both held revisions were received, and accepting one does not count it again: {from_a}"
    );
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

    // An address where nothing answers is the admin's mistake: a 4xx, and no peer kept.
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent = format!("http://{}", free.local_addr().unwrap());
    drop(free);
    let r = a
        .app
        .post("/api/v1/federation/peers", &json!({ "url": silent }))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.json()["error"]["code"], "peer_unreachable", "{}", r.text);
    assert!(peer_of(&a, &silent).await.is_none());

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
    let date = federation::signature::http_date(std::time::SystemTime::now());
    let r = post_signed_as(&a.url, &forger, &b, follow.to_string(), &date).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);

    // Properly signed by a, accepted once; the same request again is a replay.
    let key = a.app.state.knowledge.key();
    let r = post_signed_as(&a.url, key, &b, follow.to_string(), &date).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let r = post_signed_as(&a.url, key, &b, follow.to_string(), &date).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
    assert_eq!(r.json()["error"]["code"], "replay");

    // An activity the inbox does not know, properly signed: a 400 that names it.
    let delete = json!({ "type": "Delete", "actor": format!("{}/federation/actor", a.url) });
    let r = post_signed_as(&a.url, key, &b, delete.to_string(), &date).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert_eq!(r.json()["error"]["code"], "bad_activity");
    assert!(r.text.contains("Delete"), "{}", r.text);

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
    let r = post_signed_as(&a.url, key, &b, announce.to_string(), &date).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.json()["error"]["code"], "revision_refused");
    let stale =
        federation::signature::http_date(std::time::SystemTime::now() - Duration::from_secs(3600));
    let r = post_signed_as(&a.url, key, &b, announce.to_string(), &stale).await;
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

    // b does not take requests from private addresses for now: it cannot check a's key,
    // answers 401, and a's admin is told so and can send the request again.
    let set_private = |n: &Node, allow: bool| {
        let mut settings = n.app.state.instance.get();
        settings.allow_private_peers = allow;
        let instance = n.app.state.instance.clone();
        async move { instance.save(settings, "tests", "").await.unwrap() }
    };
    let (to_b, referer) = ([("url", b.url.as_str())], admin_page(&a));
    let request = || a.app.form("/sfn/federation_connect", &to_b, &referer);
    set_private(&b, false).await;
    let back = request().await.header("location");
    assert!(
        back.starts_with("/admin/federation?error=federation-error-not-delivered"),
        "{back}"
    );
    let page = a.app.page_as(&back, "en", Some(&a.app.cookie)).await;
    for shown in [
        "did not take the connection request",
        "401",
        "request not delivered",
        "Send the request again",
    ] {
        assert!(page.text.contains(shown), "{shown}: {}", page.text);
    }
    assert!(!page.text.contains("Saved."), "{}", page.text);
    set_private(&b, true).await;
    assert_eq!(
        request().await.header("location"),
        "/admin/federation?done=1"
    );
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
