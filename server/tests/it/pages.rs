//! Pages in the visitor's language, forms without JavaScript, the procedure editor.

use crate::common::{thing, TestApp};
use axum::http::StatusCode;
use serde_json::json;

async fn create_thing(app: &TestApp) -> (String, String) {
    let r = app.post("/api/v1/things", &thing("Coffee grinder")).await;
    let v = r.json();
    (
        v["id"].as_str().unwrap().to_string(),
        v["revision"].as_str().unwrap().to_string(),
    )
}

#[tokio::test]
async fn pages_render_in_the_visitors_language() {
    let app = TestApp::new().await;
    let (id, _) = create_thing(&app).await;
    let en = app.page(&format!("/things/{id}"), "en-GB,en;q=0.8").await;
    assert_eq!(en.status, StatusCode::OK);
    assert!(en.text.contains("<html lang=\"en\""));
    assert!(en.text.contains("Coffee grinder"));
    assert!(en.text.contains("Manufacturer"));
    let de = app.page(&format!("/things/{id}"), "de-DE,de;q=0.9").await;
    assert!(de.text.contains("<html lang=\"de\""));
    assert!(de.text.contains("Coffee grinder (de)"));
    assert!(de.text.contains("Hersteller"));
    for path in [
        "/",
        "/things",
        "/stories",
        "/guides",
        "/relationships",
        "/things/new",
        "/stories/new",
        "/guides/new",
        "/relationships/new",
    ] {
        let r = app.page(path, "de").await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(r.text.contains("Beziehungen"), "{path} not German");
    }
    let hist = app.page(&format!("/things/{id}/history"), "en").await;
    assert!(hist.text.contains("History of Coffee grinder"));
}

#[tokio::test]
async fn content_falls_back_to_default_and_says_so() {
    let app = TestApp::new().await;
    let mut t = thing("Hair dryer");
    t["name"]["translations"] = json!({});
    let id = app.post("/api/v1/things", &t).await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let de = app.page(&format!("/things/{id}"), "de").await;
    assert!(de.text.contains("Hair dryer"));
    assert!(de.text.contains("nicht übersetzt"));
}

#[tokio::test]
async fn unknown_pages_are_404() {
    let app = TestApp::new().await;
    let r = app
        .page("/things/0193a000-0000-7000-8000-000000000001", "en")
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.text.contains("Not found"));
    assert_eq!(
        app.page("/no/such/page", "en").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn language_chooser_sets_a_cookie_and_returns() {
    let app = TestApp::new().await;
    let r = app.get("/lang?to=de&back=/things").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header("location"), "/things");
    assert!(r.header("set-cookie").starts_with("thingdata_lang=de"));
    let r = app.get("/lang?to=de&back=//evil.example").await;
    assert_eq!(r.header("location"), "/");
    assert_eq!(app.get("/lang?to=xx").await.status, StatusCode::BAD_REQUEST);
    let req = axum::http::Request::builder()
        .uri("/things")
        .header("cookie", "thingdata_lang=de")
        .header("accept-language", "en")
        .body(axum::body::Body::empty())
        .unwrap();
    assert!(app.send(req).await.text.contains("<html lang=\"de\""));
}

#[tokio::test]
async fn forms_work_without_javascript() {
    let app = TestApp::new().await;
    // A valid create redirects to the new entity.
    let r = app
        .form(
            "/sfn/save",
            &[
                ("kind", "thing"),
                ("f[type]", "tool"),
                ("f[name.default]", "Soldering iron"),
                ("f[name.tr.0.lang]", "de"),
                ("f[name.tr.0.text]", "Lötkolben"),
                ("f[manufacturer.name]", "Weller"),
                ("f[properties.materials]", "steel\ncopper"),
                ("f[intent]", "save"),
            ],
            "http://td.test/things/new",
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    let loc = r.header("location");
    assert!(
        loc.starts_with("/things/") && loc.ends_with("?saved=1"),
        "{loc}"
    );
    let page = app.page(&loc, "de").await;
    assert!(page.text.contains("Lötkolben") && page.text.contains("Gespeichert"));

    // An invalid one keeps the input and shows the problems inline, in German.
    let r = app
        .form(
            "/sfn/save",
            &[
                ("kind", "thing"),
                ("f[type]", "tool"),
                ("f[name.default]", "Multimeter"),
                ("f[manufacturer.name]", "Fluke"),
                ("f[manufacturer.website]", "not a url"),
                ("f[intent]", "save"),
            ],
            "http://td.test/things/new",
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let loc = r.header("location");
    assert!(loc.starts_with("/things/new?draft="), "{loc}");
    let form = app.page(&loc, "de").await;
    assert!(form.text.contains("value=\"Multimeter\""));
    assert!(form.text.contains("Muss eine Webadresse sein"));
    assert!(form.text.contains("aria-invalid=\"true\""));
    assert_eq!(app.get("/api/v1/things").await.json()["total"], json!(1));

    // Signed out, a save is kept and the sign-in page says why it is needed.
    let r = app
        .form_as(
            "/sfn/save",
            &[
                ("kind", "thing"),
                ("f[type]", "tool"),
                ("f[name.default]", "Oscilloscope"),
                ("f[manufacturer.name]", "Rigol"),
                ("f[intent]", "save"),
            ],
            "http://td.test/things/new",
            None,
        )
        .await;
    let loc = r.header("location");
    assert!(loc.starts_with("/login?next="), "{loc}");
    let login = app.page(&loc, "en").await;
    assert!(login.text.contains("Your edit is kept"), "{}", login.text);
    let next = loc.split_once("next=").map(|(_, n)| n).unwrap_or("");
    let back: String = url::form_urlencoded::parse(format!("n={next}").as_bytes())
        .map(|(_, v)| v.into_owned())
        .collect();
    let form = app.page(&back, "en").await;
    assert!(form.text.contains("value=\"Oscilloscope\""), "{back}");
    assert_eq!(app.get("/api/v1/things").await.json()["total"], json!(1));
}

#[tokio::test]
async fn procedure_editor_adds_and_moves_steps_without_javascript() {
    let app = TestApp::new().await;
    let r = app
        .form(
            "/sfn/save",
            &[
                ("kind", "story"),
                ("f[title.default]", "Replace pump"),
                ("f[procedure.0.description.default]", "Unplug"),
                ("f[intent]", "add:procedure"),
            ],
            "http://td.test/stories/new",
        )
        .await;
    let loc = r.header("location");
    let form = app.page(&loc, "en").await;
    assert!(form.text.contains("Step 2"), "{}", form.text.len());
    assert!(form.text.contains("value=\"Unplug\"") || form.text.contains(">Unplug<"));
}

fn edit_form<'a>(id: &'a str, base: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", "thing"),
        ("f[id]", id),
        ("f[base_revision]", base),
        ("f[type]", "device"),
        ("f[name.default]", name),
        ("f[name.tr.0.lang]", "de"),
        ("f[name.tr.0.text]", "Coffee grinder (de)"),
        ("f[manufacturer.name]", "ACME"),
        ("f[manufacturer.website]", "https://acme.example"),
        ("f[properties.materials]", "steel\nabs plastic"),
        ("f[intent]", "save"),
    ]
}

#[tokio::test]
async fn concurrent_form_edits_merge_or_become_a_conflict() {
    let app = TestApp::new().await;
    let (id, rev) = create_thing(&app).await;
    // Someone else sets the serial number first.
    let mut other = thing("Coffee grinder");
    other["properties"]["serial_number"] = json!("X1");
    let r = app
        .call(
            axum::http::Method::PUT,
            &format!("/api/v1/things/{id}"),
            Some(&other),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    // A form opened before that renames the thing: different fields, so it merges.
    let referer = format!("http://td.test/things/{id}/edit");
    let r = app
        .form("/sfn/save", &edit_form(&id, &rev, "Burr grinder"), &referer)
        .await;
    assert_eq!(r.header("location"), format!("/things/{id}?merged=1"));
    let page = app.page(&r.header("location"), "en").await;
    assert!(
        page.text.contains("merged with a change"),
        "merge notice missing"
    );
    let now = app.get(&format!("/api/v1/things/{id}")).await.json();
    assert_eq!(now["name"]["default"], json!("Burr grinder"));
    assert_eq!(now["properties"]["serial_number"], json!("X1"));
    // Another stale form renaming it differently conflicts; nothing is lost.
    let r = app
        .form(
            "/sfn/save",
            &edit_form(&id, &rev, "Blade grinder"),
            &referer,
        )
        .await;
    let loc = r.header("location");
    assert!(loc.starts_with(&format!("/things/{id}?conflict=")), "{loc}");
    let page = app.page(&loc, "de").await;
    assert!(page.text.contains("Konflikt"), "conflict notice missing");
    let conflicts = app.get("/api/v1/conflicts").await.json();
    assert_eq!(conflicts["total"], json!(1));
    assert_eq!(conflicts["items"][0]["fields"], json!(["name.default"]));
}

#[tokio::test]
async fn delete_page_confirms() {
    let app = TestApp::new().await;
    let (id, rev) = create_thing(&app).await;
    // Only those who may delete are offered it.
    let link = format!("href=\"/things/{id}/delete\"");
    let (member, _) = app.user("mia", "member").await;
    for (who, cookie, offered) in [
        ("anonymous", None, false),
        ("a member", Some(member.as_str()), false),
        ("an admin", Some(app.cookie.as_str()), true),
    ] {
        let page = app.page_as(&format!("/things/{id}"), "en", cookie).await;
        assert_eq!(page.text.contains(&link), offered, "{who}: {}", page.text);
    }
    let page = app.page(&format!("/things/{id}/delete"), "en").await;
    assert!(page.text.contains("Yes, delete it"));
    let r = app
        .form(
            "/sfn/delete",
            &[("kind", "thing"), ("id", &id), ("base_revision", &rev)],
            "http://td.test/x",
        )
        .await;
    assert!(r.header("location").ends_with("error=confirm"));
    let r = app
        .form(
            "/sfn/delete",
            &[
                ("kind", "thing"),
                ("id", &id),
                ("base_revision", &rev),
                ("confirm", "yes"),
            ],
            "http://td.test/x",
        )
        .await;
    assert_eq!(r.header("location"), "/things?deleted=1");
    assert_eq!(
        app.get(&format!("/api/v1/things/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn malformed_server_function_calls_are_client_errors() {
    let app = TestApp::new().await;
    let req = axum::http::Request::builder()
        .method(axum::http::Method::POST)
        .uri("/sfn/save")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("kind=bogus&f[x]=1"))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
}

#[tokio::test]
async fn server_functions_accept_what_the_client_sends_for_empty_maps() {
    let app = TestApp::new().await;
    for (path, body) in [
        ("/sfn/list", "kind=thing&lang=en"),
        ("/sfn/form", "kind=thing&lang=en"),
    ] {
        let req = axum::http::Request::builder()
            .method(axum::http::Method::POST)
            .uri(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .unwrap();
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text);
    }
}

#[tokio::test]
async fn security_headers_on_pages_and_api() {
    let app = TestApp::new().await;
    let page = app.page("/", "en").await;
    let csp = page.header("content-security-policy");
    assert!(
        csp.contains("script-src 'self' 'nonce-") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    // Every inline script carries the nonce the policy names.
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .unwrap_or("x");
    let scripts = page.text.matches("<script").count();
    let with_nonce = page
        .text
        .matches(&format!("<script type=\"module\" nonce=\"{nonce}\""))
        .count()
        + page
            .text
            .matches(&format!("<script nonce=\"{nonce}\""))
            .count();
    assert!(
        scripts > 0 && scripts == with_nonce,
        "{scripts} scripts, {with_nonce} with the nonce"
    );
    assert_eq!(page.header("x-content-type-options"), "nosniff");
    assert_eq!(page.header("x-frame-options"), "DENY");
    let api = app.get("/api/v1/things").await;
    assert_eq!(
        api.header("content-security-policy"),
        "default-src 'none'; frame-ancestors 'none'"
    );
    assert_eq!(api.header("referrer-policy"), "same-origin");
}

#[tokio::test]
async fn pages_carry_the_instance_name_and_the_home_page_its_description() {
    let app = TestApp::new().await;
    let mut settings = app.state.instance.get();
    settings.name = "Repair Café Nord".into();
    settings.description = "We fix kettles on Saturdays.".into();
    app.state
        .instance
        .save(settings, "tests", "")
        .await
        .unwrap();
    let home = app.page("/", "en").await;
    assert!(
        home.text.contains("We fix kettles on Saturdays."),
        "{}",
        home.text
    );
    let (id, _) = create_thing(&app).await;
    for page in [home, app.page(&format!("/things/{id}"), "en").await] {
        let title = page
            .text
            .split_once("<title>")
            .and_then(|(_, t)| t.split_once("</title>"))
            .map(|(t, _)| t.to_string())
            .unwrap_or_default();
        assert!(title.ends_with(" · Repair Café Nord"), "{title}");
    }
}

#[tokio::test]
async fn entries_made_before_the_address_changed_are_still_this_instances_own() {
    let mut app = TestApp::new().await;
    let (id, _) = create_thing(&app).await;
    app.settings.public_url = Some("http://moved.test".into());
    let app = app.restart().await;
    let page = app.page(&format!("/things/{id}"), "en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text.contains("Shared by"), "{}", page.text);
}

/// The id of the entry a page's form has chosen in a picker, or "" when none.
fn chosen_in(page: &str, field: &str) -> String {
    let needle = format!(r#"name="f[{field}]" value=""#);
    page.split_once(&needle)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(v, _)| v.to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn pickers_find_entries_by_name_without_javascript() {
    let app = TestApp::new().await;
    let (kettle, _) = create_thing(&app).await;
    let story = app
        .post(
            "/api/v1/stories",
            &json!({"title": {"default": "Descaling a grinder"}, "type": "repair",
                    "thing_category": {"category": "kitchen"},
                    "procedure": [{"order": 1, "description": {"default": "Unplug"}}]}),
        )
        .await;
    assert_eq!(story.status, StatusCode::CREATED, "{}", story.text);
    let story = story.json()["id"].as_str().unwrap().to_string();
    app.indexed().await;
    let story_form = |intent: &'static str, q: &'static str, thing_id: &'static str| {
        vec![
            ("kind", "story"),
            ("f[title.default]", "Replacing the burrs"),
            ("f[type]", "repair"),
            ("f[procedure.0.description.default]", "Open the hopper"),
            ("f[pick.thing_id.q]", q),
            ("f[thing_id]", thing_id),
            ("f[intent]", intent),
        ]
    };

    // Find sends the form; it comes back offering the match by its name in the page's
    // language, whatever language the search itself ran in.
    let r = app
        .form(
            "/sfn/save",
            &story_form("find:thing_id", "grinder", ""),
            "http://td.test/stories/new",
        )
        .await;
    let loc = r.header("location");
    assert!(loc.starts_with("/stories/new?draft="), "{loc}");
    let form = app.page(&loc, "de").await;
    let pick = format!("pick:thing_id:{kettle}");
    assert!(form.text.contains(&pick), "{}", form.text);
    assert!(
        form.text.contains("Coffee grinder (de) wählen"),
        "{}",
        form.text
    );
    assert!(
        !form.text.contains(&format!("pick:thing_id:{story}")),
        "only things"
    );

    // Choosing it sends the form again and shows the choice by name.
    let mut fields = story_form("", "grinder", "");
    fields.retain(|(k, _)| *k != "f[intent]");
    fields.push(("f[intent]", &pick));
    let r = app
        .form("/sfn/save", &fields, "http://td.test/stories/new")
        .await;
    let form = app.page(&r.header("location"), "en").await;
    assert_eq!(chosen_in(&form.text, "thing_id"), kettle);
    assert!(
        form.text.contains("Chosen:") && form.text.contains("<strong>Coffee grinder</strong>"),
        "{}",
        form.text
    );

    // A name typed and saved without choosing is taken when it matches one entry.
    let r = app
        .form(
            "/sfn/save",
            &story_form("save", "Coffee grinder", ""),
            "http://td.test/stories/new",
        )
        .await;
    let loc = r.header("location");
    assert!(loc.ends_with("?saved=1"), "{loc}");
    let id = loc
        .trim_start_matches("/stories/")
        .trim_end_matches("?saved=1");
    let saved = app.get(&format!("/api/v1/stories/{id}")).await.json();
    assert_eq!(saved["thing_id"], json!(kettle));

    // A name that matches nothing is said so beside the picker, and nothing is saved.
    let r = app
        .form(
            "/sfn/save",
            &story_form("save", "toaster", ""),
            "http://td.test/stories/new",
        )
        .await;
    let form = app.page(&r.header("location"), "en").await;
    assert!(
        form.text
            .contains("Nothing of this kind is called “toaster”"),
        "{}",
        form.text
    );
    assert!(
        form.text.contains(r#"value="toaster""#),
        "what was typed is kept"
    );

    // A relationship's picker offers the kind chosen beside it.
    let rel = |source_type: &'static str, q: &'static str| {
        vec![
            ("kind", "relationship"),
            ("f[source_type]", source_type),
            ("f[pick.source_id.q]", q),
            ("f[relationship_type]", "applies_to"),
            ("f[target_type]", "thing"),
            ("f[target_id]", kettle.as_str()),
            ("f[direction]", "unidirectional"),
            ("f[intent]", "find:source_id"),
        ]
    };
    let r = app
        .form(
            "/sfn/save",
            &rel("story", "grinder"),
            "http://td.test/relationships/new",
        )
        .await;
    let form = app.page(&r.header("location"), "en").await;
    assert!(
        form.text.contains(&format!("pick:source_id:{story}")),
        "{}",
        form.text
    );
    assert!(
        !form.text.contains(&format!("pick:source_id:{kettle}")),
        "{}",
        form.text
    );
    assert!(
        form.text.contains("<strong>Coffee grinder</strong>"),
        "the chosen target is named"
    );
}
