//! Pages about the site and its people: About, Help, contributions, bylines, the
//! content licence, link previews, and recent changes in words.

use crate::common::{thing, TestApp};
use axum::http::{Method, StatusCode};
use serde_json::json;

async fn create(app: &TestApp, path: &str, body: serde_json::Value) -> (String, String) {
    let r = app.post(path, &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let v = r.json();
    (
        v["id"].as_str().unwrap().to_string(),
        v["revision"].as_str().unwrap().to_string(),
    )
}

#[tokio::test]
async fn the_about_page_and_footer_show_the_licence_and_contact_the_admin_chose() {
    let app = TestApp::new().await;
    let home = app.page("/", "en").await;
    assert!(
        home.text
            .contains("https://creativecommons.org/licenses/by-sa/4.0/")
            && home.text.contains("CC BY-SA 4.0"),
        "the default licence is in the footer: {}",
        home.text
    );
    let r = app
        .form(
            "/sfn/admin_settings_save",
            &[
                ("name", "Repair Café Nord"),
                ("description", "We fix kettles on Saturdays."),
                ("contact", "hello@nord.example"),
                ("licence", "CC-BY-4.0"),
                ("languages", "de, en"),
                ("registration", "open"),
            ],
            "http://td.test/admin/settings",
        )
        .await;
    assert_eq!(
        r.header("location"),
        "/admin/settings?saved=1",
        "{}",
        r.text
    );
    let about = app.page("/about", "en").await;
    assert_eq!(about.status, StatusCode::OK);
    for shown in [
        "About Repair Café Nord",
        "We fix kettles on Saturdays.",
        "mailto:hello@nord.example",
        "https://creativecommons.org/licenses/by/4.0/",
        "is not connected to any other yet",
    ] {
        assert!(about.text.contains(shown), "{shown}: {}", about.text);
    }
    let (id, _) = create(&app, "/api/v1/things", thing("Kettle")).await;
    let page = app.page(&format!("/things/{id}"), "en").await;
    assert!(
        page.text
            .contains("You may copy, change and share this entry under")
            && page.text.contains("CC BY 4.0")
            && !page.text.contains("CC BY-SA 4.0"),
        "{}",
        page.text
    );
    assert!(page
        .text
        .contains(r#"<link rel="license" href="https://creativecommons.org/licenses/by/4.0/""#));

    // An unknown licence is refused beside its field, and the rest is kept.
    let r = app
        .form(
            "/sfn/admin_settings_save",
            &[
                ("name", "Renamed"),
                ("licence", "all-rights-reserved"),
                ("languages", "en"),
                ("registration", "open"),
            ],
            "http://td.test/admin/settings",
        )
        .await;
    let back = r.header("location");
    assert!(back.starts_with("/admin/settings?draft="), "{back}");
    let form = app.page_as(&back, "en", Some(&app.cookie)).await;
    assert!(
        form.text.contains("settings-licence-problems"),
        "{}",
        form.text
    );
    assert!(form.text.contains("value=\"Renamed\""), "{}", form.text);
    assert_eq!(app.state.instance.get().licence, "CC-BY-4.0");
}

#[tokio::test]
async fn help_pages_are_in_the_readers_language() {
    let app = TestApp::new().await;
    let index = app.page("/help", "de").await;
    assert_eq!(index.status, StatusCode::OK);
    for topic in ["contributing", "conflicts", "moderating", "administering"] {
        assert!(index.text.contains(&format!("/help/{topic}")), "{topic}");
        let en = app.page(&format!("/help/{topic}"), "en").await;
        assert_eq!(en.status, StatusCode::OK, "{topic}");
        let de = app.page(&format!("/help/{topic}"), "de").await;
        assert_eq!(de.status, StatusCode::OK, "{topic}");
        assert_ne!(en.text.len(), de.text.len(), "{topic} is translated");
    }
    let page = app.page("/help/conflicts", "en").await;
    assert!(
        page.text.contains("When two edits collide"),
        "{}",
        page.text
    );
    assert!(page.text.contains("Conflicts page"), "{}", page.text);
    assert_eq!(
        app.page("/help/nothing-here", "en").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn entries_name_their_authors_who_have_a_contributions_page() {
    let app = TestApp::new().await;
    let mut kettle = thing("Kettle");
    kettle["description"] = json!({"default": "Limescale blocks the heating plate of this kettle.", "translations": {}});
    let (id, rev) = create(&app, "/api/v1/things", kettle).await;
    let (_, token) = app.user("mia", "member").await;
    let r = app
        .call(
            Method::PATCH,
            &format!("/api/v1/things/{id}"),
            Some(&json!({"manufacturer": {"name": "Brand", "website": "https://brand.example"}})),
            &[
                ("if-match", &rev),
                ("authorization", &format!("Bearer {token}")),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let page = app.page(&format!("/things/{id}"), "en").await;
    assert!(page.text.contains("Written by"), "{}", page.text);
    assert!(
        page.text.contains(r#"href="/people/admin""#),
        "{}",
        page.text
    );
    assert!(page.text.contains("last changed by"), "{}", page.text);
    assert!(page.text.contains(r#"href="/people/mia""#), "{}", page.text);

    // Link previews and the other language versions of the page.
    for head in [
        r#"<meta name="description" content="Limescale blocks the heating plate of this kettle.""#,
        r#"<meta property="og:title" content="Kettle""#,
        &format!(r#"<link href="http://td.test/things/{id}" rel="canonical">"#),
        &format!(
            r#"<link href="http://td.test/things/{id}?lang=de" hreflang="de" rel="alternate">"#
        ),
    ] {
        assert!(page.text.contains(head), "{head}: {}", page.text);
    }
    let german = app.page(&format!("/things/{id}?lang=de"), "en").await;
    assert!(german.text.contains("<html lang=\"de\""), "{}", german.text);
    assert!(german.text.contains("Kettle (de)"));

    let mia = app.page("/people/mia", "en").await;
    assert_eq!(mia.status, StatusCode::OK);
    assert!(mia.text.contains("Contributions of mia"), "{}", mia.text);
    assert!(
        mia.text.contains("Kettle") && mia.text.contains("Updated"),
        "{}",
        mia.text
    );
    assert!(
        !mia.text.contains("Created"),
        "only mia's own changes: {}",
        mia.text
    );
    assert_eq!(
        app.page("/people/nobody", "en").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn recent_changes_name_relationships_and_reverts_in_words() {
    let app = TestApp::new().await;
    let (kettle, rev1) = create(&app, "/api/v1/things", thing("Kettle")).await;
    let mut element = thing("Heating element");
    element["type"] = json!("component");
    let (part, _) = create(&app, "/api/v1/things", element).await;
    create(
        &app,
        "/api/v1/relationships",
        json!({
            "source_type": "thing", "source_id": part,
            "relationship_type": "part_of",
            "target_type": "thing", "target_id": kettle,
            "direction": "unidirectional"
        }),
    )
    .await;
    let mut renamed = thing("Electric kettle");
    renamed["manufacturer"] = json!({"name": "ACME", "website": "https://acme.example"});
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/things/{kettle}"),
            Some(&renamed),
            &[("if-match", &rev1)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let rev2 = r.json()["revision"].as_str().unwrap().to_string();
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/things/{kettle}/revert"),
            Some(&json!({"revision": rev1})),
            &[("if-match", &rev2)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let home = app.page("/", "en").await;
    assert!(
        home.text.contains("Heating element → Kettle"),
        "a relationship is named by its ends: {}",
        home.text
    );
    assert!(
        !home.text.contains(&format!("thing {kettle}")),
        "{}",
        home.text
    );
    assert!(
        home.text.contains("Reverted to an earlier version"),
        "{}",
        home.text
    );
    let history = app.page(&format!("/things/{kettle}/history"), "de").await;
    assert!(
        history
            .text
            .contains("Auf eine frühere Fassung zurückgesetzt"),
        "{}",
        history.text
    );
    let list = app.page("/relationships", "en").await;
    assert!(
        list.text.contains("Heating element → Kettle"),
        "{}",
        list.text
    );
}

#[tokio::test]
async fn each_end_of_a_relationship_reads_it_in_its_own_direction() {
    let app = TestApp::new().await;
    let (kettle, _) = create(&app, "/api/v1/things", thing("Kettle")).await;
    let (element, _) = create(&app, "/api/v1/things", thing("Heating element")).await;
    let (jug, _) = create(&app, "/api/v1/things", thing("Jug kettle")).await;
    for (source, kind, target, direction) in [
        (&element, "part_of", &kettle, "unidirectional"),
        (&jug, "alternative_to", &kettle, "bidirectional"),
    ] {
        create(
            &app,
            "/api/v1/relationships",
            json!({"source_type": "thing", "source_id": source, "relationship_type": kind,
                   "target_type": "thing", "target_id": target, "direction": direction}),
        )
        .await;
    }
    let on_kettle = app.page(&format!("/things/{kettle}"), "en").await.text;
    assert!(on_kettle.contains("<h3>has part →</h3>"), "{on_kettle}");
    assert!(
        on_kettle.contains("<h3>alternative to →</h3>"),
        "{on_kettle}"
    );
    assert!(!on_kettle.contains("← part of this"), "{on_kettle}");
    let on_element = app.page(&format!("/things/{element}"), "de").await.text;
    assert!(on_element.contains("<h3>Teil von →</h3>"), "{on_element}");
    let on_kettle_de = app.page(&format!("/things/{kettle}"), "de").await.text;
    assert!(
        on_kettle_de.contains("<h3>hat als Teil →</h3>"),
        "{on_kettle_de}"
    );
}
