//! Moderators hide entries from readers; hiding is a revision, so history, edits and
//! merges keep it.

use crate::common::{thing, TestApp};
use axum::http::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn hidden_entries_are_gone_for_readers_and_kept_for_moderators() {
    let app = TestApp::new().await;
    let (mod_cookie, mod_token) = app.user("moe", "moderator").await;
    let (member_cookie, member_token) = app.user("mia", "member").await;
    let t = app
        .post("/api/v1/things", &thing("Spam kettle"))
        .await
        .json();
    let id = t["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/things/{id}");
    let as_mod = format!("Bearer {mod_token}");
    let as_member = format!("Bearer {member_token}");

    let r = app
        .call(
            Method::POST,
            &format!("{path}/hide"),
            Some(&json!({"reason": " "})),
            &[("authorization", &as_mod)],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is required"
    );

    // Through the page, as a moderator.
    let r = app
        .form_as(
            "/sfn/moderate",
            &[
                ("kind", "thing"),
                ("id", &id),
                ("intent", "hide"),
                ("reason", "advertising"),
            ],
            &format!("http://td.test/things/{id}"),
            Some(&mod_cookie),
        )
        .await;
    assert_eq!(r.header("location"), format!("/things/{id}?moderated=hide"));

    // Readers: 410 on the API and the page, and no trace in lists.
    let r = app
        .call(Method::GET, &path, None, &[("authorization", &as_member)])
        .await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(r.text.contains("advertising") && !r.text.contains("Spam kettle"));
    let page = app
        .page_as(&format!("/things/{id}"), "en", Some(&member_cookie))
        .await;
    assert_eq!(page.status, StatusCode::GONE);
    assert!(page.text.contains("The moderators have hidden this entry"));
    assert!(!page.text.contains("Spam kettle"), "no content for readers");
    let list = app
        .call_as(Method::GET, "/api/v1/things", None, &[])
        .await
        .json();
    assert_eq!(list["total"], 0);
    assert!(!app
        .page_as("/things", "en", None)
        .await
        .text
        .contains("Spam kettle"));

    // Moderators: the content, who hid it and why, and a way back.
    let page = app
        .page_as(&format!("/things/{id}"), "en", Some(&mod_cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Spam kettle") && page.text.contains("Hidden by moe"));
    let r = app
        .call(Method::GET, &path, None, &[("authorization", &as_mod)])
        .await;
    assert_eq!(r.json()["hidden"]["reason"], "advertising");

    // An author cannot unhide by editing, and edits keep the entry hidden.
    let mut edit = r.json();
    edit["hidden"] = serde_json::Value::Null;
    edit["name"]["default"] = json!("Kettle (edited)");
    let r = app
        .call(
            Method::PUT,
            &path,
            Some(&edit),
            &[("authorization", &format!("Bearer {}", app.token))],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["hidden"]["reason"], "advertising");
    let r = app
        .call(
            Method::POST,
            &format!("{path}/unhide"),
            None,
            &[("authorization", &as_member)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let r = app
        .call(
            Method::POST,
            &format!("{path}/unhide"),
            None,
            &[("authorization", &as_mod)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.json().get("hidden").is_none());
    let r = app
        .call(Method::GET, &path, None, &[("authorization", &as_member)])
        .await;
    assert_eq!(r.json()["name"]["default"], "Kettle (edited)");
    assert_eq!(app.get("/api/v1/things").await.json()["total"], 1);

    // Hide, edit and show again are all in the history.
    let h = app.get(&format!("{path}/history")).await.json();
    let authors: Vec<&str> = h["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|r| r["author"].as_str()).collect())
        .unwrap();
    assert_eq!(authors, ["admin", "moe", "admin", "moe"]);
    let log = app
        .page_as(
            &format!("/admin/audit?target=things%2F{id}"),
            "en",
            Some(&app.cookie),
        )
        .await;
    assert!(log.text.contains("entity.hide") && log.text.contains("entity.unhide"));
}
