//! Request parsing with API errors instead of axum's plain-text rejections.

use super::ApiError;
use app::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use domain::policy::{authorize, Action, Denied};
use domain::validate::{json_depth, MAX_JSON_DEPTH};
use serde_json::Value;
use std::collections::HashMap;

/// A JSON request body: JSON content type, at most 10 MB, at most 20 levels deep.
pub struct JsonBody(pub Value);

impl FromRequest<AppState> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        let ct = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let essence = ct.split(';').next().unwrap_or("").trim().to_string();
        if essence != "application/json" && !essence.ends_with("+json") {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the body as application/json",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| match e {
            BytesRejection::FailedToBufferBody(_)
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE =>
            {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too_large",
                    "the body is larger than 10 MB",
                )
            }
            other => ApiError::new(other.status(), "bad_body", other.body_text()),
        })?;
        if json_depth(&bytes) > MAX_JSON_DEPTH {
            return Err(ApiError::bad_request(
                "too_deep",
                format!("JSON nested deeper than {MAX_JSON_DEPTH} levels"),
            ));
        }
        // Which of two values for one key counts would be the parser's guess.
        if let Some(msg) = domain::validate::duplicate_key(&bytes) {
            return Err(ApiError::bad_request("duplicate_key", msg));
        }
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| ApiError::bad_request("malformed_json", format!("malformed JSON: {e}")))
    }
}

/// Query parameters as plain strings; malformed encodings are a 400.
pub struct QueryMap(pub HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for QueryMap {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let q = parts.uri.query().unwrap_or("");
        Ok(QueryMap(
            url::form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        ))
    }
}

/// The base revision of an edit: `If-Match` (quotes and `W/` tolerated; `*` is no
/// condition). An edit builds on one revision, so an empty tag or a list is a 400.
pub fn if_match(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(v) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    let bad = |msg: &str| ApiError::bad_request("bad_if_match", msg);
    let v = v
        .to_str()
        .map_err(|_| bad("If-Match must be a revision id in quotes"))?
        .trim();
    if v == "*" {
        return Ok(None);
    }
    if v.contains(',') {
        return Err(bad("If-Match must name one revision, not a list"));
    }
    let tag = v.strip_prefix("W/").unwrap_or(v).trim_matches('"');
    if tag.is_empty() {
        return Err(bad("If-Match names no revision"));
    }
    Ok(Some(tag.to_string()))
}

/// `skip` and `limit` of a list: whole numbers, `limit` from 1 to `MAX_PAGE`.
pub fn paging(q: &QueryMap, default_limit: i64) -> Result<(i64, i64), ApiError> {
    let max = service::knowledge::MAX_PAGE;
    let num = |name: &str, default: i64, range: std::ops::RangeInclusive<i64>| {
        let Some(v) = q.0.get(name) else {
            return Ok(default);
        };
        v.parse::<i64>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(
                    "bad_parameter",
                    format!(
                        "{name} must be a whole number from {} to {}",
                        range.start(),
                        range.end()
                    ),
                )
            })
    };
    Ok((
        num("skip", 0, 0..=i64::from(u32::MAX))?,
        num("limit", default_limit, 1..=max)?,
    ))
}

/// Who makes a request through the API: the user of a `Bearer` personal token, or
/// anonymous without one. A token that is wrong or belongs to a disabled user is a 401.
pub struct Actor {
    pub name: String,
    pub role: Option<String>,
}

impl Actor {
    /// The actor as a reader of hidden entries.
    pub fn reader(&self) -> service::knowledge::Reader {
        service::knowledge::Reader::with_role(self.role.as_deref())
    }

    /// Checks the policy table; anonymous gets 401, an insufficient role 403.
    pub fn may(&self, action: Action) -> Result<(), ApiError> {
        authorize(self.role.as_deref(), action).map_err(|d| match d {
            Denied::SignInRequired => ApiError::new(
                StatusCode::UNAUTHORIZED,
                "sign_in_required",
                "this needs an account: send Authorization: Bearer <token>",
            ),
            Denied::Forbidden => ApiError::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "your role does not allow this",
            ),
        })
    }
}

impl FromRequestParts<AppState> for Actor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            // Pages' scripts call the API with the session cookie (CSRF-checked).
            let session = parts.extensions.get::<tower_sessions::Session>();
            return Ok(
                match service::sessions::user_of(session, &state.accounts).await {
                    Some(u) => Actor {
                        name: u.username,
                        role: Some(u.role),
                    },
                    None => Actor {
                        name: service::knowledge::ANONYMOUS.to_string(),
                        role: None,
                    },
                },
            );
        };
        // The guard already checked the token and left its holder here.
        if let Some(crate::guard::TokenUser(user)) = parts.extensions.get() {
            return Ok(Actor {
                name: user.username.clone(),
                role: Some(user.role.clone()),
            });
        }
        let unauthorized = |code, msg: &str| ApiError::new(StatusCode::UNAUTHORIZED, code, msg);
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                unauthorized("bad_authorization", "use Authorization: Bearer <token>")
            })?;
        match state.accounts.user_for_token(token).await {
            Ok(Some(user)) => Ok(Actor {
                name: user.username,
                role: Some(user.role),
            }),
            Ok(None) => Err(unauthorized(
                "invalid_token",
                "the token is unknown or its user is disabled",
            )),
            Err(e) => {
                tracing::error!("token lookup failed: {e}");
                Err(ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "internal error",
                ))
            }
        }
    }
}

/// The language of a request: the chooser's cookie, then Accept-Language, then English.
pub fn request_lang(headers: &HeaderMap) -> &'static str {
    let cookies = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok());
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    domain::lang::negotiate(cookies, accept)
}

/// A `limit` query parameter: a whole number from 1 to `max`, else 400.
pub fn limit_param(v: &str, max: i64) -> Result<i64, ApiError> {
    v.parse::<i64>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| {
            ApiError::bad_request(
                "bad_parameter",
                format!("limit must be a whole number from 1 to {max}"),
            )
        })
}
