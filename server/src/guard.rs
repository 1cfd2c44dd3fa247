//! Request guards in front of every route: the client address, CSRF origin checks,
//! rate limits, the private-instance switch and the security headers.

use crate::api::ApiError;
use app::limits::{ClientIp, RetryAfter};
use app::state::AppState;
use axum::body::Body;
use axum::extract::connect_info::Connected;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::serve::IncomingStream;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;

/// The peer of a connection, whichever listener accepted it.
#[derive(Clone, Copy, Debug)]
pub struct PeerAddr(pub SocketAddr);

impl Connected<IncomingStream<'_, tokio::net::TcpListener>> for PeerAddr {
    fn connect_info(stream: IncomingStream<'_, tokio::net::TcpListener>) -> Self {
        PeerAddr(*stream.remote_addr())
    }
}

/// Records the client address for limits and the audit log: the peer, or behind a
/// trusted reverse proxy the hop it appended last to `X-Forwarded-For`.
pub async fn client_ip(
    State(state): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let forwarded = state
        .trust_proxy
        .then(|| req.headers().get("x-forwarded-for")?.to_str().ok())
        .flatten()
        .and_then(|v| v.rsplit(',').next())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty());
    let ip = forwarded
        .or_else(|| {
            req.extensions()
                .get::<ConnectInfo<PeerAddr>>()
                .map(|c| c.0 .0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    req.extensions_mut().insert(ClientIp(ip));
    next.run(req).await
}

fn ip_of(req: &Request<Body>) -> String {
    req.extensions()
        .get::<ClientIp>()
        .map(|c| c.0.clone())
        .unwrap_or_default()
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// `scheme://host[:port]` of a URL, for comparing origins.
fn origin_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    Some(u.origin().ascii_serialization()).filter(|o| o != "null")
}

/// Cross-site request forgery: a state-changing request that a browser could send with
/// our cookies must come from one of our own pages. Browsers send `Origin` on every
/// cross-origin POST (with or without JavaScript); `Referer` is the fallback. Requests
/// with a bearer token, or without any cookie, carry no ambient authority and pass.
pub async fn csrf(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let h = req.headers();
    if safe || bearer(h).is_some() {
        return next.run(req).await;
    }
    let claimed = h
        .get(header::ORIGIN)
        .or_else(|| h.get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .map(|v| origin_of(v).unwrap_or_default());
    let ours = origin_of(state.knowledge.public_url());
    let host_origin = h
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(|host| {
            let scheme = ours
                .as_deref()
                .and_then(|o| o.split_once("://"))
                .map_or("http", |(s, _)| s);
            format!("{scheme}://{host}")
        });
    let allowed = match claimed {
        Some(o) => Some(&o) == ours.as_ref() || Some(&o) == host_origin.as_ref(),
        None => h
            .get_all(header::COOKIE)
            .iter()
            .all(|c| c.as_bytes().iter().all(u8::is_ascii_whitespace)),
    };
    if allowed {
        return next.run(req).await;
    }
    tracing::warn!("refused a cross-site {} {}", req.method(), req.uri().path());
    ApiError::new(
        StatusCode::FORBIDDEN,
        "cross_site_request",
        "this request did not come from a page of this site; reload the page and try again",
    )
    .into_response()
}

fn too_many(wait: RetryAfter, body: Response) -> Response {
    let mut res = body;
    *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    if let Ok(v) = HeaderValue::from_str(&wait.0.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// Paths where a visitor proves who they are; limited per address against guessing.
const SIGN_IN_PATHS: [&str; 3] = ["/sfn/login", "/sfn/register", "/sfn/setup"];

/// Request rates: the API per token (or per address without one), and sign-in,
/// sign-up and setup per address. Limits come from the `[limits]` settings.
pub async fn rate_limits(
    State(state): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let path = req.uri().path();
    let ip = ip_of(&req);
    if path.starts_with("/api/") {
        let verdict = match bearer(req.headers()) {
            Some(token) => {
                let key = hex::encode(&Sha256::digest(token.as_bytes())[..12]);
                state.limiter.api_by_token(&key)
            }
            None => state.limiter.api_by_ip(&ip),
        };
        if let Err(wait) = verdict {
            let msg = format!("too many requests; try again in {} s", wait.0);
            return too_many(
                wait,
                ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", msg).into_response(),
            );
        }
    } else if req.method() == Method::POST && SIGN_IN_PATHS.contains(&path) {
        if let Err(wait) = state.limiter.login_by_ip(&ip) {
            let lang = app::ui::lang_from_headers(req.headers());
            let t = |k: &str| app::i18n::translate(lang, k, &[("seconds", wait.0.to_string())]);
            let page = format!(
                "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
                 <link rel=\"stylesheet\" href=\"/style.css\"><title>{}</title></head>\
                 <body><main><h1>{}</h1><p>{}</p><p><a href=\"/\">ThingData</a></p></main></body></html>",
                t("limit-title"),
                t("limit-title"),
                t("limit-retry")
            );
            return too_many(wait, Html(page).into_response());
        }
    }
    next.run(req).await
}

/// What anonymous visitors of a private instance may still reach: signing in, signing
/// up, first-run setup, and the files those pages need.
fn open_on_private(path: &str) -> bool {
    const EXACT: [&str; 6] = [
        "/login",
        "/register",
        "/setup",
        "/health",
        "/sfn/me",
        "/sfn/instance",
    ];
    const PREFIXES: [&str; 7] = [
        "/pkg/",
        "/style.css",
        "/favicon.svg",
        "/lang",
        "/sfn/login",
        "/sfn/register",
        "/sfn/setup",
    ];
    EXACT.contains(&path) || PREFIXES.iter().any(|p| path.starts_with(p))
}

/// On a private instance only signed-in users (or token holders) read anything.
pub async fn private_instance(
    State(state): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let path = req.uri().path().to_string();
    if !state.instance.get().private || open_on_private(&path) {
        return next.run(req).await;
    }
    let signed_in = match bearer(req.headers()) {
        Some(token) => matches!(state.accounts.user_for_token(token).await, Ok(Some(_))),
        None => app::server_fns::session::user_of(req.extensions().get(), &state)
            .await
            .is_some(),
    };
    if signed_in {
        return next.run(req).await;
    }
    if path.starts_with("/api/") || path.starts_with("/sfn/") {
        return ApiError::new(
            StatusCode::UNAUTHORIZED,
            "sign_in_required",
            "this instance is private: sign in or send Authorization: Bearer <token>",
        )
        .into_response();
    }
    let next_path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let q: String = url::form_urlencoded::byte_serialize(next_path.as_bytes()).collect();
    Redirect::to(&format!("/login?next={q}")).into_response()
}

/// Headers every response carries; pages set their own CSP with a per-response nonce.
pub async fn security_headers(req: Request<Body>, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'none'; frame-ancestors 'none'",
        ));
    res
}
