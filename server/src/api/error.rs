//! The API's one error type and every mapping of a lower layer's error to an HTTP
//! status and a JSON error code.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::search::RequestError;
use federation::{FederationError, TransportError};
use media::MediaError;
use search::SearchError;
use serde_json::{json, Value};
use service::knowledge::ServiceError;
use service::media::UploadError;
use storage::StorageError;

/// The API's one error shape: `{"error": {"code", "message", "details"}}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub details: Value,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            details: Value::Null,
        }
    }

    pub fn with_details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// A hidden entry, to a reader who may not see it: gone, with the moderator's reason.
    pub fn hidden(hidden: &domain::Hidden) -> Self {
        Self::new(
            StatusCode::GONE,
            "hidden",
            format!("a moderator hid this entry: {}", hidden.reason),
        )
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        match e {
            // Valid in itself, but the same relationship exists: a conflict with the
            // current state, like an id that is taken.
            ServiceError::Invalid(problems)
                if problems.iter().all(|p| p.code == "duplicate_relationship") =>
            {
                Self::new(
                    StatusCode::CONFLICT,
                    "duplicate_relationship",
                    "this relationship already exists",
                )
                .with_details(json!(problems))
            }
            ServiceError::Invalid(problems) => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                format!("the input has {} problem(s)", problems.len()),
            )
            .with_details(json!(problems)),
            ServiceError::NotFound { kind, id } => Self::not_found(format!("no {kind} with id {id}")),
            ServiceError::Stale { base, current } => Self::new(
                StatusCode::CONFLICT,
                "stale",
                format!("the entity changed since revision {base}; reapply your change to the current revision"),
            )
            .with_details(json!({
                "base_revision": base,
                "current_revision": current.meta.revision,
                "current": super::shapes::entity_json(&current),
            })),
            ServiceError::Conflict(view) => Self::new(
                StatusCode::CONFLICT,
                "conflict",
                "the edit conflicts with a concurrent change; it is kept as a conflict for an expert to resolve",
            )
            .with_details(super::shapes::conflict_full(&view)),
            ServiceError::NotYours => Self::new(
                StatusCode::FORBIDDEN,
                "not_your_outcome",
                "each person gives one outcome per entry, and only they can change it",
            ),
            ServiceError::ConflictClosed(status) => {
                Self::new(StatusCode::CONFLICT, "conflict_closed", format!("the conflict is already {status}"))
            }
            ServiceError::Storage(StorageError::AlreadyExists) => {
                Self::new(StatusCode::CONFLICT, "already_exists", "an entity with this id exists")
            }
            ServiceError::Storage(e) => {
                tracing::error!("storage failure: {e}");
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "internal error")
            }
            ServiceError::Internal(e) => {
                tracing::error!("internal failure: {e}");
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "internal error")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body =
            json!({"error": {"code": self.code, "message": self.message, "details": self.details}});
        (
            self.status,
            [(header::CACHE_CONTROL, "no-store")],
            Json(body),
        )
            .into_response()
    }
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> Self {
        match &e {
            SearchError::Syntax(syntax) => ApiError::bad_request("bad_query", e.to_string())
                .with_details(json!({"reason": syntax.code()})),
            SearchError::Request(RequestError::UnknownParameter(_)) => {
                ApiError::bad_request("unknown_parameter", e.to_string())
            }
            SearchError::Request(RequestError::BadParameter(_)) => {
                ApiError::bad_request("bad_parameter", e.to_string())
            }
            SearchError::Request(RequestError::UnknownEntry(_)) => {
                ApiError::not_found(e.to_string())
            }
            _ => {
                tracing::error!("search failed: {e}");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "search_unavailable",
                    "search is unavailable right now; try again shortly",
                )
            }
        }
    }
}

impl From<RequestError> for ApiError {
    fn from(e: RequestError) -> Self {
        SearchError::Request(e).into()
    }
}

impl From<FederationError> for ApiError {
    fn from(e: FederationError) -> Self {
        let msg = e.to_string();
        match e {
            FederationError::Unreachable(TransportError::PrivateAddress(_)) => {
                ApiError::bad_request("private_address", msg)
            }
            FederationError::BadUrl(_) | FederationError::Yourself => {
                ApiError::bad_request("bad_peer_url", msg)
            }
            FederationError::NotDelivered(_) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "not_delivered", msg)
            }
            FederationError::NotAnInstance { .. } | FederationError::Unreachable(_) => {
                // The address the admin gave is what is wrong, not this server: a 4xx.
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "peer_unreachable", msg)
            }
            FederationError::NotFound(_) | FederationError::NoHeld(_) => ApiError::not_found(msg),
            FederationError::WrongState(_) => {
                ApiError::new(StatusCode::CONFLICT, "wrong_state", msg)
            }
            FederationError::Blocked => ApiError::new(StatusCode::FORBIDDEN, "blocked", msg),
            FederationError::Unauthorized(_) => {
                ApiError::new(StatusCode::UNAUTHORIZED, "bad_signature", msg)
            }
            FederationError::Replay => ApiError::new(StatusCode::UNAUTHORIZED, "replay", msg),
            FederationError::BadActivity(_) => ApiError::bad_request("bad_activity", msg),
            FederationError::RevisionRefused { .. } => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "revision_refused", msg)
            }
            FederationError::Service(e) => e.into(),
            FederationError::Storage(e) => service::knowledge::ServiceError::Storage(e).into(),
        }
    }
}

impl From<UploadError> for ApiError {
    fn from(e: UploadError) -> Self {
        let msg = e.to_string();
        match e {
            UploadError::Media(m) => m.into(),
            UploadError::UserQuota { .. } => {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "user_quota", msg)
            }
            UploadError::InstanceQuota { .. } => {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "instance_quota", msg)
            }
            UploadError::Storage(e) => service::knowledge::ServiceError::Storage(e).into(),
        }
    }
}

impl From<MediaError> for ApiError {
    fn from(e: MediaError) -> Self {
        let status = match &e {
            MediaError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            MediaError::Unsupported { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            m if m.is_client_fault() => StatusCode::UNPROCESSABLE_ENTITY,
            _ => {
                tracing::error!("media failure: {e}");
                return ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "internal error",
                );
            }
        };
        ApiError::new(status, e.code(), e.to_string())
    }
}
