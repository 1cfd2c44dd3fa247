//! Usage counts per day (`usage_daily`), added to in batches, and contributions per day
//! read from the revision log.

use crate::{Result, Store};
use sqlx::Row;

/// One count to add: day (YYYY-MM-DD), metric, item, how many.
pub type UsageCount = (String, &'static str, String, u64);

fn count(r: &sqlx::any::AnyRow) -> Result<u64> {
    Ok(r.try_get::<i64, _>("n")?.max(0) as u64)
}

impl Store {
    /// Adds the counts in one transaction.
    pub async fn add_usage(&self, counts: &[UsageCount]) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        for (day, metric, item, n) in counts {
            sqlx::query(
                "INSERT INTO usage_daily (day, metric, item, n) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (day, metric, item) DO UPDATE SET n = usage_daily.n + excluded.n",
            )
            .bind(day)
            .bind(*metric)
            .bind(item)
            .bind(i64::try_from(*n).unwrap_or(i64::MAX))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// (day, metric, total) from `since` (a day) on.
    pub async fn usage_per_day(&self, since: &str) -> Result<Vec<(String, String, u64)>> {
        let rows = sqlx::query(
            "SELECT day, metric, CAST(SUM(n) AS BIGINT) AS n FROM usage_daily \
             WHERE day >= $1 GROUP BY day, metric",
        )
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("day")?, r.try_get("metric")?, count(r)?)))
            .collect()
    }

    /// The items of `metric` counted most from `since` on.
    pub async fn usage_top(
        &self,
        metric: &str,
        since: &str,
        limit: i64,
    ) -> Result<Vec<(String, u64)>> {
        let rows = sqlx::query(
            "SELECT item, CAST(SUM(n) AS BIGINT) AS n FROM usage_daily \
             WHERE metric = $1 AND day >= $2 GROUP BY item ORDER BY n DESC, item LIMIT $3",
        )
        .bind(metric)
        .bind(since)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("item")?, count(r)?)))
            .collect()
    }

    /// Revisions made on this instance (`origin`) per day from `since` on.
    pub async fn contributions_per_day(
        &self,
        origin: &str,
        since: &str,
    ) -> Result<Vec<(String, u64)>> {
        let rows = sqlx::query(
            "SELECT SUBSTR(created_at, 1, 10) AS day, COUNT(*) AS n FROM revisions \
             WHERE created_at >= $1 AND origin_instance = $2 \
             GROUP BY SUBSTR(created_at, 1, 10)",
        )
        .bind(since)
        .bind(origin)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("day")?, count(r)?)))
            .collect()
    }
}
