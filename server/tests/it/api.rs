//! The JSON API: create, read, list, filter, update, delete, references and error shapes.

use crate::common::{thing, TestApp};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

async fn create(app: &TestApp, kind: &str, body: Value) -> Value {
    let r = app.post(&format!("/api/v1/{kind}"), &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()
}

#[tokio::test]
async fn create_read_list_and_filter_things() {
    let app = TestApp::new().await;
    let r = app.post("/api/v1/things", &thing("Kettle")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let created = r.json();
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["uri"], json!(format!("http://td.test/things/{id}")));
    assert_eq!(
        r.header("etag"),
        format!("\"{}\"", created["revision"].as_str().unwrap())
    );
    assert_eq!(r.header("location"), format!("/api/v1/things/{id}"));
    assert!(created["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        uuid::Uuid::parse_str(&id)
            .map(|u| u.get_version_num())
            .unwrap_or(0),
        7
    );

    let got = app.get(&format!("/api/v1/things/{id}")).await;
    assert_eq!(got.status, StatusCode::OK);
    let mut read = got.json();
    // A read adds each text's translation states to what was created.
    let states = read
        .as_object_mut()
        .and_then(|o| o.remove("translation_states"));
    assert_eq!(
        states,
        Some(json!({"name": {"en": "original", "de": "current"}}))
    );
    assert_eq!(read, created);

    let mut tool = thing("Spudger");
    tool["type"] = json!("tool");
    tool["manufacturer"]["name"] = json!("iFixit");
    create(&app, "things", tool).await;
    let tools = app.get("/api/v1/things?type=tool").await.json();
    assert_eq!(tools["total"], json!(1));
    assert_eq!(tools["items"][0]["name"]["default"], json!("Spudger"));
    let by_maker = app.get("/api/v1/things?manufacturer=ifixit").await.json();
    assert_eq!(by_maker["total"], json!(1));
    let page = app.get("/api/v1/things?skip=1&limit=1").await.json();
    assert_eq!(page["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(page["total"], json!(2));
    for bad in ["limit=501", "limit=abc", "skip=-1"] {
        let r = app.get(&format!("/api/v1/things?{bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(r.json()["error"]["code"], json!("bad_parameter"));
    }
}

#[tokio::test]
async fn invalid_input_reports_every_problem() {
    let app = TestApp::new().await;
    let r = app
        .post(
            "/api/v1/things",
            &json!({"type": "spaceship", "name": {"default": ""}, "manufacturer": {"name": "X", "website": "nope"}, "extra": 1}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let err = r.json()["error"].clone();
    assert_eq!(err["code"], json!("invalid"));
    let paths: Vec<&str> = err["details"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["path"].as_str())
        .collect();
    for p in ["type", "name.default", "manufacturer.website", "extra"] {
        assert!(paths.contains(&p), "{p} missing from {paths:?}");
    }
    assert_eq!(app.get("/api/v1/things").await.json()["total"], json!(0));
}

#[tokio::test]
async fn transport_errors_are_json() {
    let app = TestApp::new().await;
    let r = app
        .call(
            Method::POST,
            "/api/v1/things",
            None,
            &[("content-type", "application/json")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"]["code"], json!("malformed_json"));

    let req = axum::http::Request::builder()
        .method(Method::POST)
        .uri("/api/v1/things")
        .header("content-type", "text/plain")
        .body(axum::body::Body::from("hello"))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(r.json()["error"]["code"], json!("unsupported_media_type"));

    let deep = format!("{}1{}", "[".repeat(25), "]".repeat(25));
    let req = axum::http::Request::builder()
        .method(Method::POST)
        .uri("/api/v1/things")
        .header("content-type", "application/json")
        .body(axum::body::Body::from(deep))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"]["code"], json!("too_deep"));

    let huge = format!("{{\"x\": \"{}\"}}", "a".repeat(11 * 1024 * 1024));
    let req = axum::http::Request::builder()
        .method(Method::POST)
        .uri("/api/v1/things")
        .header("content-type", "application/json")
        .body(axum::body::Body::from(huge))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.json()["error"]["code"], json!("too_large"));

    for path in [
        "/api/v1/things/0193a000-0000-7000-8000-000000000001",
        "/api/v1/things/not-a-uuid",
        "/api/v1/nothing",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(r.json()["error"]["code"], json!("not_found"));
    }
}

#[tokio::test]
async fn updates_use_the_base_revision() {
    let app = TestApp::new().await;
    let t = create(&app, "things", thing("Toaster")).await;
    let id = t["id"].as_str().unwrap();
    let rev1 = t["revision"].as_str().unwrap().to_string();
    let path = format!("/api/v1/things/{id}");

    let mut edited = t.clone();
    edited["name"]["default"] = json!("Toaster 2000");
    let r = app
        .call(
            Method::PUT,
            &path,
            Some(&edited),
            &[("if-match", &format!("\"{rev1}\""))],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let rev2 = r.json()["revision"].as_str().unwrap().to_string();
    assert_ne!(rev1, rev2);

    // A stale base that touches the same field cannot merge: 409 with both versions.
    let mut stale = t.clone();
    stale["name"]["default"] = json!("Lost update");
    let r = app
        .call(Method::PUT, &path, Some(&stale), &[("if-match", &rev1)])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let err = r.json()["error"].clone();
    assert_eq!(err["code"], json!("conflict"));
    assert_eq!(
        err["details"]["theirs"]["name"]["default"],
        json!("Toaster 2000")
    );
    assert_eq!(
        err["details"]["ours"]["name"]["default"],
        json!("Lost update")
    );
    assert_eq!(err["details"]["fields"][0]["path"], json!("name.default"));
    assert_eq!(app.get(&path).await.json()["revision"], json!(rev2));

    // An unknown base cannot be merged at all.
    let mut via_body = stale.clone();
    via_body["base_revision"] = json!("f".repeat(64));
    let r = app.call(Method::PUT, &path, Some(&via_body), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json()["error"]["code"], json!("stale"));

    let r = app
        .call(
            Method::PATCH,
            &path,
            Some(&json!({"properties": {"serial_number": "SN-1"}})),
            &[("if-match", &rev2)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let patched = r.json();
    assert_eq!(patched["properties"]["serial_number"], json!("SN-1"));
    assert_eq!(patched["name"]["default"], json!("Toaster 2000"));

    let r = app
        .call(Method::PATCH, &path, Some(&json!({"type": "banana"})), &[])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    let history = app.get(&format!("{path}/history")).await.json();
    let items = history["items"].as_array().cloned().unwrap();
    let ops: Vec<&str> = items.iter().filter_map(|i| i["op"].as_str()).collect();
    assert_eq!(ops, ["create", "update", "update", "update"]);
    assert_eq!(items[1]["parents"], json!([rev1]));
    // The conflicting edit stays in history as a branch from rev1.
    assert_eq!(items[2]["parents"], json!([rev1]));
}

#[tokio::test]
async fn revisions_are_content_addressed_and_signed() {
    use sha2_check::verify_revision;
    let app = TestApp::new().await;
    let t = create(&app, "things", thing("Radio")).await;
    let id = t["id"].as_str().unwrap();
    let history = app
        .get(&format!("/api/v1/things/{id}/history"))
        .await
        .json();
    let rev = history["items"][0].clone();
    let key = app.state.knowledge.public_key_hex();
    assert!(verify_revision(&rev, &key));
    let mut forged = rev.clone();
    forged["body"]["name"]["default"] = json!("Forged");
    assert!(!verify_revision(&forged, &key));
    // The key file is private to the owner.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(app.settings.data_dir.join("instance.key")).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    }
}

mod sha2_check {
    use domain::revision::Revision;
    use serde_json::Value;

    pub fn verify_revision(v: &Value, key_hex: &str) -> bool {
        let Ok(rev) = serde_json::from_value::<Revision>(v.clone()) else {
            return false;
        };
        rev.content_id() == rev.id
            && domain::revision::verify_signature(key_hex, rev.id.as_bytes(), &rev.signature)
    }
}

#[tokio::test]
async fn delete_needs_confirmation_keeps_history_and_cascades() {
    let app = TestApp::new().await;
    let a = create(&app, "things", thing("Mixer")).await;
    let mut motor = thing("Motor");
    motor["type"] = json!("component");
    let b = create(&app, "things", motor).await;
    let (a_id, b_id) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());
    let rel = create(
        &app,
        "relationships",
        json!({"source_type": "thing", "source_id": b_id, "target_type": "thing", "target_id": a_id,
               "relationship_type": "part_of", "direction": "unidirectional"}),
    )
    .await;
    let path = format!("/api/v1/things/{a_id}");
    let r = app.call(Method::DELETE, &path, None, &[]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"]["code"], json!("confirmation_required"));
    let r = app
        .call(Method::DELETE, &path, None, &[("x-confirm-delete", "true")])
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
    let history = app.get(&format!("{path}/history")).await.json();
    assert_eq!(history["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(history["items"][1]["op"], json!("delete"));
    let rel_path = format!("/api/v1/relationships/{}", rel["id"].as_str().unwrap());
    assert_eq!(app.get(&rel_path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/api/v1/things/{b_id}")).await.status,
        StatusCode::OK
    );
    let r = app
        .call(Method::DELETE, &path, None, &[("x-confirm-delete", "true")])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn references_are_checked() {
    let app = TestApp::new().await;
    let t = create(&app, "things", thing("Laptop")).await;
    let tid = t["id"].as_str().unwrap().to_string();
    let missing = "0193a000-0000-7000-8000-00000000dead";
    let story = |thing_id: &str| {
        json!({"thing_id": thing_id, "type": "repair", "title": {"default": "Fix hinge"},
               "procedure": [{"order": 1, "description": {"default": "Open the case"}, "tools": ["spudger"]}]})
    };
    let r = app.post("/api/v1/stories", &story(missing)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["details"][0]["code"], json!("not_found"));
    let s = create(&app, "stories", story(&tid)).await;
    let sid = s["id"].as_str().unwrap().to_string();

    let filtered = app
        .get(&format!("/api/v1/stories?thing_id={tid}&type=repair"))
        .await
        .json();
    assert_eq!(filtered["total"], json!(1));

    let rel = |st: &str, sid: &str, tt: &str, tid: &str, dir: &str| {
        json!({"source_type": st, "source_id": sid, "target_type": tt, "target_id": tid,
               "relationship_type": "applies_to", "direction": dir})
    };
    let r = app
        .post(
            "/api/v1/relationships",
            &rel("thing", &sid, "thing", &tid, "unidirectional"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json()["error"]["details"][0]["code"],
        json!("type_mismatch")
    );
    let r = app
        .post(
            "/api/v1/relationships",
            &rel("thing", &tid, "thing", &tid, "unidirectional"),
        )
        .await;
    assert_eq!(
        r.json()["error"]["details"][0]["code"],
        json!("self_relationship")
    );
    create(
        &app,
        "relationships",
        rel("story", &sid, "thing", &tid, "bidirectional"),
    )
    .await;
    let r = app
        .post(
            "/api/v1/relationships",
            &rel("thing", &tid, "story", &sid, "unidirectional"),
        )
        .await;
    // Otherwise valid, it only conflicts with what exists.
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(r.json()["error"]["code"], json!("duplicate_relationship"));
    assert_eq!(
        r.json()["error"]["details"][0]["code"],
        json!("duplicate_relationship")
    );

    // Bidirectional relationships are both incoming and outgoing at each end.
    let rels = app
        .get(&format!("/api/v1/things/{tid}/relationships"))
        .await
        .json();
    assert_eq!(rels["incoming"].as_array().map(Vec::len), Some(1));
    assert_eq!(rels["outgoing"].as_array().map(Vec::len), Some(1));
    let rels = app
        .get(&format!("/api/v1/stories/{sid}/relationships"))
        .await
        .json();
    assert_eq!(rels["outgoing"].as_array().map(Vec::len), Some(1));
    let by_source = app
        .get(&format!(
            "/api/v1/relationships?source_id={sid}&relationship_type=applies_to"
        ))
        .await
        .json();
    assert_eq!(by_source["total"], json!(1));
}

#[tokio::test]
async fn preflight_checks_without_writing() {
    let app = TestApp::new().await;
    let r = app
        .post(
            "/api/v1/preflight",
            &json!({"kind": "thing", "entity": thing("Drill")}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({"valid": true, "problems": []}));
    let r = app
        .post(
            "/api/v1/preflight",
            &json!({"items": [
                {"kind": "thing", "entity": thing("Drill")},
                {"kind": "guides", "entity": {"type": {"primary": "novel"}, "content": {}}}
            ]}),
        )
        .await;
    let v = r.json();
    assert_eq!(v["valid"], json!(false));
    assert_eq!(v["results"][0]["valid"], json!(true));
    let codes: Vec<&str> = v["results"][1]["problems"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["code"].as_str())
        .collect();
    assert!(
        codes.contains(&"not_in_vocabulary")
            && codes.contains(&"required")
            && codes.contains(&"one_of_required"),
        "{codes:?}"
    );
    let r = app
        .post(
            "/api/v1/preflight",
            &json!({"kind": "spaceship", "entity": {}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/api/v1/things").await.json()["total"], json!(0));
}

#[tokio::test]
async fn openapi_health_and_metrics() {
    let app = TestApp::new().await;
    let doc = app.get("/api/v1/openapi.json").await.json();
    assert_eq!(doc["openapi"], json!("3.1.0"));
    for p in [
        "/api/v1/things",
        "/api/v1/stories/{id}",
        "/api/v1/guides/{id}/history",
        "/api/v1/relationships/{id}/relationships",
        "/api/v1/preflight",
        "/api/v1/things/{id}/diff",
        "/api/v1/guides/{id}/revert",
        "/health",
    ] {
        assert!(doc["paths"].get(p).is_some(), "{p} undocumented");
    }
    // Every status the guards send is documented where they can send it.
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            let mut expected = vec!["400", "401", "429"];
            if method != "get" {
                expected.push("403");
            }
            if op.get("requestBody").is_some() {
                expected.extend(["413", "415"]);
            }
            for code in expected {
                assert!(
                    op["responses"].get(code).is_some(),
                    "{method} {path} does not document {code}"
                );
            }
        }
    }
    let r = app
        .call(
            Method::PATCH,
            "/api/v1/things/01930000-0000-7000-8000-000000000001",
            None,
            &[("content-type", "text/plain")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{}", r.text);
    let h = app.get("/health").await;
    assert_eq!(h.status, StatusCode::OK);
    let h = h.json();
    assert_eq!(h["status"], json!("ok"));
    assert_eq!(h["components"]["database"]["status"], json!("ok"));
    assert!(h["version"].is_string() && h["timestamp"].is_string() && h["metrics"].is_object());
    let m = app.get("/metrics").await;
    assert!(m.text.contains("thingdata_up 1"), "{}", m.text);
    let page = app.page("/api", "en").await;
    assert!(page.text.contains("/api/v1/preflight"));
}

/// The documented schemas say what the API enforces: an empty body is refused for
/// exactly the documented required fields, and a documented choice lists what is
/// accepted.
#[tokio::test]
async fn documented_schemas_match_what_the_api_enforces() {
    let app = TestApp::new().await;
    let doc = app.get("/api/v1/openapi.json").await.json();
    let schemas = &doc["components"]["schemas"];
    for (kind, plural) in [
        ("thing", "things"),
        ("story", "stories"),
        ("guide", "guides"),
        ("relationship", "relationships"),
    ] {
        let mut documented: Vec<String> = schemas[kind]["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        documented.sort();
        let r = app.post(&format!("/api/v1/{plural}"), &json!({})).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        let mut refused: Vec<String> = r.json()["error"]["details"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["code"] == json!("required"))
            .map(|p| p["path"].as_str().unwrap().to_string())
            .collect();
        refused.sort();
        assert_eq!(documented, refused, "{kind}");
        assert!(schemas[format!("{kind}_entity")]["properties"]["revision"].is_object());
    }
    let mut bad = thing("Kettle");
    bad["type"] = json!("spaceship");
    let r = app.post("/api/v1/things", &bad).await;
    let allowed = r.json()["error"]["details"][0]["params"]["allowed"].clone();
    let documented: Vec<&str> = schemas["thing"]["properties"]["type"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(allowed, json!(documented.join(", ")));
}

#[tokio::test]
async fn demo_data_is_rich_and_idempotent() {
    let app = TestApp::new().await;
    let first = server::demo::load(&app.state.knowledge).await.unwrap();
    assert!(first.created >= 30 + 15 + 10 + 60);
    let second = server::demo::load(&app.state.knowledge).await.unwrap();
    assert_eq!(second.created, 0);
    assert_eq!(second.existing, first.created);
    let c = app.state.knowledge.counts().await.unwrap();
    assert!(
        c.things >= 30 && c.stories >= 15 && c.guides >= 10 && c.relationships >= 60,
        "{c:?}"
    );
}
