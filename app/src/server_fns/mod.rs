//! Server functions behind the pages. Thin: parse, call the knowledge service, shape
//! the result for a page. Forms always answer with a redirect, so they work the same
//! with and without JavaScript; a failed save is kept as a draft and shown again.

use domain::form::Fields;
pub use domain::view::{RecentChange, RelationView};
use domain::{Counts, EntityKind, EntityMeta, EntitySummary, Problem};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListPage {
    pub items: Vec<EntitySummary>,
    pub total: i64,
    pub skip: i64,
    pub limit: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub counts: Counts,
    pub recent: Vec<RecentChange>,
    pub public_url: String,
    /// The instance's own description, as its admin wrote it (may be empty).
    pub description: String,
}

mod accounts;
mod admin;
mod conflicts;
mod editing;
mod entries;
mod factors;
mod federation;
mod outcomes;
mod repairs;
mod search;
mod site;
mod tags;
mod taxonomy;
mod translations;
mod usage;
mod vocabularies;

pub use accounts::*;
pub use admin::*;
pub use conflicts::*;
pub use editing::*;
pub use entries::*;
pub use factors::*;
pub use federation::*;
pub use outcomes::{
    record_outcome, EventExtras, OutcomesExtras, RecordOutcome, EVENT_PAGE_RECORDS,
};
pub use repairs::{load_impact, ImpactPage, ImpactParams};
pub use search::*;
pub use site::*;
pub use tags::*;
pub use taxonomy::*;
pub use translations::*;
pub use usage::*;
pub use vocabularies::*;

pub const PAGE_SIZE: i64 = 25;

#[cfg(feature = "ssr")]
mod backend {
    use super::*;
    pub use domain::{parse_body, Body};
    pub use service::knowledge::Reader;
    use service::knowledge::{Knowledge, ServiceError};
    use std::sync::Arc;

    pub fn app_state() -> Result<crate::state::AppState, ServerFnError> {
        use_context::<crate::state::AppState>()
            .ok_or_else(|| ServerFnError::new("server state missing"))
    }

    /// Answers with a redirect to `target` when it is a path on this site, else to the
    /// home page: user input reaches the `Location` header only through here.
    pub fn redirect(target: &str) {
        leptos_axum::redirect(&domain::redirect::local_or_home(Some(target)));
    }

    pub fn knowledge() -> Result<Arc<Knowledge>, ServerFnError> {
        Ok(app_state()?.knowledge)
    }

    /// The visitor as a reader of hidden entries.
    pub async fn reader() -> Result<Reader, ServerFnError> {
        let user = super::session::current().await?;
        Ok(Reader::with_role(user.as_ref().map(|u| u.role.as_str())))
    }

    /// A revision as a history entry, with the fields it changed.
    pub fn history_item(r: &domain::revision::Revision, changed: Vec<String>) -> HistoryItem {
        HistoryItem {
            id: r.id.clone(),
            op: r.op.as_str().to_string(),
            author: r.author.clone(),
            origin_instance: r.origin_instance.clone(),
            created_at: r.created_at.clone(),
            parents: r.parents.clone(),
            changed,
        }
    }

    /// Logs the detail and tells the client only that something failed inside.
    pub fn internal(e: impl std::fmt::Display) -> ServerFnError {
        tracing::error!("server function failed: {e}");
        ServerFnError::new("internal error")
    }

    /// Keeps a failed form (never a password) for the page it redirects back to.
    pub async fn store_draft(
        k: &Knowledge,
        draft: &impl Serialize,
    ) -> Result<String, ServerFnError> {
        k.keep_draft(draft).await.map_err(internal)
    }

    /// A kept form, if the token names one of the expected shape.
    pub async fn kept_draft<T: serde::de::DeserializeOwned>(
        k: &Knowledge,
        token: Option<String>,
    ) -> Result<Option<T>, ServerFnError> {
        match token {
            Some(t) => k.draft(&t).await.map_err(internal),
            None => Ok(None),
        }
    }

    pub fn service_notice(e: &ServiceError) -> Option<&'static str> {
        match e {
            ServiceError::Stale { .. } => Some("notice-stale"),
            ServiceError::NotFound { .. } => Some("notice-gone"),
            ServiceError::NotYours => Some("notice-not-yours"),
            _ => None,
        }
    }
}

#[server(prefix = "/sfn", endpoint = "home")]
pub async fn load_home(lang: String) -> Result<HomeData, ServerFnError> {
    use backend::*;
    let k = knowledge()?;
    let counts = k.counts().await.map_err(internal)?;
    let recent = k
        .recent_changes(10, reader().await?, &lang)
        .await
        .map_err(internal)?;
    Ok(HomeData {
        counts,
        recent,
        public_url: k.public_url().to_string(),
        description: app_state()?.instance.get().description,
    })
}

#[server(prefix = "/sfn", endpoint = "list")]
pub async fn load_list(
    kind: EntityKind,
    filters: Option<BTreeMap<String, String>>,
    lang: String,
) -> Result<ListPage, ServerFnError> {
    use backend::*;
    // An empty map is not encoded at all, hence the Option.
    let filters = filters.unwrap_or_default();
    let k = knowledge()?;
    let page: i64 = filters
        .get("page")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let skip = (page - 1).saturating_mul(PAGE_SIZE);
    let filter = k
        .list_filter(kind, |p| filters.get(p).cloned())
        .await
        .map_err(internal)?;
    let (items, total) = k
        .list(kind, &filter, skip, PAGE_SIZE)
        .await
        .map_err(internal)?;
    let mut summaries = k.summaries_of(&items, &lang).await.map_err(internal)?;
    if kind == EntityKind::Relationship {
        let bodies: Vec<_> = items.iter().map(|e| parse_body(kind, &e.body)).collect();
        let names = k
            .relationship_names(&bodies, &lang)
            .await
            .map_err(internal)?;
        for ((s, name), body) in summaries.iter_mut().zip(names).zip(bodies) {
            if let (Some(name), Some(Body::Relationship(r))) = (name, body) {
                s.label = name;
                s.subtitle = r.relationship_type;
            }
        }
    }
    Ok(ListPage {
        items: summaries,
        total,
        skip,
        limit: PAGE_SIZE,
    })
}

#[server(prefix = "/sfn", endpoint = "api_doc")]
pub async fn load_api_doc() -> Result<Vec<(String, String, String)>, ServerFnError> {
    Ok(backend::app_state()?.api_operations.as_ref().clone())
}
