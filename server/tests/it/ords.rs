//! ORDS files: a real sample of the Open Repair Alliance's data imports and exports
//! again cell for cell, importing twice adds nothing, a bad file is reported by row and
//! column and writes nothing, and the command line does the same with a progress bar.

use crate::common::{cli, TestApp};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use std::collections::BTreeMap;

const SAMPLE: &str = include_str!("../data/ords-sample/OpenRepairData_v0.3_sample_202507.csv");

async fn import_as(app: &TestApp, token: &str, csv: &str) -> crate::common::Reply {
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/repairs/import")
        .header("content-type", "text/csv")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::from(csv.to_string()))
        .unwrap();
    app.send(req).await
}

/// Rows of a CSV by their first cell, each as its cells.
fn rows(csv: &str) -> (Vec<String>, BTreeMap<String, Vec<String>>) {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| {
            let cells: Vec<String> = rec.unwrap().iter().map(String::from).collect();
            (cells[0].clone(), cells)
        })
        .collect();
    (header, rows)
}

#[tokio::test]
async fn the_real_sample_imports_and_exports_cell_for_cell() {
    let app = TestApp::new().await;
    let r = import_as(&app, &app.token, SAMPLE).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let report = r.json();
    assert_eq!(report["rows"], 63);
    assert_eq!(report["imported"], 63);

    let out = app.get("/api/v1/repairs.csv").await;
    assert_eq!(out.status, StatusCode::OK);
    assert!(out.header("content-type").starts_with("text/csv"));
    let (in_header, sample) = rows(SAMPLE);
    let (out_header, exported) = rows(&out.text);
    assert_eq!(
        out_header[..14],
        in_header[..],
        "ORDS columns first, in order"
    );
    assert!(out_header[14..].iter().all(|c| c.starts_with("x_")));
    assert_eq!(exported.len(), sample.len());
    for (id, cells) in &sample {
        let back = &exported[id];
        assert_eq!(&back[..14], &cells[..], "row {id}");
        assert!(back[14..].iter().all(String::is_empty), "row {id}");
    }
    // Empty cells are written as the Alliance's files write them.
    assert!(
        out.text.contains(r#",Unknown,"","",Repairable,"","#),
        "{}",
        out.text
    );

    // Exported and imported again (here, or on another instance) it is the same set.
    let r = import_as(&app, &app.token, &out.text).await;
    assert_eq!(r.json()["imported"], 0, "{}", r.text);
    assert_eq!(r.json()["already_present"], 63);

    let f = app.get("/api/v1/impact?group=Fixit%20Clinic").await.json();
    assert_eq!(f["items"], 23);
    let toronto = app
        .get("/api/v1/repairs.csv?group=Repair%20Caf%C3%A9%20Toronto&from=2025-06-01")
        .await;
    assert_eq!(rows(&toronto.text).1.len(), 19, "{}", toronto.text);
}

#[tokio::test]
async fn a_bad_file_is_reported_by_row_and_column_and_writes_nothing() {
    let app = TestApp::new().await;
    let mut bad = SAMPLE.to_string();
    bad.push_str("x_1,Somewhere,CAN,Toaster,Toaster,31,Unknown,\"\",\"\",Mended,\"\",Somewhere,2025-06-31,\"\"\n");
    bad.push_str("rctoronto_6912,Repair Café Toronto,CAN,Rice cooker,Small kitchen item,29,Unknown,\"\",\"\",Fixed,\"\",Repair Café Toronto,2025-06-07,\"\"\n");
    let r = import_as(&app, &app.token, &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.json()["error"]["code"], "invalid_rows");
    let found: Vec<(u64, String)> = r.json()["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().unwrap(),
                p["column"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(found.contains(&(65, "repair_status".into())), "{found:?}");
    assert!(found.contains(&(65, "event_date".into())), "{found:?}");
    assert!(
        found.contains(&(66, "id".into())),
        "a repeated id: {found:?}"
    );
    assert_eq!(app.get("/api/v1/repairs").await.json()["total"], 0);

    let r = import_as(&app, &app.token, "id,colour\n1,red\n").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("colour"), "{}", r.text);

    let (_, member) = app.user("milo", "member").await;
    let r = import_as(&app, &member, SAMPLE).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "importing is for experts");
    let r = app
        .call(
            Method::POST,
            "/api/v1/repairs/import",
            Some(&serde_json::json!({"rows": []})),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{}", r.text);
}

#[tokio::test]
async fn a_row_naming_an_event_names_its_group_and_day() {
    let app = TestApp::new().await;
    let r = app
        .post(
            "/api/v1/events",
            &serde_json::json!({"group_identifier": "Repair Café Testville", "event_date": "2025-06-07"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let event = r.json()["id"].as_str().unwrap().to_string();
    let head = "id,data_provider,product_category_id,repair_status,group_identifier,event_date,x_event_id\n";
    let good = format!("t_1,Testville,14,Fixed,repair café testville,2025-06-07,{event}\n");
    let other_day = format!("t_2,Testville,14,Fixed,Repair Café Testville,2025-06-08,{event}\n");
    let r = import_as(&app, &app.token, &format!("{head}{good}{other_day}")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let details = r.json()["error"]["details"].clone();
    assert_eq!(details.as_array().map(Vec::len), Some(1), "{details}");
    assert_eq!(details[0]["row"], 3, "{details}");
    assert_eq!(details[0]["column"], "x_event_id", "{details}");
    assert_eq!(details[0]["code"], "event_mismatch", "{details}");
    assert_eq!(app.get("/api/v1/repairs").await.json()["total"], 0);

    let r = import_as(&app, &app.token, &format!("{head}{good}")).await;
    assert_eq!(r.json()["imported"], 1, "{}", r.text);
}

#[tokio::test]
async fn the_command_line_imports_with_a_progress_bar() {
    let app = TestApp::new().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.csv");
    std::fs::write(&file, SAMPLE).unwrap();
    let path = file.to_str().unwrap();
    let (ok, out) = cli(&app, &["impact", "import", path], None, "");
    assert!(ok, "{out}");
    assert!(out.contains("100%"), "{out}");
    assert!(out.contains("63 rows: 63 imported"), "{out}");
    assert_eq!(app.get("/api/v1/repairs").await.json()["total"], 63);
    let (ok, out) = cli(&app, &["impact", "import", path], None, "");
    assert!(ok && out.contains("63 already here"), "{out}");

    std::fs::write(&file, "id,data_provider,product_category_id,repair_status,event_date\na_1,X,14,Fixed,2025-13-01\n").unwrap();
    let (ok, out) = cli(&app, &["impact", "import", path], None, "");
    assert!(!ok, "{out}");
    assert!(out.contains("row 2, column event_date"), "{out}");
}
