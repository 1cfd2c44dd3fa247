//! Photos on pages: entries and steps show theirs, lists, search results and cards show
//! each entry's cover, and the no-JavaScript forms add photos and markers.

use crate::common::{Reply, TestApp};
use crate::media::{decoded, encode, halves, multipart, pdf, stored, upload, BOUNDARY};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use image::ImageFormat;
use serde_json::{json, Value};

#[tokio::test]
async fn entries_and_steps_show_their_photos_and_refuse_unknown_ones() {
    let app = TestApp::new().await;
    let photo = stored(&app, &halves(1200, 800), "kettle.jpg").await;
    let step_photo = stored(&app, &halves(500, 500), "switch.jpg").await;
    let unknown = "e".repeat(64);
    let story = serde_json::json!({
        "type": "repair",
        "thing_category": {"category": "Kettle"},
        "title": {"lang": "en", "default": "Replace the kettle switch"},
        "media": [{"id": photo, "alt": {"lang": "en", "default": "A kettle on its base", "translations": {"de": "Ein Wasserkocher auf seinem Sockel"}},
                   "caption": {"lang": "en", "default": "Before the repair"},
                   "markers": [{"shape": "point", "x": 0.4, "y": 0.5, "label": {"lang": "en", "default": "The switch"}}]}],
        "procedure": [{"order": 1, "description": {"lang": "en", "default": "Open the base"},
                       "media": [{"id": step_photo, "alt": {"lang": "en", "default": "Four screws under the base"}}]}]
    });
    let mut bad = story.clone();
    bad["procedure"][0]["media"][0]["id"] = Value::String(unknown);
    bad["media"][0]["markers"][0]["x"] = serde_json::json!(1.5);
    let r = app.post("/api/v1/stories", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let problems = r.json()["error"]["details"].clone();
    let at = |path: &str| {
        problems
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["path"] == path)
            .map(|p| p["code"].clone())
    };
    assert_eq!(
        at("procedure.0.media.0.id"),
        Some(Value::from("unknown_media")),
        "{problems}"
    );
    assert_eq!(
        at("media.0.markers.0.x"),
        Some(Value::from("out_of_range")),
        "{problems}"
    );

    let r = app.post("/api/v1/stories", &story).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_string();
    let page = app.page(&format!("/stories/{id}"), "de").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = &page.text;
    assert!(
        html.contains("alt=\"Ein Wasserkocher auf seinem Sockel\""),
        "alt text in the reader's language"
    );
    assert!(
        html.contains(&format!("/media/{photo}/w320 320w")),
        "a srcset of the variants"
    );
    assert!(
        html.contains(&format!("href=\"/media/{photo}/original\"")),
        "the original one click away"
    );
    assert!(
        html.contains("id=\"media-1\"") && html.contains("href=\"#media-1\""),
        "a lightbox to open"
    );
    assert!(
        html.contains("id=\"step-1-1\""),
        "the step's photo has its own"
    );
    assert!(html.contains("alt=\"Four screws under the base\""));
    assert!(
        html.contains("The switch") && html.contains("class=\"markers\""),
        "markers and their legend"
    );
    assert!(
        html.contains("src=\"data:image/png;base64,"),
        "a placeholder painted first"
    );
    assert!(
        html.contains(&format!(
            "property=\"og:image\" content=\"http://td.test/media/{photo}/w1200\""
        )),
        "the main photo for shared previews"
    );
    let small = app.get(&format!("/media/{step_photo}/w320")).await;
    assert_eq!(small.status, StatusCode::OK, "w320 finds the smallest copy");
    assert_eq!(decoded(&small.bytes).width(), 320);

    // The edit form carries the photos, so saving it keeps them.
    let form = app
        .page_as(&format!("/stories/{id}/edit"), "en", Some(&app.cookie))
        .await;
    assert!(
        form.text.contains(&format!("value=\"{photo}\"")),
        "the entry's photo in the form"
    );
    assert!(
        form.text.contains(&format!("value=\"{step_photo}\"")),
        "the step's photo in the form"
    );
}

#[tokio::test]
async fn lists_search_results_and_cards_show_each_entrys_first_photo() {
    let app = TestApp::new().await;
    let manual = upload(&app, "manual.pdf", &pdf()).await.json()["hash"]
        .as_str()
        .unwrap()
        .to_string();
    let photo = stored(&app, &halves(1200, 900), "kettle.jpg").await;
    let step_photo = stored(&app, &halves(800, 600), "switch.jpg").await;
    let mut thing = crate::common::thing("Kettle");
    thing["media"] = json!([{"id": manual},
        {"id": photo, "alt": {"default": "The kettle", "translations": {"de": "Der Wasserkocher"}}}]);
    let r = app.post("/api/v1/things", &thing).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let thing_id = r.json()["id"].as_str().unwrap().to_string();
    let story = json!({"type": "repair", "thing_id": thing_id, "title": {"default": "Kettle switch swap"},
        "procedure": [{"order": 1, "description": {"default": "Open the base"}, "media": [{"id": step_photo}]}]});
    let r = app.post("/api/v1/stories", &story).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let plain = app
        .post("/api/v1/things", &crate::common::thing("Kettle lid"))
        .await;
    assert_eq!(plain.status, StatusCode::CREATED);
    app.indexed().await;

    let cover = |hash: &str| format!("<img src=\"/media/{hash}/w320\"");
    let list = app.page("/things", "en").await.text;
    assert!(
        list.contains(&cover(&photo)),
        "the first photo, not the PDF before it"
    );
    assert_eq!(
        list.matches("class=\"cover\"").count(),
        1,
        "the lid has none"
    );
    let things_page = app.page(&format!("/things/{thing_id}"), "en").await.text;
    assert!(
        things_page.contains(&cover(&step_photo)),
        "the story that applies shows its step's photo"
    );

    let hits = app.get("/api/v1/search?q=kettle&lang=de").await.json();
    let kettle = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == thing_id.as_str())
        .unwrap()
        .clone();
    assert_eq!(kettle["cover"]["hash"], photo.as_str());
    assert_eq!(kettle["cover"]["alt"], "Der Wasserkocher");
    assert_eq!(
        (
            kettle["cover"]["width"].as_u64(),
            kettle["cover"]["height"].as_u64()
        ),
        (Some(1200), Some(900))
    );
    let served = app.get(kettle["cover"]["src"].as_str().unwrap()).await;
    assert_eq!(decoded(&served.bytes).width(), 320);
    let results = app.page("/search?q=kettle", "en").await.text;
    assert!(results.contains(&cover(&photo)), "{results}");
    assert!(results.contains(&cover(&step_photo)));
    assert!(results.contains("class=\"cover-link\""));
}

#[tokio::test]
async fn the_upload_form_says_how_large_a_file_may_be_and_what_the_quota_leaves() {
    let app = TestApp::with(|s| {
        s.limits.media_max_bytes = 1_500_000;
        s.limits.media_quota_per_user_bytes = 2_000_000;
    })
    .await;
    let r = app
        .post("/api/v1/things", &crate::common::thing("Radio"))
        .await;
    let path = format!("/things/{}", r.json()["id"].as_str().unwrap());
    let page = app.page_as(&path, "en", Some(&app.cookie)).await.text;
    assert!(page.contains("up to 1.5 MB each"), "{page}");
    assert!(page.contains("You can upload 2.0 MB more."));
    // Noise, so the file is large enough to show in the figure.
    let noise = image::RgbImage::from_fn(600, 400, |x, y| {
        let n = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)).wrapping_mul(2_654_435_761);
        image::Rgb([(n >> 8) as u8, (n >> 16) as u8, (n >> 24) as u8])
    });
    let photo = encode(&image::DynamicImage::ImageRgb8(noise), ImageFormat::Png);
    let used = upload(&app, "radio.png", &photo).await;
    assert_eq!(used.status, StatusCode::CREATED, "{}", used.text);
    let page = app.page_as(&path, "de", Some(&app.cookie)).await.text;
    assert!(page.contains("je bis 1.5 MB"), "{page}");
    assert!(
        !page.contains("noch 2.0 MB"),
        "what the upload took is counted"
    );
    assert!(page.contains("Sie können noch "));
    let anonymous = app.page(&path, "en").await.text;
    assert!(anonymous.contains("up to 1.5 MB each"));
    assert!(!anonymous.contains("You can upload"));
}

/// The entry page's form without JavaScript: a multipart post with the session cookie.
async fn add_photos(
    app: &TestApp,
    path: &str,
    parts: &[(&str, Option<&str>, &[u8])],
    cookie: Option<&str>,
) -> Reply {
    let body = multipart(parts, "image/jpeg");
    let req = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("origin", "http://td.test")
        .header("accept-language", "de")
        .header("cookie", cookie.unwrap_or(""))
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

#[tokio::test]
async fn photos_are_added_to_a_step_from_the_page_without_javascript() {
    let app = TestApp::new().await;
    let story = serde_json::json!({
        "type": "repair", "thing_category": {"category": "Kettle"},
        "title": {"lang": "de", "default": "Schalter tauschen"},
        "procedure": [{"order": 1, "description": {"lang": "de", "default": "Boden öffnen"}},
                      {"order": 2, "description": {"lang": "de", "default": "Schalter lösen"}}]
    });
    let r = app.post("/api/v1/stories", &story).await;
    let created = r.json();
    let id = created["id"].as_str().unwrap().to_string();
    let step_two = created["procedure"][1]["id"].as_str().unwrap().to_string();
    let page = app
        .page_as(&format!("/stories/{id}"), "de", Some(&app.cookie))
        .await;
    assert!(
        page.text
            .contains(&format!("action=\"/stories/{id}/media\"")),
        "the page offers the form"
    );
    assert!(page.text.contains("enctype=\"multipart/form-data\""));
    assert!(
        page.text
            .contains(&format!("<option value=\"{step_two}\">")),
        "each step can take photos"
    );

    let anonymous = add_photos(
        &app,
        &format!("/stories/{id}/media"),
        &[("file", Some("a.jpg"), b"x")],
        None,
    )
    .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(
        anonymous.header("location").starts_with("/login?next="),
        "{}",
        anonymous.header("location")
    );

    let photo = encode(&halves(640, 480), ImageFormat::Jpeg);
    let mut polyglot = encode(&halves(64, 48), ImageFormat::Png);
    polyglot.extend_from_slice(b"<script>alert(1)</script>");
    let r = add_photos(
        &app,
        &format!("/stories/{id}/media"),
        &[
            ("step", None, step_two.as_bytes()),
            ("alt", None, "Der Schalter von unten".as_bytes()),
            ("file", Some("schalter.jpg"), &photo),
            ("file", Some("böse.png"), &polyglot),
        ],
        Some(&app.cookie),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let to = r.header("location");
    assert!(
        to.contains("media_added=1") && to.contains("media_error=polyglot"),
        "{to}"
    );
    let back = app.page_as(&to, "de", Some(&app.cookie)).await;
    assert!(
        back.text.contains("Eine Datei hinzugefügt."),
        "the notice in the reader's language"
    );
    assert!(
        back.text
            .contains("böse.png: Die Datei verbirgt eine zweite Datei"),
        "the refusal, in German"
    );
    assert!(
        back.text.contains("alt=\"Der Schalter von unten\""),
        "the photo with its alt text"
    );
    assert!(
        back.text.contains("id=\"step-2-1\""),
        "under the second step"
    );
    let entity = app.get(&format!("/api/v1/stories/{id}")).await.json();
    assert_eq!(
        entity["procedure"][1]["media"][0]["alt"]["lang"], "de",
        "alt text in the author's language"
    );
    assert!(entity["procedure"][0]["media"]
        .as_array()
        .is_none_or(|m| m.is_empty()));
    let none = add_photos(
        &app,
        &format!("/stories/{id}/media"),
        &[("file", Some(""), b"")],
        Some(&app.cookie),
    )
    .await;
    assert!(none.header("location").contains("media_error=no_file"));
}

#[tokio::test]
async fn a_marker_with_a_label_is_added_in_the_edit_form_without_javascript() {
    let app = TestApp::new().await;
    let hash = stored(&app, &halves(600, 400), "board.jpg").await;
    let mut t = crate::common::thing("Amplifier");
    t["media"] = serde_json::json!([{"id": hash}]);
    let created = app.post("/api/v1/things", &t).await.json();
    let id = created["id"].as_str().unwrap().to_string();
    let rev = created["revision"].as_str().unwrap().to_string();
    let referer = format!("http://td.test/things/{id}/edit");
    let base = |intent: &'static str| {
        vec![
            ("kind", "thing".to_string()),
            ("f[id]", id.clone()),
            ("f[base_revision]", rev.clone()),
            ("f[type]", "device".to_string()),
            ("f[name.default]", "Amplifier".to_string()),
            ("f[manufacturer.name]", "ACME".to_string()),
            ("f[media.0.id]", hash.clone()),
            ("f[intent]", intent.to_string()),
        ]
    };
    let fields = base("add:media.0.markers");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.form("/sfn/save", &pairs, &referer).await;
    let form = app.page(&r.header("location"), "en").await;
    assert!(
        form.text.contains("name=\"f[media.0.markers.0.shape]\""),
        "a marker row to fill in"
    );
    assert!(form.text.contains("Add a marker"));

    let mut fields = base("save");
    fields.extend([
        ("f[media.0.markers.0.shape]", "point".to_string()),
        ("f[media.0.markers.0.x]", "0.3".to_string()),
        ("f[media.0.markers.0.y]", "0.6".to_string()),
        ("f[media.0.markers.0.label.default]", "The fuse".to_string()),
    ]);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.form("/sfn/save", &pairs, &referer).await;
    assert!(
        r.header("location").starts_with(&format!("/things/{id}")),
        "{}",
        r.header("location")
    );
    let now = app.get(&format!("/api/v1/things/{id}")).await.json();
    let marker = &now["media"][0]["markers"][0];
    assert_eq!(
        (
            marker["shape"].as_str(),
            marker["x"].as_f64(),
            marker["y"].as_f64()
        ),
        (Some("point"), Some(0.3), Some(0.6))
    );
    assert_eq!(marker["label"]["default"], "The fuse");
    let page = app.page(&format!("/things/{id}"), "en").await;
    assert!(page.text.contains("class=\"marker-legend\"") && page.text.contains("The fuse"));
}
