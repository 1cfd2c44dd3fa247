//! The security regression suite, without a browser: open redirects, header injection,
//! NUL and other control characters, undecodable paths and made-up API tokens. Each
//! case was once a defect found from outside (issue 17).

use crate::common::{session_cookie, thing, TestApp};
use axum::http::{Method, StatusCode};
use serde_json::json;

const PW: &str = "test password 123";

/// Where a sign-in with this `next` sends the browser.
async fn sign_in_to(app: &TestApp, next: &str) -> (StatusCode, String) {
    let r = app
        .form_as(
            "/sfn/login",
            &[("username", "admin"), ("password", PW), ("next", next)],
            "http://td.test/login",
            None,
        )
        .await;
    (r.status, r.header("location"))
}

const ESCAPES: [&str; 9] = [
    "/\t/example.com",
    "/\n/example.com",
    "/\r\n/example.com",
    "//example.com",
    "/\\example.com",
    "\\\\example.com",
    "https://example.com/",
    "javascript:alert(1)",
    "/\nSet-Cookie: stolen=1",
];

#[tokio::test]
async fn sign_in_never_sends_the_browser_to_another_site() {
    let app = TestApp::new().await;
    for next in ESCAPES {
        let (status, location) = sign_in_to(&app, next).await;
        assert!(status.is_redirection(), "{next:?}: {status}");
        assert_eq!(location, "/", "{next:?}");
    }
    let (status, location) = sign_in_to(&app, "/things?type=tool").await;
    assert!(status.is_redirection());
    assert_eq!(location, "/things?type=tool");
}

#[tokio::test]
async fn the_language_chooser_only_returns_to_this_site() {
    let app = TestApp::new().await;
    for back in [
        "/%09/example.com",
        "//example.com",
        "/%5Cexample.com",
        "https://example.com",
        // Found by fuzz.rs: the dot segment left the path `//example.com`.
        "/..//example.com",
    ] {
        let r = app.page(&format!("/lang?to=de&back={back}"), "en").await;
        assert!(r.status.is_redirection(), "{back}: {}", r.status);
        assert_eq!(r.header("location"), "/", "{back}");
        assert!(r.header("set-cookie").contains("=de"), "{back}");
    }
    // A newline never reaches the Location header (it used to answer 500).
    let r = app.page("/lang?to=de&back=/%0aX", "en").await;
    assert!(r.status.is_redirection(), "{}", r.status);
    assert_eq!(r.header("location"), "/");
    // Other control characters are refused before any handler runs.
    let r = app.page("/lang?to=de&back=/%00X", "en").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.text.contains("control characters"), "{}", r.text);
    let r = app.page("/lang?to=de&back=/things%3Fskip%3D25", "en").await;
    assert_eq!(r.header("location"), "/things?skip=25");
}

#[tokio::test]
async fn a_newline_in_a_form_redirect_is_answered_not_a_dropped_connection() {
    let app = TestApp::new().await;
    // It used to panic in the redirect and drop the connection.
    let r = app
        .form(
            "/sfn/moderate",
            &[
                ("kind", "thing"),
                ("id", "\nX"),
                ("intent", "show"),
                ("reason", ""),
            ],
            "http://td.test/things",
        )
        .await;
    assert!(r.status.is_redirection(), "{}: {}", r.status, r.text);
    assert_eq!(r.header("location"), "/");
    let r = app
        .form(
            "/sfn/moderate",
            &[("kind", "thing"), ("id", "\u{0}X"), ("intent", "show")],
            "http://td.test/things",
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    // Without control characters the same post answers with a local redirect.
    let r = app
        .form(
            "/sfn/moderate",
            &[("kind", "thing"), ("id", "x y"), ("intent", "show")],
            "http://td.test/things",
        )
        .await;
    assert!(r.status.is_redirection(), "{}: {}", r.status, r.text);
    assert!(r.header("location").starts_with("/things/x%20y"));
}

#[tokio::test]
async fn nul_and_control_characters_are_refused_with_the_field_named() {
    let app = TestApp::new().await;
    let mut body = thing("Kettle");
    body["name"]["default"] = json!("a\u{0}b");
    body["manufacturer"]["name"] = json!("ACME\u{1b}[31m");
    body["description"] = json!({"default": "two\nlines\twith a tab"});
    let r = app.post("/api/v1/things", &body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let details = r.json()["error"]["details"].clone();
    let mut paths: Vec<&str> = details
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["code"] == "control_character")
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    paths.sort_unstable();
    assert_eq!(paths, ["manufacturer.name", "name.default"], "{details}");

    let created = app.post("/api/v1/things", &thing("Kettle")).await.json();
    let id = created["id"].as_str().unwrap();
    let r = app
        .post(
            &format!("/api/v1/things/{id}/hide"),
            &json!({"reason": "spam\u{0}"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.json()["error"]["details"][0]["path"], "reason");

    for path in [
        "/api/v1/things?manufacturer=%00",
        "/api/v1/things?type=%00",
        "/api/v1/things?identifier=%00",
        "/api/v1/stories?category=%00",
        "/api/v1/stories?thing_id=%00",
        "/api/v1/relationships?source_id=%00",
        "/api/v1/search?q=%00",
        "/api/v1/conflicts/%00",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}: {}", r.text);
        assert_eq!(r.json()["error"]["code"], "control_character", "{path}");
    }
    let r = app.page("/things?type=%00", "de").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.text.contains("Steuerzeichen"), "{}", r.text);
    // Nothing was stored on the way.
    assert_eq!(app.get("/api/v1/things").await.json()["total"], 1);
}

#[tokio::test]
async fn a_sign_in_name_with_nul_is_refused_without_touching_the_database() {
    let app = TestApp::new().await;
    let r = app
        .form_as(
            "/sfn/login",
            &[("username", "ad\u{0}min"), ("password", PW)],
            "http://td.test/login",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(session_cookie(&r).is_none());
    // The service refuses such a name too, for callers that bypass the web guard.
    let outcome = app
        .state
        .accounts
        .authenticate("ad\u{0}min", PW, "127.0.0.1")
        .await
        .unwrap();
    assert!(matches!(outcome, service::accounts::SignIn::Refused));
}

#[tokio::test]
async fn an_undecodable_path_gets_the_json_error_shape() {
    let app = TestApp::new().await;
    let r = app.get("/api/v1/things/%ff%fe").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"]["code"], "bad_path");
}

#[tokio::test]
async fn made_up_tokens_are_refused_and_count_against_the_address() {
    let app = TestApp::with(|s| s.limits.api_per_ip_per_minute = 5).await;
    for i in 0..5 {
        let fake = format!("Bearer made-up-{i}");
        let r = app
            .call_as(
                Method::GET,
                "/api/v1/things",
                None,
                &[("authorization", &fake)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
        assert_eq!(r.json()["error"]["code"], "invalid_token");
    }
    // The address's allowance is spent: a new made-up token, or none, waits.
    for headers in [vec![("authorization", "Bearer another")], vec![]] {
        let r = app
            .call_as(Method::GET, "/api/v1/things", None, &headers)
            .await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{headers:?}");
    }
    // A real token still has its own allowance.
    assert_eq!(app.get("/api/v1/things").await.status, StatusCode::OK);
}

#[tokio::test]
async fn small_inconsistencies_answer_clearly() {
    let app = TestApp::new().await;
    let created = app.post("/api/v1/things", &thing("Kettle")).await.json();
    let id = created["id"].as_str().unwrap();
    for path in [
        "/api/v1/things?limit=0",
        "/api/v1/conflicts?limit=0",
        "/api/v1/federation/held?limit=0",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}: {}", r.text);
        assert_eq!(r.json()["error"]["code"], "bad_parameter", "{path}");
    }
    for tag in ["\"\"", "\"a\", \"b\""] {
        let r = app
            .call(
                Method::PATCH,
                &format!("/api/v1/things/{id}"),
                Some(&json!({"identifier": "thing:kettle"})),
                &[("if-match", tag)],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{tag}: {}", r.text);
        assert_eq!(r.json()["error"]["code"], "bad_if_match");
    }
    let r = app
        .send(
            axum::http::Request::builder()
                .method(Method::POST)
                .uri("/api/v1/things")
                .header("authorization", format!("Bearer {}", app.token))
                .header("content-type", "application/json")
                .body(axum::body::Body::from(
                    r#"{"type": "device", "type": "tool", "name": {"default": "X"}, "manufacturer": {"name": "Y"}}"#,
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert_eq!(r.json()["error"]["code"], "duplicate_key");
    let mut private = thing("Klingon kettle");
    private["name"]["translations"] = json!({"x-klingon": "Qa'vIn"});
    let r = app.post("/api/v1/things", &private).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}
