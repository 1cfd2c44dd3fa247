//! The category taxonomy: the seeded Open Repair Data Standard categories, filing
//! entries, counting and filtering with descendants, cycles refused, and the pages.

use crate::common::{taxonomy_seed, thing, TestApp};
use axum::http::{Method, StatusCode};
use domain::EntityKind;
use serde_json::{json, Value};

/// The id of the seeded category with this English name.
pub async fn category(app: &TestApp, english: &str) -> String {
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

/// An instance seeded by an earlier version has copies of the seeded categories with
/// ids of its own; at its next start they give way to the shared ones.
#[tokio::test]
async fn copies_seeded_by_an_earlier_version_give_way_to_the_shared_categories() {
    let app = TestApp::new().await;
    let kettle = category(&app, "Kettle").await;
    let mut body: Value = app
        .get(&format!("/api/v1/categories/{kettle}"))
        .await
        .json();
    for k in ["id", "uri", "revision", "created_at", "updated_at", "kind"] {
        body.as_object_mut().unwrap().remove(k);
    }
    // The old copy, as the earlier seed made it, then edited by an expert there.
    let knowledge = &app.state.knowledge;
    let copy = knowledge
        .create(EntityKind::Category, body.clone(), "thingdata")
        .await
        .unwrap()
        .meta
        .id;
    let mut edited = body.clone();
    edited["synonyms"]["translations"]["de"] = json!("Wasserkocher, Teekessel");
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/categories/{copy}"),
            Some(&edited),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = app
        .post(
            "/api/v1/categories",
            &json!({"name": {"default": "Travel kettle"}, "parents": [copy]}),
        )
        .await;
    let travel = r.json()["id"].as_str().unwrap().to_string();
    let mut k1 = thing("Kettle K1");
    k1["categories"] = json!([copy]);
    let k1 = app.post("/api/v1/things", &k1).await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    // The earlier version's record that it seeded.
    storage::Store::connect(&app.settings.database_url())
        .await
        .unwrap()
        .put_instance_setting("taxonomy_seeded", "1")
        .await
        .unwrap();

    assert_eq!(knowledge.seed_taxonomy().await.unwrap(), 0);
    let gone = app.get(&format!("/api/v1/categories/{copy}")).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let thing = app.get(&format!("/api/v1/things/{k1}")).await.json();
    assert_eq!(thing["categories"], json!([kettle]));
    let child = app
        .get(&format!("/api/v1/categories/{travel}"))
        .await
        .json();
    assert_eq!(child["parents"], json!([kettle]));
    let shared = app
        .get(&format!("/api/v1/categories/{kettle}"))
        .await
        .json();
    assert_eq!(
        shared["synonyms"]["translations"]["de"],
        json!("Wasserkocher, Teekessel"),
        "the edit made to the copy is carried over"
    );
    let history = app
        .get(&format!("/api/v1/categories/{kettle}/history"))
        .await
        .json();
    assert_eq!(history["items"].as_array().map(Vec::len), Some(2));
    // Once done, it is not done again.
    assert_eq!(knowledge.seed_taxonomy().await.unwrap(), 0);
    let all = app.get("/api/v1/categories?limit=200").await.json();
    let kettles = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["name"]["default"] == "Kettle")
        .count();
    assert_eq!(kettles, 1);
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

    // A guide for every small kitchen item applies to the coffee maker.
    let guide = json!({
        "type": {"primary": "tutorial"}, "categories": [kitchen],
        "content": {"title": {"default": "Descale any kitchen appliance"}}
    });
    let r = app.post("/api/v1/guides", &guide).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let senseo = app
        .get(&format!("/api/v1/things?category={coffee}"))
        .await
        .json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let page = app.page(&format!("/things/{senseo}"), "en").await;
    assert!(
        page.text.contains("Descale any kitchen appliance"),
        "{}",
        page.text
    );
}

/// The count the tree gives a category (wherever it shows; every place agrees).
async fn tree_count(app: &TestApp, id: &str) -> i64 {
    fn find(nodes: &Value, id: &str) -> Option<i64> {
        nodes.as_array()?.iter().find_map(|n| {
            if n["id"] == json!(id) {
                n["count"].as_i64()
            } else {
                find(&n["children"], id)
            }
        })
    }
    let tree = app.get("/api/v1/categories/tree").await.json();
    find(&tree["roots"], id).unwrap_or_else(|| panic!("{id} is not in the tree"))
}

#[tokio::test]
async fn tree_counts_follow_filing_hiding_and_deleting() {
    let app = TestApp::new().await;
    let coffee = category(&app, "Coffee Maker").await;
    let kettle = category(&app, "Kettle").await;
    let kitchen = category(&app, "Small kitchen item").await;
    let mut combi = thing("Kettle with coffee filter");
    combi["categories"] = json!([coffee, kettle]);
    let combi = app.post("/api/v1/things", &combi).await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut senseo = thing("Senseo");
    senseo["categories"] = json!([coffee]);
    let senseo = app.post("/api/v1/things", &senseo).await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let story = json!({
        "type": "repair", "categories": [kettle], "title": {"default": "Descale a kettle"},
        "procedure": [{"order": 1, "description": {"default": "Vinegar"}}]
    });
    let r = app.post("/api/v1/stories", &story).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);

    // The combination is filed twice below small kitchen items and counts once there.
    assert_eq!(tree_count(&app, &kitchen).await, 3);
    assert_eq!(tree_count(&app, &coffee).await, 2);
    assert_eq!(tree_count(&app, &kettle).await, 2);
    let page = app.page(&format!("/categories/{kitchen}"), "en").await;
    assert!(page.text.contains("Senseo"), "{}", page.text);
    assert!(page.text.contains("Descale a kettle"));

    let r = app
        .post(
            &format!("/api/v1/things/{combi}/hide"),
            &json!({"reason": "duplicate"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(tree_count(&app, &kitchen).await, 2);
    assert_eq!(tree_count(&app, &kettle).await, 1);

    // Filed elsewhere, then deleted: nothing is left under coffee makers.
    let mut moved = app.get(&format!("/api/v1/things/{senseo}")).await.json();
    moved["categories"] = json!([kettle]);
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/things/{senseo}"),
            Some(&moved),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(tree_count(&app, &coffee).await, 0);
    assert_eq!(tree_count(&app, &kettle).await, 2);
    let r = app
        .call(
            Method::DELETE,
            &format!("/api/v1/things/{senseo}"),
            None,
            &[("x-confirm-delete", "true"), ("if-match", "*")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    assert_eq!(tree_count(&app, &kitchen).await, 1);
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

#[tokio::test]
async fn members_file_under_categories_and_experts_shape_the_taxonomy() {
    let app = TestApp::new().await;
    let kettle = category(&app, "Kettle").await;
    let (_, member) = app.user("mia", "member").await;
    let (_, expert) = app.user("ezra", "expert").await;
    let descaler = json!({"name": {"default": "Descaler"}, "parents": [kettle]});
    let as_member = [("authorization", format!("Bearer {member}"))];
    let as_expert = [("authorization", format!("Bearer {expert}"))];
    let r = app
        .call_as(
            Method::POST,
            "/api/v1/categories",
            Some(&descaler),
            &[("authorization", as_member[0].1.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    let mut filed = thing("Kettle Y");
    filed["categories"] = json!([kettle]);
    let r = app
        .call_as(
            Method::POST,
            "/api/v1/things",
            Some(&filed),
            &[("authorization", as_member[0].1.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = app
        .call_as(
            Method::POST,
            "/api/v1/categories",
            Some(&descaler),
            &[("authorization", as_expert[0].1.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

#[tokio::test]
async fn old_free_categories_are_filed_by_name_or_by_an_expert() {
    let app = TestApp::new().await;
    let kettle = category(&app, "Kettle").await;
    let toaster = category(&app, "Toaster").await;
    let misc = category(&app, "Misc").await;
    let story = json!({
        "type": "repair", "thing_category": {"category": "Kettles"},
        "title": {"default": "Descale a kettle"},
        "procedure": [{"order": 1, "description": {"default": "Boil vinegar"}}]
    });
    let guide = json!({
        "type": {"primary": "tutorial"}, "thing_category": {"category": "Wasserkocher"},
        "content": {"title": {"lang": "de", "default": "Wasserkocher öffnen"}}
    });
    let mut bread = thing("T1");
    bread["identifier"] = json!("thing:toaster/acme/t1");
    let mut odd = thing("G1");
    odd["identifier"] = json!("thing:gizmo/acme/g1");
    for (path, body) in [
        ("/api/v1/stories", &story),
        ("/api/v1/guides", &guide),
        ("/api/v1/things", &bread),
        ("/api/v1/things", &odd),
    ] {
        let r = app.post(path, body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{path}: {}", r.text);
    }
    let page = app.page("/categories/unfiled", "en").await;
    for text in ["kettles", "wasserkocher", "toaster", "gizmo"] {
        assert!(page.text.contains(text), "{text}: {}", page.text);
    }
    let (member, _) = app.user("moe", "member").await;
    let refused = app
        .form_as(
            "/sfn/file_unfiled",
            &[],
            "http://td.test/categories/unfiled",
            Some(&member),
        )
        .await;
    assert!(
        refused.header("location").contains("error"),
        "{}",
        refused.header("location")
    );

    // Names and plurals in any language match; the old texts stay.
    let r = app
        .form(
            "/sfn/file_unfiled",
            &[],
            "http://td.test/categories/unfiled",
        )
        .await;
    assert_eq!(r.header("location"), "/categories/unfiled?filed=3");
    let stories = app
        .get(&format!("/api/v1/stories?category={kettle}"))
        .await
        .json();
    assert_eq!(stories["total"], json!(1));
    assert_eq!(
        stories["items"][0]["thing_category"]["category"],
        json!("Kettles")
    );
    let guides = app
        .get(&format!("/api/v1/guides?category={kettle}"))
        .await
        .json();
    assert_eq!(guides["total"], json!(1));
    let things = app
        .get(&format!("/api/v1/things?category={toaster}"))
        .await
        .json();
    assert_eq!(things["items"][0]["name"]["default"], json!("T1"));

    // What matches nothing waits for an expert's choice.
    let r = app
        .form(
            "/sfn/file_unfiled",
            &[("kind", "thing"), ("text", "gizmo"), ("category", "")],
            "http://td.test/categories/unfiled",
        )
        .await;
    assert_eq!(r.header("location"), "/categories/unfiled?error=choose");
    let r = app
        .form(
            "/sfn/file_unfiled",
            &[("kind", "thing"), ("text", "gizmo"), ("category", &misc)],
            "http://td.test/categories/unfiled",
        )
        .await;
    assert_eq!(r.header("location"), "/categories/unfiled?filed=1");
    let page = app.page("/categories/unfiled", "en").await;
    assert!(
        page.text
            .contains("Every entry with an old category is filed"),
        "{}",
        page.text
    );
}

#[tokio::test]
async fn the_api_gives_the_tree_and_files_old_categories() {
    let app = TestApp::new().await;
    let coffee = category(&app, "Coffee Maker").await;
    let mut senseo = thing("Senseo");
    senseo["categories"] = json!([coffee]);
    assert_eq!(
        app.post("/api/v1/things", &senseo).await.status,
        StatusCode::CREATED
    );
    let tree = app.get("/api/v1/categories/tree?lang=de").await;
    assert_eq!(tree.status, StatusCode::OK, "{}", tree.text);
    let roots = tree.json()["roots"].as_array().unwrap().clone();
    let household = roots
        .iter()
        .find(|r| r["label"] == "Haushaltsgeräte")
        .expect("the household grouping is a root");
    assert_eq!(household["count"], json!(1));
    // "Kaffeemaschine" shows under both of its parents, and counts there too.
    let coffee_nodes: Vec<&Value> = household["children"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["children"].as_array().unwrap())
        .filter(|c| c["id"] == json!(coffee))
        .collect();
    assert_eq!(coffee_nodes.len(), 2);
    assert!(coffee_nodes.iter().all(|c| c["count"] == json!(1)));
    let bad = app.get("/api/v1/categories/tree?lang=xx").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    let story = json!({
        "type": "repair", "thing_category": {"category": "toasters"},
        "title": {"default": "Fix a toaster lever"},
        "procedure": [{"order": 1, "description": {"default": "Unplug it"}}]
    });
    assert_eq!(
        app.post("/api/v1/stories", &story).await.status,
        StatusCode::CREATED
    );
    let unfiled = app.get("/api/v1/categories/unfiled?lang=en").await.json();
    let item = &unfiled["items"][0];
    assert_eq!(item["text"], json!("toasters"));
    assert_eq!(item["matches"][1], json!("Toaster"));
    let (_, member) = app.user("moe", "member").await;
    let r = app
        .call_as(
            Method::POST,
            "/api/v1/categories/unfiled",
            Some(&json!({})),
            &[("authorization", &format!("Bearer {member}"))],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let toaster = &item["matches"][0];
    for (bad, code) in [
        (json!([]), "bad_body"),
        (json!({"text": ""}), "bad_body"),
        (json!({"kind": "vase"}), "bad_body"),
        (
            json!({"kind": "story", "text": "toasters", "category": toaster, "x": 1}),
            "bad_body",
        ),
        (
            json!({"kind": "vase", "text": "toasters", "category": toaster}),
            "bad_kind",
        ),
        (
            json!({"kind": "story", "text": 3, "category": toaster}),
            "bad_text",
        ),
        (
            json!({"kind": "story", "text": "x".repeat(201), "category": toaster}),
            "bad_text",
        ),
        (
            json!({"kind": "story", "text": "toasters", "category": "toaster"}),
            "bad_category",
        ),
    ] {
        let r = app.post("/api/v1/categories/unfiled", &bad).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.text);
        assert_eq!(r.json()["error"]["code"], json!(code), "{bad}: {}", r.text);
    }
    // A NUL cannot be in PostgreSQL text: nothing carries it, nothing is filed.
    let r = app
        .post(
            "/api/v1/categories/unfiled",
            &json!({"kind": "story", "text": "toast\u{0}ers", "category": toaster}),
        )
        .await;
    assert_eq!(r.json()["filed"], json!(0), "{}", r.text);
    let r = app
        .post(
            "/api/v1/categories/unfiled",
            &json!({"kind": "story", "text": "toasters", "category": toaster}),
        )
        .await;
    assert_eq!(r.json()["filed"], json!(1), "{}", r.text);
    let after = app.get("/api/v1/categories/unfiled").await.json();
    assert_eq!(after["items"], json!([]));
}
