//! Material and tool texts: which texts visible entries name and the spellings of the
//! material and tool terms, kept from the bodies on every write, and the reads the
//! experts' suggestion queue and the search index need.

use crate::{Result, Store, StoredEntity};
use domain::vocab::{fold, is_controlled, texts_of};
use domain::{Body, EntityKind};
use sqlx::{AnyConnection, Row};

/// A text entries name that no term's spelling matches and nobody rejected.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub vocabulary: String,
    /// Trimmed, lowercased, inner spaces collapsed: how texts are matched.
    pub folded: String,
    /// One of the spellings entries use.
    pub text: String,
    /// How many visible entries name it.
    pub entries: i64,
}

/// Replaces what the entry's earlier body contributed with what `body` (its new body,
/// `None` once deleted) contributes: an entry's texts while it is visible, a term's
/// spellings while it is visible.
pub(crate) async fn link(
    conn: &mut AnyConnection,
    kind: EntityKind,
    id: &str,
    body: Option<&Body>,
) -> Result<()> {
    let visible = body.filter(|b| b.hidden().is_none());
    match kind {
        EntityKind::Thing | EntityKind::Story | EntityKind::Guide => {
            sqlx::query("DELETE FROM vocabulary_texts WHERE entry_id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
            let mut texts: Vec<(&str, String, &str)> = visible
                .map(texts_of)
                .unwrap_or_default()
                .into_iter()
                .map(|(vocabulary, text)| (vocabulary, fold(text), text.trim()))
                .collect();
            texts.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
            texts.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
            for (vocabulary, folded, text) in texts {
                sqlx::query(
                    "INSERT INTO vocabulary_texts (entry_id, entry_kind, vocabulary, folded, text) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(kind.as_str())
                .bind(vocabulary)
                .bind(folded)
                .bind(text)
                .execute(&mut *conn)
                .await?;
            }
        }
        EntityKind::Term => {
            sqlx::query("UPDATE counters SET value = value + 1 WHERE name = 'term_changes'")
                .execute(&mut *conn)
                .await?;
            sqlx::query("DELETE FROM term_spellings WHERE term_id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
            let Some(Body::Term(t)) = visible else {
                return Ok(());
            };
            if is_controlled(&t.vocabulary) {
                return Ok(());
            }
            for folded in t.spellings() {
                sqlx::query(
                    "INSERT INTO term_spellings (term_id, vocabulary, folded) VALUES ($1, $2, $3)",
                )
                .bind(id)
                .bind(&t.vocabulary)
                .bind(folded)
                .execute(&mut *conn)
                .await?;
            }
        }
        EntityKind::Relationship
        | EntityKind::Category
        | EntityKind::Repair
        | EntityKind::Event
        | EntityKind::Outcome => {}
    }
    Ok(())
}

impl Store {
    /// Texts no term matches, most named first: of one vocabulary, or of all (`""`).
    pub async fn vocabulary_suggestions(
        &self,
        vocabulary: &str,
        limit: i64,
    ) -> Result<Vec<Suggestion>> {
        let rows = sqlx::query(
            "SELECT v.vocabulary, v.folded, MIN(v.text) AS text, COUNT(*) AS n \
             FROM vocabulary_texts v \
             WHERE ($1 = '' OR v.vocabulary = $1) \
               AND NOT EXISTS (SELECT 1 FROM term_spellings s \
                               WHERE s.vocabulary = v.vocabulary AND s.folded = v.folded) \
               AND NOT EXISTS (SELECT 1 FROM vocabulary_rejections r \
                               WHERE r.vocabulary = v.vocabulary AND r.folded = v.folded) \
             GROUP BY v.vocabulary, v.folded \
             ORDER BY n DESC, v.folded LIMIT $2",
        )
        .bind(vocabulary)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Suggestion {
                    vocabulary: r.try_get("vocabulary")?,
                    folded: r.try_get("folded")?,
                    text: r.try_get("text")?,
                    entries: r.try_get("n")?,
                })
            })
            .collect()
    }

    /// Visible entries that name one of `folded` texts in `vocabulary`.
    pub async fn entries_naming(
        &self,
        vocabulary: &str,
        folded: &[String],
    ) -> Result<Vec<(EntityKind, String)>> {
        let mut out = Vec::new();
        for text in folded {
            let rows = sqlx::query(
                "SELECT entry_kind, entry_id FROM vocabulary_texts \
                 WHERE vocabulary = $1 AND folded = $2",
            )
            .bind(vocabulary)
            .bind(text)
            .fetch_all(&self.pool)
            .await?;
            for r in rows {
                let kind: String = r.try_get("entry_kind")?;
                if let Ok(kind) = kind.parse() {
                    out.push((kind, r.try_get("entry_id")?));
                }
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// Takes a text out of the suggestions for good (until a term names it).
    pub async fn reject_text(
        &self,
        vocabulary: &str,
        text: &str,
        by: &str,
        at: &str,
    ) -> Result<()> {
        let _gate = self.gate().await;
        sqlx::query(
            "INSERT INTO vocabulary_rejections (vocabulary, folded, text, rejected_by, rejected_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (vocabulary, folded) DO NOTHING",
        )
        .bind(vocabulary)
        .bind(fold(text))
        .bind(text.trim())
        .bind(by)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A number that changes with every write of a term.
    pub async fn term_stamp(&self) -> Result<i64> {
        Ok(
            sqlx::query("SELECT value FROM counters WHERE name = 'term_changes'")
                .fetch_one(&self.pool)
                .await?
                .try_get("value")?,
        )
    }

    /// Keeps the texts and spellings of stored entries written before they were kept.
    pub async fn fill_vocabulary_texts(&self, rows: &[StoredEntity]) -> Result<()> {
        let _gate = self.gate().await;
        let mut tx = self.pool.begin().await?;
        for r in rows {
            let body = domain::parse_body(r.meta.kind, &r.body);
            link(&mut tx, r.meta.kind, &r.meta.id, body.as_ref()).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
