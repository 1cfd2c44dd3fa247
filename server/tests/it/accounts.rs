//! Accounts and API tokens from the command line and through the API.

use service::accounts::SignIn;

use crate::common::{thing, TestApp};
use axum::http::{Method, StatusCode};
use serde_json::json;
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs the real binary against the test app's database; returns (success, stdout, stderr).
fn cli(app: &TestApp, args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_thingdata"))
        .args(args)
        .env("DATABASE_URL", app.settings.database_url())
        .env("THINGDATA_DATA_DIR", &app.settings.data_dir)
        .env("RUST_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn users_and_tokens_from_the_command_line() {
    let app = TestApp::new().await;
    let (ok, out, err) = cli(
        &app,
        &[
            "users",
            "create",
            "ada",
            "--role",
            "admin",
            "--password-stdin",
        ],
        "a long secret pw\n",
    );
    assert!(ok, "{err}");
    assert!(out.contains("created ada (admin)"));
    let (ok, _, err) = cli(
        &app,
        &["users", "create", "ada", "--password-stdin"],
        "another long pw\n",
    );
    assert!(!ok);
    assert!(err.contains("taken"), "{err}");
    let (ok, _, err) = cli(
        &app,
        &["users", "create", "Bad Name", "--password-stdin"],
        "short\n",
    );
    assert!(!ok);
    assert!(
        err.contains("username") && err.contains("password"),
        "{err}"
    );
    let (ok, _, _) = cli(
        &app,
        &[
            "users",
            "create",
            "bob",
            "--role",
            "member",
            "--password-stdin",
        ],
        "bobs long password\n",
    );
    assert!(ok);
    let (ok, _, _) = cli(&app, &["users", "set-role", "bob", "expert"], "");
    assert!(ok);
    let (ok, _, err) = cli(&app, &["users", "set-role", "bob", "emperor"], "");
    assert!(!ok && err.contains("role"), "{err}");
    let (_, out, _) = cli(&app, &["users", "list"], "");
    assert!(
        out.contains("ada\tadmin\tactive") && out.contains("bob\texpert\tactive"),
        "{out}"
    );
    // The stored password is an argon2id hash that the real login check accepts.
    let accounts = &app.state.accounts;
    match accounts
        .authenticate("ada", "a long secret pw", "127.0.0.1")
        .await
    {
        Ok(SignIn::Welcome(u)) => assert_eq!(u.role, "admin"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        accounts
            .authenticate("ada", "wrong password", "127.0.0.1")
            .await,
        Ok(SignIn::Refused)
    ));
}

#[tokio::test]
async fn api_tokens_sign_revisions_and_bad_tokens_are_refused() {
    let app = TestApp::new().await;
    cli(
        &app,
        &[
            "users",
            "create",
            "grace",
            "--role",
            "expert",
            "--password-stdin",
        ],
        "grace's long password\n",
    );
    let (ok, token, err) = cli(&app, &["tokens", "create", "grace", "--name", "laptop"], "");
    assert!(ok, "{err}");
    let token = token.trim().to_string();
    assert!(token.starts_with("td_") && token.len() > 60);
    let bearer = format!("Bearer {token}");

    let r = app
        .call(
            Method::POST,
            "/api/v1/things",
            Some(&thing("Lamp")),
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_string();
    let history = app
        .get(&format!("/api/v1/things/{id}/history"))
        .await
        .json();
    assert_eq!(history["items"][0]["author"], json!("grace"));
    let page = app.page(&format!("/things/{id}/history"), "en").await;
    assert!(page.text.contains("by grace"));

    for (header, code) in [
        ("Bearer td_nope", "invalid_token"),
        ("Basic Z3JhY2U6eA==", "bad_authorization"),
        ("Bearer ", "bad_authorization"),
    ] {
        let r = app
            .call(
                Method::POST,
                "/api/v1/things",
                Some(&thing("Lamp")),
                &[("authorization", header)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{header}");
        assert_eq!(r.json()["error"]["code"], json!(code));
    }
    // Disabling the user disables the token.
    let (ok, _, _) = cli(&app, &["users", "disable", "grace"], "");
    assert!(ok);
    let r = app
        .call(
            Method::POST,
            "/api/v1/things",
            Some(&thing("Lamp")),
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let (ok, _, err) = cli(&app, &["tokens", "create", "nobody"], "");
    assert!(!ok && err.contains("no user nobody"), "{err}");
}
