//! The content-addressed blob store: every part of a media file under its hash, in a local
//! directory or any store `object_store` reaches.

use crate::MediaError;
use bytes::Bytes;
use futures::stream::BoxStream;
use futures::StreamExt;
use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::prefix::PrefixStore;
use object_store::{GetOptions, GetRange, ObjectStore, PutPayload};
use std::ops::Range;
use std::sync::Arc;

/// Cheap to clone; clones share the store.
#[derive(Clone, Debug)]
pub struct BlobStore {
    inner: Arc<dyn ObjectStore>,
}

/// A part being read: its bytes as a stream, the range they cover and the whole size.
pub struct Fetched {
    pub stream: BoxStream<'static, Result<Bytes, MediaError>>,
    pub range: Range<u64>,
    pub size: u64,
}

impl BlobStore {
    /// Files under `dir`, which is created if missing. Writes go to a temporary file
    /// that is renamed into place, so a crash never leaves half a file under its name.
    pub fn local(dir: &std::path::Path) -> Result<Self, MediaError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| MediaError::Store(format!("{}: {e}", dir.display())))?;
        let fs = LocalFileSystem::new_with_prefix(dir).map_err(store_error)?;
        Ok(Self {
            inner: Arc::new(fs),
        })
    }

    /// The store a URL names: `s3://bucket[/prefix]` for any S3-compatible store, with the
    /// usual `AWS_*` environment variables and then `options` (keys as `object_store`
    /// names them: `endpoint`, `region`, `access_key_id`, `allow_http`, …), or
    /// `file:///dir` for a local directory.
    pub fn open<'a>(
        url: &str,
        options: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, MediaError> {
        let bad = |why: &str| MediaError::Store(format!("media store URL {url:?}: {why}"));
        if let Some(dir) = url.strip_prefix("file://") {
            if !dir.starts_with('/') {
                return Err(bad("a file URL needs an absolute path (file:///srv/media)"));
            }
            return Self::local(std::path::Path::new(dir));
        }
        let Some(rest) = url.strip_prefix("s3://") else {
            return Err(bad("only s3:// and file:// are supported"));
        };
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(bad("the bucket is missing"));
        }
        let mut builder = AmazonS3Builder::from_env().with_bucket_name(bucket);
        for (k, v) in options {
            let key: AmazonS3ConfigKey = k
                .parse()
                .map_err(|_| bad(&format!("unknown option {k:?}")))?;
            builder = builder.with_config(key, v);
        }
        let s3 = builder.build().map_err(store_error)?;
        let prefix = prefix.trim_matches('/');
        let inner: Arc<dyn ObjectStore> = if prefix.is_empty() {
            Arc::new(s3)
        } else {
            Arc::new(PrefixStore::new(s3, prefix))
        };
        Ok(Self { inner })
    }

    pub async fn put(&self, hash: &str, part: &str, bytes: Vec<u8>) -> Result<(), MediaError> {
        self.inner
            .put(&key(hash, part), PutPayload::from(bytes))
            .await
            .map_err(store_error)?;
        Ok(())
    }

    pub async fn exists(&self, hash: &str, part: &str) -> Result<bool, MediaError> {
        match self.inner.head(&key(hash, part)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(store_error(e)),
        }
    }

    /// A part, or the bytes of `range` in it; `None` when it is not stored.
    pub async fn get(
        &self,
        hash: &str,
        part: &str,
        range: Option<Range<u64>>,
    ) -> Result<Option<Fetched>, MediaError> {
        let opts = GetOptions {
            range: range.map(GetRange::Bounded),
            ..GetOptions::default()
        };
        match self.inner.get_opts(&key(hash, part), opts).await {
            Ok(r) => {
                let range = r.range.clone();
                let size = r.meta.size;
                let stream = r.into_stream().map(|c| c.map_err(store_error)).boxed();
                Ok(Some(Fetched {
                    stream,
                    range,
                    size,
                }))
            }
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(store_error(e)),
        }
    }

    /// Every stored part of a file.
    pub async fn delete(&self, hash: &str, parts: &[&str]) -> Result<(), MediaError> {
        for part in parts {
            match self.inner.delete(&key(hash, part)).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => return Err(store_error(e)),
            }
        }
        Ok(())
    }
}

/// `ab/abcdef…/w320`: the first two hex digits spread files over 256 directories.
fn key(hash: &str, part: &str) -> Path {
    Path::from(format!("{}/{hash}/{part}", &hash[..hash.len().min(2)]))
}

fn store_error(e: object_store::Error) -> MediaError {
    MediaError::Store(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn parts_are_stored_read_in_ranges_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::local(&dir.path().join("media")).unwrap();
        let hash = crate::content_hash(b"0123456789");
        assert!(!store.exists(&hash, "original").await.unwrap());
        store
            .put(&hash, "original", b"0123456789".to_vec())
            .await
            .unwrap();
        assert!(store.exists(&hash, "original").await.unwrap());
        let got = store
            .get(&hash, "original", Some(2..5))
            .await
            .unwrap()
            .unwrap();
        assert_eq!((got.range.clone(), got.size), (2..5, 10));
        let body: Vec<Bytes> = got.stream.map(|c| c.unwrap()).collect().await;
        assert_eq!(body.concat(), b"234");
        store.delete(&hash, &["original", "w320"]).await.unwrap();
        assert!(store.get(&hash, "original", None).await.unwrap().is_none());
    }

    #[test]
    fn store_urls_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("file://{}", dir.path().join("m").display());
        assert!(BlobStore::open(&url, []).is_ok());
        for (url, why) in [
            ("file://relative/dir", "absolute path"),
            ("ftp://host/x", "only s3:// and file://"),
            ("s3:///prefix", "bucket is missing"),
        ] {
            let e = BlobStore::open(url, []).unwrap_err().to_string();
            assert!(e.contains(why), "{url}: {e}");
        }
        let e = BlobStore::open("s3://b", [("no_such_option", "1")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown option"), "{e}");
        assert!(BlobStore::open(
            "s3://b/p",
            [("region", "x"), ("endpoint", "http://127.0.0.1:1")]
        )
        .is_ok());
    }
}
