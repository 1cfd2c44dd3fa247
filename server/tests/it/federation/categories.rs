//! Categories across instances: the seeded taxonomy is the same entries everywhere, so
//! an edit of a seeded category applies on a peer; a category made on one instance
//! travels and files things on another.

use super::{connect, eventually, name_on};
use crate::common::{thing, Node};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

async fn category_named(n: &Node, english: &str) -> Option<Value> {
    let all = n.app.get("/api/v1/categories?limit=200").await.json();
    all["items"]
        .as_array()?
        .iter()
        .find(|c| c["name"]["default"] == english)
        .cloned()
}

#[tokio::test]
async fn seeded_categories_are_shared_and_new_ones_travel() {
    let a = Node::start("A").await;
    let b = Node::start("B").await;
    let kettle_a = category_named(&a, "Kettle").await.unwrap();
    let kettle_b = category_named(&b, "Kettle").await.unwrap();
    assert_eq!(kettle_a["id"], kettle_b["id"], "one id on every instance");
    assert_eq!(
        kettle_a["revision"], kettle_b["revision"],
        "one revision too"
    );
    let kettle = kettle_a["id"].as_str().unwrap().to_string();
    connect(&a, &b, "trusted", "trusted").await;

    // An expert on a adds a German synonym to the seeded Kettle; b takes the edit.
    let mut body = kettle_a.clone();
    body["synonyms"]["translations"]["de"] = json!("Wasserkocher, Teekessel");
    let r = a
        .app
        .call(
            Method::PUT,
            &format!("/api/v1/categories/{kettle}"),
            Some(&body),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    eventually("the synonym reaches b", 15, || async {
        let c = b
            .app
            .get(&format!("/api/v1/categories/{kettle}"))
            .await
            .json();
        c["synonyms"]["translations"]["de"] == "Wasserkocher, Teekessel"
    })
    .await;

    // A category made on a, under the seeded Kettle, files a thing made on b.
    let r = a
        .app
        .post(
            "/api/v1/categories",
            &json!({"name": {"default": "Gooseneck kettle"}, "parents": [kettle]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let gooseneck = r.json()["id"].as_str().unwrap().to_string();
    eventually("the new category reaches b", 15, || async {
        b.app
            .get(&format!("/api/v1/categories/{gooseneck}"))
            .await
            .status
            == StatusCode::OK
    })
    .await;
    let mut pour = thing("Pour-over kettle");
    pour["categories"] = json!([gooseneck]);
    let r = b.app.post("/api/v1/things", &pour).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let pour = r.json()["id"].as_str().unwrap().to_string();
    eventually("b's thing reaches a", 15, || async {
        name_on(&a, &pour).await.is_some()
    })
    .await;
    // On a it is under the category and counts below the seeded Kettle.
    let under = a
        .app
        .get(&format!("/api/v1/things?category={kettle}"))
        .await
        .json();
    assert_eq!(under["items"][0]["id"], json!(pour), "{under}");
    let page = a.app.page(&format!("/things/{pour}"), "en").await;
    assert!(
        page.text.contains("Gooseneck kettle"),
        "the thing's page names its category"
    );

    // Seeded revisions are computed, never sent: one claiming to be seeded is refused.
    let forger = domain::revision::InstanceKey::generate().unwrap();
    let id = service::knowledge::seed_category_id("forged");
    let forged = domain::revision::RevisionDraft {
        entity_uri: format!("thingdata:seed/categories/{id}"),
        entity_kind: domain::EntityKind::Category,
        entity_id: id,
        parents: vec![],
        body: json!({"name": {"default": "Forged"}}),
        author: "thingdata".into(),
        origin_instance: service::knowledge::SEED_ORIGIN.into(),
        created_at: domain::revision::now_rfc3339(),
        op: domain::revision::Op::Create,
    }
    .sign(&forger);
    let r = super::announce_raw(&b, &a, vec![json!(forged)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("computed by each instance"), "{}", r.text);
}
