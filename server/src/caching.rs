//! How long browsers keep what they fetch: the client bundle under a content-hashed
//! path for a year, pages revalidated every time with an ETag of what they show.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};
use std::path::Path;

/// What the bundle's files hash to, as the path segment it is served under; a new
/// build gets a new path, so an old copy in a cache is never taken for it.
pub fn bundle_version(pkg_dir: &Path) -> String {
    let mut hash = Sha256::new();
    for name in ["thingdata.js", "thingdata_bg.wasm"] {
        if let Ok(bytes) = std::fs::read(pkg_dir.join(name)) {
            hash.update(name.as_bytes());
            hash.update(bytes);
        }
    }
    hex::encode(&hash.finalize()[..8])
}

pub const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");

/// The largest page buffered to compute its ETag; a larger one is sent as it is.
const MAX_PAGE: usize = 8 * 1024 * 1024;

/// Pages are revalidated on every visit (`no-cache`) and carry an ETag of their content,
/// so an unchanged page costs a 304. The CSP nonce differs on every response, so it is
/// left out of the hash, and a 304 carries no CSP: the browser keeps the stored one,
/// which matches the nonce in the stored page.
pub async fn revalidate_pages(req: Request, next: Next) -> Response {
    let conditional = matches!(*req.method(), Method::GET | Method::HEAD)
        .then(|| req.headers().get(header::IF_NONE_MATCH).cloned())
        .flatten();
    let is_get = matches!(*req.method(), Method::GET | Method::HEAD);
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !is_get || res.status() != StatusCode::OK || !html {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let nonce = parts
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(|csp| csp.split("'nonce-").nth(1))
        .and_then(|rest| rest.split('\'').next())
        .map(str::to_string);
    let etag = etag_of(&bytes, nonce.as_deref());
    let Ok(value) = HeaderValue::from_str(&etag) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    if conditional.as_ref().is_some_and(|c| matches_etag(c, &etag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        for h in [
            header::CONTENT_SECURITY_POLICY,
            header::CONTENT_LENGTH,
            header::CONTENT_TYPE,
        ] {
            parts.headers.remove(h);
        }
        parts.headers.insert(header::ETAG, value);
        return Response::from_parts(parts, Body::empty());
    }
    parts.headers.insert(header::ETAG, value);
    Response::from_parts(parts, Body::from(bytes))
}

fn etag_of(body: &[u8], nonce: Option<&str>) -> String {
    let mut hash = Sha256::new();
    match nonce.filter(|n| !n.is_empty()) {
        Some(n) => {
            let text = String::from_utf8_lossy(body);
            for (i, piece) in text.split(n).enumerate() {
                if i > 0 {
                    hash.update(b"\0nonce\0");
                }
                hash.update(piece.as_bytes());
            }
        }
        None => hash.update(body),
    }
    // Weak: the same page compressed or not is one representation to a cache.
    format!("W/\"{}\"", hex::encode(&hash.finalize()[..16]))
}

fn matches_etag(if_none_match: &HeaderValue, etag: &str) -> bool {
    if_none_match.to_str().is_ok_and(|v| {
        v.split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag.trim_start_matches("W/") || t == "*")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nonce_does_not_change_the_etag_but_the_content_does() {
        let a = etag_of(b"<script nonce=\"abc\">x</script>", Some("abc"));
        let b = etag_of(b"<script nonce=\"xyz\">x</script>", Some("xyz"));
        let c = etag_of(b"<script nonce=\"xyz\">y</script>", Some("xyz"));
        assert_eq!(a, b);
        assert_ne!(b, c);
        assert!(matches_etag(
            &HeaderValue::from_static("W/\"1\", \"2\""),
            "\"2\""
        ));
        assert!(!matches_etag(&HeaderValue::from_static("\"1\""), "\"2\""));
    }
}
