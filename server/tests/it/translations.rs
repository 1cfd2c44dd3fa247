//! Translation states, the translation queue and completeness: through the API, with
//! revisions, merges and review marks.

use crate::common::TestApp;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

/// An instance whose content languages are English, German and French.
async fn trilingual() -> TestApp {
    let app = TestApp::new().await;
    let mut settings = app.state.instance.get();
    settings.languages = vec!["en".into(), "de".into(), "fr".into()];
    app.state
        .instance
        .save(settings, "admin", "127.0.0.1")
        .await
        .unwrap();
    app
}

fn story() -> Value {
    json!({
        "type": "repair",
        "thing_category": {"category": "Kettle"},
        "title": {"lang": "en", "default": "Descale a kettle",
                  "translations": {"fr": "Détartrer une bouilloire"}},
        "procedure": [
            {"order": 1, "description": {"lang": "en", "default": "Unplug the kettle",
                                         "translations": {"fr": "Débranchez la bouilloire", "de": "Stecker ziehen"}}},
            {"order": 2, "description": {"lang": "en", "default": "Fill with vinegar"}}
        ]
    })
}

async fn create(app: &TestApp, body: &Value) -> (String, Value) {
    let r = app
        .call(Method::POST, "/api/v1/stories", Some(body), &[])
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let e = r.json();
    (e["id"].as_str().unwrap().to_string(), e)
}

async fn states(app: &TestApp, id: &str) -> Value {
    let r = app.get(&format!("/api/v1/stories/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json()["translation_states"].clone()
}

async fn patch(app: &TestApp, id: &str, body: Value, token: &str) -> crate::common::Reply {
    let bearer = format!("Bearer {token}");
    app.call(
        Method::PATCH,
        &format!("/api/v1/stories/{id}"),
        Some(&body),
        &[("authorization", &bearer)],
    )
    .await
}

async fn queue(app: &TestApp, query: &str) -> Value {
    let r = app
        .get(&format!("/api/v1/translations/queue?{query}"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json()
}

#[tokio::test]
async fn editing_the_original_outdates_its_translations_and_translating_makes_them_current() {
    let app = trilingual().await;
    let (id, _) = create(&app, &story()).await;
    let s = states(&app, &id).await;
    assert_eq!(
        s["title"],
        json!({"en": "original", "de": "missing", "fr": "current"})
    );
    assert_eq!(s["procedure.0.description"]["de"], "current");
    assert_eq!(s["procedure.1.description"]["fr"], "missing");

    let edit = json!({"title": {"default": "Descale an electric kettle"}});
    assert_eq!(
        patch(&app, &id, edit, &app.token).await.status,
        StatusCode::OK
    );
    let s = states(&app, &id).await;
    assert_eq!(s["title"]["fr"], "outdated");
    assert_eq!(
        s["procedure.0.description"]["fr"], "current",
        "only the changed text"
    );
    let fr = queue(&app, "lang=fr").await;
    assert_eq!(fr["items"][0]["id"], json!(id));
    assert_eq!(fr["items"][0]["outdated"], json!(["title"]));
    assert_eq!(
        fr["items"][0]["missing"],
        json!(["procedure.1.description"])
    );

    // The story page still shows the French title, marked as outdated.
    let page = app.page(&format!("/stories/{id}"), "fr").await.text;
    assert!(page.contains("Détartrer une bouilloire"), "{page}");
    assert!(page.contains("original a changé"), "{page}");

    let translate =
        json!({"title": {"translations": {"fr": "Détartrer une bouilloire électrique"}}});
    assert_eq!(
        patch(&app, &id, translate, &app.token).await.status,
        StatusCode::OK
    );
    let s = states(&app, &id).await;
    assert_eq!(s["title"]["fr"], "current");
    let fr = queue(&app, "lang=fr").await;
    assert_eq!(fr["items"][0]["outdated"], json!([]));
    let page = app.page(&format!("/stories/{id}"), "fr").await.text;
    assert!(!page.contains("original a changé"), "{page}");
}

#[tokio::test]
async fn the_queue_lists_exactly_what_is_missing_or_outdated_and_filters_and_sorts() {
    let app = trilingual().await;
    let (kettle, _) = create(&app, &story()).await;
    let mut done = story();
    done["thing_category"] = json!({"category": "Toaster"});
    done["procedure"] = json!([{"order": 1, "description": {"lang": "en", "default": "Done",
        "translations": {"fr": "Fait", "de": "Erledigt"}}}]);
    done["title"]["translations"] = json!({"fr": "Fini", "de": "Fertig"});
    let (finished, _) = create(&app, &done).await;
    let de = queue(&app, "lang=de").await;
    let ids: Vec<&str> = de["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [kettle.as_str()], "the finished story is not listed");
    assert_eq!(
        de["items"][0]["missing"],
        json!(["title", "procedure.1.description"])
    );
    assert_eq!(de["items"][0]["current"], 1);
    assert_eq!(de["more"], false);
    assert!(queue(&app, "lang=de&category=toaster").await["items"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        queue(&app, "lang=de&kind=story&category=Kettle").await["items"][0]["id"],
        json!(kettle)
    );
    assert!(queue(&app, "lang=de&kind=thing").await["items"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(queue(&app, "lang=en").await["items"]
        .as_array()
        .unwrap()
        .is_empty());

    // Page views order the queue.
    let mut other = story();
    other["title"]["default"] = json!("Fix a kettle lid");
    let (viewed, _) = create(&app, &other).await;
    for _ in 0..3 {
        app.page(&format!("/stories/{viewed}"), "de").await;
    }
    app.state.translations.flush().await.unwrap();
    let de = queue(&app, "lang=de&sort=views").await;
    assert_eq!(de["items"][0]["id"], json!(viewed));
    assert_eq!(de["items"][0]["views"], 3);
    let one = queue(&app, "lang=de&limit=1").await;
    assert_eq!(one["more"], true);
    assert_ne!(finished, viewed);

    for bad in [
        "",
        "lang=not%20a%20tag",
        "lang=de&kind=gadget",
        "lang=de&sort=name",
        "lang=de&limit=0",
        "lang=de&colour=red",
    ] {
        let r = app.get(&format!("/api/v1/translations/queue?{bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.text);
        assert_eq!(r.json()["error"]["code"], "bad_parameter");
    }
}

#[tokio::test]
async fn translators_of_different_languages_never_conflict() {
    let app = trilingual().await;
    let (id, e) = create(&app, &story()).await;
    let base = format!("\"{}\"", e["revision"].as_str().unwrap());
    let mut french = e.clone();
    french["procedure"][1]["description"]["translations"] = json!({"fr": "Remplir de vinaigre"});
    let mut german = e.clone();
    german["title"]["translations"]["de"] = json!("Wasserkocher entkalken");
    let path = format!("/api/v1/stories/{id}");
    for body in [&french, &german] {
        let r = app
            .call(Method::PUT, &path, Some(body), &[("if-match", &base)])
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
    let s = states(&app, &id).await;
    assert_eq!(s["procedure.1.description"]["fr"], "current");
    assert_eq!(s["title"]["de"], "current");
    assert_eq!(s["title"]["fr"], "current");
    let conflicts = app.get("/api/v1/conflicts").await.json();
    assert_eq!(conflicts["items"], json!([]), "{conflicts}");
}

#[tokio::test]
async fn only_experts_mark_a_translation_reviewed() {
    let app = trilingual().await;
    let (id, _) = create(&app, &story()).await;
    let mark = json!({"title": {"reviewed": {"fr": domain::translation::fingerprint("Détartrer une bouilloire")}}});
    let (_, member) = app.user("mia", "member").await;
    let r = patch(&app, &id, mark.clone(), &member).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    let (_, expert) = app.user("eric", "expert").await;
    assert_eq!(patch(&app, &id, mark, &expert).await.status, StatusCode::OK);
    assert_eq!(states(&app, &id).await["title"]["fr"], "reviewed");
    // A member may still edit the text; the mark then no longer holds.
    let edit = json!({"title": {"translations": {"fr": "Détartrer la bouilloire"}}});
    assert_eq!(patch(&app, &id, edit, &member).await.status, StatusCode::OK);
    assert_eq!(states(&app, &id).await["title"]["fr"], "current");
    let bad = json!({"title": {"sources": {"fr": "not a fingerprint"}}});
    let r = patch(&app, &id, bad, &member).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
}

/// Every object of the demo data with a non-empty `default` string is one text: in
/// each language other than its original's (English: the demo records none), it is
/// current when translated and missing otherwise.
fn hand_count(lang: &str) -> (u64, u64) {
    fn walk(v: &Value, lang: &str, n: &mut (u64, u64)) {
        match v {
            Value::Object(m) => {
                if let Some(d) = m.get("default").and_then(Value::as_str) {
                    if !d.trim().is_empty() {
                        let t = m["translations"][lang].as_str().unwrap_or("");
                        if t.trim().is_empty() {
                            n.1 += 1;
                        } else {
                            n.0 += 1;
                        }
                    }
                    return;
                }
                m.values().for_each(|x| walk(x, lang, n));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, lang, n)),
            _ => {}
        }
    }
    let demo: Value = serde_json::from_str(include_str!("../../demo/demo.json")).unwrap();
    let mut n = (0, 0);
    walk(&demo, lang, &mut n);
    // The category taxonomy every instance starts with.
    walk(&crate::common::taxonomy_seed()["categories"], lang, &mut n);
    n
}

#[tokio::test]
async fn completeness_matches_a_hand_count_of_the_demo_data() {
    let app = trilingual().await;
    server::demo::load(&app.state.knowledge).await.unwrap();
    let r = app.get("/api/v1/translations/completeness").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let items = r.json()["items"].as_array().unwrap().clone();
    for lang in ["de", "fr"] {
        let sum = |key: &str| -> u64 {
            items
                .iter()
                .filter(|i| i["lang"] == lang)
                .map(|i| i[key].as_u64().unwrap())
                .sum()
        };
        let (current, missing) = hand_count(lang);
        assert!(current > 0, "{lang}: {current} {missing}");
        assert_eq!(
            (sum("current"), sum("missing")),
            (current, missing),
            "{lang}"
        );
        assert_eq!(sum("outdated"), 0);
    }
    assert!(
        items.iter().all(|i| i["lang"] != "en"),
        "originals do not count"
    );
}

/// The pages without JavaScript: the queue links to the sheet, the sheet shows what
/// changed in the original, a plain form post saves the translation, and the story
/// page then shows it without the outdated mark.
#[tokio::test]
async fn a_translator_works_through_the_pages_without_javascript() {
    let app = trilingual().await;
    let (id, _) = create(&app, &story()).await;
    let edit = json!({"procedure": [
        {"order": 1, "description": {"default": "Unplug the kettle and let it cool"}},
        {"order": 2, "description": {"default": "Fill with vinegar"}}]});
    let stored = app.get(&format!("/api/v1/stories/{id}")).await.json();
    let mut steps = stored["procedure"].clone();
    steps[0]["description"]["default"] = edit["procedure"][0]["description"]["default"].clone();
    let r = patch(&app, &id, json!({"procedure": steps}), &app.token).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let queue_page = app.page("/translations?lang=fr", "fr").await;
    assert_eq!(queue_page.status, StatusCode::OK);
    let sheet_link = format!("/stories/{id}/translate?lang=fr");
    assert!(queue_page.text.contains(&sheet_link), "{}", queue_page.text);
    assert!(queue_page.text.contains("Étape 1"), "{}", queue_page.text);

    let sheet = app.page(&sheet_link, "fr").await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert!(
        sheet.text.contains("<ins> and let it cool</ins>"),
        "{}",
        sheet.text
    );
    assert!(sheet.text.contains("Débranchez la bouilloire"));
    let revision = stored["revision"].as_str().unwrap().to_string();
    let head = app.get(&format!("/api/v1/stories/{id}")).await.json()["revision"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(sheet.text.contains(&head) && head != revision);

    let referer = format!("{}{sheet_link}", app.settings.public_url());
    let saved = app
        .form(
            "/sfn/save_translations",
            &[
                ("kind", "story"),
                ("f[id]", &id),
                ("f[base_revision]", &head),
                ("f[lang]", "fr"),
                (
                    "f[t.procedure.0.description]",
                    "Débranchez la bouilloire et laissez-la refroidir",
                ),
                ("f[t.procedure.1.description]", "Remplissez de vinaigre"),
                ("f[t.title]", "Détartrer une bouilloire"),
            ],
            &referer,
        )
        .await;
    assert!(
        saved.status.is_redirection(),
        "{} {}",
        saved.status,
        saved.text
    );
    assert_eq!(
        saved.header("location"),
        format!("/stories/{id}?translated=1&lang=fr")
    );
    let s = states(&app, &id).await;
    assert_eq!(s["procedure.0.description"]["fr"], "current");
    assert_eq!(s["procedure.1.description"]["fr"], "current");
    assert_eq!(s["title"]["de"], "missing", "German untouched");
    let page = app.page(&format!("/stories/{id}"), "fr").await.text;
    assert!(page.contains("laissez-la refroidir"), "{page}");
    assert!(!page.contains("original a changé"), "{page}");

    // Too long a translation comes back to the sheet with what was typed.
    let long = "x".repeat(6000);
    let refused = app
        .form(
            "/sfn/save_translations",
            &[
                ("kind", "story"),
                ("f[id]", &id),
                ("f[lang]", "fr"),
                ("f[t.title]", &long),
            ],
            &referer,
        )
        .await;
    let back = refused.header("location");
    assert!(back.starts_with(&format!("{sheet_link}&draft=")), "{back}");
    let again = app.page(&back, "fr").await.text;
    assert!(again.contains(&long), "what was typed is kept");

    let completeness = app.page("/admin/translations", "de").await;
    assert_eq!(completeness.status, StatusCode::OK);
    assert!(completeness.text.contains("Übersetzungsstand"));
    assert!(
        completeness.text.contains("<meter"),
        "{}",
        completeness.text
    );
}
