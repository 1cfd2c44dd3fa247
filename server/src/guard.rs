//! Request guards in front of every route: the client address, CSRF origin checks,
//! rate limits, the private-instance switch and the security headers.

use crate::api::ApiError;
use app::state::AppState;
use axum::body::Body;
use axum::extract::connect_info::Connected;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::serve::IncomingStream;
use service::limits::{ClientIp, RetryAfter};
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

/// Every check in front of the routes, in one pass: the client address, rate limits,
/// the CSRF origin check and the private-instance switch. A refusal answers at once.
pub async fn guard(State(state): State<AppState>, mut req: Request<Body>, next: Next) -> Response {
    let ip = client_ip(&state, &req);
    // The request itself is not held across the lookup (its body is not `Sync`).
    let token = bearer(req.headers())
        .filter(|_| req.uri().path().starts_with("/api/"))
        .map(str::to_string);
    match api_token(&state, token, &ip).await {
        Ok(Some(user)) => {
            req.extensions_mut().insert(TokenUser(user));
        }
        Ok(None) => {}
        Err(refusal) => return refusal,
    }
    if let Some(refusal) = rate_limits(&state, &req, &ip).or_else(|| csrf(&state, &req)) {
        return refusal;
    }
    if let Some(visitor) = needs_sign_in(&state, &req) {
        if let Some(refusal) = refuse_anonymous(&state, visitor).await {
            return refusal;
        }
    }
    req.extensions_mut().insert(ClientIp(ip));
    next.run(req).await
}

/// The holder of the request's API token, checked once here for handlers to use.
#[derive(Clone, Debug)]
pub struct TokenUser(pub service::accounts::User);

/// An API request's bearer token must belong to an active user. A made-up token is
/// refused with 401 and counted against the address, so it cannot buy a fresh
/// rate-limit bucket.
async fn api_token(
    state: &AppState,
    token: Option<String>,
    ip: &str,
) -> Result<Option<service::accounts::User>, Response> {
    let Some(token) = token else {
        return Ok(None);
    };
    match state.accounts.user_for_token(&token).await {
        Ok(Some(user)) => Ok(Some(user)),
        Ok(None) => {
            if let Err(wait) = state.limiter.api_by_ip(ip) {
                let msg = format!("too many requests; try again in {} s", wait.0);
                return Err(too_many(
                    wait,
                    ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", msg)
                        .into_response(),
                ));
            }
            Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "invalid_token",
                "the token is unknown or its user is disabled",
            )
            .into_response())
        }
        Err(e) => {
            tracing::error!("token lookup failed: {e}");
            Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "accounts cannot be read right now; try again shortly",
            )
            .into_response())
        }
    }
}

/// The client address for limits and the audit log: the peer, or behind a trusted
/// reverse proxy the hop it appended last to `X-Forwarded-For`.
fn client_ip(state: &AppState, req: &Request<Body>) -> String {
    let forwarded = state
        .trust_proxy
        .then(|| req.headers().get("x-forwarded-for")?.to_str().ok())
        .flatten()
        .and_then(|v| v.rsplit(',').next())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty());
    forwarded
        .or_else(|| {
            req.extensions()
                .get::<ConnectInfo<PeerAddr>>()
                .map(|c| c.0 .0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
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
fn csrf(state: &AppState, req: &Request<Body>) -> Option<Response> {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let h = req.headers();
    if safe || bearer(h).is_some() {
        return None;
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
        return None;
    }
    tracing::warn!("refused a cross-site {} {}", req.method(), req.uri().path());
    Some(
        ApiError::new(
            StatusCode::FORBIDDEN,
            "cross_site_request",
            "this request did not come from a page of this site; reload the page and try again",
        )
        .into_response(),
    )
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
fn rate_limits(state: &AppState, req: &Request<Body>, ip: &str) -> Option<Response> {
    let path = req.uri().path();
    if path.starts_with("/api/") {
        let verdict = match bearer(req.headers()) {
            Some(token) => {
                let key = hex::encode(&Sha256::digest(token.as_bytes())[..12]);
                state.limiter.api_by_token(&key)
            }
            None => state.limiter.api_by_ip(ip),
        };
        if let Err(wait) = verdict {
            let msg = format!("too many requests; try again in {} s", wait.0);
            return Some(too_many(
                wait,
                ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", msg).into_response(),
            ));
        }
    } else if req.method() == Method::POST && SIGN_IN_PATHS.contains(&path) {
        if let Err(wait) = state.limiter.login_by_ip(ip) {
            let lang = crate::api::input::request_lang(req.headers());
            let t = |k: &str| app::i18n::translate(lang, k, &[("seconds", wait.0.to_string())]);
            let page = format!(
                "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
                 <link rel=\"stylesheet\" href=\"/style.css\"><title>{}</title></head>\
                 <body><main><h1>{}</h1><p>{}</p><p><a href=\"/\">ThingData</a></p></main></body></html>",
                t("limit-title"),
                t("limit-title"),
                t("limit-retry")
            );
            return Some(too_many(wait, Html(page).into_response()));
        }
    }
    None
}

/// What anonymous visitors of a private instance may still reach: signing in, signing
/// up, first-run setup, the files those pages need, and federation (peers prove who
/// they are with signatures).
fn open_on_private(path: &str) -> bool {
    const EXACT: [&str; 6] = [
        "/login",
        "/register",
        "/setup",
        "/health",
        "/sfn/me",
        "/robots.txt",
    ];
    const PREFIXES: [&str; 10] = [
        "/federation/",
        "/.well-known/",
        "/nodeinfo/",
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

/// A visitor of a private instance who must prove to be signed in, with owned copies
/// of what proves it (the request body cannot be held across the lookups).
struct Visitor {
    token: Option<String>,
    session: Option<tower_sessions::Session>,
    api: bool,
    path_and_query: String,
}

fn needs_sign_in(state: &AppState, req: &Request<Body>) -> Option<Visitor> {
    let path = req.uri().path();
    // An API token the guard already found valid proves the visitor; no second lookup.
    if !state.instance.is_private()
        || open_on_private(path)
        || req.extensions().get::<TokenUser>().is_some()
    {
        return None;
    }
    Some(Visitor {
        token: bearer(req.headers()).map(str::to_string),
        session: req.extensions().get::<tower_sessions::Session>().cloned(),
        api: path.starts_with("/api/") || path.starts_with("/sfn/"),
        path_and_query: req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
    })
}

/// On a private instance only signed-in users (or token holders) read anything.
async fn refuse_anonymous(state: &AppState, v: Visitor) -> Option<Response> {
    let signed_in = match &v.token {
        Some(token) => matches!(state.accounts.user_for_token(token).await, Ok(Some(_))),
        None => service::sessions::user_of(v.session.as_ref(), &state.accounts)
            .await
            .is_some(),
    };
    if signed_in {
        return None;
    }
    if v.api {
        return Some(
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "sign_in_required",
                "this instance is private: sign in or send Authorization: Bearer <token>",
            )
            .into_response(),
        );
    }
    let q: String = url::form_urlencoded::byte_serialize(v.path_and_query.as_bytes()).collect();
    Some(Redirect::to(&format!("/login?next={q}")).into_response())
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
    // Only what says itself that it may be framed (the impact widget) escapes DENY.
    let framable = h
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|csp| csp.contains("frame-ancestors *"));
    if !framable {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'none'; frame-ancestors 'none'",
        ));
    res
}
