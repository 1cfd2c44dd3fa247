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
