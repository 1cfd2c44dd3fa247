//! Factor tables: admins add one (checked cell by cell), choose it, and every figure is
//! computed with it at once, citing it, with ranges where it gives an uncertainty; the
//! figures the old table gave are kept in the history.

use crate::common::TestApp;
use axum::http::StatusCode;
use serde_json::json;

const GOOD: &str = "product_category_id,weight,footprint,uncertainty_pct\n14,2,100,20\n16,3,200,\n";

async fn add(app: &TestApp, cookie: &str, version: &str, csv: &str) -> String {
    let r = app
        .form_as(
            "/sfn/admin_factors_add",
            &[
                ("name", "Test factors"),
                ("version", version),
                ("source", "a test"),
                ("licence", "CC0"),
                ("csv", csv),
            ],
            "http://td.test/admin/impact",
            Some(cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    r.headers["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn admins_add_and_choose_a_factor_table_and_the_old_figures_are_kept() {
    let app = TestApp::new().await;
    let admin = app.cookie.clone();
    let kettle = json!({"data_provider": "T", "product_category_id": 14, "repair_status": "Fixed",
                        "group_identifier": "G", "event_date": "2025-06-07"});
    let r = app.post("/api/v1/repairs", &kettle).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let f = app.get("/api/v1/impact").await.json();
    assert_eq!(f["co2e_prevented_kg"], 22.16, "44.32 × 0.5: {f}");

    let page = app.page_as("/admin/impact", "en", Some(&admin)).await.text;
    assert!(page.contains("ORDS category LCA reference"), "{page}");
    assert!(
        page.contains("The shipped table has always been in use."),
        "{page}"
    );

    // A bad cell: named by row and column, nothing added, what was typed kept.
    let to = add(
        &app,
        &admin,
        "1",
        "product_category_id,weight,footprint\n14,2,100\n16,heavy,3\n",
    )
    .await;
    assert!(to.contains("draft="), "{to}");
    let page = app.page_as(&to, "en", Some(&admin)).await.text;
    assert!(page.contains("row 3.weight"), "{page}");
    assert!(page.contains("Test factors"), "{page}");
    assert!(page.contains("16,heavy,3"), "{page}");

    let to = add(&app, &admin, "1", GOOD).await;
    assert!(to.contains("added=1"), "{to}");
    let to = add(&app, &admin, "1", GOOD).await;
    let page = app.page_as(&to, "de", Some(&admin)).await.text;
    assert!(
        page.contains("neue Version"),
        "the same name and version twice: {page}"
    );
    let page = app.page_as("/admin/impact", "en", Some(&admin)).await.text;
    assert!(page.contains("(with ranges)"), "{page}");

    // Someone else cannot choose it.
    let (member, _) = app.user("mona", "member").await;
    let page = app.page_as("/admin/impact", "en", Some(&member)).await.text;
    assert!(!page.contains("Use this table"), "{page}");
    let id = app
        .state
        .impact
        .tables()
        .list()
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Test factors")
        .unwrap()
        .id;
    let r = app
        .form_as(
            "/sfn/admin_factors_use",
            &[("id", &id)],
            "http://td.test/admin/impact",
            Some(&member),
        )
        .await;
    assert!(
        r.headers["location"]
            .to_str()
            .unwrap()
            .contains("error=forbidden"),
        "{:?}",
        r.headers
    );
    let f = app.get("/api/v1/impact").await.json();
    assert_eq!(f["factor_table"]["name"], "ORDS category LCA reference");

    let r = app
        .form_as(
            "/sfn/admin_factors_use",
            &[("id", &id)],
            "http://td.test/admin/impact",
            Some(&admin),
        )
        .await;
    assert!(
        r.headers["location"].to_str().unwrap().contains("used=1"),
        "{:?}",
        r.headers
    );
    // At once, not after the kept figures age.
    let f = app.get("/api/v1/impact").await.json();
    assert_eq!(f["factor_table"]["name"], "Test factors", "{f}");
    assert_eq!(f["factor_table"]["version"], "1", "{f}");
    assert_eq!(f["co2e_prevented_kg"], 50.0, "{f}");
    assert_eq!(f["waste_prevented_kg"], 2.0, "{f}");
    assert_eq!(
        f["co2e_range_kg"],
        json!({"low": 40.0, "high": 60.0}),
        "{f}"
    );
    let dash = app.page("/impact", "en").await.text;
    assert!(dash.contains("Test factors"), "{dash}");

    let page = app.page_as("/admin/impact", "en", Some(&admin)).await.text;
    assert!(
        page.contains("ORDS category LCA reference openrepair-tools-ccd642f"),
        "the replaced table: {page}"
    );
    assert!(page.contains("22 kg"), "the figures it gave: {page}");
    let audit = app
        .page_as("/admin/audit?action=factors.use", "en", Some(&admin))
        .await
        .text;
    assert!(audit.contains("Changed the factor table in use"), "{audit}");
    let r = app
        .form_as(
            "/sfn/admin_factors_use",
            &[("id", "nope")],
            "http://td.test/admin/impact",
            Some(&admin),
        )
        .await;
    assert!(
        r.headers["location"]
            .to_str()
            .unwrap()
            .contains("error=unknown"),
        "{:?}",
        r.headers
    );
}
