//! Media uploads: quotas, processing on blocking threads (a few at a time), storing the parts
//! under their hash and recording the file; and reading parts back.

use domain::media::{MediaInfo, ORIGINAL};
use media::{
    content_hash, process_fetched, process_upload, BlobStore, Fetched, MediaError, ProcessLimits,
    Processed,
};
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
        let info = describe(&hash, &processed, keep_capture_time);
        self.check_quota(uploader, info.stored_bytes()).await?;
        self.keep(&hash, processed, &info, uploader).await
    }

    /// Takes in a file another instance stores under `hash`: refused unless its bytes
    /// hash to that; then checked like an upload and given this instance's variants,
    /// while the original stays byte for byte. `origin` names where it came from.
    pub async fn store_fetched(
        &self,
        hash: &str,
        bytes: Vec<u8>,
        origin: &str,
    ) -> Result<Upload, UploadError> {
        let actual = content_hash(&bytes);
        if actual != hash {
            return Err(MediaError::HashMismatch {
                expected: hash.to_string(),
                actual,
            }
            .into());
        }
        if let Some(info) = self.store.media(hash).await? {
            return Ok(Upload { info, new: false });
        }
        let processed = {
            let _permit = self.permits.acquire().await;
            let limits = self.limits.clone();
            tokio::task::spawn_blocking(move || process_fetched(&bytes, &limits))
                .await
                .map_err(|e| {
                    tracing::error!("media processing failed: {e}");
                    MediaError::Damaged("the file could not be read".into())
                })??
        };
        let info = describe(hash, &processed, false);
        self.keep(hash, processed, &info, &format!("peer:{origin}"))
            .await
    }

    /// The parts first and the row last: a crash in between leaves files no row
    /// names, never a row whose files are missing.
    async fn keep(
        &self,
        hash: &str,
        processed: Processed,
        info: &MediaInfo,
        uploader: &str,
    ) -> Result<Upload, UploadError> {
        for v in processed.variants {
            self.blobs.put(hash, &v.name, v.bytes).await?;
        }
        self.blobs
            .put(hash, ORIGINAL, processed.original.bytes)
            .await?;
        let new = self.store.insert_media(info, uploader).await?;
        Ok(Upload {
            info: info.clone(),
            new,
        })
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

    /// The files among `hashes` that are stored here, in their order.
    pub async fn infos(&self, hashes: &[String]) -> Result<Vec<MediaInfo>, StorageError> {
        let mut found = self.store.media_many(hashes).await?;
        Ok(hashes.iter().filter_map(|h| found.remove(h)).collect())
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
        let Some((part, mime, _)) = resolve_part(&info, part) else {
            return Ok(None);
        };
        let Some(fetched) = self.blobs.get(hash, &part, range).await? else {
            tracing::warn!("media {hash}/{part} is recorded but missing from the store");
            return Ok(None);
        };
        Ok(Some((info, Part { mime, fetched })))
    }

    /// Removes files no revision has named, uploaded more than `grace` ago; with
    /// `dry_run`, only says which. A file any revision names, in history too, stays.
    pub async fn collect_garbage(
        &self,
        grace: std::time::Duration,
        dry_run: bool,
    ) -> Result<Vec<MediaInfo>, UploadError> {
        let cutoff = time::OffsetDateTime::now_utc() - grace;
        // The layout `created_at` is written in, so the two compare as text.
        let layout = time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
        );
        let before = cutoff
            .format(&layout)
            .map_err(|e| MediaError::Store(e.to_string()))?;
        let batch_size = if dry_run { 10_000 } else { 200 };
        let mut removed = Vec::new();
        loop {
            let batch = self.store.unused_media(&before, batch_size).await?;
            let last = batch.len() < batch_size as usize;
            for info in batch {
                if dry_run {
                    removed.push(info);
                    continue;
                }
                // The row goes first: a revision naming the file meanwhile keeps it.
                if self.store.forget_unused_media(&info.hash).await? {
                    let parts: Vec<&str> = std::iter::once(ORIGINAL)
                        .chain(info.variants.iter().map(|v| v.name.as_str()))
                        .collect();
                    self.blobs.delete(&info.hash, &parts).await?;
                    removed.push(info);
                }
            }
            if last || dry_run {
                break;
            }
        }
        Ok(removed)
    }

    /// How many more bytes `uploader` may store: the smaller of what their quota and the
    /// instance's leave; `None` when neither has a limit.
    pub async fn room_left(&self, uploader: &str) -> Result<Option<u64>, StorageError> {
        let mut left: Option<u64> = None;
        for (limit, who) in [
            (self.quotas.per_user, Some(uploader)),
            (self.quotas.instance, None),
        ] {
            if limit > 0 {
                let used = self.store.media_totals(who).await?.bytes.max(0) as u64;
                let here = limit.saturating_sub(used);
                left = Some(left.map_or(here, |l| l.min(here)));
            }
        }
        Ok(left)
    }

    pub async fn totals(&self, uploader: Option<&str>) -> Result<MediaTotals, StorageError> {
        self.store.media_totals(uploader).await
    }
}

/// A file's placeholder as a small PNG data URL a page can show at once.
pub fn placeholder_url(info: &MediaInfo) -> Option<String> {
    use base64::Engine;
    let png = media::placeholder_png(info.placeholder.as_deref()?)?;
    Some(format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png)
    ))
}

/// The stored part a name asks for, with its type and size: `original`, a variant's
/// own name, or `w<width>` for the variant nearest that width (`w320` always finds the
/// smallest copy, whatever widths the image has).
pub fn resolve_part(info: &MediaInfo, part: &str) -> Option<(String, String, u64)> {
    if part == ORIGINAL {
        return Some((ORIGINAL.to_string(), info.mime.clone(), info.bytes));
    }
    let exact = info.variants.iter().find(|v| v.name == part);
    let near = || {
        let width: u32 = part.strip_prefix('w')?.parse().ok()?;
        info.variant_for(width)
    };
    exact
        .or_else(near)
        .map(|v| (v.name.clone(), v.mime.clone(), v.bytes))
}

fn describe(hash: &str, processed: &Processed, keep_capture_time: bool) -> MediaInfo {
    MediaInfo {
        hash: hash.to_string(),
        kind: processed.kind,
        mime: processed.original.mime.to_string(),
        bytes: processed.original.bytes.len() as u64,
        width: processed.original.width,
        height: processed.original.height,
        frames: processed.frames,
        placeholder: processed.placeholder.clone(),
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
        captured_at: processed.captured_at.clone().filter(|_| keep_capture_time),
    }
}
