use app::service::ServiceError;
use app::storage::StorageError;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

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
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        match e {
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
                "current": super::entities::entity_json(&current),
            })),
            ServiceError::Conflict(view) => Self::new(
                StatusCode::CONFLICT,
                "conflict",
                "the edit conflicts with a concurrent change; it is kept as a conflict for an expert to resolve",
            )
            .with_details(super::conflicts::full(&view)),
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
