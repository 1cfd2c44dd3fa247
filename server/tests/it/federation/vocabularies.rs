//! Vocabulary terms across instances: a thing type an admin adds on one instance
//! travels ahead of the things that use it, so a peer shows both by the term's name and
//! its own editors may then choose the type too.

use super::{connect, eventually, name_on};
use crate::common::{thing, Node};
use axum::http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn an_added_type_travels_with_the_things_that_use_it() {
    let a = Node::start("A").await;
    let b = Node::start("B").await;
    connect(&a, &b, "trusted", "trusted").await;
    let r = a
        .app
        .post(
            "/api/v1/vocabularies/thing-types",
            &json!({"key": "e_bike", "name": {"default": "E-bike", "translations": {"de": "E-Bike"}}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let mut bike = thing("Cargo bike");
    bike["type"] = json!("e_bike");
    let r = a.app.post("/api/v1/things", &bike).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let bike = r.json()["id"].as_str().unwrap().to_string();
    eventually("the thing reaches b", 15, || async {
        name_on(&b, &bike).await.is_some()
    })
    .await;
    let types = b.app.get("/api/v1/vocabularies/thing-types").await.json();
    assert_eq!(types["terms"][0]["key"], json!("e_bike"), "{types}");
    let page = b.app.page("/vocabularies/thing-types", "de").await;
    assert!(page.text.contains("E-Bike"), "{}", page.text);
    let mut own = thing("Folding e-bike");
    own["type"] = json!("e_bike");
    let r = b.app.post("/api/v1/things", &own).await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "b's editors may choose it: {}",
        r.text
    );
}
