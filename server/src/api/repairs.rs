//! `/api/v1/repairs.csv` and `/api/v1/repairs/import`: repair records as Open Repair
//! Data Standard CSV, out and in.

use super::impact::{parse, refused};
use super::input::Actor;
use super::ApiError;
use app::state::AppState;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::policy::Action;
use serde_json::{json, Value};

/// The largest file an import takes: 200,000 ORDS rows are about 40 MB.
pub const MAX_IMPORT_BYTES: usize = 256 * 1024 * 1024;

/// The visible records the filters keep (those of `/api/v1/impact`), ORDS columns
/// first and ThingData's `x_` columns after, oldest event first.
pub async fn export(
    State(s): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let (q, _) = parse(query, false)?;
    let csv = s
        .impact
        .export_ords(&s.knowledge, &q)
        .await
        .map_err(refused)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"repairs-ords-v0.3.csv\"",
            ),
        ],
        csv,
    )
        .into_response())
}

/// Imports an ORDS CSV sent as the body (`text/csv`). Every row is checked first:
/// one bad cell and nothing is written (422, each problem with its row and column).
pub async fn import(
    State(s): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    actor.may(Action::ImportRecords)?;
    let essence = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if essence != "text/csv" {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send the file as text/csv",
        ));
    }
    let outcome = s
        .knowledge
        .import_ords(&body, &actor.name, |_, _| {})
        .await?;
    match outcome {
        Ok(report) => Ok((StatusCode::OK, Json(report)).into_response()),
        Err(problems) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_rows",
            format!(
                "{} problem(s) in the file; nothing was imported",
                problems.len()
            ),
        )
        .with_details(json!(problems))),
    }
}

/// The OpenAPI paths of both operations.
pub fn paths(paths: &mut serde_json::Map<String, Value>, err_doc: &dyn Fn(&str) -> Value) {
    let params = paths["/api/v1/impact"]["get"]["parameters"].clone();
    paths.insert("/api/v1/repairs.csv".into(), json!({"get": {
        "summary": "Repair records as an Open Repair Data Standard v0.3 CSV (ORDS columns, then ThingData's x_ columns), oldest event first; the same filters as /api/v1/impact",
        "parameters": params,
        "responses": {"200": {"description": "The CSV", "content": {"text/csv": {"schema": {"type": "string"}}}},
            "400": err_doc("An unknown parameter or a bad value"), "404": err_doc("No such category")}}}));
    let problem = json!({"type": "object", "properties": {"row": {"type": "integer", "description": "The header is row 1"},
        "column": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}}});
    paths.insert("/api/v1/repairs/import".into(), json!({"post": {
        "summary": "Import an ORDS v0.3 CSV (experts): every row is checked first and nothing is written if any is bad; records already here (the same ORDS id) are skipped, so an interrupted import is resumed by sending the file again",
        "requestBody": {"required": true, "content": {"text/csv": {"schema": {"type": "string"}}}},
        "responses": {"200": {"description": "What was imported", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "rows": {"type": "integer"}, "imported": {"type": "integer"}, "already_present": {"type": "integer"}, "batches": {"type": "integer"}}}}}},
            "413": err_doc("Over 256 MB"), "415": err_doc("Not text/csv"),
            "422": {"description": "Bad rows; nothing imported", "content": {"application/json": {"schema": {"type": "object", "properties": {
                "error": {"type": "object", "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "details": {"type": "array", "items": problem}}}}}}}}}}}));
}
