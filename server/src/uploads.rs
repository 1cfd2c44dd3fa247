//! The entry page's "Add photos" form, which works without JavaScript: a multipart post
//! whose files are stored and attached to the entry or a step, then back to the page
//! with a notice, or with the reason a file was refused (shown in the reader's language).

use app::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::media::MediaItem;
use domain::policy::{authorize, Action};
use domain::{EntityKind, LocalizedText};
use service::knowledge::ServiceError;
use service::media::UploadError;

/// Files per post; each within the size limit.
const MAX_FILES: usize = 20;
/// Alt text, caption, the step id and the checkbox are short.
const FIELD_LIMIT: usize = 2000;

struct Form {
    step: Option<String>,
    alt: String,
    caption: String,
    keep_capture_time: bool,
}

pub async fn add_media(
    kind: EntityKind,
    State(s): State<AppState>,
    Path(id): Path<String>,
    headers: axum::http::HeaderMap,
    session: tower_sessions::Session,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let page = format!("/{}/{id}", kind.plural());
    let back = |query: &str| Redirect::to(&format!("{page}?{query}#media-add")).into_response();
    let Some(user) = service::sessions::user_of(Some(&session), &s.accounts).await else {
        let next: String = url::form_urlencoded::byte_serialize(page.as_bytes()).collect();
        return Redirect::to(&format!("/login?next={next}")).into_response();
    };
    for action in [Action::UploadMedia, Action::Update] {
        if authorize(Some(&user.role), action).is_err() {
            return back("error=forbidden");
        }
    }
    let Ok(multipart) = multipart else {
        return back("media_error=no_file");
    };
    // Each file is stored as it arrives, so a post holds one file in memory at a time.
    let mut uploaded = Vec::new();
    let mut refused = None;
    let form = match read(multipart, &s, &user.username, &mut uploaded, &mut refused).await {
        Ok(f) => f,
        Err(code) => return back(&format!("media_error={code}")),
    };
    if uploaded.is_empty() && refused.is_none() {
        return back("media_error=no_file");
    }
    let lang = crate::api::input::request_lang(&headers);
    let text = |s: &str| {
        let s = s.trim();
        (!s.is_empty()).then(|| LocalizedText {
            lang: Some(lang.to_string()),
            default: s.to_string(),
            ..LocalizedText::default()
        })
    };
    let items: Vec<MediaItem> = uploaded
        .into_iter()
        .map(|id| MediaItem {
            id,
            alt: text(&form.alt),
            caption: text(&form.caption),
            markers: Vec::new(),
        })
        .collect();
    let added = items.len();
    if added > 0 {
        if let Err(e) = s
            .knowledge
            .attach_media(kind, &id, form.step.as_deref(), &items, &user.username)
            .await
        {
            let code = match e {
                ServiceError::NotFound { .. } => {
                    return crate::api::ApiError::not_found("no such entry").into_response()
                }
                ServiceError::Invalid(_) => "invalid",
                ServiceError::Conflict(_) | ServiceError::Stale { .. } => "changed",
                other => {
                    tracing::error!("attaching media failed: {other}");
                    "internal"
                }
            };
            return back(&format!("media_error={code}"));
        }
    }
    match refused {
        Some((name, code)) => {
            let name: String = url::form_urlencoded::byte_serialize(name.as_bytes()).collect();
            back(&format!(
                "media_added={added}&media_error={code}&media_file={name}"
            ))
        }
        None => Redirect::to(&format!("{page}?media_added={added}#media")).into_response(),
    }
}

fn code_of(e: &UploadError) -> &'static str {
    match e {
        UploadError::Media(m) => m.code(),
        UploadError::UserQuota { .. } => "user_quota",
        UploadError::InstanceQuota { .. } => "instance_quota",
        UploadError::Storage(_) => "internal",
    }
}

/// The form's fields, each bounded: files by the upload limit, the rest by
/// `FIELD_LIMIT`. Files are uploaded on arrival: their hashes go to `uploaded`, the
/// first refusal (file name, code) to `refused`.
async fn read(
    mut multipart: Multipart,
    s: &AppState,
    uploader: &str,
    uploaded: &mut Vec<String>,
    refused: &mut Option<(String, &'static str)>,
) -> Result<Form, &'static str> {
    let max_bytes = s.media.limits().max_bytes as usize;
    let mut form = Form {
        step: None,
        alt: String::new(),
        caption: String::new(),
        keep_capture_time: false,
    };
    let mut files = 0;
    while let Some(mut field) = multipart.next_field().await.map_err(|_| "no_file")? {
        let name = field.name().unwrap_or_default().to_string();
        let limit = if name == "file" {
            max_bytes
        } else {
            FIELD_LIMIT
        };
        let file_name = field.file_name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        let mut too_large = false;
        while let Some(chunk) = field.chunk().await.map_err(|_| "no_file")? {
            if bytes.len() + chunk.len() > limit {
                too_large = true;
                break;
            }
            bytes.extend_from_slice(&chunk);
        }
        let text = || String::from_utf8_lossy(&bytes).trim().to_string();
        match name.as_str() {
            "file" if too_large => {
                refused.get_or_insert((file_name, "file_too_large"));
                // The rest of this part is skipped by the next `next_field`.
            }
            // A browser sends an empty part when no file was chosen.
            "file" if bytes.is_empty() && file_name.is_empty() => {}
            "file" if files >= MAX_FILES => return Err("too_many_files"),
            "file" => {
                files += 1;
                match s
                    .media
                    .upload(uploader, &file_name, bytes, form.keep_capture_time)
                    .await
                {
                    Ok(up) => uploaded.push(up.info.hash),
                    Err(e) => {
                        refused.get_or_insert((file_name, code_of(&e)));
                    }
                }
            }
            _ if too_large => return Err("invalid"),
            "step" => form.step = Some(text()).filter(|s| !s.is_empty()),
            "alt" => form.alt = text(),
            "caption" => form.caption = text(),
            "keep_capture_time" => form.keep_capture_time = !text().is_empty(),
            _ => return Err("invalid"),
        }
    }
    Ok(form)
}
