//! `POST /api/v1/media` (one file, multipart), `GET /api/v1/media/{hash}` (what it is) and
//! `GET /media/{hash}/{part}` (its bytes: cached for good, with ranges).

use super::input::Actor;
use super::ApiError;
use app::state::AppState;
use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::media::{is_media_hash, media_path, MediaInfo, MediaKind, ORIGINAL};
use domain::policy::Action;
use media::MediaError;
use serde_json::{json, Value};
use service::knowledge::ServiceError;

/// The form fields besides the file are short; this bounds reading them.
const FIELD_LIMIT: usize = 1024;

pub async fn upload(
    State(s): State<AppState>,
    actor: Actor,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, ApiError> {
    actor.may(Action::UploadMedia)?;
    let mut multipart = multipart.map_err(|e| {
        ApiError::bad_request("bad_multipart", format!("send multipart/form-data: {e}"))
    })?;
    let max = s.media.limits().max_bytes;
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut keep_capture_time = false;
    while let Some(mut field) = multipart.next_field().await.map_err(bad_multipart)? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "file" if file.is_some() => {
                return Err(ApiError::bad_request(
                    "one_file",
                    "send one file per request, in the field \"file\"",
                ))
            }
            "file" => {
                let file_name = field.file_name().unwrap_or_default().to_string();
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(bad_multipart)? {
                    if (bytes.len() + chunk.len()) as u64 > max {
                        let size = (bytes.len() + chunk.len()) as u64;
                        return Err(MediaError::TooLarge { size, limit: max }.into());
                    }
                    bytes.extend_from_slice(&chunk);
                }
                file = Some((file_name, bytes));
            }
            "keep_capture_time" => {
                let mut text = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(bad_multipart)? {
                    text.extend_from_slice(&chunk);
                    if text.len() > FIELD_LIMIT {
                        return Err(ApiError::bad_request("bad_field", "keep_capture_time is too long"));
                    }
                }
                keep_capture_time = match String::from_utf8_lossy(&text).trim() {
                    "1" | "true" | "on" | "yes" => true,
                    "" | "0" | "false" | "off" | "no" => false,
                    _ => {
                        return Err(ApiError::bad_request(
                            "bad_field",
                            "keep_capture_time is 1, true, on or yes to keep it; 0, false, off or no not to",
                        ))
                    }
                };            }
            other => {
                return Err(ApiError::bad_request(
                    "unknown_field",
                    format!("unknown field {other:?}: send \"file\" and, if you like, \"keep_capture_time\""),
                ))
            }
        }
    }
    let Some((file_name, bytes)) = file else {
        return Err(ApiError::bad_request(
            "missing_file",
            "no file: send it in the multipart field \"file\"",
        ));
    };
    let up = s
        .media
        .upload(&actor.name, &file_name, bytes, keep_capture_time)
        .await?;
    let status = if up.new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let mut res = (status, Json(media_json(&s, &up.info))).into_response();
    let location = format!("/api/v1/media/{}", up.info.hash);
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

fn bad_multipart(e: axum::extract::multipart::MultipartError) -> ApiError {
    ApiError::bad_request(
        "bad_multipart",
        format!("the multipart body is malformed: {e}"),
    )
}

pub async fn info(
    State(s): State<AppState>,
    Path(hash): Path<String>,
) -> Result<Response, ApiError> {
    let missing = || ApiError::not_found("no media file with this hash");
    if !is_media_hash(&hash) {
        return Err(missing());
    }
    let info = s.media.info(&hash).await.map_err(ServiceError::from)?;
    Ok(Json(media_json(&s, &info.ok_or_else(missing)?)).into_response())
}

/// The API's description of a file: its facts and where each part is served.
pub fn media_json(s: &AppState, m: &MediaInfo) -> Value {
    let base = s.knowledge.public_url();
    let variants: Vec<Value> = m
        .variants
        .iter()
        .map(|v| {
            json!({"name": v.name, "width": v.width, "height": v.height, "mime": v.mime,
                   "bytes": v.bytes, "url": format!("{base}{}", media_path(&m.hash, &v.name))})
        })
        .collect();
    json!({
        "id": m.hash,
        "hash": m.hash,
        "kind": m.kind,
        "mime": m.mime,
        "bytes": m.bytes,
        "width": m.width,
        "height": m.height,
        "frames": m.frames,
        "placeholder": m.placeholder,
        "created_at": m.created_at,
        "captured_at": m.captured_at,
        "url": format!("{base}{}", media_path(&m.hash, ORIGINAL)),
        "variants": variants,
    })
}

/// Serves a part. The hash names the bytes, so they never change: a year of caching,
/// `immutable`, and the ETag answers revalidation without reading the store.
pub async fn serve(
    State(s): State<AppState>,
    Path((hash, part)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let missing = || ApiError::not_found("no such media file");
    if !is_media_hash(&hash) {
        return Err(missing());
    }
    let etag = format!("\"{hash}-{part}\"");
    let cached = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let Some(info) = s.media.info(&hash).await.map_err(ServiceError::from)? else {
        return Err(missing());
    };
    let (_, _, size) = service::media::resolve_part(&info, &part).ok_or_else(missing)?;
    let mut common = vec![
        (header::ETAG, etag.clone()),
        (
            header::CACHE_CONTROL,
            crate::caching::IMMUTABLE
                .to_str()
                .unwrap_or_default()
                .to_string(),
        ),
        (header::ACCEPT_RANGES, "bytes".to_string()),
        // Nothing in a media file may run: a PDF viewer still renders, scripts do not.
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox".to_string(),
        ),
    ];
    if info.kind == MediaKind::Pdf {
        common.push((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{}.pdf\"", &hash[..16]),
        ));
    }
    if cached {
        return Ok(with_headers(
            StatusCode::NOT_MODIFIED,
            &common,
            Body::empty(),
        ));
    }
    // A Range header that does not parse is ignored (RFC 9110: the whole file is
    // served); one that parses but lies outside the file answers 416.
    let parsed = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|spec| http_range_header::parse_range_header(spec).ok());
    let range = match parsed.map(|r| r.validate(size)) {
        None => None,
        Some(Ok(ranges)) if ranges.len() == 1 => ranges.first().map(|r| *r.start()..*r.end() + 1),
        // Several ranges at once: the whole file is a valid answer.
        Some(Ok(_)) => None,
        Some(Err(_)) => {
            let mut res = with_headers(StatusCode::RANGE_NOT_SATISFIABLE, &common, Body::empty());
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{size}")) {
                res.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            return Ok(res);
        }
    };
    let partial = range.is_some();
    let Some((_, file)) = s.media.open(&hash, &part, range).await? else {
        return Err(missing());
    };
    let fetched = file.fetched;
    common.push((header::CONTENT_TYPE, file.mime));
    common.push((
        header::CONTENT_LENGTH,
        (fetched.range.end - fetched.range.start).to_string(),
    ));
    let status = if partial {
        common.push((
            header::CONTENT_RANGE,
            format!(
                "bytes {}-{}/{}",
                fetched.range.start,
                fetched.range.end.saturating_sub(1),
                fetched.size
            ),
        ));
        StatusCode::PARTIAL_CONTENT
    } else {
        StatusCode::OK
    };
    Ok(with_headers(
        status,
        &common,
        Body::from_stream(fetched.stream),
    ))
}

fn with_headers(
    status: StatusCode,
    headers: &[(header::HeaderName, String)],
    body: Body,
) -> Response {
    let mut res = (status, body).into_response();
    for (name, value) in headers {
        if let Ok(v) = HeaderValue::from_str(value) {
            res.headers_mut().insert(name.clone(), v);
        }
    }
    res
}
