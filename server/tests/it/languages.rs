//! The original language of every text (forms, API, pages) and the UI in every
//! language, right to left included.

use crate::common::TestApp;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

fn kettle(name: Value) -> Value {
    json!({"type": "device", "name": name, "manufacturer": {"name": "ACME"}})
}

async fn created(app: &TestApp, body: &Value, headers: &[(&str, &str)]) -> Value {
    let r = app
        .call(Method::POST, "/api/v1/things", Some(body), headers)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()
}

#[tokio::test]
async fn an_original_in_the_readers_language_is_not_marked_as_untranslated() {
    let app = TestApp::new().await;
    let e = created(
        &app,
        &kettle(json!({"default": "Wasserkocher"})),
        &[("content-language", "de")],
    )
    .await;
    assert_eq!(e["name"]["lang"], "de");
    let path = format!("/things/{}", e["id"].as_str().unwrap());
    let de = app.page(&path, "de").await.text;
    assert!(
        de.contains(r#"<span lang="de" dir="ltr">Wasserkocher</span>"#),
        "{de}"
    );
    assert!(
        !de.contains("nicht übersetzt"),
        "a German reader sees no mark"
    );
    let fr = app.page(&path, "fr").await.text;
    assert!(fr.contains("<html lang=\"fr\""));
    assert!(
        fr.contains("Wasserkocher") && fr.contains("non traduit"),
        "{fr}"
    );
}

#[tokio::test]
async fn the_api_takes_the_language_from_the_text_then_the_header_then_the_instance() {
    let app = TestApp::new().await;
    let own = created(
        &app,
        &kettle(json!({"lang": "nl", "default": "Waterkoker"})),
        &[("content-language", "fr")],
    )
    .await;
    assert_eq!(own["name"]["lang"], "nl");
    let header = created(
        &app,
        &kettle(json!({"default": "Bouilloire"})),
        &[("content-language", "fr-CH, de")],
    )
    .await;
    assert_eq!(header["name"]["lang"], "fr-CH");
    let first = app.state.instance.get().languages[0].clone();
    let neither = created(&app, &kettle(json!({"default": "Kettle"})), &[]).await;
    assert_eq!(neither["name"]["lang"], json!(first));

    // What the published pattern refuses is refused: BCP 47 would parse `moves` as a
    // five-letter language, and a list is only as good as its worst tag.
    for bad in ["not a tag", "moves", "fr-CH, moves"] {
        let bad = app
            .call(
                Method::POST,
                "/api/v1/things",
                Some(&kettle(json!({"default": "Kettle"}))),
                &[("content-language", bad)],
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.text);
        assert_eq!(bad.json()["error"]["code"], "bad_content_language");
    }
    let invalid = app
        .post(
            "/api/v1/things",
            &kettle(json!({"lang": "x y", "default": "Kettle"})),
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid.text.contains("name.lang"), "{}", invalid.text);
    for odd in [json!({}), json!(""), json!(7)] {
        let r = app
            .post(
                "/api/v1/things",
                &kettle(json!({"lang": odd, "default": "Kettle"})),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{odd}: {}",
            r.text
        );
    }

    // An edit keeps a text's language; a rewritten text without one takes the writer's.
    let id = own["id"].as_str().unwrap();
    let mut body = kettle(json!({"default": "Waterkoker (nieuw)"}));
    body["description"] = json!({"default": "Kocht water"});
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/things/{id}"),
            Some(&body),
            &[("content-language", "de")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["name"]["lang"], "nl");
    assert_eq!(r.json()["description"]["lang"], "de");
}

#[tokio::test]
async fn texts_written_before_languages_were_recorded_keep_their_revisions() {
    let app = TestApp::new().await;
    // Written as older instances did: no language in the text.
    let old = app
        .state
        .knowledge
        .create(
            domain::EntityKind::Thing,
            kettle(json!({"default": "Kettle"})),
            "admin",
        )
        .await
        .unwrap();
    let id = old.meta.id.clone();
    let read = app.get(&format!("/api/v1/things/{id}")).await.json();
    assert_eq!(read["name"].get("lang"), None, "absent, not null");
    // Sent back unchanged (as read) with another language: the text is not relabelled.
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/things/{id}"),
            Some(&kettle(json!({"default": "Kettle"}))),
            &[
                ("content-language", "fr"),
                ("if-match", &format!("\"{}\"", old.meta.revision)),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["name"].get("lang"), None);
    // Readers take the instance's first content language (English here).
    let page = app.page(&format!("/things/{id}"), "en").await.text;
    assert!(!page.contains("not translated"), "{page}");
    assert!(app
        .page(&format!("/things/{id}"), "de")
        .await
        .text
        .contains("nicht übersetzt"));
}

#[tokio::test]
async fn forms_record_the_language_written_in_and_may_correct_it() {
    let app = TestApp::new().await;
    let form = app.page("/things/new", "it").await.text;
    assert!(
        form.contains("Scritto in"),
        "the form asks for the language"
    );
    assert!(
        form.contains(r#"<option value="it" lang="it" selected"#),
        "{form}"
    );
    let r = app
        .form(
            "/sfn/save",
            &[
                ("kind", "thing"),
                ("f[lang]", "it"),
                ("f[lang_was]", "it"),
                ("f[type]", "device"),
                ("f[name.default]", "Bollitore"),
                ("f[manufacturer.name]", "ACME"),
            ],
            "http://td.test/things/new",
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    let location = r.headers["location"].to_str().unwrap().to_string();
    let id = location
        .trim_start_matches("/things/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let e = app.get(&format!("/api/v1/things/{id}")).await.json();
    assert_eq!(e["name"]["lang"], "it", "{location}");

    // The author corrects the language: the texts that were in Italian follow.
    let edit = app.page(&format!("/things/{id}/edit"), "en").await.text;
    assert!(edit.contains(r#"name="f[name.lang]" value="it""#), "{edit}");
    assert!(
        edit.contains(r#"<option value="it" lang="it" selected"#),
        "{edit}"
    );
    let r = app
        .form(
            "/sfn/save",
            &[
                ("kind", "thing"),
                ("f[id]", &id),
                ("f[base_revision]", e["revision"].as_str().unwrap()),
                ("f[lang]", "es"),
                ("f[lang_was]", "it"),
                ("f[type]", "device"),
                ("f[name.default]", "Bollitore"),
                ("f[name.lang]", "it"),
                ("f[manufacturer.name]", "ACME"),
            ],
            &format!("http://td.test/things/{id}/edit"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    let e = app.get(&format!("/api/v1/things/{id}")).await.json();
    assert_eq!(e["name"]["lang"], "es");
}

#[tokio::test]
async fn every_ui_language_renders_and_arabic_runs_right_to_left() {
    let app = TestApp::new().await;
    let english = app.page("/", "en").await.text;
    for (tag, own_name) in domain::lang::LANGUAGES {
        let page = app.page("/", tag).await;
        assert_eq!(page.status, StatusCode::OK, "{tag}");
        let dir = if tag == "ar" { "rtl" } else { "ltr" };
        assert!(
            page.text
                .contains(&format!("<html lang=\"{tag}\" dir=\"{dir}\"")),
            "{tag}"
        );
        // The chooser names each language in itself.
        assert!(english.contains(own_name), "{own_name}");
        if tag != "en" {
            assert!(
                !page.text.contains(">Relationships<"),
                "{tag} shows English"
            );
        }
    }
    // Content keeps its own direction on a right-to-left page.
    let e = created(
        &app,
        &kettle(json!({"default": "Wasserkocher"})),
        &[("content-language", "de")],
    )
    .await;
    let ar = app
        .page(&format!("/things/{}", e["id"].as_str().unwrap()), "ar")
        .await
        .text;
    assert!(
        ar.contains(r#"<span lang="de" dir="ltr">Wasserkocher</span>"#),
        "{ar}"
    );
}

#[tokio::test]
async fn the_api_page_names_every_operation_in_the_page_language() {
    let app = TestApp::new().await;
    for (method, path, _) in app.state.api_operations.iter() {
        let key = format!("api-op-{}", app::ui::pages::operation_key(method, path));
        for (lang, _) in domain::lang::LANGUAGES {
            assert!(
                app::i18n::has_message(lang, &key),
                "{lang}: {key} ({method} {path})"
            );
        }
    }
    let de = app.page("/api", "de").await.text;
    assert!(de.contains("Einen Eintrag lesen"), "{de}");
    assert!(!de.contains("Read a thing"), "{de}");
}
