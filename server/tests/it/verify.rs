//! `thingdata verify` on a clean log and on each kind of tampering.

use crate::common::{thing, TestApp};
use serde_json::json;
use sqlx::{Connection, Executor};
use std::process::Command;

pub fn run_verify(app: &TestApp) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_thingdata"))
        .arg("verify")
        .env("DATABASE_URL", app.settings.database_url())
        .env("THINGDATA_DATA_DIR", &app.settings.data_dir)
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

async fn tamper(app: &TestApp, sql: &str) {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&app.settings.database_url())
        .await
        .unwrap();
    conn.execute(sql).await.unwrap();
}

async fn setup() -> (TestApp, String) {
    let app = TestApp::new().await;
    let t = app
        .post("/api/v1/things", &thing("Vacuum cleaner"))
        .await
        .json();
    let id = t["id"].as_str().unwrap().to_string();
    let mut edited = t.clone();
    edited["name"]["default"] = json!("Vacuum cleaner 2");
    let r = app
        .call(
            axum::http::Method::PUT,
            &format!("/api/v1/things/{id}"),
            Some(&edited),
            &[],
        )
        .await;
    assert_eq!(r.status, axum::http::StatusCode::OK);
    (app, id)
}

#[tokio::test]
async fn a_clean_log_verifies() {
    let (app, _) = setup().await;
    let (ok, out) = run_verify(&app);
    assert!(ok, "{out}");
    // One thing, created and edited, beside the seeded categories.
    let seeded = crate::common::taxonomy_seed()["categories"]
        .as_array()
        .map_or(0, Vec::len);
    let expected = format!(
        "verified {} revisions, {} entities and 3 audit entries: 0 problem(s)",
        2 + seeded,
        1 + seeded
    );
    assert!(out.contains(&expected), "{out}");
}

#[tokio::test]
async fn verify_catches_an_edited_revision() {
    let (app, _) = setup().await;
    tamper(
        &app,
        "UPDATE revisions SET body = replace(body, 'ACME', 'EVIL') WHERE op = 'create'",
    )
    .await;
    let (ok, out) = run_verify(&app);
    assert!(!ok);
    assert!(out.contains("id does not match its content"), "{out}");
}

#[tokio::test]
async fn verify_catches_a_forged_signature_and_a_missing_parent() {
    let (app, _) = setup().await;
    tamper(
        &app,
        "UPDATE revisions SET signature = 'abcd' WHERE op = 'update'",
    )
    .await;
    tamper(&app, "DELETE FROM revisions WHERE op = 'create'").await;
    let (ok, out) = run_verify(&app);
    assert!(!ok);
    assert!(out.contains("signature does not verify"), "{out}");
    assert!(out.contains("is missing"), "{out}");
}

#[tokio::test]
async fn verify_catches_a_row_that_disagrees_with_its_head() {
    let (app, id) = setup().await;
    tamper(
        &app,
        &format!(
            "UPDATE things SET body = replace(body, 'cleaner 2', 'cleaner 3') WHERE id = '{id}'"
        ),
    )
    .await;
    let (ok, out) = run_verify(&app);
    assert!(!ok);
    assert!(
        out.contains("stored row differs from its head revision"),
        "{out}"
    );
    tamper(&app, &format!("DELETE FROM things WHERE id = '{id}'")).await;
    let (_, out) = run_verify(&app);
    assert!(
        out.contains("not deleted in the log but has no row"),
        "{out}"
    );
}

#[tokio::test]
async fn verify_catches_an_edited_or_removed_audit_entry() {
    // The admin's creation, token and sign-in are audit entries 1 to 3.
    let (app, _) = setup().await;
    tamper(
        &app,
        "UPDATE audit_log SET actor = 'someone else' WHERE seq = 2",
    )
    .await;
    let (ok, out) = run_verify(&app);
    assert!(!ok);
    assert!(out.contains("entry 2 was altered"), "{out}");

    // Replacing its hash too leaves the next entry pointing at the original.
    tamper(&app, "UPDATE audit_log SET hash = 'beef' WHERE seq = 2").await;
    let (_, out) = run_verify(&app);
    assert!(out.contains("entry 3 does not follow"), "{out}");

    tamper(&app, "DELETE FROM audit_log WHERE seq = 1").await;
    let (_, out) = run_verify(&app);
    assert!(out.contains("entries 1 to 1 are missing"), "{out}");
}
