//! Translation pages: the queue per language, the side-by-side sheet of one entry and
//! saving it, and completeness per language and kind.

use super::*;
use domain::translation::{Completeness, QueueItem, SheetText};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueuePage {
    pub lang: String,
    pub kind: Option<EntityKind>,
    pub category: String,
    pub sort: String,
    pub skip: i64,
    pub limit: i64,
    pub more: bool,
    pub items: Vec<QueueItem>,
    /// The instance's content languages: those the queue tracks.
    pub languages: Vec<String>,
    /// What is wrong with the query, in English for the log; the page says it in words.
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetPage {
    pub kind: EntityKind,
    pub id: String,
    pub label: String,
    pub revision: String,
    pub lang: String,
    pub languages: Vec<String>,
    pub texts: Vec<SheetText>,
    pub may_review: bool,
    /// A failed save coming back: what was typed, the problems and a notice.
    pub typed: BTreeMap<String, String>,
    pub problems: Vec<Problem>,
    pub notice: Option<String>,
}

/// A sheet that could not be saved, kept for the page it returns to.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, Serialize, Deserialize)]
struct SheetDraft {
    fields: BTreeMap<String, String>,
    problems: Vec<Problem>,
    notice: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompletenessPage {
    pub languages: Vec<String>,
    pub rows: Vec<Completeness>,
}

#[server(prefix = "/sfn", endpoint = "translation_queue")]
pub async fn load_queue(
    query: Option<BTreeMap<String, String>>,
    lang: String,
) -> Result<QueuePage, ServerFnError> {
    use backend::*;
    use domain::translation::QueueQuery;
    let state = app_state()?;
    let languages = state.instance.get().languages;
    let pairs: Vec<(String, String)> = query.unwrap_or_default().into_iter().collect();
    let (q, error) = match QueueQuery::from_pairs(&pairs, &lang) {
        Ok(q) => (q, None),
        Err(e) => (
            QueueQuery::from_pairs(&[], &lang).map_err(internal)?,
            Some(e),
        ),
    };
    let mut probe = q.clone();
    probe.limit += 1;
    let mut items = state.translations.queue(&probe).await.map_err(internal)?;
    let more = items.len() as i64 > q.limit;
    items.truncate(q.limit as usize);
    Ok(QueuePage {
        sort: q.sort.as_str().to_string(),
        lang: q.lang,
        kind: q.kind,
        category: q.category.unwrap_or_default(),
        skip: q.skip,
        limit: q.limit,
        more,
        items,
        languages,
        error,
    })
}

#[server(prefix = "/sfn", endpoint = "translation_sheet")]
pub async fn load_sheet(
    kind: EntityKind,
    id: String,
    target: String,
    draft: Option<String>,
    lang: String,
) -> Result<Option<SheetPage>, ServerFnError> {
    use backend::*;
    use service::knowledge::{Readable, ServiceError};
    let state = app_state()?;
    let k = knowledge()?;
    let target = Some(target.trim().to_string())
        .filter(|t| domain::validate::is_language_tag(t))
        .unwrap_or(lang.clone());
    let e = match k.read(kind, &id, reader().await?).await {
        Ok(Readable::Visible(e)) => e,
        Ok(Readable::Hidden { .. }) | Err(ServiceError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(internal(e)),
    };
    let languages = state.instance.get().languages;
    let assumed = languages
        .first()
        .cloned()
        .unwrap_or_else(|| domain::lang::DEFAULT_LANG.to_string());
    let texts = state
        .translations
        .sheet(kind, &id, &e.body, &target, &assumed)
        .await
        .map_err(internal)?;
    let kept: Option<SheetDraft> = kept_draft(&k, draft).await?;
    let may_review = super::session::authorize(domain::policy::Action::ReviewTranslation)
        .await?
        .is_ok();
    let (typed, problems, notice) = kept
        .map(|d| (d.fields, d.problems, d.notice))
        .unwrap_or_default();
    Ok(Some(SheetPage {
        label: parse_body(kind, &e.body)
            .map(|b| b.label(&lang))
            .unwrap_or_default(),
        kind,
        id,
        revision: e.meta.revision,
        lang: target,
        languages,
        texts,
        may_review,
        typed,
        problems,
        notice,
    }))
}

/// Saves a side-by-side sheet: per text `t.<path>` is the translation, `keep.<path>`
/// confirms an unchanged one against a changed original, `review.<path>` (experts) marks
/// it reviewed. Applied to the revision the sheet was made from, so it merges with
/// whatever changed since.
#[server(prefix = "/sfn", endpoint = "save_translations")]
pub async fn save_translations(
    kind: EntityKind,
    f: HashMap<String, String>,
) -> Result<(), ServerFnError> {
    use backend::*;
    use domain::translation::SheetEdit;
    use service::knowledge::ServiceError;
    let k = knowledge()?;
    let mut fields: BTreeMap<String, String> = f.into_iter().collect();
    let id = fields.remove("id").unwrap_or_default();
    let base = fields.remove("base_revision").filter(|b| !b.is_empty());
    let lang = fields.remove("lang").unwrap_or_default();
    let back = format!(
        "/{}/{}/translate?lang={}",
        kind.plural(),
        url_path_text(&id),
        url_path_text(&lang)
    );
    if !domain::validate::is_language_tag(&lang) {
        let problem = Problem::new("lang", "invalid_language_tag", &[("value", lang.clone())]);
        return back_to_sheet(&k, &back, fields, vec![problem], None).await;
    }
    let author = match super::session::authorize(domain::policy::Action::Update).await? {
        Ok(name) => name,
        Err(denied) => {
            let draft = SheetDraft {
                fields,
                problems: Vec::new(),
                notice: None,
            };
            let token = store_draft(&k, &draft).await?;
            redirect(&super::session::refused(
                denied,
                &format!("{back}&draft={token}"),
            ));
            return Ok(());
        }
    };
    let may_review = super::session::authorize(domain::policy::Action::ReviewTranslation)
        .await?
        .is_ok();
    let edits: Vec<SheetEdit> = fields
        .iter()
        .filter_map(|(key, text)| {
            let path = key.strip_prefix("t.")?;
            Some(SheetEdit {
                path: path.to_string(),
                text: text.clone(),
                confirm: fields.contains_key(&format!("keep.{path}")),
                review: may_review.then(|| fields.contains_key(&format!("review.{path}"))),
            })
        })
        .collect();
    let from = match &base {
        Some(b) => k.revision_of(kind, &id, b).await.map(|r| r.body),
        None => k.get(kind, &id).await.map(|e| e.body),
    };
    let mut body = match from {
        Ok(b) => b,
        Err(ServiceError::NotFound { .. }) => {
            redirect(&format!("/{}", kind.plural()));
            return Ok(());
        }
        Err(e) => return Err(internal(e)),
    };
    domain::translation::apply_sheet(kind, &mut body, &lang, &edits);
    match k.update(kind, &id, body, base, &author).await {
        Ok(saved) => {
            let flag = if saved.merged { "merged" } else { "translated" };
            redirect(&format!(
                "/{}/{}?{flag}=1&lang={}",
                kind.plural(),
                saved.entity.meta.id,
                url_path_text(&lang)
            ));
            Ok(())
        }
        Err(ServiceError::Conflict(view)) => {
            redirect(&format!(
                "/{}/{}?conflict={}",
                kind.plural(),
                view.entity_id,
                view.conflict_id
            ));
            Ok(())
        }
        Err(ServiceError::Invalid(problems)) => {
            back_to_sheet(&k, &back, fields, problems, None).await
        }
        Err(e) => match service_notice(&e) {
            Some(notice) => back_to_sheet(&k, &back, fields, Vec::new(), Some(notice)).await,
            None => Err(internal(e)),
        },
    }
}

#[server(prefix = "/sfn", endpoint = "translation_completeness")]
pub async fn load_completeness() -> Result<CompletenessPage, ServerFnError> {
    use backend::*;
    let state = app_state()?;
    Ok(CompletenessPage {
        languages: state.instance.get().languages,
        rows: state.translations.completeness().await.map_err(internal)?,
    })
}

/// Returns to the sheet with what was typed, the problems and a notice.
#[cfg(feature = "ssr")]
async fn back_to_sheet(
    k: &service::knowledge::Knowledge,
    back: &str,
    fields: BTreeMap<String, String>,
    problems: Vec<Problem>,
    notice: Option<&str>,
) -> Result<(), ServerFnError> {
    let draft = SheetDraft {
        fields,
        problems,
        notice: notice.map(str::to_string),
    };
    let token = backend::store_draft(k, &draft).await?;
    backend::redirect(&format!("{back}&draft={token}"));
    Ok(())
}

#[cfg(feature = "ssr")]
fn url_path_text(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
