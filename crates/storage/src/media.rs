//! Media rows: what each stored file is, who brought it, and the sums quotas and health read.

use crate::{Result, StorageError, Store};
use domain::media::{MediaInfo, MediaKind};
use domain::revision::Revision;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::{HashMap, HashSet};

const MEDIA_COLUMNS: &str =
    "hash, kind, mime, bytes, width, height, frames, placeholder, variants, stored_bytes, uploader, created_at, captured_at";

/// Files and bytes stored, in all or for one uploader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MediaTotals {
    pub files: i64,
    pub bytes: i64,
}

impl Store {
    /// Records a stored file; false when a file with its hash was recorded before.
    pub async fn insert_media(&self, m: &MediaInfo, uploader: &str) -> Result<bool> {
        let variants =
            serde_json::to_string(&m.variants).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        let _gate = self.gate().await;
        let done = sqlx::query(&format!(
            "INSERT INTO media ({MEDIA_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
             ON CONFLICT (hash) DO NOTHING"
        ))
        .bind(&m.hash)
        .bind(m.kind.as_str())
        .bind(&m.mime)
        .bind(m.bytes as i64)
        .bind(i64::from(m.width))
        .bind(i64::from(m.height))
        .bind(i64::from(m.frames))
        .bind(m.placeholder.clone())
        .bind(variants)
        .bind(m.stored_bytes() as i64)
        .bind(uploader)
        .bind(&m.created_at)
        .bind(m.captured_at.clone())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Which of `hashes` are recorded.
    pub async fn media_known(&self, hashes: &[String]) -> Result<HashSet<String>> {
        self.media_rows("hash", hashes)
            .await?
            .iter()
            .map(|r| Ok(r.try_get("hash")?))
            .collect()
    }

    /// `columns` of the rows of `hashes`, in no particular order.
    async fn media_rows(&self, columns: &str, hashes: &[String]) -> Result<Vec<AnyRow>> {
        let mut out = Vec::new();
        for chunk in hashes.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT {columns} FROM media WHERE hash IN ({})",
                marks.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for h in chunk {
                q = q.bind(h);
            }
            out.extend(q.fetch_all(&self.pool).await?);
        }
        Ok(out)
    }

    /// Files no revision names, recorded before `before` (RFC 3339), oldest first.
    pub async fn unused_media(&self, before: &str, limit: i64) -> Result<Vec<MediaInfo>> {
        let rows = sqlx::query(&format!(
            "SELECT {MEDIA_COLUMNS} FROM media WHERE created_at < $1 \
             AND NOT EXISTS (SELECT 1 FROM media_uses u WHERE u.hash = media.hash) \
             ORDER BY created_at LIMIT $2"
        ))
        .bind(before)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(media_row).collect()
    }

    /// Forgets a file, unless a revision names it by now; returns whether it did.
    pub async fn forget_unused_media(&self, hash: &str) -> Result<bool> {
        let _gate = self.gate().await;
        let done = sqlx::query(
            "DELETE FROM media WHERE hash = $1 \
             AND NOT EXISTS (SELECT 1 FROM media_uses u WHERE u.hash = $1)",
        )
        .bind(hash)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn media(&self, hash: &str) -> Result<Option<MediaInfo>> {
        let row = sqlx::query(&format!(
            "SELECT {MEDIA_COLUMNS} FROM media WHERE hash = $1"
        ))
        .bind(hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(media_row).transpose()
    }

    /// What is recorded of each of `hashes`, by hash.
    pub async fn media_many(&self, hashes: &[String]) -> Result<HashMap<String, MediaInfo>> {
        self.media_rows(MEDIA_COLUMNS, hashes)
            .await?
            .iter()
            .map(|r| media_row(r).map(|m| (m.hash.clone(), m)))
            .collect()
    }

    /// The cover of each list of candidates (see `domain::media::cover`), with one read
    /// of the media rows for all of them.
    pub async fn covers(
        &self,
        candidates: &[Vec<domain::media::MediaItem>],
        lang: &str,
    ) -> Result<Vec<Option<domain::media::Cover>>> {
        let mut hashes: Vec<String> = candidates.iter().flatten().map(|m| m.id.clone()).collect();
        hashes.sort();
        hashes.dedup();
        let files = self.media_many(&hashes).await?;
        Ok(candidates
            .iter()
            .map(|c| domain::media::cover(c, &files, lang, ""))
            .collect())
    }

    /// Everything stored, or what one uploader brought (`Some(user id)`).
    pub async fn media_totals(&self, uploader: Option<&str>) -> Result<MediaTotals> {
        let row = match uploader {
            Some(u) => {
                sqlx::query("SELECT COUNT(*) AS n, CAST(COALESCE(SUM(stored_bytes), 0) AS BIGINT) AS b FROM media WHERE uploader = $1")
                    .bind(u)
                    .fetch_one(&self.pool)
                    .await?
            }
            None => {
                sqlx::query("SELECT COUNT(*) AS n, CAST(COALESCE(SUM(stored_bytes), 0) AS BIGINT) AS b FROM media")
                    .fetch_one(&self.pool)
                    .await?
            }
        };
        Ok(MediaTotals {
            files: row.try_get("n")?,
            bytes: row.try_get("b")?,
        })
    }
}

fn media_row(r: &AnyRow) -> Result<MediaInfo> {
    let hash: String = r.try_get("hash")?;
    let corrupt = |what: &str| StorageError::Corrupt(format!("media {hash}: {what}"));
    let kind: String = r.try_get("kind")?;
    let variants: String = r.try_get("variants")?;
    let number = |col: &str| -> Result<u32> {
        let n: i64 = r.try_get(col)?;
        u32::try_from(n).map_err(|_| corrupt(col))
    };
    let bytes: i64 = r.try_get("bytes")?;
    Ok(MediaInfo {
        kind: MediaKind::parse(&kind).ok_or_else(|| corrupt("kind"))?,
        mime: r.try_get("mime")?,
        bytes: u64::try_from(bytes).map_err(|_| corrupt("bytes"))?,
        width: number("width")?,
        height: number("height")?,
        frames: number("frames")?,
        placeholder: r.try_get("placeholder")?,
        variants: serde_json::from_str(&variants).map_err(|e| corrupt(&e.to_string()))?,
        created_at: r.try_get("created_at")?,
        captured_at: r.try_get("captured_at")?,
        hash,
    })
}

/// Records which media files a new revision names, in its transaction.
pub(crate) async fn record_uses(conn: &mut AnyConnection, rev: &Revision) -> Result<()> {
    for hash in domain::media::media_ids(&rev.body) {
        if !domain::media::is_media_hash(&hash) {
            continue;
        }
        sqlx::query(
            "INSERT INTO media_uses (hash, revision_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(&hash)
        .bind(&rev.id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
