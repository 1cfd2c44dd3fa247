//! Splitting a category: new categories are made below it and chosen entries and
//! subcategories move to them (keeping their other categories), bad requests are
//! refused with a reason before anything changes, and the page form works without
//! JavaScript, keeping what was typed when it is refused.

use crate::common::{thing, TestApp};
use crate::taxonomy::category;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

async fn created(app: &TestApp, path: &str, body: Value) -> String {
    let r = app.post(path, &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["id"].as_str().unwrap().to_string()
}

async fn categories_of(app: &TestApp, path: &str, field: &str) -> Vec<String> {
    let body = app.get(path).await.json();
    body[field]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_split_makes_subcategories_and_moves_what_was_chosen() {
    let app = TestApp::new().await;
    let kettle = category(&app, "Kettle").await;
    let coffee = category(&app, "Coffee Maker").await;
    let sub = created(
        &app,
        "/api/v1/categories",
        json!({"name": {"default": "Capsule machines"}, "parents": [coffee]}),
    )
    .await;
    let mut espresso = thing("Gaggia Classic");
    espresso["categories"] = json!([coffee, kettle]);
    let espresso = created(&app, "/api/v1/things", espresso).await;
    let mut drip = thing("Moccamaster");
    drip["categories"] = json!([coffee]);
    let drip = created(&app, "/api/v1/things", drip).await;
    let mut stays = thing("Coffee maker of unknown kind");
    stays["categories"] = json!([coffee]);
    let stays = created(&app, "/api/v1/things", stays).await;

    // Refused before anything is made: a move of what is not filed here, a move named
    // twice, an empty name, a bad body, a member.
    let path = format!("/api/v1/categories/{coffee}/split");
    let bad = [
        (
            json!({"parts": [{"name": {"default": "Espresso"}, "moves": [kettle]}]}),
            "not_filed_here",
        ),
        (
            json!({"parts": [{"name": {"default": "Espresso"}, "moves": [drip]},
                             {"name": {"default": "Drip"}, "moves": [drip]}]}),
            "moved_twice",
        ),
        (
            json!({"parts": [{"name": {"default": " "}, "moves": [drip]}]}),
            "parts.0.name.default",
        ),
    ];
    for (body, expect) in bad {
        let r = app.post(&path, &body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert!(r.text.contains(expect), "{expect}: {}", r.text);
    }
    for body in [
        json!({"parts": []}),
        json!({"parts": [{"name": {"default": "Espresso"}, "moves": ["nope"]}]}),
        json!({"parts": [{"name": "Espresso"}]}),
        json!({"parts": [{"name": {"default": "Espresso"}}], "extra": 1}),
    ] {
        let r = app.post(&path, &body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.text);
    }
    let (_, member) = app.user("moe", "member").await;
    let r = app
        .call_as(
            Method::POST,
            &path,
            Some(&json!({"parts": [{"name": {"default": "Espresso"}}]})),
            &[("authorization", &format!("Bearer {member}"))],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let tree = app.get("/api/v1/categories/tree").await;
    assert!(!tree.text.contains("Espresso"), "nothing was made");

    let r = app
        .post(
            &path,
            &json!({"parts": [
                {"name": {"default": "Espresso machines"}, "moves": [espresso, sub]},
                {"name": {"default": "Drip coffee makers", "lang": "en"}, "moves": [drip]}
            ]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let made: Vec<String> = r.json()["created"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let [espresso_cat, drip_cat] = [&made[0], &made[1]];
    assert_eq!(
        categories_of(
            &app,
            &format!("/api/v1/categories/{espresso_cat}"),
            "parents"
        )
        .await,
        [coffee.as_str()]
    );
    let mut filed = categories_of(&app, &format!("/api/v1/things/{espresso}"), "categories").await;
    filed.sort();
    let mut expected = vec![espresso_cat.clone(), kettle.clone()];
    expected.sort();
    assert_eq!(
        filed, expected,
        "the espresso machine keeps its kettle category"
    );
    assert_eq!(
        categories_of(&app, &format!("/api/v1/categories/{sub}"), "parents").await,
        [espresso_cat.as_str()]
    );
    assert_eq!(
        categories_of(&app, &format!("/api/v1/things/{drip}"), "categories").await,
        [drip_cat.as_str()]
    );
    assert_eq!(
        categories_of(&app, &format!("/api/v1/things/{stays}"), "categories").await,
        [coffee.as_str()]
    );
    // Coffee makers still hold everything, now through their subcategories.
    let r = app.get(&format!("/api/v1/things?category={coffee}")).await;
    assert_eq!(r.json()["total"], json!(3), "{}", r.text);
    let page = app.page(&format!("/categories/{coffee}"), "en").await;
    assert!(page.text.contains("Espresso machines"), "{}", page.text);

    // A merged category's old id stands for the one it went into.
    let r = app
        .post(
            &format!("/api/v1/categories/{drip_cat}/merge"),
            &json!({"into": espresso_cat}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = app
        .post(
            &format!("/api/v1/categories/{drip_cat}/split"),
            &json!({"parts": [{"name": {"default": "Lever machines"}}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let lever = r.json()["created"][0].as_str().unwrap().to_string();
    assert_eq!(
        categories_of(&app, &format!("/api/v1/categories/{lever}"), "parents").await,
        [espresso_cat.as_str()]
    );
}

#[tokio::test]
async fn experts_split_from_the_page_without_javascript() {
    let app = TestApp::new().await;
    let coffee = category(&app, "Coffee Maker").await;
    let mut drip = thing("Moccamaster");
    drip["categories"] = json!([coffee]);
    let drip = created(&app, "/api/v1/things", drip).await;

    let category_page = app
        .page_as(&format!("/categories/{coffee}"), "en", Some(&app.cookie))
        .await;
    assert!(category_page.text.contains("Split this category"));
    let split_page = format!("/categories/{coffee}/split");
    let page = app.page_as(&split_page, "en", Some(&app.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Moccamaster"), "{}", page.text);
    assert!(page.text.contains("Stays here"));
    let (member, _) = app.user("moe", "member").await;
    let as_member = app.page_as(&split_page, "en", Some(&member)).await;
    assert!(as_member.text.contains("Only experts and admins"));
    assert!(!as_member.text.contains("Stays here"));
    let missing = app
        .page(
            "/categories/01930000-0000-7000-8000-000000000999/split",
            "en",
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // Something chosen for a new category without a name: back to the form, in the
    // reader's language, with the choice kept.
    let to = format!("f[to.{drip}]");
    let back = format!("http://td.test{split_page}");
    let r = app
        .form(
            "/sfn/split_category",
            &[
                ("id", &coffee),
                ("lang", "de"),
                ("f[name1]", " "),
                (&to, "1"),
            ],
            &back,
        )
        .await;
    let location = r.header("location");
    assert!(
        location.starts_with(&format!("{split_page}?draft=")),
        "{location}"
    );
    let again = app.page_as(&location, "de", Some(&app.cookie)).await;
    assert!(
        again.text.contains("aria-invalid=\"true\""),
        "{}",
        again.text
    );
    assert!(
        again.text.contains("<option value=\"1\" selected"),
        "{}",
        again.text
    );

    let r = app
        .form(
            "/sfn/split_category",
            &[
                ("id", &coffee),
                ("lang", "de"),
                ("f[name1]", "Filterkaffeemaschinen"),
                (&to, "1"),
            ],
            &back,
        )
        .await;
    assert_eq!(
        r.header("location"),
        format!("/categories/{coffee}?split=1")
    );
    let page = app
        .page(&format!("/categories/{coffee}?split=1"), "en")
        .await;
    assert!(page.text.contains("1 new categories"), "{}", page.text);
    assert!(page.text.contains("Filterkaffeemaschinen"));
    let made = app.get(&format!("/api/v1/things/{drip}")).await.json();
    let cat = made["categories"][0].as_str().unwrap().to_string();
    assert_ne!(cat, coffee);
    let new = app.get(&format!("/api/v1/categories/{cat}")).await.json();
    assert_eq!(
        new["name"]["lang"],
        json!("de"),
        "named in the page's language"
    );
}
