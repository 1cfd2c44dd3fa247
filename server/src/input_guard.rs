//! Refuses request paths, query strings and form posts that carry control characters
//! or undecodable bytes, before any handler or database sees them: 400 with a message,
//! as JSON for the API and as a short page otherwise.

use crate::api::ApiError;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use domain::validate::has_control_chars;
use percent_encoding::percent_decode_str;

/// Server-function posts are small forms; anything larger is refused by the body limit
/// further in anyway.
const FORM_LIMIT: usize = crate::router::BODY_LIMIT;

enum Fault {
    /// Percent-escapes in the path that do not decode to UTF-8 (`/things/%ff`).
    Undecodable,
    Control,
}

fn path_fault(path: &str) -> Option<Fault> {
    match percent_decode_str(path).decode_utf8() {
        Err(_) => Some(Fault::Undecodable),
        Ok(p) if p.chars().any(char::is_control) => Some(Fault::Control),
        Ok(_) => None,
    }
}

/// Query strings and form bodies: tab and line breaks are text, other controls are not.
fn pairs_fault(encoded: &[u8]) -> Option<Fault> {
    url::form_urlencoded::parse(encoded)
        .any(|(k, v)| has_control_chars(&k) || has_control_chars(&v))
        .then_some(Fault::Control)
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

pub async fn refuse_control_characters(req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let fault =
        path_fault(&path).or_else(|| req.uri().query().and_then(|q| pairs_fault(q.as_bytes())));
    if let Some(fault) = fault {
        return refusal(&path, req.headers(), fault);
    }
    if !(path.starts_with("/sfn/") && is_form(req.headers())) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, FORM_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            return ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "the form is larger than this server accepts",
            )
            .into_response()
        }
    };
    if let Some(fault) = pairs_fault(&bytes) {
        return refusal(&path, &parts.headers, fault);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn refusal(path: &str, headers: &HeaderMap, fault: Fault) -> Response {
    let (code, key) = match fault {
        Fault::Undecodable => ("bad_path", "bad-input-undecodable"),
        Fault::Control => ("control_character", "bad-input-control"),
    };
    let lang = crate::api::input::request_lang(headers);
    let t = |k: &str| app::i18n::translate(lang, k, &[]);
    let json = path.starts_with("/api/") || path.starts_with("/media/");
    if json || (path.starts_with("/sfn/") && !is_form(headers)) {
        return ApiError::new(StatusCode::BAD_REQUEST, code, t(key)).into_response();
    }
    let page = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <link rel=\"stylesheet\" href=\"/style.css\"><title>{title}</title></head>\
         <body><main><h1>{title}</h1><p>{text}</p><p><a href=\"/\">ThingData</a></p></main></body></html>",
        title = t("bad-input-title"),
        text = t(key),
    );
    (StatusCode::BAD_REQUEST, Html(page)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_controls_and_bad_escapes() {
        assert!(matches!(
            path_fault("/things/%ff%fe"),
            Some(Fault::Undecodable)
        ));
        assert!(matches!(
            path_fault("/api/v1/conflicts/%00"),
            Some(Fault::Control)
        ));
        assert!(path_fault("/things/caf%C3%A9").is_none());
        assert!(pairs_fault(b"type=%00").is_some());
        assert!(pairs_fault(b"q=a%0Ab%09c&x=%0D%0A").is_none());
        assert!(pairs_fault(b"name=%1B").is_some());
    }
}
