//! Sign-in, sign-out, registration and role management through the pages.

use crate::common::{session_cookie, TestApp};
use axum::http::StatusCode;
use serde_json::json;

async fn sign_in(
    app: &TestApp,
    user: &str,
    password: &str,
    cookie: Option<&str>,
) -> crate::common::Reply {
    app.form_as(
        "/sfn/login",
        &[
            ("username", user),
            ("password", password),
            ("next", "/things"),
        ],
        "http://td.test/login",
        cookie,
    )
    .await
}

#[tokio::test]
async fn sign_in_edit_as_yourself_and_sign_out() {
    let app = TestApp::new().await;
    app.state
        .accounts
        .create_user("ada", "ada@example.org", "a long secret pw", "expert")
        .await
        .unwrap();

    let wrong = sign_in(&app, "ada", "nope nope nope", None).await;
    assert!(
        wrong
            .header("location")
            .starts_with("/login?error=1&username=ada"),
        "{}",
        wrong.header("location")
    );
    assert!(session_cookie(&wrong).is_none());
    let page = app.page(&wrong.header("location"), "de").await;
    assert!(
        page.text.contains("Benutzername oder Passwort falsch")
            && page.text.contains("value=\"ada\"")
    );

    let ok = sign_in(&app, "ada", "a long secret pw", None).await;
    assert_eq!(ok.status, StatusCode::FOUND);
    assert_eq!(ok.header("location"), "/things");
    let raw = ok.header("set-cookie");
    assert!(
        raw.contains("HttpOnly") && raw.contains("SameSite=Lax"),
        "{raw}"
    );
    let cookie = session_cookie(&ok).unwrap();

    // Signing in again rotates the session id (no fixation).
    let again = sign_in(&app, "ada", "a long secret pw", Some(&cookie)).await;
    let rotated = session_cookie(&again).unwrap();
    assert!(!rotated.is_empty() && rotated != cookie);
    let old = app.page_as("/", "en", Some(&cookie)).await;
    assert!(
        !old.text.contains("Signed in as"),
        "the old session id must be dead"
    );

    let home = app.page_as("/", "en", Some(&rotated)).await;
    assert!(home.text.contains("Signed in as ada"));

    let r = app
        .form_as(
            "/sfn/save",
            &[
                ("kind", "thing"),
                ("f[type]", "tool"),
                ("f[name.default]", "Hex key"),
                ("f[manufacturer.name]", "Wera"),
                ("f[intent]", "save"),
            ],
            "http://td.test/things/new",
            Some(&rotated),
        )
        .await;
    let id = r
        .header("location")
        .trim_start_matches("/things/")
        .trim_end_matches("?saved=1")
        .to_string();
    let history = app
        .get(&format!("/api/v1/things/{id}/history"))
        .await
        .json();
    assert_eq!(history["items"][0]["author"], json!("ada"));
    let account = app.page_as("/account", "en", Some(&rotated)).await;
    assert!(account.text.contains("Hex key") && account.text.contains("Expert"));

    let out = app
        .form_as("/sfn/logout", &[], "http://td.test/", Some(&rotated))
        .await;
    assert_eq!(out.header("location"), "/");
    let after = app.page_as("/", "en", Some(&rotated)).await;
    assert!(after.text.contains("Sign in") && !after.text.contains("Signed in as"));
    assert!(app
        .page("/account", "en")
        .await
        .text
        .contains("Sign in to see your account"));
}

#[tokio::test]
async fn registration_checks_input_and_signs_in() {
    let app = TestApp::new().await;
    let r = app
        .form(
            "/sfn/register",
            &[
                ("username", "grace"),
                ("email", "grace@example.org"),
                ("password", "long password 1"),
                ("password_again", "long password 2"),
            ],
            "http://td.test/register",
        )
        .await;
    let loc = r.header("location");
    assert!(loc.starts_with("/register?draft="), "{loc}");
    let page = app.page(&loc, "de").await;
    assert!(
        page.text.contains("Die beiden Passwörter sind verschieden")
            && page.text.contains("value=\"grace\"")
    );
    assert!(
        !page.text.contains("long password"),
        "passwords must never be echoed"
    );

    let r = app
        .form(
            "/sfn/register",
            &[
                ("username", "grace"),
                ("email", "grace@example.org"),
                ("password", "long password 1"),
                ("password_again", "long password 1"),
            ],
            "http://td.test/register",
        )
        .await;
    assert_eq!(r.header("location"), "/account?welcome=1");
    let cookie = session_cookie(&r).unwrap();
    let account = app.page_as("/account?welcome=1", "en", Some(&cookie)).await;
    assert!(
        account.text.contains("Welcome!")
            && account.text.contains("grace@example.org")
            && account.text.contains("Member")
    );

    let taken = app
        .form(
            "/sfn/register",
            &[
                ("username", "grace"),
                ("email", "g2@example.org"),
                ("password", "long password 1"),
                ("password_again", "long password 1"),
            ],
            "http://td.test/register",
        )
        .await;
    let page = app.page(&taken.header("location"), "en").await;
    assert!(page.text.contains("This username is taken"));
}

#[tokio::test]
async fn admins_manage_roles_on_the_users_page() {
    let app = TestApp::new().await;
    let (member_cookie, _) = app.user("moe", "member").await;
    // Only admins see or change users.
    let page = app
        .page_as("/admin/users", "en", Some(&member_cookie))
        .await;
    // The visible page (the serialized data after it holds the visitor's own account).
    let start = page.text.find("<main").unwrap_or(0);
    let end = page.text.find("</main>").unwrap_or(page.text.len());
    let main = &page.text[start..end];
    assert!(
        main.contains("This page is for administrators") && !main.contains("moe@example.org"),
        "{main}"
    );
    let r = app
        .form_as(
            "/sfn/admin_user",
            &[("username", "moe"), ("role", "admin")],
            "http://td.test/admin/users",
            Some(&member_cookie),
        )
        .await;
    assert!(r.header("location").contains("error=forbidden"));
    let anon = app
        .form_as(
            "/sfn/admin_user",
            &[("username", "moe"), ("role", "admin")],
            "http://td.test/x",
            None,
        )
        .await;
    assert!(anon.header("location").starts_with("/login?next="));

    let page = app.page_as("/admin/users", "en", Some(&app.cookie)).await;
    assert!(page.text.contains("moe@example.org") && page.text.contains("Users and roles"));
    let r = app
        .form(
            "/sfn/admin_user",
            &[("username", "moe"), ("role", "expert")],
            "http://td.test/admin/users",
        )
        .await;
    assert_eq!(r.header("location"), "/admin/users?saved=1");
    let users = app.state.accounts.users().await.unwrap();
    assert!(users
        .iter()
        .any(|u| u.username == "moe" && u.role == "expert" && !u.disabled));
    let bad = app
        .form(
            "/sfn/admin_user",
            &[("username", "moe"), ("role", "emperor")],
            "http://td.test/admin/users",
        )
        .await;
    assert_eq!(bad.header("location"), "/admin/users?error=invalid");
    // Disabling ends what the account can do, including its open session.
    app.form(
        "/sfn/admin_user",
        &[("username", "moe"), ("role", "expert"), ("disabled", "yes")],
        "http://td.test/admin/users",
    )
    .await;
    assert!(!app
        .page_as("/", "en", Some(&member_cookie))
        .await
        .text
        .contains("Signed in as moe"));
}
