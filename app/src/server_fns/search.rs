//! The search page's server function.

use domain::search::SearchResults;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchPageData {
    pub results: Option<SearchResults>,
    /// Why the search could not run, as a stable code the page translates.
    pub error: Option<String>,
}

/// `query` is the page's own query string: `q`, `sort`, `page` and facet filters.
#[server(prefix = "/sfn", endpoint = "search")]
pub async fn search_page(query: String, lang: String) -> Result<SearchPageData, ServerFnError> {
    use super::backend::*;
    use domain::search::{SearchRequest, PAGE_SIZE};
    use search::SearchError;
    let state = app_state()?;
    let mut page = 1usize;
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (k, v) in url::form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
        match k.as_ref() {
            "page" => page = v.parse().ok().filter(|p| *p >= 1).unwrap_or(1),
            _ => pairs.push((k.into_owned(), v.into_owned())),
        }
    }
    pairs.push((
        "skip".into(),
        (page - 1).saturating_mul(PAGE_SIZE).to_string(),
    ));
    let refused = |e: &SearchError| {
        let code = match e {
            SearchError::Syntax(s) => s.code(),
            _ => "bad_parameter",
        };
        SearchPageData {
            results: None,
            error: Some(code.to_string()),
        }
    };
    let req = match SearchRequest::from_pairs(&pairs, &lang) {
        Ok(r) => r,
        Err(e) => return Ok(refused(&SearchError::from(e))),
    };
    let q = req.q.clone();
    match state.search.run(req).await {
        Ok(results) => Ok(SearchPageData {
            results: Some({
                state.usage.search(&q, results.total);
                found(&state, results)
            }),
            error: None,
        }),
        Err(e) if e.is_bad_request() => Ok(refused(&e)),
        Err(e) => {
            tracing::error!("search failed: {e}");
            Ok(SearchPageData {
                results: None,
                error: Some("unavailable".into()),
            })
        }
    }
}

/// Titles completing what is typed in the search box.
#[server(prefix = "/sfn", endpoint = "suggest")]
pub async fn search_suggestions(typed: String, lang: String) -> Result<Vec<String>, ServerFnError> {
    Ok(super::backend::app_state()?
        .search
        .suggest(&typed, &lang)
        .await)
}

/// Counts the entries a search showed (the translation queue sorts by it).
#[cfg(feature = "ssr")]
fn found(
    state: &crate::state::AppState,
    results: domain::search::SearchResults,
) -> domain::search::SearchResults {
    state
        .translations
        .note_found(results.hits.iter().map(|h| h.id.as_str()));
    results
}

/// The explorer's graph: `start`'s neighbours and those of the `open` entries.
#[server(prefix = "/sfn", endpoint = "explore")]
pub async fn load_explore(
    start: String,
    // Nothing open is sent as no field at all.
    #[server(default)] open: Vec<String>,
    lang: String,
) -> Result<Option<domain::graph::Neighbourhood>, ServerFnError> {
    use super::backend::*;
    app_state()?
        .search
        .explore(&start, &open, &lang)
        .await
        .map_err(internal)
}

/// Where the explorer may start from a category: its name in `lang` and the latest
/// things, stories and guides filed under it or below it. `None` for no category.
#[server(prefix = "/sfn", endpoint = "explore_category")]
pub async fn explore_category(
    id: String,
    lang: String,
) -> Result<Option<(String, Vec<domain::EntitySummary>)>, ServerFnError> {
    use super::backend::*;
    const PER_KIND: i64 = 10;
    let lang = domain::lang::supported(&lang).unwrap_or(domain::lang::DEFAULT_LANG);
    let k = knowledge()?;
    if !domain::validate::is_entity_id(&id) {
        return Ok(None);
    }
    let Some(label) = k
        .category_labels_of(std::slice::from_ref(&id), lang)
        .await
        .map_err(internal)?
        .into_iter()
        .next()
        .map(|(_, label)| label)
    else {
        return Ok(None);
    };
    let within = k.category_and_below(&id).await.map_err(internal)?;
    let mut entries = Vec::new();
    use domain::EntityKind;
    for kind in [EntityKind::Thing, EntityKind::Story, EntityKind::Guide] {
        let filter = k
            .within_filter(kind, within.clone())
            .await
            .map_err(internal)?;
        let rows = k
            .list_page(kind, &filter, 0, PER_KIND)
            .await
            .map_err(internal)?;
        entries.extend(k.summaries_of(&rows, lang).await.map_err(internal)?);
    }
    Ok(Some((label, entries)))
}

/// An entry's neighbourhood in the knowledge graph, for its page's graph view.
#[server(prefix = "/sfn", endpoint = "graph")]
pub async fn load_graph(
    id: String,
    hops: u8,
    lang: String,
) -> Result<Option<domain::graph::Neighbourhood>, ServerFnError> {
    use super::backend::*;
    app_state()?
        .search
        .neighbourhood(&id, hops, &lang)
        .await
        .map_err(internal)
}
