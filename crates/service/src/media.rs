//! Media uploads: quotas, processing on blocking threads (a few at a time), storing the parts
//! under their hash and recording the file; and reading parts back.

use domain::media::{MediaInfo, ORIGINAL};
use media::{content_hash, process_upload, BlobStore, Fetched, MediaError, ProcessLimits};
use std::ops::Range;
use std::sync::Arc;
use storage::{MediaTotals, StorageError, Store};
use tokio::sync::Semaphore;

#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error(transparent)]
    Media(#[from] MediaError),
    #[error("this upload would bring your media to {needed} bytes; your quota is {limit} bytes")]
    UserQuota { needed: u64, limit: u64 },
    #[error("this instance's media storage is full ({limit} bytes); ask an admin")]
    InstanceQuota { limit: u64 },
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Storage caps in bytes; 0 means none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Quotas {
    pub per_user: u64,
    pub instance: u64,
}

/// An upload's result; `new` is false when the same file was stored before.
#[derive(Clone, Debug)]
pub struct Upload {
    pub info: MediaInfo,
    pub new: bool,
}

/// A part of a file to send: what it is and its bytes.
pub struct Part {
    pub mime: String,
    pub fetched: Fetched,
}

/// Cheap to clone.
#[derive(Clone)]
pub struct Media {
    store: Store,
    blobs: BlobStore,
    limits: ProcessLimits,
    quotas: Quotas,
    /// Decoding holds a whole image in memory: one upload per core at a time bounds it.
    permits: Arc<Semaphore>,
}

impl Media {
    pub fn new(store: Store, blobs: BlobStore, limits: ProcessLimits, quotas: Quotas) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Self {
            store,
            blobs,
            limits,
            quotas,
            permits: Arc::new(Semaphore::new(cores)),
        }
    }

    pub fn limits(&self) -> &ProcessLimits {
        &self.limits
    }

    /// Checks, converts and stores one file for `uploader` (a user id).
    pub async fn upload(
        &self,
        uploader: &str,
        name: &str,
        bytes: Vec<u8>,
        keep_capture_time: bool,
    ) -> Result<Upload, UploadError> {
        self.check_quota(uploader, bytes.len() as u64).await?;
        let processed = {
            let _permit = self.permits.acquire().await;
            let limits = self.limits.clone();
            let name = name.to_string();
            tokio::task::spawn_blocking(move || process_upload(&bytes, &name, &limits))
                .await
                .map_err(|e| {
                    // A decoder that panics on a crafted file: the file is at fault.
                    tracing::error!("media processing failed: {e}");
                    MediaError::Damaged("the file could not be read".into())
                })??
        };
        let hash = content_hash(&processed.original.bytes);
        if let Some(info) = self.store.media(&hash).await? {
            return Ok(Upload { info, new: false });
        }
        let info = MediaInfo {
            hash: hash.clone(),
            kind: processed.kind,
            mime: processed.original.mime.to_string(),
            bytes: processed.original.bytes.len() as u64,
            width: processed.original.width,
            height: processed.original.height,
            frames: processed.frames,
            placeholder: processed.placeholder,
            variants: processed
                .variants
                .iter()
                .map(|v| domain::media::Variant {
                    name: v.name.clone(),
                    width: v.width,
                    height: v.height,
                    mime: v.mime.to_string(),
                    bytes: v.bytes.len() as u64,
                })
                .collect(),
            created_at: domain::revision::now_rfc3339(),
            captured_at: processed.captured_at.filter(|_| keep_capture_time),
        };
        self.check_quota(uploader, info.stored_bytes()).await?;
        // The parts first and the row last: a crash in between leaves files no row
        // names, never a row whose files are missing.
        for v in processed.variants {
            self.blobs.put(&hash, &v.name, v.bytes).await?;
        }
        self.blobs
            .put(&hash, ORIGINAL, processed.original.bytes)
            .await?;
        let new = self.store.insert_media(&info, uploader).await?;
        Ok(Upload { info, new })
    }

    async fn check_quota(&self, uploader: &str, adding: u64) -> Result<(), UploadError> {
        if self.quotas.per_user > 0 {
            let used = self.store.media_totals(Some(uploader)).await?.bytes.max(0) as u64;
            if used + adding > self.quotas.per_user {
                return Err(UploadError::UserQuota {
                    needed: used + adding,
                    limit: self.quotas.per_user,
                });
            }
        }
        if self.quotas.instance > 0 {
            let used = self.store.media_totals(None).await?.bytes.max(0) as u64;
            if used + adding > self.quotas.instance {
                return Err(UploadError::InstanceQuota {
                    limit: self.quotas.instance,
                });
            }
        }
        Ok(())
    }

    pub async fn info(&self, hash: &str) -> Result<Option<MediaInfo>, StorageError> {
        self.store.media(hash).await
    }

    /// A stored part (`original` or a variant's name), or bytes of it; `None` when
    /// the file or the part is unknown.
    pub async fn open(
        &self,
        hash: &str,
        part: &str,
        range: Option<Range<u64>>,
    ) -> Result<Option<(MediaInfo, Part)>, UploadError> {
        let Some(info) = self.store.media(hash).await? else {
            return Ok(None);
        };
        let mime = if part == ORIGINAL {
            info.mime.clone()
        } else {
            match info.variants.iter().find(|v| v.name == part) {
                Some(v) => v.mime.clone(),
                None => return Ok(None),
            }
        };
        let Some(fetched) = self.blobs.get(hash, part, range).await? else {
            tracing::warn!("media {hash}/{part} is recorded but missing from the store");
            return Ok(None);
        };
        Ok(Some((info, Part { mime, fetched })))
    }

    pub async fn totals(&self, uploader: Option<&str>) -> Result<MediaTotals, StorageError> {
        self.store.media_totals(uploader).await
    }
}
