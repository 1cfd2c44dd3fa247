//! History, diffs, revert and stable step ids.

use crate::common::{thing, TestApp};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

async fn thing_with_two_versions(app: &TestApp) -> (String, String, String) {
    let t = app.post("/api/v1/things", &thing("Blender")).await.json();
    let id = t["id"].as_str().unwrap().to_string();
    let rev1 = t["revision"].as_str().unwrap().to_string();
    let mut edited = t.clone();
    edited["name"]["translations"]["de"] = json!("Mixer");
    edited["properties"]["materials"] = json!(["steel", "glass"]);
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/things/{id}"),
            Some(&edited),
            &[],
        )
        .await;
    let rev2 = r.json()["revision"].as_str().unwrap().to_string();
    (id, rev1, rev2)
}

#[tokio::test]
async fn diff_reports_field_level_changes() {
    let app = TestApp::new().await;
    let (id, rev1, rev2) = thing_with_two_versions(&app).await;
    let d = app
        .get(&format!("/api/v1/things/{id}/diff?from={rev1}&to={rev2}"))
        .await;
    assert_eq!(d.status, StatusCode::OK, "{}", d.text);
    let d = d.json();
    assert_eq!(d["from"]["id"], json!(rev1));
    let changes: Vec<(String, String)> = d["changes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            (
                c["path"].as_str().unwrap_or("").into(),
                c["change"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("name.translations.de".to_string(), "changed".to_string()),
            ("properties.materials".into(), "removed".into()),
            ("properties.materials".into(), "added".into()),
        ]
    );
    // `to` defaults to the latest revision.
    let latest = app
        .get(&format!("/api/v1/things/{id}/diff?from={rev1}"))
        .await
        .json();
    assert_eq!(latest["to"]["id"], json!(rev2));
    assert_eq!(
        app.get(&format!("/api/v1/things/{id}/diff")).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get(&format!("/api/v1/things/{id}/diff?from=nope"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let page = app
        .page(&format!("/things/{id}/diff?from={rev1}&to={rev2}"), "de")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        // The field in words, not its path (which only the page's hydration data holds).
        page.text.contains(">Name › Übersetzung › de</td>")
            && !page.text.contains(">name.translations.de<")
            && page.text.contains("Mixer")
            && page.text.contains("hinzugefügt"),
        "{}",
        page.text
    );
    let history = app.page(&format!("/things/{id}/history"), "en").await;
    assert!(history
        .text
        .contains(&format!("action=\"/things/{id}/diff\"")));
    assert!(history.text.contains("Revert to this version"));
}

#[tokio::test]
async fn revert_creates_a_new_revision_and_restores_deleted_entities() {
    let app = TestApp::new().await;
    let (id, rev1, rev2) = thing_with_two_versions(&app).await;
    let path = format!("/api/v1/things/{id}");
    let r = app
        .call(
            Method::POST,
            &format!("{path}/revert"),
            Some(&json!({"revision": rev1})),
            &[("if-match", &rev2)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let v = r.json();
    assert_eq!(v["name"]["translations"]["de"], json!("Blender (de)"));
    assert_ne!(v["revision"], json!(rev1));
    let history = app.get(&format!("{path}/history")).await.json();
    assert_eq!(history["items"].as_array().map(Vec::len), Some(3));

    // A revert from a stale base is an edit like any other: here it merges.
    let merged = app
        .call(
            Method::POST,
            &format!("{path}/revert"),
            Some(&json!({"revision": rev2})),
            &[("if-match", &rev1)],
        )
        .await;
    assert_eq!(merged.status, StatusCode::OK, "{}", merged.text);
    assert_eq!(merged.header("x-thingdata-merged"), "true");
    assert_eq!(merged.json()["name"]["translations"]["de"], json!("Mixer"));
    let bad = app
        .call(
            Method::POST,
            &format!("{path}/revert"),
            Some(&json!({})),
            &[],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    // A NUL cannot be stored in PostgreSQL text: it is an unknown revision, not a crash.
    let nul = app
        .call(
            Method::POST,
            &format!("{path}/revert"),
            Some(&json!({"revision": "#\u{0}d"})),
            &[],
        )
        .await;
    assert_eq!(nul.status, StatusCode::NOT_FOUND, "{}", nul.text);
    let nul_diff = app.get(&format!("{path}/diff?from=%00")).await;
    assert_eq!(
        nul_diff.status,
        StatusCode::BAD_REQUEST,
        "{}",
        nul_diff.text
    );

    // Delete, then bring it back from history.
    let r = app
        .call(Method::DELETE, &path, None, &[("x-confirm-delete", "true")])
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let history: Value = app.get(&format!("{path}/history")).await.json();
    let items = history["items"].as_array().cloned().unwrap();
    assert_eq!(items.last().map(|i| i["op"].clone()), Some(json!("delete")));
    let tombstone = items
        .last()
        .and_then(|i| i["id"].as_str())
        .unwrap()
        .to_string();
    let r = app
        .call(
            Method::POST,
            &format!("{path}/revert"),
            Some(&json!({"revision": tombstone})),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json()["error"]["details"][0]["code"],
        json!("revert_to_deletion")
    );
    let r = app
        .call(
            Method::POST,
            &format!("{path}/revert"),
            Some(&json!({"revision": rev2})),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        app.get(&path).await.json()["name"]["translations"]["de"],
        json!("Mixer")
    );
}

#[tokio::test]
async fn revert_works_from_the_history_page_without_javascript() {
    let app = TestApp::new().await;
    let (id, rev1, rev2) = thing_with_two_versions(&app).await;
    let r = app
        .form(
            "/sfn/revert",
            &[
                ("kind", "thing"),
                ("id", &id),
                ("revision", &rev1),
                ("base_revision", &rev2),
            ],
            &format!("http://td.test/things/{id}/history"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.header("location"), format!("/things/{id}?reverted=1"));
    let page = app.page(&r.header("location"), "en").await;
    assert!(page.text.contains("Reverted"));
    let r = app
        .form(
            "/sfn/revert",
            &[
                ("kind", "thing"),
                ("id", &id),
                ("revision", &rev1),
                ("base_revision", &"0".repeat(64)),
            ],
            "http://td.test/x",
        )
        .await;
    assert_eq!(
        r.header("location"),
        format!("/things/{id}/history?error=stale")
    );
}

#[tokio::test]
async fn steps_get_stable_ids() {
    let app = TestApp::new().await;
    let t = app.post("/api/v1/things", &thing("Kettle")).await.json();
    let story = json!({"thing_id": t["id"], "type": "repair", "title": {"default": "Fix"},
        "procedure": [{"order": 1, "description": {"default": "A"}}, {"order": 2, "description": {"default": "B"}}]});
    let s = app.post("/api/v1/stories", &story).await.json();
    let ids: Vec<&str> = s["procedure"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    // Sending them back keeps them.
    let mut edited = s.clone();
    edited["procedure"][1]["description"]["default"] = json!("B2");
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/stories/{}", s["id"].as_str().unwrap()),
            Some(&edited),
            &[],
        )
        .await
        .json();
    assert_eq!(r["procedure"][1]["id"], s["procedure"][1]["id"]);
}
