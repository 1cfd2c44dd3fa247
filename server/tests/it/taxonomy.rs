//! The category taxonomy: the seeded Open Repair Data Standard categories, filing
//! entries, counting and filtering with descendants, cycles refused, and the pages.

use crate::common::{taxonomy_seed, thing, TestApp};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

/// The id of the seeded category with this English name.
async fn category(app: &TestApp, english: &str) -> String {
    let all = app.get("/api/v1/categories?limit=200").await.json();
    all["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"]["default"] == english)
        .unwrap_or_else(|| panic!("no category {english}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn the_ords_categories_are_seeded_once_with_translations() {
    let app = TestApp::new().await;
    let seeded = taxonomy_seed()["categories"].as_array().unwrap().len();
    let all = app.get("/api/v1/categories?limit=200").await.json();
    assert_eq!(all["total"], json!(seeded));
    let coffee = app.get("/api/v1/categories?ords_id=36").await.json();
    assert_eq!(coffee["total"], json!(1), "{coffee}");
    let c = &coffee["items"][0];
    assert_eq!(c["name"]["default"], json!("Coffee Maker"));
    assert_eq!(c["name"]["translations"]["de"], json!("Kaffeemaschine"));
    assert_eq!(c["parents"].as_array().map(Vec::len), Some(2), "{c}");
    // Every one of the standard's 40 ids is there.
    for n in 1..=40 {
        let r = app.get(&format!("/api/v1/categories?ords_id={n}")).await;
        assert_eq!(r.json()["total"], json!(1), "ORDS {n}");
    }
    // A second start does not seed again.
    let app = app.restart().await;
    assert_eq!(app.state.knowledge.seed_taxonomy().await.unwrap(), 0);
    let again = app.get("/api/v1/categories?limit=200").await.json();
    assert_eq!(again["total"], json!(seeded));
}

#[tokio::test]
async fn entries_filed_below_a_category_count_once_and_filter_with_descendants() {
    let app = TestApp::new().await;
    let coffee = category(&app, "Coffee Maker").await;
    let kitchen = category(&app, "Small kitchen item").await;
    let household = category(&app, "Household appliances").await;
    let laptop = category(&app, "Laptop").await;
    let mut senseo = thing("Senseo");
    senseo["categories"] = json!([coffee]);
    let r = app.post("/api/v1/things", &senseo).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let mut thinkpad = thing("ThinkPad");
    thinkpad["categories"] = json!([laptop]);
    assert_eq!(
        app.post("/api/v1/things", &thinkpad).await.status,
        StatusCode::CREATED
    );

    // Coffee makers sit under two categories that both sit under household
    // appliances: the Senseo is counted once there.
    for (cat, n) in [(&coffee, 1), (&kitchen, 1), (&household, 1), (&laptop, 1)] {
        let r = app.get(&format!("/api/v1/things?category={cat}")).await;
        assert_eq!(r.json()["total"], json!(n), "{cat}: {}", r.text);
    }
    let r = app
        .get(&format!("/api/v1/things?category={household}"))
        .await;
    assert_eq!(r.json()["items"][0]["name"]["default"], json!("Senseo"));

    let tree = app.page("/categories", "de").await;
    assert_eq!(tree.status, StatusCode::OK);
    assert!(tree.text.contains("Haushaltsgeräte"), "{}", tree.text);
    assert!(tree.text.contains("Kaffeemaschine"));
    let page = app.page(&format!("/categories/{household}"), "en").await;
    assert!(page.text.contains("Senseo"), "{}", page.text);
    assert!(page.text.contains("Small kitchen item"));
    let thing_page = app
        .page(
            &format!(
                "/things/{}",
                app.get(&format!("/api/v1/things?category={coffee}"))
                    .await
                    .json()["items"][0]["id"]
                    .as_str()
                    .unwrap()
            ),
            "fr",
        )
        .await;
    assert!(thing_page.text.contains("Cafetière"), "{}", thing_page.text);
}

#[tokio::test]
async fn cycles_and_unknown_categories_are_refused_with_a_reason() {
    let app = TestApp::new().await;
    let coffee = category(&app, "Coffee Maker").await;
    let household = category(&app, "Household appliances").await;
    let current = app.get(&format!("/api/v1/categories/{household}")).await;
    let mut body: Value = current.json();
    body["parents"] = json!([coffee]);
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/categories/{household}"),
            Some(&body),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("category_cycle"), "{}", r.text);
    assert!(
        r.text.contains("Coffee Maker is already below"),
        "{}",
        r.text
    );

    let mut kettle = thing("Kettle X");
    kettle["categories"] = json!(["01a242a2-2f29-73d8-b285-ee5499a75bac", "kettles"]);
    let r = app.post("/api/v1/things", &kettle).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("categories.0"), "{}", r.text);
    assert!(r.text.contains("categories.1"), "{}", r.text);
}

#[tokio::test]
async fn the_form_files_an_entry_under_ticked_categories_without_javascript() {
    let app = TestApp::new().await;
    let kettle = category(&app, "Kettle").await;
    let form = app.page("/things/new", "en").await;
    assert!(
        form.text
            .contains(&format!("name=\"f[categories.pick.{kettle}]\"")),
        "{}",
        form.text
    );
    let r = app
        .form(
            "/sfn/save",
            &[
                ("kind", "thing"),
                ("f[type]", "device"),
                ("f[name.default]", "Bosch TWK"),
                ("f[manufacturer.name]", "Bosch"),
                ("f[categories.shown]", "1"),
                (&format!("f[categories.pick.{kettle}]"), "on"),
                ("f[intent]", "save"),
            ],
            "http://td.test/things/new",
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    assert!(
        r.header("location").starts_with("/things/"),
        "{}",
        r.header("location")
    );
    let listed = app
        .get(&format!("/api/v1/things?category={kettle}"))
        .await
        .json();
    assert_eq!(listed["items"][0]["name"]["default"], json!("Bosch TWK"));

    // A subcategory made from the category's page starts under it.
    let new = app
        .page(&format!("/categories/new?parents={kettle}"), "en")
        .await;
    let at = new
        .text
        .find(&format!("id=\"parents-{kettle}\""))
        .expect("the parent's checkbox");
    let tag = &new.text[new.text[..at].rfind('<').unwrap()..at + new.text[at..].find('>').unwrap()];
    assert!(tag.contains("checked"), "{tag}");
}
