//! Every write route × every role, through the JSON API and through the page forms.

use crate::common::{thing, TestApp};
use axum::http::{Method, StatusCode};
use serde_json::json;

/// (write, method, url, body, headers) of one API call.
type ApiCase = (
    &'static str,
    Method,
    String,
    Option<serde_json::Value>,
    Vec<(String, String)>,
);
/// (write, server function path, form fields) of one form post.
type FormCase = (&'static str, &'static str, Vec<(&'static str, String)>);

const ROLES: [Option<&str>; 5] = [
    None,
    Some("member"),
    Some("expert"),
    Some("moderator"),
    Some("admin"),
];

/// Which roles the policy lets through, per write.
fn allowed(write: &str, role: Option<&str>) -> bool {
    let rank = |r: &str| {
        ["member", "expert", "moderator", "admin"]
            .iter()
            .position(|x| *x == r)
    };
    let need = match write {
        "create" | "update" | "patch" | "revert" => 0,
        "resolve" => 1,
        "delete" | "hide" | "unhide" | "disable_user" => 2,
        "role" | "settings" | "invite" => 3,
        _ => usize::MAX,
    };
    role.and_then(rank).is_some_and(|r| r >= need)
}

/// A thing with two revisions and an open conflict on a second thing, made by the admin.
async fn fixtures(app: &TestApp) -> (String, String, String, String) {
    let t = app.post("/api/v1/things", &thing("Radio")).await.json();
    let id = t["id"].as_str().unwrap().to_string();
    let rev1 = t["revision"].as_str().unwrap().to_string();
    let mut b = t.clone();
    b["properties"]["serial_number"] = json!("R-1");
    let rev2 = app
        .call(Method::PUT, &format!("/api/v1/things/{id}"), Some(&b), &[])
        .await
        .json()["revision"]
        .as_str()
        .unwrap()
        .to_string();
    let c = app.post("/api/v1/things", &thing("Clock")).await.json();
    let cid = c["id"].as_str().unwrap().to_string();
    let base = c["revision"].as_str().unwrap().to_string();
    for name in ["Wall clock", "Alarm clock"] {
        let mut v = c.clone();
        v["name"]["default"] = json!(name);
        app.call(
            Method::PUT,
            &format!("/api/v1/things/{cid}"),
            Some(&v),
            &[("if-match", &base)],
        )
        .await;
    }
    let conflict = app.get("/api/v1/conflicts").await.json()["items"][0]["conflict_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(rev1.len(), 64);
    (id, rev2, rev1, conflict)
}

#[tokio::test]
async fn api_write_matrix() {
    let app = TestApp::new().await;
    for (n, role) in ROLES.iter().enumerate() {
        let auth = match role {
            Some(r) => Some(format!(
                "Bearer {}",
                app.user(&format!("user{n}"), r).await.1
            )),
            None => None,
        };
        let headers: Vec<(&str, &str)> =
            auth.iter().map(|a| ("authorization", a.as_str())).collect();
        let (id, rev2, rev1, conflict) = fixtures(&app).await;
        let path = format!("/api/v1/things/{id}");
        let mut edited = thing("Radio 2");
        edited["properties"]["serial_number"] = json!("R-1");
        let with = |extra: &[(&'static str, String)]| {
            let mut h: Vec<(String, String)> = headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            h.extend(extra.iter().map(|(k, v)| (k.to_string(), v.clone())));
            h
        };
        let cases: Vec<ApiCase> = vec![
            (
                "create",
                Method::POST,
                "/api/v1/things".into(),
                Some(thing("Fan")),
                with(&[]),
            ),
            (
                "update",
                Method::PUT,
                path.clone(),
                Some(edited.clone()),
                with(&[("if-match", rev2.clone())]),
            ),
            (
                "patch",
                Method::PATCH,
                path.clone(),
                Some(json!({"identifier": "thing:x/y"})),
                with(&[]),
            ),
            (
                "revert",
                Method::POST,
                format!("{path}/revert"),
                Some(json!({"revision": rev1})),
                with(&[]),
            ),
            (
                "resolve",
                Method::POST,
                format!("/api/v1/conflicts/{conflict}/resolve"),
                Some(json!({"choices": {}})),
                with(&[]),
            ),
            (
                "hide",
                Method::POST,
                format!("{path}/hide"),
                Some(json!({"reason": "spam"})),
                with(&[]),
            ),
            (
                "unhide",
                Method::POST,
                format!("{path}/unhide"),
                None,
                with(&[]),
            ),
            (
                "delete",
                Method::DELETE,
                path.clone(),
                None,
                with(&[("x-confirm-delete", "true".into())]),
            ),
        ];
        for (write, method, url, body, h) in cases {
            let h: Vec<(&str, &str)> = h.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let r = app.call_as(method, &url, body.as_ref(), &h).await;
            let expected = if allowed(write, *role) {
                r.status.is_success()
            } else if role.is_none() {
                r.status == StatusCode::UNAUTHORIZED
                    && r.json()["error"]["code"] == json!("sign_in_required")
            } else {
                r.status == StatusCode::FORBIDDEN && r.json()["error"]["code"] == json!("forbidden")
            };
            assert!(expected, "{write} as {role:?}: {} {}", r.status, r.text);
        }
    }
}

#[tokio::test]
async fn form_write_matrix() {
    let app = TestApp::new().await;
    app.user("target", "member").await;
    for (n, role) in ROLES.iter().enumerate() {
        let cookie = match role {
            Some(r) => Some(app.user(&format!("user{n}"), r).await.0),
            None => None,
        };
        let (id, rev2, rev1, conflict) = fixtures(&app).await;
        let cases: Vec<FormCase> = vec![
            (
                "create",
                "/sfn/save",
                vec![
                    ("kind", "thing".into()),
                    ("f[type]", "tool".into()),
                    ("f[name.default]", "Awl".into()),
                    ("f[manufacturer.name]", "X".into()),
                ],
            ),
            (
                "update",
                "/sfn/save",
                vec![
                    ("kind", "thing".into()),
                    ("f[id]", id.clone()),
                    ("f[base_revision]", rev2.clone()),
                    ("f[type]", "device".into()),
                    ("f[name.default]", "Radio 3".into()),
                    ("f[manufacturer.name]", "ACME".into()),
                ],
            ),
            (
                "revert",
                "/sfn/revert",
                vec![
                    ("kind", "thing".into()),
                    ("id", id.clone()),
                    ("revision", rev1.clone()),
                ],
            ),
            ("resolve", "/sfn/resolve", vec![("id", conflict.clone())]),
            (
                "hide",
                "/sfn/moderate",
                vec![
                    ("kind", "thing".into()),
                    ("id", id.clone()),
                    ("intent", "hide".into()),
                    ("reason", "spam".into()),
                ],
            ),
            (
                "unhide",
                "/sfn/moderate",
                vec![
                    ("kind", "thing".into()),
                    ("id", id.clone()),
                    ("intent", "unhide".into()),
                ],
            ),
            (
                "disable_user",
                "/sfn/moderate_user",
                vec![("username", "target".into()), ("disabled", "yes".into())],
            ),
            (
                "role",
                "/sfn/admin_user",
                vec![("username", "target".into()), ("role", "expert".into())],
            ),
            (
                "settings",
                "/sfn/admin_settings_save",
                vec![
                    ("name", "Shop".into()),
                    ("languages", "en".into()),
                    ("registration", "open".into()),
                ],
            ),
            ("invite", "/sfn/admin_invite", vec![]),
            (
                "delete",
                "/sfn/delete",
                vec![
                    ("kind", "thing".into()),
                    ("id", id.clone()),
                    ("confirm", "yes".into()),
                ],
            ),
        ];
        for (write, url, fields) in cases {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = app
                .form_as(url, &fields, "http://td.test/x", cookie.as_deref())
                .await;
            let loc = r.header("location");
            let refused = loc.starts_with("/login?next=") || loc.contains("error=forbidden");
            assert_eq!(
                !refused,
                allowed(write, *role),
                "{write} as {role:?} → {loc}"
            );
            if role.is_none() {
                assert!(loc.starts_with("/login?next="), "{write}: {loc}");
            }
        }
    }
    // A refused save keeps the edit: the sign-in page leads back to the form with it.
    let r = app
        .form_as(
            "/sfn/save",
            &[
                ("kind", "thing"),
                ("f[type]", "tool"),
                ("f[name.default]", "Kept name"),
                ("f[manufacturer.name]", "X"),
            ],
            "http://td.test/things/new",
            None,
        )
        .await;
    let next = r.header("location");
    let back: String = url::form_urlencoded::parse(
        next.split_once('?')
            .map(|(_, q)| q)
            .unwrap_or("")
            .as_bytes(),
    )
    .find(|(k, _)| k == "next")
    .map(|(_, v)| v.into_owned())
    .unwrap();
    assert!(back.starts_with("/things/new?draft="), "{back}");
    assert!(app
        .page(&back, "en")
        .await
        .text
        .contains("value=\"Kept name\""));
}
