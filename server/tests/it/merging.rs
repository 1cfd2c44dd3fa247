//! Concurrent edits: disjoint changes merge, overlapping ones become conflicts an expert
//! resolves.

use crate::common::{thing, TestApp};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

struct Entity {
    path: String,
    body: Value,
    rev: String,
}

async fn created(app: &TestApp, kind: &str, body: Value) -> Entity {
    let r = app.post(&format!("/api/v1/{kind}"), &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let body = r.json();
    Entity {
        path: format!("/api/v1/{kind}/{}", body["id"].as_str().unwrap()),
        rev: body["revision"].as_str().unwrap().to_string(),
        body,
    }
}

async fn put(app: &TestApp, e: &Entity, body: &Value) -> crate::common::Reply {
    app.call(Method::PUT, &e.path, Some(body), &[("if-match", &e.rev)])
        .await
}

/// A JSON merge patch based on the revision `e` was created with.
async fn patch_from(app: &TestApp, e: &Entity, body: Value) -> crate::common::Reply {
    app.call(Method::PATCH, &e.path, Some(&body), &[("if-match", &e.rev)])
        .await
}

/// Applies `first` and then `second`, both based on the original revision.
async fn concurrently(
    app: &TestApp,
    e: &Entity,
    first: impl Fn(&mut Value),
    second: impl Fn(&mut Value),
) -> crate::common::Reply {
    let mut a = e.body.clone();
    first(&mut a);
    let r = put(app, e, &a).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let mut b = e.body.clone();
    second(&mut b);
    put(app, e, &b).await
}

#[tokio::test]
async fn disjoint_fields_merge_into_a_two_parent_revision() {
    let app = TestApp::new().await;
    let e = created(&app, "things", thing("Kettle")).await;
    let r = concurrently(
        &app,
        &e,
        |b| b["properties"]["serial_number"] = json!("K-1"),
        |b| b["name"]["default"] = json!("Electric kettle"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.header("x-thingdata-merged"), "true");
    let v = r.json();
    assert_eq!(v["properties"]["serial_number"], json!("K-1"));
    assert_eq!(v["name"]["default"], json!("Electric kettle"));
    let history = app.get(&format!("{}/history", e.path)).await.json();
    let last = history["items"]
        .as_array()
        .and_then(|i| i.last())
        .cloned()
        .unwrap();
    assert_eq!(last["author"], json!("thingdata:merge"));
    assert_eq!(last["parents"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["revision"], last["id"]);
    let page = app
        .page(
            &format!("/things/{}/history", v["id"].as_str().unwrap()),
            "en",
        )
        .await;
    assert!(page.text.contains("Automatic merge of"));
}

#[tokio::test]
async fn disjoint_languages_and_set_lists_merge() {
    let app = TestApp::new().await;
    let e = created(&app, "things", thing("Kettle")).await;
    let r = concurrently(
        &app,
        &e,
        |b| {
            b["name"]["translations"]["fr"] = json!("Bouilloire");
            b["properties"]["materials"] = json!(["steel", "abs plastic", "glass"]);
        },
        |b| {
            b["name"]["translations"]["de"] = json!("Wasserkocher");
            b["properties"]["materials"] = json!(["steel"]);
        },
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let v = r.json();
    assert_eq!(
        v["name"]["translations"],
        json!({"de": "Wasserkocher", "fr": "Bouilloire"})
    );
    assert_eq!(v["properties"]["materials"], json!(["steel", "glass"]));
}

#[tokio::test]
async fn procedure_steps_merge_by_identity() {
    let app = TestApp::new().await;
    let t = created(&app, "things", thing("Mixer")).await;
    let story = json!({"thing_id": t.body["id"], "type": "repair", "title": {"default": "New brushes"}, "procedure": [
        {"order": 1, "description": {"default": "Unplug"}},
        {"order": 2, "description": {"default": "Open"}}]});
    let e = created(&app, "stories", story).await;
    let r = concurrently(
        &app,
        &e,
        |b| b["procedure"][0]["description"]["default"] = json!("Unplug it first"),
        |b| {
            if let Some(steps) = b["procedure"].as_array_mut() {
                steps.push(json!({"order": 3, "description": {"default": "Replace the brushes"}}));
            }
        },
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let texts: Vec<String> = r.json()["procedure"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["description"]["default"].as_str().map(str::to_string))
        .collect();
    assert_eq!(texts, ["Unplug it first", "Open", "Replace the brushes"]);
}

#[tokio::test]
async fn same_field_conflicts_and_an_expert_resolves_it() {
    let app = TestApp::new().await;
    let e = created(&app, "things", thing("Kettle")).await;
    let r = concurrently(
        &app,
        &e,
        |b| b["name"]["default"] = json!("Water boiler"),
        |b| {
            b["name"]["default"] = json!("Electric kettle");
            b["properties"]["serial_number"] = json!("K-9");
        },
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let details = r.json()["error"]["details"].clone();
    let id = details["conflict_id"].as_str().unwrap().to_string();
    assert_eq!(details["fields"][0]["path"], json!("name.default"));
    assert_eq!(details["base"]["name"]["default"], json!("Kettle"));
    assert_eq!(details["ours"]["name"]["default"], json!("Electric kettle"));
    assert_eq!(details["theirs"]["name"]["default"], json!("Water boiler"));
    // The earlier edit stays current until an expert decides.
    assert_eq!(
        app.get(&e.path).await.json()["name"]["default"],
        json!("Water boiler")
    );

    let list = app.get("/api/v1/conflicts").await.json();
    assert_eq!(list["total"], json!(1));
    assert_eq!(list["items"][0]["conflict_id"], json!(id));
    let one = app.get(&format!("/api/v1/conflicts/{id}")).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/conflicts/nope").await.status,
        StatusCode::NOT_FOUND
    );

    let page = app.page(&format!("/conflicts/{id}"), "en").await;
    assert!(page.text.contains("Electric kettle") && page.text.contains("Water boiler"));
    let queue = app.page("/conflicts", "de").await.text;
    assert!(
        queue.contains("Name › Originaltext") && !queue.contains("name.default"),
        "the queue names the field in words: {queue}"
    );

    let r = app
        .post(
            &format!("/api/v1/conflicts/{id}/resolve"),
            &json!({"choices": {"name.default": "theirs"}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let v = r.json();
    assert_eq!(v["name"]["default"], json!("Water boiler"));
    // The non-conflicting part of the later edit is kept.
    assert_eq!(v["properties"]["serial_number"], json!("K-9"));
    let history = app.get(&format!("{}/history", e.path)).await.json();
    let last = history["items"]
        .as_array()
        .and_then(|i| i.last())
        .cloned()
        .unwrap();
    assert_eq!(last["parents"].as_array().map(Vec::len), Some(2));
    assert_eq!(app.get("/api/v1/conflicts").await.json()["total"], json!(0));
    let again = app
        .post(
            &format!("/api/v1/conflicts/{id}/resolve"),
            &json!({"choices": {}}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json()["error"]["code"], json!("conflict_closed"));
}

#[tokio::test]
async fn conflicts_resolve_from_the_page_without_javascript() {
    let app = TestApp::new().await;
    let e = created(&app, "things", thing("Kettle")).await;
    let r = concurrently(
        &app,
        &e,
        |b| b["name"]["default"] = json!("Water boiler"),
        |b| b["name"]["default"] = json!("Electric kettle"),
    )
    .await;
    let id = r.json()["error"]["details"]["conflict_id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .form(
            "/sfn/resolve",
            &[
                ("id", &id),
                ("c[pick.0]", "custom"),
                ("c[custom.0]", "Electric water boiler"),
            ],
            &format!("http://td.test/conflicts/{id}"),
        )
        .await;
    let loc = r.header("location");
    assert!(loc.ends_with("?resolved=1"), "{loc}");
    assert_eq!(
        app.get(&e.path).await.json()["name"]["default"],
        json!("Electric water boiler")
    );
    assert!(app
        .page(&loc, "en")
        .await
        .text
        .contains("Conflict resolved"));
}

#[tokio::test]
async fn a_step_deleted_on_one_side_and_edited_on_the_other_conflicts() {
    let app = TestApp::new().await;
    let t = created(&app, "things", thing("Mixer")).await;
    let story = json!({"thing_id": t.body["id"], "type": "repair", "title": {"default": "Brushes"}, "procedure": [
        {"order": 1, "description": {"default": "Unplug"}},
        {"order": 2, "description": {"default": "Open"}}]});
    let e = created(&app, "stories", story).await;
    let step_id = e.body["procedure"][1]["id"].as_str().unwrap().to_string();
    let r = concurrently(
        &app,
        &e,
        |b| {
            if let Some(steps) = b["procedure"].as_array_mut() {
                steps.truncate(1);
            }
        },
        |b| b["procedure"][1]["description"]["default"] = json!("Open the housing"),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(
        r.json()["error"]["details"]["fields"][0]["path"],
        json!(format!("procedure.{step_id}"))
    );
    let history = app
        .page(
            &format!("/stories/{}/history", e.body["id"].as_str().unwrap()),
            "en",
        )
        .await;
    assert!(history.text.contains("Based on"));
}

/// Edits that all name the same, real revision in If-Match and arrive at once merge
/// (or would conflict); none is answered `stale`, none fails. Several of them read the
/// same head and race to write on it; the losers must merge, not give up.
#[tokio::test]
async fn simultaneous_edits_from_one_known_revision_all_merge() {
    let app = TestApp::new().await;
    let e = created(&app, "things", thing("Kettle")).await;
    let patch = |body: Value| patch_from(&app, &e, body);
    let replies = tokio::join!(
        patch(json!({"identifier": "thing:kettle"})),
        patch(json!({"description": {"default": "Boils water"}})),
        patch(json!({"properties": {"serial_number": "K-1"}})),
        patch(json!({"name": {"default": "Electric kettle"}})),
    );
    for r in [replies.0, replies.1, replies.2, replies.3] {
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
    let now = app.get(&e.path).await.json();
    assert_eq!(now["identifier"], "thing:kettle", "{now}");
    assert_eq!(now["description"]["default"], "Boils water", "{now}");
    assert_eq!(now["properties"]["serial_number"], "K-1", "{now}");
    assert_eq!(now["name"]["default"], "Electric kettle", "{now}");
}

/// While a conflict waits for an expert, an edit from an older revision is judged
/// against the current version: other fields are saved at once; the same field joins the
/// conflict, which lists only the fields its two shown versions disagree on.
#[tokio::test]
async fn an_open_conflict_takes_edits_to_other_fields_and_lists_only_disputed_ones() {
    let app = TestApp::new().await;
    let e = created(&app, "things", thing("Kettle")).await;
    let patch = |body: Value| patch_from(&app, &e, body);
    let r =
        patch(json!({"name": {"default": "Water boiler"}, "properties": {"serial_number": "1"}}))
            .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = patch(
        json!({"name": {"default": "Electric kettle"}, "properties": {"serial_number": "1"}}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    let fields = |r: &crate::common::Reply| -> Vec<String> {
        r.json()["error"]["details"]["fields"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                assert_ne!(f["ours"], f["theirs"], "listed though both agree: {f}");
                f["path"].as_str().unwrap_or_default().to_string()
            })
            .collect()
    };
    assert_eq!(fields(&r), ["name.default"]);

    // A different field, from the same old revision: saved and shown at once.
    let r = patch(json!({"description": {"default": "Boils water"}})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.header("x-thingdata-merged"), "true");
    let now = app.get(&e.path).await.json();
    assert_eq!(now["description"]["default"], "Boils water", "{now}");
    assert_eq!(now["name"]["default"], "Water boiler", "{now}");
    assert_eq!(now["properties"]["serial_number"], "1", "{now}");
    let open = app.get("/api/v1/conflicts").await.json();
    assert_eq!(open["total"], json!(1), "{open}");

    // The disputed field again: it joins the conflict, still listed alone.
    let r = patch(json!({"name": {"default": "Jug"}})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(fields(&r), ["name.default"]);
    assert_eq!(
        r.json()["error"]["details"]["ours"]["name"]["default"],
        "Jug"
    );
    assert_eq!(
        r.json()["error"]["details"]["theirs"]["description"]["default"],
        "Boils water"
    );
}
