//! Exchanging revisions among three and more instances: relays, restarts, duplicates,
//! forged or oversized batches, and the preferred peer's side of a conflict.

use super::*;
use crate::common::{thing, Node};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::{Connection, Executor};
use std::time::Duration;

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
    converged(&[&a, &b, &c], &id, "all three converge to one head").await;
    for n in [&a, &b, &c] {
        let t = n.app.get(&format!("/api/v1/things/{id}")).await.json();
        assert_eq!(t["name"]["default"], "Coffee grinder, burr", "{}", n.url);
        assert_eq!(t["description"]["default"], "Conical burrs", "{}", n.url);
        // The German name was made from the original before a's edit: outdated on every
        // instance, and on each one's German translation queue.
        assert_eq!(
            t["translation_states"]["name"]["de"], "outdated",
            "{}",
            n.url
        );
        let queue = n.app.get("/api/v1/translations/queue?lang=de").await.json();
        let listed = queue["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id.as_str())
            .cloned();
        assert_eq!(
            listed.map(|i| i["outdated"].clone()),
            Some(json!(["name"])),
            "{}",
            n.url
        );
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

    // Every instance verifies its whole log, received and relayed revisions included,
    // each against its origin's key; a tampered signature on c is caught.
    converged(&[&a, &b, &c], &id, "the restore reaches a and b").await;
    for n in [&a, &b, &c] {
        let report = n.app.state.knowledge.verify().await.unwrap();
        assert!(
            report.problems.is_empty(),
            "{}: {:?}",
            n.url,
            report.problems
        );
        assert!(report.revisions >= 4, "{}: {report:?}", n.url);
    }
    let first = history[0]["id"].as_str().unwrap();
    let forged = history
        .iter()
        .find(|r| r["origin_instance"] == c.url)
        .unwrap()["signature"]
        .as_str()
        .unwrap();
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&c.app.settings.database_url())
        .await
        .unwrap();
    conn.execute(
        format!("UPDATE revisions SET signature = '{forged}' WHERE id = '{first}'").as_str(),
    )
    .await
    .unwrap();
    let report = c.app.state.knowledge.verify().await.unwrap();
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(
        report.problems[0].contains(&format!("signature does not verify with {}'s key", a.url)),
        "{:?}",
        report.problems
    );

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
    // The same new revision delivered twice at once (two different requests, so not a
    // replay) is stored and counted once.
    edit(&a, &id, |t| t["identifier"] = json!("thing:vacuum")).await;
    let newest = history_on(&a, &id).await.pop().unwrap();
    let (x, y) = tokio::join!(
        announce(&a, &b, vec![newest.clone()]),
        announce(&a, &b, vec![newest.clone(), newest.clone()])
    );
    assert_eq!(
        x["stored"].as_i64().unwrap() + y["stored"].as_i64().unwrap(),
        1,
        "{x} {y}"
    );
    let peers = b.app.get("/api/v1/federation/peers").await.json();
    let from_a = peers["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["url"] == a.url.as_str())
        .unwrap()
        .clone();
    assert_eq!(from_a["revisions_in"], 4, "{from_a}");
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
