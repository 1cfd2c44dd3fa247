//! Vocabulary terms: admins extend the controlled vocabularies (a new thing type is then
//! a choice in forms and accepted by validation), experts add materials and tools, keys
//! are unique per vocabulary, relationship types limit the kinds they join, and the
//! vocabulary pages list the values in the reader's language, with or without
//! JavaScript.

use crate::common::{thing, TestApp};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

fn term(vocabulary: &str, key: &str, name: &str) -> Value {
    json!({"vocabulary": vocabulary, "key": key, "name": {"default": name}})
}

#[tokio::test]
async fn admins_extend_types_and_entries_may_then_choose_them() {
    let app = TestApp::new().await;
    let mut bike = thing("Cargo bike");
    bike["type"] = json!("e_bike");
    let r = app.post("/api/v1/things", &bike).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("not_in_vocabulary"), "{}", r.text);

    // Experts describe materials and tools, but only admins add a type.
    let (_, expert) = app.user("erin", "expert").await;
    let auth = format!("Bearer {expert}");
    let as_expert = |body: Value, path: &'static str| {
        let auth = auth.clone();
        let app = &app;
        async move {
            app.call(Method::POST, path, Some(&body), &[("authorization", &auth)])
                .await
        }
    };
    let r = as_expert(term("thing-types", "e_bike", "E-bike"), "/api/v1/terms").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    let mut steel = term("materials", "stainless_steel", "Stainless steel");
    steel["synonyms"] = json!({"default": "inox", "translations": {"de": "Edelstahl"}});
    let r = as_expert(steel, "/api/v1/terms").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let (_, member) = app.user("milo", "member").await;
    let r = app
        .call(
            Method::POST,
            "/api/v1/vocabularies/tools",
            Some(&json!({"key": "ph2", "name": {"default": "PH2 screwdriver"}})),
            &[("authorization", &format!("Bearer {member}"))],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);

    let r = app
        .post(
            "/api/v1/vocabularies/thing-types",
            &json!({"key": "e_bike", "name": {"default": "E-bike", "translations": {"de": "E-Bike"}}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let type_id = r.json()["id"].as_str().unwrap().to_string();
    assert_eq!(r.json()["vocabulary"], json!("thing-types"));
    let r = app.post("/api/v1/things", &bike).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);

    // An expert may not edit the admins' term either.
    let r = app
        .call(
            Method::PATCH,
            &format!("/api/v1/terms/{type_id}"),
            Some(&json!({"name": {"default": "Pedelec"}})),
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);

    // One key per vocabulary; a term stays in its vocabulary; fields belong to theirs.
    let r = app
        .post("/api/v1/terms", &term("thing-types", "e_bike", "Again"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("duplicate_term"), "{}", r.text);
    let r = app
        .post(
            "/api/v1/terms",
            &term("materials", "e_bike", "Fine elsewhere"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = app
        .call(
            Method::PATCH,
            &format!("/api/v1/terms/{type_id}"),
            Some(&json!({"vocabulary": "story-types"})),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("vocabulary_fixed"), "{}", r.text);
    let mut odd = term("materials", "oak", "Oak");
    odd["inverse_name"] = json!({"default": "x"});
    let r = app.post("/api/v1/terms", &odd).await;
    assert!(r.text.contains("not_for_vocabulary"), "{}", r.text);
    for bad in ["E_bike", "1abc", "a b"] {
        let r = app
            .post("/api/v1/terms", &term("materials", bad, "x"))
            .await;
        assert!(r.text.contains("invalid_key"), "{bad}: {}", r.text);
    }
    let r = app
        .post("/api/v1/vocabularies/tools", &term("materials", "x", "x"))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert_eq!(
        app.get("/api/v1/vocabularies/colours").await.status,
        StatusCode::NOT_FOUND
    );

    let r = app.get("/api/v1/vocabularies/thing-types").await;
    assert_eq!(r.status, StatusCode::OK);
    let body = r.json();
    assert_eq!(body["built_in"][0], json!("device"));
    assert_eq!(body["terms"][0]["key"], json!("e_bike"));
    let doc = app.get("/api/v1/openapi.json").await.json();
    let types = &doc["components"]["schemas"]["thing"]["properties"]["type"]["enum"];
    assert!(
        types.as_array().unwrap().contains(&json!("e_bike")),
        "{types}"
    );

    // Pages: the vocabulary in the reader's language, and the form offers the new type.
    let page = app.page("/vocabularies", "de").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Dingtypen"), "{}", page.text);
    let page = app.page("/vocabularies/thing-types", "de").await;
    assert!(page.text.contains("E-Bike"), "{}", page.text);
    assert!(page.text.contains(&format!("href=\"/terms/{type_id}\"")));
    assert!(page.text.contains("Gerät"), "built-in values listed too");
    let page = app.page("/vocabularies/materials", "de").await;
    assert!(page.text.contains("Edelstahl"), "{}", page.text);
    let form = app.page_as("/things/new", "de", Some(&app.cookie)).await;
    assert!(
        form.text
            .contains("<option value=\"e_bike\">E-Bike</option>"),
        "{}",
        form.text
    );
    assert_eq!(
        app.page("/vocabularies/colours", "en").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn relationship_types_name_both_ends_and_limit_kinds() {
    let app = TestApp::new().await;
    let mut repairs = term("relationship-types", "repaired_with", "repaired with");
    repairs["inverse_name"] = json!({"default": "used to repair"});
    repairs["source_kinds"] = json!(["thing"]);
    repairs["target_kinds"] = json!(["thing"]);
    let r = app.post("/api/v1/terms", &repairs).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let kettle = app.post("/api/v1/things", &thing("Kettle")).await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let glue = app.post("/api/v1/things", &thing("Epoxy")).await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let story = json!({"type": "repair", "thing_id": kettle, "title": {"default": "Glue the lid"},
        "procedure": [{"order": 1, "description": {"default": "Glue"}}]});
    let story = app.post("/api/v1/stories", &story).await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let rel = |st: &str, s: &str, tt: &str, t: &str| {
        json!({"source_type": st, "source_id": s, "target_type": tt, "target_id": t,
               "relationship_type": "repaired_with", "direction": "unidirectional"})
    };
    let r = app
        .post(
            "/api/v1/relationships",
            &rel("story", &story, "thing", &glue),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("kinds_not_allowed"), "{}", r.text);
    let r = app
        .post(
            "/api/v1/relationships",
            &rel("thing", &kettle, "thing", &glue),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);

    // Each end reads the relationship by the name for its own direction.
    let page = app.page(&format!("/things/{glue}"), "en").await;
    assert!(page.text.contains("used to repair"), "{}", page.text);
    let page = app.page(&format!("/things/{kettle}"), "en").await;
    assert!(page.text.contains("repaired with"), "{}", page.text);

    let page = app.page("/vocabularies/relationship-types", "en").await;
    assert!(page.text.contains("used to repair"), "{}", page.text);
    assert!(page.text.contains("Thing → Thing"), "{}", page.text);
    assert!(
        page.text.contains("has part"),
        "built-in inverse names listed"
    );
}

#[tokio::test]
async fn a_term_is_written_through_the_form_without_javascript() {
    let app = TestApp::new().await;
    let kettle = app
        .post("/api/v1/things", &thing("PH2 screwdriver"))
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let form = app
        .page_as("/terms/new?vocabulary=tools", "en", Some(&app.cookie))
        .await;
    assert!(
        form.text.contains("<option value=\"tools\" selected"),
        "{}",
        form.text
    );
    let save = |key: &'static str| {
        let kettle = kettle.clone();
        let app = &app;
        async move {
            app.form(
                "/sfn/save",
                &[
                    ("kind", "term"),
                    ("f[vocabulary]", "tools"),
                    ("f[key]", key),
                    ("f[name.default]", "Phillips PH2"),
                    ("f[synonyms.default]", "PH2, cross-head"),
                    ("f[thing_id]", &kettle),
                    ("f[intent]", "save"),
                ],
                "http://td.test/terms/new",
            )
            .await
            .header("location")
        }
    };
    let refused = save("PH 2").await;
    assert!(refused.contains("draft="), "{refused}");
    let again = app.page_as(&refused, "en", Some(&app.cookie)).await;
    assert!(
        again.text.contains("A key starts with a lowercase letter"),
        "{}",
        again.text
    );
    let saved = save("ph2").await;
    assert!(saved.starts_with("/terms/"), "{saved}");
    let page = app.page(&saved, "en").await;
    assert!(page.text.contains("Phillips PH2"), "{}", page.text);
    assert!(page.text.contains("cross-head"));
    assert!(
        page.text.contains(&format!("href=\"/things/{kettle}\"")),
        "links the tool's thing"
    );
    let list = app.page("/vocabularies/tools", "en").await;
    assert!(list.text.contains("Phillips PH2"), "{}", list.text);
}

fn id_of(r: &crate::common::Reply) -> String {
    assert!(r.status.is_success(), "{}", r.text);
    r.json()["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn unknown_materials_and_tools_are_suggested_until_experts_decide() {
    let app = TestApp::new().await;
    let mut chair = thing("Chair");
    chair["properties"] = json!({"materials": ["Edelstahl", "Oak", "Birch  plywood", "oak"]});
    let chair = id_of(&app.post("/api/v1/things", &chair).await);
    let mut table = thing("Table");
    table["properties"] = json!({"materials": ["stainless steel"]});
    let table = id_of(&app.post("/api/v1/things", &table).await);
    let mut driver = thing("PH2 screwdriver");
    driver["properties"] = json!({});
    let driver = id_of(&app.post("/api/v1/things", &driver).await);
    let story = json!({"type": "repair", "thing_id": chair, "title": {"default": "Tighten the legs"},
        "procedure": [{"order": 1, "description": {"default": "Tighten"}, "tools": ["PH2 driver"]}]});
    let story = id_of(&app.post("/api/v1/stories", &story).await);

    let r = app
        .get("/api/v1/suggested-terms?vocabulary=materials")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let items = r.json()["items"].clone();
    let texts: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["folded"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        ["birch plywood", "edelstahl", "oak", "stainless steel"],
        "each text once"
    );
    for bad in ["vocabulary=thing-types", "limit=0", "sort=x"] {
        let r = app.get(&format!("/api/v1/suggested-terms?{bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
    }

    // Experts decide; members may not.
    let (_, member) = app.user("milo", "member").await;
    let r = app
        .call(
            Method::POST,
            "/api/v1/suggested-terms/reject",
            Some(&json!({"vocabulary": "materials", "text": "Oak"})),
            &[("authorization", &format!("Bearer {member}"))],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    let accept = json!({"vocabulary": "materials", "text": "Oak"});
    let r = app.post("/api/v1/suggested-terms/accept", &accept).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json()["key"], json!("oak"));
    let mut steel = term("materials", "stainless_steel", "Stainless steel");
    steel["name"]["translations"] = json!({"de": "Rostfreier Stahl"});
    let steel = id_of(&app.post("/api/v1/terms", &steel).await);
    // Before the decision, "Edelstahl" is a facet value of its own beside the term.
    app.indexed().await;
    let before = material_facet(&app).await;
    assert_eq!(before.get("edelstahl"), Some(&1), "{before:?}");
    assert_eq!(before.get("stainless_steel"), Some(&1), "{before:?}");
    let map = json!({"vocabulary": "materials", "text": "Edelstahl", "term": steel});
    let r = app.post("/api/v1/suggested-terms/map", &map).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["synonyms"]["default"], json!("Edelstahl"));
    for (path, body, status) in [
        (
            "map",
            json!({"vocabulary": "tools", "text": "x", "term": steel}),
            422,
        ),
        (
            "map",
            json!({"vocabulary": "materials", "text": "x", "term": "nope"}),
            422,
        ),
        (
            "accept",
            json!({"vocabulary": "thing-types", "text": "x"}),
            422,
        ),
        (
            "accept",
            json!({"vocabulary": "materials", "text": "  "}),
            422,
        ),
        (
            "accept",
            json!({"vocabulary": "materials", "text": "x", "extra": "y"}),
            400,
        ),
        ("reject", json!(["materials", "x"]), 400),
    ] {
        let r = app
            .post(&format!("/api/v1/suggested-terms/{path}"), &body)
            .await;
        assert_eq!(r.status.as_u16(), status, "{path} {body}: {}", r.text);
    }

    // Rejecting from the page, without JavaScript.
    let (expert, _) = app.user("erin", "expert").await;
    let r = app
        .form_as(
            "/sfn/decide_suggestion",
            &[
                ("vocabulary", "materials"),
                ("text", "Birch  plywood"),
                ("decision", "reject"),
            ],
            "http://td.test/suggested-terms",
            Some(&expert),
        )
        .await;
    let back = r.header("location");
    assert!(back.starts_with("/suggested-terms?rejected="), "{back}");
    let page = app.page_as(&back, "en", Some(&expert)).await;
    assert!(
        page.text.contains("is no longer suggested"),
        "{}",
        page.text
    );
    assert!(page.text.contains("PH2 driver"), "tools are suggested too");
    assert!(
        page.text.contains("Add as a term"),
        "experts see the decisions"
    );
    let r = app
        .form_as(
            "/sfn/decide_suggestion",
            &[
                ("vocabulary", "tools"),
                ("text", "PH2 driver"),
                ("decision", "accept"),
                ("key", "PH 2"),
            ],
            "http://td.test/suggested-terms",
            Some(&expert),
        )
        .await;
    let back = r.header("location");
    assert!(back.contains("problem=invalid_key"), "{back}");
    let page = app.page_as(&back, "de", Some(&expert)).await;
    assert!(page.text.contains("Ein Schlüssel beginnt"), "{}", page.text);

    let r = app.get("/api/v1/suggested-terms").await;
    let left: Vec<Value> = r.json()["items"].as_array().unwrap().clone();
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0]["text"], json!("PH2 driver"));
    let body = app.get(&format!("/api/v1/things/{chair}")).await.json();
    assert_eq!(
        body["properties"]["materials"],
        json!(["Edelstahl", "Oak", "Birch  plywood", "oak"]),
        "entries keep their texts"
    );

    // A tool term linking its thing: the step's tool links to it.
    let mut ph2 = term("tools", "ph2", "Phillips PH2 screwdriver");
    ph2["synonyms"] = json!({"default": "PH2 driver"});
    ph2["thing_id"] = json!(driver);
    app.post("/api/v1/terms", &ph2).await;
    let page = app.page(&format!("/stories/{story}"), "en").await;
    assert!(
        page.text.contains(&format!(
            "href=\"/things/{driver}\" title=\"Phillips PH2 screwdriver\""
        )),
        "{}",
        page.text
    );
    let page = app.page(&format!("/things/{chair}"), "de").await;
    assert!(
        page.text.contains(&format!(
            "href=\"/terms/{steel}\" title=\"Rostfreier Stahl\">Edelstahl</a>"
        )),
        "{}",
        page.text
    );

    // Search counts "Edelstahl" as the term, named in the reader's language, and finds
    // the chair by the term's other names.
    app.indexed().await;
    let after = material_facet(&app).await;
    assert_eq!(
        after.get("stainless_steel"),
        Some(&2),
        "one value: {after:?}"
    );
    assert_eq!(after.get("edelstahl"), None, "{after:?}");
    let found = crate::search::search(&app, "q=&lang=de&material=stainless_steel").await;
    let mut both = crate::search::ids(&found);
    both.sort();
    let mut expected = vec![chair.clone(), table.clone()];
    expected.sort();
    assert_eq!(both, expected, "{found}");
    let materials = found["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == json!("material"))
        .unwrap()
        .clone();
    let value = materials["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"] == json!("stainless_steel"))
        .unwrap()
        .clone();
    assert_eq!(value["label"], json!("Rostfreier Stahl"), "{materials}");
    // A filter may name the term in any of its spellings.
    let found = crate::search::search(&app, "q=&lang=en&material=Edelstahl").await;
    assert_eq!(crate::search::ids(&found).len(), 2, "{found}");
    let found = crate::search::search(&app, "q=stainless%20steel").await;
    assert!(crate::search::ids(&found).contains(&chair), "{found}");
}

/// The material facet of an empty search: value → count.
async fn material_facet(app: &TestApp) -> std::collections::BTreeMap<String, u64> {
    let found = crate::search::search(app, "q=&kind=thing").await;
    found["facets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|g| g["name"] == json!("material"))
        .flat_map(|g| g["values"].as_array().cloned().unwrap_or_default())
        .filter_map(|v| Some((v["value"].as_str()?.to_string(), v["count"].as_u64()?)))
        .collect()
}
