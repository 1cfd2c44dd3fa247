//! Server functions behind the pages. Thin: parse, call the knowledge service, shape
//! the result for a page. Forms always answer with a redirect, so they work the same
//! with and without JavaScript; a failed save is kept as a draft and shown again.

use crate::domain::form::Fields;
use crate::domain::{Counts, EntityKind, EntityMeta, EntitySummary, Problem};
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
pub struct RelationView {
    pub id: String,
    pub relationship_type: String,
    pub direction: String,
    pub outgoing: bool,
    pub other_kind: EntityKind,
    pub other_id: String,
    pub other_label: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityPage {
    pub meta: EntityMeta,
    pub body: Value,
    pub relations: Vec<RelationView>,
    pub stories: Vec<EntitySummary>,
    pub guides: Vec<EntitySummary>,
    /// Labels of entities this one refers to by id (thing_id, relationship endpoints).
    pub labels: BTreeMap<String, String>,
    /// An open conflict between concurrent edits of this entity.
    pub open_conflict: Option<String>,
    /// Why a moderator hid it. Readers then get only this, not the content.
    pub hidden: Option<crate::domain::Hidden>,
    /// The visitor may hide and show entries.
    pub may_moderate: bool,
    /// Entries that share the most neighbours with this one in the knowledge graph.
    pub related: Vec<EntitySummary>,
    /// Where it came from, when another instance made it or delivered its current version.
    pub provenance: Option<crate::federation::Provenance>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryItem {
    pub id: String,
    pub op: String,
    pub author: String,
    pub origin_instance: String,
    pub created_at: String,
    pub parents: Vec<String>,
    pub changed: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub kind: EntityKind,
    pub id: String,
    pub label: String,
    pub exists: bool,
    pub head: Option<String>,
    pub items: Vec<HistoryItem>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormPage {
    pub fields: Fields,
    pub problems: Vec<Problem>,
    pub base_revision: Option<String>,
    pub notice: Option<String>,
    /// (kind, id, label) of entities offered by the relationship and thing pickers.
    pub pickers: Vec<(EntityKind, String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecentChange {
    pub kind: EntityKind,
    pub entity_id: String,
    pub label: String,
    pub op: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub counts: Counts,
    pub recent: Vec<RecentChange>,
    pub public_url: String,
}

/// A form submission kept across the redirect after a failed save or an editor action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub kind: EntityKind,
    pub id: Option<String>,
    pub fields: Fields,
    pub problems: Vec<Problem>,
    pub base_revision: Option<String>,
    pub notice: Option<String>,
}

mod accounts;
mod admin;
mod federation;
mod search;

pub use accounts::*;
pub use admin::*;
pub use federation::*;
pub use search::*;

pub const PAGE_SIZE: i64 = 25;

#[cfg(feature = "ssr")]
mod backend {
    use super::*;
    pub use crate::domain::{parse_body, Body};
    use crate::service::{Knowledge, ServiceError};
    pub use crate::storage::{ListFilter, StoredEntity};
    use std::sync::Arc;

    pub fn app_state() -> Result<crate::state::AppState, ServerFnError> {
        use_context::<crate::state::AppState>()
            .ok_or_else(|| ServerFnError::new("server state missing"))
    }

    pub fn knowledge() -> Result<Arc<Knowledge>, ServerFnError> {
        Ok(app_state()?.knowledge)
    }

    /// A revision as a line of "recent changes" in the page language.
    pub fn recent_change(r: crate::revision::Revision, lang: &str) -> RecentChange {
        RecentChange {
            kind: r.entity_kind,
            label: parse_body(r.entity_kind, &r.body)
                .map(|b| b.label(lang))
                .unwrap_or_else(|| r.entity_id.clone()),
            entity_id: r.entity_id,
            op: r.op.as_str().to_string(),
            created_at: r.created_at,
        }
    }

    /// A revision as a history entry, with the fields it changed.
    pub fn history_item(r: &crate::revision::Revision, changed: Vec<String>) -> HistoryItem {
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

    pub fn summary(e: &StoredEntity, lang: &str) -> EntitySummary {
        let body = parse_body(e.meta.kind, &e.body);
        let subtitle = match &body {
            Some(Body::Thing(t)) => format!("{} · {}", t.thing_type, t.manufacturer.name),
            Some(Body::Story(s)) => s.story_type.clone(),
            Some(Body::Guide(g)) => g.guide_type.primary.clone(),
            Some(Body::Relationship(r)) => r.direction.clone(),
            None => String::new(),
        };
        EntitySummary {
            kind: e.meta.kind,
            id: e.meta.id.clone(),
            label: body
                .map(|b| b.label(lang))
                .unwrap_or_else(|| e.meta.id.clone()),
            subtitle,
            updated_at: e.meta.updated_at.clone(),
        }
    }

    pub async fn label_of(
        k: &Knowledge,
        id: &str,
        lang: &str,
    ) -> Result<Option<String>, ServerFnError> {
        let Some(kind) = k.store().kind_of(id).await.map_err(internal)? else {
            return Ok(None);
        };
        Ok(k.store()
            .get(kind, id)
            .await
            .map_err(internal)?
            .map(|e| summary(&e, lang).label))
    }

    pub fn random_token() -> Result<String, ServerFnError> {
        let mut b = [0u8; 16];
        getrandom::fill(&mut b).map_err(internal)?;
        Ok(hex::encode(b))
    }

    /// Keeps a failed form (never a password) for the page it redirects back to.
    pub async fn store_draft(
        k: &Knowledge,
        draft: &impl Serialize,
    ) -> Result<String, ServerFnError> {
        let token = random_token()?;
        let payload = serde_json::to_string(draft).map_err(internal)?;
        let now = crate::revision::now_rfc3339();
        // Drafts older than a day are dropped on the next write.
        let day_ago = time::OffsetDateTime::now_utc() - time::Duration::days(1);
        let cutoff = day_ago
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        k.store()
            .put_draft(&token, &payload, &now, &cutoff)
            .await
            .map_err(internal)?;
        Ok(token)
    }

    /// Whether the entity is hidden and the visitor may not see hidden entries.
    pub async fn hidden_from_visitor(
        k: &Knowledge,
        kind: EntityKind,
        id: &str,
    ) -> Result<bool, ServerFnError> {
        if k.hidden_reason(kind, id).await.map_err(internal)?.is_none() {
            return Ok(false);
        }
        Ok(super::session::authorize(crate::policy::Action::Hide)
            .await?
            .is_err())
    }

    pub fn service_notice(e: &ServiceError) -> Option<&'static str> {
        match e {
            ServiceError::Stale { .. } => Some("notice-stale"),
            ServiceError::NotFound { .. } => Some("notice-gone"),
            _ => None,
        }
    }
}

#[server(prefix = "/sfn", endpoint = "home")]
pub async fn load_home(lang: String) -> Result<HomeData, ServerFnError> {
    use backend::*;
    let k = knowledge()?;
    let counts = k.counts().await.map_err(internal)?;
    let revs = k.store().recent_revisions(10).await.map_err(internal)?;
    let mut recent = Vec::new();
    for r in revs {
        if !hidden_from_visitor(&k, r.entity_kind, &r.entity_id).await? {
            recent.push(recent_change(r, &lang));
        }
    }
    Ok(HomeData {
        counts,
        recent,
        public_url: k.public_url().to_string(),
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
    let (items, total) = k
        .list(
            kind,
            &ListFilter::from_params(kind, |p| filters.get(p).cloned()),
            skip,
            PAGE_SIZE,
        )
        .await
        .map_err(internal)?;
    let mut summaries: Vec<EntitySummary> = items.iter().map(|e| summary(e, &lang)).collect();
    if kind == EntityKind::Relationship {
        for (s, e) in summaries.iter_mut().zip(&items) {
            if let Some(Body::Relationship(r)) = crate::domain::parse_body(kind, &e.body) {
                let src = label_of(&k, &r.source_id, &lang)
                    .await?
                    .unwrap_or(r.source_id.clone());
                let dst = label_of(&k, &r.target_id, &lang)
                    .await?
                    .unwrap_or(r.target_id.clone());
                s.label = format!("{src} → {dst}");
                s.subtitle = r.relationship_type.clone();
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

#[server(prefix = "/sfn", endpoint = "entity")]
pub async fn load_entity(
    kind: EntityKind,
    id: String,
    lang: String,
) -> Result<Option<EntityPage>, ServerFnError> {
    use crate::service::ServiceError;
    use backend::*;
    let k = knowledge()?;
    let e = match k.get(kind, &id).await {
        Ok(e) => e,
        Err(ServiceError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(internal(e)),
    };
    let may_moderate = session::authorize(crate::policy::Action::Hide)
        .await?
        .is_ok();
    let hidden = crate::domain::parse_body(kind, &e.body).and_then(|b| b.hidden().cloned());
    if hidden.is_some() && !may_moderate {
        return Ok(Some(EntityPage {
            meta: e.meta,
            body: Value::Null,
            relations: Vec::new(),
            stories: Vec::new(),
            guides: Vec::new(),
            labels: BTreeMap::new(),
            open_conflict: None,
            hidden,
            may_moderate,
            related: Vec::new(),
            provenance: None,
        }));
    }
    let mut labels = BTreeMap::new();
    let mut relations = Vec::new();
    let (mut stories, mut guides) = (Vec::new(), Vec::new());
    match crate::domain::parse_body(kind, &e.body) {
        Some(Body::Relationship(r)) => {
            for other in [&r.source_id, &r.target_id] {
                if let Some(l) = label_of(&k, other, &lang).await? {
                    labels.insert(other.clone(), l);
                }
            }
        }
        Some(Body::Story(crate::domain::Story {
            thing_id: Some(t), ..
        }))
        | Some(Body::Guide(crate::domain::Guide {
            thing_id: Some(t), ..
        })) => {
            if let Some(l) = label_of(&k, &t, &lang).await? {
                labels.insert(t.clone(), l);
            }
        }
        _ => {}
    }
    if kind != EntityKind::Relationship {
        for rel in k.store().relationships_of(&id).await.map_err(internal)? {
            let Some(Body::Relationship(r)) =
                crate::domain::parse_body(EntityKind::Relationship, &rel.body)
            else {
                continue;
            };
            let outgoing = r.source_id == id;
            let (other_kind, other_id) = if outgoing {
                (r.target_type, r.target_id.clone())
            } else {
                (r.source_type, r.source_id.clone())
            };
            relations.push(RelationView {
                id: rel.meta.id.clone(),
                relationship_type: r.relationship_type.clone(),
                direction: r.direction.clone(),
                outgoing,
                other_kind,
                other_label: label_of(&k, &other_id, &lang).await?,
                other_id,
            });
        }
    }
    if kind == EntityKind::Thing {
        let store = k.store();
        stories = store
            .applying_to(EntityKind::Story, &id)
            .await
            .map_err(internal)?
            .iter()
            .map(|s| summary(s, &lang))
            .collect();
        guides = store
            .applying_to(EntityKind::Guide, &id)
            .await
            .map_err(internal)?
            .iter()
            .map(|s| summary(s, &lang))
            .collect();
    }
    let mut related = Vec::new();
    if kind != EntityKind::Relationship {
        let store = k.store();
        let ranked = app_state()?
            .search
            .also_looked_at(&id, 8)
            .await
            .map_err(internal)?;
        let mut rows = HashMap::new();
        for kind in [EntityKind::Thing, EntityKind::Story, EntityKind::Guide] {
            for row in store.get_many(kind, &ranked).await.map_err(internal)? {
                rows.insert(row.meta.id.clone(), row);
            }
        }
        related = ranked
            .iter()
            .filter_map(|other| rows.get(other))
            .map(|row| summary(row, &lang))
            .collect();
    }
    let open_conflict = k
        .store()
        .open_conflict_of(&id)
        .await
        .map_err(internal)?
        .map(|c| c.id);
    let provenance = backend::app_state()?
        .federation
        .provenance(&e.meta)
        .await
        .map_err(internal)?;
    Ok(Some(EntityPage {
        meta: e.meta,
        body: e.body,
        provenance,
        relations,
        stories,
        guides,
        labels,
        open_conflict,
        hidden,
        may_moderate,
        related,
    }))
}

/// Moderators hide an entry from readers (with a reason) or show it again.
#[server(prefix = "/sfn", endpoint = "moderate")]
pub async fn moderate_entity(
    kind: EntityKind,
    id: String,
    intent: String,
    reason: Option<String>,
) -> Result<(), ServerFnError> {
    use crate::service::ServiceError;
    use backend::*;
    let back = format!("/{}/{id}", kind.plural());
    let Some(moderator) = session::author_or_redirect(crate::policy::Action::Hide, &back).await?
    else {
        return Ok(());
    };
    let reason = (intent == "hide").then(|| reason.unwrap_or_default());
    match knowledge()?
        .set_hidden(kind, &id, reason.as_deref(), &moderator)
        .await
    {
        Ok(_) => leptos_axum::redirect(&format!("{back}?moderated={intent}")),
        Err(ServiceError::Invalid(_)) => leptos_axum::redirect(&format!("{back}?error=reason")),
        Err(e) if service_notice(&e).is_some() => {
            leptos_axum::redirect(&format!("{back}?error=moderation"))
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}

#[server(prefix = "/sfn", endpoint = "history")]
pub async fn load_history(
    kind: EntityKind,
    id: String,
    lang: String,
) -> Result<Option<HistoryPage>, ServerFnError> {
    use crate::service::ServiceError;
    use backend::*;
    let k = knowledge()?;
    if hidden_from_visitor(&k, kind, &id).await? {
        return Ok(None);
    }
    let revs = match k.history(kind, &id).await {
        Ok(r) => r,
        Err(ServiceError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(internal(e)),
    };
    let head = k
        .store()
        .get(kind, &id)
        .await
        .map_err(internal)?
        .map(|e| e.meta.revision);
    let exists = head.is_some();
    let label = revs
        .last()
        .and_then(|r| crate::domain::parse_body(kind, &r.body))
        .map(|b| b.label(&lang))
        .unwrap_or_else(|| id.clone());
    let by_id: HashMap<&str, &Value> = revs.iter().map(|r| (r.id.as_str(), &r.body)).collect();
    let null = Value::Null;
    let mut items: Vec<HistoryItem> = revs
        .iter()
        .map(|r| {
            let before = r
                .parents
                .first()
                .and_then(|p| by_id.get(p.as_str()).copied())
                .unwrap_or(&null);
            let changed = match r.op {
                crate::revision::Op::Delete => Vec::new(),
                _ => crate::domain::changed_paths(before, &r.body),
            };
            history_item(r, changed)
        })
        .collect();
    items.reverse();
    Ok(Some(HistoryPage {
        kind,
        id,
        label,
        exists,
        head,
        items,
    }))
}

/// Form contents for a new entity (`id` empty), an existing one, or a saved draft.
#[server(prefix = "/sfn", endpoint = "form")]
pub async fn load_form(
    kind: EntityKind,
    id: Option<String>,
    draft: Option<String>,
    prefill: Option<BTreeMap<String, String>>,
    lang: String,
) -> Result<Option<FormPage>, ServerFnError> {
    use crate::service::ServiceError;
    use backend::*;
    let k = knowledge()?;
    let mut page = FormPage::default();
    let stored_draft = match draft.filter(|d| !d.is_empty()) {
        Some(token) => k.store().get_draft(&token).await.map_err(internal)?,
        None => None,
    };
    let parsed: Option<Draft> = stored_draft.and_then(|p| serde_json::from_str(&p).ok());
    match parsed.filter(|d| d.kind == kind && d.id == id) {
        Some(d) => {
            page.fields = d.fields;
            page.problems = d.problems;
            page.base_revision = d.base_revision;
            page.notice = d.notice;
        }
        None => match &id {
            Some(id) => match k.get(kind, id).await {
                Ok(e) => {
                    let Some(body) = crate::domain::parse_body(kind, &e.body) else {
                        return Err(internal("stored body does not parse"));
                    };
                    page.fields = crate::domain::form::to_fields(&body);
                    page.base_revision = Some(e.meta.revision);
                }
                Err(ServiceError::NotFound { .. }) => return Ok(None),
                Err(e) => return Err(internal(e)),
            },
            None => {
                let allowed = [
                    "thing_id",
                    "source_type",
                    "source_id",
                    "target_type",
                    "target_id",
                    "relationship_type",
                ];
                for (key, v) in prefill.unwrap_or_default() {
                    if allowed.contains(&key.as_str()) {
                        page.fields.insert(key, v);
                    }
                }
                if matches!(kind, EntityKind::Story)
                    && !page.fields.contains_key("procedure.0.description.default")
                {
                    page.fields
                        .insert("procedure.0.description.default".into(), String::new());
                }
            }
        },
    }
    if matches!(
        kind,
        EntityKind::Relationship | EntityKind::Story | EntityKind::Guide
    ) {
        let kinds: &[EntityKind] = if kind == EntityKind::Relationship {
            &[EntityKind::Thing, EntityKind::Story, EntityKind::Guide]
        } else {
            &[EntityKind::Thing]
        };
        for pk in kinds {
            for (pid, stored_label) in k.store().labels(*pk, 300).await.map_err(internal)? {
                page.pickers.push((*pk, pid, stored_label));
            }
        }
    }
    let _ = lang;
    Ok(Some(page))
}

/// Saves a create/edit form, or applies an editor action (`intent`) to it.
#[server(prefix = "/sfn", endpoint = "save")]
pub async fn save_entity(
    kind: EntityKind,
    f: HashMap<String, String>,
) -> Result<(), ServerFnError> {
    use crate::service::ServiceError;
    use backend::*;
    let k = knowledge()?;
    let mut fields: Fields = f.into_iter().collect();
    let nonempty = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let intent = nonempty(fields.remove("intent")).unwrap_or_else(|| "save".into());
    let id = nonempty(fields.remove("id"));
    let base = nonempty(fields.remove("base_revision"));
    let form_url = match &id {
        Some(id) => format!("/{}/{id}/edit", kind.plural()),
        None => format!("/{}/new", kind.plural()),
    };
    let mut draft = Draft {
        kind,
        id: id.clone(),
        fields,
        problems: Vec::new(),
        base_revision: base.clone(),
        notice: None,
    };
    if intent != "save" {
        crate::domain::form::apply_intent(&mut draft.fields, &intent);
        let token = store_draft(&k, &draft).await?;
        leptos_axum::redirect(&format!("{form_url}?draft={token}"));
        return Ok(());
    }
    let action = if id.is_some() {
        crate::policy::Action::Update
    } else {
        crate::policy::Action::Create
    };
    let author = match session::authorize(action).await? {
        Ok(name) => name,
        Err(denied) => {
            // Keep the edit: the user comes back to it after signing in.
            let token = store_draft(&k, &draft).await?;
            leptos_axum::redirect(&session::refused(
                denied,
                &format!("{form_url}?draft={token}"),
            ));
            return Ok(());
        }
    };
    let input = crate::domain::form::from_fields(kind, &draft.fields);
    let result = match &id {
        Some(id) => k.update(kind, id, input, base, &author).await,
        None => k
            .create(kind, input, &author)
            .await
            .map(|entity| crate::service::Saved {
                entity,
                merged: false,
            }),
    };
    let result = result.map(|s| (s.merged, s.entity));
    match result {
        Ok((merged, saved)) => {
            let flag = if merged { "merged" } else { "saved" };
            leptos_axum::redirect(&format!("/{}/{}?{flag}=1", kind.plural(), saved.meta.id));
            Ok(())
        }
        Err(ServiceError::Conflict(view)) => {
            leptos_axum::redirect(&format!(
                "/{}/{}?conflict={}",
                kind.plural(),
                view.entity_id,
                view.conflict_id
            ));
            Ok(())
        }
        Err(ServiceError::Invalid(problems)) => {
            draft.problems = problems;
            let token = store_draft(&k, &draft).await?;
            leptos_axum::redirect(&format!("{form_url}?draft={token}"));
            Ok(())
        }
        Err(e) => {
            let Some(notice) = service_notice(&e) else {
                return Err(internal(e));
            };
            if let ServiceError::Stale { current, .. } = &e {
                // The user has now been told; saving again applies their version on top.
                draft.base_revision = Some(current.meta.revision.clone());
            }
            draft.notice = Some(notice.to_string());
            let token = store_draft(&k, &draft).await?;
            leptos_axum::redirect(&format!("{form_url}?draft={token}"));
            Ok(())
        }
    }
}

#[server(prefix = "/sfn", endpoint = "delete")]
pub async fn delete_entity(
    kind: EntityKind,
    id: String,
    base_revision: Option<String>,
    confirm: Option<String>,
) -> Result<(), ServerFnError> {
    use crate::service::ServiceError;
    use backend::*;
    let k = knowledge()?;
    let back = format!("/{}/{id}/delete", kind.plural());
    let Some(author) = session::author_or_redirect(crate::policy::Action::Delete, &back).await?
    else {
        return Ok(());
    };
    if confirm.as_deref() != Some("yes") {
        leptos_axum::redirect(&format!("/{}/{id}/delete?error=confirm", kind.plural()));
        return Ok(());
    }
    match k
        .delete(kind, &id, base_revision.filter(|b| !b.is_empty()), &author)
        .await
    {
        Ok(()) => leptos_axum::redirect(&format!("/{}?deleted=1", kind.plural())),
        Err(ServiceError::Stale { .. }) => {
            leptos_axum::redirect(&format!("/{}/{id}/delete?error=stale", kind.plural()))
        }
        Err(ServiceError::NotFound { .. }) => {
            leptos_axum::redirect(&format!("/{}?deleted=1", kind.plural()))
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}

#[server(prefix = "/sfn", endpoint = "api_doc")]
pub async fn load_api_doc() -> Result<Vec<(String, String, String)>, ServerFnError> {
    let doc = crate::openapi::document(env!("CARGO_PKG_VERSION"));
    Ok(crate::openapi::operations(&doc))
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiffPage {
    pub label: String,
    pub from: HistoryItem,
    pub to: HistoryItem,
    pub changes: Vec<crate::domain::diff::Change>,
}

#[server(prefix = "/sfn", endpoint = "diff")]
pub async fn load_diff(
    kind: EntityKind,
    id: String,
    from: Option<String>,
    to: Option<String>,
    lang: String,
) -> Result<Option<DiffPage>, ServerFnError> {
    use crate::service::ServiceError;
    use backend::*;
    let k = knowledge()?;
    let Some(from) = from.filter(|f| !f.is_empty()) else {
        return Ok(None);
    };
    if hidden_from_visitor(&k, kind, &id).await? {
        return Ok(None);
    }
    let (a, b, changes) = match k
        .diff(kind, &id, &from, to.as_deref().filter(|t| !t.is_empty()))
        .await
    {
        Ok(d) => d,
        Err(ServiceError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(internal(e)),
    };
    let item = |r: &crate::revision::Revision| history_item(r, Vec::new());
    Ok(Some(DiffPage {
        label: parse_body(kind, &b.body)
            .map(|x| x.label(&lang))
            .unwrap_or(id),
        from: item(&a),
        to: item(&b),
        changes,
    }))
}

#[server(prefix = "/sfn", endpoint = "revert")]
pub async fn revert_entity(
    kind: EntityKind,
    id: String,
    revision: String,
    base_revision: Option<String>,
) -> Result<(), ServerFnError> {
    use crate::service::ServiceError;
    use backend::*;
    let k = knowledge()?;
    let base = base_revision.filter(|b| !b.is_empty());
    let history = format!("/{}/{id}/history", kind.plural());
    let Some(author) = session::author_or_redirect(crate::policy::Action::Revert, &history).await?
    else {
        return Ok(());
    };
    match k.revert(kind, &id, &revision, base, &author).await {
        Ok(_) => leptos_axum::redirect(&format!("/{}/{id}?reverted=1", kind.plural())),
        Err(ServiceError::Stale { .. }) => leptos_axum::redirect(&format!("{history}?error=stale")),
        Err(ServiceError::Invalid(_)) => leptos_axum::redirect(&format!("{history}?error=invalid")),
        Err(ServiceError::NotFound { .. }) => {
            leptos_axum::redirect(&format!("{history}?error=gone"))
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictField {
    pub path: String,
    pub base: Option<String>,
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictPage {
    pub id: String,
    pub kind: EntityKind,
    pub entity_id: String,
    pub label: String,
    pub status: String,
    pub created_at: String,
    pub fields: Vec<ConflictField>,
}

#[cfg(feature = "ssr")]
fn conflict_page(v: crate::service::ConflictView, lang: &str) -> ConflictPage {
    use crate::service::show_value;
    let text = |x: &Option<Value>| x.as_ref().map(show_value);
    ConflictPage {
        label: crate::domain::parse_body(v.kind, &v.theirs)
            .map(|b| b.label(lang))
            .unwrap_or_else(|| v.entity_id.clone()),
        id: v.conflict_id,
        kind: v.kind,
        entity_id: v.entity_id,
        status: v.status,
        created_at: v.created_at,
        fields: v
            .fields
            .iter()
            .map(|f| ConflictField {
                path: f.path.clone(),
                base: text(&f.base),
                ours: text(&f.values.first().cloned().flatten()),
                theirs: text(&f.values.get(1).cloned().flatten()),
            })
            .collect(),
    }
}

#[server(prefix = "/sfn", endpoint = "conflicts")]
pub async fn load_conflicts(lang: String) -> Result<Vec<ConflictPage>, ServerFnError> {
    use backend::*;
    let k = knowledge()?;
    let (items, _) = k.open_conflicts(0, 200).await.map_err(internal)?;
    Ok(items.into_iter().map(|v| conflict_page(v, &lang)).collect())
}

#[server(prefix = "/sfn", endpoint = "conflict")]
pub async fn load_conflict(
    id: String,
    lang: String,
) -> Result<Option<ConflictPage>, ServerFnError> {
    use crate::service::ServiceError;
    use backend::*;
    let k = knowledge()?;
    match k.conflict(&id).await {
        Ok(v) => Ok(Some(conflict_page(v, &lang))),
        Err(ServiceError::NotFound { .. }) => Ok(None),
        Err(e) => Err(internal(e)),
    }
}

/// Resolves a conflict from its page: per field `c[pick.N]` is ours, theirs, base or
/// custom, with the custom value in `c[custom.N]` (text, or JSON for structured values).
#[server(prefix = "/sfn", endpoint = "resolve")]
pub async fn resolve_conflict(
    id: String,
    c: Option<HashMap<String, String>>,
) -> Result<(), ServerFnError> {
    use crate::service::ServiceError;
    use backend::*;
    let k = knowledge()?;
    let c = c.unwrap_or_default();
    let back = format!("/conflicts/{id}");
    let view = match k.conflict(&id).await {
        Ok(v) => v,
        Err(ServiceError::NotFound { .. }) => {
            leptos_axum::redirect("/conflicts");
            return Ok(());
        }
        Err(e) => return Err(internal(e)),
    };
    let mut choices = serde_json::Map::new();
    for (n, f) in view.fields.iter().enumerate() {
        let pick = c
            .get(&format!("pick.{n}"))
            .map(String::as_str)
            .unwrap_or("ours");
        let choice = match pick {
            "theirs" | "base" | "ours" => Value::String(pick.to_string()),
            _ => {
                let raw = c.get(&format!("custom.{n}")).cloned().unwrap_or_default();
                let structured = f.values.iter().flatten().any(|v| !v.is_string());
                let value = if structured {
                    match serde_json::from_str::<Value>(&raw) {
                        Ok(v) => v,
                        Err(_) => {
                            leptos_axum::redirect(&format!("{back}?error=custom"));
                            return Ok(());
                        }
                    }
                } else {
                    Value::String(raw)
                };
                serde_json::json!({ "value": value })
            }
        };
        choices.insert(f.path.clone(), choice);
    }
    let body = k
        .compose_resolution(&id, &choices)
        .await
        .map_err(internal)?;
    let Some(author) =
        session::author_or_redirect(crate::policy::Action::ResolveConflict, &back).await?
    else {
        return Ok(());
    };
    match k.resolve_conflict(&id, body, &author).await {
        Ok(e) => leptos_axum::redirect(&format!(
            "/{}/{}?resolved=1",
            e.meta.kind.plural(),
            e.meta.id
        )),
        Err(ServiceError::Invalid(_)) => leptos_axum::redirect(&format!("{back}?error=invalid")),
        Err(ServiceError::ConflictClosed(_)) => {
            leptos_axum::redirect(&format!("{back}?error=closed"))
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}
