//! Free tags: written in one spelling, listed with counts and suggested by prefix,
//! filtering lists, shown on entry pages, and renamed (or merged) everywhere by
//! moderators through the API and the tag page without JavaScript.

use crate::common::{thing, TestApp};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

async fn tagged(app: &TestApp, name: &str, tags: Value) -> String {
    let mut t = thing(name);
    t["tags"] = tags;
    let r = app.post("/api/v1/things", &t).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn tags_have_one_spelling_counts_and_suggestions() {
    let app = TestApp::new().await;
    let kettle = tagged(
        &app,
        "Kettle",
        json!(["Descaling ", "descaling", "Heating  Element"]),
    )
    .await;
    tagged(&app, "Coffee maker", json!(["descaling", "pump"])).await;
    let story = json!({
        "type": "repair", "thing_id": kettle, "tags": ["Descaling"],
        "title": {"default": "Descale with citric acid"},
        "procedure": [{"order": 1, "description": {"default": "Boil, wait, rinse"}}]
    });
    let r = app.post("/api/v1/stories", &story).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);

    let body = app.get(&format!("/api/v1/things/{kettle}")).await.json();
    assert_eq!(body["tags"], json!(["descaling", "heating element"]));
    let r = app.get("/api/v1/tags").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        r.json()["items"][0],
        json!({"tag": "descaling", "count": 3})
    );
    let r = app.get("/api/v1/tags?prefix=HE").await;
    assert_eq!(
        r.json()["items"],
        json!([{"tag": "heating element", "count": 1}])
    );
    let r = app.get("/api/v1/tags?prefix=%25").await;
    assert_eq!(r.json()["items"], json!([]), "a wildcard matches itself");
    let long = "x".repeat(51);
    for bad in [
        "/api/v1/tags?limit=0".to_string(),
        "/api/v1/tags?sort=x".to_string(),
        format!("/api/v1/tags?prefix={long}"),
        format!("/api/v1/things?tag={long}"),
    ] {
        assert_eq!(app.get(&bad).await.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    let r = app.get("/api/v1/things?tag=Descaling").await;
    assert_eq!(r.json()["total"], json!(2), "{}", r.text);
    let r = app.get("/api/v1/stories?tag=descaling").await;
    assert_eq!(r.json()["total"], json!(1), "{}", r.text);

    // Search finds entries by their tags and counts them in the tag facet.
    app.indexed().await;
    let found = crate::search::search(&app, "tag=descaling").await;
    assert_eq!(found["total"], json!(3), "{found}");
    assert_eq!(
        crate::search::facet_count(&found, "tag", "heating element"),
        Some(1)
    );
    let found = crate::search::search(&app, "q=heating%20element").await;
    assert_eq!(crate::search::ids(&found), [kettle.as_str()]);

    // What is no tag is refused with a reason.
    let mut bad = thing("Bad");
    bad["tags"] = json!(["a, b"]);
    let r = app.post("/api/v1/things", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("invalid_tag"), "{}", r.text);

    // Hiding an entry takes its tags out of the counts.
    let r = app
        .post(
            &format!("/api/v1/things/{kettle}/hide"),
            &json!({"reason": "test"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = app.get("/api/v1/tags?prefix=descaling").await;
    assert_eq!(r.json()["items"][0]["count"], json!(2));

    let page = app.page("/tags", "de").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Schlagwörter"), "{}", page.text);
    assert!(page.text.contains("href=\"/tags/descaling\""));
    let page = app.page("/tags/heating%20element", "en").await;
    assert!(page.text.contains("Tag: heating element"), "{}", page.text);
}

#[tokio::test]
async fn the_form_suggests_tags_and_keeps_them_without_javascript() {
    let app = TestApp::new().await;
    tagged(&app, "Kettle", json!(["descaling"])).await;
    let form = app.page_as("/things/new", "en", Some(&app.cookie)).await;
    assert!(
        form.text.contains("<option value=\"descaling\">"),
        "{}",
        form.text
    );
    assert!(form.text.contains("list=\"known-tags\""));
    let r = app
        .form(
            "/sfn/save",
            &[
                ("kind", "thing"),
                ("f[type]", "device"),
                ("f[name.default]", "Toaster"),
                ("f[manufacturer.name]", "ACME"),
                ("f[tags.0]", "Crumb Tray"),
                ("f[tags.1]", ""),
                ("f[tags.2]", "a;b"),
                ("f[intent]", "save"),
            ],
            "http://td.test/things/new",
        )
        .await;
    let location = r.header("location");
    assert!(location.contains("draft="), "refused: {location}");
    let again = app.page_as(&location, "en", Some(&app.cookie)).await;
    assert!(again.text.contains("value=\"a;b\""), "kept as typed");
    assert!(again.text.contains("without commas"), "{}", again.text);
    let r = app
        .form(
            "/sfn/save",
            &[
                ("kind", "thing"),
                ("f[type]", "device"),
                ("f[name.default]", "Toaster"),
                ("f[manufacturer.name]", "ACME"),
                ("f[tags.0]", "Crumb Tray"),
                ("f[intent]", "save"),
            ],
            "http://td.test/things/new",
        )
        .await;
    let location = r.header("location");
    assert!(location.starts_with("/things/"), "{location}");
    let page = app.page(&location, "en").await;
    assert!(
        page.text.contains("href=\"/tags/crumb%20tray\""),
        "{}",
        page.text
    );
}

#[tokio::test]
async fn moderators_rename_and_merge_tags_everywhere() {
    let app = TestApp::new().await;
    let a = tagged(&app, "Kettle", json!(["calc", "descaling"])).await;
    let b = tagged(&app, "Iron", json!(["calc"])).await;
    let (_, expert) = app.user("edda", "expert").await;
    let r = app
        .call_as(
            Method::POST,
            "/api/v1/tags/rename",
            Some(&json!({"from": "calc", "to": "limescale"})),
            &[("authorization", &format!("Bearer {expert}"))],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    for body in [
        json!({"from": "calc"}),
        json!({"from": "calc", "to": 3}),
        json!({"from": "calc", "to": "x", "y": 1}),
    ] {
        let r = app.post("/api/v1/tags/rename", &body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}");
    }
    let r = app
        .post("/api/v1/tags/rename", &json!({"from": "calc", "to": "a,b"}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);

    // Merging into a tag in use: the kettle carries "descaling" once.
    let r = app
        .post(
            "/api/v1/tags/rename",
            &json!({"from": "Calc", "to": "descaling"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json(), json!({"renamed": 2, "left": 0}));
    let kettle = app.get(&format!("/api/v1/things/{a}")).await.json();
    assert_eq!(kettle["tags"], json!(["descaling"]));
    let iron = app.get(&format!("/api/v1/things/{b}")).await.json();
    assert_eq!(iron["tags"], json!(["descaling"]));
    let history = app.get(&format!("/api/v1/things/{b}/history")).await.json();
    assert_eq!(history["items"].as_array().unwrap().len(), 2, "a revision");
    assert_eq!(
        app.get("/api/v1/tags").await.json()["items"],
        json!([{"tag": "descaling", "count": 2}])
    );

    // The tag page's form, without JavaScript.
    let page = app
        .page_as("/tags/descaling", "en", Some(&app.cookie))
        .await;
    assert!(page.text.contains("Rename this tag"), "{}", page.text);
    assert!(page.text.contains("Iron"));
    let public = app.page("/tags/descaling", "en").await;
    assert!(!public.text.contains("Rename this tag"));
    let r = app
        .form(
            "/sfn/rename_tag",
            &[("from", "descaling"), ("to", "Limescale Removal")],
            "http://td.test/tags/descaling",
        )
        .await;
    assert_eq!(
        r.header("location"),
        "/tags/limescale%20removal?renamed=2&left=0"
    );
    let page = app
        .page("/tags/limescale%20removal?renamed=2&left=0", "en")
        .await;
    assert!(page.text.contains("Renamed on 2 entries"), "{}", page.text);
    let r = app
        .form(
            "/sfn/rename_tag",
            &[("from", "limescale removal"), ("to", ";")],
            "http://td.test/tags/limescale%20removal",
        )
        .await;
    assert_eq!(
        r.header("location"),
        "/tags/limescale%20removal?rename_error=tag"
    );
}
