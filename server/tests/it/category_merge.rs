//! Merging a category into another: entries and subcategories move, the old id stays
//! an alias (its page says where it went, filters and new entries naming it land on the
//! new one), bad targets are refused with a reason, and the page form works without
//! JavaScript for experts only.

use crate::common::{thing, TestApp};
use crate::taxonomy::category;
use axum::http::{Method, StatusCode};
use serde_json::json;

async fn created(app: &TestApp, path: &str, body: serde_json::Value) -> String {
    let r = app.post(path, &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_merged_category_moves_its_entries_and_stays_an_alias() {
    let app = TestApp::new().await;
    let kettle = category(&app, "Kettle").await;
    let household = category(&app, "Household appliances").await;
    let old = created(
        &app,
        "/api/v1/categories",
        json!({"name": {"default": "Water boilers"}, "parents": [household]}),
    )
    .await;
    let child = created(
        &app,
        "/api/v1/categories",
        json!({"name": {"default": "Travel boilers"}, "parents": [old]}),
    )
    .await;
    let mut k1 = thing("Boiler B1");
    k1["categories"] = json!([old, kettle]);
    let k1 = created(&app, "/api/v1/things", k1).await;

    // Refused: itself, one below it, an unknown one, a bad body, a member.
    for (into, code) in [(&old, "merge_target"), (&child, "merge_target")] {
        let r = app
            .post(
                &format!("/api/v1/categories/{old}/merge"),
                &json!({"into": into}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert!(r.text.contains(code), "{}", r.text);
    }
    let unknown = "01930000-0000-7000-8000-000000000999";
    let r = app
        .post(
            &format!("/api/v1/categories/{old}/merge"),
            &json!({"into": unknown}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let r = app
        .post(
            &format!("/api/v1/categories/{unknown}/merge"),
            &json!({"into": kettle}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);
    let r = app
        .post(
            &format!("/api/v1/categories/{old}/merge"),
            &json!({"into": kettle, "x": 1}),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    let (_, member) = app.user("moe", "member").await;
    let r = app
        .call_as(
            Method::POST,
            &format!("/api/v1/categories/{old}/merge"),
            Some(&json!({"into": kettle})),
            &[("authorization", &format!("Bearer {member}"))],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let r = app
        .post(
            &format!("/api/v1/categories/{old}/merge"),
            &json!({"into": kettle}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["moved"], json!(2), "the thing and the subcategory");
    let moved = app.get(&format!("/api/v1/things/{k1}")).await.json();
    assert_eq!(moved["categories"], json!([kettle]), "once, not twice");
    let sub = app.get(&format!("/api/v1/categories/{child}")).await.json();
    assert_eq!(sub["parents"], json!([kettle]));
    let merged = app.get(&format!("/api/v1/categories/{old}")).await.json();
    assert_eq!(merged["merged_into"], json!(kettle));

    // The old id is an alias: a filter on it, and an entry still naming it, land on Kettle.
    let mut k2 = thing("Boiler B2");
    k2["categories"] = json!([old]);
    let k2 = created(&app, "/api/v1/things", k2).await;
    let under = app
        .get(&format!("/api/v1/things?category={old}&limit=10"))
        .await
        .json();
    let ids: Vec<&str> = under["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["id"].as_str())
        .collect();
    assert!(
        ids.contains(&k1.as_str()) && ids.contains(&k2.as_str()),
        "{under}"
    );
    // The thing's page links the category it names, whose page says where it went.
    let page = app.page(&format!("/things/{k2}"), "en").await;
    assert!(page.text.contains(&format!("/categories/{old}")));
    let page = app.page(&format!("/categories/{old}"), "en").await;
    assert!(page.text.contains(&format!("/categories/{kettle}")));
    assert!(
        page.text.contains("This category was merged into"),
        "{}",
        page.text
    );
    let tree = app.get("/api/v1/categories/tree").await.text;
    assert!(
        !tree.contains("Water boilers"),
        "a merged category leaves the tree"
    );
}

#[tokio::test]
async fn experts_merge_from_the_category_page_without_javascript() {
    let app = TestApp::new().await;
    let kettle = category(&app, "Kettle").await;
    let old = created(
        &app,
        "/api/v1/categories",
        json!({"name": {"default": "Teakettles"}}),
    )
    .await;
    let page = app
        .page_as(&format!("/categories/{old}"), "en", Some(&app.cookie))
        .await;
    assert!(page.text.contains("Merge into another category"));
    let (member, _) = app.user("moe", "member").await;
    let as_member = app
        .page_as(&format!("/categories/{old}"), "en", Some(&member))
        .await;
    assert!(!as_member.text.contains("Merge into another category"));

    let back = format!("http://td.test/categories/{old}");
    let r = app
        .form("/sfn/merge_category", &[("id", &old), ("into", "")], &back)
        .await;
    assert_eq!(
        r.header("location"),
        format!("/categories/{old}?merge_error=choose")
    );
    let r = app
        .form(
            "/sfn/merge_category",
            &[("id", &old), ("into", &old)],
            &back,
        )
        .await;
    assert_eq!(
        r.header("location"),
        format!("/categories/{old}?merge_error=target")
    );
    let page = app
        .page(&format!("/categories/{old}?merge_error=target"), "de")
        .await;
    assert!(
        page.text.contains("nicht in sich selbst"),
        "the reason in the reader's language"
    );
    let r = app
        .form(
            "/sfn/merge_category",
            &[("id", &old), ("into", &kettle)],
            &back,
        )
        .await;
    assert_eq!(
        r.header("location"),
        format!("/categories/{kettle}?category_merged=0")
    );
    let page = app
        .page(&format!("/categories/{kettle}?category_merged=0"), "en")
        .await;
    assert!(page.text.contains("Merged: 0 entries"), "{}", page.text);
}
