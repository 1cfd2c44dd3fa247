//! Media files: what an upload really is, how it is decoded within limits and re-encoded, and where the bytes live.

mod pdf;
mod process;
mod sniff;
mod store;

pub use process::{
    placeholder_png, process_fetched, process_upload, Encoded, ProcessLimits, Processed,
};
pub use sniff::{sniff, Sniffed};
pub use store::{BlobStore, Fetched};

/// Why a file was refused or could not be kept. Each has a stable `code` the API
/// returns and the pages translate.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes; at most {limit} bytes are accepted")]
    TooLarge { size: u64, limit: u64 },
    #[error("{name} is not a photo (JPEG, PNG, WebP, GIF) or a PDF document{hint}")]
    Unsupported { name: String, hint: String },
    #[error(
        "the file hides a second file of another kind ({0}); upload the photo or document alone"
    )]
    Polyglot(&'static str),
    #[error("the image is {width} × {height} pixels; at most {max_width} × {max_height} and {max_pixels} pixels in all are accepted")]
    TooManyPixels {
        width: u32,
        height: u32,
        max_width: u32,
        max_height: u32,
        max_pixels: u64,
    },
    #[error("the animation has more than {0} frames at its size")]
    TooManyFrames(u32),
    #[error("the image needs more memory to decode than this instance allows")]
    TooMuchMemory,
    #[error("the file is damaged or cut off: {0}")]
    Damaged(String),
    #[error("the image could not be encoded: {0}")]
    Encode(String),
    #[error("media storage failed: {0}")]
    Store(String),
    #[error("the file's SHA-256 is {actual}, not the {expected} that names it")]
    HashMismatch { expected: String, actual: String },
}

impl MediaError {
    /// Stable machine-readable code (API `error.code`, page message `media-error-<code>`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty_file",
            Self::TooLarge { .. } => "file_too_large",
            Self::Unsupported { .. } => "unsupported_type",
            Self::Polyglot(_) => "polyglot",
            Self::TooManyPixels { .. } => "too_many_pixels",
            Self::TooManyFrames(_) => "too_many_frames",
            Self::TooMuchMemory => "too_much_memory",
            Self::Damaged(_) => "damaged_file",
            Self::HashMismatch { .. } => "hash_mismatch",
            Self::Encode(_) | Self::Store(_) => "internal",
        }
    }

    /// The uploader's file is at fault (a 4xx), not this server.
    pub fn is_client_fault(&self) -> bool {
        !matches!(self, Self::Encode(_) | Self::Store(_))
    }
}

/// The SHA-256 of a stored original, which is its name.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}
