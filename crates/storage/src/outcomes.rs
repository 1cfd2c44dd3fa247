//! Readers' outcomes ("this worked for me"), counted per entry and per step from
//! `outcome_facts`, which `impact::link` keeps.

use crate::{Result, Store};
use sqlx::Row;

/// Which outcomes a count reads: of one kind of entry, and optionally of one entry, one
/// model or one instance.
#[derive(Clone, Debug, Default)]
pub struct OutcomeFilter {
    pub entry_type: String,
    pub entry: Option<String>,
    pub thing: Option<String>,
    pub origin: Option<String>,
}

impl OutcomeFilter {
    fn clause(&self) -> (String, Vec<String>) {
        let mut parts = vec!["entry_type = $1".to_string()];
        let mut binds = vec![self.entry_type.clone()];
        for (column, v) in [
            ("entry_id", &self.entry),
            ("thing_id", &self.thing),
            ("origin", &self.origin),
        ] {
            if let Some(v) = v {
                binds.push(v.clone());
                parts.push(format!("{column} = ${}", binds.len()));
            }
        }
        (format!(" WHERE {}", parts.join(" AND ")), binds)
    }
}

/// One entry's answers: people per result, and per step how many said it failed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryOutcomes {
    pub results: Vec<(String, u64)>,
    pub failed_steps: Vec<(u32, u64)>,
}

fn count(r: &sqlx::any::AnyRow, name: &str) -> Result<u64> {
    Ok(r.try_get::<i64, _>(name)?.max(0) as u64)
}

impl Store {
    pub async fn entry_outcomes(&self, entry_id: &str) -> Result<EntryOutcomes> {
        let rows = sqlx::query(
            "SELECT result, COUNT(*) AS n FROM outcome_facts WHERE entry_id = $1 GROUP BY result",
        )
        .bind(entry_id)
        .fetch_all(&self.pool)
        .await?;
        let results = rows
            .iter()
            .map(|r| Ok((r.try_get("result")?, count(r, "n")?)))
            .collect::<Result<_>>()?;
        let rows = sqlx::query(
            "SELECT failed_step, COUNT(*) AS n FROM outcome_facts \
             WHERE entry_id = $1 AND failed_step IS NOT NULL \
             GROUP BY failed_step ORDER BY failed_step",
        )
        .bind(entry_id)
        .fetch_all(&self.pool)
        .await?;
        let failed_steps = rows
            .iter()
            .map(|r| {
                let step = r.try_get::<i64, _>("failed_step")?;
                Ok((u32::try_from(step).unwrap_or(0), count(r, "n")?))
            })
            .collect::<Result<_>>()?;
        Ok(EntryOutcomes {
            results,
            failed_steps,
        })
    }

    /// Per entry: (entry id, worked, partly, people), most answers first.
    pub async fn outcome_rates(
        &self,
        f: &OutcomeFilter,
        limit: i64,
    ) -> Result<Vec<(String, u64, u64, u64)>> {
        let (clause, binds) = f.clause();
        let sql = format!(
            "SELECT entry_id, \
             CAST(SUM(CASE WHEN result = 'worked' THEN 1 ELSE 0 END) AS BIGINT) AS worked, \
             CAST(SUM(CASE WHEN result = 'partly' THEN 1 ELSE 0 END) AS BIGINT) AS partly, \
             COUNT(*) AS n FROM outcome_facts{clause} \
             GROUP BY entry_id ORDER BY n DESC, entry_id LIMIT ${}",
            binds.len() + 1
        );
        let mut q = sqlx::query(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        let rows = q.bind(limit).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("entry_id")?,
                    count(r, "worked")?,
                    count(r, "partly")?,
                    count(r, "n")?,
                ))
            })
            .collect()
    }
}
