//! The category pages' data: the tree with counts, and the old free categories that
//! wait to be filed under the taxonomy, with the action that files them; merging one
//! category into another.

use super::*;
use domain::taxonomy::{TreeNode, Unfiled};

/// The taxonomy as a forest with counts, labels in `lang`.
#[server(prefix = "/sfn", endpoint = "category_tree")]
pub async fn load_category_tree(lang: String) -> Result<Vec<TreeNode>, ServerFnError> {
    use backend::*;
    let lang = domain::lang::supported(&lang).unwrap_or(domain::lang::DEFAULT_LANG);
    knowledge()?.category_tree(lang).await.map_err(internal)
}

/// What `/categories/unfiled` shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UnfiledPage {
    pub items: Vec<Unfiled>,
    /// The visitor may file entries in bulk (experts and above).
    pub may_file: bool,
    /// Every category as (id, label, depth), for choosing where a text goes.
    pub taxonomy: Vec<(String, String, usize)>,
}

#[server(prefix = "/sfn", endpoint = "unfiled")]
pub async fn load_unfiled(lang: String) -> Result<UnfiledPage, ServerFnError> {
    use backend::*;
    let lang = domain::lang::supported(&lang).unwrap_or(domain::lang::DEFAULT_LANG);
    let k = knowledge()?;
    let may_file = session::authorize(domain::policy::Action::EditTaxonomy)
        .await?
        .is_ok();
    let tree = k.category_tree(lang).await.map_err(internal)?;
    Ok(UnfiledPage {
        items: k.unfiled(lang).await.map_err(internal)?,
        may_file,
        taxonomy: domain::taxonomy::flatten(&tree),
    })
}

/// Files the entries of `kind` that carry the old free category `text` under
/// `category`; with `text` empty, files every text that matches a category's name.
#[server(prefix = "/sfn", endpoint = "file_unfiled")]
pub async fn file_unfiled(
    kind: Option<EntityKind>,
    text: Option<String>,
    category: Option<String>,
) -> Result<(), ServerFnError> {
    use backend::*;
    const BACK: &str = "/categories/unfiled";
    let Some(author) =
        session::author_or_redirect(domain::policy::Action::EditTaxonomy, BACK).await?
    else {
        return Ok(());
    };
    let k = knowledge()?;
    let text = text.unwrap_or_default();
    let filed = match (kind, text.trim(), category.as_deref().map(str::trim)) {
        (_, "", _) => k.file_matching(&author).await,
        (Some(kind), text, Some(c)) if domain::validate::is_entity_id(c) => {
            k.file_unfiled(kind, text, c, &author).await
        }
        _ => {
            redirect(&format!("{BACK}?error=choose"));
            return Ok(());
        }
    };
    use service::knowledge::ServiceError;
    match filed {
        Ok(n) => redirect(&format!("{BACK}?filed={n}")),
        Err(ServiceError::NotFound {
            kind: EntityKind::Category,
            ..
        }) => redirect(&format!("{BACK}?error=choose")),
        // An entry changed or became invalid meanwhile: what was filed stays filed.
        Err(e) if service_notice(&e).is_some() || matches!(e, ServiceError::Invalid(_)) => {
            redirect(&format!("{BACK}?error=stale"))
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}

/// Merges category `id` into `into` (experts), then shows `into` with how much moved.
#[server(prefix = "/sfn", endpoint = "merge_category")]
pub async fn merge_category(id: String, into: Option<String>) -> Result<(), ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    let id = id.trim().to_string();
    let back = format!("/categories/{id}");
    let Some(author) =
        session::author_or_redirect(domain::policy::Action::EditTaxonomy, &back).await?
    else {
        return Ok(());
    };
    let into = into.unwrap_or_default().trim().to_string();
    if !domain::validate::is_entity_id(&id) || !domain::validate::is_entity_id(&into) {
        redirect(&format!("{back}?merge_error=choose"));
        return Ok(());
    }
    match knowledge()?.merge_category(&id, &into, &author).await {
        Ok(n) => redirect(&format!("/categories/{into}?category_merged={n}")),
        Err(ServiceError::Invalid(_)) => redirect(&format!("{back}?merge_error=target")),
        Err(e) if service_notice(&e).is_some() => redirect(&format!("{back}?merge_error=stale")),
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}

/// What `/categories/{id}/split` shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SplitPage {
    pub label: String,
    /// The visitor may split categories (experts and above).
    pub may_split: bool,
    /// What may move: subcategories first, then entries filed directly here.
    pub candidates: Vec<(EntityKind, String, String)>,
    /// A refused split's form, shown again with its problems.
    pub kept: SplitDraft,
}

/// A split form as sent: `name1`…, and `to.{id}` = the number of the new category.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SplitDraft {
    pub fields: HashMap<String, String>,
    pub problems: Vec<Problem>,
}

/// New categories the split form offers.
pub const SPLIT_FORM_PARTS: usize = 4;

#[server(prefix = "/sfn", endpoint = "split_page")]
pub async fn load_split(
    id: String,
    lang: String,
    draft: Option<String>,
) -> Result<Option<SplitPage>, ServerFnError> {
    use backend::*;
    let lang = domain::lang::supported(&lang).unwrap_or(domain::lang::DEFAULT_LANG);
    let k = knowledge()?;
    let may_split = session::authorize(domain::policy::Action::EditTaxonomy)
        .await?
        .is_ok();
    let row = match k.get(EntityKind::Category, &id).await {
        Ok(row) => row,
        Err(service::knowledge::ServiceError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(internal(e)),
    };
    let label =
        parse_body(EntityKind::Category, &row.body).map_or_else(|| id.clone(), |b| b.label(lang));
    Ok(Some(SplitPage {
        label,
        may_split,
        candidates: k.split_candidates(&id, lang).await.map_err(internal)?,
        kept: kept_draft(&k, draft).await?.unwrap_or_default(),
    }))
}

/// Splits category `id` (experts): each non-empty `name{n}` makes a new category below
/// it, and each `to.{entry}` naming `n` moves that entry there. A refused split comes
/// back to the form with what was typed. `lang` is the page's language, the names'.
#[server(prefix = "/sfn", endpoint = "split_category")]
pub async fn split_category(
    id: String,
    lang: String,
    f: HashMap<String, String>,
) -> Result<(), ServerFnError> {
    use backend::*;
    use service::knowledge::{ServiceError, SplitPart};
    let id = id.trim().to_string();
    let back = format!("/categories/{id}/split");
    let Some(author) =
        session::author_or_redirect(domain::policy::Action::EditTaxonomy, &back).await?
    else {
        return Ok(());
    };
    // The names are typed in the page's language.
    let lang = domain::lang::supported(&lang).unwrap_or(domain::lang::DEFAULT_LANG);
    let mut parts: Vec<SplitPart> = Vec::new();
    let mut numbers = Vec::new();
    for n in 1..=SPLIT_FORM_PARTS {
        let name = f.get(&format!("name{n}")).map_or("", |s| s.trim());
        let moves: Vec<String> = f
            .iter()
            .filter(|(_, v)| v.trim() == n.to_string())
            .filter_map(|(k, _)| k.strip_prefix("to."))
            .map(String::from)
            .collect();
        if name.is_empty() && moves.is_empty() {
            continue;
        }
        numbers.push(n);
        parts.push(SplitPart {
            name: serde_json::json!({"default": name, "lang": lang}),
            moves,
        });
    }
    let k = knowledge()?;
    let problems = match k.split_category(&id, &parts, &author).await {
        Ok(created) => {
            redirect(&format!("/categories/{id}?split={}", created.len()));
            return Ok(());
        }
        Err(ServiceError::Invalid(problems)) => problems,
        Err(e) if service_notice(&e).is_some() => {
            vec![Problem::new("parts", "not_filed_here", &[])]
        }
        Err(e) => return Err(internal(e)),
    };
    // Problems name parts by their place among those sent; the form numbers them.
    let problems = problems
        .into_iter()
        .map(|p| {
            let path = match p
                .path
                .strip_prefix("parts.")
                .and_then(|r| r.split_once('.'))
            {
                Some((at, rest)) => at
                    .parse::<usize>()
                    .ok()
                    .and_then(|at| numbers.get(at))
                    .map_or(p.path.clone(), |n| format!("part{n}.{rest}")),
                None => p.path.clone(),
            };
            Problem { path, ..p }
        })
        .collect();
    let token = store_draft(
        &k,
        &SplitDraft {
            fields: f,
            problems,
        },
    )
    .await?;
    redirect(&format!("{back}?draft={token}"));
    Ok(())
}
