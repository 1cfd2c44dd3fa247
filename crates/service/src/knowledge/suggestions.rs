//! The experts' queue of material and tool texts no term names yet: accepting one as a
//! new term, mapping it onto a term as a synonym, or rejecting it. Entries keep their
//! texts throughout; a term that names a text takes it out of the queue.

use super::{Knowledge, Result, ServiceError, StoredEntity};
use crate::audit::Event;
use domain::revision::now_rfc3339;
use domain::vocab::{fold, is_controlled, key_from, VOCABULARIES};
use domain::{EntityKind, Problem};
use serde_json::{json, Value};
pub use storage::Suggestion;

/// Rows the texts of older entries are read in.
const FILL_BATCH: i64 = 500;
/// Marks an instance whose older entries' texts have been read.
const FILLED: &str = "vocabulary_texts_filled";
/// Keys tried for an accepted text whose own key is taken: `oak`, `oak_2`, … `oak_9`.
const KEY_TRIES: usize = 9;

fn open_vocabulary(vocabulary: &str) -> Result<()> {
    if VOCABULARIES.contains(&vocabulary) && !is_controlled(vocabulary) {
        Ok(())
    } else {
        Err(ServiceError::Invalid(vec![Problem::new(
            "vocabulary",
            "not_in_vocabulary",
            &[("allowed", "materials, tools".into())],
        )]))
    }
}

fn some_text(text: &str) -> Result<()> {
    let problem = if fold(text).is_empty() {
        Problem::new("text", "required", &[])
    } else if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        Problem::new("text", "control_character", &[])
    } else if text.chars().count() > domain::fields::MAX_SHORT {
        Problem::new(
            "text",
            "too_long",
            &[("max", domain::fields::MAX_SHORT.to_string())],
        )
    } else {
        return Ok(());
    };
    Err(ServiceError::Invalid(vec![problem]))
}

impl Knowledge {
    /// Reads the material and tool texts of entries written before they were kept, once
    /// per instance; returns how many entries it read.
    pub async fn fill_vocabulary_texts_once(&self) -> Result<usize> {
        if self.store.instance_setting(FILLED).await?.is_some() {
            return Ok(0);
        }
        let mut read = 0;
        for kind in [
            EntityKind::Term,
            EntityKind::Thing,
            EntityKind::Story,
            EntityKind::Guide,
        ] {
            let mut after = String::new();
            loop {
                let rows = self.store.rows_after(kind, &after, FILL_BATCH).await?;
                let Some(last) = rows.last() else { break };
                after = last.meta.id.clone();
                self.store.fill_vocabulary_texts(&rows).await?;
                read += rows.len();
            }
        }
        self.store.put_instance_setting(FILLED, "1").await?;
        Ok(read)
    }

    /// Texts of `vocabulary` (materials or tools; `""` for both) that no term names,
    /// most named first.
    pub async fn vocabulary_suggestions(
        &self,
        vocabulary: &str,
        limit: i64,
    ) -> Result<Vec<Suggestion>> {
        if !vocabulary.is_empty() {
            open_vocabulary(vocabulary)?;
        }
        Ok(self.store.vocabulary_suggestions(vocabulary, limit).await?)
    }

    /// A new term named by the text (in the instance's first content language), with
    /// `key` or one made from the text.
    pub async fn accept_suggestion(
        &self,
        vocabulary: &str,
        text: &str,
        key: Option<&str>,
        author: &str,
    ) -> Result<StoredEntity> {
        open_vocabulary(vocabulary)?;
        some_text(text)?;
        let body = |key: &str| json!({"vocabulary": vocabulary, "key": key, "name": {"default": text.trim()}});
        if let Some(key) = key.filter(|k| !k.trim().is_empty()) {
            return self
                .create(EntityKind::Term, body(key.trim()), author)
                .await;
        }
        // A text without Latin letters ("不锈钢") gets a key from its digest.
        let made = key_from(text).unwrap_or_else(|| {
            use sha2::Digest;
            let digest = sha2::Sha256::digest(fold(text).as_bytes());
            format!("term_{}", &hex::encode(digest)[..12])
        });
        let mut last = None;
        for n in 1..=KEY_TRIES {
            let key = if n == 1 {
                made.clone()
            } else {
                format!(
                    "{}_{n}",
                    &made[..made.len().min(domain::vocab::MAX_KEY - 2)]
                )
            };
            match self.create(EntityKind::Term, body(&key), author).await {
                Err(ServiceError::Invalid(p)) if p.iter().any(|p| p.code == "duplicate_term") => {
                    last = Some(ServiceError::Invalid(p));
                }
                other => return other,
            }
        }
        Err(last.unwrap_or_else(|| ServiceError::Internal("no key tried".into())))
    }

    /// Adds the text to the term's synonyms (in its original language).
    pub async fn map_suggestion(
        &self,
        vocabulary: &str,
        text: &str,
        term_id: &str,
        author: &str,
    ) -> Result<StoredEntity> {
        open_vocabulary(vocabulary)?;
        some_text(text)?;
        let not_a_term = || {
            ServiceError::Invalid(vec![Problem::new(
                "term",
                "not_found",
                &[("kind", format!("{vocabulary} term"))],
            )])
        };
        if !domain::validate::is_entity_id(term_id) {
            return Err(not_a_term());
        }
        let term = match self.get(EntityKind::Term, term_id).await {
            Ok(t) => t,
            Err(ServiceError::NotFound { .. }) => return Err(not_a_term()),
            Err(e) => return Err(e),
        };
        if term.body.get("vocabulary").and_then(Value::as_str) != Some(vocabulary) {
            return Err(not_a_term());
        }
        let mut body = term.body.clone();
        let before = body
            .pointer("/synonyms/default")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
            .to_string();
        let joined = if before.is_empty() {
            text.trim().to_string()
        } else {
            format!("{before}, {}", text.trim())
        };
        match body.get_mut("synonyms").and_then(Value::as_object_mut) {
            Some(s) => {
                s.insert("default".into(), json!(joined));
            }
            None => body["synonyms"] = json!({"default": joined}),
        }
        let saved = self
            .update(
                EntityKind::Term,
                term_id,
                body,
                Some(term.meta.revision),
                author,
            )
            .await?;
        Ok(saved.entity)
    }

    /// Takes the text out of the queue; entries keep it.
    pub async fn reject_suggestion(
        &self,
        vocabulary: &str,
        text: &str,
        author: &str,
    ) -> Result<()> {
        open_vocabulary(vocabulary)?;
        some_text(text)?;
        self.store
            .reject_text(vocabulary, text, author, &now_rfc3339())
            .await?;
        self.audit
            .record(Event::new(author, "vocabulary.reject", vocabulary).detail(text.trim()))
            .await?;
        Ok(())
    }
}
